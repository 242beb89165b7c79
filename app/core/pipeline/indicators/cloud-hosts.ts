/**
 * Shared cloud infrastructure: a host on one of these suffixes names a provider's service or a tenant's
 * resource on it (a bucket, a storage account, a CDN distribution), not an actor. Such a host is never
 * reported as a Host indicator (blocking or scoring `s3.amazonaws.com` hits everyone, and in alert
 * metadata a tenant host is most often the customer's own resource). A URL on such a host names one
 * object (a phishing page in a bucket) and is still reported as a URL; its host is not added by
 * "Report URL Hosts". The list is deliberately small; the allow-list covers the rest.
 */
export const CLOUD_SUFFIXES: readonly string[] = [
  'amazonaws.com', // s3, s3-website, execute-api, elb, ec2 … endpoints and virtual-hosted buckets
  'cloudfront.net',
  'googleapis.com', // storage.googleapis.com, compute.googleapis.com … (SCC resource names)
  'googleusercontent.com',
  'gstatic.com',
  'appspot.com',
  'core.windows.net', // blob / file / queue / table / web storage endpoints
  'microsoftonline.com', // login.microsoftonline.com
  'azurewebsites.net',
  'azureedge.net',
  'azurefd.net',
  'cloudapp.azure.com',
  'cloudapp.net',
  'trafficmanager.net',
  'akamaiedge.net',
  'akamaized.net',
  'edgekey.net',
  'edgesuite.net',
  'fastly.net',
];

/** The suffixes by their last label (`com`, `net`): a host's last label picks the few to compare. */
const BY_LAST_LABEL = new Map<string, string[]>();
for (const s of CLOUD_SUFFIXES) {
  const label = s.slice(s.lastIndexOf('.') + 1);
  BY_LAST_LABEL.set(label, [...(BY_LAST_LABEL.get(label) ?? []), s]);
}

/** `host` (canonical, lower case) is a cloud suffix or a name under one. */
export function isCloudHost(host: string): boolean {
  const suffixes = BY_LAST_LABEL.get(host.slice(host.lastIndexOf('.') + 1));
  if (suffixes === undefined) return false;
  for (const s of suffixes) if (host === s || (host.length > s.length && host.endsWith(s) && host[host.length - s.length - 1] === '.')) return true;
  return false;
}

/**
 * Round-7 provenance rules: the customer's own domain learnt from a self-hosted tool's links and from
 * the affected asset's names, `{ name, value }` pairs read by their name, CVE ids under id keys, and
 * User-Agent product versions that look like addresses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { INDICATOR_TYPES, extractIndicators } from '../../../../app/core/pipeline/indicators/extract-indicators.js';
import { scanAlert, type ScanOptions } from '../../../../app/core/pipeline/indicators/scan-alert.js';
import { ownDomains, registrableDomain } from '../../../../app/core/pipeline/indicators/tool-hosts.js';

const options: ScanOptions = { types: INDICATOR_TYPES, refang: true, allowList: [], dropPrivate: true, maxIndicators: 100, reportUrlHosts: true };
const scan = (item: unknown, extra: Partial<ScanOptions> = {}) => scanAlert(item, { ...options, ...extra }).map((i) => `${i.type}:${i.value}`);

test('registrable domain: last two labels, three under co.uk-like suffixes, none for one label', () => {
  assert.equal(registrableDomain('grafana.acme-corp.com'), 'acme-corp.com');
  assert.equal(registrableDomain('acme-corp.com'), 'acme-corp.com');
  assert.equal(registrableDomain('siem.acme.co.uk'), 'acme.co.uk');
  assert.equal(registrableDomain('kibana.acme.de'), 'acme.de');
  assert.equal(registrableDomain('prometheus-k8s-0'), null);
  assert.equal(registrableDomain('a..b'), null);
});

test('own domains: not from addresses, shared cloud hosts or single labels', () => {
  assert.deepEqual(ownDomains(new Set(['grafana.acme-corp.com', '10.0.0.5', 'abc.s3.amazonaws.com', 'alertmanager', 'es.acme-corp.com'])), ['acme-corp.com']);
});

test('a vendor console on an allow-listed domain teaches no own domain', () => {
  assert.deepEqual(ownDomains(new Set(['console.cloud.google.com', 'grafana.acme-corp.com']), ['cloud.google.com']), ['acme-corp.com']);
  const item = { finding: { externalUri: 'https://console.cloud.google.com/x', description: 'form at https://docs.google.com/forms/d/e/1FAIpQL/viewform' } };
  assert.deepEqual(scan(item, { allowList: ['cloud.google.com'] }), ['URL:https://docs.google.com/forms/d/e/1FAIpQL/viewform', 'Host:docs.google.com']);
});

test('a self-hosted tool link tells the customer domain: its other hosts and URLs are not reported', () => {
  const item = {
    generatorURL: 'https://grafana.acme-corp.com/alerting/grafana/x/view',
    labels: { instance: 'bastion-01.corp.acme-corp.com:9100', src_ip: '185.220.101.47' },
    message: 'Brute force on bastion-01.corp.acme-corp.com from 185.220.101.47, see https://wiki.acme-corp.com/runbook and https://evil-login.top/x',
  };
  assert.deepEqual(scan(item), ['Address:185.220.101.47', 'URL:https://evil-login.top/x', 'Host:evil-login.top']);
});

test('a bare url teaches nothing; a link the caller names as the tool (toolLinks) does', () => {
  const item = { url: 'https://phish.example-login.com/a', text: 'clicked https://phish.example-login.com/a from login.example-login.com' };
  assert.ok(scan(item).includes('Host:login.example-login.com'));
  const own = { text: 'deploy failed on web-1.acme.io, see https://wiki.acme.io/x; beacon to 45.155.205.233' };
  assert.deepEqual(scan(own, { toolLinks: ['https://splunk.acme.io/app/search/@go?sid=1'] }), ['Address:45.155.205.233']);
});

test('links under keys the preset declares metadata are tool links too', () => {
  const item = {
    context: {
      link: 'https://kibana.acme-corp.com:5601/app/x',
      message: 'see https://kibana.acme-corp.com:5601/app/x host fin-ws-22.corp.acme-corp.com to 103.145.13.90',
    },
  };
  assert.deepEqual(scan(item, { metadata: ['link'] }), ['Address:103.145.13.90']);
});

test('the affected asset names (ownHosts) and their domain are the customer own', () => {
  const item = { alert: { entity: 'vpn-gw-01.acme.net', description: 'login to vpn-gw-01.acme.net from 5.42.92.190, see https://wiki.acme.net/soc' } };
  assert.deepEqual(scan(item, { metadata: ['$.alert.entity'], ownHosts: ['vpn-gw-01.acme.net'] }), ['Address:5.42.92.190']);
  assert.deepEqual(scan(item, { ownHosts: ['not a host'] }).length > 1, true, 'a value that is no host name teaches nothing');
});

test('{ name, value } pairs: the name is the value key', () => {
  const item = {
    dimensions: [
      { name: 'IPAddress', value: '185.196.8.121' },
      { name: 'UserPrincipalName', value: 'alice@contoso.com' },
      { Key: 'Owner', Value: 'bob@contoso.com' },
    ],
  };
  assert.deepEqual(scan(item), ['Address:185.196.8.121']);
});

test('a CVE id under an id key is still reported; other ids are not', () => {
  const item = { vulnerability: { cve: { id: 'CVE-2024-6387' } }, finding: { id: 'CVE-like-not' }, detectorId: 'e3b0c44298fc1c149afbf4c8996fb924' };
  assert.deepEqual(scan(item), ['CVE:CVE-2024-6387']);
});

test('a dotted quad after a capitalised product token is a version, not an address', () => {
  const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/119.0.2151.97';
  const found = extractIndicators([`${ua} from 193.42.33.17`], { types: INDICATOR_TYPES, refang: false, allowList: [], dropPrivate: true, maxIndicators: 10 });
  assert.deepEqual(
    found.map((i) => `${i.type}:${i.value}`),
    ['Address:193.42.33.17'],
  );
  const plain = extractIndicators(['blocked 120.0.0.1 and path a/193.42.33.17'], {
    types: INDICATOR_TYPES,
    refang: false,
    allowList: [],
    dropPrivate: true,
    maxIndicators: 10,
  });
  assert.deepEqual(
    plain.map((i) => `${i.type}:${i.value}`),
    ['Address:120.0.0.1', 'Address:193.42.33.17'],
    'lower-case path segments and bare addresses stay addresses',
  );
});

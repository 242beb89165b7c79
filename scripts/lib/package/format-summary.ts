import type { Finding } from './finding.js';
import type { PackageSummary } from './package-project.js';

/** `3696638` → `3.5 MiB`. */
export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** One line per finding: `severity file jsonPath [rule] message (hint)`. */
export function formatPackageFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `${f.severity} ${f.file} ${f.jsonPath} [${f.rule}] ${f.message}${f.hint ? ` (${f.hint})` : ''}`).join('\n');
}

/** The human summary `npm run package` prints: identity, files, sizes, runtime, submission. */
export function formatSummary(summary: PackageSummary): string {
  const runtime = summary.runtime.included
    ? `included at runtime/node (${humanBytes(summary.runtime.bytes)} uncompressed, from ${summary.runtime.source})`
    : `not included (needs Node.js 20+ on the server; --with-runtime would add ${humanBytes(summary.runtime.bytes)} uncompressed)`;
  const lines = [
    `${summary.displayName} ${summary.version} → ${summary.folderKey}`,
    `features: ${summary.features.join(', ') || 'none'}`,
    `package   ${summary.tcx.path}  ${humanBytes(summary.tcx.bytes)}  sha256 ${summary.tcx.sha256}`,
    ...summary.tcx.files.map((f) => `  ${f.path}  ${humanBytes(f.bytes)}`),
    `bundle    ${humanBytes(summary.bundle.bytes)} from ${summary.bundle.inputs} modules; source map ${summary.bundle.sourceMap} (not shipped)`,
    `runtime   ${runtime}`,
    `submission ${summary.submission.folder}/  zip ${summary.submission.zip}  ${humanBytes(summary.submission.bytes)}  sha256 ${summary.submission.sha256}`,
    ...summary.submission.files.map((f) => `  ${f.path}  ${humanBytes(f.bytes)}`),
  ];
  if (summary.warnings.length > 0) lines.push(`warnings (${summary.warnings.length}):`, formatPackageFindings(summary.warnings));
  return lines.join('\n');
}

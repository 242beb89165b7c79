/**
 * `validateProject(root)`: install.json, layout.json and every template under templates/ — the
 * offline checks a partner runs before packaging. Used by `npm run validate` and the packager.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { InstallJson } from '../templates/service-trigger.js';
import { collector, type Finding } from './finding.js';
import { checkInstallJson, type InstallDoc } from './install-json.js';
import { checkLayoutJson } from './layout-json.js';
import { checkTemplate } from './template.js';

export type { Finding } from './finding.js';

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function readJson(path: string): Parsed {
  try {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** Every file under `dir`, depth first, sorted by name at each level ([] when it does not exist). */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? listFiles(p) : [p];
    });
}

/** The app slug used by the naming schema: display name, lower case, underscores. */
export function appSlug(displayName: string): string {
  return displayName
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export async function validateProject(root: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const installPath = join(root, 'install.json');
  const layoutPath = join(root, 'layout.json');
  let install: InstallDoc | null = null;

  const ij = collector('install.json', findings);
  if (!existsSync(installPath)) ij('IJ001', '$', 'install.json is missing', 'create it at the repository root');
  else {
    const parsed = readJson(installPath);
    if (!parsed.ok) ij('IJ001', '$', `not valid JSON: ${parsed.message}`, 'fix the JSON syntax');
    else {
      install = parsed.value as InstallDoc;
      checkInstallJson(parsed.value, ij, {
        layoutExists: existsSync(layoutPath),
        ...(typeof install.displayName === 'string' ? { slug: appSlug(install.displayName) } : {}),
      });
    }
  }

  if (existsSync(layoutPath)) {
    const lj = collector('layout.json', findings);
    const parsed = readJson(layoutPath);
    if (!parsed.ok) lj('LJ001', '$', `not valid JSON: ${parsed.message}`, 'fix the JSON syntax');
    else checkLayoutJson(parsed.value, install, lj);
  }

  const installForTemplates =
    install && Array.isArray(install.params) && typeof install.displayName === 'string' && typeof install.programVersion === 'string'
      ? (install as unknown as InstallJson)
      : null;
  for (const file of listFiles(join(root, 'templates'))) {
    const name = relative(root, file);
    const report = collector(name, findings);
    if (file.endsWith('.pbxz')) {
      report('S1', '$', '.pbxz archives are not inspected by this validator', 'ship the .pbx next to it so it can be checked', 'warning');
      continue;
    }
    if (!file.endsWith('.pbx')) continue;
    const parsed = readJson(file);
    if (!parsed.ok) {
      report('S1', '$', `not valid JSON: ${parsed.message}`, 'export the playbook again');
      continue;
    }
    checkTemplate(parsed.value, { install: installForTemplates, shipped: true }, report);
  }
  return findings;
}

export function formatFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'No findings: install.json, layout.json and the templates are valid.';
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
  for (const [file, list] of byFile) {
    lines.push(file);
    for (const f of list) {
      lines.push(`  ${f.severity === 'error' ? 'error  ' : 'warning'} ${f.rule.padEnd(5)} ${f.jsonPath}`);
      lines.push(`          ${f.message}`);
      lines.push(`          fix: ${f.hint}`);
    }
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  lines.push('', `${errors} error(s), ${findings.length - errors} warning(s)`);
  return lines.join('\n');
}

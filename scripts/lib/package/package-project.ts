import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appFolderKey } from './app-folder-key.js';
import { BUNDLE_FILE, bundleApp } from './bundle-app.js';
import { dryRunTemplates } from '../playbook/dry-run.js';
import { collectTemplates } from './collect-templates.js';
import { packagingFinding, type Finding, type Validate } from './finding.js';
import { forbiddenPaths } from './forbidden-paths.js';
import { readInstallFacts, type InstallFacts } from './install-facts.js';
import { filesWithSecrets, readDotEnvValues } from './leaked-secrets.js';
import { ZIP_EPOCH } from './package-date.js';
import { PackagingError } from './packaging-error.js';
import { generatedReference, renderReadme } from './render-readme.js';
import { guideImages, renderUserGuide } from './render-user-guide.js';
import { submissionFolderName } from './submission-folder-name.js';
import { writeZip, type ZipFile } from './write-zip.js';

/** Where the launcher puts a shipped Node runtime, relative to the app folder (see packaging/run.py). */
export const RUNTIME_FILE = 'runtime/node';
/** The launcher's name in the package; install.json's programMain `run` points at it. */
export const LAUNCHER_FILE = 'run.py';
/** tcex-cli's `tcex run` refuses an app folder without app.py (packaging/app.py: a note, nothing runs). */
export const TCEX_MARKER_FILE = 'app.py';

/** The repository that holds `packaging/` (run.py, the README template): four levels above this file. */
const TOOL_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface PackageOptions {
  /** Project root: install.json, layout.json, docs/, CHANGELOG.md, templates/, the entry. */
  root: string;
  /** Runs before anything is built; any error finding stops packaging. */
  validate: Validate;
  /** Runs after validation: plays the templates on the shipped samples; any error finding stops packaging. Default: dryRunTemplates. */
  dryRun?: Validate;
  /** Service entry relative to root. Default `app/run.ts`. */
  entry?: string;
  /** Output folder. Default `<root>/target`. */
  outDir?: string;
  /** Ship the Node runtime at `runtime/node`. Default false. */
  withRuntime?: boolean;
  /** The Node binary to ship or measure. Default `process.execPath`. */
  runtimePath?: string;
  /** Timestamp of every zip entry. Default 1980-01-01 (see packageDate for SOURCE_DATE_EPOCH). */
  mtime?: Date;
  /** Where `packaging/` lives. Default this repository. */
  toolRoot?: string;
  /** Deflate level of both zips, 0 (stored) to 9. Default 9; tests use 0 to keep the shipped runtime fast. */
  zipLevel?: number;
}

export interface FileSize {
  path: string;
  bytes: number;
}

export interface PackageSummary {
  displayName: string;
  version: string;
  folderKey: string;
  features: string[];
  tcx: { path: string; bytes: number; sha256: string; files: FileSize[] };
  bundle: { bytes: number; inputs: number; sourceMap: string };
  runtime: { included: boolean; bytes: number; source: string };
  submission: { folder: string; zip: string; bytes: number; sha256: string; files: FileSize[] };
  warnings: Finding[];
}

export type PackageResult = { ok: true; summary: PackageSummary } | { ok: false; findings: Finding[] };

const ACCEPTED_MAIN = new Set(['run', 'run.py']);

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function readOptional(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

async function readRequired(root: string, file: string, hint: string): Promise<Buffer> {
  const data = await readOptional(join(root, file));
  if (data === null) throw new PackagingError(file, `${file} is missing`, hint);
  return data;
}

function checkLaunchFacts(facts: InstallFacts): void {
  if (facts.programLanguage !== 'PYTHON' || !ACCEPTED_MAIN.has(facts.programMain)) {
    throw new PackagingError(
      'install.json',
      `the package starts through run.py, but install.json declares programLanguage "${facts.programLanguage}" and programMain "${facts.programMain}"`,
      'set "programLanguage": "PYTHON" and "programMain": "run"',
    );
  }
}

/** package.json and install.json must name the same version, or the bundle and the package disagree. */
async function checkVersionAgreement(root: string, facts: InstallFacts): Promise<void> {
  const raw = await readOptional(join(root, 'package.json'));
  if (raw === null) return;
  let version: unknown;
  try {
    version = (JSON.parse(raw.toString('utf8')) as { version?: unknown }).version;
  } catch {
    throw new PackagingError('package.json', 'package.json is not valid JSON');
  }
  if (version !== undefined && version !== facts.programVersion) {
    throw new PackagingError(
      'package.json',
      `package.json version ${String(version)} differs from install.json programVersion ${facts.programVersion}`,
      'bump both together: install.json is what the platform sees, package.json what the bundle reports',
    );
  }
}

function guardFiles(files: readonly ZipFile[], secrets: readonly string[], exempt: ReadonlySet<string>): void {
  const forbidden = forbiddenPaths(files.map((f) => f.path));
  if (forbidden.length > 0) throw new PackagingError('target', `files that must not ship: ${forbidden.join('; ')}`);
  const leaking = filesWithSecrets(
    files.filter((f) => !exempt.has(f.path)),
    secrets,
  );
  if (leaking.length > 0) {
    throw new PackagingError('target', `a secret (a .env value or a private key) would ship in: ${leaking.join(', ')}`, 'remove the secret from the sources');
  }
}

function prefixed(folder: string, files: readonly ZipFile[]): ZipFile[] {
  return files.map((f) => ({ ...f, path: `${folder}/${f.path}` }));
}

function sizes(files: readonly ZipFile[]): FileSize[] {
  return files.map((f) => ({ path: f.path, bytes: f.data.length })).sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function writeFolder(folder: string, files: readonly ZipFile[]): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  for (const file of files) {
    const path = join(folder, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.data, { mode: file.executable ? 0o755 : 0o644 });
  }
}

interface AppInputs {
  facts: InstallFacts;
  folderKey: string;
  readme: string;
  appFiles: ZipFile[];
  sourceMap: Buffer;
  bundleInputs: number;
  runtimeBytes: number;
}

/** Reads, checks and bundles everything the `.tcx` holds; writes nothing. */
async function prepareApp(options: PackageOptions, secrets: readonly string[]): Promise<AppInputs> {
  const { root } = options;
  const toolRoot = options.toolRoot ?? TOOL_ROOT;
  const runtimePath = options.runtimePath ?? process.execPath;
  const { facts, bytes: installJson } = await readInstallFacts(root);
  checkLaunchFacts(facts);
  await checkVersionAgreement(root, facts);
  const folderKey = appFolderKey(facts);

  const bundle = await bundleApp({ root, entry: options.entry ?? 'app/run.ts', identity: `${facts.displayName} ${facts.programVersion} (${folderKey})` });
  const layoutJson = await readOptional(join(root, 'layout.json'));
  const readme = renderReadme((await readRequired(toolRoot, 'packaging/readme.md', 'the README template')).toString('utf8'), facts, folderKey);
  const launcher = await readRequired(toolRoot, 'packaging/run.py', 'the launcher source');
  const tcexMarker = await readRequired(toolRoot, 'packaging/app.py', 'the app.py tcex-cli looks for');
  const runtime = options.withRuntime ? await readOptional(runtimePath) : null;
  if (options.withRuntime && runtime === null) throw new PackagingError(runtimePath, 'the Node runtime to ship cannot be read');

  const appFiles: ZipFile[] = [
    { path: TCEX_MARKER_FILE, data: tcexMarker },
    { path: 'install.json', data: installJson },
    ...(layoutJson === null ? [] : [{ path: 'layout.json', data: layoutJson }]),
    { path: 'README.md', data: Buffer.from(readme, 'utf8') },
    { path: BUNDLE_FILE, data: bundle.code },
    ...bundle.workers.map((w) => ({ path: w.path, data: w.code })),
    { path: LAUNCHER_FILE, data: launcher, executable: true },
    ...(runtime !== null ? [{ path: RUNTIME_FILE, data: runtime, executable: true }] : []),
  ];
  guardFiles(appFiles, secrets, new Set([RUNTIME_FILE]));
  return {
    facts,
    folderKey,
    readme,
    appFiles,
    sourceMap: bundle.map,
    bundleInputs: bundle.inputs.length,
    runtimeBytes: runtime?.length ?? (await stat(runtimePath).catch(() => ({ size: 0 }))).size,
  };
}

/** The submission folder's files (the `.tcx` given), checked; writes nothing. */
async function prepareSubmission(root: string, app: AppInputs, tcx: Buffer, secrets: readonly string[]): Promise<ZipFile[]> {
  const version = app.facts.programVersion;
  const guide = renderUserGuide(
    (await readRequired(root, 'docs/user-guide.md', 'write the user guide')).toString('utf8'),
    (await readRequired(root, 'CHANGELOG.md', 'keep a change log')).toString('utf8'),
    version,
    generatedReference(app.facts),
  );
  const templates = await collectTemplates(root);
  if (!templates.some((t) => /\.pbxz?$/i.test(t.path))) {
    throw new PackagingError('templates', 'no Playbook Template (.pbx or .pbxz) under templates/', 'the submission ships its templates next to the app');
  }
  const images: ZipFile[] = [];
  for (const image of guideImages(guide))
    images.push({ path: image, data: await readRequired(root, `docs/${image}`, 'the user guide shows it (npm run diagrams draws it)') });
  const documents: ZipFile[] = [
    { path: 'README.md', data: Buffer.from(app.readme, 'utf8') },
    { path: 'User Guide.md', data: Buffer.from(guide, 'utf8') },
    ...images,
    ...templates.map((t) => ({ path: `templates/${t.path}`, data: t.data })),
  ];
  guardFiles(documents, secrets, new Set());
  return [{ path: `${submissionFolderName(app.facts)} v${version}.tcx`, data: tcx }, ...documents];
}

async function build(options: PackageOptions, warnings: Finding[]): Promise<PackageSummary> {
  const { root } = options;
  const outDir = options.outDir ?? join(root, 'target');
  const mtime = options.mtime ?? ZIP_EPOCH;
  const secrets = await readDotEnvValues(root);

  const app = await prepareApp(options, secrets);
  const tcxFiles = prefixed(app.folderKey, app.appFiles);
  const tcx = await writeZip(tcxFiles, mtime, options.zipLevel);
  const submissionFiles = await prepareSubmission(root, app, tcx, secrets);
  const folderName = submissionFolderName(app.facts);
  const submissionZip = await writeZip(prefixed(folderName, submissionFiles), mtime, options.zipLevel);

  // Everything is checked: only now is anything written.
  const tcxPath = join(outDir, `${app.folderKey}.tcx`);
  const mapPath = join(outDir, `${app.folderKey}.${BUNDLE_FILE}.map`);
  const folderPath = join(outDir, 'submission', folderName);
  const zipPath = join(outDir, 'submission', `${folderName}.zip`);
  await mkdir(outDir, { recursive: true });
  await writeFile(tcxPath, tcx);
  await writeFile(mapPath, app.sourceMap);
  await writeFolder(folderPath, submissionFiles);
  await writeFile(zipPath, submissionZip);

  const shown = (path: string): string => relative(root, path) || '.';
  return {
    displayName: app.facts.displayName,
    version: app.facts.programVersion,
    folderKey: app.folderKey,
    features: app.facts.features,
    tcx: { path: shown(tcxPath), bytes: tcx.length, sha256: sha256(tcx), files: sizes(tcxFiles) },
    bundle: { bytes: app.appFiles.find((f) => f.path === BUNDLE_FILE)?.data.length ?? 0, inputs: app.bundleInputs, sourceMap: shown(mapPath) },
    runtime: { included: app.appFiles.some((f) => f.path === RUNTIME_FILE), bytes: app.runtimeBytes, source: options.runtimePath ?? process.execPath },
    submission: { folder: shown(folderPath), zip: shown(zipPath), bytes: submissionZip.length, sha256: sha256(submissionZip), files: sizes(submissionFiles) },
    warnings,
  };
}

/**
 * `npm run package`: validate → bundle → `target/<folder key>.tcx` → `target/submission/<folder>/` and
 * its zip. Never throws for a project problem: errors come back as findings.
 */
export async function packageProject(options: PackageOptions): Promise<PackageResult> {
  let findings: Finding[];
  try {
    findings = await options.validate(options.root);
  } catch (error) {
    return { ok: false, findings: [packagingFinding('.', `the validator failed: ${(error as Error).message}`)] };
  }
  if (findings.some((f) => f.severity === 'error')) return { ok: false, findings };
  try {
    const played = await (options.dryRun ?? dryRunTemplates)(options.root);
    if (played.some((f) => f.severity === 'error')) return { ok: false, findings: [...findings, ...played] };
  } catch (error) {
    return { ok: false, findings: [packagingFinding('templates', `the templates' dry run failed: ${(error as Error).message}`)] };
  }
  try {
    return {
      ok: true,
      summary: await build(
        options,
        findings.filter((f) => f.severity === 'warning'),
      ),
    };
  } catch (error) {
    if (error instanceof PackagingError) return { ok: false, findings: [packagingFinding(error.file, error.message, error.hint)] };
    return { ok: false, findings: [packagingFinding('.', `packaging failed: ${(error as Error).message}`)] };
  }
}

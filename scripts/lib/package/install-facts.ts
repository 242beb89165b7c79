import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PackagingError } from './packaging-error.js';

/** One install.json input, as far as packaging and the README need it. */
export interface InstallParam {
  name: string;
  label: string;
  type: string;
  required: boolean;
  encrypt: boolean;
  serviceConfig: boolean;
  hidden: boolean;
  note: string;
  /** The default as the platform shows it ('' when none; booleans as "true"/"false"). */
  default: string;
  /** The choices (Choice, MultiChoice, EditChoice) or allowed variable kinds such as ${KEYCHAIN}. */
  validValues: string[];
}

/** One declared playbook output variable. */
export interface InstallOutput {
  name: string;
  type: string;
  note: string;
}

/** The facts of install.json that packaging relies on (the validator checks the rest). */
export interface InstallFacts {
  displayName: string;
  programVersion: string;
  major: number;
  programLanguage: string;
  programMain: string;
  runtimeLevel: string;
  features: string[];
  note: string;
  params: InstallParam[];
  outputs: InstallOutput[];
}

const FILE = 'install.json';
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:[-+][0-9A-Za-z.+-]*)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(doc: Record<string, unknown>, key: string): string {
  const value = doc[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new PackagingError(FILE, `$.${key} must be a non-empty string`, `set "${key}" in install.json`);
  }
  return value;
}

function optionalString(doc: Record<string, unknown>, key: string): string {
  const value = doc[key];
  return typeof value === 'string' ? value : '';
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function toParam(value: unknown): InstallParam | null {
  if (!isRecord(value) || typeof value['name'] !== 'string') return null;
  return {
    name: value['name'],
    label: optionalString(value, 'label') || value['name'],
    type: optionalString(value, 'type'),
    required: value['required'] === true,
    encrypt: value['encrypt'] === true,
    serviceConfig: value['serviceConfig'] === true,
    hidden: value['hidden'] === true,
    note: optionalString(value, 'note'),
    default: ['string', 'boolean', 'number'].includes(typeof value['default']) ? String(value['default']) : '',
    validValues: stringList(value['validValues']),
  };
}

function toOutput(value: unknown): InstallOutput | null {
  if (!isRecord(value) || typeof value['name'] !== 'string' || typeof value['type'] !== 'string') return null;
  return { name: value['name'], type: value['type'], note: optionalString(value, 'note') };
}

/** Picks the packaging facts out of a parsed install.json; throws PackagingError when one is unusable. */
export function parseInstallFacts(doc: unknown): InstallFacts {
  if (!isRecord(doc)) throw new PackagingError(FILE, '$ must be a JSON object');
  const programVersion = requireString(doc, 'programVersion');
  const match = SEMVER.exec(programVersion);
  if (!match) {
    throw new PackagingError(FILE, `$.programVersion "${programVersion}" is not semver`, 'use MAJOR.MINOR.PATCH, e.g. 1.0.0');
  }
  const playbook = isRecord(doc['playbook']) ? doc['playbook'] : {};
  const outputs = Array.isArray(playbook['outputVariables']) ? playbook['outputVariables'] : [];
  const params = Array.isArray(doc['params']) ? doc['params'] : [];
  return {
    displayName: requireString(doc, 'displayName'),
    programVersion,
    major: Number(match[1]),
    programLanguage: requireString(doc, 'programLanguage'),
    programMain: requireString(doc, 'programMain'),
    runtimeLevel: requireString(doc, 'runtimeLevel'),
    features: stringList(doc['features']),
    note: optionalString(doc, 'note'),
    params: params.map(toParam).filter((p): p is InstallParam => p !== null),
    outputs: outputs.map(toOutput).filter((o): o is InstallOutput => o !== null),
  };
}

/** Reads `<root>/install.json` and returns its packaging facts plus the raw bytes to ship. */
export async function readInstallFacts(root: string): Promise<{ facts: InstallFacts; bytes: Buffer }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(join(root, FILE));
  } catch {
    throw new PackagingError(FILE, 'install.json is missing', 'packaging needs install.json at the project root');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new PackagingError(FILE, `install.json is not valid JSON: ${(error as Error).message}`);
  }
  return { facts: parseInstallFacts(doc), bytes };
}

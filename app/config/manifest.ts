/**
 * The parts of install.json the runtime needs: features, listDelimiter, which inputs are
 * multi-valued or encrypted, and every input's declaration (the trigger settings take their choices
 * and defaults from it: app/core/trigger/declared-inputs.ts). Read from the app directory.
 * A missing or unreadable install.json reads as no inputs: the app then refuses to start, naming
 * what is missing (createAlertApp), after the params and the logger are up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeclaredInput, InstallInputs } from '../core/trigger/declared-inputs.js';

export interface RuntimeManifest extends InstallInputs {
  displayName: string;
  programVersion: string;
  features: string[];
  listDelimiter: string;
  multiValueInputs: Set<string>;
  encryptedInputs: Set<string>;
  /** Every input install.json declares (name, type, default, validValues, serviceConfig). */
  params: DeclaredInput[];
  /** Where it came from, or why the defaults are used. */
  source: string;
}

interface ParamShape {
  name?: unknown;
  type?: unknown;
  allowMultiple?: unknown;
  encrypt?: unknown;
  default?: unknown;
  validValues?: unknown;
  serviceConfig?: unknown;
}

function declaration(p: ParamShape & { name: string }): DeclaredInput {
  return {
    name: p.name,
    ...(typeof p.type === 'string' ? { type: p.type } : {}),
    ...(p.default !== undefined && p.default !== null ? { default: p.default } : {}),
    ...(Array.isArray(p.validValues) ? { validValues: p.validValues.filter((v): v is string => typeof v === 'string') } : {}),
    ...(p.serviceConfig === true ? { serviceConfig: true } : {}),
  };
}

export function parseManifest(json: unknown, source: string): RuntimeManifest {
  const doc = (json !== null && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const params = Array.isArray(doc.params) ? (doc.params as ParamShape[]) : [];
  const named = params.filter((p): p is ParamShape & { name: string } => typeof p?.name === 'string');
  const names = (pred: (p: ParamShape) => boolean) => new Set(named.filter(pred).map((p) => p.name));
  return {
    displayName: typeof doc.displayName === 'string' ? doc.displayName : 'Alert Intake',
    programVersion: typeof doc.programVersion === 'string' ? doc.programVersion : '0.0.0',
    features: Array.isArray(doc.features) ? doc.features.filter((f): f is string => typeof f === 'string') : [],
    listDelimiter: typeof doc.listDelimiter === 'string' && doc.listDelimiter !== '' ? doc.listDelimiter : '|',
    multiValueInputs: names((p) => p.type === 'MultiChoice' || p.allowMultiple === true),
    encryptedInputs: names((p) => p.encrypt === true),
    params: named.map(declaration),
    source,
  };
}

export function readManifest(dir: string): RuntimeManifest {
  const path = join(dir, 'install.json');
  try {
    return parseManifest(JSON.parse(readFileSync(path, 'utf8')), path);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return parseManifest({}, `defaults (install.json not read: ${why.slice(0, 120)})`);
  }
}

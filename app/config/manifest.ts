/**
 * The parts of install.json the runtime needs: features, listDelimiter and which inputs are
 * multi-valued or encrypted. Read from the app directory (the platform's working directory).
 * A missing or unreadable install.json gives safe defaults and a warning, never a crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RuntimeManifest {
  displayName: string;
  programVersion: string;
  features: string[];
  listDelimiter: string;
  multiValueInputs: Set<string>;
  encryptedInputs: Set<string>;
  /** Where it came from, or why the defaults are used. */
  source: string;
}

interface ParamShape {
  name?: unknown;
  type?: unknown;
  allowMultiple?: unknown;
  encrypt?: unknown;
}

export function parseManifest(json: unknown, source: string): RuntimeManifest {
  const doc = (json !== null && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const params = Array.isArray(doc.params) ? (doc.params as ParamShape[]) : [];
  const names = (pred: (p: ParamShape) => boolean) => new Set(params.filter((p) => typeof p?.name === 'string' && pred(p)).map((p) => p.name as string));
  return {
    displayName: typeof doc.displayName === 'string' ? doc.displayName : 'Alert Intake',
    programVersion: typeof doc.programVersion === 'string' ? doc.programVersion : '0.0.0',
    features: Array.isArray(doc.features) ? doc.features.filter((f): f is string => typeof f === 'string') : [],
    listDelimiter: typeof doc.listDelimiter === 'string' && doc.listDelimiter !== '' ? doc.listDelimiter : '|',
    multiValueInputs: names((p) => p.type === 'MultiChoice' || p.allowMultiple === true),
    encryptedInputs: names((p) => p.encrypt === true),
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

/**
 * The inputs a playbook author edits, as install.json and layout.json describe them: read at start,
 * passed to the page as they are (names, labels, types, choices, defaults, display clauses), so an
 * input added to install.json appears in the console by itself.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InputParam {
  name: string;
  label: string;
  type: string;
  required: boolean;
  sequence: number;
  default?: unknown;
  validValues?: string[];
  encrypt?: boolean;
  note?: string;
  viewRows?: number;
  playbookDataType?: string[];
  /** layout.json display clause (SQL WHERE over the input names), when it has one. */
  display?: string;
}

export interface InputGroup {
  title: string;
  params: InputParam[];
}

export interface AppModel {
  displayName: string;
  /** Playbook-level inputs in layout order (inputs layout.json does not place come last, by sequence). */
  groups: InputGroup[];
  encrypted: Set<string>;
  outputs: Array<{ name: string; type: string }>;
}

type Json = Record<string, unknown>;

function readJson(path: string): Json {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    return {};
  }
}

export function buildAppModel(install: Json, layout: Json): AppModel {
  const params = (Array.isArray(install.params) ? install.params : [])
    .filter((p): p is Json => !!p && typeof p === 'object' && typeof (p as Json).name === 'string' && (p as Json).serviceConfig !== true)
    .map(
      (p): InputParam => ({
        name: String(p.name),
        label: typeof p.label === 'string' ? p.label : String(p.name),
        type: typeof p.type === 'string' ? p.type : 'String',
        required: p.required === true,
        sequence: typeof p.sequence === 'number' ? p.sequence : 999,
        ...(p.default !== undefined ? { default: p.default } : {}),
        ...(Array.isArray(p.validValues) ? { validValues: p.validValues.map(String) } : {}),
        ...(p.encrypt === true ? { encrypt: true } : {}),
        ...(typeof p.note === 'string' ? { note: p.note } : {}),
        ...(typeof p.viewRows === 'number' ? { viewRows: p.viewRows } : {}),
        ...(Array.isArray(p.playbookDataType) ? { playbookDataType: p.playbookDataType.map(String) } : {}),
      }),
    );
  const byName = new Map(params.map((p) => [p.name, p]));
  const placed = new Set<string>();
  const groups: InputGroup[] = [];
  const layoutGroups = Array.isArray(layout.inputs) ? (layout.inputs as Json[]) : [];
  for (const g of [...layoutGroups].sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0))) {
    const items: InputParam[] = [];
    for (const entry of Array.isArray(g.parameters) ? (g.parameters as Json[]) : []) {
      const p = byName.get(String(entry.name));
      if (!p || placed.has(p.name)) continue;
      placed.add(p.name);
      items.push(typeof entry.display === 'string' ? { ...p, display: entry.display } : p);
    }
    if (items.length) groups.push({ title: typeof g.title === 'string' ? g.title : 'Inputs', params: items });
  }
  const rest = params.filter((p) => !placed.has(p.name)).sort((a, b) => a.sequence - b.sequence);
  if (rest.length) groups.push({ title: groups.length ? 'More inputs' : 'Inputs', params: rest });
  const playbook = (install.playbook ?? {}) as Json;
  return {
    displayName: typeof install.displayName === 'string' ? install.displayName : 'Alert Intake',
    groups,
    encrypted: new Set(params.filter((p) => p.encrypt).map((p) => p.name)),
    outputs: (Array.isArray(playbook.outputVariables) ? (playbook.outputVariables as Json[]) : []).map((o) => ({ name: String(o.name), type: String(o.type) })),
  };
}

export function readAppModel(appDir: string): AppModel {
  return buildAppModel(readJson(join(appDir, 'install.json')), readJson(join(appDir, 'layout.json')));
}

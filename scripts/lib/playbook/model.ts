/**
 * The exported playbook as the runner reads it: loose shapes (exports drift, unknown keys are
 * ignored), with the JSON-in-string fields parsed once. No validation beyond what a run needs.
 */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface JobDef {
  id: number;
  name: string;
  programName: string;
  displayName: string;
  programVersion: string;
  /** Component call (pipeRunLevel, or a 32-hex programName). */
  component: boolean;
  active: boolean;
  /** paramName → value; a bare entry (no value) maps to undefined. */
  params: Map<string, string | undefined>;
}

export interface TriggerDef {
  id: number;
  name: string;
  type: string;
  raw: Obj;
}

export interface EdgeDef {
  type: string;
  sourceJobId?: number;
  sourceTriggerId?: number;
  targetJobId?: number;
  targetTriggerId?: number;
}

export interface PlaybookDef {
  name: string;
  kind: string;
  jobs: JobDef[];
  triggers: TriggerDef[];
  edges: EdgeDef[];
  /** Embedded components, by their definitionVersion (the caller's programName). */
  pipes: Map<string, PlaybookDef>;
  scopeVariables: Array<{ name: string; value: string }>;
  raw: Obj;
}

/** A JSON-in-string field parsed; the fallback when absent or not JSON. */
export function jsonField(value: unknown, fallback: unknown = []): unknown {
  if (typeof value !== 'string') return value ?? fallback;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return fallback;
  }
}

const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;

export function parameterMap(list: unknown): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const p of arr(list)) {
    if (!isObj(p) || !isObj(p.appCatalogItemParameter)) continue;
    const name = String(p.appCatalogItemParameter.paramName ?? '');
    // A repeated parameter (older exports): the first one with a value wins.
    if (out.get(name) !== undefined) continue;
    out.set(name, typeof p.value === 'string' ? p.value : p.value === undefined || p.value === null ? undefined : String(p.value));
  }
  return out;
}

function readJob(j: Obj): JobDef | null {
  const id = int(j.id);
  if (id === undefined) return null;
  const item = isObj(j.appCatalogItem) ? j.appCatalogItem : {};
  const programName = String(item.programName ?? '');
  return {
    id,
    name: String(j.name ?? `job ${id}`),
    programName,
    displayName: String(item.displayName ?? programName),
    programVersion: String(item.programVersion ?? ''),
    component: item.pipeRunLevel === true || /^[0-9a-f]{32}$/i.test(programName),
    active: j.active !== false,
    params: parameterMap(j.jobParameterList),
  };
}

function readEdge(e: Obj): EdgeDef {
  const edge: EdgeDef = { type: String(e.type ?? '') };
  for (const k of ['sourceJobId', 'sourceTriggerId', 'targetJobId', 'targetTriggerId'] as const) {
    const v = int(e[k]);
    if (v !== undefined) edge[k] = v;
  }
  return edge;
}

export function readPlaybook(doc: unknown): PlaybookDef {
  const d = isObj(doc) ? doc : {};
  const pipes = new Map<string, PlaybookDef>();
  for (const p of arr(d.exportablePipes)) {
    if (!isObj(p)) continue;
    const pipe = readPlaybook(p);
    pipes.set(String(p.definitionVersion ?? ''), pipe);
    for (const [k, v] of pipe.pipes) if (!pipes.has(k)) pipes.set(k, v);
  }
  return {
    name: String(d.name ?? '(unnamed)'),
    kind: String(d.type ?? 'Playbook'),
    jobs: arr(d.jobList)
      .filter(isObj)
      .map(readJob)
      .filter((j): j is JobDef => j !== null),
    triggers: arr(d.playbookTriggerList)
      .filter(isObj)
      .flatMap((t) => {
        const id = int(t.id);
        return id === undefined ? [] : [{ id, name: String(t.name ?? `trigger ${id}`), type: String(t.type ?? ''), raw: t }];
      }),
    edges: arr(d.playbookConnectionList).filter(isObj).map(readEdge),
    pipes,
    scopeVariables: arr(d.playbookScopeVariables)
      .filter(isObj)
      .map((v) => ({ name: String(v.name ?? ''), value: String(v.value ?? '') })),
    raw: d,
  };
}

/** A job as the trace and errors name it. */
export const jobLabel = (j: Pick<JobDef, 'id' | 'name'>): string => `job ${j.id} "${j.name}"`;

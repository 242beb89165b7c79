/**
 * Exported playbook templates (.pbx): the offline check list of the templates research §6 —
 * parse/shape (S*), graph (R*), variables (V*), components (C*) and our hygiene policy (H*) —
 * plus what 157 real exports show (shared templates.md, "Checked against 157 real exports"):
 * S7 full parameter list of the pinned app version, S8 Logger level case, S9 Iterator outputs,
 * S10 ROI metadata, C3 disjoint component ids, C4 pipeInputParams shape, C5 pipeOutputParams.
 * Every finding names the JSON path. Embedded components are checked recursively.
 */
import { CATALOG, GLOBAL_VARIABLES, HTTP_LINK_OUTPUTS, IF_ELSE_OPERATORS, LOGGER_LEVELS, type CatalogApp } from '../templates/catalog.js';
import { isServiceTrigger, serviceProgramName, type InstallJson } from '../templates/service-trigger.js';
import { STANDARD_TYPES } from '../../../app/core/outputs/variables.js';
import type { Report } from './finding.js';

type Obj = Record<string, unknown>;
type Decl = { name: string; type: string };

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const SEMVER = /^\d+\.\d+\.\d+$/;
const VARIABLE = /#(App|Trigger|Global):(\d+):([A-Za-z0-9_.\-[\]]+)!([A-Za-z0-9_-]+)/g;
const VARIABLE_START = /#(App|Trigger|Global):/g;
const EDGE_TYPES = ['Pass', 'Fail', 'StartLoop', 'EndLoop'];
const RETURN_TRIGGERS = ['HttpLink', 'UserAction', 'PipeConfig', 'WorkflowConfig'];
const IF_ELSE_PARAMS = ['operand_1', 'operator', 'operand_2', 'as_numeric', 'match_case'];
const KV_LIST_PARAMS = [
  'variable_mapping',
  'output_array',
  'string_expressions',
  'string_array_expressions',
  'array_inputs',
  'array_outputs',
  'attributes',
  'params',
  'headers',
  'column_mapping',
  'editable_fields',
];
const JSON_TRIGGER_FIELDS = ['outputVariables', 'pipeInputParams', 'pipeOutputParams', 'httpResponseHeader', 'cacheParams'];
const SECRET_LITERAL = /(api[_-]?key|secret|passw(or)?d|token)\s*[:=]\s*[^\s$#"']{8,}|\b(?:[A-Fa-f0-9]{40,}|[A-Za-z0-9+/]{40,}={0,2})\b/i;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

export interface TemplateContext {
  /** Our App Service's install.json: the outputs its trigger may be referenced by. */
  install: InstallJson | null;
  /** True for a shipped template: hygiene rules H* apply as errors. */
  shipped: boolean;
}

function parseJsonString(value: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof value !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

function decls(value: unknown): Decl[] {
  const parsed = parseJsonString(value);
  if (!parsed.ok) return [];
  return arr(parsed.value)
    .filter(isObj)
    .map((d) => ({ name: String(d.name ?? d.key ?? ''), type: String(d.type ?? 'String') }));
}

function paramMap(job: Obj): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const p of arr(job.jobParameterList)) {
    if (!isObj(p) || !isObj(p.appCatalogItemParameter)) continue;
    out.set(String(p.appCatalogItemParameter.paramName), typeof p.value === 'string' ? p.value : undefined);
  }
  return out;
}

function kvKeys(value: string | undefined): string[] {
  const parsed = parseJsonString(value ?? '[]');
  return parsed.ok
    ? arr(parsed.value)
        .filter(isObj)
        .map((x) => String(x.key))
    : [];
}

function catalogApp(item: Obj): CatalogApp | undefined {
  return CATALOG.find((a) => a.programName === item.programName);
}

/** Every string value under a node, with its JSON path. */
function strings(value: unknown, path: string, out: Array<{ path: string; text: string }> = []): Array<{ path: string; text: string }> {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) strings(v, `${path}[${i}]`, out);
  else if (isObj(value))
    for (const [k, v] of Object.entries(value)) strings(v, /^[A-Za-z_]\w*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`, out);
  return out;
}

export function checkTemplate(doc: unknown, ctx: TemplateContext, report: Report, base = '$'): void {
  // ---------------------------------------------------------------- S2 shape
  if (!isObj(doc)) {
    report('S2', base, 'a template must be a JSON object', 'export the playbook again');
    return;
  }
  const kind = doc.type;
  if (typeof doc.name !== 'string' || doc.name.trim() === '') report('S2', `${base}.name`, 'the template has no name', 'give it a descriptive name');
  for (const list of ['jobList', 'playbookTriggerList', 'playbookConnectionList']) {
    if (!Array.isArray(doc[list])) report('S2', `${base}.${list}`, `${list} must be a list`, 'export the playbook again');
  }
  if (!['Playbook', 'Component', 'Workflow', 'Standard', 'Pipe'].includes(String(kind))) {
    report('S2', `${base}.type`, `unknown type ${JSON.stringify(kind)}`, 'use Playbook or Component');
  }
  if (!['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].includes(String(doc.logLevel)))
    report('S2', `${base}.logLevel`, `logLevel ${JSON.stringify(doc.logLevel)} is not a log level`, 'use WARN');
  if (doc.version !== undefined && !/^\d+\.\d+$/.test(String(doc.version)))
    report('S2', `${base}.version`, `version ${JSON.stringify(doc.version)} is not "major.minor"`, 'e.g. "1.0"');
  if (typeof doc.description !== 'string' || doc.description.trim() === '')
    report('S2', `${base}.description`, 'the template has no description', 'describe what it does and what to edit');
  if (arr(doc.playbookLabels).length === 0 && ctx.shipped)
    report('S2', `${base}.playbookLabels`, 'the template has no label', 'add a label naming the integration', 'warning');
  if (ctx.shipped) {
    for (const key of ['roiDollarsPerHour', 'roiMinutes']) {
      if (typeof doc[key] !== 'number' || (doc[key] as number) < 0)
        report(
          'S10',
          `${base}.${key}`,
          `${key} is missing (every modern export carries roiDollarsPerHour and roiMinutes)`,
          'set a non-negative number, e.g. 75 and 10',
        );
    }
  }

  const triggers = arr(doc.playbookTriggerList).filter(isObj);
  const jobs = arr(doc.jobList).filter(isObj);
  const edges = arr(doc.playbookConnectionList).filter(isObj);
  const component = kind === 'Component' || kind === 'Pipe';

  // ---------------------------------------------------------------- S3 trigger count
  const pipeTriggers = triggers.filter((t) => t.type === 'PipeConfig');
  if (component && (pipeTriggers.length !== 1 || triggers.length !== 1))
    report('S3', `${base}.playbookTriggerList`, 'a Component has exactly one PipeConfig trigger', 'keep only the Component Trigger');
  if (!component && triggers.length < 1) report('S3', `${base}.playbookTriggerList`, 'a playbook needs a trigger', 'add the Alert Intake trigger');
  if (!component && ctx.shipped && triggers.length !== 1)
    report('S3', `${base}.playbookTriggerList`, 'our templates have exactly one trigger', 'remove the extra triggers');

  // ---------------------------------------------------------------- S4 ids
  const jobIds = new Map<number, Obj>();
  const triggerIds = new Map<number, Obj>();
  jobs.forEach((j, i) => {
    if (!Number.isInteger(j.id)) report('S4', `${base}.jobList[${i}].id`, 'job id must be an integer', 'renumber');
    else if (jobIds.has(j.id as number)) report('S4', `${base}.jobList[${i}].id`, `duplicate job id ${String(j.id)}`, 'make job ids unique');
    else jobIds.set(j.id as number, j);
  });
  triggers.forEach((t, i) => {
    if (!Number.isInteger(t.id)) report('S4', `${base}.playbookTriggerList[${i}].id`, 'trigger id must be an integer', 'renumber');
    else if (triggerIds.has(t.id as number))
      report('S4', `${base}.playbookTriggerList[${i}].id`, `duplicate trigger id ${String(t.id)}`, 'make trigger ids unique');
    else triggerIds.set(t.id as number, t);
    if (jobIds.has(t.id as number))
      report(
        'S4',
        `${base}.playbookTriggerList[${i}].id`,
        `trigger id ${String(t.id)} is also a job id`,
        'use distinct ranges for triggers and jobs',
        'warning',
      );
  });
  const jobPath = (j: Obj) => `${base}.jobList[${jobs.indexOf(j)}]`;
  const trgPath = (t: Obj) => `${base}.playbookTriggerList[${triggers.indexOf(t)}]`;

  // ---------------------------------------------------------------- S5 / S6 jobs and JSON strings
  jobs.forEach((j) => {
    const at = jobPath(j);
    const item = j.appCatalogItem;
    if (!isObj(item) || typeof item.programName !== 'string' || typeof item.displayName !== 'string' || typeof item.programVersion !== 'string') {
      report('S5', `${at}.appCatalogItem`, 'appCatalogItem needs programName, displayName and programVersion', 'copy them from the app catalog');
    } else if (!SEMVER.test(item.programVersion)) {
      report(
        'S5',
        `${at}.appCatalogItem.programVersion`,
        `programVersion ${JSON.stringify(item.programVersion)} is not semver`,
        'pin a released version, e.g. 1.0.17',
      );
    }
    const names = new Set<string>();
    arr(j.jobParameterList).forEach((p, pi) => {
      const name = isObj(p) && isObj(p.appCatalogItemParameter) ? String(p.appCatalogItemParameter.paramName) : '';
      if (!name) report('S5', `${at}.jobParameterList[${pi}]`, 'parameter without appCatalogItemParameter.paramName', 'fix the parameter entry');
      else if (names.has(name)) report('S5', `${at}.jobParameterList[${pi}]`, `duplicate parameter ${name}`, 'keep one entry per parameter');
      names.add(name);
      if (isObj(p) && p.value !== undefined && typeof p.value !== 'string')
        report('S5', `${at}.jobParameterList[${pi}].value`, 'parameter values are strings', 'quote the value');
      if (KV_LIST_PARAMS.includes(name) && isObj(p) && typeof p.value === 'string') {
        const parsed = parseJsonString(p.value);
        if (!parsed.ok || !Array.isArray(parsed.value) || !parsed.value.every((x) => isObj(x) && 'key' in x && 'value' in x)) {
          report('S6', `${at}.jobParameterList[${pi}].value`, `${name} must be a JSON string of [{key, value}]`, 'encode the list as JSON text');
        }
      }
    });
    if (j.outputVariables !== undefined && !parseJsonString(j.outputVariables).ok)
      report('S6', `${at}.outputVariables`, 'outputVariables is not a JSON string', 'encode it as JSON text');
    if (isObj(item)) checkRealExportShape(j, item, at, report);
  });
  triggers.forEach((t) => {
    for (const f of JSON_TRIGGER_FIELDS) {
      if (t[f] !== undefined && !parseJsonString(t[f]).ok) report('S6', `${trgPath(t)}.${f}`, `${f} is not a JSON string`, 'encode it as JSON text');
    }
  });

  // ---------------------------------------------------------------- R1–R6 graph
  const forward = new Map<string, string[]>(); // node → successors (no return/EndLoop edges)
  const node = (kindOf: 'job' | 'trigger', id: unknown) => `${kindOf}:${String(id)}`;
  const seenEdges = new Set<string>();
  edges.forEach((e, i) => {
    const at = `${base}.playbookConnectionList[${i}]`;
    const hasSJ = e.sourceJobId !== undefined;
    const hasST = e.sourceTriggerId !== undefined;
    const hasTJ = e.targetJobId !== undefined;
    const hasTT = e.targetTriggerId !== undefined;
    if (hasSJ === hasST || hasTJ === hasTT) {
      report('R1', at, 'a connection needs exactly one source and one target', 'set sourceJobId xor sourceTriggerId, and targetJobId xor targetTriggerId');
      return;
    }
    const src = hasSJ ? jobIds.get(e.sourceJobId as number) : triggerIds.get(e.sourceTriggerId as number);
    const dst = hasTJ ? jobIds.get(e.targetJobId as number) : triggerIds.get(e.targetTriggerId as number);
    if (!src)
      report(
        'R1',
        at,
        `source ${hasSJ ? 'job' : 'trigger'} ${String(hasSJ ? e.sourceJobId : e.sourceTriggerId)} does not exist`,
        'point the connection at an existing node',
      );
    if (!dst)
      report(
        'R1',
        at,
        `target ${hasTJ ? 'job' : 'trigger'} ${String(hasTJ ? e.targetJobId : e.targetTriggerId)} does not exist`,
        'point the connection at an existing node',
      );
    if (!src || !dst) return;
    const type = String(e.type);
    if (!EDGE_TYPES.includes(type)) report('R2', `${at}.type`, `connection type ${JSON.stringify(e.type)} is not Pass/Fail/StartLoop/EndLoop`, 'fix the type');
    if (type === 'Fail' && hasST) report('R2', `${at}.type`, 'a Fail connection cannot start at a trigger', 'use Pass');
    if (type === 'StartLoop' && (!hasSJ || (src.appCatalogItem as Obj | undefined)?.programName !== 'Iterator'))
      report('R2', at, 'StartLoop must start at an Iterator', 'connect the Iterator to the loop body');
    if (type === 'EndLoop' && (!hasTJ || (dst.appCatalogItem as Obj | undefined)?.programName !== 'Iterator'))
      report('R2', at, 'EndLoop must end at an Iterator', 'connect the loop body back to its Iterator');
    const circular = type === 'EndLoop' || hasTT;
    if (e.isCircularOnTarget !== circular)
      report('R2', `${at}.isCircularOnTarget`, `isCircularOnTarget must be ${circular} here`, 'true exactly for EndLoop edges and edges back to a trigger');
    if (hasTT) {
      if (!RETURN_TRIGGERS.includes(String(dst.type))) report('R3', at, `a job cannot return to a ${String(dst.type)} trigger`, 'remove the return edge');
      else if (ctx.shipped && dst.type === 'HttpLink')
        report(
          'R3',
          at,
          'the webhook template must not return to its trigger (the sender needs an immediate acknowledgement)',
          'remove the return edge',
          'warning',
        );
    }
    const key = `${type}|${hasSJ ? 'j' : 't'}${String(hasSJ ? e.sourceJobId : e.sourceTriggerId)}|${hasTJ ? 'j' : 't'}${String(hasTJ ? e.targetJobId : e.targetTriggerId)}`;
    if (seenEdges.has(key)) report('R5', at, 'duplicate connection', 'remove it');
    seenEdges.add(key);
    if (hasSJ && hasTJ && e.sourceJobId === e.targetJobId) report('R5', at, 'a connection from a node to itself', 'remove it');
    if (!circular) {
      const from = hasSJ ? node('job', e.sourceJobId) : node('trigger', e.sourceTriggerId);
      const to = hasTJ ? node('job', e.targetJobId) : node('trigger', e.targetTriggerId);
      forward.set(from, [...(forward.get(from) ?? []), to]);
    }
  });
  const reachableFrom = (start: string): Set<string> => {
    const seen = new Set<string>([start]);
    const stack = [start];
    while (stack.length) {
      for (const n of forward.get(stack.pop()!) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push(n);
      }
    }
    return seen;
  };
  const fromTriggers = new Set<string>();
  for (const t of triggers) for (const n of reachableFrom(node('trigger', t.id))) fromTriggers.add(n);
  jobs.forEach((j) => {
    if (j.active !== false && !fromTriggers.has(node('job', j.id)))
      report('R4', jobPath(j), `job ${String(j.id)} "${String(j.name)}" is not reachable from a trigger`, 'connect it or remove it');
  });
  jobs.forEach((j) => {
    const item = isObj(j.appCatalogItem) ? j.appCatalogItem : {};
    const outgoing = edges.filter((e) => e.sourceJobId === j.id);
    if (item.programName === 'If / Else') {
      const ps = paramMap(j);
      for (const p of IF_ELSE_PARAMS)
        if (!ps.has(p)) report('R6', `${jobPath(j)}.jobParameterList`, `If / Else lacks parameter ${p}`, 'set all five parameters');
      if (ps.has('operator') && !(IF_ELSE_OPERATORS as readonly string[]).includes(String(ps.get('operator'))))
        report(
          'R6',
          `${jobPath(j)}.jobParameterList`,
          `If / Else operator ${JSON.stringify(ps.get('operator'))} is not known`,
          `use one of ${IF_ELSE_OPERATORS.join(', ')}`,
        );
      if (outgoing.length === 0) report('R6', jobPath(j), 'If / Else has no outgoing connection', 'connect its Pass and/or Fail branch');
    }
    if (item.programName === 'Iterator') {
      const starts = outgoing.filter((e) => e.type === 'StartLoop').length;
      const ends = edges.filter((e) => e.targetJobId === j.id && e.type === 'EndLoop').length;
      if (starts !== 1 || ends < 1) report('R6', jobPath(j), 'an Iterator needs one StartLoop and an EndLoop back to it', 'wire the loop body');
    }
  });

  // ---------------------------------------------------------------- outputs of every producer (for V4/V5)
  const pipes = arr(doc.exportablePipes).filter(isObj);
  const producerOutputs = (kindOf: 'App' | 'Trigger', id: number): { decls: Decl[]; strict: boolean } | null => {
    if (kindOf === 'Trigger') {
      const t = triggerIds.get(id);
      if (!t) return null;
      if (t.type === 'HttpLink') return { decls: HTTP_LINK_OUTPUTS, strict: true };
      if (isServiceTrigger(t) && ctx.install) return { decls: ctx.install.playbook?.outputVariables ?? [], strict: true };
      return { decls: decls(t.outputVariables), strict: t.type === 'PipeConfig' };
    }
    const j = jobIds.get(id);
    if (!j) return null;
    const item = isObj(j.appCatalogItem) ? j.appCatalogItem : {};
    const app = catalogApp(item);
    if (app) {
      const ps = paramMap(j);
      const fromParams = (app.outputsFrom ?? []).flatMap((f) => kvKeys(ps.get(f.param)).map((name) => ({ name, type: f.type })));
      return { decls: [...app.outputs, ...fromParams], strict: true };
    }
    if (item.pipeRunLevel === true) {
      const pipe = pipes.find((p) => p.definitionVersion === item.programName);
      const trigger = pipe ? arr(pipe.playbookTriggerList).filter(isObj)[0] : undefined;
      const outs = trigger ? pipeOutputs(trigger.pipeOutputParams) : [];
      return { decls: outs, strict: pipe !== undefined };
    }
    return { decls: decls(j.outputVariables), strict: false };
  };

  // ---------------------------------------------------------------- V1–V6 variable references
  const scopeVars = new Set(
    arr(doc.playbookScopeVariables)
      .filter(isObj)
      .map((v) => `gbl.${String(v.name).toLowerCase()}`),
  );
  const consumers: Array<{ path: string; text: string; consumer: string; loopOutputs?: boolean }> = [];
  for (const j of jobs) {
    for (const [pi, p] of arr(j.jobParameterList).entries()) {
      if (!isObj(p) || typeof p.value !== 'string') continue;
      // An Iterator's array_outputs collect what its loop body produced: downstream of it, by design.
      const loopOutputs =
        (j.appCatalogItem as Obj | undefined)?.programName === 'Iterator' &&
        isObj(p.appCatalogItemParameter) &&
        p.appCatalogItemParameter.paramName === 'array_outputs';
      consumers.push({ path: `${jobPath(j)}.jobParameterList[${pi}].value`, text: p.value, consumer: node('job', j.id), loopOutputs });
    }
  }
  triggers.forEach((t) => {
    for (const f of ['httpResponseBody', 'httpResponseHeader', 'pipeOutputParams']) {
      if (typeof t[f] === 'string') consumers.push({ path: `${trgPath(t)}.${f}`, text: t[f] as string, consumer: `return:${String(t.id)}` });
    }
  });
  const returnSources = (triggerId: unknown) =>
    edges.filter((e) => e.targetTriggerId === triggerId && e.sourceJobId !== undefined).map((e) => node('job', e.sourceJobId));
  for (const c of consumers) {
    const starts = [...c.text.matchAll(VARIABLE_START)].length;
    const matches = [...c.text.matchAll(VARIABLE)];
    if (matches.length < starts) report('V1', c.path, 'a variable reference does not match #Provider:<id>:<name>!<Type>', 'fix the reference');
    for (const m of matches) {
      const [ref, provider, idText, name, type] = m as unknown as [string, string, string, string, string];
      if (!(STANDARD_TYPES as readonly string[]).includes(type) && STANDARD_TYPES.some((s) => type.startsWith(s)))
        report('V1', c.path, `${ref}: unknown type ${type}`, 'use a playbook data type');
      if (provider === 'Global') {
        if (!GLOBAL_VARIABLES.includes(name) && !scopeVars.has(name))
          report('V6', c.path, `${ref}: ${name} is not a built-in global or playbook scope variable`, `use one of ${GLOBAL_VARIABLES.join(', ')}`);
        continue;
      }
      const id = Number(idText);
      const producer = provider === 'App' ? node('job', id) : node('trigger', id);
      const outs = producerOutputs(provider as 'App' | 'Trigger', id);
      if (!outs) {
        report('V2', c.path, `${ref}: ${provider === 'App' ? 'job' : 'trigger'} ${id} does not exist`, 'reference an existing node');
        continue;
      }
      const consumerNodes = c.consumer.startsWith('return:') ? returnSources(Number(c.consumer.slice(7))) : [c.consumer];
      for (const cn of consumerNodes) {
        if (c.loopOutputs) {
          if (!reachableFrom(cn).has(producer))
            report('V3', c.path, `${ref}: array_outputs must come from the Iterator's loop body`, 'reference a node inside the loop');
          continue;
        }
        if (cn !== producer && !reachableFrom(producer).has(cn))
          report('V3', c.path, `${ref}: the producer is not upstream of this node`, 'reference only variables produced before this node runs');
      }
      const decl = outs.decls.find((d) => d.name === name);
      if (!decl)
        report(
          'V4',
          c.path,
          `${ref}: ${name} is not an output of ${provider === 'App' ? 'job' : 'trigger'} ${id}`,
          'use a declared output name',
          outs.strict ? 'error' : 'warning',
        );
      else if (decl.type !== type)
        report('V5', c.path, `${ref}: declared as ${decl.type}, referenced as ${type}`, `reference it as !${decl.type}`, outs.strict ? 'error' : 'warning');
    }
  }

  // ---------------------------------------------------------------- C1–C2 components
  if (component) {
    const t = pipeTriggers[0];
    if (t) checkPipeParams(t, trgPath(t), report);
    if (t) {
      const inputs = decls(t.pipeInputParams)
        .map((d) => d.name)
        .sort();
      const mirrored = decls(t.outputVariables)
        .map((d) => d.name)
        .sort();
      if (JSON.stringify(inputs) !== JSON.stringify(mirrored))
        report(
          'C1',
          `${trgPath(t)}.outputVariables`,
          'pipeInputParams names must equal the trigger outputVariables names',
          'mirror every input as a trigger output',
        );
      if (decls(t.pipeOutputParams).length > 0 && returnSources(t.id).length === 0)
        report('C1', trgPath(t), 'the component declares outputs but nothing returns to its trigger', 'connect the last node back to the Component Trigger');
    }
  }
  jobs.forEach((j) => {
    const item = isObj(j.appCatalogItem) ? j.appCatalogItem : {};
    if (item.pipeRunLevel !== true) return;
    const pi = pipes.findIndex((p) => p.definitionVersion === item.programName);
    if (pi < 0) {
      report(
        'C2',
        `${jobPath(j)}.appCatalogItem`,
        `component ${String(item.programName)} is not embedded in exportablePipes`,
        'embed the component (as an export does)',
      );
      return;
    }
    const pipeTrigger = arr(pipes[pi]!.playbookTriggerList).filter(isObj)[0];
    const parsedInputs = parseJsonString(pipeTrigger?.pipeInputParams);
    const inputs = arr(parsedInputs.ok ? parsedInputs.value : []).filter(isObj);
    const given = paramMap(j);
    for (const name of given.keys())
      if (!inputs.some((i) => i.name === name))
        report('C2', `${jobPath(j)}.jobParameterList`, `parameter ${name} is not an input of the component`, "use the component's input names");
    for (const input of inputs)
      if (input.required === true && !given.get(String(input.name)))
        report('C1', `${jobPath(j)}.jobParameterList`, `required component input ${String(input.name)} is not set`, 'set it');
  });
  pipes.forEach((p, i) => {
    const pipeBase = `${base}.exportablePipes[${i}]`;
    const clashes = [...arr(p.jobList), ...arr(p.playbookTriggerList)]
      .filter(isObj)
      .map((n) => n.id)
      .filter((id) => jobIds.has(id as number) || triggerIds.has(id as number));
    if (clashes.length > 0)
      report(
        'C3',
        pipeBase,
        `the embedded component reuses the playbook's ids ${[...new Set(clashes)].join(', ')}`,
        "number the component's trigger and jobs apart from the playbook's (e.g. 200, 201-208), as real exports do",
      );
    checkTemplate(p, { ...ctx }, report, pipeBase);
  });

  // ---------------------------------------------------------------- H1–H5 hygiene
  triggers.forEach((t) => {
    for (const f of ['httpBasicAuthUsername', 'httpBasicAuthPassword', 'publishUsername', 'publishPassword']) {
      if (typeof t[f] === 'string' && (t[f] as string) !== '')
        report('H1', `${trgPath(t)}.${f}`, `${f} carries a credential`, 'clear it; use ${ORGANIZATION:KEYCHAIN:…} variables for credentials');
    }
  });
  for (const { path, text } of strings(doc, base)) {
    if (path.includes('.exportablePipes[')) continue; // checked with the pipe itself
    if (/(publishUsername|publishPassword)$/.test(path) && text !== '') report('H1', path, 'exported publish credentials', 'remove them');
    if (SECRET_LITERAL.test(text.replace(/#(App|Trigger|Global):\d+:[^!\s]+![A-Za-z]+/g, '').replace(/\$\{[^}]+\}/g, '')))
      report('H1', path, 'a value looks like a secret literal', 'use a ${ORGANIZATION:KEYCHAIN:…} variable');
    if (/\$\{USERS?:/.test(text))
      report('H2', path, 'a personal recipient (${USERS:…}) is instance-specific', 'notify the organization or use a variable the user sets');
    if (EMAIL.test(text)) report('H2', path, 'a personal email address is instance-specific', 'remove it');
  }
  if (doc.groupXid !== undefined) report('H2', `${base}.groupXid`, 'groupXid is instance-specific', 'remove it');
  jobs.forEach((j) => {
    const item = isObj(j.appCatalogItem) ? j.appCatalogItem : {};
    if (item.id !== undefined || arr(item.runLevels).some((r) => isObj(r) && r.id !== undefined))
      report('H2', `${jobPath(j)}.appCatalogItem`, 'catalog ids are instance-specific', 'drop appCatalogItem.id and runLevels ids');
    if (!ctx.shipped) return;
    const known = catalogApp(item);
    if (known && known.programVersion !== item.programVersion)
      report(
        'H3',
        `${jobPath(j)}.appCatalogItem.programVersion`,
        `${String(item.programName)} is pinned to ${known.programVersion} in the dependency list, not ${String(item.programVersion)}`,
        'use the pinned released version',
      );
    if (!known && item.pipeRunLevel !== true)
      report(
        'H3',
        `${jobPath(j)}.appCatalogItem`,
        `${String(item.programName)} is not in the declared dependency list`,
        'add it to scripts/lib/templates/catalog.ts and the README',
      );
  });
  triggers.forEach((t) => {
    if (!isServiceTrigger(t) || !ctx.install) return;
    const item = isObj(t.appCatalogItem) ? t.appCatalogItem : {};
    if (item.programVersion !== ctx.install.programVersion || item.programName !== serviceProgramName(ctx.install)) {
      report(
        'H3',
        `${trgPath(t)}.appCatalogItem`,
        `the service trigger names ${String(item.programName)} ${String(item.programVersion)}, the app is ${serviceProgramName(ctx.install)} ${ctx.install.programVersion}`,
        'regenerate the templates (npm run templates)',
      );
    }
    const inputNames = new Set(ctx.install.params.map((p) => p.name));
    arr(t.jobParameterList).forEach((p, pi) => {
      const name = isObj(p) && isObj(p.appCatalogItemParameter) ? String(p.appCatalogItemParameter.paramName) : '';
      if (!inputNames.has(name))
        report('V4', `${trgPath(t)}.jobParameterList[${pi}]`, `service trigger input ${name} is not declared in install.json`, 'regenerate the templates');
      const secret = ctx.install!.params.find((x) => x.name === name)?.encrypt;
      if (secret && isObj(p) && typeof p.value === 'string' && p.value !== '' && !/^\$\{(ORGANIZATION|USER):KEYCHAIN:/.test(p.value)) {
        report('H1', `${trgPath(t)}.jobParameterList[${pi}].value`, `encrypted input ${name} carries a literal`, 'use a ${ORGANIZATION:KEYCHAIN:…} variable');
      }
    });
  });
  if (ctx.shipped && !component) {
    const rules = jobs.find((j) => String(j.name) === 'Set Business Rules');
    const mapping = rules ? parseJsonString(paramMap(rules).get('variable_mapping')) : { ok: false as const };
    const values = mapping.ok
      ? Object.fromEntries(
          arr(mapping.value)
            .filter(isObj)
            .map((x) => [String(x.key), String(x.value)]),
        )
      : {};
    const pinned = (suffix: string, expected?: string) =>
      Object.entries(values).some(([k, v]) => k.endsWith(suffix) && (expected === undefined ? v.trim() !== '' : v === expected));
    if (!rules || !pinned('.rating', '1') || !pinned('.confidence', '50') || !pinned('.owner')) {
      report(
        'H4',
        rules ? `${jobPath(rules)}.jobParameterList` : `${base}.jobList`,
        'business values are not pinned in one "Set Business Rules" node (owner, rating "1", confidence "50")',
        'keep them as literal defaults in that node',
      );
    }
    if (typeof doc.name === 'string' && doc.name.trim().split(/\s+/).length < 3)
      report('H5', `${base}.name`, 'the name should read <Company> <Product> <Description>', 'e.g. "Alert Intake - Low-Volume Alert Processing"', 'warning');
    if (doc.logLevel !== 'WARN') report('H5', `${base}.logLevel`, 'ship templates with logLevel WARN', 'set "logLevel": "WARN"', 'warning');
    if (doc.priority !== 3) report('H5', `${base}.priority`, 'webhook intake playbooks run at Low priority (3)', 'set "priority": 3', 'warning');
  }
  jobs.forEach((j) => {
    if (typeof j.name !== 'string' || j.name.trim().split(/\s+/).length < 2)
      report(
        'H5',
        `${jobPath(j)}.name`,
        `node name ${JSON.stringify(j.name)} is not descriptive`,
        'name what the node does, e.g. "Notify Organization"',
        'warning',
      );
  });
}

/** A component's outputs: pipeOutputParams keys, typed by the variable each maps to. */
function pipeOutputs(value: unknown): Decl[] {
  const parsed = parseJsonString(value);
  if (!parsed.ok) return [];
  return arr(parsed.value)
    .filter(isObj)
    .map((o) => ({ name: String(o.key), type: varType(String(o.value ?? '')) }));
}

/** The list type that collects values of a type: String → StringArray, TCEntity → TCEntityArray. */
function arrayOf(type: string): string {
  return type.endsWith('Array') ? type : `${type}Array`;
}

function varType(ref: string): string {
  const m = /!([A-Za-z0-9_-]+)$/.exec(ref);
  return m ? m[1]! : 'String';
}

/** S7 full parameter list, S8 Logger level, S9 Iterator outputs: one job against the real-export rules. */
function checkRealExportShape(job: Obj, item: Obj, at: string, report: Report): void {
  const params = paramMap(job);
  const pinned = CATALOG.find((a) => a.programName === item.programName && a.programVersion === item.programVersion);
  if (pinned) {
    const missing = Object.keys(pinned.parameters).filter((name) => !params.has(name));
    const extra = [...params.keys()].filter((name) => !Object.hasOwn(pinned.parameters, name));
    if (missing.length > 0)
      report(
        'S7',
        `${at}.jobParameterList`,
        `${pinned.programName} ${pinned.programVersion} also has ${missing.join(', ')}: real exports list every parameter of the version`,
        'list them (a bare entry when unset), as the catalog does (npm run templates)',
      );
    if (extra.length > 0)
      report(
        'S7',
        `${at}.jobParameterList`,
        `${pinned.programName} ${pinned.programVersion} has no parameter ${extra.join(', ')}`,
        'remove it or fix its name',
      );
  }
  if (item.programName === 'Logger' && params.has('logging')) {
    const level = params.get('logging') ?? '';
    if (!LOGGER_LEVELS.includes(level))
      report(
        'S8',
        `${at}.jobParameterList`,
        `Logger level ${JSON.stringify(level)} is not one of its choices (upper case in every real export)`,
        `use one of ${LOGGER_LEVELS.join(', ')}`,
      );
  }
  if (item.programName === 'Iterator') {
    const declared = decls(job.outputVariables);
    const collected = parseJsonString(params.get('array_outputs') ?? '[]');
    const expect = arr(collected.ok ? collected.value : [])
      .filter(isObj)
      .map((o) => ({ name: String(o.key), type: arrayOf(varType(String(o.value ?? ''))) }));
    const absent = expect.filter((e) => !declared.some((d) => d.name === e.name && d.type === e.type));
    if (absent.length > 0)
      report(
        'S9',
        `${at}.outputVariables`,
        `the Iterator does not declare its array_outputs ${absent.map((a) => `${a.name} (${a.type})`).join(', ')}`,
        'declare each array_outputs key in outputVariables with the array type of what it collects, as exports do',
      );
  }
}

/** C4 pipeInputParams and C5 pipeOutputParams shaped as in real exports. */
function checkPipeParams(trigger: Obj, at: string, report: Report): void {
  const inputs = parseJsonString(trigger.pipeInputParams);
  const list = arr(inputs.ok ? inputs.value : []).filter(isObj);
  list.forEach((p, i) => {
    if ('note' in p)
      report('C4', `${at}.pipeInputParams[${i}].note`, 'component inputs carry no note in real exports', 'move the help into the component description');
    for (const flag of ['hasDollarVariables', 'playbookVariable']) {
      if (p[flag] === true) report('C4', `${at}.pipeInputParams[${i}].${flag}`, `${flag} is false in every real export`, `set "${flag}": false`);
    }
  });
  const sequences = list.filter((p) => p.orderSequence !== undefined).map((p) => p.orderSequence);
  if (sequences.length > 0) {
    const sorted = [...sequences].sort((a, b) => Number(a) - Number(b));
    if (sequences.length !== list.length || sorted.some((v, i) => v !== i))
      report(
        'C4',
        `${at}.pipeInputParams`,
        `orderSequence must run 0, 1, 2, … over every input (has ${sequences.join(', ')})`,
        'number the inputs from 0, as modern exports do',
      );
  }
  const outputs = parseJsonString(trigger.pipeOutputParams);
  arr(outputs.ok ? outputs.value : [])
    .filter(isObj)
    .forEach((o, i) => {
      if (o.displayValue !== o.value)
        report(
          'C5',
          `${at}.pipeOutputParams[${i}].displayValue`,
          'displayValue must equal value (the variable reference), as in every real export',
          'copy value into displayValue',
        );
    });
}

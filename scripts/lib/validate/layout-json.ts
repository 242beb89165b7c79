/** layout.json: schema + consistency with install.json (tcex validate's rules). Rule ids LJ0xx. */
import { Ajv } from 'ajv';
import type { Report } from './finding.js';
import { jsonPath, pointerToPath } from './finding.js';
import type { InstallDoc } from './install-json.js';
import { checkDisplayClause } from './sql-where.js';

const layoutSchema = {
  type: 'object',
  required: ['inputs'],
  properties: {
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sequence', 'title', 'parameters'],
        properties: {
          sequence: { type: 'integer' },
          title: { type: 'string', minLength: 1 },
          parameters: {
            type: 'array',
            items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, display: { type: 'string' } } },
          },
        },
      },
    },
    outputs: {
      type: 'array',
      items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, display: { type: 'string' } } },
    },
  },
};
const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(layoutSchema);

interface LayoutDoc {
  inputs?: Array<{ sequence?: number; title?: string; parameters?: Array<{ name?: string; display?: string }> }>;
  outputs?: Array<{ name?: string; display?: string }>;
}

export function checkLayoutJson(doc: unknown, install: InstallDoc | null, report: Report): void {
  if (!validateSchema(doc)) {
    for (const e of validateSchema.errors ?? [])
      report('LJ002', pointerToPath(e.instancePath), `schema: ${e.message ?? 'invalid'}`, 'see the layout.json rules (shared package.md)');
    return;
  }
  const d = doc as LayoutDoc;
  const params = install?.params ?? [];
  const byName = new Map(params.filter((p) => typeof p.name === 'string').map((p) => [p.name!, p]));
  const columns = new Set(byName.keys());
  const seenSeq = new Set<number>();
  const placed = new Map<string, string>();
  (d.inputs ?? []).forEach((section, si) => {
    if (typeof section.sequence === 'number') {
      if (seenSeq.has(section.sequence))
        report('LJ009', jsonPath('inputs', si, 'sequence'), `duplicate section sequence ${section.sequence}`, 'renumber the sections');
      seenSeq.add(section.sequence);
    }
    (section.parameters ?? []).forEach((param, pi) => {
      const at = jsonPath('inputs', si, 'parameters', pi);
      const name = String(param.name);
      const decl = byName.get(name);
      if (!decl)
        report('LJ003', `${at}.name`, `layout parameter ${JSON.stringify(name)} is not an install.json input`, 'remove it or add the input to install.json');
      else if (decl.hidden || decl.serviceConfig) {
        report(
          'LJ004',
          `${at}.name`,
          `layout parameter ${JSON.stringify(name)} is ${decl.hidden ? 'hidden' : 'a service-level (serviceConfig) input'}`,
          'service-level and hidden inputs never appear in layout.json',
        );
      }
      if (placed.has(name)) report('LJ005', `${at}.name`, `input ${JSON.stringify(name)} appears twice (also ${placed.get(name)})`, 'list each input once');
      placed.set(name, at);
      if (param.display !== undefined) checkDisplay(param.display, `${at}.display`, columns, report);
    });
  });
  for (const [name, p] of byName) {
    if (!p.hidden && !p.serviceConfig && !placed.has(name)) {
      report('LJ005', jsonPath('inputs'), `install.json input ${JSON.stringify(name)} is not placed in any layout section`, 'add it to a section');
    }
  }
  const outputs = new Set((install?.playbook?.outputVariables ?? []).map((o) => o.name));
  (d.outputs ?? []).forEach((o, i) => {
    if (!outputs.has(String(o.name)))
      report(
        'LJ006',
        jsonPath('outputs', i, 'name'),
        `layout output ${JSON.stringify(o.name)} is not declared in install.json`,
        'declare it in playbook.outputVariables',
      );
    if (o.display !== undefined) checkDisplay(o.display, jsonPath('outputs', i, 'display'), columns, report);
  });
}

function checkDisplay(clause: string, at: string, columns: ReadonlySet<string>, report: Report): void {
  for (const problem of checkDisplayClause(clause, columns)) {
    if (problem.kind === 'syntax')
      report(
        'LJ007',
        at,
        `display clause is an invalid statement in SQLite: ${problem.message}`,
        "write a SQL WHERE clause, e.g. auth_mode IN ('HMAC', 'GitHub')",
      );
    else report('LJ008', at, `display clause: ${problem.message}`, 'reference install.json input names only');
  }
}

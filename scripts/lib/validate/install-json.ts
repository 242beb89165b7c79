/**
 * install.json: a JSON Schema (ajv) written from the package rules, tcex's own InstallJsonModel
 * (tcex-model.ts: IJ014–IJ016), then cross-checks the schema cannot express. Rule ids IJ0xx.
 */
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Report } from './finding.js';
import { jsonPath, pointerToPath } from './finding.js';
import { checkTcexModel, PARAM_TYPES } from './tcex-model.js';
import { STANDARD_TYPES } from '../../../app/core/outputs/variables.js';

export { PARAM_TYPES };

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const VARIABLE_TYPES: readonly string[] = STANDARD_TYPES;
export const KNOWN_FEATURES = [
  'appBuilderCompliant',
  'fileParams',
  'redisPasswordSupport',
  'layoutEnabledApp',
  'webhookResponseMarshall',
  'webhookServiceEndpoint',
  'CALSettings',
  'smtpSettings',
  'secureParams',
  'aotExecutionEnabled',
  'runtimeVariables',
];

const installSchema = {
  type: 'object',
  required: [
    'allowOnDemand',
    'appId',
    'displayName',
    'features',
    'languageVersion',
    'listDelimiter',
    'programLanguage',
    'programMain',
    'programVersion',
    'runtimeLevel',
    'params',
  ],
  properties: {
    allowOnDemand: { type: 'boolean' },
    appId: { type: 'string', format: 'uuid' },
    displayName: { type: 'string', minLength: 3, maxLength: 100 },
    features: { type: 'array', items: { type: 'string' } },
    languageVersion: { type: 'string', minLength: 1 },
    listDelimiter: { type: 'string', minLength: 1 },
    programLanguage: { enum: ['JAVA', 'PYTHON', 'NONE'] },
    programMain: { type: 'string', minLength: 1 },
    programVersion: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' },
    runtimeLevel: { type: 'string', minLength: 1 },
    minServerVersion: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    labels: { type: 'array', items: { type: 'string', minLength: 1 } },
    note: { type: 'string', minLength: 1 },
    category: { type: 'string' },
    params: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'label', 'type', 'sequence'],
        properties: {
          name: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
          label: { type: 'string', minLength: 1 },
          type: { enum: [...PARAM_TYPES] },
          required: { type: 'boolean' },
          encrypt: { type: 'boolean' },
          hidden: { type: 'boolean' },
          serviceConfig: { type: 'boolean' },
          allowMultiple: { type: 'boolean' },
          note: { type: 'string' },
          sequence: { type: 'integer', minimum: 1 },
          validValues: { type: 'array', items: { type: 'string' } },
          playbookDataType: { type: 'array', items: { type: 'string' } },
          viewRows: { type: 'integer', minimum: 1 },
        },
      },
    },
    playbook: {
      type: 'object',
      properties: {
        outputVariables: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'type'],
            properties: { name: { type: 'string', minLength: 1 }, type: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(installSchema);

/** Output naming schema: `<slug>.<data_type>[.<sub>…].<descriptor>`, lower case, no camelCase. */
export const OUTPUT_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const RUNTIME_LEVELS = ['webhooktriggerservice', 'triggerservice', 'playbook', 'apiservice', 'organization'];
const SECRET_NAME = /(secret|passw(or)?d|token|api_?key|private_?key)/i;

interface Param {
  name?: string;
  type?: string;
  sequence?: number;
  encrypt?: boolean;
  note?: string;
  hidden?: boolean;
  serviceConfig?: boolean;
  default?: unknown;
  validValues?: string[];
}

export interface InstallDoc {
  displayName?: string;
  programVersion?: string;
  runtimeLevel?: string;
  features?: string[];
  params?: Param[];
  playbook?: { outputVariables?: Array<{ name: string; type: string }> };
  note?: string;
  labels?: string[];
}

export function checkInstallJson(doc: unknown, report: Report, context: { layoutExists: boolean; slug?: string }): void {
  const schemaPaths = new Set<string>();
  if (!validateSchema(doc)) {
    for (const e of validateSchema.errors ?? []) {
      const where =
        e.keyword === 'required'
          ? `${pointerToPath(e.instancePath)}.${String((e.params as { missingProperty?: string }).missingProperty)}`
          : pointerToPath(e.instancePath);
      schemaPaths.add(where);
      report('IJ002', where, `schema: ${e.message ?? 'invalid'}`, 'fix the value to match the install.json rules (shared package.md)');
    }
  }
  // tcex's own model: what the schema above already reported at the same place is not repeated.
  checkTcexModel(doc, (rule, where, ...rest) => {
    if (!(rule === 'IJ014' && schemaPaths.has(where))) report(rule, where, ...rest);
  });
  if (doc === null || typeof doc !== 'object') return;
  const d = doc as InstallDoc;
  const params = Array.isArray(d.params) ? d.params : [];
  const seenName = new Map<string, number>();
  const seenSeq = new Map<number, number>();
  params.forEach((p, i) => {
    if (typeof p?.name === 'string') {
      if (seenName.has(p.name))
        report(
          'IJ003',
          jsonPath('params', i, 'name'),
          `duplicate input name ${JSON.stringify(p.name)} (also params[${seenName.get(p.name)}])`,
          'give every input a unique name',
        );
      else seenName.set(p.name, i);
    }
    if (typeof p?.sequence === 'number') {
      if (seenSeq.has(p.sequence))
        report(
          'IJ004',
          jsonPath('params', i, 'sequence'),
          `duplicate sequence ${p.sequence} (also params[${seenSeq.get(p.sequence)}])`,
          'renumber the sequences',
        );
      else seenSeq.set(p.sequence, i);
    }
    if (typeof p?.name === 'string' && SECRET_NAME.test(p.name) && p.encrypt !== true && p.type !== 'Boolean' && p.type !== 'Choice') {
      report(
        'IJ008',
        jsonPath('params', i, 'encrypt'),
        `input ${JSON.stringify(p.name)} looks like a secret but is not encrypted`,
        'set "encrypt": true (and allow ${KEYCHAIN} in validValues)',
      );
    }
    if (p?.encrypt === true && p.default !== undefined && p.default !== null && p.default !== '') {
      report('IJ009', jsonPath('params', i, 'default'), `encrypted input ${JSON.stringify(p.name)} has a default value`, 'secrets never ship with a default');
    }
    if (!p?.hidden && (typeof p?.note !== 'string' || p.note.trim().length < 10)) {
      report('IJ010', jsonPath('params', i, 'note'), `input ${JSON.stringify(p?.name)} has no help note`, 'write a concise help note for the playbook author');
    }
    if ((p?.type === 'Choice' || p?.type === 'MultiChoice') && (!Array.isArray(p.validValues) || p.validValues.length === 0)) {
      report('IJ011', jsonPath('params', i, 'validValues'), `choice input ${JSON.stringify(p.name)} has no validValues`, 'list the choices');
    }
    if (p?.type === 'Choice' && Array.isArray(p.validValues) && p.default !== undefined && !p.validValues.includes(String(p.default))) {
      report(
        'IJ011',
        jsonPath('params', i, 'default'),
        `default ${JSON.stringify(p.default)} of ${JSON.stringify(p.name)} is not one of its validValues`,
        'pick a default from validValues',
      );
    }
  });

  const outputs = Array.isArray(d.playbook?.outputVariables) ? d.playbook!.outputVariables! : [];
  const seenOut = new Set<string>();
  outputs.forEach((o, i) => {
    const key = `${o?.name}!${o?.type}`;
    if (seenOut.has(key)) report('IJ005', jsonPath('playbook', 'outputVariables', i), `duplicate output ${key}`, 'declare each name+type once');
    seenOut.add(key);
    if (typeof o?.name === 'string' && !OUTPUT_NAME.test(o.name)) {
      report(
        'IJ007',
        jsonPath('playbook', 'outputVariables', i, 'name'),
        `output ${JSON.stringify(o.name)} does not follow the naming schema <slug>.<data_type>[.<sub>].<descriptor>`,
        'lower case, dots between parts, underscores for spaces, no camelCase',
      );
    }
    if (typeof o?.name === 'string' && context.slug && !o.name.startsWith(`${context.slug}.`)) {
      report(
        'IJ007',
        jsonPath('playbook', 'outputVariables', i, 'name'),
        `output ${JSON.stringify(o.name)} does not start with the app slug ${context.slug}`,
        `prefix it with "${context.slug}."`,
      );
    }
    if (typeof o?.type === 'string' && !VARIABLE_TYPES.includes(o.type) && !/^[A-Za-z0-9_-]+$/.test(o.type)) {
      report(
        'IJ012',
        jsonPath('playbook', 'outputVariables', i, 'type'),
        `output type ${JSON.stringify(o.type)} is not a playbook data type`,
        `use one of ${VARIABLE_TYPES.join(', ')}`,
      );
    }
  });

  const features = Array.isArray(d.features) ? d.features : [];
  const runtime = String(d.runtimeLevel ?? '').toLowerCase();
  features.forEach((f, i) => {
    if (!KNOWN_FEATURES.some((k) => k.toLowerCase() === String(f).toLowerCase())) {
      report('IJ006', jsonPath('features', i), `unknown feature ${JSON.stringify(f)}`, 'remove it or check its spelling', 'warning');
    }
    if (['webhookresponsemarshall', 'webhookserviceendpoint'].includes(String(f).toLowerCase()) && runtime !== 'webhooktriggerservice') {
      report('IJ006', jsonPath('features', i), `feature ${f} needs runtimeLevel WebhookTriggerService`, 'remove the feature or change runtimeLevel');
    }
  });
  if (d.runtimeLevel !== undefined && !RUNTIME_LEVELS.includes(runtime)) {
    report('IJ006', jsonPath('runtimeLevel'), `unknown runtimeLevel ${JSON.stringify(d.runtimeLevel)}`, 'Alert Intake is a WebhookTriggerService');
  }
  const hasLayoutFeature = features.some((f) => String(f).toLowerCase() === 'layoutenabledapp');
  if (context.layoutExists && !hasLayoutFeature)
    report('IJ006', jsonPath('features'), 'layout.json exists but features lacks layoutEnabledApp', 'add "layoutEnabledApp"');
  if (!context.layoutExists && hasLayoutFeature)
    report('IJ006', jsonPath('features'), 'layoutEnabledApp is declared but there is no layout.json', 'add layout.json or drop the feature');
  if (runtime === 'webhooktriggerservice' && outputs.length === 0) {
    report('IJ013', jsonPath('playbook', 'outputVariables'), 'a webhook trigger service declares no output variables', 'declare what the trigger produces');
  }
}

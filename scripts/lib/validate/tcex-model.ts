/**
 * What ThreatConnect's own tooling (tcex 4 / tcex-cli 1.0.x: tcex-app-config's `InstallJsonModel`)
 * accepts in install.json: the keys each object may carry, which ones it requires and their types.
 * tcex-cli parses install.json with this model before every command (`validate`, `package`,
 * `run`); a missing required key kills them all at start-up, and an unknown key is silently
 * dropped. Written from the model's field list (shared package.md), not copied from it.
 *
 * Rules: IJ014 (tcex's model would refuse the value), IJ015 (a key tcex ignores: a typo goes
 * unseen), IJ016 (sdkVersion: absent = a legacy 2.0.0 app to tcex).
 */
import type { Report } from './finding.js';
import { jsonPath } from './finding.js';

type Kind = 'bool' | 'string' | 'int' | 'strings' | 'ints' | 'list' | 'object' | 'boolOrString' | 'semver' | 'version' | 'uuid';

interface Field {
  kind: Kind;
  required?: boolean;
  /** String length bounds (tcex `constr`). */
  length?: [number, number];
  /** Allowed values (tcex enums). */
  oneOf?: readonly string[];
  /** The model of each item (lists) or of the value (objects). */
  model?: Model;
}

type Model = Readonly<Record<string, Field>>;

export const PARAM_TYPES = ['Boolean', 'Choice', 'EditChoice', 'KeyValueList', 'MultiChoice', 'String', 'StringMixed'] as const;
const EXPOSE_AS = ['Binary', 'BinaryArray', 'KeyValue', 'KeyValueArray', 'String', 'StringArray', 'TCEntity', 'TCEntityArray'] as const;

const OUTPUT_VARIABLE: Model = {
  name: { kind: 'string', required: true },
  type: { kind: 'string', required: true },
  encrypt: { kind: 'bool' },
  intelType: { kind: 'list' },
  note: { kind: 'string' },
};

const RETRY: Model = {
  defaultDelayMinutes: { kind: 'int', required: true },
  defaultMaxRetries: { kind: 'int', required: true },
  actions: { kind: 'strings' },
  allowed: { kind: 'bool' },
};

const PLAYBOOK: Model = {
  type: { kind: 'string', required: true },
  outputPrefix: { kind: 'string' },
  outputVariables: { kind: 'list', model: OUTPUT_VARIABLE },
  retry: { kind: 'object', model: RETRY },
};

const PARAM: Model = {
  label: { kind: 'string', required: true },
  name: { kind: 'string', required: true },
  type: { kind: 'string', required: true, oneOf: PARAM_TYPES },
  allowMultiple: { kind: 'bool' },
  allowNested: { kind: 'bool' },
  default: { kind: 'boolOrString' },
  encrypt: { kind: 'bool' },
  exposePlaybookKeyAs: { kind: 'string', oneOf: EXPOSE_AS },
  feedDeployer: { kind: 'bool' },
  hidden: { kind: 'bool' },
  intelType: { kind: 'strings' },
  note: { kind: 'string' },
  playbookDataType: { kind: 'strings' },
  required: { kind: 'bool' },
  sequence: { kind: 'int' },
  serviceConfig: { kind: 'bool' },
  setup: { kind: 'bool' },
  validValues: { kind: 'strings' },
  viewRows: { kind: 'int' },
};

const FEED: Model = {
  documentStorageLimitMb: { kind: 'int', required: true },
  indicatorLimit: { kind: 'int', required: true },
  jobFile: { kind: 'string', required: true },
  sourceCategory: { kind: 'string', required: true },
  sourceDescription: { kind: 'string', required: true },
  sourceName: { kind: 'string', required: true },
  attributesFile: { kind: 'string' },
  deprecation: { kind: 'list' },
  enableBulkJson: { kind: 'bool' },
  firstRunParams: { kind: 'list' },
};

/** install.json as tcex's InstallJsonModel reads it. */
export const TCEX_INSTALL_MODEL: Model = {
  displayName: { kind: 'string', required: true, length: [3, 100] },
  features: { kind: 'strings', required: true },
  languageVersion: { kind: 'string', required: true },
  listDelimiter: { kind: 'string', required: true },
  programLanguage: { kind: 'string', required: true },
  programMain: { kind: 'string', required: true },
  programVersion: { kind: 'semver', required: true },
  runtimeLevel: { kind: 'string', required: true },
  allowOnDemand: { kind: 'bool' },
  allowRunAsUser: { kind: 'bool' },
  apiUserTokenParam: { kind: 'bool' },
  appId: { kind: 'uuid' },
  category: { kind: 'string' },
  commitHash: { kind: 'string' },
  deprecatesApps: { kind: 'strings' },
  displayPath: { kind: 'string', length: [3, 100] },
  dockerImage: { kind: 'string' },
  feeds: { kind: 'list', model: FEED },
  labels: { kind: 'strings' },
  minServerVersion: { kind: 'version' },
  note: { kind: 'string' },
  params: { kind: 'list', model: PARAM },
  playbook: { kind: 'object', model: PLAYBOOK },
  programIcon: { kind: 'string' },
  programName: { kind: 'string' },
  publishOutFiles: { kind: 'strings' },
  repeatingMinutes: { kind: 'ints' },
  runtimeContext: { kind: 'list' },
  sdkVersion: { kind: 'version' },
  service: { kind: 'object', model: { discoveryTypes: { kind: 'strings' } } },
};

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const VERSION = /^\d+(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.+-]*)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[45][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);

const EXPECTED: Record<Kind, string> = {
  bool: 'a boolean',
  string: 'a string',
  int: 'an integer',
  strings: 'a list of strings',
  ints: 'a list of integers',
  list: 'a list',
  object: 'an object',
  boolOrString: 'a boolean or a string',
  semver: 'a semantic version (MAJOR.MINOR.PATCH)',
  version: 'a version such as 4.0.0',
  uuid: 'a UUID4 or UUID5',
};

function kindMatches(kind: Kind, v: unknown): boolean {
  switch (kind) {
    case 'bool':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'int':
      return isInt(v);
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'ints':
      return Array.isArray(v) && v.every(isInt);
    case 'list':
      return Array.isArray(v);
    case 'object':
      return isRecord(v);
    case 'boolOrString':
      return typeof v === 'boolean' || typeof v === 'string';
    case 'semver':
      return typeof v === 'string' && SEMVER.test(v);
    case 'version':
      return typeof v === 'string' && VERSION.test(v);
    case 'uuid':
      return typeof v === 'string' && UUID.test(v);
  }
}

function checkValue(field: Field, value: unknown, path: Array<string | number>, report: Report): void {
  const where = jsonPath(...path);
  // tcex treats an explicit null as "not given" for optional fields.
  if (value === null && !field.required) return;
  if (!kindMatches(field.kind, value)) {
    report(
      'IJ014',
      where,
      `tcex's InstallJsonModel expects ${EXPECTED[field.kind]} here`,
      'fix the value, or tcex-cli (validate, package, run) stops at start-up',
    );
    return;
  }
  if (field.length && typeof value === 'string' && (value.length < field.length[0] || value.length > field.length[1])) {
    report(
      'IJ014',
      where,
      `tcex's InstallJsonModel expects ${field.length[0]}-${field.length[1]} characters (has ${value.length})`,
      'shorten or lengthen the value',
    );
  }
  if (field.oneOf && typeof value === 'string' && !field.oneOf.includes(value)) {
    report('IJ014', where, `${JSON.stringify(value)} is not one of tcex's values: ${field.oneOf.join(', ')}`, 'use one of the listed values (case matters)');
  }
  if (!field.model) return;
  if (Array.isArray(value)) for (const [i, item] of value.entries()) checkObject(field.model!, item, [...path, i], report);
  else checkObject(field.model, value, path, report);
}

function checkObject(model: Model, value: unknown, path: Array<string | number>, report: Report): void {
  if (!isRecord(value)) {
    report('IJ014', jsonPath(...path), "tcex's InstallJsonModel expects an object here", 'fix the value');
    return;
  }
  for (const [key, field] of Object.entries(model)) {
    if (!(key in value)) {
      if (field.required) {
        report(
          'IJ014',
          jsonPath(...path, key),
          `tcex's InstallJsonModel requires "${key}": tcex-cli (validate, package, run) dies with "${[...path.filter((p) => typeof p === 'string'), key].join(' -> ')} field required"`,
          `add "${key}"`,
        );
      }
      continue;
    }
    checkValue(field, value[key], [...path, key], report);
  }
  for (const key of Object.keys(value)) {
    if (!(key in model)) {
      report(
        'IJ015',
        jsonPath(...path, key),
        `tcex's InstallJsonModel has no "${key}" and ignores it silently`,
        'check the spelling, or remove the key',
        'warning',
      );
    }
  }
}

const MODERN_SDK = 4;

/** install.json against tcex's model, plus the sdkVersion policy. */
export function checkTcexModel(doc: unknown, report: Report): void {
  checkObject(TCEX_INSTALL_MODEL, doc, [], report);
  if (!isRecord(doc)) return;
  const sdk = doc['sdkVersion'];
  if (sdk === undefined || sdk === null) {
    report(
      'IJ016',
      jsonPath('sdkVersion'),
      'no sdkVersion: tcex tools treat the app as a legacy 2.0.0 one (tcex-cli then looks for lib_latest/ instead of deps/)',
      `declare "sdkVersion": "${MODERN_SDK}.0.0"`,
    );
  } else if (typeof sdk === 'string' && VERSION.test(sdk) && Number(sdk.split('.')[0]) < MODERN_SDK) {
    report(
      'IJ016',
      jsonPath('sdkVersion'),
      `sdkVersion ${sdk} is a legacy (pre-tcex 4) app to tcex tools`,
      `declare "sdkVersion": "${MODERN_SDK}.0.0"`,
      'warning',
    );
  }
}

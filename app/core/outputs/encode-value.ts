/**
 * One output value → the JSON text stored in the session hash (protocol §5.3). Returns null when
 * nothing is to be written (null values, or a value that does not fit its declared type).
 */
type Encoded = { ok: true; json: string } | { ok: false; reason: string };

const toStringValue = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
};

const toBase64 = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'string') return Buffer.from(v, 'utf8').toString('base64');
  return null;
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const isKeyValue = (v: unknown): boolean => isObject(v) && 'key' in v && 'value' in v;
const isEntity = (v: unknown): boolean => isObject(v) && 'id' in v && 'value' in v && 'type' in v;

/**
 * An array whose items are written as they are (`item` null: the identity, or strings under
 * toStringValue): checked, then encoded in one JSON.stringify, with no copy (null and absent items
 * are written as null either way).
 */
function encodeAsIs(v: unknown[], check: ((x: unknown) => boolean) | undefined): Encoded {
  if (check) {
    for (const x of v) if (x !== null && x !== undefined && !check(x)) return { ok: false, reason: 'array item does not fit the type' };
  }
  return { ok: true, json: JSON.stringify(v) };
}

const allStrings = (v: unknown[]): boolean => {
  for (const x of v) if (typeof x !== 'string' && x !== null && x !== undefined) return false;
  return true;
};

function encodeArray(v: unknown, item: ((x: unknown) => unknown) | null, check?: (x: unknown) => boolean): Encoded {
  if (!Array.isArray(v)) return { ok: false, reason: 'value is not an array' };
  if (item === null || (item === toStringValue && allStrings(v))) return encodeAsIs(v, check);
  const out: unknown[] = [];
  for (const x of v) {
    if (x === null || x === undefined) {
      out.push(null);
      continue;
    }
    if (check && !check(x)) return { ok: false, reason: 'array item does not fit the type' };
    out.push(item(x));
  }
  return { ok: true, json: JSON.stringify(out) };
}

export function encodeOutputValue(type: string, value: unknown): Encoded | null {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'String': {
      const s = toStringValue(value);
      return s === null ? null : { ok: true, json: JSON.stringify(s) };
    }
    case 'StringArray':
      return encodeArray(value, toStringValue);
    case 'Binary': {
      const b = toBase64(value);
      return b === null ? { ok: false, reason: 'value is not bytes' } : { ok: true, json: JSON.stringify(b) };
    }
    case 'BinaryArray':
      return encodeArray(value, toBase64, (x) => toBase64(x) !== null);
    case 'KeyValue':
    case 'TCEntity':
      if (!(type === 'KeyValue' ? isKeyValue(value) : isEntity(value))) {
        return { ok: false, reason: `value is not a ${type}` };
      }
      return { ok: true, json: JSON.stringify(value) };
    case 'KeyValueArray':
      return encodeArray(value, null, isKeyValue);
    case 'TCEntityArray':
      return encodeArray(value, null, isEntity);
    default:
      // TCEnhancedEntity(Array) and custom types: JSON, as TX2 and the Java SDK wrote them.
      return { ok: true, json: JSON.stringify(value) };
  }
}

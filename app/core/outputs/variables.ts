/** Playbook variable types and the `#Trigger:<id>:<key>!<Type>` format (protocol §5.1). */

export const STANDARD_TYPES = [
  'String',
  'StringArray',
  'Binary',
  'BinaryArray',
  'KeyValue',
  'KeyValueArray',
  'TCEntity',
  'TCEntityArray',
  'TCEnhancedEntity',
  'TCEnhancedEntityArray',
] as const;

export type VariableType = (typeof STANDARD_TYPES)[number];

export interface ParsedVariable {
  /** The full, opaque variable string as the platform sent it: the Redis field name. */
  raw: string;
  namespace: string;
  id: string;
  key: string;
  type: string;
}

const VARIABLE = /^#(App|Trigger|Global):(\d+):([A-Za-z0-9_.\-[\]]+)!([A-Za-z0-9_-]+)$/;

/** Parses one variable string; null when it is not a playbook variable. */
export function parseVariable(raw: string): ParsedVariable | null {
  const m = VARIABLE.exec(raw.trim());
  if (!m) return null;
  return { raw: raw.trim(), namespace: m[1]!, id: m[2]!, key: m[3]!, type: m[4]! };
}

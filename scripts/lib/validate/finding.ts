/** One validation finding: where (file + JSON path), which rule, what is wrong, how to fix it. */
export interface Finding {
  file: string;
  jsonPath: string;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

export type Report = (rule: string, jsonPath: string, message: string, hint: string, severity?: 'error' | 'warning') => void;

/** A collector bound to one file. */
export function collector(file: string, into: Finding[]): Report {
  return (rule, jsonPath, message, hint, severity = 'error') => {
    into.push({ file, jsonPath, rule, severity, message, hint });
  };
}

/** `$.a[0].b` from path segments. */
export function jsonPath(...segments: Array<string | number>): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** ajv's `/params/3/name` → `$.params[3].name`. */
export function pointerToPath(pointer: string): string {
  if (!pointer) return '$';
  return jsonPath(
    ...pointer
      .split('/')
      .slice(1)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~'))),
  );
}

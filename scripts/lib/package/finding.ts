/** A validator finding (the shape `scripts/lib/validate` returns); packaging reports its own problems the same way. */
export interface Finding {
  file: string;
  jsonPath: string;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  hint: string;
}

/** Checks a whole project and returns its findings. */
export type Validate = (root: string) => Promise<Finding[]>;

/** Turns a packaging problem into an error finding with rule `package`. */
export function packagingFinding(file: string, message: string, hint = ''): Finding {
  return { file, jsonPath: '$', rule: 'package', severity: 'error', message, hint };
}

/** Packaging reports its own problems in the validator's Finding shape (one definition, in validate/). */
import type { Finding } from '../validate/finding.js';

export type { Finding };

/** Checks a whole project and returns its findings. */
export type Validate = (root: string) => Promise<Finding[]>;

/** Turns a packaging problem into an error finding with rule `package`. */
export function packagingFinding(file: string, message: string, hint = ''): Finding {
  return { file, jsonPath: '$', rule: 'package', severity: 'error', message, hint };
}

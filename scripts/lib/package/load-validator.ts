import type { Finding, Validate } from './finding.js';
import { packagingFinding } from './finding.js';

export interface Validator {
  validate: Validate;
  format: (findings: Finding[]) => string;
}

function isFunction(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function';
}

/**
 * Loads the project validator (`scripts/lib/validate/index.js`: validateProject, formatFindings) at
 * run time. When it is absent or malformed, packaging stops with a finding that says so: packaging
 * without validation is not allowed.
 */
export async function loadValidator(moduleUrl: URL): Promise<Validator | Finding> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(moduleUrl.href)) as Record<string, unknown>;
  } catch (error) {
    return packagingFinding('scripts/lib/validate/index.ts', `the validator cannot be loaded: ${(error as Error).message}`, 'packaging runs the validator first; build it (npm run build)');
  }
  const validateProject = mod['validateProject'];
  const formatFindings = mod['formatFindings'];
  if (!isFunction(validateProject) || !isFunction(formatFindings)) {
    return packagingFinding('scripts/lib/validate/index.ts', 'the validator does not export validateProject and formatFindings');
  }
  return {
    validate: async (root) => {
      const findings = await validateProject(root);
      if (!Array.isArray(findings)) throw new Error('validateProject did not return a list of findings');
      return findings as Finding[];
    },
    format: (findings) => String(formatFindings(findings)),
  };
}

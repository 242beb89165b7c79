/**
 * Merge 1.0.0: joins branches. Each `output_array` entry names an output and lists candidate
 * variables (space-separated, or run together); the first candidate whose producer ran on this
 * path gives the value. A candidate whose producer exists but did not run is skipped (that is the
 * branch not taken); one naming a job or output that does not exist is an undefined variable.
 */
import { UndefinedVariable } from '../errors.js';
import { findRefs, tryRead, type VariableSource } from '../variables.js';
import type { Output } from '../scope.js';
import type { AppImpl } from './app.js';

export function mergeApp(source: VariableSource): AppImpl {
  return ({ params }) => {
    const outputs: Output[] = [];
    for (const entry of params.kvList('output_array', { resolve: false })) {
      if (outputs.some((o) => o.name === entry.key && o.value !== null)) continue;
      const refs = findRefs(entry.raw);
      let chosen: Output | undefined;
      for (const ref of refs) {
        const read = tryRead(ref, source);
        if (read.ok) {
          if (read.value !== null && read.value !== undefined) {
            chosen = { name: entry.key, type: ref.type, value: read.value };
            break;
          }
          continue;
        }
        if (read.error.kind !== 'not-run') throw read.error;
      }
      if (refs.length === 0) throw new UndefinedVariable(entry.raw, `Merge output ${entry.key} names no variable`);
      const existing = outputs.findIndex((o) => o.name === entry.key);
      const value = chosen ?? { name: entry.key, type: refs[0]!.type, value: null };
      if (existing >= 0) outputs[existing] = value;
      else outputs.push(value);
    }
    return { outputs };
  };
}

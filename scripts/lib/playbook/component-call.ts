/**
 * A component call: the embedded copy in exportablePipes whose definitionVersion is the job's
 * programName, its inputs (the call's parameters) as the Component Trigger's variables, its own
 * scope walked by the caller's walker, and its pipeOutputParams read back as the call's outputs.
 */
import type { AppResult } from './apps/app.js';
import { AppFailure, PlaybookError, UndefinedVariable } from './errors.js';
import { arr, isObj, jsonField, type JobDef } from './model.js';
import { asText, type Params } from './params.js';
import { Scope, type Output } from './scope.js';
import { exactRef } from './variables.js';
import type { PlayContext } from './walk.js';

/** Walks a scope from its trigger; true when a path reached the return connection. */
export type WalkScope = (scope: Scope) => boolean;

export function callComponent(ctx: PlayContext, job: JobDef, params: Params, where: string, walk: WalkScope): AppResult {
  const pipe = ctx.root.pipes.get(job.programName);
  if (!pipe)
    throw new PlaybookError(`calls component ${job.programName} ("${job.displayName}"), which is not embedded in the template's exportablePipes`, where);
  const trigger = pipe.triggers.find((t) => t.type === 'PipeConfig') ?? pipe.triggers[0];
  if (!trigger) throw new PlaybookError(`component "${pipe.name}" has no Component Trigger`, where);
  const declared = arr(jsonField(trigger.raw.pipeInputParams)).filter(isObj);
  const names = new Set(declared.map((d) => String(d.name ?? '')));
  for (const name of job.params.keys()) {
    if (!names.has(name)) throw new PlaybookError(`passes ${name}, which component "${pipe.name}" does not take (its inputs: ${[...names].join(', ')})`, where);
  }
  const triggerVars: Output[] = declared.map((d) => {
    const name = String(d.name ?? '');
    const type = typeof d.playbookDataType === 'string' && d.playbookDataType ? d.playbookDataType : 'String';
    const value = params.value(name);
    if ((value === undefined || value === '') && d.required === true) throw new AppFailure(`the component's required input ${name} is not set`);
    return { name, type, value: value === undefined ? null : type === 'String' ? asText(value) : value };
  });
  const child = new Scope(pipe, trigger, triggerVars, {}, where, ctx.env);
  const returned = walk(child);
  const returns = arr(jsonField(trigger.raw.pipeOutputParams)).filter(isObj);
  if (returns.length > 0 && !returned)
    throw new PlaybookError(`component "${pipe.name}" ended without reaching its return connection, so its outputs are never set`, where);
  const outputs = returns.map((r): Output => {
    const key = String(r.key ?? r.name ?? '');
    const ref = exactRef(String(r.value ?? ''));
    if (!ref) throw new PlaybookError(`component "${pipe.name}" output ${key} is not one variable (${JSON.stringify(r.value)})`, where);
    try {
      return { name: key, type: ref.type, value: child.read(ref) };
    } catch (err) {
      if (err instanceof UndefinedVariable) throw new PlaybookError(`component "${pipe.name}" output ${key}: ${err.message}`, where);
      throw err;
    }
  });
  return { outputs, note: `returned from "${pipe.name}"` };
}

/** Small builders that keep the template sources readable. */
import type { CatalogApp } from './catalog.js';
import type { Connection, EdgeType, Job, JobParameter } from './model.js';

export type Params = Record<string, string | undefined>;

export function params(values: Params): JobParameter[] {
  return Object.entries(values).map(([paramName, value]) =>
    value === undefined ? { appCatalogItemParameter: { paramName } } : { appCatalogItemParameter: { paramName }, value },
  );
}

/** A KeyValue-list parameter value: a JSON string of [{key, value}]. */
export function kv(pairs: Record<string, string>): string {
  return JSON.stringify(Object.entries(pairs).map(([key, value]) => ({ key, value })));
}

export function job(id: number, name: string, app: CatalogApp, values: Params, at: [number, number], outputs?: Array<{ name: string; type: string }>): Job {
  const { programName, displayName, programVersion } = app;
  return {
    id,
    name,
    appCatalogItem: { programName, displayName, programVersion, ...(app.programName.match(/^[0-9a-f]{32}$/) ? { pipeRunLevel: true } : {}) },
    jobParameterList: params(values),
    locationLeft: at[0],
    locationTop: at[1],
    ...(outputs ? { outputVariables: JSON.stringify(outputs) } : {}),
  };
}

type End = { job: number } | { trigger: number };

export function edge(type: EdgeType, from: End, to: End): Connection {
  const circular = type === 'EndLoop' || 'trigger' in to;
  return {
    type,
    isCircularOnTarget: circular,
    ...('job' in from ? { sourceJobId: from.job } : { sourceTriggerId: from.trigger }),
    ...('job' in to ? { targetJobId: to.job } : { targetTriggerId: to.trigger }),
  };
}

/** Variable reference strings. */
export const appVar = (jobId: number, name: string, type = 'String') => `#App:${jobId}:${name}!${type}`;
export const trgVar = (triggerId: number, name: string, type = 'String') => `#Trigger:${triggerId}:${name}!${type}`;

/** Small builders that keep the template sources readable. */
import type { CatalogApp } from './catalog.js';
import type { Connection, EdgeType, Job, JobParameter } from './model.js';

export type Params = Record<string, string | undefined>;

/**
 * The job's full parameter list, as real exports carry it: every parameter of the pinned app version
 * in catalog order, the given value, else the catalog's untouched value, else a bare entry.
 * A value for a parameter the version does not have is a template bug: it throws.
 */
export function params(app: Pick<CatalogApp, 'programName' | 'programVersion' | 'parameters'>, values: Params): JobParameter[] {
  const unknown = Object.keys(values).filter((name) => !Object.hasOwn(app.parameters, name));
  if (unknown.length > 0) throw new Error(`${app.programName} ${app.programVersion} has no parameter ${unknown.join(', ')}`);
  return Object.entries(app.parameters).map(([paramName, untouched]) => {
    const value = Object.hasOwn(values, paramName) ? values[paramName] : (untouched ?? undefined);
    return value === undefined ? { appCatalogItemParameter: { paramName } } : { appCatalogItemParameter: { paramName }, value };
  });
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
    jobParameterList: params(app, values),
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

/**
 * ROI metadata of our templates: one run saves an analyst about 10 minutes of triage at 75 $/h
 * (the figures ThreatConnect's own modern exports carry). Users edit them in the designer.
 */
export const ROI = { roiDollarsPerHour: 75, roiMinutes: 10 } as const;

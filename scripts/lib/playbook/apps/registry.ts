/**
 * Which implementation plays a job, by its app's programName (the name carries the major version;
 * any programVersion of that major is played with the same semantics). Iterator and component
 * calls are control flow, played by the walker itself. Anything else is unknown: the run stops.
 */
import type { JobDef } from '../model.js';
import type { VariableSource } from '../variables.js';
import type { AppImpl } from './app.js';
import { ifElse } from './if-else.js';
import { indicatorCreate } from './indicator-create.js';
import { jmespath } from './jmespath.js';
import { logger } from './logger.js';
import { mergeApp } from './merge.js';
import { notification } from './notification.js';
import { setVariable } from './set-variable.js';
import { tcApi } from './tc-api.js';

export type AppKind = { kind: 'app'; impl: AppImpl } | { kind: 'iterator' } | { kind: 'component' } | { kind: 'unknown' };

const APPS: Record<string, AppImpl | 'merge'> = {
  'TCPB - SetVariable v1.0': setVariable,
  'TCPB - JMESPath v3.0': jmespath,
  'TCPB - ThreatConnect API v3': tcApi,
  'If / Else': ifElse,
  Merge: 'merge',
  Logger: logger,
  'TCPB - IndicatorCreate v1.1': indicatorCreate,
  'TCPB - ThreatConnect Notification v1': notification,
};

export const SUPPORTED_APPS = [...Object.keys(APPS), 'Iterator', 'component calls'];

export function appFor(job: JobDef, source: VariableSource): AppKind {
  if (job.component) return { kind: 'component' };
  if (job.programName === 'Iterator') return { kind: 'iterator' };
  const impl = APPS[job.programName];
  if (impl === undefined) return { kind: 'unknown' };
  return { kind: 'app', impl: impl === 'merge' ? mergeApp(source) : impl };
}

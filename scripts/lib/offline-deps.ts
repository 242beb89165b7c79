/**
 * The alert app's ports for playing requests in this process with nothing outside it: a fresh
 * memory key-value store, no outbound HTTP or ThreatConnect API (599), a silent logger. Used by the
 * corpus runner and the in-process profile tests.
 */
import { createMemoryKv } from '../../app/adapters/kv/memory.js';
import type { AppDeps } from '../../app/core/app.js';
import type { Logger } from '../../app/core/ports.js';

export const SILENT_LOGGER: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => SILENT_LOGGER };

export function offlineAppDeps(now: () => number): AppDeps {
  return {
    kv: createMemoryKv(),
    http: { request: async () => ({ status: 599, headers: {}, body: '' }) },
    tcApi: { get: async () => ({ status: 599, headers: {}, body: '' }) },
    logger: SILENT_LOGGER,
    clock: { now },
    serviceInputs: {},
  };
}

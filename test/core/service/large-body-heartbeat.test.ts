/*
 * The real service (createService in-process, the real alert app, memory KV) keeps answering
 * Heartbeats while a 16 MiB alert is analysed: the analysis of a large body runs in the analysis
 * worker (app/core/pipeline/analysis-pool.ts), not on the event loop. Not timed: it counts timer
 * ticks and Heartbeat answers that happen while the alert is in flight — with the analysis on the
 * event loop there would be none.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAlertApp } from '../../../app/core/alert-app.js';
import { createMemoryKv } from '../../../app/adapters/kv/memory.js';
import { closeAnalysisWorker } from '../../../app/core/pipeline/analysis-pool.js';
import { createService } from '../../../app/core/service/service.js';
import { systemTimers, type Logger } from '../../../app/core/ports.js';
import type { OutboundMessage } from '../../../app/protocol/messages.js';
import { repoManifest } from '../../../scripts/lib/repo-manifest.js';

after(() => closeAnalysisWorker());

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

/**
 * 16 MiB of one alert: nested objects and indicator-like text, the costly shapes to analyse (~400,000
 * objects: under the 500,000 objects and arrays a JSON text may hold, safe-json.ts).
 */
function largeAlert(): Buffer {
  const unit = `${'{"a":'.repeat(5)}"${'see 45.33.32.156 and http://evil.example/x). '.repeat(4)}"${'}'.repeat(5)}`;
  const n = Math.ceil((16 * 1024 * 1024) / (unit.length + 1));
  return Buffer.from(`{"title":"Large alert","severity":"high","d":[${Array.from({ length: n }, () => unit).join(',')}]}`);
}

test('Heartbeats are answered and timers keep firing while a 16 MiB alert is processed; the alert fires', async () => {
  const kv = createMemoryKv();
  const sent: OutboundMessage[] = [];
  const service = createService({
    app: createAlertApp(repoManifest()),
    kv,
    http: { request: async () => ({ status: 599, headers: {}, body: '' }) },
    tcApi: { get: async () => ({ status: 599, headers: {}, body: '' }) },
    clock: { now: () => Date.now() },
    timers: systemTimers,
    logger: quiet,
    serviceInputs: { max_body_bytes: 32 * 1024 * 1024 },
    publish: async (m) => void sent.push(m),
    publishToServer: async (m) => void sent.push(m),
    triggerLogger: () => ({ logger: quiet, logFile: 'trigger-id-1.log' }),
    closeTriggerLogger: () => undefined,
    setLogLevel: () => true,
    tokens: { register: () => undefined, unregister: () => undefined },
    resolveVariables: async (inputs) => ({ inputs, secrets: [] }),
    addSecret: () => undefined,
    newSessionId: () => `s-${sent.length}`,
    onStopped: () => undefined,
    options: {
      features: [],
      listDelimiter: '|',
      multiValueInputs: new Set(),
      encryptedInputs: new Set(),
      maxConcurrentEvents: 4,
      maxQueuedEvents: 100,
      drainTimeoutMs: 2000,
    },
  });
  const settle = async (pick: (m: OutboundMessage) => boolean): Promise<OutboundMessage> => {
    for (;;) {
      const found = sent.find(pick);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  service.receive(
    JSON.stringify({ command: 'CreateConfig', triggerId: 1, config: { tc_playbook_out_variables: '#Trigger:1:alert_intake.results.alert.title!String' } }),
  );
  await settle((m) => m.command === 'Acknowledged' && m.type === 'CreateConfig');

  await kv.hset('big', 'request.body', largeAlert().toString('base64'));
  let ticks = 0;
  let heartbeatsBefore = 0;
  service.receive(
    JSON.stringify({
      command: 'WebhookEvent',
      triggerId: 1,
      requestKey: 'big',
      method: 'POST',
      headers: [{ name: 'Content-Type', value: 'application/json' }],
      queryParams: [],
    }),
  );
  const heartbeat = setInterval(() => {
    ticks++;
    service.receive(JSON.stringify({ command: 'Heartbeat' }));
  }, 5);
  const answer = await settle((m) => (m.command === 'FireEvent' || m.command === 'WebhookEventResponse') && m.requestKey === 'big');
  clearInterval(heartbeat);
  heartbeatsBefore = sent.slice(0, sent.indexOf(answer)).filter((m) => m.command === 'Heartbeat').length;

  assert.equal(answer.command, 'FireEvent', JSON.stringify(answer).slice(0, 300));
  assert.ok(ticks >= 10, `the timer fired ${ticks} times while the alert was processed`);
  assert.ok(heartbeatsBefore >= 10, `${heartbeatsBefore} Heartbeats were answered before the alert's answer`);
  await service.settled();
});

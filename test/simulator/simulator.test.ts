/**
 * The simulated platform end to end: HTTP → WebhookEvent → the real service process (dist/run.js)
 * over the embedded broker and RESP store → FireEvent / WebhookEventResponse → HTTP answer.
 * Every profile under test/profiles runs here too, one trigger each.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../app/simulator/platform.js';
import { assertOutcome, loadProfiles, REPO } from '../helpers/profile.js';
import { runProfileSimulated } from '../helpers/run-profile-simulated.js';
import { eventually } from '../helpers/eventually.js';

const profiles = loadProfiles();
const logDir = mkdtempSync(join(tmpdir(), 'alert-intake-simtest-'));
let sim: Simulator;

const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

before(async () => {
  sim = await startSimulator({
    appDir: REPO,
    quiet: true,
    port: 0,
    logDir,
    responseTimeoutMs: 3000,
    triggers: {
      service: {},
      variables: { profile_secret: 'from-the-variable-store' },
      triggers: [
        ...profiles.map((p, i) => ({ id: i + 1, inputs: p.trigger.inputs, ...(p.trigger.outputs ? { outputs: p.trigger.outputs } : {}) })),
        { id: 900, inputs: { auth_mode: 'Shared Secret Header', auth_secret: '&{TC:TEXT:profile_secret}', dedupe_window: '0' } },
        { id: 901, inputs: { source_preset: 'No Such Preset' } },
        { id: 902, inputs: { dedupe_window: '0' } },
      ],
    },
  });
});

after(async () => {
  await sim?.stop();
  rmSync(logDir, { recursive: true, force: true });
});

describe('profiles through the simulator and the real service', () => {
  profiles.forEach((profile, i) => {
    test(`profile ${profile.file}`, async () => {
      const outcomes = await runProfileSimulated(sim, profile, i + 1);
      assertOutcome(profile, outcomes[0]!, profile.expect);
      if (profile.expectRepeat) assertOutcome(profile, outcomes.at(-1)!, profile.expectRepeat, ' (repeat)');
    });
  });
});

describe('platform behaviour', () => {
  test('a fired event answers 200 with the session, and its variables are in /_events', async () => {
    const res = await fetch(`${sim.url}/902`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'sim-1', title: 'from the test', msg: '8.8.8.8' }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { fired: boolean; sessionId: string; requestKey: string };
    assert.equal(body.fired, true);
    const events = (await (await fetch(`${sim.url}/_events`)).json()) as Array<{
      requestKey: string;
      fires: Array<{ outputs: Record<string, { type: string; value: unknown }> }>;
    }>;
    const e = events.find((x) => x.requestKey === body.requestKey)!;
    assert.equal(e.fires[0]!.outputs['alert_intake.results.alert.title']!.value, 'from the test');
    assert.equal(e.fires[0]!.outputs['alert_intake.results.indicators']!.type, 'StringArray');
  });

  test('&{TC:TEXT:…} inputs resolve through the TC API stand-in', async () => {
    const ok = await fetch(`${sim.url}/900`, {
      method: 'POST',
      headers: { 'X-Webhook-Secret': 'from-the-variable-store', 'Content-Type': 'application/json' },
      body: '{"id":"v-1","title":"t"}',
    });
    assert.equal(ok.status, 200);
    const bad = await fetch(`${sim.url}/900`, {
      method: 'POST',
      headers: { 'X-Webhook-Secret': '&{TC:TEXT:profile_secret}', 'Content-Type': 'application/json' },
      body: '{"id":"v-2","title":"t"}',
    });
    assert.equal(bad.status, 401);
  });

  test('a trigger whose CreateConfig failed is answered 503 by the service, an unknown one 404', async () => {
    assert.equal(sim.configs().get(901)?.status, 'Failed');
    assert.equal((await fetch(`${sim.url}/901`, { method: 'POST', body: '{}' })).status, 503);
    const unknown = await fetch(`${sim.url}/4242`, { method: 'POST', body: '{}' });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: string }).error, 'unknown_trigger');
  });

  test('no decision within the timeout → 504 with a reason (service frozen)', async () => {
    process.kill(sim.servicePid!, 'SIGSTOP');
    try {
      const res = await fetch(`${sim.url}/902`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"id":"slow","title":"t"}' });
      assert.equal(res.status, 504);
      assert.match(((await res.json()) as { reason: string }).reason, /within 3000 ms/);
    } finally {
      process.kill(sim.servicePid!, 'SIGCONT');
    }
  });
});

describe('service crash and shutdown', () => {
  test('a crashed service: the waiting caller gets 502, later callers 503', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alert-intake-crash-'));
    const s = await startSimulator({
      appDir: REPO,
      quiet: true,
      port: 0,
      logDir: dir,
      responseTimeoutMs: 10_000,
      triggers: { service: {}, variables: {}, triggers: [{ id: 1, inputs: {} }] },
    });
    try {
      process.kill(s.servicePid!, 'SIGSTOP');
      const pending = fetch(`${s.url}/1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"id":"c","title":"t"}' });
      await eventually(async () => s.inFlight() === 1, 5000, 'the request waiting for the frozen service');
      process.kill(s.servicePid!, 'SIGKILL');
      const res = await pending;
      assert.equal(res.status, 502);
      assert.equal(((await res.json()) as { error: string }).error, 'service_crashed');
      assert.equal((await fetch(`${s.url}/1`, { method: 'POST', body: '{}' })).status, 503);
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    test(`npm start process: ${signal} shuts the service down cleanly and leaves no orphan`, async () => {
      const child = spawn(process.execPath, [join(REPO, 'build/app/simulator/start.js'), '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      await eventually(async () => /Ready \(service pid \d+\)/.test(out), 30_000, 'the simulator started').catch((err: Error) => {
        throw new Error(`${err.message}:\n${out}`);
      });
      const pid = Number(/service pid (\d+)/.exec(out)![1]);
      assert.ok(alive(pid));
      child.kill(signal);
      assert.equal(await exited, 0, out);
      assert.match(out, /Stopped\./);
      assert.equal(alive(pid), false, 'the service process is gone');
    });
  }
});

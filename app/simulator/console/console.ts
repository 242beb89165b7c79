/**
 * The trigger console: a page at the simulator's root URL and the endpoints behind it — live events
 * (Server-Sent Events), try a signed sample, edit and replay, counters (`/_stats`) and the export to
 * ThreatConnect. Loopback only (the simulator listens on 127.0.0.1), no external resources.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { PRESETS } from '../../core/presets/index.js';
import { readManifest } from '../../config/manifest.js';
import { declaredInputs } from '../../core/trigger/declared-inputs.js';
import type { NameValue } from '../../protocol/messages.js';
import type { SimEvent } from '../events.js';
import type { PlatformControl, PlatformRequest } from '../simulator-types.js';
import type { TriggerSpec } from '../triggers-file.js';
import { readAppModel } from './app-model.js';
import { viewEvent, type EventView } from './event-view.js';
import { consoleRedactor, learnSecrets, maskInputs, resolveInputs, unmaskInputs } from './secrets.js';
import { signSample, TAMPERS, type Tamper } from './sign-sample.js';
import { StatsBook } from './stats.js';
import { exportTrigger } from './tc-export.js';

export interface ConsoleOptions {
  /** The repository (or app folder): install.json, layout.json, samples/ and the page's files. */
  appDir: string;
  /** Events kept for the page and for replay (default 100). */
  keep?: number;
}

/** Bodies above this are not kept for replay. */
const REPLAY_BODY_LIMIT = 1024 * 1024;
const MAX_STREAMS = 16;
/** Scratch trigger ids used for replays, far from any real trigger id. */
const SCRATCH_BASE = 1_000_000_000;

interface Stored {
  view: EventView;
  request?: PlatformRequest;
  /** When the console signed it: how, so a replay can sign it afresh (timestamps and message ids). */
  signed?: { mode?: string; triggerInputs: Record<string, unknown> };
}

class BadRequest extends Error {}

function pageDir(appDir: string): string | undefined {
  const dir = join(appDir, 'app/simulator/console/public');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

/** The presets' samples, one entry per file (several presets may share one). */
function sampleFiles(appDir: string): Array<{ file: string; path: string; presets: string[] }> {
  const byPath = new Map<string, string[]>();
  for (const p of PRESETS) if (existsSync(join(appDir, p.sample))) byPath.set(p.sample, [...(byPath.get(p.sample) ?? []), p.name]);
  return [...byPath.entries()].map(([path, presets]) => ({ file: basename(path), path, presets }));
}

function asObject(v: unknown, what: string): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new BadRequest(`${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

function headerList(v: unknown): NameValue[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new BadRequest('headers must be a list of {name, value}');
  return v.map((h, i) => {
    const o = asObject(h, `headers[${i}]`);
    const name = String(o.name ?? '').trim();
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/.test(name)) throw new BadRequest(`headers[${i}]: ${JSON.stringify(name.slice(0, 40))} is not a header name`);
    return { name, value: String(o.value ?? '').slice(0, 8192) };
  });
}

/** Mounts the console on the simulator's HTTP front. */
export function consoleExtension(options: ConsoleOptions): (app: Express, control: PlatformControl) => void {
  return (app, control) => mountConsole(app, control, options);
}

export function mountConsole(app: Express, control: PlatformControl, options: ConsoleOptions): void {
  const model = readAppModel(options.appDir);
  // The service's own reading of install.json: the Authentication choices, the defaults the signing uses.
  const declared = declaredInputs(readManifest(options.appDir));
  const redactor = consoleRedactor(control.triggers, model.encrypted);
  const stats = new StatsBook();
  const keep = options.keep ?? 100;
  const stored = new Map<number, Stored>();
  const streams = new Set<Response>();
  const scratch = new Set<number>();
  let nextScratch = SCRATCH_BASE;
  const outputOrder = model.outputs.map((o) => o.name);
  const trigger = (id: number): TriggerSpec | undefined => control.triggers.triggers.find((t) => t.id === id);
  const mustTrigger = (id: unknown): TriggerSpec => {
    const t = trigger(Number(id));
    if (!t) throw new BadRequest(`no trigger ${String(id).slice(0, 20)} in the triggers file`);
    return t;
  };
  const learn = (inputs: Record<string, unknown>) => learnSecrets(redactor, [inputs], control.triggers.variables, model.encrypted);

  const push = (name: string, data: unknown) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const s of streams) s.write(frame);
  };

  control.onEvent((event: SimEvent, request?: PlatformRequest) => {
    if (scratch.has(event.triggerId)) return; // a replay is answered to its caller, not counted or listed
    const old = stored.get(event.seq);
    const keepRequest = request ?? old?.request;
    const replayable = keepRequest !== undefined && keepRequest.body.length <= REPLAY_BODY_LIMIT;
    const name = trigger(event.triggerId)?.name;
    const view = viewEvent(event, keepRequest, redactor, { ...(name ? { triggerName: redactor.redactText(name) } : {}), replayable, outputOrder });
    stored.set(event.seq, { view, ...(replayable ? { request: keepRequest } : {}), ...(old?.signed ? { signed: old.signed } : {}) });
    while (stored.size > keep) stored.delete(stored.keys().next().value!);
    // Counted once: a later fire of the same batch comes again, without its request.
    if (!old && (request || event.decision === 'unknown_trigger')) stats.record(event);
    push('event', view);
    push('stats', stats.snapshot());
  });

  const api = express.Router();
  api.use(express.json({ limit: '2mb' }));

  api.get('/model', (_req, res) => {
    res.json({
      displayName: model.displayName,
      groups: model.groups,
      outputs: model.outputs,
      authModes: declared.choices.auth_mode.values,
      tampers: TAMPERS,
      samples: sampleFiles(options.appDir).map(({ file, presets }) => ({ file, presets })),
      triggers: control.triggers.triggers.map((t) => ({
        id: t.id,
        name: redactor.redactText(t.name ?? `Trigger ${t.id}`),
        inputs: maskInputs(t.inputs, model.encrypted),
        ...(t.outputs ? { outputs: t.outputs } : {}),
      })),
    });
  });

  api.get('/samples/:file', (req, res) => {
    const file = sampleFiles(options.appDir).find((s) => s.file === req.params.file);
    if (!file) {
      res.status(404).json({ error: `no sample ${String(req.params.file).slice(0, 60)}` });
      return;
    }
    res.type('application/json').send(readFileSync(join(options.appDir, file.path)));
  });

  api.get('/events', (_req, res) => {
    res.json([...stored.values()].map((s) => s.view));
  });

  api.post('/try', async (req, res) => {
    const b = asObject(req.body, 'the request');
    const t = mustTrigger(b.triggerId);
    const tamper = String(b.tamper ?? 'none') as Tamper;
    if (!(tamper in TAMPERS)) throw new BadRequest(`tamper must be one of ${Object.keys(TAMPERS).join(', ')}`);
    const raw = typeof b.body === 'string' ? b.body : JSON.stringify(b.body ?? {});
    const mode = typeof b.authMode === 'string' && b.authMode !== '' ? b.authMode : undefined;
    let signed: ReturnType<typeof signSample>;
    try {
      signed = signSample(declared, resolveInputs(t.inputs, control.triggers.variables), mode, Buffer.from(raw, 'utf8'), tamper, Date.now() / 1000);
    } catch (err) {
      // A choice the page offers that cannot be made here (no HMAC secret, a stale fault on a mode
      // without timestamps …): answered like a refused replay, so the page's request does not fail.
      res.json({ refused: redactor.redactText(err instanceof Error ? err.message : String(err)) });
      return;
    }
    const contentType = String(b.contentType ?? 'application/json').slice(0, 200);
    const extra = headerList(b.headers);
    const headers: NameValue[] = [
      { name: 'Host', value: `127.0.0.1` },
      { name: 'Content-Type', value: contentType },
      ...extra.filter((h) => h.name.toLowerCase() !== 'content-type'),
      ...signed.headers,
      { name: 'Content-Length', value: String(signed.body.length) },
    ];
    const event = await control.deliver(t.id, { method: 'POST', path: `/${t.id}`, headers, query: [], body: signed.body });
    const kept = stored.get(event.seq);
    if (kept && tamper === 'none') kept.signed = { ...(mode ? { mode } : {}), triggerInputs: t.inputs };
    res.json({ note: signed.note, event: stored.get(event.seq)?.view });
  });

  api.post('/replay', async (req, res) => {
    const b = asObject(req.body, 'the request');
    const s = stored.get(Number(b.seq));
    if (!s?.request) throw new BadRequest(`event #${String(b.seq).slice(0, 20)} is not kept for replay (only the latest ${keep}, bodies up to 1 MiB)`);
    const t = mustTrigger(s.view.triggerId);
    const inputs = unmaskInputs(asObject(b.inputs, 'inputs'), t.inputs, model.encrypted);
    learn(inputs);
    let request = s.request;
    let note = 'the stored request, byte for byte';
    if (s.signed) {
      // Signed by the console: sign afresh as the sender would, so timestamps and message ids are current.
      const again = signSample(
        declared,
        resolveInputs(s.signed.triggerInputs, control.triggers.variables),
        s.signed.mode,
        request.body,
        'none',
        Date.now() / 1000,
      );
      const names = new Set(again.headers.map((h) => h.name.toLowerCase()));
      request = { ...request, headers: [...request.headers.filter((h) => !names.has(h.name.toLowerCase())), ...again.headers] };
      note = "the stored request, signed afresh with the sender's secret (new timestamp and message id)";
    }
    const id = nextScratch++;
    scratch.add(id);
    try {
      const ack = await control.configure(id, inputs, t.outputs);
      if (ack.status !== 'Success') {
        res.json({ before: s.view, after: null, config: { status: ack.status, message: redactor.redactText(ack.message) }, note });
        return;
      }
      const event = await control.deliver(id, { ...request, path: `/${t.id}` });
      const after = viewEvent(event, request, redactor, {
        ...(t.name ? { triggerName: redactor.redactText(t.name) } : {}),
        replayable: false,
        replayOf: s.view.seq,
        outputOrder,
      });
      res.json({ before: s.view, after: { ...after, triggerId: t.id }, config: ack, note });
    } finally {
      await control.unconfigure(id).catch(() => undefined);
      setTimeout(() => scratch.delete(id), 60_000).unref();
    }
  });

  api.post('/apply', async (req, res) => {
    const b = asObject(req.body, 'the request');
    const t = mustTrigger(b.triggerId);
    const inputs = unmaskInputs(asObject(b.inputs, 'inputs'), t.inputs, model.encrypted);
    learn(inputs);
    const ack = await control.configure(t.id, inputs, t.outputs);
    if (ack.status === 'Success') t.inputs = inputs;
    else await control.configure(t.id, t.inputs, t.outputs); // put the working config back
    res.json({ status: ack.status, message: redactor.redactText(ack.message), inputs: maskInputs(t.inputs, model.encrypted) });
  });

  api.post('/export', (req, res) => {
    const b = asObject(req.body, 'the request');
    const t = mustTrigger(b.triggerId);
    const inputs = b.inputs === undefined ? maskInputs(t.inputs, model.encrypted) : asObject(b.inputs, 'inputs');
    const out = exportTrigger(t, inputs, model);
    if (out.entry.name) out.entry.name = redactor.redactText(out.entry.name);
    res.json(out);
  });

  api.get('/stream', (req: Request, res: Response) => {
    if (streams.size >= MAX_STREAMS) {
      res.status(503).json({ error: `at most ${MAX_STREAMS} console pages at once` });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(`event: hello\ndata: ${JSON.stringify({ events: [...stored.values()].map((s) => s.view), stats: stats.snapshot() })}\n\n`);
    streams.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      streams.delete(res);
    });
  });

  api.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const status = err instanceof BadRequest ? 400 : ((err as { status?: number }).status ?? 500);
    res.status(status).json({ error: redactor.redactText(err instanceof Error ? err.message : String(err)) });
  });

  app.get('/_stats', (_req, res) => {
    res.json(stats.snapshot());
  });
  app.use('/_console/api', api);
  const dir = pageDir(options.appDir);
  if (dir) {
    app.get('/', (_req, res) => res.sendFile(join(dir, 'index.html')));
    app.use('/_console', express.static(dir, { index: false, fallthrough: false }));
  } else {
    app.get('/', (_req, res) => res.type('text/plain').send(`The console's page is not in ${options.appDir}/app/simulator/console/public.`));
  }
}

/**
 * The simulator's HTTP front: what a webhook sender talks to. `/<triggerId>` requests become the
 * platform's steps through `dispatch` (stage the body, WebhookEvent, wait for the answer); a few
 * platform API routes (token, runtime variables) and the extension routes (the console) sit
 * before the catch-all. Everything else of the platform lives in platform.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
import type { NameValue } from '../protocol/messages.js';
import type { SimEvent } from './events.js';
import type { PlatformControl, PlatformRequest } from './simulator-types.js';
import type { TriggersFile } from './triggers-file.js';

export const WEBHOOK_METHODS = ['POST', 'GET', 'PUT'];

export type Reply = (status: number, headers: NameValue[], body: Buffer | string) => void;

export interface HttpFrontDeps {
  triggers: TriggersFile;
  /** The recent events (GET /_events). */
  events(): unknown;
  control: PlatformControl;
  /** Adds routes before the webhook catch-all (the console does). */
  extend?: (app: Express, control: PlatformControl) => void;
  newEvent(triggerId: number, method: string, path: string): SimEvent;
  /** An event the front refused itself (unknown trigger, method not allowed), to log and show. */
  refused(event: SimEvent): void;
  /** The platform's steps for one request; `reply` answers the HTTP caller. */
  dispatch(triggerId: number, request: PlatformRequest, reply: Reply, event: SimEvent): Promise<SimEvent>;
}

function nameValues(raw: string[]): NameValue[] {
  const out: NameValue[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i]!, value: raw[i + 1]! });
  return out;
}

export function createHttpFront(deps: HttpFrontDeps): Express {
  const { control } = deps;
  const { triggers } = deps;
  const app = express();
  app.disable('x-powered-by');
  deps.extend?.(app, control);
  app.get('/_events', (_req, res) => {
    res.json(deps.events());
  });
  app.get('/api/appAuth', (_req, res) => {
    res.json({ apiToken: `SIM:${randomBytes(12).toString('hex')}`, apiTokenExpires: Math.floor(Date.now() / 1000) + 3600, success: true });
  });
  app.get('/api/internal/variable/runtime/:provider/:key', (req, res) => {
    const value = triggers.variables[String(req.params.key)];
    if (value === undefined) res.status(404).json({ error: `no variable ${String(req.params.key)} in the triggers file` });
    else res.json({ data: value });
  });
  app.use(express.raw({ type: () => true, limit: '20mb' }));
  app.use((req: Request, res: Response) => {
    const first = req.path.split('/')[1] ?? '';
    const triggerId = /^\d{1,15}$/.test(first) ? Number(first) : NaN;
    const event = deps.newEvent(triggerId, req.method, req.originalUrl);
    const reject = (status: number, decision: SimEvent['decision'], reason: string) => {
      Object.assign(event, { status, decision, reason });
      deps.refused(event);
      res.status(status).json({ error: decision, reason });
    };
    if (!triggers.triggers.some((t) => t.id === triggerId)) {
      const known = triggers.triggers.map((t) => t.id).join(', ');
      let shown = first;
      try {
        shown = decodeURIComponent(first);
      } catch {
        // a malformed escape: shown as sent
      }
      reject(
        404,
        'unknown_trigger',
        `no trigger ${JSON.stringify(shown.slice(0, 40))}: the path starts with a trigger id of the triggers file (${known || 'none'}), e.g. POST /${triggers.triggers[0]?.id ?? 1}`,
      );
      return;
    }
    if (!WEBHOOK_METHODS.includes(req.method)) {
      res.setHeader('Allow', WEBHOOK_METHODS.join(', '));
      reject(405, 'method_not_allowed', `${req.method} is not passed on to the service; use ${WEBHOOK_METHODS.join(', ')}`);
      return;
    }
    const query = new URL(req.originalUrl, 'http://sim').searchParams;
    const request: PlatformRequest = {
      method: req.method,
      path: req.originalUrl,
      headers: nameValues(req.rawHeaders),
      query: [...query.entries()].map(([name, value]) => ({ name, value })),
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
    };
    void deps.dispatch(
      triggerId,
      request,
      (status, headers, body) => {
        if (res.headersSent) return;
        for (const h of headers) {
          try {
            res.append(h.name, h.value);
          } catch {
            // a header the service sent that HTTP does not allow: dropped
          }
        }
        res.status(status).send(body);
      },
      event,
    );
  });
  return app;
}

/** Listens on 127.0.0.1; a listen error (EADDRINUSE …) rejects with a hint. */
export function listenOnLoopback(app: Express, port: number): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    // Express 5 hands a listen error to this callback.
    const s = app.listen(port, '127.0.0.1', (err?: Error) =>
      err
        ? reject(
            Object.assign(new Error(`cannot listen on 127.0.0.1:${port} (${err.message}); pick another --port`), { code: (err as NodeJS.ErrnoException).code }),
          )
        : resolve(s),
    );
  });
}

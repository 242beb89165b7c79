/** Plays a profile against the alert app in this process (memory KV), as the runtime would. */
import { randomUUID } from 'node:crypto';
import { createAlertApp } from '../../app/core/alert-app.js';
import { buildRequest, type Outcome, type Profile } from './profile.js';
import { offlineAppDeps } from '../../scripts/lib/offline-deps.js';
import { repoManifest } from '../../scripts/lib/repo-manifest.js';

export async function runProfileInProcess(p: Profile, triggerId = 1): Promise<Outcome[]> {
  const app = createAlertApp(repoManifest());
  const deps = offlineAppDeps(() => Date.now());
  const created = await app.createConfig(triggerId, p.trigger.inputs, deps);
  if (created.status !== 'Success') throw new Error(`${p.file}: CreateConfig failed: ${created.message}`);
  const outcomes: Outcome[] = [];
  for (let i = 0; i < (p.request.repeat ?? 1); i++) {
    const req = buildRequest(p);
    const result = await app.webhookEvent(
      {
        triggerId,
        requestKey: randomUUID(),
        sessionId: randomUUID(),
        method: req.method,
        headers: req.headers,
        queryParams: req.query,
        body: req.body.length ? req.body : null,
        settings: created.settings,
      },
      deps,
    );
    if (result.kind === 'fire') {
      outcomes.push({
        status: 200,
        decision: 'fired',
        body: null,
        fires: result.fires.map((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, JSON.parse(JSON.stringify(v.value)) as unknown]))),
      });
    } else {
      const text = result.body === undefined ? '' : result.body.toString();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      outcomes.push({ status: result.statusCode, decision: 'responded', body, fires: [] });
    }
  }
  return outcomes;
}

/** Plays a profile through the simulator's HTTP front against the real service process. */
import type { Simulator } from '../../app/simulator/platform.js';
import { eventually } from './eventually.js';
import { buildRequest, type Outcome, type Profile } from './profile.js';

export async function runProfileSimulated(sim: Simulator, p: Profile, triggerId: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < (p.request.repeat ?? 1); i++) {
    const req = buildRequest(p);
    const qs = req.query.length ? `?${new URLSearchParams(req.query.map((q): [string, string] => [q.name, q.value])).toString()}` : '';
    const res = await fetch(`${sim.url}/${triggerId}${req.path}${qs}`, {
      method: req.method,
      headers: req.headers.map((h) => [h.name, h.value] as [string, string]),
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: req.body }),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    const fired = (body as { fired?: unknown } | null)?.fired === true;
    let fires: Outcome['fires'] = [];
    if (fired) {
      const requestKey = (body as { requestKey: string }).requestKey;
      const want = p.expect.fires ?? 1;
      const done = () => (sim.events().find((x) => x.requestKey === requestKey)?.fires.length ?? 0) >= want;
      // The simulator exposes no event for a fire; poll, and let the assertion on `fires` say what is missing.
      await eventually(async () => done(), 5000).catch(() => undefined);
      const e = sim.events().find((x) => x.requestKey === requestKey);
      fires = (e?.fires ?? []).map((f) => Object.fromEntries(Object.entries(f.outputs).map(([k, v]) => [k, v.value])));
    }
    outcomes.push({ status: res.status, decision: fired ? 'fired' : 'responded', body: fired ? null : body, fires });
  }
  return outcomes;
}

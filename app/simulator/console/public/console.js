// The trigger console's page: live events over Server-Sent Events, try a signed sample, edit and
// replay, counters and the export. Talks only to the simulator it was served by.
import { renderInputs } from './inputs.js';
import { el } from './dom.js';

const $ = (id) => document.getElementById(id);
const api = (path) => `/_console/api${path}`;

const state = { model: null, events: new Map(), stats: null, form: null, exported: null, pickedReplay: false };


async function call(path, body) {
  const res = await fetch(api(path), body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({ error: `answer ${res.status} is not JSON` }));
  if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
  return data;
}

const triggerId = () => Number($('trigger').value);
const currentTrigger = () => state.model.triggers.find((t) => t.id === triggerId());

// ---------- values as a playbook sees them ----------

function valueNode(v, type) {
  if (v === null || v === undefined || v === '') return el('span', { class: 'muted', text: '(empty)' });
  if (Array.isArray(v)) {
    if (v.length === 0) return el('span', { class: 'muted', text: '(empty list)' });
    if (v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      const cols = [...new Set(v.flatMap((x) => Object.keys(x)))].filter((c) => !(type === 'TCEntityArray' && c === 'id' && v.every((x) => x.id === '')));
      return el('table', { class: 'mini' },
        el('thead', {}, el('tr', {}, ...cols.map((c) => el('th', { scope: 'col', text: c === 'field' ? 'field (source)' : c })))),
        el('tbody', {}, ...v.map((x) => el('tr', {}, ...cols.map((c) => el('td', {}, el('code', { text: typeof x[c] === 'string' ? x[c] : JSON.stringify(x[c] ?? '') })))))));
    }
    return el('ul', { class: 'chips' }, ...v.map((x) => el('li', {}, el('code', { text: typeof x === 'string' ? x : JSON.stringify(x) }))));
  }
  const text = typeof v === 'string' ? v : JSON.stringify(v, null, 2);
  if (text.length > 120 || text.includes('\n')) return el('pre', { class: 'long', tabindex: '0', text: prettyJson(text) });
  return el('code', { text });
}

function prettyJson(text) {
  if (!/^\s*[[{]/.test(text)) return text;
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

function variablesTable(fire, compareTo) {
  const other = compareTo ? new Map(compareTo.variables.map((x) => [x.name, JSON.stringify(x.value)])) : null;
  return el('table', { class: 'vars' },
    el('caption', { text: `Output variables (session ${fire.sessionId.slice(0, 8)}…)` }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'name' }), el('th', { scope: 'col', text: 'type' }), el('th', { scope: 'col', text: 'value' }))),
    el('tbody', {}, ...fire.variables.map((x) => el('tr', { class: other && other.get(x.name) !== JSON.stringify(x.value) ? 'changed' : undefined },
      el('th', { scope: 'row' }, el('code', { text: x.name })), el('td', { class: 'type', text: x.type }), el('td', {}, valueNode(x.value, x.type))))));
}

function badge(e) {
  return el('span', { class: `badge kind-${e.kind}`, text: e.kind === 'fired' ? 'fired' : e.reason });
}

function outcomeSummary(e) {
  return el('div', { class: 'outcome' }, badge(e), el('span', { class: 'status', text: `HTTP ${e.status}` }), el('span', { class: 'ms', text: `${e.durationMs} ms` }),
    e.detail ? el('p', { class: 'detail', text: e.detail }) : null);
}

function eventBody(e, compareTo) {
  const parts = [outcomeSummary(e)];
  e.fires.forEach((f, i) => parts.push(variablesTable(f, compareTo?.fires?.[i])));
  if (e.fires.length === 0 && e.responseBody) parts.push(el('h4', { text: 'Answer body' }), el('pre', { class: 'long', tabindex: '0', text: prettyJson(e.responseBody) }));
  return parts;
}

// ---------- live events ----------

function eventItem(e) {
  const time = new Date(e.at).toLocaleTimeString();
  const summary = el('summary', {},
    el('span', { class: 'seq', text: `#${e.seq}` }), el('span', { class: 'time', text: time }),
    el('span', { class: 'trig', text: Number.isFinite(e.triggerId) && e.triggerId !== null ? `trigger ${e.triggerId}` : 'no trigger' }),
    badge(e), el('span', { class: 'status', text: String(e.status) }), el('span', { class: 'ms', text: `${e.durationMs} ms` }),
    e.kind !== 'fired' && e.detail ? el('span', { class: 'why', text: e.detail }) : e.fires.length ? el('span', { class: 'why', text: `${e.fires.length} fire${e.fires.length > 1 ? 's' : ''}` }) : null);
  const details = el('details', { class: 'event', 'data-seq': e.seq }, summary);
  const body = el('div', { class: 'event-body' }, ...eventBody(e));
  if (e.request) {
    body.append(el('details', { class: 'request' }, el('summary', { text: `Request: ${e.method} ${e.path}, ${e.request.bodyBytes} bytes` }),
      el('table', { class: 'mini' }, el('tbody', {}, ...e.request.headers.map((h) => el('tr', {}, el('th', { scope: 'row', text: h.name }), el('td', {}, el('code', { text: h.value })))))),
      el('pre', { class: 'long', tabindex: '0', text: prettyJson(e.request.body) + (e.request.truncated ? '\n…' : '') })));
  }
  if (e.replayable) {
    const b = el('button', { type: 'button', class: 'secondary', text: 'Edit inputs and replay this' });
    b.addEventListener('click', () => {
      if (triggerId() !== e.triggerId) { $('trigger').value = String(e.triggerId); onTriggerChange(); }
      $('replay-event').value = String(e.seq);
      state.pickedReplay = true;
      $('replay').scrollIntoView();
      document.querySelector('#inputs input, #inputs select, #inputs textarea')?.focus();
    });
    body.append(el('div', { class: 'actions' }, b));
  }
  details.append(body);
  return el('li', { 'data-trigger': e.triggerId }, details);
}

function upsertEvent(e) {
  state.events.set(e.seq, e);
  const list = $('events');
  const old = list.querySelector(`details[data-seq="${e.seq}"]`);
  const item = eventItem(e);
  if (old) {
    item.querySelector('details').open = old.open;
    old.parentElement.replaceWith(item);
  } else {
    list.prepend(item);
    while (list.children.length > 200) list.lastElementChild.remove();
  }
  filterEvents();
  fillReplayChoices();
}

function filterEvents() {
  const only = $('only-trigger').checked;
  let shown = 0;
  for (const li of $('events').children) {
    li.hidden = only && Number(li.dataset.trigger) !== triggerId();
    if (!li.hidden) shown += 1;
  }
  $('no-events').hidden = shown > 0;
}

function fillReplayChoices() {
  const sel = $('replay-event');
  const keep = sel.value;
  const mine = [...state.events.values()].filter((e) => e.triggerId === triggerId() && e.replayable).sort((a, b) => b.seq - a.seq);
  sel.replaceChildren(...(mine.length ? mine.map((e) => el('option', { value: e.seq, text: `#${e.seq} ${new Date(e.at).toLocaleTimeString()} — ${e.kind === 'fired' ? 'fired' : e.reason}` })) : [el('option', { value: '', text: '(no stored request for this trigger yet)' })]));
  if (state.pickedReplay && mine.some((e) => String(e.seq) === keep)) sel.value = keep;
  $('replay-btn').disabled = mine.length === 0;
}

// ---------- counters ----------

function renderStats() {
  const s = state.stats;
  const root = $('stats');
  if (!s || s.triggers.length === 0) { root.replaceChildren(el('p', { class: 'empty', text: 'No requests counted yet.' })); return; }
  const reasons = [...new Set(s.triggers.flatMap((t) => Object.keys(t.byReason)))].sort((a, b) => (a === 'fired' ? -1 : b === 'fired' ? 1 : a.localeCompare(b)));
  root.replaceChildren(el('table', { class: 'stats' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'trigger' }), el('th', { scope: 'col', class: 'num', text: 'total' }),
      ...reasons.map((r) => el('th', { scope: 'col', class: 'num' }, el('code', { text: r }))),
      ...['p50', 'p90', 'p99', 'max'].map((p) => el('th', { scope: 'col', class: 'num', text: `${p} ms` })))),
    el('tbody', {}, ...s.triggers.map((t) => el('tr', { class: t.triggerId === triggerId() ? 'current' : undefined },
      el('th', { scope: 'row', text: t.triggerId < 0 ? '(none)' : String(t.triggerId) }), el('td', { class: 'num', text: String(t.total) }),
      ...reasons.map((r) => el('td', { class: 'num', text: t.byReason[r] ? String(t.byReason[r]) : '·' })),
      ...['p50', 'p90', 'p99', 'max'].map((p) => el('td', { class: 'num', text: String(t.latencyMs[p]) })))))));
}

// ---------- try a sample ----------

async function loadSample() {
  const file = $('sample').value;
  if (!file) return;
  const res = await fetch(api(`/samples/${encodeURIComponent(file)}`));
  $('body').value = await res.text();
}

function pickSampleFor(trigger) {
  const preset = trigger.inputs.source_preset ?? 'Generic JSON';
  const match = state.model.samples.find((s) => s.presets.includes(preset));
  if (match) $('sample').value = match.file;
}

function parseHeaderLines(text) {
  const out = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const at = line.indexOf(':');
    if (at <= 0) throw new Error(`extra headers, line ${i + 1}: write Name: value`);
    out.push({ name: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  }
  return out;
}

async function sendSample(ev) {
  ev.preventDefault();
  const out = $('try-result');
  out.className = 'result';
  out.textContent = 'sending…';
  try {
    const r = await call('/try', { triggerId: triggerId(), body: $('body').value, contentType: $('content-type').value, headers: parseHeaderLines($('headers').value), authMode: $('auth-mode').value, tamper: $('tamper').value });
    if (r.refused) {
      out.className = 'result bad';
      out.textContent = r.refused;
      return;
    }
    const e = r.event;
    out.className = `result kind-${e.kind}`;
    out.textContent = `${e.status} ${e.kind === 'fired' ? 'fired' : e.reason}${e.detail ? ` — ${e.detail}` : ''} (${e.durationMs} ms; ${r.note}) · event #${e.seq}`;
  } catch (err) {
    out.className = 'result bad';
    out.textContent = err.message;
  }
}

// ---------- edit and replay ----------

function renderForm() {
  state.form = renderInputs($('inputs'), state.model.groups, currentTrigger().inputs);
}

async function replay(ev) {
  ev.preventDefault();
  const status = $('replay-status');
  const problems = state.form.validate();
  if (problems.length) { status.className = 'result bad'; status.textContent = `Fix the inputs first: ${problems.join('; ')}`; return; }
  if (!$('replay-event').value) { status.className = 'result bad'; status.textContent = 'No stored request to replay: send one first.'; return; }
  status.className = 'result';
  status.textContent = 'replaying…';
  try {
    const r = await call('/replay', { seq: Number($('replay-event').value), inputs: state.form.values() });
    $('compare').hidden = false;
    $('before').replaceChildren(el('p', { class: 'muted', text: `#${r.before.seq}, as it was` }), ...eventBody(r.before));
    if (!r.after) {
      $('after').replaceChildren(el('p', { class: 'bad', text: `CreateConfig ${r.config.status}: ${r.config.message}` }));
      status.className = 'result bad';
      status.textContent = 'The service refused these inputs.';
      return;
    }
    $('after').replaceChildren(el('p', { class: 'muted', text: `with the edited inputs (${r.note})` }), ...eventBody(r.after, r.before));
    const changed = r.before.reason !== r.after.reason || r.before.status !== r.after.status;
    status.className = `result ${changed ? 'kind-fired' : ''}`;
    status.textContent = changed ? `Decision changed: ${r.before.reason} → ${r.after.reason}` : `Same decision: ${r.after.reason}`;
  } catch (err) {
    status.className = 'result bad';
    status.textContent = err.message;
  }
}

async function apply() {
  const status = $('replay-status');
  const problems = state.form.validate();
  if (problems.length) { status.className = 'result bad'; status.textContent = `Fix the inputs first: ${problems.join('; ')}`; return; }
  try {
    const r = await call('/apply', { triggerId: triggerId(), inputs: state.form.values() });
    status.className = `result ${r.status === 'Success' ? 'kind-fired' : 'bad'}`;
    status.textContent = r.status === 'Success' ? `Applied to trigger ${triggerId()}: live requests use these inputs.` : `CreateConfig ${r.status}: ${r.message} (the previous inputs stay)`;
    if (r.status === 'Success') currentTrigger().inputs = r.inputs;
  } catch (err) {
    status.className = 'result bad';
    status.textContent = err.message;
  }
}

// ---------- export ----------

async function showExport() {
  try {
    const r = await call('/export', { triggerId: triggerId(), inputs: state.form.values() });
    state.exported = JSON.stringify(r.entry, null, 2);
    $('export-entry').textContent = state.exported;
    $('export-checklist').replaceChildren(...r.checklist.map((c) => el('li', { text: c })));
    $('copy-btn').disabled = false;
    $('export-status').textContent = '';
  } catch (err) {
    $('export-status').textContent = err.message;
  }
}

async function copyExport() {
  try {
    await navigator.clipboard.writeText(state.exported);
    $('export-status').textContent = 'Copied.';
  } catch {
    const range = document.createRange();
    range.selectNodeContents($('export-entry'));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    $('export-status').textContent = 'Selected: press Ctrl+C to copy.';
  }
}

// ---------- wiring ----------

function onTriggerChange() {
  const t = currentTrigger();
  state.pickedReplay = false;
  renderForm();
  $('auth-mode').value = t.inputs.auth_mode ?? 'None';
  pickSampleFor(t);
  void loadSample();
  filterEvents();
  fillReplayChoices();
  renderStats();
  $('compare').hidden = true;
  $('export-entry').textContent = '';
  $('export-checklist').replaceChildren();
  $('copy-btn').disabled = true;
}

function connect() {
  const conn = $('conn');
  const source = new EventSource(api('/stream'));
  source.addEventListener('open', () => { conn.textContent = 'live'; conn.className = 'conn up'; });
  source.addEventListener('error', () => { conn.textContent = 'reconnecting…'; conn.className = 'conn down'; });
  source.addEventListener('hello', (m) => {
    const d = JSON.parse(m.data);
    $('events').replaceChildren();
    state.events.clear();
    for (const e of d.events) upsertEvent(e);
    state.stats = d.stats;
    renderStats();
    filterEvents();
    fillReplayChoices();
  });
  source.addEventListener('event', (m) => upsertEvent(JSON.parse(m.data)));
  source.addEventListener('stats', (m) => { state.stats = JSON.parse(m.data); renderStats(); });
}

async function main() {
  state.model = await call('/model');
  document.title = `${state.model.displayName} · Trigger console`;
  $('trigger').replaceChildren(...state.model.triggers.map((t) => el('option', { value: t.id, text: `${t.id} · ${t.name}` })));
  $('sample').replaceChildren(...state.model.samples.map((s) => el('option', { value: s.file, text: `${s.file} (${s.presets.join(', ')})` })));
  $('auth-mode').replaceChildren(...state.model.authModes.map((m) => el('option', { value: m, text: m })));
  $('tamper').replaceChildren(...Object.entries(state.model.tampers).map(([k, v]) => el('option', { value: k, text: v })));
  $('trigger').addEventListener('change', onTriggerChange);
  $('sample').addEventListener('change', () => void loadSample());
  $('only-trigger').addEventListener('change', filterEvents);
  $('replay-event').addEventListener('change', () => { state.pickedReplay = true; });
  $('try-form').addEventListener('submit', sendSample);
  $('inputs-form').addEventListener('submit', replay);
  $('apply-btn').addEventListener('click', () => void apply());
  $('reset-btn').addEventListener('click', () => { renderForm(); $('replay-status').textContent = ''; });
  $('export-btn').addEventListener('click', () => void showExport());
  $('copy-btn').addEventListener('click', () => void copyExport());
  onTriggerChange();
  connect();
}

main().catch((err) => {
  $('conn').textContent = `failed: ${err.message}`;
  $('conn').className = 'conn down';
});

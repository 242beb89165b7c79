// The trigger's inputs as a form, built from install.json / layout.json (names, labels, types,
// choices, defaults, required, display clauses) as the server passes them: nothing here names an input.
import { isShown } from './display.js';
import { el } from './dom.js';

const MASK = '***';


const asList = (v) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? v.split('|').map((s) => s.trim()).filter(Boolean) : []);
const asBool = (v) => v === true || (typeof v === 'string' && ['true', '1', 'yes', 'on'].includes(v.toLowerCase()));

function keyValueText(v) {
  let data = v;
  if (typeof v === 'string') {
    try { data = JSON.parse(v); } catch { return v; }
  }
  if (Array.isArray(data)) return data.map((x) => `${x.key} = ${x.value ?? ''}`).join('\n');
  if (data && typeof data === 'object') return Object.entries(data).map(([k, x]) => `${k} = ${x}`).join('\n');
  return '';
}

function parseKeyValues(text) {
  const out = [];
  const errors = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const at = line.indexOf('=');
    if (at <= 0) errors.push(`line ${i + 1}: write key = value`);
    else out.push({ key: line.slice(0, at).trim(), value: line.slice(at + 1).trim() });
  });
  return { out, errors };
}

/** Renders `groups` into `root`; returns { values(), validate(), refresh() }. */
export function renderInputs(root, groups, current) {
  root.replaceChildren();
  const fields = [];
  for (const group of groups) {
    const fs = el('fieldset', { class: 'group' }, el('legend', { text: group.title }));
    const body = el('div', { class: 'group-body' });
    fs.append(body);
    for (const p of group.params) {
      const id = `in-${p.name}`;
      const value = current[p.name] !== undefined ? current[p.name] : p.default;
      const help = el('span', { class: 'help', id: `${id}-help` });
      const err = el('span', { class: 'error', id: `${id}-err`, role: 'alert' });
      const label = el('label', { for: id, text: p.label });
      const star = p.required ? el('span', { class: 'req', title: 'required', 'aria-hidden': 'true', text: '*' }) : null;
      const name = el('code', { class: 'pname', text: p.name });
      let control;
      let read;
      const describedBy = `${id}-help ${id}-err`;
      if (p.type === 'Choice') {
        control = el('select', { id, 'aria-describedby': describedBy, 'aria-required': p.required ? 'true' : undefined });
        if (!p.required) control.append(el('option', { value: '', text: '(not set)' }));
        for (const v of p.validValues ?? []) control.append(el('option', { value: v, text: v }));
        control.value = value === undefined || value === null ? '' : String(value);
        read = () => control.value;
      } else if (p.type === 'MultiChoice') {
        control = el('div', { id, class: 'checks', role: 'group', 'aria-labelledby': `${id}-label`, 'aria-describedby': describedBy });
        label.id = `${id}-label`;
        label.removeAttribute('for');
        const chosen = new Set(asList(value));
        for (const v of p.validValues ?? []) {
          const cid = `${id}-${v.replace(/[^A-Za-z0-9]/g, '_')}`;
          const box = el('input', { type: 'checkbox', id: cid, value: v, checked: chosen.has(v) });
          control.append(el('span', { class: 'check' }, box, el('label', { for: cid, text: v })));
        }
        read = () => [...control.querySelectorAll('input:checked')].map((b) => b.value);
      } else if (p.type === 'Boolean') {
        control = el('input', { id, type: 'checkbox', checked: asBool(value), 'aria-describedby': describedBy });
        read = () => control.checked;
      } else if (p.type === 'KeyValueList') {
        control = el('textarea', { id, rows: 3, spellcheck: 'false', 'aria-describedby': describedBy, placeholder: 'key = expression' });
        control.value = value === undefined ? '' : keyValueText(value);
        read = () => parseKeyValues(control.value).out;
      } else if (p.encrypt) {
        // A variable reference names no secret: shown as text; anything else typed stays hidden.
        const kind = () => (/^&\{/.test(control.value) ? 'text' : 'password');
        control = el('input', { id, type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': describedBy });
        control.value = value === undefined || value === null ? '' : String(value);
        control.type = kind();
        control.addEventListener('input', () => { control.type = kind(); });
        read = () => control.value;
      } else if (p.viewRows && p.viewRows > 1) {
        control = el('textarea', { id, rows: p.viewRows, spellcheck: 'false', 'aria-describedby': describedBy });
        control.value = value === undefined || value === null ? '' : String(value);
        read = () => control.value;
      } else {
        control = el('input', { id, type: 'text', spellcheck: 'false', 'aria-describedby': describedBy, 'aria-required': p.required ? 'true' : undefined });
        control.value = value === undefined || value === null ? '' : String(value);
        read = () => control.value;
      }
      const notes = [];
      if (p.encrypt) notes.push(`Secret: shown as ${MASK}; leave it to keep the value, or type a new one or a &{TC:KEYCHAIN:name} variable.`);
      if (p.type === 'KeyValueList') notes.push('One key = value a line.');
      if (p.note) notes.push(p.note);
      help.textContent = notes.join(' ');
      const row = el('div', { class: `input type-${p.type}` }, el('div', { class: 'label-line' }, el('span', {}, label, star), name), control, help, err);
      body.append(row);
      fields.push({ p, row, control, read, err });
    }
    root.append(fs);
  }

  const displayValues = () => {
    const v = {};
    for (const f of fields) {
      const x = f.read();
      v[f.p.name] = Array.isArray(x) ? (x.length ? x.join('|') : null) : typeof x === 'boolean' ? String(x) : x === '' ? null : x;
    }
    return v;
  };
  const refresh = () => {
    const v = displayValues();
    for (const f of fields) f.row.hidden = !isShown(f.p.display, v);
  };
  root.addEventListener('input', refresh);
  root.addEventListener('change', refresh);
  refresh();

  return {
    refresh,
    /** The inputs to send: shown inputs with a value. */
    values() {
      const out = {};
      for (const f of fields) {
        if (f.row.hidden) continue;
        const x = f.read();
        if (x === '' || (Array.isArray(x) && x.length === 0)) continue;
        out[f.p.name] = x;
      }
      return out;
    },
    /** Marks invalid inputs; returns the messages (empty when every shown input is valid). */
    validate() {
      const problems = [];
      for (const f of fields) {
        f.err.textContent = '';
        const target = f.control.matches('input, select, textarea') ? f.control : f.control.querySelector('input');
        target?.removeAttribute('aria-invalid');
        if (f.row.hidden) continue;
        const x = f.read();
        let why = '';
        if (f.p.required && (x === '' || (Array.isArray(x) && x.length === 0))) why = 'required';
        else if (f.p.type === 'Choice' && x !== '' && f.p.validValues && !f.p.validValues.includes(x)) why = `one of ${f.p.validValues.join(', ')}`;
        else if (f.p.type === 'KeyValueList') why = parseKeyValues(f.control.value).errors.join('; ');
        if (why) {
          f.err.textContent = `${f.p.label}: ${why}`;
          target?.setAttribute('aria-invalid', 'true');
          problems.push(`${f.p.label}: ${why}`);
        }
      }
      return problems;
    },
  };
}

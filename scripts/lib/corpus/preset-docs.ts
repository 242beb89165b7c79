/** Renders the preset reference (docs/presets.md tables) from the presets themselves, so the doc cannot drift. */
import { PRESETS } from '../../../app/core/presets/index.js';

const one = (x: string) => (x.includes('`') ? `\`\` ${x} \`\`` : `\`${x}\``);
const code = (xs: readonly string[] | undefined) => (xs && xs.length ? xs.map(one).join(', ') : '—');

export function presetReference(): string {
  const out: string[] = [];
  for (const p of PRESETS.filter((x) => x.name !== 'Auto-detect')) {
    out.push(`### ${p.name}`, '');
    out.push(
      `Documentation: ${p.docs.startsWith('http') ? `<${p.docs}>` : p.docs} · sample: \`${p.sample}\`${p.aliases ? ` · also accepted as: ${p.aliases.map((a) => `\`${a}\``).join(', ')}` : ''}`,
      '',
    );
    out.push('| field | JSONPath candidates (first non-empty wins) |', '|---|---|');
    if (p.items) out.push(`| alert list (fan out) | ${code(p.items)} |`);
    for (const [k, v] of Object.entries(p.fields)) out.push(`| ${k} | ${code(v)} |`);
    out.push(`| source (default) | \`${p.source}\` |`);
    out.push(`| severity | ${p.severity.map((c) => `\`${c.path}\` on ${c.scale}`).join(', ')}; else ${p.defaultSeverity ?? 'medium'} |`);
    out.push(
      `| status | ${
        p.status
          ? `${code(p.status.paths)}${
              p.status.map
                ? `; vendor words: ${Object.entries(p.status.map)
                    .map(([w, s]) => `${w} → ${s}`)
                    .join(', ')}`
                : ''
            }${p.status.otherwise ? `; any other word → ${p.status.otherwise}` : ''}`
          : 'always firing'
      } |`,
    );
    out.push(
      `| dedupe key | ${p.dedupe ? `${code(p.dedupe)} (joined), else the id` : 'the id'}${p.deriveId ? '; id derived from the alert URL when no id field' : ''} |`,
    );
    out.push(`| evidence (scanned) | ${p.evidence ? code(p.evidence) : 'the whole alert'} |`);
    if (p.jsonText) out.push(`| JSON sent as text (parsed first) | ${code(p.jsonText)} |`);
    out.push(`| metadata (never scanned) | ${p.metadata ? code(p.metadata) : "the scanner's generic key rule"} |`);
    if (p.assets) out.push(`| affected asset (never scanned; its host and domain are the customer's own) | ${code(p.assets)} |`);
    if (p.toolLink === false) out.push('| link | may be the evidence: not a tool link |');
    out.push(`| vendor domains (allow-listed) | ${code(p.allowDomains)} |`, '');
  }
  return out.join('\n');
}

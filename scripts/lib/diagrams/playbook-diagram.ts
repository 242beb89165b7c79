/**
 * A Playbook Template's flow as an SVG, read from the exported .pbx: triggers and jobs as boxes,
 * connections as arrows (Pass, Fail, loop, return), laid out left to right by longest path from
 * the trigger; rows follow the designer's vertical order (locationTop).
 */
import { arrow, CHAR_WIDTH, linesHeight, rect, svgDocument, textBlock, wrap, type TextLine } from './svg.js';

interface PbxJob {
  id: number;
  name?: string;
  locationTop?: number;
  appCatalogItem?: { displayName?: string; programName?: string; pipeRunLevel?: boolean };
}
interface PbxTrigger {
  id: number;
  name?: string;
  type?: string;
  locationTop?: number;
}
interface PbxConnection {
  type: string;
  isCircularOnTarget?: boolean;
  sourceJobId?: number;
  sourceTriggerId?: number;
  targetJobId?: number;
  targetTriggerId?: number;
}
export interface Pbx {
  name?: string;
  type?: string;
  jobList?: PbxJob[];
  playbookTriggerList?: PbxTrigger[];
  playbookConnectionList?: PbxConnection[];
}

interface Node {
  key: string;
  kind: 'trigger' | 'decision' | 'iterator' | 'component' | 'merge' | 'job';
  title: string;
  subtitle: string;
  top: number;
  rank: number;
  x: number;
  y: number;
  h: number;
  lines: TextLine[];
}

const BOX_W = 200;
const COL_GAP = 70;
const ROW_GAP = 40;
const PAD = 10;
const MARGIN = 40;
const HEADER = 78;

const TRIGGER_KIND: Record<string, string> = {
  WebhookTriggerService: 'App Service trigger (Alert Intake)',
  HttpLink: 'HTTP Link trigger',
  PipeConfig: 'component input',
};

const STYLE: Record<Node['kind'], { fill: string; stroke: string }> = {
  trigger: { fill: '#e3effc', stroke: '#1f5fa8' },
  decision: { fill: '#fff8e1', stroke: '#b7950b' },
  iterator: { fill: '#f3ecfc', stroke: '#7b5ea7' },
  component: { fill: '#fff1e0', stroke: '#d97706' },
  merge: { fill: '#f0f4f8', stroke: '#7b8794' },
  job: { fill: '#f5f7fa', stroke: '#7b8794' },
};

const EDGE: Record<string, { color: string; dash?: boolean }> = {
  Pass: { color: '#52606d' },
  Fail: { color: '#c0392b' },
  StartLoop: { color: '#7b5ea7' },
  EndLoop: { color: '#7b5ea7', dash: true },
  Return: { color: '#1f5fa8', dash: true },
};

function kindOf(job: PbxJob): Node['kind'] {
  const app = job.appCatalogItem?.displayName ?? job.appCatalogItem?.programName ?? '';
  if (job.appCatalogItem?.pipeRunLevel) return 'component';
  if (/^If \/ Else$/i.test(app)) return 'decision';
  if (/^Iterator$/i.test(app)) return 'iterator';
  if (/^Merge$/i.test(app)) return 'merge';
  return 'job';
}

function edgeLabel(c: PbxConnection, source: Node | undefined): string {
  if (c.type === 'StartLoop') return 'each item';
  if (c.type === 'EndLoop') return 'next item';
  if (c.targetTriggerId !== undefined) return 'return';
  if (source?.kind === 'decision') return c.type === 'Fail' ? 'false' : 'true';
  if (source?.kind === 'iterator' && c.type === 'Pass') return 'after the loop';
  return c.type === 'Fail' ? 'on failure' : '';
}

export function playbookSvg(pbx: Pbx, fileLabel: string): string {
  const nodes = new Map<string, Node>();
  const textLines = (title: string, subtitle: string): TextLine[] => [
    ...wrap(title, Math.floor((BOX_W - 2 * PAD) / CHAR_WIDTH)).map((t) => ({ text: t, bold: true })),
    ...wrap(subtitle, Math.floor((BOX_W - 2 * PAD) / (CHAR_WIDTH * 0.85))).map((t) => ({ text: t, size: 11, fill: '#52606d' })),
  ];
  for (const t of pbx.playbookTriggerList ?? []) {
    const title = t.name ?? `Trigger ${t.id}`;
    const subtitle = TRIGGER_KIND[t.type ?? ''] ?? t.type ?? 'trigger';
    nodes.set(`t${t.id}`, {
      key: `t${t.id}`,
      kind: 'trigger',
      title,
      subtitle,
      top: t.locationTop ?? 0,
      rank: 0,
      x: 0,
      y: 0,
      h: 0,
      lines: textLines(title, subtitle),
    });
  }
  for (const j of pbx.jobList ?? []) {
    const kind = kindOf(j);
    const title = j.name ?? `Job ${j.id}`;
    const app = j.appCatalogItem?.displayName ?? j.appCatalogItem?.programName ?? '';
    const subtitle = kind === 'component' ? `component: ${app}` : app;
    nodes.set(`j${j.id}`, { key: `j${j.id}`, kind, title, subtitle, top: j.locationTop ?? 0, rank: 0, x: 0, y: 0, h: 0, lines: textLines(title, subtitle) });
  }
  const edges = (pbx.playbookConnectionList ?? []).map((c) => ({
    c,
    from: c.sourceJobId !== undefined ? `j${c.sourceJobId}` : `t${c.sourceTriggerId}`,
    to: c.targetJobId !== undefined ? `j${c.targetJobId}` : `t${c.targetTriggerId}`,
    back: c.isCircularOnTarget === true,
  }));

  // Rank: longest path over the forward edges (back edges close loops and return to the trigger).
  for (let pass = 0; pass < nodes.size; pass++) {
    let changed = false;
    for (const e of edges) {
      const a = nodes.get(e.from);
      const b = nodes.get(e.to);
      if (!a || !b || e.back) continue;
      if (b.rank < a.rank + 1) {
        b.rank = a.rank + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Rows: the designer's vertical order; one row per distinct locationTop.
  const tops = [...new Set([...nodes.values()].map((n) => n.top))].sort((a, b) => a - b);
  const rowHeight = Math.max(...[...nodes.values()].map((n) => linesHeight(n.lines) + 2 * PAD), 40);
  for (const n of nodes.values()) n.h = linesHeight(n.lines) + 2 * PAD;
  const taken = new Set<string>();
  for (const n of [...nodes.values()].sort((a, b) => a.rank - b.rank || a.top - b.top)) {
    let row = tops.indexOf(n.top);
    while (taken.has(`${n.rank}:${row}`)) row += 0.5;
    taken.add(`${n.rank}:${row}`);
    n.x = MARGIN + n.rank * (BOX_W + COL_GAP);
    n.y = HEADER + row * (rowHeight + ROW_GAP) + (rowHeight - n.h) / 2;
  }
  const maxRank = Math.max(...[...nodes.values()].map((n) => n.rank), 0);
  const bottom = Math.max(...[...nodes.values()].map((n) => n.y + n.h), HEADER);
  const width = MARGIN * 2 + (maxRank + 1) * BOX_W + maxRank * COL_GAP;

  const body: string[] = [];
  const colors = new Set<string>();
  body.push(textBlock(MARGIN, 14, [{ text: pbx.name ?? fileLabel, bold: true, size: 17 }], 'start'));
  body.push(
    textBlock(MARGIN, 38, [{ text: `${pbx.type ?? 'Playbook'} · generated from ${fileLabel} by npm run diagrams`, size: 11, fill: '#616e7c' }], 'start'),
  );

  let returnLane = bottom + 24;
  const labels: string[] = [];
  for (const e of edges) {
    const a = nodes.get(e.from);
    const b = nodes.get(e.to);
    if (!a || !b) continue;
    const style = e.c.targetTriggerId !== undefined ? EDGE.Return! : (EDGE[e.c.type] ?? EDGE.Pass!);
    colors.add(style.color);
    let points: Array<[number, number]>;
    let label: [number, number];
    if (!e.back) {
      const p1: [number, number] = [a.x + BOX_W, a.y + a.h / 2];
      const p2: [number, number] = [b.x, b.y + b.h / 2];
      if (Math.abs(p1[1] - p2[1]) < 1) {
        points = [p1, p2];
        label = [(p1[0] + p2[0]) / 2, p1[1] - 6];
      } else {
        const mid = p1[0] + COL_GAP / 2;
        points = [p1, [mid, p1[1]], [mid, p2[1]], p2];
        label = [mid + 4, (p1[1] + p2[1]) / 2];
      }
    } else if (e.c.targetTriggerId !== undefined || b.x < a.x - BOX_W) {
      // Back to the far left (a component's return to its trigger): below everything.
      const y = returnLane;
      returnLane += 14;
      points = [
        [a.x + BOX_W / 2, a.y + a.h],
        [a.x + BOX_W / 2, y],
        [b.x + BOX_W / 2, y],
        [b.x + BOX_W / 2, b.y + b.h],
      ];
      label = [(a.x + b.x + BOX_W) / 2, y - 5];
    } else {
      // A loop's end back to its iterator (one column left, usually another row).
      const startY = a.y > b.y ? a.y : a.y + a.h;
      const endY = a.y > b.y ? b.y + b.h : b.y;
      const midY = (startY + endY) / 2;
      points = [
        [a.x + BOX_W / 3, startY],
        [a.x + BOX_W / 3, midY],
        [b.x + (2 * BOX_W) / 3, midY],
        [b.x + (2 * BOX_W) / 3, endY],
      ];
      label = [(a.x + BOX_W / 3 + b.x + (2 * BOX_W) / 3) / 2, midY - 5];
    }
    body.push(arrow(points, style.color, style.dash ? { dash: true } : {}));
    const text = edgeLabel(e.c, a);
    if (text)
      labels.push(
        textBlock(
          label[0],
          label[1] - 13,
          [{ text, size: 11, fill: style.color }],
          Math.abs(points[0]![1] - points[points.length - 1]![1]) < 1 || e.back ? 'middle' : 'start',
        ),
      );
  }
  for (const n of nodes.values()) {
    const s = STYLE[n.kind];
    body.push(rect(n.x, n.y, BOX_W, n.h, s.fill, s.stroke));
    body.push(textBlock(n.x + BOX_W / 2, n.y + PAD - 2, n.lines));
  }
  body.push(...labels);
  // Legend.
  const legendY = Math.max(returnLane, bottom + 24) + 10;
  const legend: Array<[string, Node['kind']]> = [
    ['trigger', 'trigger'],
    ['If / Else', 'decision'],
    ['Iterator', 'iterator'],
    ['embedded component', 'component'],
    ['app', 'job'],
  ];
  let lx = MARGIN;
  for (const [text, kind] of legend) {
    body.push(rect(lx, legendY, 14, 14, STYLE[kind].fill, STYLE[kind].stroke, { rx: 3 }));
    body.push(textBlock(lx + 20, legendY - 3, [{ text, size: 11, fill: '#52606d' }], 'start'));
    lx += 30 + text.length * 6.5;
  }
  return svgDocument(Math.max(width, lx + MARGIN), legendY + 34, `${pbx.name ?? fileLabel}: playbook flow`, body, [...colors]);
}

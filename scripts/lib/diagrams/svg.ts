/** A very small SVG writer: escaped text, boxes, arrows; deterministic output (no dates, no ids from chance). */

export const FONT = 'Helvetica, Arial, sans-serif';
/** Rough average glyph width of the font at 13 px: enough to size boxes without font metrics. */
export const CHAR_WIDTH = 7.2;

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Greedy word wrap to at most `max` characters a line. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

export interface TextLine {
  text: string;
  bold?: boolean;
  size?: number;
  fill?: string;
}

/** Lines of text centred on x, starting at the top y. */
export function textBlock(x: number, y: number, lines: TextLine[], anchor: 'middle' | 'start' = 'middle'): string {
  let cy = y;
  return lines
    .map((l) => {
      const size = l.size ?? 13;
      cy += size + 3;
      return `<text x="${x}" y="${cy - 3}" font-size="${size}"${l.bold ? ' font-weight="bold"' : ''} fill="${l.fill ?? '#1f2933'}" text-anchor="${anchor}">${esc(l.text)}</text>`;
    })
    .join('\n');
}

export const linesHeight = (lines: TextLine[]): number => lines.reduce((h, l) => h + (l.size ?? 13) + 3, 0);

export function rect(x: number, y: number, w: number, h: number, fill: string, stroke: string, options: { rx?: number; dash?: boolean } = {}): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${options.rx ?? 8}" fill="${fill}" stroke="${stroke}" stroke-width="1.5"${options.dash ? ' stroke-dasharray="6 4"' : ''}/>`;
}

/** A polyline with an arrow head at its end. */
export function arrow(points: Array<[number, number]>, color: string, options: { dash?: boolean } = {}): string {
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ');
  return `<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"${options.dash ? ' stroke-dasharray="5 4"' : ''} marker-end="url(#arrow-${color.slice(1)})"/>`;
}

const round = (n: number): string => String(Math.round(n * 10) / 10);

/** The whole document, with one arrow-head marker per colour used. */
export function svgDocument(width: number, height: number, title: string, body: string[], colors: string[]): string {
  const markers = [...new Set(colors)]
    .map(
      (c) =>
        `<marker id="arrow-${c.slice(1)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`,
    )
    .join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family="${FONT}" role="img" aria-label="${esc(title)}">`,
    `<title>${esc(title)}</title>`,
    `<defs>\n${markers}\n</defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

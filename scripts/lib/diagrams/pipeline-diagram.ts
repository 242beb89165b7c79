/** The pipeline's stages as an SVG: stages top to bottom, each stage's answers to its right. */
import { PIPELINE_STAGES, stopLines } from './pipeline-stages.js';
import { arrow, CHAR_WIDTH, linesHeight, rect, svgDocument, textBlock, wrap, type TextLine } from './svg.js';

const STAGE_X = 40;
const STAGE_W = 300;
const STOP_X = 420;
const STOP_W = 300;
const GAP = 22;
const PAD = 10;

export function pipelineSvg(): string {
  const body: string[] = [];
  const colors = ['#52606d', '#c0392b', '#2e7d32'];
  let y = 70;
  body.push(textBlock(40, 14, [{ text: 'Alert Intake: one webhook request through the pipeline', bold: true, size: 17 }], 'start'));
  body.push(
    textBlock(
      40,
      38,
      [{ text: 'Generated from scripts/lib/diagrams/pipeline-stages.ts (checked against run-pipeline.ts) by npm run diagrams', size: 11, fill: '#616e7c' }],
      'start',
    ),
  );
  let loopTop = 0;
  let prevBottom = 0;
  for (const [i, stage] of PIPELINE_STAGES.entries()) {
    if (stage.perAlert && loopTop === 0) {
      loopTop = y;
      body.push(textBlock(STOP_X, y - 2, [{ text: 'for each alert of the batch', bold: true, size: 12, fill: '#7b5ea7' }], 'start'));
      y += 24;
    }
    const lines: TextLine[] = [
      { text: `${i + 1}. ${stage.label}`, bold: true },
      ...wrap(stage.note, Math.floor((STAGE_W - 2 * PAD) / (CHAR_WIDTH * 0.9))).map((t) => ({ text: t, size: 12, fill: '#52606d' })),
    ];
    const stops = stopLines(stage);
    const stopText: TextLine[] = stops.flatMap((s) =>
      wrap(s, Math.floor((STOP_W - 2 * PAD) / (CHAR_WIDTH * 0.95))).map((t) => ({ text: t, size: 12, fill: '#8e2b20' })),
    );
    const h = Math.max(linesHeight(lines), linesHeight(stopText)) + 2 * PAD;
    if (prevBottom)
      body.push(
        arrow(
          [
            [STAGE_X + STAGE_W / 2, prevBottom],
            [STAGE_X + STAGE_W / 2, y],
          ],
          '#52606d',
        ),
      );
    body.push(rect(STAGE_X, y, STAGE_W, h, stage.perAlert ? '#f6f0fd' : '#eef4fb', stage.perAlert ? '#7b5ea7' : '#3f6fa8'));
    body.push(textBlock(STAGE_X + STAGE_W / 2, y + PAD - 2, lines));
    if (stops.length > 0) {
      body.push(rect(STOP_X, y, STOP_W, h, '#fdf1ef', '#c0392b', { rx: 4 }));
      body.push(textBlock(STOP_X + PAD, y + PAD - 2, stopText, 'start'));
      body.push(
        arrow(
          [
            [STAGE_X + STAGE_W, y + h / 2],
            [STOP_X, y + h / 2],
          ],
          '#c0392b',
        ),
      );
    }
    prevBottom = y + h;
    y += h + GAP;
  }
  // The end: a FireEvent per alert that passed.
  const endLines: TextLine[] = [
    { text: 'FireEvent: the playbook runs', bold: true, fill: '#1b5e20' },
    { text: 'one per alert that passed; 200 {"fired": true}', size: 12, fill: '#2e7d32' },
  ];
  const endH = linesHeight(endLines) + 2 * PAD;
  body.push(
    arrow(
      [
        [STAGE_X + STAGE_W / 2, prevBottom],
        [STAGE_X + STAGE_W / 2, y],
      ],
      '#2e7d32',
    ),
  );
  body.push(rect(STAGE_X, y, STAGE_W, endH, '#edf7ee', '#2e7d32'));
  body.push(textBlock(STAGE_X + STAGE_W / 2, y + PAD - 2, endLines));
  if (loopTop)
    body.splice(2, 0, rect(STAGE_X - 16, loopTop - 6, STOP_X + STOP_W - STAGE_X + 32, y - GAP - loopTop + 18, 'none', '#b39ddb', { dash: true, rx: 10 }));
  y += endH + 20;
  body.push(
    textBlock(
      40,
      y,
      [
        {
          text: 'Red: the request is answered (or, in a batch, the alert is dropped) with this status and reason; nothing fires for it.',
          size: 11,
          fill: '#616e7c',
        },
      ],
      'start',
    ),
  );
  return svgDocument(STOP_X + STOP_W + 40, y + 30, 'Alert Intake pipeline stages', body, colors);
}

/** Every generated diagram: its path under the repository and its SVG text. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { listFiles } from '../validate/index.js';
import { checkStagesAgainstSource, pipelineSource } from './pipeline-stages.js';
import { pipelineSvg } from './pipeline-diagram.js';
import { playbookSvg, type Pbx } from './playbook-diagram.js';

export const IMAGES_DIR = 'docs/images';

export interface Diagram {
  path: string;
  svg: string;
}

/** "Alert Intake - Enrich, Decide and Store.pbx" → "playbook-enrich-decide-and-store.svg". */
export function diagramName(pbxFile: string): string {
  const slug = basename(pbxFile, '.pbx')
    .toLowerCase()
    .replace(/^alert intake\s*-\s*/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `playbook-${slug}.svg`;
}

/** The diagrams, and the problems that make them untrue (a pipeline stage missing from the code). */
export function buildDiagrams(root: string): { diagrams: Diagram[]; problems: string[] } {
  const read = (file: string) => readFileSync(join(root, 'app/core/pipeline', file), 'utf8');
  const problems = checkStagesAgainstSource(pipelineSource(read('run-pipeline.ts'), read('analyse-body.ts')));
  const diagrams: Diagram[] = [{ path: `${IMAGES_DIR}/pipeline.svg`, svg: pipelineSvg() }];
  for (const file of listFiles(join(root, 'templates')).filter((f) => f.endsWith('.pbx'))) {
    const rel = relative(root, file).split('\\').join('/');
    let pbx: Pbx;
    try {
      pbx = JSON.parse(readFileSync(file, 'utf8')) as Pbx;
    } catch (err) {
      problems.push(`${rel}: not JSON (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    diagrams.push({ path: `${IMAGES_DIR}/${diagramName(file)}`, svg: playbookSvg(pbx, rel) });
  }
  return { diagrams, problems };
}

/** Generated files in the images folder that no source produces any more. */
export function orphanDiagrams(root: string, diagrams: Diagram[]): string[] {
  const dir = join(root, IMAGES_DIR);
  if (!existsSync(dir)) return [];
  const wanted = new Set(diagrams.map((d) => basename(d.path)));
  return readdirSync(dir)
    .filter((f) => (f === 'pipeline.svg' || /^playbook-.*\.svg$/.test(f)) && !wanted.has(f))
    .map((f) => `${IMAGES_DIR}/${f}`);
}

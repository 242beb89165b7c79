import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guideImages } from '../../../scripts/lib/package/render-user-guide.js';
import { REPO_ROOT } from './helpers/fixture-project.js';

test('the pictures a guide shows from images/ are found, once each, sorted', () => {
  const guide = '![a](images/pipeline.svg)\ntext ![b](images/a-b.png) ![again](images/pipeline.svg) ![remote](https://x/y.svg) ![up](../z.svg)';
  assert.deepEqual(guideImages(guide), ['images/a-b.png', 'images/pipeline.svg']);
});

test("every picture the project's user guide shows exists under docs/ (the packager ships it next to the guide)", () => {
  const images = guideImages(readFileSync(join(REPO_ROOT, 'docs/user-guide.md'), 'utf8'));
  assert.ok(images.length > 0);
  for (const image of images) assert.ok(existsSync(join(REPO_ROOT, 'docs', image)), `docs/${image} (npm run diagrams)`);
});

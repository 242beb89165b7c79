import { PackagingError } from './packaging-error.js';

/** The seven items the partner guidance requires in a user guide, and a heading pattern for each. */
export const REQUIRED_GUIDE_ITEMS: ReadonlyArray<{ item: string; heading: RegExp }> = [
  { item: 'description and use case', heading: /description|use case/i },
  { item: 'change log', heading: /change ?log/i },
  { item: 'requirements', heading: /requirement/i },
  { item: 'install', heading: /install/i },
  { item: 'configuration', heading: /configur/i },
  { item: 'usage with an example', heading: /usage|example/i },
  { item: 'support', heading: /support|contact/i },
];

/** The marker in the guide that the change log replaces. */
export const CHANGELOG_MARKER = '<!-- include:CHANGELOG.md -->';

function headings(markdown: string): string[] {
  return markdown.split(/\r?\n/).filter((line) => /^#{1,6}\s/.test(line));
}

/** The required items the guide has no heading for. */
export function missingGuideItems(guide: string): string[] {
  const found = headings(guide);
  return REQUIRED_GUIDE_ITEMS.filter(({ heading }) => !found.some((h) => heading.test(h))).map(({ item }) => item);
}

/** True when the change log has a heading for the version (`## 1.0.0`, `## [1.0.0] - date`, `## v1.0.0`). */
export function changelogHasVersion(changelog: string, version: string): boolean {
  const escaped = version.replace(/[.+]/g, '\\$&');
  return new RegExp(`^#{2,3}\\s*\\[?v?${escaped}\\]?(?:\\s|$)`, 'm').test(changelog);
}

/** `<!-- generate:NAME -->` on a line of its own: replaced by a section generated from the code. */
const GENERATED_MARKER = /^<!-- generate:(\w+) -->$/gm;

/**
 * The user guide as shipped: the guide with the change log's entries in place of the marker,
 * each `<!-- generate:NAME -->` line replaced by `generated[NAME]` (presets, inputs, outputs) and
 * `{{version}}` filled. Stops packaging when an item is missing, a generated section is unknown, or
 * the version has no change-log entry.
 */
export function renderUserGuide(guide: string, changelog: string, version: string, generated: Readonly<Record<string, string>> = {}): string {
  const missing = missingGuideItems(guide);
  if (missing.length > 0) {
    throw new PackagingError('docs/user-guide.md', `the user guide lacks: ${missing.join(', ')}`, 'add a heading for each required item');
  }
  if (!changelogHasVersion(changelog, version)) {
    throw new PackagingError('CHANGELOG.md', `no change-log entry for ${version}`, `add "## ${version}" with what changed`);
  }
  const entries = changelog.replace(/^#\s[^\n]*\n+/, '').trim();
  const unknown = [...guide.matchAll(GENERATED_MARKER)].map((m) => m[1]!).filter((name) => !Object.hasOwn(generated, name));
  if (unknown.length > 0) {
    throw new PackagingError(
      'docs/user-guide.md',
      `no generated section named ${unknown.join(', ')}`,
      `use one of: ${Object.keys(generated).join(', ') || '(none)'}`,
    );
  }
  const withLog = guide.includes(CHANGELOG_MARKER) ? guide.replace(CHANGELOG_MARKER, () => entries) : guide;
  return withLog.replace(GENERATED_MARKER, (_whole, name: string) => generated[name]!).replace(/\{\{version\}\}/g, version);
}

/** Pictures the guide shows from its own folder (`![…](images/x.svg)`): shipped next to it in the submission. */
export function guideImages(guide: string): string[] {
  const found = [...guide.matchAll(/!\[[^\]]*\]\((images\/[A-Za-z0-9._-]+\.(?:svg|png))\)/g)].map((m) => m[1]!);
  return [...new Set(found)].sort();
}

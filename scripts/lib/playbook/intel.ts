/**
 * The offline stand-in for what ThreatConnect knows: a small JSON file of indicators (owner, threat
 * rating, confidence, CAL and ThreatAssess scores). The ThreatConnect API app answers v3 indicator
 * look-ups from it, and IndicatorCreate adds to it, so a later look-up in the same play sees what
 * an earlier job stored (as the instance would).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.js';
import { isObj, arr } from './model.js';

/** ThreatConnect's standard indicator types (v3 `type`). */
export const INDICATOR_TYPES = [
  'Address',
  'EmailAddress',
  'File',
  'Host',
  'URL',
  'ASN',
  'CIDR',
  'Mutex',
  'Registry Key',
  'User Agent',
  'Hashtag',
  'Email Subject',
  'CVE',
];

export interface KnownIndicator {
  id: number;
  type: string;
  summary: string;
  owner: string;
  rating: number;
  confidence: number;
  calScore?: number;
  threatAssessScore?: number;
}

export interface IntelFile {
  organization: string;
  indicators: KnownIndicator[];
}

function num(v: unknown, min: number, max: number, where: string, source: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new UsageError(`${source}: ${where} must be a number from ${min} to ${max}`);
  return v;
}

export function parseIntel(json: unknown, source: string): IntelFile {
  if (!isObj(json)) throw new UsageError(`${source}: the intel file must be a JSON object {"organization", "indicators": [...]}`);
  if (!Array.isArray(json.indicators))
    throw new UsageError(`${source}: the intel file needs "indicators": a list of {type, summary, owner, rating, confidence, calScore}`);
  const indicators = arr(json.indicators).map((raw, i): KnownIndicator => {
    const at = `indicators[${i}]`;
    if (!isObj(raw)) throw new UsageError(`${source}: ${at} must be an object`);
    const type = String(raw.type ?? '');
    if (!INDICATOR_TYPES.includes(type))
      throw new UsageError(`${source}: ${at}.type ${JSON.stringify(raw.type)} is not a ThreatConnect indicator type (${INDICATOR_TYPES.join(', ')})`);
    const summary = typeof raw.summary === 'string' ? raw.summary.trim() : '';
    if (!summary) throw new UsageError(`${source}: ${at}.summary (the indicator value) is missing`);
    const owner = typeof raw.owner === 'string' && raw.owner.trim() ? raw.owner.trim() : undefined;
    if (!owner) throw new UsageError(`${source}: ${at}.owner is missing`);
    const calScore = num(raw.calScore, 0, 1000, `${at}.calScore`, source);
    const threatAssessScore = num(raw.threatAssessScore, 0, 1000, `${at}.threatAssessScore`, source);
    return {
      id: i + 1,
      type,
      summary,
      owner,
      rating: num(raw.rating, 0, 5, `${at}.rating`, source) ?? 0,
      confidence: num(raw.confidence, 0, 100, `${at}.confidence`, source) ?? 0,
      ...(calScore === undefined ? {} : { calScore }),
      ...(threatAssessScore === undefined ? {} : { threatAssessScore }),
    };
  });
  const organization = typeof json.organization === 'string' && json.organization.trim() ? json.organization.trim() : 'Demo Organization';
  return { organization, indicators };
}

export function readIntel(path: string): IntelFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`--intel ${path}: cannot read the file; give a JSON file of known indicators`);
  }
  try {
    return parseIntel(JSON.parse(text.replace(/^\uFEFF/, '')), path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`--intel ${path}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** The mutable instance state of one play. */
export class Intel {
  private readonly known: KnownIndicator[];

  constructor(readonly file: IntelFile) {
    this.known = file.indicators.map((i) => ({ ...i }));
  }

  find(summary: string): KnownIndicator[] {
    const s = summary.trim().toLowerCase();
    return this.known.filter((k) => k.summary.toLowerCase() === s);
  }

  /** IndicatorCreate: a new indicator, or the same one in the same owner updated. */
  store(type: string, summary: string, owner: string, rating: number, confidence: number): { existed: boolean } {
    const same = this.known.find((k) => k.summary.toLowerCase() === summary.toLowerCase() && k.owner === owner && k.type === type);
    if (same) {
      same.rating = rating;
      same.confidence = confidence;
      return { existed: true };
    }
    this.known.push({ id: this.known.length + 1, type, summary, owner, rating, confidence });
    return { existed: false };
  }
}

/**
 * TCPB - ThreatConnect API v3, answered offline from the intel file. Supported: GET /v3/indicators
 * with `tql` = `summary EQ "<value>"` (optionally `fields=threatAssess`, which adds CAL and
 * ThreatAssess scores, as the v3 API does). Output tc.api.content is the v3 JSON body. Anything
 * else fails the job naming what the offline API cannot answer.
 */
import { AppFailure } from '../errors.js';
import { asText } from '../params.js';
import { str, type AppImpl } from './app.js';

const SUMMARY_EQ = /^\s*summary\s+EQ\s+"((?:[^"\\]|\\.)*)"\s*$/i;

export const tcApi: AppImpl = ({ params, intel }) => {
  const method = params.text('http_method', { fallback: 'GET' }).trim().toUpperCase();
  const url = params.text('url', { required: true }).trim();
  const query = params.kvList('params');
  params.kvList('headers');
  const failOnError = params.bool('fail_on_error', true);
  const path = url
    .replace(/^https?:\/\/[^/]+/i, '')
    .replace(/^\/api(?=\/v3\/)/, '')
    .split('?')[0]!
    .replace(/\/$/, '');
  if (method !== 'GET' || path !== '/v3/indicators') {
    throw new AppFailure(`the offline ThreatConnect API answers only GET /v3/indicators, not ${method} ${url}`);
  }
  const tql = query.filter((q) => q.key === 'tql').map((q) => asText(q.value));
  const fields = query.filter((q) => q.key === 'fields').map((q) => asText(q.value));
  const m = tql.length === 1 ? SUMMARY_EQ.exec(tql[0]!) : null;
  if (!m) {
    const answer = { status: 'Failure', message: `the offline API understands one tql: summary EQ "<value>" (got ${JSON.stringify(tql.join(' '))})` };
    if (failOnError) throw new AppFailure(answer.message);
    return { outputs: [str('tc.api.content', JSON.stringify(answer))] };
  }
  const value = m[1]!.replace(/\\(.)/g, '$1');
  const withScores = fields.some((f) =>
    f
      .split(',')
      .map((x) => x.trim())
      .includes('threatAssess'),
  );
  const data = intel.find(value).map((k) => ({
    id: k.id,
    ownerName: k.owner,
    type: k.type,
    summary: k.summary,
    rating: k.rating,
    confidence: k.confidence,
    ...(withScores ? { threatAssessScore: k.threatAssessScore ?? 0, calScore: k.calScore ?? null } : {}),
  }));
  return {
    outputs: [str('tc.api.content', JSON.stringify({ data, count: data.length, status: 'Success' }))],
    note: `${data.length} match(es) for ${JSON.stringify(value)}`,
  };
};

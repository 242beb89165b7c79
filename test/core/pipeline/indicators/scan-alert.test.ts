import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDICATOR_TYPES } from '../../../../app/core/pipeline/indicators/extract-indicators.js';
import { scanAlert, type ScanOptions } from '../../../../app/core/pipeline/indicators/scan-alert.js';
import { walkItem, WALK_LIMITS } from '../../../../app/core/pipeline/indicators/walk-item.js';
import { isMetadata, keyTraits, keyWords } from '../../../../app/core/pipeline/indicators/field-rules.js';
import { isCloudHost } from '../../../../app/core/pipeline/indicators/cloud-hosts.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../..');
interface Case {
  name: string;
  item: unknown;
  options?: Partial<ScanOptions>;
  expect: Array<[string, string, string]>;
  mustNot: string[];
}
const cases = (JSON.parse(readFileSync(resolve(root, 'test/fixtures/indicators/alerts.json'), 'utf8')) as { cases: Case[] }).cases;
const options: ScanOptions = { types: INDICATOR_TYPES, refang: true, allowList: [], dropPrivate: true, maxIndicators: 100, reportUrlHosts: true };
const scan = (item: unknown, extra: Partial<ScanOptions> = {}) => scanAlert(item, { ...options, ...extra }).map((i) => [i.type, i.value, i.field]);

for (const c of cases) {
  test(`alert: ${c.name}`, () => {
    const got = scan(c.item, c.options);
    assert.deepEqual(got, c.expect);
    for (const v of c.mustNot) assert.ok(!got.some(([, value]) => value === v), `${v} must not be reported`);
  });
}

test('key words: camelCase humps, acronyms, separators', () => {
  assert.deepEqual(keyWords('customerIDString'), ['customer', 'id', 'string']);
  assert.deepEqual(keyWords('html_url'), ['html', 'url']);
  assert.deepEqual(keyWords('kibana.alert.uuid'), ['kibana', 'alert', 'uuid']);
  assert.deepEqual(keyWords('MD5String'), ['md5', 'string']);
  assert.deepEqual(keyWords('generatorURL'), ['generator', 'url']);
  assert.deepEqual(keyWords('alertTargetIDs'), ['alert', 'target', 'ids']);
  assert.deepEqual(keyWords('relatedURLs'), ['related', 'urls']);
  assert.equal(keyWords('x'.repeat(1_000_000))[0]!.length, 128, 'only the first 128 characters of a key are read');
});

test('generic key rule: ids, keys, versions, links and people are metadata; evidence keys are not', () => {
  const meta = (k: string, leaf = true, inContainer = false) => isMetadata(keyTraits(k), leaf, inContainer);
  for (const k of [
    'id',
    '_id',
    'uuid',
    'customerIDString',
    'SensorId',
    'AgentId',
    'machineId',
    'detectorId',
    'internetMessageId',
    'fingerprint',
    'incident_key',
    'dedup_key',
    'offset',
    'next_token',
    'agentVersion',
    'arn',
    '@odata.context',
    '$id',
  ])
    assert.equal(meta(k), true, k);
  for (const k of [
    'generatorURL',
    'silenceURL',
    'dashboardURL',
    'panelURL',
    'html_url',
    'self',
    'incidentWebUrl',
    'alertLink',
    'FalconHostLink',
    'linkToSearchResultsUI',
    'url',
  ])
    assert.equal(meta(k), true, k);
  for (const k of [
    'assignedTo',
    'owner',
    'author',
    'createdBy',
    'createdByDisplayName',
    'assignee',
    'assignees',
    'userPrincipalName',
    'upnSuffix',
    'username',
    'computerDnsName',
    'MachineDomain',
  ])
    assert.equal(meta(k, false), true, k);
  for (const k of ['cve_id', 'cveId']) assert.equal(meta(k), false, `${k}: a CVE id is an indicator wherever it sits`);
  for (const k of ['agentDetectionInfo', 'agentRealtimeInfo', 'agent']) assert.equal(meta(k, false), true, `${k}: the endpoint sensor's own facts`);
  for (const k of ['http_user_agent', 'userAgent', 'user_agent']) assert.equal(meta(k), false, `${k}: a user agent is what was observed`);
  for (const k of [
    'src_ip',
    'ipAddressV4',
    'sha256',
    'md5',
    'fileHash',
    'domain',
    'sender',
    'recipient',
    'from',
    'description',
    'CommandLine',
    'maliciousUrl',
    'requestUrl',
    'UrlDomain',
    'clickedUrl',
  ])
    assert.equal(meta(k), false, k);
  assert.equal(meta('url', true, true), false, 'a url inside an evidence container is evidence');
  assert.equal(meta('url', false), false, 'an ECS url object (url.full, url.domain) is walked');
  assert.equal(keyTraits('hashes').hash, true);
  assert.equal(keyTraits('sha').hash, false, 'a bare sha is a git commit id (GitHub)');
  assert.equal(keyTraits('entities').container, true);
});

test('evidence paths: only those subtrees are scanned, whatever their key', () => {
  const item = { id: 'x', summary: 'see 45.33.32.156', detail: { remote: '8.8.4.4', alertId: 'evil.example.com' }, other: { ip: '1.1.1.1' } };
  assert.deepEqual(scan(item, { evidence: ['$.detail'] }), [['Address', '8.8.4.4', '$.detail.remote']]);
  assert.deepEqual(
    scan(item, { evidence: ['$.detail.alertId'] }),
    [['Host', 'evil.example.com', '$.detail.alertId']],
    'a selected place is scanned even when its key looks like an id',
  );
  assert.deepEqual(
    scan(item, { evidence: ['$.other', '$.summary'] }),
    [
      ['Address', '45.33.32.156', '$.summary'],
      ['Address', '1.1.1.1', '$.other.ip'],
    ],
    'document order',
  );
  assert.deepEqual(scan(item, { evidence: ['$'] }).length, 3);
  assert.deepEqual(scan(item, { evidence: ['$.nothing'] }), []);
  const list = { events: [{ ip: '8.8.4.4' }, 'see 45.33.32.156', { ip: '1.1.1.1' }] };
  assert.deepEqual(
    scan(list, { evidence: ['$.events[1]', '$.events[2]'] }),
    [
      ['Address', '45.33.32.156', '$.events[1]'],
      ['Address', '1.1.1.1', '$.events[2].ip'],
    ],
    'array elements can be selected',
  );
  assert.deepEqual(scan(list, { metadata: ['$.events[0]', '$.events[1]'] }), [['Address', '1.1.1.1', '$.events[2].ip']], 'and excluded');
  assert.deepEqual(scan(item, { evidence: ['not a path ]]['] }), [], 'an expression that fails selects nothing');
  assert.deepEqual(
    scan({ hashes: ['x'], h: '5d41402abc4b2a76b9719d911017c592' }, { evidence: ['$.h'] }),
    [['File', '5d41402abc4b2a76b9719d911017c592', '$.h']],
    'a selected string is evidence text: a bare hash counts',
  );
});

test('metadata: key names at any depth (case-insensitive) and JSONPaths are never scanned', () => {
  const item = { a: { Rule: { note: '45.33.32.156' } }, b: ['8.8.4.4'], c: '1.1.1.1' };
  assert.deepEqual(scan(item, { metadata: ['rule', '$.b'] }), [['Address', '1.1.1.1', '$.c']]);
  assert.deepEqual(scan(item, { metadata: ['$'] }), []);
  assert.deepEqual(scan(item, { metadata: ['$.a'], evidence: ['$.a.Rule'] }), [], 'metadata wins over evidence');
});

test('exclude: the alert link and timestamp strings are not scanned', () => {
  assert.deepEqual(scan({ link: 'https://evil.example/x', d: 'https://evil.example/x' }, { exclude: new Set(['https://evil.example/x']) }), []);
});

test('hashes: bare hex only in hash-named fields, evidence containers or prose; placeholders dropped', () => {
  const md5 = '5d41402abc4b2a76b9719d911017c592';
  assert.deepEqual(scan({ resourceName: `orgs/1/findings/${md5}` }), [], 'a hex id in a non-hash field is not a hash');
  assert.deepEqual(scan({ note: md5 }), []);
  assert.deepEqual(scan({ note: `dropped file ${md5}` }), [['File', md5, '$.note']], 'prose');
  assert.deepEqual(scan({ note: `md5:${md5}` }), [['File', md5, '$.note']], 'labelled');
  assert.deepEqual(scan({ file: { hashes: [md5] } }), [['File', md5, '$.file.hashes[0]']]);
  assert.deepEqual(scan({ FileHash: md5.toUpperCase() }), [['File', md5, '$.FileHash']]);
  assert.deepEqual(scan({ hash: { algorithm: 'MD5', value: md5 } }), [['File', md5, '$.hash.value']]);
  assert.deepEqual(scan({ x: { algorithm: 'SHA-1', value: '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8' } }), [
    ['File', '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8', '$.x.value'],
  ]);
  assert.deepEqual(
    scan({ md5: 'd41d8cd98f00b204e9800998ecf8427e', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }),
    [],
    'the hashes of zero bytes (an empty part) are no evidence',
  );
  assert.deepEqual(scan({ sha1: '0'.repeat(40), md5: '1'.repeat(32), sha256: 'f'.repeat(64), note: `zero ${'0'.repeat(64)}` }), []);
  assert.deepEqual(scan({ machineId: 'ff0c3800ed8d66738a514971cd6867166809369f', alertUuid: 'a'.repeat(31) + 'b' }), [], 'ids are never scanned');
});

test('URL hosts, cloud service hosts and Message-IDs', () => {
  assert.deepEqual(scan({ d: 'go to https://evil.example/a then http://45.33.32.156/b' }), [
    ['URL', 'https://evil.example/a', '$.d'],
    ['Host', 'evil.example', '$.d'],
    ['URL', 'http://45.33.32.156/b', '$.d'],
    ['Address', '45.33.32.156', '$.d'],
  ]);
  assert.deepEqual(scan({ d: 'https://evil.example/a' }, { reportUrlHosts: false }), [['URL', 'https://evil.example/a', '$.d']]);
  assert.deepEqual(scan({ d: 'https://evil.example/a' }, { allowList: ['example'] }), []);
  assert.deepEqual(
    scan({
      d: 'phish at https://phishy-bucket.s3.amazonaws.com/login.html and https://storage.googleapis.com/b/x.html; hosts s3.amazonaws.com compute.googleapis.com evil.blob.core.windows.net login.microsoftonline.com',
    }),
    [
      ['URL', 'https://phishy-bucket.s3.amazonaws.com/login.html', '$.d'],
      ['URL', 'https://storage.googleapis.com/b/x.html', '$.d'],
    ],
  );
  assert.equal(isCloudHost('amazonaws.com'), true);
  assert.equal(isCloudHost('notamazonaws.com'), false);
  assert.deepEqual(scan({ d: 'From: Bob <bob@evil.example> Message-ID: <20240501100000.12345.abc@mx.evil.example> <CAJ0k3uN=x@mail.gmail.com>' }), [
    ['EmailAddress', 'bob@evil.example', '$.d'],
  ]);
});

test("the tool's own hosts, learnt from its named links, are dropped from free text too", () => {
  const grafana = {
    message:
      '**Firing** Beacon to evil-c2.example.net\nSource: https://grafana.acme-ops.example/alerting/grafana/x/view\nSilence: https://grafana.acme-ops.example/alerting/silence/new',
    generatorURL: 'https://grafana.acme-ops.example/alerting/grafana/x/view',
  };
  assert.deepEqual(scan(grafana), [['Host', 'evil-c2.example.net', '$.message']]);
  const pagerduty = {
    self: 'https://api.pd.example/incidents/P1',
    service: { self: 'https://api.pd.example/services/P2' },
    title: 'see https://api.pd.example/incidents/P1',
  };
  assert.deepEqual(scan(pagerduty), [], 'two bare `self` links on one host make it a tool host');
  const phishing = { title: 'Phishing', url: 'http://evil.example/login', description: 'user clicked http://evil.example/login' };
  assert.deepEqual(
    scan(phishing),
    [
      ['URL', 'http://evil.example/login', '$.description'],
      ['Host', 'evil.example', '$.description'],
    ],
    'one bare url teaches nothing',
  );
});

test('paths: bounded segments; walk: deep, cyclic and wide items within bounds', () => {
  assert.deepEqual(scan({ 'a\nb': { '@timestamp': 'see 45.33.32.156' } }), [['Address', '45.33.32.156', "$['a\\u000ab']['@timestamp']"]]);
  const long = 'k'.repeat(100_000);
  const [found] = scanAlert({ [long]: '45.33.32.156' }, options);
  assert.equal(found!.field, `$['${'k'.repeat(200)}…']`);
  let deep: unknown = 'see 45.33.32.156';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.deepEqual(scanAlert(deep, options), [], 'deeper than the walk depth: not scanned, no stack overflow');
  let shallow: unknown = 'see 45.33.32.156';
  for (let i = 0; i < 10; i++) shallow = { n: shallow };
  assert.deepEqual(scan(shallow), [['Address', '45.33.32.156', `$${'.n'.repeat(10)}`]]);
  const cyclic: Record<string, unknown> = { s: 'see 45.33.32.156' };
  cyclic.self2 = cyclic;
  assert.equal(scanAlert(cyclic, options).length, 1);
  const wide = Array.from({ length: WALK_LIMITS.maxStrings + 5 }, (_, i) => `t${i}`);
  assert.equal(walkItem(wide, {}).texts.length, WALK_LIMITS.maxStrings);
  const ones = new Array<number>(2_000_000).fill(1);
  const huge = { n: ones, m: [...ones.slice(0, 10), 'see 8.8.4.4'], s: 'see 45.33.32.156' };
  assert.deepEqual(
    scan(huge),
    [['Address', '45.33.32.156', '$.s']],
    'a huge array takes the node budget (no more frames than nodes left); what was already queued is still read',
  );
  assert.deepEqual(
    scanAlert('just text 45.33.32.156', options).map((i) => i.field),
    ['$'],
  );
  assert.deepEqual(scanAlert(null, options), []);
});

test('adversarial bodies give bounded, right results (issue 10: the three stalling bodies)', () => {
  assert.deepEqual(scan({ title: 'u', description: `http://${'.'.repeat(80_000)}a` }), []);
  assert.deepEqual(scan({ title: 'u', description: `https://x${'!'.repeat(40_000)}y` }), [], 'a URL over 4096 characters after trimming is dropped');
  assert.deepEqual(scan({ title: 'u', description: `http://a.com/${')'.repeat(20_000)}` }), [
    ['URL', 'http://a.com/', '$.description'],
    ['Host', 'a.com', '$.description'],
  ]);
  assert.deepEqual(
    scan({ d: `http://evil.example/${'.'.repeat(100_000)}` }),
    [
      ['URL', 'http://evil.example/', '$.d'],
      ['Host', 'evil.example', '$.d'],
    ],
    'trailing dots trimmed before the length check',
  );
  assert.deepEqual(scan({ d: `https://evil.example/a_(b)${')'.repeat(50_000)}` }), [
    ['URL', 'https://evil.example/a_(b)', '$.d'],
    ['Host', 'evil.example', '$.d'],
  ]);
  assert.deepEqual(scan({ d: `<${'a'.repeat(300_000)}@evil.example>` }), []);
  assert.deepEqual(scan({ d: '<'.repeat(200_000) + 'x@evil.example>' }), [['EmailAddress', 'x@evil.example', '$.d']]);
  assert.deepEqual(scan({ d: `${'hxxp[:]//'.repeat(50_000)}evil[.]example` }), []);
  assert.deepEqual(scan({ d: `${'5d41402abc4b2a76b9719d911017c592 '.repeat(30_000)}` }), [['File', '5d41402abc4b2a76b9719d911017c592', '$.d']]);
});

/** Title fallback ranking, the vendor severity scales added for the held-out corpus, and account addresses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountAddresses } from '../../../app/core/pipeline/account-addresses.js';
import { severityOn } from '../../../app/core/pipeline/severity.js';
import { fallbackTitle } from '../../../app/core/pipeline/title.js';

test('title names anywhere beat weak title names nearer the top', () => {
  assert.equal(fallbackTitle({ event_type: 'alert', alert: { signature: 'ET MALWARE Beacon', category: 'Trojan' } }), 'ET MALWARE Beacon');
  assert.equal(fallbackTitle({ category: 'malicious_code', short_description: 'Beaconing from WS-0211' }), 'Beaconing from WS-0211');
  assert.equal(fallbackTitle({ threatInfo: { threatName: 'upd32.dll' }, indicators: [{ category: 'Persistence' }] }), 'upd32.dll');
  assert.equal(fallbackTitle({ category: 'Malware', detail: { note: 1 } }), 'Malware');
  assert.equal(fallbackTitle({ a: { b: 1 } }), undefined);
  // A person's or an asset's name is never the title (Jira: user.name beside issue.fields.summary).
  assert.equal(fallbackTitle({ user: { name: 'praman' }, issue: { fields: { summary: 'Phishing report' } } }), 'Phishing report');
});

test('tenths: a 0-10 score sent in tenths; a fraction is already on 0-10', () => {
  assert.equal(severityOn(38, 'tenths'), 'low');
  assert.equal(severityOn(72, 'tenths'), 'high');
  assert.equal(severityOn(95, 'tenths'), 'critical');
  assert.equal(severityOn(8.5, 'tenths'), 'high');
  assert.equal(severityOn(300, 'tenths'), undefined);
});

test('1-4 rank: 1 is the most severe', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 255].map((n) => severityOn(n, '1-4 rank')),
    ['high', 'medium', 'low', 'informational', 'informational'],
  );
  assert.equal(severityOn(0, '1-4 rank'), undefined);
  assert.equal(severityOn('1', '1-4 rank'), 'high');
});

test('a word with a leading rank reads as the word', () => {
  assert.equal(severityOn('2 - High', 'auto'), 'high');
  assert.equal(severityOn('1-Critical', 'text'), 'critical');
  assert.equal(severityOn('3 - Moderate', 'auto'), 'medium');
  assert.equal(severityOn('2 - Whatever', 'auto'), undefined);
});

test('account addresses: users, recipients, mailboxes; never senders', () => {
  const found = accountAddresses({
    usr: { id: 'Alice.K@corp.example' },
    recipient: ['k.novak@corp.example'],
    toAddresses: ['to@corp.example'],
    mailbox: { primaryAddress: 'box@corp.example' },
    sender: 'evil@bad.example',
    fromAddress: ['ap@bad.example'],
    p1Sender: { emailAddress: 'p1@bad.example' },
    message: 'User alice.k@corp.example logged in',
    actor: { alternateId: 'not an address' },
  });
  assert.deepEqual([...found].sort(), ['alice.k@corp.example', 'box@corp.example', 'k.novak@corp.example', 'to@corp.example']);
});

test('account addresses: in a message record the source user is the sender (Splunk CIM Email src_user)', () => {
  const row = { src_user: 'billing@paypa1-invoices.example', recipient: 'akim@corp.example', subject: 'Your invoice is overdue' };
  assert.deepEqual([...accountAddresses(row)], ['akim@corp.example']);
  // Elsewhere (CIM Authentication, privilege escalation) the source user is the customer's own account.
  assert.deepEqual([...accountAddresses({ src_user: 'admin@corp.example', user: 'root' })], ['admin@corp.example']);
});

test('account addresses: bounded on deep and wide items', () => {
  let deep: unknown = { user: 'deep@corp.example' };
  for (let i = 0; i < 5000; i++) deep = { x: deep };
  assert.equal(accountAddresses(deep).size, 0);
  const wide = { users: Array.from({ length: 50_000 }, (_, i) => `u${i}@corp.example`) };
  assert.ok(accountAddresses(wide).size < 10_000);
});

test('lifecycle: a vendor may call every unknown word a change (Opsgenie actions)', async () => {
  const { lifecycleStatus } = await import('../../../app/core/pipeline/status.js');
  assert.equal(lifecycleStatus(['EscalateToNext'], { create: 'firing' }, 'updated'), 'updated');
  assert.equal(lifecycleStatus(['Create'], { create: 'firing' }, 'updated'), 'firing');
  assert.equal(lifecycleStatus(['EscalateToNext'], { create: 'firing' }), 'firing');
  assert.equal(lifecycleStatus([''], {}, 'updated'), 'firing');
});

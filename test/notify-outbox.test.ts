import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsConsumerName, alertsOutboxHandler } from '../src/app/alerts/consumer.js';
import { newId } from '../src/app/ids.js';
import { notifyConsumerName, notifyOutboxHandler } from '../src/app/notify/outbox-consumer.js';
import { dispatchOnce } from '../src/app/outbox/dispatcher.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * The outbox reaches people and systems: an alert raised by the alerts consumer becomes a notification in the
 * bell of the rule's recipients (finance), worded from the alert's own explanation in the reader's language; a
 * domain event becomes a delivery for the webhook subscriptions that asked for its type; dispatched again, nothing
 * doubles.
 */
const now = new Date('2026-11-20T04:00:00Z');
let t: TestApp;
let tenantId: string;
let finance: TestSession;
let sales: TestSession;
let subscriptionId: string;

beforeAll(async () => {
  t = await startTestApp({ notify: { worker: false } });
  tenantId = await newTenant(t.db, 'notify-outbox');
  finance = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
  sales = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'rep', role: 'sales' }));
  subscriptionId = newId();
  await t.db.insertInto('webhook_subscriptions').values({
    tenant_id: tenantId, id: subscriptionId, url: 'https://erp.example.com/hooks/kx', event_types: ['receipt.confirmed'], secret_ciphertext: 'unused-here',
  }).execute();
});
afterAll(async () => t?.close());

/** What the server's dispatcher does: the alerts consumer, then the notifications consumer, until both are drained. */
async function dispatch(): Promise<void> {
  const alerts = alertsOutboxHandler(() => now);
  const notify = notifyOutboxHandler();
  for (let round = 0; round < 5; round++) {
    const handled = (await dispatchOnce(t.db, alertsConsumerName, alerts)) + (await dispatchOnce(t.db, notifyConsumerName, notify));
    if (handled === 0) return;
  }
}

interface Bell { items: { type: string; title: { zh: string; en: string }; body: { zh: string; en: string } }[] }

describe('outbox → notifications', () => {
  it('a possible duplicate receipt rings finance\'s bell with the alert\'s explanation; the subscriber gets receipt.confirmed; nothing doubles', async () => {
    const customerId = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customerId, code: 'NO1', name: '华东物流有限公司', owner_id: null, department_id: null }).execute();
    const first = await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '4321.00', receivedDate: '2026-11-18' });
    const second = await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '4321.00', receivedDate: '2026-11-19' });
    await dispatch();

    const bell = (await t.app.inject(as(finance, { method: 'GET', url: '/api/v1/notifications' }))).json<Bell>();
    const alert = bell.items.filter((n) => n.type === 'alert.raised');
    expect(alert).toHaveLength(1);
    // In both languages, from the alert's own explanation with its figures.
    expect(alert[0]!.title.zh).toMatch(/^预警：回款 /);
    expect(alert[0]!.title.en).toMatch(/^Alert: Receipt /);
    expect(alert[0]!.body.zh).toContain('华东物流有限公司');
    expect(alert[0]!.body.zh).toContain(second.number);
    expect(alert[0]!.body.en).toContain(first.number);
    // Sales are not among the duplicate rule's recipients.
    expect((await t.app.inject(as(sales, { method: 'GET', url: '/api/v1/notifications' }))).json<Bell>().items).toEqual([]);

    const deliveries = await t.db.selectFrom('webhook_deliveries').select(['type', 'body']).where('tenant_id', '=', tenantId).where('subscription_id', '=', subscriptionId).execute();
    expect(deliveries.map((d) => d.type).sort()).toEqual(['receipt.confirmed', 'receipt.confirmed']);
    const numbers = deliveries.map((d) => (JSON.parse(d.body) as { data: { number: string } }).data.number).sort();
    expect(numbers).toEqual([first.number, second.number].sort());

    // Dispatched again (a crashed batch re-run): the cursor is past them, and the derived event ids refuse repeats.
    await t.db.updateTable('outbox_consumers').set({ tx: '0', last_id: 0n }).where('consumer', '=', notifyConsumerName).execute();
    await dispatch();
    expect(await t.db.selectFrom('webhook_deliveries').select('id').where('tenant_id', '=', tenantId).execute()).toHaveLength(2);
    const again = (await t.app.inject(as(finance, { method: 'GET', url: '/api/v1/notifications' }))).json<Bell>();
    expect(again.items.filter((n) => n.type === 'alert.raised')).toHaveLength(1);
  });
});

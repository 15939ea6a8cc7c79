import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/app/audit.js';
import { verifyLedger } from '../src/app/verify.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { balancesOf, postingsFor } from './helpers/receipts-fixture.js';
import { addCustomer, api, createIntegration, deliver, eventReaches, gatewayWorld, genericDelivery, settled, type GatewayWorld } from './gateway-ingest-helpers.js';

/**
 * Gateway intake through HTTP with the generic HMAC webhook, read like a ledger: the delivery, the event it
 * becomes, the postings, the balances after. Stripe, Alipay and WeChat Pay on their real files are in
 * gateway-ingest-providers.test.ts.
 */
let w: GatewayWorld;
let secret: string;
let path: string;
let integrationId: string;
const customer = {} as Record<'acme' | 'beta' | 'walkin', string>;

beforeAll(async () => {
  w = await gatewayWorld('gw-generic');
  customer.acme = await addCustomer(w, 'ACME', 'Acme 有限公司');
  customer.beta = await addCustomer(w, 'BETA');
  customer.walkin = await addCustomer(w, 'WALKIN', '张三');
  const created = await createIntegration(w, { provider: 'generic', name: 'shop', config: { defaultChannel: 'bank_transfer' } });
  ({ id: integrationId, webhookPath: path } = created);
  secret = created.generatedSecret!;
});
afterAll(async () => w?.t.close());

const send = (event: Record<string, unknown>) => {
  const d = genericDelivery(secret, event);
  return deliver(w, path, d.body, d.headers);
};
const receiptOf = (id: string) => w.t.db.selectFrom('receipts').selectAll().where('tenant_id', '=', w.tenantId).where('id', '=', id).executeTakeFirstOrThrow();
const counts = async () => ({
  receipts: (await w.t.db.selectFrom('receipts').select('id').where('tenant_id', '=', w.tenantId).execute()).length,
  entries: (await w.t.db.selectFrom('journal_entries').select('id').where('tenant_id', '=', w.tenantId).execute()).length,
});

describe('integrations', () => {
  it('a generic integration gets a generated secret, shown once; the list shows only the names of secrets', async () => {
    expect(secret).toMatch(/^whsec_/);
    expect(path).toBe(`/api/v1/webhooks/generic/${integrationId}`);
    const list = (await api(w, w.admin, 'GET', '/api/v1/integrations')).json();
    expect(list.items).toEqual([expect.objectContaining({ id: integrationId, provider: 'generic', enabled: true, secretsSet: ['hmacSecret'], config: { defaultChannel: 'bank_transfer' } })]);
    expect(JSON.stringify(list)).not.toContain(secret);
    const stored = await w.t.db.selectFrom('integrations').select('secrets_ciphertext').where('id', '=', integrationId).executeTakeFirstOrThrow();
    expect(stored.secrets_ciphertext).toMatch(/^v1:/);
    expect(stored.secrets_ciphertext).not.toContain(secret);
  });

  it('every change is audited without the secret', async () => {
    const audit = await w.t.db.selectFrom('audit_log').select(['action', 'after']).where('tenant_id', '=', w.tenantId).where('entity_type', '=', 'integration').execute();
    expect(audit.map((a) => a.action)).toEqual(['integration.created']);
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('bad input is refused with a field: unknown setting, missing Alipay app id, a key that is no PEM, a finance user', async () => {
    const bad = async (body: object, field: string) => {
      const res = await api(w, w.admin, 'POST', '/api/v1/integrations', body, null);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors[0].field).toBe(field);
    };
    await bad({ provider: 'stripe', name: 's', config: { appId: 'x' }, secrets: { webhookSecret: 'whsec_x' } }, 'config.appId');
    await bad({ provider: 'alipay', name: 'a', secrets: { alipayPublicKey: 'MIIB' } }, 'config.appId');
    await bad({ provider: 'alipay', name: 'a', config: { appId: '2019' }, secrets: { alipayPublicKey: 'not a key' } }, 'secrets.alipayPublicKey');
    await bad({ provider: 'stripe', name: 's' }, 'secrets.webhookSecret');
    expect((await api(w, w.finance, 'GET', '/api/v1/integrations')).statusCode).toBe(403);
  });
});

describe('a payment that names its order', () => {
  let order: { orderId: string; number: string };
  let receiptId: string;

  it('order 1,000.00; the payment of 1,200.00 carries its number and a 6.00 fee: accepted at once with {received:true}', async () => {
    order = await seedConfirmedOrder(w.t.db, w.tenantId, { customerId: customer.acme, instalments: [['2026-11-30', '1000.00']] });
    const res = await send({ id: 'evt_pay_1', type: 'payment.succeeded', amount: '1200.00', fee: '6.00', paymentRef: 'pay_1', hints: { orderNumber: order.number, payerName: 'Acme 有限公司' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ received: true });
  });

  it('becomes a confirmed gateway receipt: 1,000.00 to the order, 200.00 advance, the fee to gateway_fees', async () => {
    const event = await eventReaches(w, 'evt_pay_1', 'processed');
    receiptId = event.receipt_id!;
    const receipt = await receiptOf(receiptId);
    expect(receipt).toMatchObject({ status: 'confirmed', source: 'gateway', source_ref: 'evt_pay_1', channel: 'bank_transfer', external_ref: 'pay_1', amount_minor: 120000n, allocated_minor: 100000n, payer_name: 'Acme 有限公司' });
    expect(await postingsFor(w.t.db, w.tenantId, receiptId)).toEqual([[['cash:bank_transfer', 'Dr', '1200.00'], ['accounts_receivable', 'Cr', '1000.00'], ['customer_advances', 'Cr', '200.00']]]);
    expect(await postingsFor(w.t.db, w.tenantId, event.id)).toEqual([[['gateway_fees', 'Dr', '6.00'], ['cash:bank_transfer', 'Cr', '6.00']]]);
    expect(await balancesOf(w.t.db, w.tenantId, customer.acme)).toEqual({ 'cash:bank_transfer': '1200.00', customer_advances: '-200.00', sales: '-1000.00' });
  });

  it('the same delivery again (a provider retry, signed anew) is a duplicate: 200, nothing new', async () => {
    const before = await counts();
    const res = await send({ id: 'evt_pay_1', type: 'payment.succeeded', amount: '1200.00', fee: '6.00', paymentRef: 'pay_1', hints: { orderNumber: order.number, payerName: 'Acme 有限公司' } });
    expect(res.statusCode, res.body).toBe(200);
    await settled(w);
    expect(await counts()).toEqual(before);
    expect((await w.t.db.selectFrom('gateway_events').select('id').where('event_id', '=', 'evt_pay_1').execute()).length).toBe(1);
  });

  it('another event of the same payment (another id, same paymentRef) makes no second receipt and no second fee', async () => {
    const before = await counts();
    expect((await send({ id: 'evt_pay_1_again', type: 'payment.succeeded', amount: '1200.00', fee: '6.00', paymentRef: 'pay_1', hints: { orderNumber: order.number } })).statusCode).toBe(200);
    const event = await eventReaches(w, 'evt_pay_1_again', 'ignored');
    expect(event).toMatchObject({ receipt_id: receiptId, last_error: { code: 'duplicate_payment' } });
    expect(await counts()).toEqual(before);
  });

  it('the same event id with other content is a conflict: 200 to stop retries, flagged, nothing posted', async () => {
    const before = await counts();
    const res = await send({ id: 'evt_pay_1', type: 'payment.succeeded', amount: '9999.00', paymentRef: 'pay_1' });
    expect(res.statusCode).toBe(200);
    const list = (await api(w, w.finance, 'GET', '/api/v1/gateway-events?status=conflict')).json();
    expect(list.items).toEqual([expect.objectContaining({ eventId: 'evt_pay_1', status: 'conflict', amount: '9999.00', error: expect.objectContaining({ code: 'webhook_event_conflict' }) })]);
    await settled(w);
    expect(await counts()).toEqual(before);
  });

  it('a refund of 150.00 is requested, approved and paid by the system: Dr customer_advances / Cr refunds_payable, Dr refunds_payable / Cr cash', async () => {
    expect((await send({ id: 'evt_ref_1', type: 'refund.succeeded', amount: '150.00', paymentRef: 'pay_1', refundRef: 're_1' })).statusCode).toBe(200);
    const event = await eventReaches(w, 'evt_ref_1', 'processed');
    const refund = await w.t.db.selectFrom('refunds').selectAll().where('id', '=', event.refund_id!).executeTakeFirstOrThrow();
    expect(refund).toMatchObject({ status: 'paid', amount_minor: 15000n, reason_code: 'other', reason_text: 'refunded at generic: re_1', paid_channel: 'bank_transfer', receipt_id: receiptId });
    expect(await postingsFor(w.t.db, w.tenantId, refund.id)).toEqual([
      [['customer_advances', 'Dr', '150.00'], ['refunds_payable', 'Cr', '150.00']],
      [['refunds_payable', 'Dr', '150.00'], ['cash:bank_transfer', 'Cr', '150.00']],
    ]);
    expect(await balancesOf(w.t.db, w.tenantId, customer.acme)).toEqual({ 'cash:bank_transfer': '1050.00', customer_advances: '-50.00', sales: '-1000.00' });
  });

  it('a dispute of 80.00 holds what is left unapplied (50.00) on the receipt; it shows in the event list', async () => {
    expect((await send({ id: 'evt_dp_1', type: 'dispute.opened', amount: '80.00', paymentRef: 'pay_1', disputeRef: 'dp_1', reason: 'fraudulent' })).statusCode).toBe(200);
    await eventReaches(w, 'evt_dp_1', 'processed');
    expect(await receiptOf(receiptId)).toMatchObject({ refund_held_minor: 20000n });
    const dispute = await w.t.db.selectFrom('gateway_disputes').selectAll().where('tenant_id', '=', w.tenantId).executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({ dispute_ref: 'dp_1', amount_minor: 8000n, held_minor: 5000n, status: 'open', reason: 'fraudulent', receipt_id: receiptId });
    const list = (await api(w, w.finance, 'GET', '/api/v1/gateway-events?status=processed')).json();
    expect(list.items[0]).toMatchObject({ eventId: 'evt_dp_1', kind: 'dispute_opened', amount: '80.00', receiptId });
    const refundable = (await api(w, w.finance, 'GET', `/api/v1/refunds/refundable?receiptId=${receiptId}`)).json();
    expect(refundable.refundable).toBe('0.00');
  });
});

describe('out of order, unmatched and failed', () => {
  it('a refund before its payment waits (still received, attempts counted), then is paid once the payment is in', async () => {
    expect((await send({ id: 'evt_ref_2', type: 'refund.succeeded', amount: '30.00', paymentRef: 'pay_2', refundRef: 're_2' })).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await w.t.db.selectFrom('gateway_events').selectAll().where('event_id', '=', 'evt_ref_2').executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'received', last_error: { code: 'payment_not_received' } });
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    expect((await send({ id: 'evt_pay_2', type: 'payment.succeeded', amount: '100.00', paymentRef: 'pay_2', hints: { customerCode: 'BETA' } })).statusCode).toBe(200);
    const refunded = await eventReaches(w, 'evt_ref_2', 'processed');
    const payment = await eventReaches(w, 'evt_pay_2', 'processed');
    expect(refunded.receipt_id).toBe(payment.receipt_id);
    expect(await balancesOf(w.t.db, w.tenantId, customer.beta)).toEqual({ 'cash:bank_transfer': '70.00', customer_advances: '-70.00' });
  });

  it('a payment nobody matches is unmatched; finance assigns it: the receipt is made and the payer is remembered', async () => {
    expect((await send({ id: 'evt_pay_3', type: 'payment.succeeded', amount: '88.00', paymentRef: 'pay_3', hints: { payerName: '张 三', payerAccount: '6222 0000 1111' } })).statusCode).toBe(200);
    const unmatched = await eventReaches(w, 'evt_pay_3', 'unmatched');
    expect((await counts()).receipts).toBe(2);
    const res = await api(w, w.finance, 'POST', `/api/v1/gateway-events/${unmatched.id}/assign`, { customerId: customer.walkin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'processed', receiptNumber: expect.stringMatching(/^RC-2026-/) });
    expect(await balancesOf(w.t.db, w.tenantId, customer.walkin)).toEqual({ 'cash:bank_transfer': '88.00', customer_advances: '-88.00' });
    // Remembered by account and by name (the keys statement matching learns and looks up too).
    const aliases = await w.t.db.selectFrom('payer_aliases').select(['alias_key', 'customer_id', 'confirmations']).where('tenant_id', '=', w.tenantId).orderBy('alias_key').execute();
    expect(aliases).toEqual([
      { alias_key: 'a:622200001111', customer_id: customer.walkin, confirmations: 1 },
      { alias_key: 'n:张三', customer_id: customer.walkin, confirmations: 1 },
    ]);
    // The next payment from the same payer (written differently) matches by itself.
    expect((await send({ id: 'evt_pay_4', type: 'payment.succeeded', amount: '12.00', paymentRef: 'pay_4', hints: { payerName: '张三', payerAccount: '6222-0000-1111' } })).statusCode).toBe(200);
    await eventReaches(w, 'evt_pay_4', 'processed');
    expect(await balancesOf(w.t.db, w.tenantId, customer.walkin)).toEqual({ 'cash:bank_transfer': '100.00', customer_advances: '-100.00' });
  });

  it('a payment in a currency without an exchange rate fails with the reason; after the rate is recorded, a replay takes it in', async () => {
    expect((await send({ id: 'evt_usd', type: 'payment.succeeded', amount: '10.00', currency: 'USD', paymentRef: 'pay_usd', hints: { customerCode: 'BETA' } })).statusCode).toBe(200);
    const failed = await eventReaches(w, 'evt_usd', 'failed');
    expect(failed.last_error).toMatchObject({ code: 'exchange_rate_missing' });
    await w.t.db.insertInto('fx_rates').values({ tenant_id: w.tenantId, currency: 'USD', rate_date: '2026-11-01', rate: '7.1', created_by: null } as never).execute();
    const replay = await api(w, w.finance, 'POST', `/api/v1/gateway-events/${failed.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(200);
    await eventReaches(w, 'evt_usd', 'processed');
    expect(await balancesOf(w.t.db, w.tenantId, customer.beta, 'USD')).toEqual({ 'cash:bank_transfer': '10.00', customer_advances: '-10.00' });
    const again = await api(w, w.finance, 'POST', `/api/v1/gateway-events/${failed.id}/replay`);
    expect(again.statusCode).toBe(409);
  });
});

describe('refusals: 4xx, nothing stored or posted, the attempt logged', () => {
  it.each([
    ['a tampered body', (d: { body: string; headers: Record<string, string> }) => ({ body: d.body.replace('50.00', '5000.00'), headers: d.headers }), 401, 'webhook_signature_invalid'],
    ['a wrong key', (d: { body: string; headers: Record<string, string> }) => genericDelivery('whsec_not_the_right_secret_at_all', JSON.parse(d.body) as Record<string, unknown>), 401, 'webhook_signature_invalid'],
    ['a stale timestamp', (d: { body: string; headers: Record<string, string> }) => genericDelivery(secret, JSON.parse(d.body) as Record<string, unknown>, Math.floor(Date.now() / 1000) - 301), 401, 'webhook_timestamp_stale'],
    ['no signature', (d: { body: string; headers: Record<string, string> }) => ({ body: d.body, headers: {} }), 401, 'webhook_signature_invalid'],
  ])('%s', async (_name, mangle, status, code) => {
    const before = await counts();
    const events = (await w.t.db.selectFrom('gateway_events').select('id').where('tenant_id', '=', w.tenantId).execute()).length;
    const d = mangle(genericDelivery(secret, { id: `evt_bad_${code}_${_name}`, type: 'payment.succeeded', amount: '50.00', paymentRef: 'pay_bad', hints: { customerCode: 'BETA' } }));
    const res = await deliver(w, path, d.body, d.headers);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject({ code });
    expect((await w.t.db.selectFrom('gateway_events').select('id').where('tenant_id', '=', w.tenantId).execute()).length).toBe(events);
    expect(await counts()).toEqual(before);
    const log = (await api(w, w.finance, 'GET', `/api/v1/webhook-rejections?integrationId=${integrationId}`)).json();
    expect(log.items[0]).toMatchObject({ integrationId, provider: 'generic', reason: code });
  });

  it('an unknown integration is 404; a disabled one too, and logged for its tenant', async () => {
    const unknown = await deliver(w, '/api/v1/webhooks/generic/00000000-0000-7000-8000-000000000000', '{}', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'webhook_integration_unknown' });
    const other = await createIntegration(w, { provider: 'generic', name: 'old shop' });
    expect((await api(w, w.admin, 'PATCH', `/api/v1/integrations/${other.id}`, { enabled: false }, null)).statusCode).toBe(200);
    const d = genericDelivery(other.generatedSecret!, { id: 'evt_x', type: 'payment.succeeded', amount: '1.00', paymentRef: 'p' });
    expect((await deliver(w, other.webhookPath, d.body, d.headers)).statusCode).toBe(404);
    const log = (await api(w, w.finance, 'GET', `/api/v1/webhook-rejections?integrationId=${other.id}`)).json();
    expect(log.items).toEqual([expect.objectContaining({ reason: 'webhook_integration_unknown', detail: 'this integration is disabled' })]);
  });

  it('a rotated secret takes effect at once: the old one is refused, the new one accepted; the audit names no secret', async () => {
    const other = await createIntegration(w, { provider: 'generic', name: 'rotating' });
    const fresh = 'whsec_rotated_secret_0123456789abcdef';
    const patched = await api(w, w.admin, 'PATCH', `/api/v1/integrations/${other.id}`, { secrets: { hmacSecret: fresh } }, null);
    expect(patched.statusCode, patched.body).toBe(200);
    const event = { id: 'evt_rot', type: 'payment.failed', amount: '1.00', paymentRef: 'p_rot' };
    const old = genericDelivery(other.generatedSecret!, event);
    expect((await deliver(w, other.webhookPath, old.body, old.headers)).statusCode).toBe(401);
    const now = genericDelivery(fresh, event);
    expect((await deliver(w, other.webhookPath, now.body, now.headers)).statusCode).toBe(200);
    const audit = await w.t.db.selectFrom('audit_log').select(['action', 'after']).where('tenant_id', '=', w.tenantId).where('entity_id', '=', other.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['integration.created', 'integration.updated']);
    expect(audit[1]!.after).toMatchObject({ secretsChanged: ['hmacSecret'] });
    expect(JSON.stringify(audit)).not.toContain(fresh);
  });

  it('a body over 256 KiB is refused before verification', async () => {
    const res = await deliver(w, path, Buffer.alloc(262_145, 0x20), { 'kx-signature': 't=1,v1=00' });
    expect(res.statusCode).toBe(413);
  });
});

describe('the books after all of it', () => {
  it('verify finds nothing wrong (the dispute hold is counted with the refunds holding the receipt); the audit chain holds', async () => {
    await settled(w);
    const report = await verifyLedger(w.t.db, { tenantId: w.tenantId });
    const problems = report.checks.flatMap((c) => c.problems);
    // The dispute hold (50.00 on pay_1's receipt) counts with the refunds that hold the receipt's money.
    expect(problems).toEqual([]);
    expect(await verifyAuditChain(w.t.db, w.tenantId)).toEqual([]);
  });
});

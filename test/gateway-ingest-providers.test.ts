import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/app/verify.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { balancesOf, postingsFor } from './helpers/receipts-fixture.js';
import { formEncode } from './helpers-gateways.js';
import { addCustomer, api, createIntegration, deliver, eventReaches, gatewayWorld, settled, type GatewayWorld } from './gateway-ingest-helpers.js';

/**
 * The real provider files of ../shared/extdata through HTTP: Stripe events signed with the official SDK, the
 * signed Alipay notification and the WeChat Pay v3 vector, each through its integration to the books.
 */
const extdataDir = process.env.KX_EXTDATA_DIR ?? resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/extdata');
const present = existsSync(resolve(extdataDir, 'MANIFEST.md'));
if (!present) console.warn(`gateway-ingest provider tests SKIPPED: no ${extdataDir}/MANIFEST.md (set KX_EXTDATA_DIR)`);
const file = (...parts: string[]) => readFileSync(resolve(extdataDir, ...parts), 'utf8');
const stripe = new Stripe('sk_test_unused');

describe.skipIf(!present)('Stripe: the seven fixtures as one story (fresh ids), signed with the stripe SDK', () => {
  let w: GatewayWorld;
  let path: string;
  let customerId: string;
  let order: { orderId: string; number: string };
  const secret = 'whsec_test_secret_for_kuanxiang_0123456789';

  /**
   * A fixture with the story's ids: PaymentIntent pi_story paid by charge ch_story, refund re_story, dispute
   * dp_story. The fixtures' charges, refunds and disputes (nested ones too) name no PaymentIntent; a card payment's
   * do, so `linkIntent` names pi_story on each.
   */
  const fixture = (name: string, eventId: string, options: { metadata?: Record<string, string>; linkIntent?: boolean } = {}) => {
    const text = file('stripe', `${name}.json`).replace(/\b(ch|pi|re|dp)_0{24}\b/g, (_m, prefix: string) => `${prefix}_story`);
    const event = JSON.parse(text) as { id: string; data: { object: Record<string, unknown> } };
    event.id = eventId;
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (value === null || typeof value !== 'object') return;
      const o = value as Record<string, unknown>;
      if (options.linkIntent && ['charge', 'refund', 'dispute'].includes(o.object as string)) o.payment_intent = 'pi_story';
      Object.values(o).forEach(walk);
    };
    walk(event.data.object);
    if (options.metadata) event.data.object.metadata = options.metadata;
    return JSON.stringify(event, null, 2);
  };
  const send = (payload: string) => deliver(w, path, payload, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }) });

  beforeAll(async () => {
    w = await gatewayWorld('gw-stripe');
    customerId = await addCustomer(w, 'STRIPE-CUST');
    order = await seedConfirmedOrder(w.t.db, w.tenantId, { customerId, currency: 'USD', instalments: [['2026-11-30', '15.00']] });
    await w.t.db.insertInto('fx_rates').values({ tenant_id: w.tenantId, currency: 'USD', rate_date: '2000-01-01', rate: '7.2', created_by: null } as never).execute();
    ({ webhookPath: path } = await createIntegration(w, { provider: 'stripe', name: 'Stripe', secrets: { webhookSecret: secret } }));
  });
  afterAll(async () => w?.t.close());

  it('payment_intent.succeeded and charge.succeeded of one payment (metadata order_number) → one confirmed receipt of 20.00 USD', async () => {
    const metadata = { order_number: order.number };
    expect((await send(fixture('payment_intent.succeeded', 'evt_story_pi', { metadata }))).statusCode).toBe(200);
    const answer = await send(fixture('charge.succeeded', 'evt_story_ch', { metadata, linkIntent: true }));
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ received: true });
    const first = await eventReaches(w, 'evt_story_pi', 'processed');
    const second = await eventReaches(w, 'evt_story_ch', 'ignored');
    expect(second.receipt_id).toBe(first.receipt_id);
    const receipt = await w.t.db.selectFrom('receipts').selectAll().where('id', '=', first.receipt_id!).executeTakeFirstOrThrow();
    expect(receipt).toMatchObject({ status: 'confirmed', source: 'gateway', channel: 'stripe', currency: 'USD', amount_minor: 2000n, allocated_minor: 1500n, external_ref: 'pi_story' });
    expect(await postingsFor(w.t.db, w.tenantId, receipt.id)).toEqual([[['cash:stripe', 'Dr', '20.00'], ['accounts_receivable', 'Cr', '15.00'], ['customer_advances', 'Cr', '5.00']]]);
  });

  it('charge.refunded and charge.refund.updated of one refund → one refund of 1.00 USD, paid', async () => {
    expect((await send(fixture('charge.refunded', 'evt_story_refunded', { linkIntent: true }))).statusCode).toBe(200);
    expect((await send(fixture('charge.refund.updated', 'evt_story_refund_updated', { linkIntent: true }))).statusCode).toBe(200);
    const a = await eventReaches(w, 'evt_story_refunded', 'processed');
    const b = await eventReaches(w, 'evt_story_refund_updated', 'processed');
    expect(b.refund_id).toBe(a.refund_id);
    const refunds = await w.t.db.selectFrom('refunds').select(['status', 'amount_minor', 'paid_channel', 'paid_external_ref']).where('tenant_id', '=', w.tenantId).execute();
    expect(refunds).toEqual([{ status: 'paid', amount_minor: 100n, paid_channel: 'stripe', paid_external_ref: 're_story' }]);
  });

  it('charge.dispute.created → a dispute holding 1.00 USD on the receipt; failed payments are stored and ignored', async () => {
    expect((await send(fixture('charge.dispute.created', 'evt_story_dispute', { linkIntent: true }))).statusCode).toBe(200);
    const dispute = await eventReaches(w, 'evt_story_dispute', 'processed');
    expect(await w.t.db.selectFrom('receipts').select('refund_held_minor').where('id', '=', dispute.receipt_id!).executeTakeFirstOrThrow()).toEqual({ refund_held_minor: 200n });
    expect((await send(fixture('charge.failed', 'evt_story_failed'))).statusCode).toBe(200);
    expect((await send(fixture('payment_intent.payment_failed', 'evt_story_pi_failed'))).statusCode).toBe(200);
    await eventReaches(w, 'evt_story_failed', 'ignored');
    const list = (await api(w, w.finance, 'GET', '/api/v1/gateway-events?provider=stripe')).json();
    expect(list.items.map((i: { eventId: string; status: string; kind: string }) => [i.eventId, i.status, i.kind])).toEqual([
      ['evt_story_pi_failed', 'ignored', 'payment_failed'],
      ['evt_story_failed', 'ignored', 'payment_failed'],
      ['evt_story_dispute', 'processed', 'dispute_opened'],
      ['evt_story_refund_updated', 'processed', 'refund_succeeded'],
      ['evt_story_refunded', 'processed', 'refund_succeeded'],
      ['evt_story_ch', 'ignored', 'payment_succeeded'],
      ['evt_story_pi', 'processed', 'payment_succeeded'],
    ]);
    expect(await balancesOf(w.t.db, w.tenantId, customerId, 'USD')).toEqual({ 'cash:stripe': '19.00', customer_advances: '-4.00', sales: '-15.00' });
  });

  it('the seven fixtures unchanged share one event id: the first is stored, the other six are conflicts, nothing posted', async () => {
    const entries = (await w.t.db.selectFrom('journal_entries').select('id').where('tenant_id', '=', w.tenantId).execute()).length;
    for (const name of ['charge.succeeded', 'payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.failed', 'charge.refunded', 'charge.refund.updated', 'charge.dispute.created']) {
      expect((await send(file('stripe', `${name}.json`))).statusCode).toBe(200);
    }
    await settled(w);
    const rows = await w.t.db.selectFrom('gateway_events').select('status').where('event_id', '=', 'evt_000000000000000000000000').execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['conflict', 'conflict', 'conflict', 'conflict', 'conflict', 'conflict', 'unmatched']);
    expect((await w.t.db.selectFrom('journal_entries').select('id').where('tenant_id', '=', w.tenantId).execute()).length).toBe(entries);
  });

  it('a tampered body, a wrong secret, a stale signature → 401, logged, nothing stored', async () => {
    const payload = fixture('charge.succeeded', 'evt_story_tampered');
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
    const tampered = await deliver(w, path, payload.replace('"amount": 2000', '"amount": 9000'), { 'stripe-signature': header });
    const wrong = await deliver(w, path, payload, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_wrong' }) });
    const stale = await deliver(w, path, payload, { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(Date.now() / 1000) - 301 }) });
    expect([tampered.statusCode, wrong.statusCode, stale.statusCode]).toEqual([401, 401, 401]);
    expect(stale.json()).toMatchObject({ code: 'webhook_timestamp_stale' });
    expect(await w.t.db.selectFrom('gateway_events').select('id').where('event_id', '=', 'evt_story_tampered').execute()).toEqual([]);
    const log = (await api(w, w.finance, 'GET', '/api/v1/webhook-rejections')).json();
    expect(log.items.map((i: { reason: string }) => i.reason)).toEqual(['webhook_timestamp_stale', 'webhook_signature_invalid', 'webhook_signature_invalid']);
  });

  it('verify: clean, the dispute hold included', async () => {
    const problems = (await verifyLedger(w.t.db, { tenantId: w.tenantId })).checks.flatMap((c) => c.problems);
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!present)('Alipay: the signed TRADE_SUCCESS notification', () => {
  let w: GatewayWorld;
  let path: string;
  let vector: { cases: { name: string; params: Record<string, string> }[] };
  const form = 'application/x-www-form-urlencoded; charset=utf-8';

  beforeAll(async () => {
    w = await gatewayWorld('gw-alipay');
    vector = JSON.parse(file('alipay', 'vector.json')) as typeof vector;
    ({ webhookPath: path } = await createIntegration(w, { provider: 'alipay', name: '支付宝', config: { appId: '2019073166072302' }, secrets: { alipayPublicKey: file('alipay', 'alipay_notify_public_key_v1.pem') } }));
  });
  afterAll(async () => w?.t.close());

  it('answers exactly "success"; no order 20190815155618536-564-57 here, so it waits unmatched; assigned, it is a receipt of 0.10 CNY', async () => {
    const res = await deliver(w, path, readFileSync(resolve(extdataDir, 'alipay', 'trade_status_sync.valid.form.txt')), { 'content-type': form });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('success');
    const event = await eventReaches(w, '2019081500222155624068450559358070', 'unmatched');
    const customerId = await addCustomer(w, 'YUQUE', '语雀');
    const assigned = await api(w, w.finance, 'POST', `/api/v1/gateway-events/${event.id}/assign`, { customerId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(await balancesOf(w.t.db, w.tenantId, customerId)).toEqual({ 'cash:alipay': '0.10', customer_advances: '-0.10' });
    const detail = (await api(w, w.finance, 'GET', `/api/v1/gateway-events/${event.id}`)).json();
    expect(detail).toMatchObject({ provider: 'alipay', providerType: 'TRADE_SUCCESS', amount: '0.10', currency: 'CNY', status: 'processed', verification: { ok: true } });
    expect(detail.payload).toContain('notify_id=2019081500222155624068450559358070');
  });

  it.each([1, 2])('negative case %i of the vector (another key; amount tampered) → 4xx "fail", logged, nothing stored', async (index) => {
    const before = (await w.t.db.selectFrom('gateway_events').select('id').execute()).length;
    const c = vector.cases[index]!;
    const res = await deliver(w, path, formEncode(Object.entries({ ...c.params, notify_id: `neg_${index}` })), { 'content-type': form });
    expect(res.statusCode).toBe(401);
    expect(res.body).toBe('fail');
    expect((await w.t.db.selectFrom('gateway_events').select('id').execute()).length).toBe(before);
    const log = (await api(w, w.finance, 'GET', '/api/v1/webhook-rejections')).json();
    expect(log.items[0]).toMatchObject({ provider: 'alipay', reason: 'webhook_signature_invalid' });
  });
});

describe.skipIf(!present)('WeChat Pay v3: the signed vector (its clock: the time it was signed)', () => {
  let w: GatewayWorld;
  let path: string;
  let vector: { now_unix: number; headers: Record<string, string>; mch_apiv3_key: string; expected: { id: string } };

  beforeAll(async () => {
    vector = JSON.parse(file('wechatpay_v3', 'vector.json')) as typeof vector;
    w = await gatewayWorld('gw-wechat', { nowMs: () => vector.now_unix * 1000 });
    ({ webhookPath: path } = await createIntegration(w, {
      provider: 'wechatpay', name: '微信支付', config: { mchId: '1234567890', platformSerial: vector.headers['Wechatpay-Serial'] },
      secrets: { apiV3Key: vector.mch_apiv3_key, platformCertificate: file('wechatpay_v3', 'wechatpay_platform_cert.pem') },
    }));
  });
  afterAll(async () => w?.t.close());

  const headers = () => Object.fromEntries(Object.entries(vector.headers).map(([k, v]) => [k.toLowerCase(), v]));

  it('verified and stored; a PayScore event moves no money: ignored, answered {code:"SUCCESS"}, its resource readable', async () => {
    const res = await deliver(w, path, readFileSync(resolve(extdataDir, 'wechatpay_v3', 'notify_body.json')), headers());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'SUCCESS' });
    const event = await eventReaches(w, vector.expected.id, 'ignored');
    expect(event).toMatchObject({ provider: 'wechatpay', provider_type: 'PAYSCORE.USER_OPEN_SERVICE', kind: null });
    expect(event.payload).toContain('out_contract_code');
  });

  it('the body changed by one byte → 401 {code:"FAIL"}, logged', async () => {
    const body = file('wechatpay_v3', 'notify_body.json').replace('PAYSCORE', 'PAYSCORF');
    const res = await deliver(w, path, body, headers());
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'FAIL' });
    expect((await api(w, w.finance, 'GET', '/api/v1/webhook-rejections')).json().items[0]).toMatchObject({ provider: 'wechatpay', reason: 'webhook_signature_invalid' });
  });
});

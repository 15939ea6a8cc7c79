import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/adapters/http/app.js';
import { verifyLedger } from '../src/app/verify.js';
import { testDatabaseKind } from './helpers/db.js';
import { balancesOf } from './helpers/receipts-fixture.js';
import { addCustomer, createIntegration, gatewayWorld, genericDelivery, settled, type GatewayWorld } from './gateway-ingest-helpers.js';

/**
 * Deliveries racing each other, received by two server processes over one database (two apps, each with its own
 * worker): one receipt per payment whatever arrives how often, in what order, at which process.
 * Meant for PostgreSQL (KX_TEST_DATABASE_URL); on PGlite the same runs with its one connection taking turns.
 */
let w: GatewayWorld;
let second: FastifyInstance;
let secret: string;
let path: string;
let customerId: string;

beforeAll(async () => {
  w = await gatewayWorld('gw-race');
  second = buildApp({ database: w.t.database, rateLimitPerMinute: 1_000_000, gateways: { secretKey: w.secretKey, worker: { pollMs: 200 } } });
  await second.ready();
  customerId = await addCustomer(w, 'RACE');
  const created = await createIntegration(w, { provider: 'generic', name: 'racer' });
  secret = created.generatedSecret!;
  path = created.webhookPath;
});
afterAll(async () => {
  await second?.close();
  await w?.t.close();
});

const apps = () => [w.t.app, second];
const post = (i: number, d: { body: string; headers: Record<string, string> }) =>
  apps()[i % 2]!.inject({ method: 'POST', url: path, payload: d.body, headers: { 'content-type': 'application/json', ...d.headers } });
const receiptsFor = async (ref: string) => (await w.t.db.selectFrom('receipts').select('id').where('tenant_id', '=', w.tenantId).where('external_ref', '=', ref).execute()).length;

describe(`concurrent deliveries (${testDatabaseKind})`, () => {
  it('one event delivered 10 times at once → 10 × 200, one stored event, one receipt', async () => {
    const d = genericDelivery(secret, { id: 'evt_same', type: 'payment.succeeded', amount: '500.00', paymentRef: 'pay_same', hints: { customerCode: 'RACE' } });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(i, d)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    await settled(w);
    expect((await w.t.db.selectFrom('gateway_events').select(['status']).where('event_id', '=', 'evt_same').execute())).toEqual([{ status: 'processed' }]);
    expect(await receiptsFor('pay_same')).toBe(1);
  });

  it('ten different events of one payment at once (charge and intent events, retries) → one receipt, one fee', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      post(i, genericDelivery(secret, { id: `evt_multi_${i}`, type: 'payment.succeeded', amount: '300.00', fee: '1.00', paymentRef: 'pay_multi', hints: { customerCode: 'RACE' } }))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(200));
    await settled(w);
    const statuses = (await w.t.db.selectFrom('gateway_events').select('status').where('payment_ref', '=', 'pay_multi').execute()).map((r) => r.status).sort();
    expect(statuses).toEqual(['ignored', 'ignored', 'ignored', 'ignored', 'ignored', 'ignored', 'ignored', 'ignored', 'ignored', 'processed']);
    expect(await receiptsFor('pay_multi')).toBe(1);
    const fees = await w.t.db.selectFrom('journal_entries').select('id').where('tenant_id', '=', w.tenantId).where('source', '=', 'gateway_fee').execute();
    expect(fees).toHaveLength(1);
  });

  it('40 payments and their refunds, refunds first, spread over both processes → 40 receipts, 40 paid refunds, books clean', async () => {
    const payments = Array.from({ length: 40 }, (_, i) => genericDelivery(secret, { id: `evt_p${i}`, type: 'payment.succeeded', amount: '10.00', paymentRef: `pay_${i}`, hints: { customerCode: 'RACE' } }));
    const refunds = Array.from({ length: 40 }, (_, i) => genericDelivery(secret, { id: `evt_r${i}`, type: 'refund.succeeded', amount: '4.00', paymentRef: `pay_${i}`, refundRef: `re_${i}` }));
    const answers = await Promise.all([...refunds, ...payments].map((d, i) => post(i, d)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const open = await w.t.db.selectFrom('gateway_events').select('id').where('tenant_id', '=', w.tenantId).where('status', '=', 'received').execute();
      if (open.length === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const paid = await w.t.db.selectFrom('refunds').select('id').where('tenant_id', '=', w.tenantId).where('status', '=', 'paid').execute();
    expect(paid).toHaveLength(40);
    // 500 + 300 + 40 × 10 taken in, 40 × 4 paid back; the fee is the company's, not the customer's.
    expect(await balancesOf(w.t.db, w.tenantId, customerId)).toEqual({ 'cash:other': '1040.00', customer_advances: '-1040.00' });
    const report = await verifyLedger(w.t.db, { tenantId: w.tenantId });
    expect(report.checks.flatMap((c) => c.problems)).toEqual([]);
  }, 90_000);
});

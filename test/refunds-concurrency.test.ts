import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { testDatabaseKind } from './helpers/db.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * Refunds racing for the same receipt, on a real PostgreSQL server (a pool of 12 connections): the receipt's
 * row lock and its receipts_not_overdrawn CHECK must let exactly as many through as it has room for.
 */
describe.skipIf(testDatabaseKind !== 'postgres')('refunds under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  let tenantId: string;
  let rep: TestSession;
  let customerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenantId = await newTenant(t.db, 'refund-race');
    const repId = await createUser(t.db, tenantId, { login: 'rep', role: 'sales' });
    rep = await sessionFor(t.db, tenantId, repId);
    customerId = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customerId, code: 'RACE', name: 'race', owner_id: repId, department_id: null }).execute();
  });
  afterAll(async () => t?.close());

  const send = (body: object, key: string) => t.app.inject(as(rep, { method: 'POST', url: '/api/v1/refunds', payload: body, headers: { 'idempotency-key': key } }));

  it('20 simultaneous requests of 100.00 on a receipt with 300.00 unapplied: exactly 3 succeed, 17 get exceeds_refundable_amount', async () => {
    const { receiptId } = await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '300.00' });
    const body = { customerId, receiptId, amount: '100.00', currency: 'CNY', reasonCode: 'overpayment' };
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(body, newId())));
    const outcomes = answers.map((res) => `${res.statusCode} ${res.statusCode === 201 ? 'created' : res.json().code}`);
    expect(outcomes.filter((o) => o === '201 created')).toHaveLength(3);
    expect(outcomes.filter((o) => o === '409 exceeds_refundable_amount')).toHaveLength(17);
    const receipt = await t.db.selectFrom('receipts').select('refund_held_minor').where('id', '=', receiptId).executeTakeFirstOrThrow();
    expect(receipt.refund_held_minor).toBe(30000n);
    const refunds = await t.db.selectFrom('refunds').select('id').where('tenant_id', '=', tenantId).where('receipt_id', '=', receiptId).execute();
    expect(refunds).toHaveLength(3);
  });

  it('the same Idempotency-Key 10 times at once: one refund, ten identical answers', async () => {
    const { receiptId } = await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '100.00' });
    const body = { customerId, receiptId, amount: '100.00', currency: 'CNY', reasonCode: 'duplicate_payment' };
    const key = newId();
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(body, key)));
    expect(answers.map((res) => res.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((res) => res.body)).size).toBe(1);
    expect(answers.filter((res) => res.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    const refunds = await t.db.selectFrom('refunds').select('id').where('tenant_id', '=', tenantId).where('receipt_id', '=', receiptId).execute();
    expect(refunds).toHaveLength(1);
  });

  it('verify is clean after the race', async () => {
    const report = await verifyLedger(t.db, { tenantId });
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
  });
});

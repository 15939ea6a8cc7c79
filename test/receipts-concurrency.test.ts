import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { testDatabaseKind } from './helpers/db.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';

/**
 * Receipts under real concurrency (PostgreSQL, a pool of 12 connections): one effect per Idempotency-Key,
 * and an order never settled beyond what it owes however many receipts race for it.
 */
const onPostgres = testDatabaseKind === 'postgres';
let t: TestApp;
let tenantId: string;
let fin: TestSession;
let customerId: string;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'receipts-race');
  await t.db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
  fin = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
  customerId = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customerId, code: 'RACE', name: 'Race', owner_id: null, department_id: null }).execute();
});
afterAll(async () => t?.close());

const post = (url: string, payload: object, key = randomUUID()) => t.app.inject(as(fin, { method: 'POST', url, payload, headers: { 'idempotency-key': key } }));

async function count(table: 'receipts' | 'journal_entries') {
  const rows = await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(rows.n);
}

describe.skipIf(!onPostgres)('receipts under concurrency (PostgreSQL)', () => {
  it('the same Idempotency-Key 10 times at once: one receipt, one posting, ten identical answers', async () => {
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId, signedDate: '2026-11-01', instalments: [['2099-01-01', '500.00']] });
    const [receiptsBefore, entriesBefore] = [await count('receipts'), await count('journal_entries')];
    const key = randomUUID();
    const body = { customerId, kind: 'order_payment', amount: '200.00', currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-20', allocations: [{ orderId: order.orderId, amount: '200.00' }], confirm: true };
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/api/v1/receipts', body, key)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(answers[0]!.json()).toMatchObject({ status: 'confirmed', allocated: '200.00' });
    expect([await count('receipts'), await count('journal_entries')]).toEqual([receiptsBefore + 1, entriesBefore + 1]);
    const paid = await t.db.selectFrom('orders').select('paid_minor').where('id', '=', order.orderId).executeTakeFirstOrThrow();
    expect(paid.paid_minor).toBe(20000n);
  });

  it('eight receipts race for one order: it is settled exactly to its total, never beyond', async () => {
    // A customer of its own: automatic allocation must find this order and no other.
    customerId = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customerId, code: 'RACE2', name: 'Race 2', owner_id: null, department_id: null }).execute();
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId, signedDate: '2026-11-01', instalments: [['2099-02-01', '400.00'], ['2099-03-01', '600.00']] });
    const receipts: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await post('/api/v1/receipts', { customerId, kind: 'prepayment', amount: '300.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20', confirm: true });
      expect(res.statusCode, res.body).toBe(201);
      receipts.push(res.json().id);
    }
    const explicit = await Promise.all(receipts.map((id) => post(`/api/v1/receipts/${id}/allocations`, { allocations: [{ orderId: order.orderId, amount: '300.00' }] })));
    //  three fit (900 of 1000); the other five find too little owed
    expect(explicit.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    expect(new Set(explicit.filter((r) => r.statusCode === 409).map((r) => r.json().code))).toEqual(new Set(['exceeds_outstanding']));

    const idle = receipts.filter((_, i) => explicit[i]!.statusCode !== 200);
    const auto = await Promise.all(idle.map((id) => post(`/api/v1/receipts/${id}/allocations`, { autoAllocate: true })));
    expect(auto.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);

    const figures = await t.db.selectFrom('orders').select(['paid_minor', 'status']).where('id', '=', order.orderId).executeTakeFirstOrThrow();
    expect(figures).toEqual({ paid_minor: 100000n, status: 'completed' });
    const allocated = await t.db.selectFrom('allocations').select((eb) => eb.fn.sum<string>('amount_minor').as('total')).where('order_id', '=', order.orderId).executeTakeFirstOrThrow();
    expect(BigInt(allocated.total)).toBe(100000n);
    const receiptTotals = await t.db.selectFrom('receipts').select((eb) => eb.fn.sum<string>('allocated_minor').as('total')).where('id', 'in', receipts).executeTakeFirstOrThrow();
    expect(BigInt(receiptTotals.total)).toBe(100000n);
    const report = await verifyLedger(t.db, { tenantId });
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
  });
});

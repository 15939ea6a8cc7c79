import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { testDatabaseKind } from './helpers/db.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';

/**
 * Group commit of receipts confirmed at entry (src/app/receivables/receipt-batch.ts): requests sent at once
 * are written together, and each must come out as if it had been alone — same checks against what the
 * receipts before it in the batch settled, same answer as GET, its own error when refused, one effect per key.
 * On PGlite and on PostgreSQL.
 */
let t: TestApp;
let tenantId: string;
let fin: TestSession;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'receipts-batch');
  await t.db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
  fin = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
});
afterAll(async () => t?.close());

const post = (payload: object, key = randomUUID()) => t.app.inject(as(fin, { method: 'POST', url: '/api/v1/receipts', payload, headers: { 'idempotency-key': key } }));
const get = (id: string) => t.app.inject(as(fin, { method: 'GET', url: `/api/v1/receipts/${id}` }));

async function newCustomer(code: string): Promise<string> {
  const id = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id, code, name: `Customer ${code}`, owner_id: null, department_id: null }).execute();
  return id;
}

const paying = (customerId: string, orderId: string, amount: string, extra: object = {}) => ({
  customerId, kind: 'order_payment', amount, currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-20', allocations: [{ orderId, amount }], confirm: true, ...extra,
});

async function instalmentsSettled(orderId: string): Promise<bigint[]> {
  const rows = await t.db.selectFrom('instalments').select('settled_minor').where('tenant_id', '=', tenantId).where('order_id', '=', orderId).orderBy('seq').execute();
  return rows.map((r) => r.settled_minor);
}

/** Transactions that wrote these receipts: fewer than receipts means some were written together. */
async function transactionsOf(ids: readonly string[]): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(DISTINCT xmin::text)::int AS n FROM receipts WHERE tenant_id = ${tenantId} AND id = ANY(${ids}::uuid[])`.execute(t.db);
  return rows[0]!.n;
}

async function expectVerifyClean(): Promise<void> {
  const report = await verifyLedger(t.db, { tenantId });
  expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
}

describe('receipts confirmed at entry, written together', () => {
  it('twelve receipts at once on one order: oldest instalment first across the batch, each answer equal to GET', async () => {
    const customerId = await newCustomer('B1');
    //  instalments 500.00 (due first) and 1,000.00; twelve receipts of 100.00 = 1,200.00
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId, signedDate: '2026-11-01', instalments: [['2099-01-01', '500.00'], ['2099-02-01', '1000.00']] });
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(paying(customerId, order.orderId, '100.00', { payerName: 'O\'Brien "批量"', remarks: 'a\\b', attachments: [{ name: 'slip.pdf', sizeBytes: 1200 }] }))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(12).fill(201));
    const bodies = answers.map((a) => a.json());
    for (const body of bodies) {
      expect(body).toMatchObject({ status: 'confirmed', amount: '100.00', allocated: '100.00', advance: '0.00', allocations: [{ orderId: order.orderId, amount: '100.00' }] });
      const read = await get(body.id);
      expect(read.json()).toEqual(body);
    }
    // Numbers unique; on PostgreSQL, receipts written in fewer transactions than there are receipts (PGlite's
    // one connection lets each request's checks run only after the batch before it has committed).
    expect(new Set(bodies.map((b) => b.number)).size).toBe(12);
    if (testDatabaseKind === 'postgres') expect(await transactionsOf(bodies.map((b) => b.id))).toBeLessThan(12);
    //  order: 1,200.00 of 1,500.00 paid — the first instalment full, 700.00 on the second
    expect(await instalmentsSettled(order.orderId)).toEqual([50000n, 70000n]);
    const figures = await t.db.selectFrom('orders').select(['paid_minor', 'status']).where('id', '=', order.orderId).executeTakeFirstOrThrow();
    expect(figures).toEqual({ paid_minor: 120000n, status: 'confirmed' });
    await expectVerifyClean();
  });

  it('a receipt asking more than the receipts before it left owing is refused alone; the rest commit; its key is free again', async () => {
    const customerId = await newCustomer('B2');
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId, signedDate: '2026-11-01', instalments: [['2099-01-01', '1000.00']] });
    const keys = Array.from({ length: 5 }, () => randomUUID());
    //  five receipts of 300.00 on an order of 1,000.00: three fit, two find 100.00 owed
    const answers = await Promise.all(keys.map((key) => post(paying(customerId, order.orderId, '300.00'), key)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 409, 409]);
    const refused = answers.flatMap((a, i) => (a.statusCode === 409 ? [{ body: a.json(), key: keys[i]! }] : []));
    // Refused inside the batch, against the receipts before it (the field confirming names), or — when those
    // had committed before its own checks ran, as on PGlite, which runs one query at a time — by those checks.
    for (const r of refused) expect(r.body).toMatchObject({ code: 'exceeds_outstanding', errors: [{ field: expect.stringMatching(/^(requestedAllocations|allocations)\[0\]\.amount$/) }] });
    const receipts = await t.db.selectFrom('receipts').select('amount_minor').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
    expect(receipts).toHaveLength(3);
    //  a refused key ran nothing: the same key now pays what is left
    const retry = await post(paying(customerId, order.orderId, '100.00'), refused[0]!.key);
    expect(retry.statusCode, retry.body).toBe(201);
    const figures = await t.db.selectFrom('orders').select(['paid_minor', 'status']).where('id', '=', order.orderId).executeTakeFirstOrThrow();
    expect(figures).toEqual({ paid_minor: 100000n, status: 'completed' });
    await expectVerifyClean();
  });

  it('one key sent six times among other receipts: one effect, six identical answers', async () => {
    const customerId = await newCustomer('B3');
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId, signedDate: '2026-11-01', instalments: [['2099-01-01', '5000.00']] });
    const key = randomUUID();
    const same = paying(customerId, order.orderId, '250.00');
    const answers = await Promise.all([
      ...Array.from({ length: 6 }, () => post(same, key)),
      ...Array.from({ length: 4 }, () => post(paying(customerId, order.orderId, '10.00'))),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(answers.slice(0, 6).map((a) => a.body)).size).toBe(1);
    expect(answers.slice(0, 6).filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(5);
    const paid = await t.db.selectFrom('orders').select('paid_minor').where('id', '=', order.orderId).executeTakeFirstOrThrow();
    //  250.00 once + 4 × 10.00
    expect(paid.paid_minor).toBe(29000n);
    await expectVerifyClean();
  });

  it('when the database refuses the batch, each receipt runs alone: the good ones commit, the bad one writes nothing', async () => {
    const customerId = await newCustomer('B4');
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId, signedDate: '2026-11-01', instalments: [['2099-01-01', '1000.00']] });
    // A refusal the code cannot foresee: a trigger that rejects one payer's receipts.
    await sql`
      CREATE FUNCTION test_refuse_payer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.payer_name = 'REFUSE' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_refuse_payer BEFORE INSERT ON receipts FOR EACH ROW EXECUTE FUNCTION test_refuse_payer();
    `.execute(t.db);
    try {
      const answers = await Promise.all([
        ...Array.from({ length: 4 }, () => post(paying(customerId, order.orderId, '100.00'))),
        post(paying(customerId, order.orderId, '100.00', { payerName: 'REFUSE' })),
        ...Array.from({ length: 3 }, () => post(paying(customerId, order.orderId, '100.00'))),
      ]);
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 500, 201, 201, 201]);
    } finally {
      await sql`DROP TRIGGER test_refuse_payer ON receipts; DROP FUNCTION test_refuse_payer();`.execute(t.db);
    }
    const receipts = await t.db.selectFrom('receipts').select('payer_name').where('tenant_id', '=', tenantId).where('customer_id', '=', customerId).execute();
    expect(receipts).toHaveLength(7);
    const figures = await t.db.selectFrom('orders').select('paid_minor').where('id', '=', order.orderId).executeTakeFirstOrThrow();
    expect(figures.paid_minor).toBe(70000n);
    expect(await instalmentsSettled(order.orderId)).toEqual([70000n]);
    await expectVerifyClean();
  });
});

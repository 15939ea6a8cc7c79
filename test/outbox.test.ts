import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/ids.js';
import { dispatchOnce, OutboxDispatcher, type OutboxEvent } from '../src/app/outbox/dispatcher.js';
import { testDatabaseKind } from './helpers/db.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * The outbox (src/app/outbox/dispatcher.ts, triggers in migration 2026-11-28T0100): events exist exactly when
 * the change commits, every path that writes receipts emits (the group-commit batch too), and consumers see
 * each event once even with several dispatchers.
 */
let t: TestApp;
let tenantId: string;
let fin: TestSession;
let customerId: string;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'outbox');
  await t.db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
  fin = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
  customerId = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customerId, code: 'OB1', name: 'Outbox Co', owner_id: null, department_id: null }).execute();
});
afterAll(async () => t?.close());

async function eventsOf(aggregateId: string): Promise<string[]> {
  const rows = await t.db.selectFrom('outbox_events').select('type').where('tenant_id', '=', tenantId).where('aggregate_id', '=', aggregateId).orderBy('id').execute();
  return rows.map((r) => r.type);
}

/** Drains everything waiting for a fresh consumer name, returning what it saw. */
async function drain(name: string): Promise<OutboxEvent[]> {
  const seen: OutboxEvent[] = [];
  while ((await dispatchOnce(t.db, name, async (_trx, events) => void seen.push(...events), 100)) > 0);
  return seen;
}

describe('outbox events', () => {
  it('a receipt entered, confirmed and voided through the API: recorded, confirmed, voided, in order', async () => {
    const post = await t.app.inject(as(fin, { method: 'POST', url: '/api/v1/receipts', headers: { 'idempotency-key': randomUUID() },
      payload: { customerId, kind: 'prepayment', amount: '10.00', currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-20' } }));
    expect(post.statusCode).toBe(201);
    const id = post.json().id as string;
    expect(await eventsOf(id)).toEqual(['receipt.recorded']);
    const other = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin2', role: 'finance' }));
    expect((await t.app.inject(as(other, { method: 'POST', url: `/api/v1/receipts/${id}/confirm`, headers: { 'idempotency-key': randomUUID() }, payload: {} }))).statusCode).toBe(200);
    expect((await t.app.inject(as(other, { method: 'POST', url: `/api/v1/receipts/${id}/void`, headers: { 'idempotency-key': randomUUID() }, payload: { reason: 'test' } }))).statusCode).toBe(200);
    expect(await eventsOf(id)).toEqual(['receipt.recorded', 'receipt.confirmed', 'receipt.voided']);
    const payload = (await t.db.selectFrom('outbox_events').select('payload').where('aggregate_id', '=', id).where('type', '=', 'receipt.voided').executeTakeFirstOrThrow()).payload;
    expect(payload).toMatchObject({ customerId, amountMinor: '1000', currency: 'CNY', status: 'voided', previousStatus: 'confirmed' });
  });

  it('receipts written together by the group commit each emit recorded and confirmed', async () => {
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId, signedDate: '2026-11-01', instalments: [['2099-01-01', '800.00']] });
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.app.inject(as(fin, { method: 'POST', url: '/api/v1/receipts', headers: { 'idempotency-key': randomUUID() },
      payload: { customerId, kind: 'order_payment', amount: '100.00', currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-20', allocations: [{ orderId: order.orderId, amount: '100.00' }], confirm: true } }))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    for (const a of answers) expect(await eventsOf(a.json().id)).toEqual(['receipt.recorded', 'receipt.confirmed']);
  });

  it('exists only when the transaction commits', async () => {
    const id = newId();
    await expect(t.db.transaction().execute(async (trx) => {
      await trx.insertInto('receipts').values({ tenant_id: tenantId, id, number: `RC-X-${id.slice(0, 8)}`, customer_id: customerId, kind: 'prepayment', currency: 'CNY', amount_minor: 5n, channel: 'cash', received_date: '2026-11-20', status: 'pending' }).execute();
      expect(await trx.selectFrom('outbox_events').select('type').where('aggregate_id', '=', id).execute()).toHaveLength(1);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await eventsOf(id)).toEqual([]);
    const kept = await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '5.00' });
    expect(await eventsOf(kept.receiptId)).toEqual(['receipt.recorded', 'receipt.confirmed']);
  });
});

describe('dispatcher', () => {
  it('a consumer sees every event once, in commit order, and its cursor survives', async () => {
    const first = await drain('test.once');
    expect(first.length).toBeGreaterThan(10);
    expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
    await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '6.00' });
    const next = await drain('test.once');
    expect(next.map((e) => e.type)).toEqual(['receipt.recorded', 'receipt.confirmed']);
  });

  it('two dispatchers running at once: each event handled once per consumer', async () => {
    for (let i = 0; i < 20; i++) await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: `${i + 1}.00` });
    const total = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM outbox_events`.execute(t.db)).rows[0]!.n);
    const handledBy: string[][] = [[], []];
    const consumer = (who: number) => new Map([['test.shared', async (trx: Parameters<Parameters<typeof dispatchOnce>[2]>[0], events: readonly OutboxEvent[]) => {
      // Work inside the batch's transaction, so the two dispatchers really overlap on PostgreSQL.
      await sql`SELECT pg_sleep(0.01)`.execute(trx);
      handledBy[who]!.push(...events.map((e) => `${e.tenantId}:${e.id}`));
    }]]);
    const a = new OutboxDispatcher(t.db, { consumers: consumer(0), idleMs: 5, batchSize: 7 });
    const b = new OutboxDispatcher(t.db, { consumers: consumer(1), idleMs: 5, batchSize: 7 });
    a.start();
    b.start();
    while (handledBy[0]!.length + handledBy[1]!.length < total) await new Promise((r) => setTimeout(r, 10));
    await Promise.all([a.stop(), b.stop()]);
    const all = [...handledBy[0]!, ...handledBy[1]!];
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
  });

  it.runIf(testDatabaseKind === 'postgres')('never passes an event whose transaction commits after a later one', async () => {
    await drain('test.late');
    const early = newId();
    const late = newId();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const begun = new Promise<void>((r) => (started = r));
    const slow = t.db.transaction().execute(async (trx) => {
      await trx.insertInto('receipts').values({ tenant_id: tenantId, id: early, number: `RC-E-${early.slice(0, 8)}`, customer_id: customerId, kind: 'prepayment', currency: 'CNY', amount_minor: 5n, channel: 'cash', received_date: '2026-11-20', status: 'pending' }).execute();
      started();
      await held;
    });
    await begun;
    await t.db.insertInto('receipts').values({ tenant_id: tenantId, id: late, number: `RC-L-${late.slice(0, 8)}`, customer_id: customerId, kind: 'prepayment', currency: 'CNY', amount_minor: 5n, channel: 'cash', received_date: '2026-11-20', status: 'pending' }).execute();
    // The later insert has committed, but an earlier transaction is still open: the consumer waits for it.
    expect((await drain('test.late')).map((e) => e.aggregateId)).toEqual([]);
    release();
    await slow;
    expect((await drain('test.late')).map((e) => e.aggregateId)).toEqual([early, late]);
  });
});

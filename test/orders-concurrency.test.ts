import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/app/verify.js';
import { testDatabaseKind } from './helpers/db.js';
import { key, line, orderWorld, payOrder, type OrderWorld } from './orders-fixture.js';

/** Orders under concurrent requests, on the PostgreSQL server (PGlite has one connection: nothing runs at once). */
let w: OrderWorld;
beforeAll(async () => {
  if (testDatabaseKind === 'postgres') w = await orderWorld('orders-busy');
});
afterAll(async () => w?.close());

const body = () => ({
  customerId: w.customer.A1, title: '并发', currency: 'CNY', signedDate: '2026-11-01',
  lines: [line(w.product.licence, 'x', '10', '100.00')],
  instalments: [{ dueDate: '2026-11-30', amount: '300.00' }, { dueDate: '2026-12-31', amount: '300.00' }, { dueDate: '2027-01-31', amount: '400.00' }],
});

describe.skipIf(testDatabaseKind !== 'postgres')('orders under concurrency (postgres)', () => {
  it('the same Idempotency-Key ten times at once: one order, ten identical answers', async () => {
    const headers = key();
    const answers = await Promise.all(Array.from({ length: 10 }, () => w.call('salesA', 'POST', '/api/v1/orders', body(), headers)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    const rows = await w.t.db.selectFrom('orders').select('id').where('tenant_id', '=', w.tenantId).execute();
    expect(rows).toHaveLength(1);
  });

  it('ten confirms of one draft with ten keys at once: one posting, nine invalid_state', async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', body(), key());
    const answers = await Promise.all(Array.from({ length: 10 }, () => w.call('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key())));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, ...Array(9).fill(409)]);
    const postings = await w.t.db.selectFrom('journal_entries').select('id').where('tenant_id', '=', w.tenantId).where('source_id', '=', draft.id).execute();
    expect(postings).toHaveLength(1);
  });

  it('re-plans racing payments: every request either applies whole or is refused; the plan always adds up and never loses a payment', async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', body(), key());
    const order = await w.ok('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    const [first] = order.plan as { id: string }[];
    // Each re-plan keeps the first instalment and replaces the second: refused (plan_locked) once money reached it.
    const replan = (i: number) => w.call('salesA', 'PUT', `/api/v1/orders/${draft.id}/plan`, {
      instalments: [
        { id: first!.id, dueDate: '2026-11-30', amount: '300.00' },
        { dueDate: '2026-12-31', amount: '300.00' },
        { dueDate: '2027-02-28', amount: `${200 + i}.00` },
        { dueDate: '2027-03-31', amount: `${200 - i}.00` },
      ],
    });
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) => payOrder(w, draft.id, '100.00', '2026-11-15').then(() => `paid ${i}`)),
      ...Array.from({ length: 6 }, (_, i) => replan(i).then((res) => `${res.statusCode} ${res.statusCode === 200 ? '' : res.json().code}`)),
    ]);
    const refusals = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [String(r.reason)])).filter((v) => !v.startsWith('paid') && !v.startsWith('200'));
    expect(refusals.every((r) => r === '409 plan_locked')).toBe(true);
    const final = await w.ok('finance', 'GET', `/api/v1/orders/${draft.id}`);
    const live = final.plan.filter((i: { voidedAt: string | null }) => i.voidedAt === null);
    const sum = (field: string) => live.reduce((s: number, i: Record<string, string>) => s + Math.round(Number(i[field]) * 100), 0);
    expect([final.paid, sum('amount'), sum('settled')]).toEqual(['600.00', 100000, 60000]);
    expect((await verifyLedger(w.t.db, { tenantId: w.tenantId })).ok).toBe(true);
  });
});

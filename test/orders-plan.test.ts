import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/app/actor.js';
import { getOrder } from '../src/app/receivables/order-views.js';
import { verifyLedger } from '../src/app/verify.js';
import { addDays, todayIn } from '../src/core/receivables/index.js';
import { tenantSnapshot } from './helpers/snapshot.js';
import { key, ledgerOf, line, orderWorld, payOrder, type OrderWorld } from './orders-fixture.js';

/** Payment plans (回款计划): they add up exactly, only the unpaid part moves, statuses are derived in the tenant's zone. */
let w: OrderWorld;
beforeAll(async () => {
  w = await orderWorld('orders-plan');
});
afterAll(async () => w?.close());

const body = (customerId: string, signedDate: string, instalments?: [string, string][]) => ({
  customerId, title: '三期付款', currency: 'CNY', signedDate,
  lines: [line(w.product.licence, '许可', '10', '100.00')],
  ...(instalments ? { instalments: instalments.map(([dueDate, amount]) => ({ dueDate, amount })) } : {}),
});

const planOf = (order: { plan: Record<string, string>[] }) => order.plan.map((i) => [i.seq, i.dueDate, i.amount, i.settled, i.status]);

describe('a plan adds up to the order total, to the fen', () => {
  it('refuses a plan a fen short or over, with both sums in the message, writing nothing', async () => {
    const before = await tenantSnapshot(w.t.db, w.tenantId);
    for (const [amounts, sum] of [[['300.00', '699.99'], '999.99'], [['300.00', '700.01'], '1000.01']] as const) {
      const res = await w.call('salesA', 'POST', '/api/v1/orders', body(w.customer.A1, '2026-11-01', [['2026-12-01', amounts[0]], ['2027-01-01', amounts[1]]]), key());
      expect([res.statusCode, res.json().code, res.json().errors[0].field]).toEqual([422, 'plan_mismatch', 'instalments']);
      expect(res.json().title).toBe(`the instalments add up to ${sum} CNY; they must add up to exactly 1000.00 CNY`);
    }
    expect(await tenantSnapshot(w.t.db, w.tenantId)).toEqual(before);
  });

  it('replaces a draft’s plan freely with PUT', async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', body(w.customer.A1, '2026-11-01', [['2026-12-01', '1000.00']]), key());
    const replanned = await w.ok('salesA', 'PUT', `/api/v1/orders/${draft.id}/plan`, { instalments: [{ dueDate: '2026-12-15', amount: '400.00' }, { dueDate: '2027-01-15', amount: '600.00' }] });
    expect(planOf(replanned)).toEqual([[1, '2026-12-15', '400.00', '0.00', 'pending'], [2, '2027-01-15', '600.00', '0.00', 'pending']]);
    const rows = await w.t.db.selectFrom('instalments').select('id').where('order_id', '=', draft.id).execute();
    expect(rows).toHaveLength(2); // a draft keeps no history of plans it never owed
  });
});

describe('re-planning a confirmed order with money on it', () => {
  let order: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let ids: string[];

  beforeAll(async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', body(w.customer.A2, '2026-09-01', [['2026-10-01', '300.00'], ['2026-11-01', '300.00'], ['2026-12-01', '400.00']]), key());
    await w.ok('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    // 450.00 received: instalment 1 paid in full (300.00), instalment 2 partly (150.00).
    await payOrder(w, draft.id, '450.00', '2026-10-15');
    order = await w.ok('salesA', 'GET', `/api/v1/orders/${draft.id}`);
    ids = order.plan.map((i: { id: string }) => i.id);
  });

  it('shows what was paid, instalment by instalment, and the allocation history with receipt numbers', () => {
    expect(order).toMatchObject({ status: 'confirmed', total: '1000.00', paid: '450.00', outstanding: '550.00' });
    expect(order.plan.map((i: Record<string, string>) => [i.seq, i.dueDate, i.amount, i.settled, i.outstanding])).toEqual([
      [1, '2026-10-01', '300.00', '300.00', '0.00'],
      [2, '2026-11-01', '300.00', '150.00', '150.00'],
      [3, '2026-12-01', '400.00', '0.00', '400.00'],
    ]);
    expect(order.plan[0].status).toBe('paid');
    expect(order.allocations.map((a: Record<string, string>) => [a.receiptNumber, a.instalmentId, a.kind, a.amount])).toEqual([
      ['RC-2026-000001', ids[0], 'allocate', '300.00'],
      ['RC-2026-000001', ids[1], 'allocate', '150.00'],
    ]);
  });

  //  the plan sent                                               code           field
  const refusals: [string, () => object[], string, string][] = [
    ['leaves out the paid instalment', () => [{ id: ids[1], dueDate: '2026-11-01', amount: '300.00' }, { dueDate: '2027-01-01', amount: '700.00' }], 'plan_locked', 'instalments'],
    ['changes the fully paid instalment', () => [{ id: ids[0], dueDate: '2026-10-02', amount: '300.00' }, { id: ids[1], dueDate: '2026-11-01', amount: '300.00' }, { dueDate: '2027-01-01', amount: '400.00' }], 'plan_locked', 'instalments[0]'],
    ['takes a partly paid one below what was paid', () => [{ id: ids[0], dueDate: '2026-10-01', amount: '300.00' }, { id: ids[1], dueDate: '2026-11-01', amount: '100.00' }, { dueDate: '2027-01-01', amount: '600.00' }], 'plan_locked', 'instalments[1].amount'],
    ['does not add up', () => [{ id: ids[0], dueDate: '2026-10-01', amount: '300.00' }, { id: ids[1], dueDate: '2026-11-01', amount: '300.00' }, { dueDate: '2027-01-01', amount: '399.99' }], 'plan_mismatch', 'instalments'],
    ['names an instalment of another order', () => [{ id: '0190a000-0000-7000-8000-000000000001', dueDate: '2026-10-01', amount: '1000.00' }], 'not_found', 'instalments[0].id'],
    ['names one twice', () => [{ id: ids[0], dueDate: '2026-10-01', amount: '300.00' }, { id: ids[0], dueDate: '2026-10-01', amount: '300.00' }, { id: ids[1], dueDate: '2026-11-01', amount: '400.00' }], 'validation_failed', 'instalments[1].id'],
  ];

  it.each(refusals)('refuses a plan that %s, writing nothing', async (_, plan, code, field) => {
    const before = await tenantSnapshot(w.t.db, w.tenantId);
    const res = await w.call('salesA', 'PUT', `/api/v1/orders/${order.id}/plan`, { instalments: plan() });
    expect([res.json().code, res.json().errors.map((e: { field: string }) => e.field)]).toEqual([code, expect.arrayContaining([field])]);
    expect(res.statusCode).toBe(code === 'not_found' ? 404 : code === 'plan_locked' ? 409 : 422);
    expect(await tenantSnapshot(w.t.db, w.tenantId)).toEqual(before);
  });

  it('moves only the unpaid part: paid kept, partly paid re-dated, the last one split; the replaced one voided as history', async () => {
    const replanned = await w.ok('salesA', 'PUT', `/api/v1/orders/${order.id}/plan`, {
      instalments: [
        { id: ids[0], dueDate: '2026-10-01', amount: '300.00' },
        { id: ids[1], dueDate: '2026-11-20', amount: '200.00' },
        { dueDate: '2026-12-15', amount: '250.00' },
        { dueDate: '2027-01-15', amount: '250.00' },
      ],
    });
    //  seq  due          amount    settled   (the voided one last)
    expect(replanned.plan.map((i: Record<string, string>) => [i.seq, i.dueDate, i.amount, i.settled, i.id === ids[2] ? 'old #3' : i.voidedAt === null ? 'live' : 'void'])).toEqual([
      [1, '2026-10-01', '300.00', '300.00', 'live'],
      [2, '2026-11-20', '200.00', '150.00', 'live'],
      [3, '2026-12-15', '250.00', '0.00', 'live'],
      [4, '2027-01-15', '250.00', '0.00', 'live'],
      [3, '2026-12-01', '400.00', '0.00', 'old #3'],
    ]);
    expect(replanned.plan.at(-1).status).toBe('void');
    expect(replanned).toMatchObject({ total: '1000.00', paid: '450.00', outstanding: '550.00' });
    const audit = await w.t.db.selectFrom('audit_log').select(['before', 'after']).where('tenant_id', '=', w.tenantId).where('action', '=', 'order.plan_replaced').where('entity_id', '=', order.id).executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ instalments: [
      { id: ids[0], dueDate: '2026-10-01', amount: '300.00', settled: '300.00' },
      { id: ids[1], dueDate: '2026-11-01', amount: '300.00', settled: '150.00' },
      { id: ids[2], dueDate: '2026-12-01', amount: '400.00', settled: '0.00' },
    ] });
    expect(audit.after).toEqual({ instalments: [
      { id: ids[0], dueDate: '2026-10-01', amount: '300.00', settled: '300.00' },
      { id: ids[1], dueDate: '2026-11-20', amount: '200.00', settled: '150.00' },
      { id: null, dueDate: '2026-12-15', amount: '250.00', settled: '0.00' },
      { id: null, dueDate: '2027-01-15', amount: '250.00', settled: '0.00' },
    ] });
  });

  it('the next payment settles the new plan oldest first, and the ledger still agrees', async () => {
    await payOrder(w, order.id, '550.00', '2026-11-25');
    const paid = await w.ok('salesA', 'GET', `/api/v1/orders/${order.id}`);
    expect(paid).toMatchObject({ status: 'completed', paid: '1000.00', outstanding: '0.00' });
    expect(paid.plan.filter((i: { voidedAt: string | null }) => i.voidedAt === null).map((i: Record<string, string>) => i.status)).toEqual(['paid', 'paid', 'paid', 'paid']);
    //  account               currency  balance: 1000 owed, 450 + 550 received
    expect(await ledgerOf(w, w.customer.A2)).toEqual([['accounts_receivable', 'CNY', '0.00'], ['cash:bank_transfer', 'CNY', '1000.00'], ['sales', 'CNY', '-1000.00']]);
    const locked = await w.call('salesA', 'PUT', `/api/v1/orders/${order.id}/plan`, { instalments: [{ id: paid.plan[0].id, dueDate: '2026-10-01', amount: '1000.00' }] });
    expect(locked.json().code).toBe('plan_locked');
    expect((await verifyLedger(w.t.db, { tenantId: w.tenantId })).ok).toBe(true);
  });
});

describe('instalment statuses are derived at read time, in the tenant’s time zone', () => {
  it('one instant, two time zones: overdue in Shanghai, still due soon in Los Angeles', async () => {
    await w.t.db.updateTable('tenants').set({ grace_days: 0, due_soon_days: 7 }).where('id', '=', w.tenantId).execute();
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', body(w.customer.A1, '2026-03-01', [['2026-03-10', '400.00'], ['2026-03-20', '300.00'], ['2026-04-30', '300.00']]), key());
    await w.ok('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    await payOrder(w, draft.id, '500.00', '2026-03-09'); // #1 paid, #2 100.00 of 300.00
    // 2026-03-20 17:00 UTC is already 03-21 in Shanghai (UTC+8) and still 03-20 in Los Angeles (UTC−7).
    const now = new Date('2026-03-20T17:00:00Z');
    const statuses = async (timeZone: string) => {
      await w.t.db.updateTable('tenants').set({ time_zone: timeZone }).where('id', '=', w.tenantId).execute();
      return (await getOrder(w.t.db, systemActor(w.tenantId), draft.id, now)).plan.map((i) => [i.dueDate, i.status]);
    };
    //  due           Asia/Shanghai (today 03-21)   America/Los_Angeles (today 03-20)
    expect(await statuses('Asia/Shanghai')).toEqual([['2026-03-10', 'paid'], ['2026-03-20', 'overdue'], ['2026-04-30', 'pending']]);
    expect(await statuses('America/Los_Angeles')).toEqual([['2026-03-10', 'paid'], ['2026-03-20', 'due_soon'], ['2026-04-30', 'pending']]);
    // Grace days push overdue back: with 1 day of grace, 03-20 is not overdue until 03-22.
    await w.t.db.updateTable('tenants').set({ grace_days: 1 }).where('id', '=', w.tenantId).execute();
    expect(await statuses('Asia/Shanghai')).toEqual([['2026-03-10', 'paid'], ['2026-03-20', 'due_soon'], ['2026-04-30', 'pending']]);
    await w.t.db.updateTable('tenants').set({ time_zone: 'Asia/Shanghai', grace_days: 0 }).where('id', '=', w.tenantId).execute();
  });

  it('over HTTP, against today: overdue, due soon, partly paid and pending, and the customer’s overdue total', async () => {
    const today = todayIn('Asia/Shanghai');
    const draft = await w.ok('salesS', 'POST', '/api/v1/orders', body(w.customer.S1, addDays(today, -40), [
      [addDays(today, -10), '200.00'], [addDays(today, 3), '300.00'], [addDays(today, 30), '250.00'], [addDays(today, 60), '250.00'],
    ]), key());
    await w.ok('salesS', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    const confirmed = await w.ok('salesS', 'GET', `/api/v1/orders/${draft.id}`);
    await payOrder(w, draft.id, '50.00', addDays(today, -5)); // oldest first: #1
    await payOrder(w, draft.id, '100.00', addDays(today, -1), confirmed.plan[2].id); // named: #3
    const order = await w.ok('salesS', 'GET', `/api/v1/orders/${draft.id}`);
    expect(order.plan.map((i: Record<string, string>) => [i.seq, i.outstanding, i.status])).toEqual([
      [1, '150.00', 'overdue'], [2, '300.00', 'due_soon'], [3, '150.00', 'partially_paid'], [4, '250.00', 'pending'],
    ]);
    expect(order.overdue).toBe('150.00');
    const customer = await w.ok('salesS', 'GET', `/api/v1/customers/${w.customer.S1}`);
    //  receivable 1000.00 − 150.00 received; overdue: what is left of #1
    expect(customer.figures).toEqual([{ currency: 'CNY', receivable: '850.00', overdue: '150.00', advance: '0.00', received: '150.00', refunded: '0.00' }]);
    expect((await verifyLedger(w.t.db, { tenantId: w.tenantId })).ok).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/app/actor.js';
import { userActor } from '../src/app/auth/sessions.js';
import { dashboardOf, type DashboardView } from '../src/app/dashboard.js';
import { newId } from '../src/app/ids.js';
import { figuresOf } from '../src/app/receivables/customer-figures.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * The dashboard (首页) on a small data set computed by hand. Today is fixed at 2026-11-20 in Shanghai
 * (the actor's asOf); the tenant gives 5 grace days, so the grace of an instalment due D ends D+5, and it is
 * overdue when D+5 < 2026-11-20, i.e. D ≤ 2026-11-14. Aging counts days past 2026-11-15 (= today − grace).
 *
 *   customer (owner)   order / instalments (CNY)               receipts (confirmed)                    unpaid by instalment → bucket
 *   ACME (rep)         A1: 07-01 1,000  09-10 2,000            2026-11-05 1,200 → A1 (oldest first:      07-01 paid
 *                          11-10 3,000  12-20 4,000             07-01 1,000 + 09-10 200)               09-10 1,800 (66 d → 61–90)
 *                                                             2025-12-15 100 prepayment               11-10 3,000 (5 d → 1–30)
 *                                                             2025-11-30  50 prepayment (before the   12-20 4,000 (not due)
 *                                                               12-month trend window)
 *                      USD order: 10-01 100.00 (USD only)                                              10-01 100 USD (overdue, USD)
 *   BETA (rep)         B1: 10-10 1,500  11-14 500  11-15 700   2026-10-20 2,000: 500 → B1, 1,500 advance  10-10 1,000 (36 d → 31–60)
 *                                                                                                     11-14 500 (1 d → 1–30)
 *                                                                                                     11-15 700 (0 d: in grace → not due)
 *   GAMMA (otherRep)   G1: 08-01 800                          2026-11-02 300 prepayment               08-01 800 (106 d → 90+)
 *
 * Pending: the rep enters 400.00 for ACME, finance enters 250.00 for BETA. Requested: the rep asks a
 * refund of 200.00 from BETA's advance.
 */
let t: TestApp;
let tenantId: string;
type Who = 'rep' | 'otherRep' | 'fin' | 'fin2';
const user = {} as Record<Who, string>;
const session = {} as Record<Who, TestSession>;
const customer = {} as Record<'acme' | 'beta' | 'gamma', string>;
const asOf = new Date('2026-11-20T04:00:00Z');
let repReceipt: string;
let refund: string;

const actorOf = async (who: Who, at: Date | undefined = asOf): Promise<Actor> => ({ ...(await userActor(t.db, tenantId, user[who], { ip: null, userAgent: 'vitest' })), ...(at ? { asOf: at } : {}) });
const dashboard = async (who: Who, currency?: string): Promise<DashboardView> => dashboardOf(t.db, await actorOf(who), currency ? { currency } : {});
const get = (who: Who, query = '') => t.app.inject(as(session[who], { method: 'GET', url: `/api/v1/dashboard${query}` }));
const post = async (who: Who, url: string, payload: object) => {
  const res = await t.app.inject(as(session[who], { method: 'POST', url, payload, headers: { 'idempotency-key': newId() } }));
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { id: string };
};

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'dashboard');
  await t.db.updateTable('tenants').set({ grace_days: 5 }).where('id', '=', tenantId).execute();
  for (const [who, role] of [['rep', 'sales'], ['otherRep', 'sales'], ['fin', 'finance'], ['fin2', 'finance']] as const) {
    user[who] = await createUser(t.db, tenantId, { login: who, role });
    session[who] = await sessionFor(t.db, tenantId, user[who]);
  }
  for (const [code, owner] of [['acme', 'rep'], ['beta', 'rep'], ['gamma', 'otherRep']] as const) {
    customer[code] = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customer[code], code: code.toUpperCase(), name: `${code} Ltd`, owner_id: user[owner], department_id: null }).execute();
  }
  const a1 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.acme, instalments: [['2026-07-01', '1000.00'], ['2026-09-10', '2000.00'], ['2026-11-10', '3000.00'], ['2026-12-20', '4000.00']] });
  await seedConfirmedOrder(t.db, tenantId, { customerId: customer.acme, currency: 'USD', instalments: [['2026-10-01', '100.00']] });
  const b1 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.beta, instalments: [['2026-10-10', '1500.00'], ['2026-11-14', '500.00'], ['2026-11-15', '700.00']] });
  await seedConfirmedOrder(t.db, tenantId, { customerId: customer.gamma, instalments: [['2026-08-01', '800.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.acme, amount: '1200.00', receivedDate: '2026-11-05', allocations: [[a1.orderId, '1200.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.acme, amount: '100.00', receivedDate: '2025-12-15' });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.acme, amount: '50.00', receivedDate: '2025-11-30' });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.beta, amount: '2000.00', receivedDate: '2026-10-20', allocations: [[b1.orderId, '500.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.gamma, amount: '300.00', receivedDate: '2026-11-02' });
  const receipt = (customerId: string, amount: string) => ({ customerId, kind: 'prepayment', amount, currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-18' });
  repReceipt = (await post('rep', '/api/v1/receipts', receipt(customer.acme, '400.00'))).id;
  await post('fin', '/api/v1/receipts', receipt(customer.beta, '250.00'));
  refund = (await post('rep', '/api/v1/refunds', { customerId: customer.beta, amount: '200.00', currency: 'CNY', reasonCode: 'overpayment' })).id;
});
afterAll(async () => t?.close());

describe('finance (data scope: all), CNY, today 2026-11-20', () => {
  it('figures: receivable, received this month, overdue, advance, refunds awaiting approval', async () => {
    const d = await dashboard('fin');
    expect([d.currency, d.today, d.currencies]).toEqual(['CNY', '2026-11-20', ['CNY', 'USD']]);
    expect(d.figures).toEqual({
      receivable: '11800.00', //           A1 10,000 − 1,200 + B1 2,700 − 500 + G1 800
      receivedThisMonth: '1500.00', //     ACME 11-05 1,200 + GAMMA 11-02 300 (pending receipts do not count)
      overdue: '7100.00', //               A1 1,800 + 3,000, B1 1,000 + 500, G1 800 (B1 11-15 is in its grace)
      advance: '1950.00', //               BETA 1,500 + GAMMA 300 + ACME 100 + 50 (a requested refund holds, posts nothing)
      refundsAwaitingApproval: { count: 1, amount: '200.00' },
    });
  });

  it('overdue is the customer figures’ overdue, summed (one rule)', async () => {
    const { figures } = await figuresOf(t.db, tenantId, Object.values(customer), asOf);
    const cny = [...figures.values()].flat().filter((f) => f.currency === 'CNY');
    expect(cny.reduce((sum, f) => sum + Number(f.overdue), 0).toFixed(2)).toBe((await dashboard('fin')).figures.overdue);
  });

  it('aging: not due 4,700 (A1 12-20, B1 11-15 in grace), 1–30 3,500, 31–60 1,000, 61–90 1,800, 90+ 800 — together the receivable', async () => {
    const d = await dashboard('fin');
    expect(d.aging).toEqual([
      { bucket: 'not_due', amount: '4700.00', instalments: 2 },
      { bucket: 'd1_30', amount: '3500.00', instalments: 2 },
      { bucket: 'd31_60', amount: '1000.00', instalments: 1 },
      { bucket: 'd61_90', amount: '1800.00', instalments: 1 },
      { bucket: 'd90_plus', amount: '800.00', instalments: 1 },
    ]);
  });

  it('top overdue: ACME 4,800 (oldest unpaid 09-10), BETA 1,500, GAMMA 800', async () => {
    const d = await dashboard('fin');
    expect(d.topOverdue.map((r) => [r.customer.code, r.overdue, r.oldestDueDate])).toEqual([
      ['ACME', '4800.00', '2026-09-10'],
      ['BETA', '1500.00', '2026-10-10'],
      ['GAMMA', '800.00', '2026-08-01'],
    ]);
    expect(d.topOverdue[0]!.customer).toEqual({ id: customer.acme, code: 'ACME', name: 'acme Ltd' });
  });

  it('trend: 12 months 2025-12 … 2026-11, received and due per month (the 2025-11-30 receipt and the 12-20 instalment fall outside)', async () => {
    const d = await dashboard('fin');
    expect(d.trend.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const nonZero = d.trend.filter((m) => m.received !== '0.00' || m.due !== '0.00');
    expect(nonZero).toEqual([
      { month: '2025-12', received: '100.00', due: '0.00' },
      { month: '2026-07', received: '0.00', due: '1000.00' },
      { month: '2026-08', received: '0.00', due: '800.00' },
      { month: '2026-09', received: '0.00', due: '2000.00' },
      { month: '2026-10', received: '2000.00', due: '1500.00' },
      { month: '2026-11', received: '1500.00', due: '4200.00' }, // due: A1 3,000 + B1 500 + 700
    ]);
  });

  it('to-dos: the rep’s pending receipt (not finance’s own) and the rep’s refund request; finance owns no customers', async () => {
    const d = await dashboard('fin');
    expect(d.todos.receiptsToConfirm.count).toBe(1);
    expect(d.todos.receiptsToConfirm.items).toMatchObject([{ id: repReceipt, customer: { code: 'ACME' }, amount: '400.00', currency: 'CNY', receivedDate: '2026-11-18' }]);
    expect(d.todos.refundsToApprove).toMatchObject({ count: 1, items: [{ id: refund, customer: { code: 'BETA' }, amount: '200.00', currency: 'CNY' }] });
    expect(d.todos.myOverdueInstalments).toEqual({ count: 0, items: [] });
  });

  it('where the tenant allows self-confirmation, finance’s own pending receipt is a to-do too', async () => {
    await t.db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
    try {
      expect((await dashboard('fin')).todos.receiptsToConfirm.count).toBe(2);
    } finally {
      await t.db.updateTable('tenants').set({ allow_self_confirm: false }).where('id', '=', tenantId).execute();
    }
  });

  it('USD: only the USD order (100.00, overdue since 10-01); no receipts', async () => {
    const d = await dashboard('fin', 'USD');
    expect(d.figures).toEqual({ receivable: '100.00', receivedThisMonth: '0.00', overdue: '100.00', advance: '0.00', refundsAwaitingApproval: { count: 0, amount: '0.00' } });
    expect(d.aging.find((a) => a.bucket === 'd31_60')).toEqual({ bucket: 'd31_60', amount: '100.00', instalments: 1 }); // 11-15 − 10-01 = 45 d
  });
});

describe('a sales rep sees only their customers (ACME, BETA)', () => {
  it('figures, aging and top overdue leave GAMMA out', async () => {
    const d = await dashboard('rep');
    expect(d.figures).toEqual({
      receivable: '11000.00', //       11,800 − GAMMA 800
      receivedThisMonth: '1200.00', // − GAMMA 300
      overdue: '6300.00', //           7,100 − GAMMA 800
      advance: '1650.00', //           1,950 − GAMMA 300
      refundsAwaitingApproval: { count: 1, amount: '200.00' },
    });
    expect(d.aging.find((a) => a.bucket === 'd90_plus')).toEqual({ bucket: 'd90_plus', amount: '0.00', instalments: 0 });
    expect(d.topOverdue.map((r) => r.customer.code)).toEqual(['ACME', 'BETA']);
  });

  it('to-dos: nothing to confirm or approve (no permission); their overdue instalments in every currency, oldest first', async () => {
    const d = await dashboard('rep');
    expect(d.todos.receiptsToConfirm).toEqual({ count: 0, items: [] });
    expect(d.todos.refundsToApprove).toEqual({ count: 0, items: [] });
    expect(d.todos.myOverdueInstalments.count).toBe(5);
    expect(d.todos.myOverdueInstalments.items.map((i) => [i.customer.code, i.dueDate, i.outstanding, i.currency])).toEqual([
      ['ACME', '2026-09-10', '1800.00', 'CNY'],
      ['ACME', '2026-10-01', '100.00', 'USD'],
      ['BETA', '2026-10-10', '1000.00', 'CNY'],
      ['ACME', '2026-11-10', '3000.00', 'CNY'],
      ['BETA', '2026-11-14', '500.00', 'CNY'],
    ]);
  });

  it('the other rep sees GAMMA alone', async () => {
    const d = await dashboard('otherRep');
    expect([d.figures.receivable, d.figures.overdue, d.figures.advance, d.figures.refundsAwaitingApproval.count]).toEqual(['800.00', '800.00', '300.00', 0]);
    expect(d.currencies).toEqual(['CNY']);
    expect(d.todos.myOverdueInstalments.items.map((i) => i.dueDate)).toEqual(['2026-08-01']);
  });

  it('a second finance user may approve the rep’s refund too; the one who gave a first approval may not', async () => {
    expect((await dashboard('fin2')).todos.refundsToApprove.count).toBe(1);
    await t.db.updateTable('refunds').set({ first_approved_by: user.fin2, approvals_needed: 2 }).where('id', '=', refund).execute();
    try {
      expect((await dashboard('fin2')).todos.refundsToApprove.count).toBe(0);
      expect((await dashboard('fin')).todos.refundsToApprove.count).toBe(1);
    } finally {
      await t.db.updateTable('refunds').set({ first_approved_by: null, approvals_needed: 1 }).where('id', '=', refund).execute();
    }
  });
});

describe('GET /api/v1/dashboard', () => {
  it('answers any signed-in user within their scope (figures that do not depend on today)', async () => {
    const res = await get('rep');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as DashboardView;
    expect([d.currency, d.figures.receivable, d.figures.advance, d.trend.length, d.aging.length]).toEqual(['CNY', '11000.00', '1650.00', 12, 5]);
    expect((await get('fin', '?currency=USD')).json().figures.receivable).toBe('100.00');
  });

  it('refuses an unknown currency with a stable code, and unknown parameters', async () => {
    const unknown = await get('fin', '?currency=QQQ');
    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'unknown_currency']);
    const long = await get('fin', '?currency=CNYX');
    expect([long.statusCode, long.json().code]).toEqual([422, 'validation_failed']);
    expect((await get('fin', '?days=30')).json().code).toBe('validation_failed');
  });

  it('refuses a caller who is not signed in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard' });
    expect([res.statusCode, res.json().code]).toEqual([401, 'unauthenticated']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/app/actor.js';
import { newId } from '../src/app/ids.js';
import { approveRefund, payRefund, rejectRefund, requestRefund } from '../src/app/receivables/refunds.js';
import { unallocatedReport } from '../src/app/reports/unallocated.js';
import { daysBetween, todayIn } from '../src/core/receivables/index.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * The refunds, unallocated and reconciliation reports, and the pivot's overdue and average days to pay, on a
 * small ledger worked out by hand. Base currency CNY, 1 USD = 7 CNY (from 2026-01-01), 5 grace days,
 * time zone Asia/Shanghai.
 *
 *   instalments                                         allocations (receipt, posted, amount, days after due)
 *   I1 A  O1 CNY  due 2026-01-20  1,000.00              R1 2026-01-30 600.00 (+10); R2 2026-02-18 400.00 (+29)
 *   I2 A  O1 CNY  due 2026-02-20  1,000.00              R2 2026-02-18 500.00 (−2)          → lacks 500.00
 *   I3 B  O2 CNY  due 2026-02-01    500.00              R3 2026-02-01 300.00 (0)           → lacks 200.00
 *   I4 A  O3 USD  due 2026-02-15    100.00 (signed 2026-02-01)   R5 2026-03-10 50.00 USD = 350.00 CNY (+23) → lacks 50.00 USD
 *
 *   receipts            customer  channel        amount       allocated   left (advances)
 *   R1 2026-01-30       A         bank_transfer    600.00 CNY   600.00      —
 *   R2 2026-02-18       A         bank_transfer    900.00 CNY   900.00      —
 *   R3 2026-02-01       B         alipay           300.00 CNY   300.00      —
 *   R4 2026-03-03       B         bank_transfer    200.00 CNY   —           200.00 − 80.00 refunded = 120.00
 *   R5 2026-03-10       A         stripe            60.00 USD    50.00      10.00 USD (70.00 CNY)
 *   R6 2026-03-15       A         bank_transfer    120.00 CNY   —           120.00 (a pending refund of 20.00 does not change it)
 *   received in Jan–Mar: 600 + 900 + 300 + 200 + 60 × 7 + 120 = 2,540.00 CNY (A 2,040.00, B 500.00)
 *
 *   refunds  F1 B from R4   80.00 overpayment        paid 2026-03-20 by bank_transfer
 *            F2 A from R6   20.00 duplicate_payment  requested 2026-03-25, not decided
 *            F3 A from R6   10.00 goodwill           requested 2026-03-26, rejected (counts nowhere)
 *            F4 A from R6    5.00 other              requested 2026-04-02 (after the range)
 */
let t: TestApp;
let tenantId: string;
let otherTenantSession: TestSession;
const session = {} as Record<'finance' | 'rep1' | 'auditor' | 'viewer', TestSession>;
const customer = {} as Record<'A' | 'B', string>;
const receipt = {} as Record<'R1' | 'R4' | 'R5' | 'R6', string>;
let financeActor: Actor;
const range = 'from=2026-01-01&to=2026-03-31';

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'reports-std');
  await t.db.updateTable('tenants').set({ grace_days: 5 }).where('id', '=', tenantId).execute();
  await t.db.insertInto('roles').values({ tenant_id: tenantId, code: 'viewer', name: 'Viewer', permissions: ['customers.view'], data_scope: 'all' }).execute();
  const users: Record<string, string> = {};
  for (const [who, role] of [['finance', 'finance'], ['rep1', 'sales'], ['rep2', 'sales'], ['approver', 'finance'], ['auditor', 'auditor'], ['viewer', 'viewer']] as const) {
    users[who] = await createUser(t.db, tenantId, { login: who, role });
    if (who !== 'approver' && who !== 'rep2') session[who] = await sessionFor(t.db, tenantId, users[who]);
  }
  const other = await newTenant(t.db, 'reports-std-other');
  otherTenantSession = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'fin', role: 'finance' }));
  for (const [name, owner, tags] of [['A', 'rep1', ['vip']], ['B', 'rep2', []]] as const) {
    customer[name] = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customer[name], code: name, name: `客户${name}`, owner_id: users[owner]!, department_id: null, tags: [...tags] }).execute();
  }
  await t.db.insertInto('fx_rates').values({ tenant_id: tenantId, currency: 'USD', rate_date: '2026-01-01', rate: '7', created_by: null }).execute();
  const o1 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.A, signedDate: '2026-01-05', instalments: [['2026-01-20', '1000.00'], ['2026-02-20', '1000.00']] });
  const o2 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.B, signedDate: '2026-01-10', instalments: [['2026-02-01', '500.00']] });
  const o3 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.A, currency: 'USD', signedDate: '2026-02-01', instalments: [['2026-02-15', '100.00']] });
  receipt.R1 = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.A, amount: '600.00', receivedDate: '2026-01-30', allocations: [[o1.orderId, '600.00']] })).receiptId;
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.A, amount: '900.00', receivedDate: '2026-02-18', allocations: [[o1.orderId, '900.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.B, amount: '300.00', channel: 'alipay', receivedDate: '2026-02-01', allocations: [[o2.orderId, '300.00']] });
  receipt.R4 = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.B, amount: '200.00', receivedDate: '2026-03-03' })).receiptId;
  receipt.R5 = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.A, amount: '60.00', currency: 'USD', channel: 'stripe', receivedDate: '2026-03-10', allocations: [[o3.orderId, '50.00']] })).receiptId;
  receipt.R6 = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.A, amount: '120.00', receivedDate: '2026-03-15' })).receiptId;

  const actor = (id: string): Actor => ({ ...systemActor(tenantId), kind: 'user', id, userId: id });
  financeActor = actor(users.finance!);
  const approver = actor(users.approver!);
  const request = async (customerId: string, receiptId: string, amount: string, reasonCode: 'overpayment' | 'duplicate_payment' | 'goodwill' | 'other', requestedAt: string) => {
    const id = (await requestRefund(t.db, financeActor, { customerId, receiptId, amount, currency: 'CNY', reasonCode, reasonText: 'asked by the customer' }, newId())).body.id;
    await t.db.updateTable('refunds').set({ requested_at: requestedAt }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    return id;
  };
  const f1 = await request(customer.B, receipt.R4, '80.00', 'overpayment', '2026-03-18T02:00:00Z');
  await approveRefund(t.db, approver, f1, newId());
  await payRefund(t.db, approver, f1, { channel: 'bank_transfer', paidDate: '2026-03-20' }, newId());
  await request(customer.A, receipt.R6, '20.00', 'duplicate_payment', '2026-03-25T02:00:00Z');
  await rejectRefund(t.db, approver, await request(customer.A, receipt.R6, '10.00', 'goodwill', '2026-03-26T02:00:00Z'), { reason: 'not owed' }, newId());
  // 2026-04-01 17:00 UTC is 2 April in Shanghai.
  await request(customer.A, receipt.R6, '5.00', 'other', '2026-04-01T17:00:00Z');
  await seedStatements();
});
afterAll(async () => t?.close());

/**
 * Statements, written as an import leaves them (imported_at is an instant; the report counts the tenant's day):
 *   S1 CNY, balances given and adding up, imported 2026-03-10: lines +600.00 matched to R1, −15.00 ignored,
 *      +250.00 unmatched, +99.00 suggested, −30.00 unmatched (money out: no unmatched credit)
 *   S2 CNY, no balances, imported 2026-03-20: +10.00 unmatched
 *   S3 CNY, balances that do not add up (the parser's warning), every line a duplicate of S1's: no lines
 *   S4 imported 2026-03-31 17:00 UTC = 1 April in Shanghai: outside a range ending 31 March
 */
async function seedStatements(): Promise<void> {
  const statement = async (number: string, importedAt: string, balances: [string, string] | null, warnings: object[]) => {
    const id = newId();
    await t.db.insertInto('statements').values({
      tenant_id: tenantId, id, number, format: 'camt053', statement_ref: number, account_id: 'CN-ACC-1', currency: 'CNY',
      opening_minor: balances?.[0] ?? null, closing_minor: balances?.[1] ?? null, from_date: '2026-03-01', to_date: '2026-03-09',
      file_sha256: number.padEnd(64, '0'), line_count: 0, new_lines: 0, duplicate_lines: 0, warnings: JSON.stringify(warnings), imported_by: null, imported_at: importedAt,
    }).execute();
    return id;
  };
  let position = 0;
  const line = async (statementId: string, amountMinor: bigint, status: 'matched' | 'ignored' | 'unmatched' | 'suggested') => {
    const id = newId();
    await t.db.insertInto('statement_lines').values({
      tenant_id: tenantId, id, statement_id: statementId, position: ++position, account_id: 'CN-ACC-1', booking_date: '2026-03-05', value_date: null,
      amount_minor: amountMinor, currency: 'CNY', fingerprint: `fp-${position}`, status,
    }).execute();
    return id;
  };
  const s1 = await statement('ST-1', '2026-03-10T03:00:00Z', ['100000', '190400'], []); // 1,000.00 + 600 − 15 + 250 + 99 − 30 = 1,904.00
  const matched = await line(s1, 60_000n, 'matched');
  await t.db.insertInto('statement_line_receipts').values({ tenant_id: tenantId, line_id: matched, receipt_id: receipt.R1, amount_minor: 60_000n, created_by: null }).execute();
  await line(s1, -1_500n, 'ignored');
  await line(s1, 25_000n, 'unmatched');
  await line(s1, 9_900n, 'suggested');
  await line(s1, -3_000n, 'unmatched');
  await line(await statement('ST-2', '2026-03-20T08:00:00Z', null, []), 1_000n, 'unmatched');
  await statement('ST-3', '2026-03-25T01:00:00Z', ['190400', '999999'], [{ code: 'statement_unbalanced', message: 'does not balance' }]);
  await line(await statement('ST-4', '2026-03-31T17:00:00Z', null, []), 7_700n, 'unmatched');
}

const get = (who: TestSession, url: string) => t.app.inject(as(who, { method: 'GET', url }));

describe('GET /api/v1/reports/refunds', () => {
  it('by reason: paid in the range, pending requests, and the refund rate against all money received', async () => {
    const res = await get(session.finance, `/api/v1/reports/refunds?${range}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      currency: 'CNY', from: '2026-01-01', to: '2026-03-31', groupBy: 'reason',
      rows: [
        // 80.00 ÷ 2,540.00 received = 0.031496 → 0.0315
        { key: 'overpayment', label: 'overpayment', paidCount: 1, paid: '80.00', pendingCount: 0, pending: '0.00', refundRate: '0.0315' },
        // F2 waits; F3 was rejected and F4 asked after the range: neither counts
        { key: 'duplicate_payment', label: 'duplicate_payment', paidCount: 0, paid: '0.00', pendingCount: 1, pending: '20.00', refundRate: '0.0000' },
      ],
      totals: { paidCount: 1, paid: '80.00', pendingCount: 1, pending: '20.00', refundRate: '0.0315' },
    });
  });

  it('by channel and by customer: each group’s refunds over its own money received', async () => {
    const byChannel = (await get(session.finance, `/api/v1/reports/refunds?${range}&groupBy=channel`)).json();
    expect(byChannel.rows).toEqual([
      // bank_transfer brought R1 600 + R2 900 + R4 200 + R6 120 = 1,820.00: 80 ÷ 1,820 = 0.043956 → 0.0440
      { key: 'bank_transfer', label: 'bank_transfer', paidCount: 1, paid: '80.00', pendingCount: 0, pending: '0.00', refundRate: '0.0440' },
      // not paid yet: no channel, nothing to divide by
      { key: null, label: '', paidCount: 0, paid: '0.00', pendingCount: 1, pending: '20.00', refundRate: null },
    ]);
    const byCustomer = (await get(session.finance, `/api/v1/reports/refunds?${range}&groupBy=customer`)).json();
    expect(byCustomer.rows).toEqual([
      // B received R3 300 + R4 200 = 500.00: 80 ÷ 500 = 0.1600
      { key: customer.B, label: 'B 客户B', paidCount: 1, paid: '80.00', pendingCount: 0, pending: '0.00', refundRate: '0.1600' },
      // A received 2,040.00 and was paid back nothing
      { key: customer.A, label: 'A 客户A', paidCount: 0, paid: '0.00', pendingCount: 1, pending: '20.00', refundRate: '0.0000' },
    ]);
  });

  it('one currency without conversion; a range before any refund is empty', async () => {
    // USD: no refunds; 60.00 USD received
    expect((await get(session.finance, `/api/v1/reports/refunds?${range}&currency=USD`)).json()).toMatchObject({
      currency: 'USD', rows: [], totals: { paidCount: 0, paid: '0.00', pendingCount: 0, pending: '0.00', refundRate: '0.0000' },
    });
    // January: R1's 600.00 came in, nothing went back
    expect((await get(session.finance, '/api/v1/reports/refunds?from=2026-01-01&to=2026-01-31')).json()).toMatchObject({ rows: [], totals: { paid: '0.00', refundRate: '0.0000' } });
  });

  it('a sales rep sees only their customers; another tenant sees nothing; no receipts.view: 403', async () => {
    // rep1 owns A: F2 only, over A's 2,040.00 received
    expect((await get(session.rep1, `/api/v1/reports/refunds?${range}`)).json()).toMatchObject({
      rows: [{ key: 'duplicate_payment', pendingCount: 1, pending: '20.00', refundRate: '0.0000' }],
      totals: { paidCount: 0, paid: '0.00', pendingCount: 1, pending: '20.00', refundRate: '0.0000' },
    });
    expect((await get(otherTenantSession, `/api/v1/reports/refunds?${range}`)).json()).toMatchObject({ rows: [], totals: { paidCount: 0, pendingCount: 0, refundRate: null } });
    const refused = await get(session.viewer, `/api/v1/reports/refunds?${range}`);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
  });

  it('refuses bad input with stable codes and field details', async () => {
    for (const [query, status, code, field] of [
      ['from=2026-02-30', 422, 'validation_failed', 'from'],
      ['from=2026-03-01&to=2026-02-01', 422, 'validation_failed', 'to'],
      ['from=2016-01-01&to=2026-03-31', 422, 'validation_failed', 'to'],
      ['groupBy=planet', 422, 'validation_failed', undefined],
      ['currency=XYZ', 422, 'unknown_currency', 'currency'],
      ['colour=red', 422, 'validation_failed', undefined],
    ] as const) {
      const res = await get(session.finance, `/api/v1/reports/refunds?${query}`);
      expect([query, res.statusCode, res.json().code], res.body).toEqual([query, status, code]);
      if (field) expect(res.json().errors[0].field).toBe(field);
    }
  });
});

describe('GET /api/v1/reports/unallocated', () => {
  const today = todayIn('Asia/Shanghai');
  it('receipts with money in advances, oldest first, their age, and totals in the base currency', async () => {
    const res = await get(session.finance, '/api/v1/reports/unallocated');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ currency: 'CNY', asOf: today, truncated: false, totals: { count: 3, unallocatedBase: '310.00' } }); // 120 + 70 + 120
    expect(body.rows.map((r: Record<string, unknown>) => [r.customerName, r.receivedOn, r.ageDays, r.receiptCurrency, r.amount, r.unallocated, r.unallocatedBase])).toEqual([
      ['客户B', '2026-03-03', daysBetween('2026-03-03', today), 'CNY', '200.00', '120.00', '120.00'], // 200 − 80 refunded
      ['客户A', '2026-03-10', daysBetween('2026-03-10', today), 'USD', '60.00', '10.00', '70.00'], // 60 − 50 allocated; × 7
      ['客户A', '2026-03-15', daysBetween('2026-03-15', today), 'CNY', '120.00', '120.00', '120.00'], // F2's hold is not a refund yet
    ]);
    expect(body.rows[0]).toMatchObject({ receiptId: receipt.R4, customerId: customer.B });
    expect(body.rows[0].receiptNumber).toMatch(/^RC-/);
  });

  it('filters: at least N days old, one currency, one customer', async () => {
    // At least as old as R5: R4 and R5, not R6
    const old = (await get(session.finance, `/api/v1/reports/unallocated?minAgeDays=${daysBetween('2026-03-10', today)}`)).json();
    expect(old.rows.map((r: { receiptId: string }) => r.receiptId)).toEqual([receipt.R4, receipt.R5]);
    expect(old.totals).toEqual({ count: 2, unallocatedBase: '190.00' });
    const usd = (await get(session.finance, '/api/v1/reports/unallocated?currency=USD')).json();
    expect([usd.currency, usd.rows.map((r: { unallocatedBase: string }) => r.unallocatedBase), usd.totals]).toEqual(['USD', ['10.00'], { count: 1, unallocatedBase: '10.00' }]);
    const ofB = (await get(session.finance, `/api/v1/reports/unallocated?customerId=${customer.B}`)).json();
    expect(ofB.rows.map((r: { receiptId: string }) => r.receiptId)).toEqual([receipt.R4]);
  });

  it('at the row limit the list is cut, the totals are not', async () => {
    const view = await unallocatedReport(t.db, financeActor, {}, 2);
    expect([view.rows.length, view.truncated, view.totals]).toEqual([2, true, { count: 3, unallocatedBase: '310.00' }]);
  });

  it('data scope, tenant isolation, permission and bad input', async () => {
    const rep = (await get(session.rep1, '/api/v1/reports/unallocated')).json();
    expect([rep.rows.map((r: { receiptId: string }) => r.receiptId), rep.totals]).toEqual([[receipt.R5, receipt.R6], { count: 2, unallocatedBase: '190.00' }]);
    for (const [who, query, status, code] of [
      [session.rep1, `customerId=${customer.B}`, 404, 'not_found'], // not theirs: as if it did not exist
      [otherTenantSession, `customerId=${customer.A}`, 404, 'not_found'],
      [session.viewer, '', 403, 'forbidden'],
      [session.finance, 'minAgeDays=-1', 422, 'validation_failed'],
      [session.finance, 'minAgeDays=1.5', 422, 'validation_failed'],
      [session.finance, 'customerId=nope', 422, 'validation_failed'],
      [session.finance, 'currency=XYZ', 422, 'unknown_currency'],
    ] as const) {
      const res = await get(who, `/api/v1/reports/unallocated?${query}`);
      expect([query, res.statusCode, res.json().code], res.body).toEqual([query, status, code]);
    }
    expect((await get(otherTenantSession, '/api/v1/reports/unallocated')).json()).toMatchObject({ rows: [], totals: { count: 0, unallocatedBase: '0.00' } });
  });
});

describe('GET /api/v1/reports/reconciliation', () => {
  it('statements imported in the range with lines by status, unmatched credits, balance check, and bank receipts no line claims', async () => {
    const res = await get(session.finance, `/api/v1/reports/reconciliation?${range}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.statements.map((s: Record<string, unknown>) => [s.importedAt, s.lines, s.matched, s.ignored, s.unmatched, s.unmatchedAmount, s.balanced])).toEqual([
      // +250.00 unmatched + 99.00 suggested = 349.00; the −30.00 is money out
      ['2026-03-10T03:00:00.000Z', 5, 1, 1, 3, '349.00', true],
      ['2026-03-20T08:00:00.000Z', 1, 0, 0, 1, '10.00', null],
      ['2026-03-25T01:00:00.000Z', 0, 0, 0, 0, '0.00', false],
    ]);
    expect(body.statements[0]).toMatchObject({ account: 'CN-ACC-1', currency: 'CNY', periodFrom: '2026-03-01', periodTo: '2026-03-09' });
    expect(body.totals).toEqual({ statements: 3, lines: 6, matched: 1, ignored: 1, unmatched: 4 });
    // Bank transfers received in the range: R1 (claimed by S1's line), R2 900.00, R4 200.00, R6 120.00
    expect(body.receiptsWithoutLine).toEqual({ count: 3, amountBase: '1220.00' });
  });

  it('the tenant’s day decides: a statement imported late on 31 March UTC belongs to April in Shanghai', async () => {
    const april = (await get(session.finance, '/api/v1/reports/reconciliation?from=2026-04-01&to=2026-04-30')).json();
    expect(april.totals).toEqual({ statements: 1, lines: 1, matched: 0, ignored: 0, unmatched: 1 });
    expect(april.receiptsWithoutLine).toEqual({ count: 0, amountBase: '0.00' });
  });

  it('needs reconciliation.manage; another tenant sees nothing; bad dates are refused', async () => {
    for (const who of [session.rep1, session.auditor]) {
      const res = await get(who, `/api/v1/reports/reconciliation?${range}`);
      expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
    }
    expect((await get(otherTenantSession, `/api/v1/reports/reconciliation?${range}`)).json()).toMatchObject({
      statements: [], totals: { statements: 0, lines: 0 }, receiptsWithoutLine: { count: 0, amountBase: '0.00' },
    });
    for (const query of ['to=2026-13-01', 'from=2026-03-02&to=2026-03-01', 'currency=CNY']) {
      const res = await get(session.finance, `/api/v1/reports/reconciliation?${query}`);
      expect([query, res.statusCode, res.json().code]).toEqual([query, 422, 'validation_failed']);
    }
  });
});

describe('pivot: overdue and avgDaysToPay from instalments and allocations', () => {
  const pivot = (who: TestSession, body: object) => t.app.inject(as(who, { method: 'POST', url: '/api/v1/reports/pivot', payload: { from: '2026-01-01', to: '2026-03-31', measures: ['overdue', 'avgDaysToPay'], ...body } }));
  const table = (body: { rows: { keys: Record<string, string>; values: Record<string, string> }[] }, dimension: string) => body.rows.map((r) => [r.keys[dimension], r.values]);

  it('per customer: overdue at the end of the range, weighted days to pay over the range', async () => {
    const res = await pivot(session.finance, { dimensions: ['customer'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(table(res.json(), 'customer')).toEqual([
      // overdue on 31 Mar (due by 25 Mar): I2 500.00 + I4 50 USD × 7 = 850.00;
      // days: (600 × 10 + 400 × 29 + 500 × −2 + 350 × 23) ÷ (600 + 400 + 500 + 350) = 24,650 ÷ 1,850 = 13.32 → 13.3
      [customer.A, { overdue: '850.00', avgDaysToPay: '13.3' }],
      // I3 lacks 200.00; paid on its due date: 0.0
      [customer.B, { overdue: '200.00', avgDaysToPay: '0.0' }],
    ]);
    // 24,650 ÷ 2,150 = 11.47 → 11.5
    expect(res.json().totals).toEqual({ overdue: '1050.00', avgDaysToPay: '11.5' });
  });

  it('per month: overdue at each month end (allocations after it still lacked), days to pay of the month’s allocations', async () => {
    const res = await pivot(session.finance, { dimensions: ['month'] });
    expect(table(res.json(), 'month')).toEqual([
      // 31 Jan: I1 due 20 Jan lacked the 400.00 R2 brought on 18 Feb; only R1's 600 at +10 was posted
      ['2026-01', { overdue: '400.00', avgDaysToPay: '10.0' }],
      // 28 Feb: I2 500 + I3 200 + I4 (R5's 50 USD came in March) 100 USD × 7 = 1,400.00;
      // days (400 × 29 + 500 × −2 + 300 × 0) ÷ 1,200 = 8.83 → 8.8
      ['2026-02', { overdue: '1400.00', avgDaysToPay: '8.8' }],
      ['2026-03', { overdue: '1050.00', avgDaysToPay: '23.0' }],
    ]);
    // the overdue total is the last bucket's (the end of the range), like outstanding
    expect(res.json().totals).toEqual({ overdue: '1050.00', avgDaysToPay: '11.5' });
  });

  it('grace days: on 24 Feb only instalments due by 18 Feb are overdue', async () => {
    // I2 (due 20 Feb) is within its 5 grace days; I1 paid in full by 18 Feb; I3 200 + I4 100 USD × 7 = 900.00
    const res = await pivot(session.finance, { dimensions: [], measures: ['overdue'], to: '2026-02-24' });
    expect(res.json().totals).toEqual({ overdue: '900.00' });
  });

  it('agrees with the aging at today: CNY overdue is the aging’s past-due buckets', async () => {
    const today = todayIn('Asia/Shanghai');
    const pivoted = (await pivot(session.finance, { dimensions: [], measures: ['overdue'], currency: 'CNY', to: today })).json();
    const aging = (await get(session.finance, '/api/v1/reports/aging?currency=CNY')).json();
    // I2 500.00 + I3 200.00, long past due
    expect([pivoted.totals.overdue, aging.totals.total, aging.totals.amounts[0]]).toEqual(['700.00', '700.00', '0.00']);
  });

  it('by tag, owner and currency they add rows of their own beside the journal figures', async () => {
    const byTag = (await pivot(session.finance, { dimensions: ['customerTag'], measures: ['issued', 'overdue'] })).json();
    // issued: A 2,000 + 700 = 2,700.00 (vip), B 500.00
    expect(table(byTag, 'customerTag')).toEqual([['', { issued: '500.00', overdue: '200.00' }], ['vip', { issued: '2700.00', overdue: '850.00' }]]);
    const byCurrency = (await pivot(session.finance, { dimensions: ['currency'], measures: ['overdue', 'avgDaysToPay'] })).json();
    expect(table(byCurrency, 'currency')).toEqual([
      // CNY: 500 + 200; days (6,000 + 11,600 − 1,000 + 0) ÷ 1,800 = 9.22 → 9.2
      ['CNY', { overdue: '700.00', avgDaysToPay: '9.2' }],
      ['USD', { overdue: '350.00', avgDaysToPay: '23.0' }],
    ]);
    // only overdue asked: A's row comes from the instalments alone (no journal movement is needed)
    const lateOnly = (await pivot(session.finance, { dimensions: ['owner'], measures: ['overdue'], from: '2026-03-21' })).json();
    expect(lateOnly.rows.map((r: { labels: { owner: string }; values: object }) => [r.labels.owner, r.values])).toEqual([['rep1', { overdue: '850.00' }], ['rep2', { overdue: '200.00' }]]);
  });

  it('by channel: days to pay by the paying receipt’s channel; overdue has no channel ("")', async () => {
    const res = (await pivot(session.finance, { dimensions: ['channel'] })).json();
    expect(table(res, 'channel')).toEqual([
      ['', { overdue: '', avgDaysToPay: '' }],
      ['alipay', { overdue: '', avgDaysToPay: '0.0' }],
      // (6,000 + 11,600 − 1,000) ÷ 1,500 = 11.07 → 11.1
      ['bank_transfer', { overdue: '', avgDaysToPay: '11.1' }],
      ['stripe', { overdue: '', avgDaysToPay: '23.0' }],
    ]);
    expect(res.totals).toEqual({ overdue: '', avgDaysToPay: '11.5' });
    const byProduct = (await pivot(session.finance, { dimensions: [], filters: { productIds: [newId()] } })).json();
    expect(byProduct.totals).toEqual({ overdue: '', avgDaysToPay: '' });
  });

  it('a sales rep sees only their customers’ instalments; another tenant none', async () => {
    const rep = (await pivot(session.rep1, { dimensions: ['customer'] })).json();
    expect(table(rep, 'customer')).toEqual([[customer.A, { overdue: '850.00', avgDaysToPay: '13.3' }]]);
    expect(rep.totals).toEqual({ overdue: '850.00', avgDaysToPay: '13.3' });
    const other = (await pivot(otherTenantSession, { dimensions: ['customer'] })).json();
    expect([other.rows, other.totals]).toEqual([[], { overdue: '0.00', avgDaysToPay: '' }]);
  });
});

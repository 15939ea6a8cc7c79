import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/ids.js';
import { addDays, todayIn } from '../src/core/receivables/index.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { balancesOf, seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * The customer statement (对账单) on a small data set computed by hand. Dates are relative to today in the
 * tenant's time zone (D), because approving a refund posts today.
 *
 *   D−60  order A confirmed       Dr AR 1,000.00                        balance 1,000.00
 *   D−50  receipt R1 400.00 → A   Cr AR   400.00                        balance   600.00   ← opening at D−30
 *   D−20  order B confirmed       Dr AR 2,500.00                        balance 3,100.00
 *   D−10  receipt R2 1,000.00     Cr AR 600.00 (rest of A), Cr advances 400.00 → credit 1,000.00   balance 2,100.00
 *   D     refund 150.00 of R2 approved: Dr advances 150.00                                      balance 2,250.00
 *         (paid the same day: refunds_payable / cash — not the customer's AR or advance, no movement)
 *
 * Closing 2,250.00 = AR 2,500.00 (order B unpaid) − advance 250.00 (400.00 − 150.00 refunded).
 * A USD order of 300.00 at D−20 shows only in the USD statement.
 */
let t: TestApp;
let tenantId: string;
let today: string;
const session = {} as Record<'rep' | 'fin' | 'otherRep', TestSession>;
let acme: string;
const numbers = {} as Record<'A' | 'B' | 'R1' | 'R2' | 'RF' | 'USD', string>;
const ids = {} as Record<'A' | 'B' | 'R2' | 'RF', string>;
const d = (days: number) => addDays(today, days);

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'statement');
  const tz = (await t.db.selectFrom('tenants').select('time_zone').where('id', '=', tenantId).executeTakeFirstOrThrow()).time_zone;
  today = todayIn(tz);
  const users = {} as Record<keyof typeof session, string>;
  for (const [who, role] of [['rep', 'sales'], ['fin', 'finance'], ['otherRep', 'sales']] as const) {
    users[who] = await createUser(t.db, tenantId, { login: who, role });
    session[who] = await sessionFor(t.db, tenantId, users[who]);
  }
  acme = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id: acme, code: 'ACME', name: '艾克米', owner_id: users.rep, department_id: null }).execute();

  const a = await seedConfirmedOrder(t.db, tenantId, { customerId: acme, signedDate: d(-60), instalments: [[d(-40), '1000.00']] });
  const r1 = await seedConfirmedReceipt(t.db, tenantId, { customerId: acme, amount: '400.00', receivedDate: d(-50), allocations: [[a.orderId, '400.00']] });
  const b = await seedConfirmedOrder(t.db, tenantId, { customerId: acme, signedDate: d(-20), instalments: [[d(10), '2500.00']] });
  const usd = await seedConfirmedOrder(t.db, tenantId, { customerId: acme, currency: 'USD', signedDate: d(-20), instalments: [[d(10), '300.00']] });
  const r2 = await seedConfirmedReceipt(t.db, tenantId, { customerId: acme, amount: '1000.00', receivedDate: d(-10), allocations: [[a.orderId, '600.00']] });
  const refund = await post('rep', '/api/v1/refunds', { customerId: acme, receiptId: r2.receiptId, amount: '150.00', currency: 'CNY', reasonCode: 'overpayment' });
  await post('fin', `/api/v1/refunds/${refund.id}/approve`);
  await post('fin', `/api/v1/refunds/${refund.id}/pay`, { channel: 'bank_transfer', externalRef: 'BANK-1', paidDate: today });
  Object.assign(numbers, { A: a.number, B: b.number, R1: r1.number, R2: r2.number, RF: refund.number, USD: usd.number });
  Object.assign(ids, { A: a.orderId, B: b.orderId, R2: r2.receiptId, RF: refund.id });
});
afterAll(async () => t?.close());

async function post(who: keyof typeof session, url: string, payload: object = {}) {
  const res = await t.app.inject(as(session[who], { method: 'POST', url, payload, headers: { 'idempotency-key': newId() } }));
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

const statement = (who: keyof typeof session, query: string, customerId = acme) =>
  t.app.inject(as(session[who], { method: 'GET', url: `/api/v1/customers/${customerId}/statement?${query}` }));

const toMinor = (amount: string) => BigInt(amount.replace('.', ''));

describe('GET /customers/:id/statement', () => {
  it('from D−30 to today: opening 600.00, three movements, closing 2,250.00', async () => {
    const res = await statement('fin', `from=${d(-30)}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      customer: { id: acme, code: 'ACME', name: '艾克米' }, currency: 'CNY', from: d(-30), to: today,
      openingBalance: '600.00', totals: { debit: '2650.00', credit: '1000.00' }, closingBalance: '2250.00',
      truncated: false, movementCount: 3, currencies: ['CNY', 'USD'],
    });
    expect(s.movements.map((m: Record<string, unknown>) => [m.date, m.kind, m.reference, m.debit, m.credit, m.balance])).toEqual([
      [d(-20), 'order_confirmed', numbers.B, '2500.00', '0.00', '3100.00'],
      [d(-10), 'receipt', numbers.R2, '0.00', '1000.00', '2100.00'],
      [today, 'refund', numbers.RF, '150.00', '0.00', '2250.00'],
    ]);
    expect(s.movements.map((m: Record<string, unknown>) => [m.sourceType, m.sourceId])).toEqual([['order', ids.B], ['receipt', ids.R2], ['refund', ids.RF]]);
  });

  it('opening + movements = closing, and the closing balance is the ledger’s AR − advance to the fen', async () => {
    const s = (await statement('fin', `from=${d(-30)}&to=${today}`)).json();
    const sum = s.movements.reduce((acc: bigint, m: { debit: string; credit: string }) => acc + toMinor(m.debit) - toMinor(m.credit), toMinor(s.openingBalance));
    expect(sum).toBe(toMinor(s.closingBalance));
    const ledger = await balancesOf(t.db, tenantId, acme);
    expect(ledger.accounts_receivable).toBe('2500.00');
    expect(ledger.customer_advances).toBe('-250.00'); // 400.00 unapplied on R2 − 150.00 refunded
    expect(toMinor(ledger.accounts_receivable!) + toMinor(ledger.customer_advances!)).toBe(toMinor(s.closingBalance));
  });

  it('the whole history from D−60: opening 0.00; the period D−30…D−15 holds only order B', async () => {
    const all = (await statement('fin', `from=${d(-60)}&to=${today}`)).json();
    expect([all.openingBalance, all.movements.length, all.movements[0].reference, all.movements[1].reference, all.closingBalance]).toEqual(['0.00', 5, numbers.A, numbers.R1, '2250.00']);
    const narrow = (await statement('fin', `from=${d(-30)}&to=${d(-15)}`)).json();
    expect([narrow.openingBalance, narrow.movements.length, narrow.totals, narrow.closingBalance]).toEqual(['600.00', 1, { debit: '2500.00', credit: '0.00' }, '3100.00']);
  });

  it('another currency is its own statement: USD 300.00', async () => {
    const s = (await statement('fin', `currency=USD&from=${d(-30)}&to=${today}`)).json();
    expect([s.currency, s.openingBalance, s.movements.map((m: { reference: string }) => m.reference), s.closingBalance]).toEqual(['USD', '0.00', [numbers.USD], '300.00']);
  });

  it('a limit lists fewer movements and says so; totals and closing still count them all', async () => {
    const s = (await statement('fin', `from=${d(-30)}&to=${today}&limit=1`)).json();
    expect([s.movements.length, s.truncated, s.movementCount, s.totals.debit, s.closingBalance]).toEqual([1, true, 3, '2650.00', '2250.00']);
  });

  it('defaults to the current month in the tenant’s time zone', async () => {
    const s = (await statement('fin', '')).json();
    expect([s.currency, s.from, s.to.slice(0, 7), s.from <= today && today <= s.to]).toEqual(['CNY', `${today.slice(0, 7)}-01`, today.slice(0, 7), true]);
  });

  it('bad input is validation_failed (or invalid_date) naming the field', async () => {
    const cases: [string, number, string, string][] = [
      [`from=${today}&to=${d(-1)}`, 422, 'validation_failed', 'to'],
      [`from=${d(-400)}&to=${today}`, 422, 'validation_failed', 'to'],
      [`from=2026-02-30&to=${today}`, 422, 'invalid_date', 'from'],
      ['currency=XYZ', 422, 'unknown_currency', 'currency'],
    ];
    for (const [query, status, code, field] of cases) {
      const res = await statement('fin', query);
      expect([query, res.statusCode, res.json().code, res.json().errors?.[0]?.field]).toEqual([query, status, code, field]);
    }
  });

  it('data scope: the owner sees it, another sales rep gets not_found', async () => {
    expect((await statement('rep', `from=${d(-30)}&to=${today}`)).json().closingBalance).toBe('2250.00');
    const res = await statement('otherRep', `from=${d(-30)}&to=${today}`);
    expect([res.statusCode, res.json().code]).toEqual([404, 'not_found']);
    const missing = await statement('fin', '', newId());
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'not_found']);
  });
});

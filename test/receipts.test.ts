import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/app/audit.js';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { instalmentStatus } from '../src/core/receivables/index.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';

/**
 * Receipts through HTTP, read like a ledger: for each flow the request, the entry it posts (account, side,
 * amount, currency) and the customer's balances after. Each flow has its own customer, so balances read
 * alone. Instalments fall due in 2099 so their status shows payment, not lateness.
 */
let t: TestApp;
let tenantId: string;
const user: Record<string, string> = {};
const session: Record<string, TestSession> = {};
type Who = 'rep' | 'fin' | 'fin2' | 'auditor';

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'receipts');
  for (const [who, role] of [['rep', 'sales'], ['fin', 'finance'], ['fin2', 'finance'], ['auditor', 'auditor']] as const) {
    user[who] = await createUser(t.db, tenantId, { login: who, role });
    session[who] = await sessionFor(t.db, tenantId, user[who]!);
  }
});
afterAll(async () => t?.close());

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: object, key: string | null = randomUUID()) {
  return t.app.inject(as(session[who]!, { method, url, ...(payload ? { payload } : {}), headers: key === null ? {} : { 'idempotency-key': key } }));
}

async function ok(who: Who, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${who} ${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

/** A customer owned by the rep, so the rep may enter receipts for it. */
async function customer(code: string): Promise<string> {
  const id = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id, code, name: `客户 ${code}`, owner_id: user.rep!, department_id: null }).execute();
  return id;
}

const order = (customerId: string, instalments: [string, string][], currency = 'CNY') => seedConfirmedOrder(t.db, tenantId, { customerId, currency, signedDate: '2026-11-01', instalments });

/** Enter (rep) and confirm (finance) a receipt; the confirmed view. */
async function received(customerId: string, amount: string, extra: object = {}, confirmBody: object = {}) {
  const entered = await ok('rep', 'POST', '/api/v1/receipts', { customerId, kind: 'order_payment', amount, currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-20', ...extra });
  expect(entered.status).toBe('pending');
  return ok('fin', 'POST', `/api/v1/receipts/${entered.id}/confirm`, confirmBody);
}

/** An entry's lines as [account, side, amount, currency]. */
async function lines(entryId: string) {
  const entry = await ok('fin', 'GET', `/api/v1/ledger/entries/${entryId}`);
  return entry.lines.map((l: Record<string, string>) => [l.account, l.side, l.amount, l.currency]);
}

/** The customer's balances as { 'account currency': balance }, debit positive. */
async function balances(customerId: string) {
  const res = await ok('fin', 'GET', `/api/v1/customers/${customerId}/balances`);
  return Object.fromEntries(res.balances.filter((b: Record<string, string>) => !/^-?0(\.0+)?$/.test(b.balance!)).map((b: Record<string, string>) => [`${b.account} ${b.currency}`, b.balance]));
}

async function orderFigures(orderId: string) {
  const o = await t.db.selectFrom('orders').select(['status', 'paid_minor']).where('id', '=', orderId).executeTakeFirstOrThrow();
  const inst = await t.db.selectFrom('instalments').select(['due_date', 'amount_minor', 'settled_minor', 'voided_at']).where('order_id', '=', orderId).orderBy('seq').execute();
  const rules = { today: '2026-12-01', graceDays: 0, dueSoonDays: 7 };
  return { status: o.status, paid: o.paid_minor, instalments: inst.map((i) => instalmentStatus({ dueDate: i.due_date, amountMinor: i.amount_minor, settledMinor: i.settled_minor, voided: i.voided_at !== null }, rules)) };
}

async function history(receiptId: string) {
  const res = await ok('fin', 'GET', `/api/v1/receipts/${receiptId}/allocations`);
  return res.items.map((r: Record<string, unknown>) => [r.kind, r.orderNumber, r.instalmentSeq, r.amount, r.receiptAmount, r.createdByLogin]);
}

async function ledgerIsSound() {
  const report = await verifyLedger(t.db, { tenantId });
  expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
  expect(await verifyAuditChain(t.db, tenantId)).toEqual([]);
}

describe('partial payments over three instalments', () => {
  it('settles oldest due first: partially paid → paid, then the order is completed', async () => {
    const c = await customer('P3');
    const o = await order(c, [['2099-01-10', '1000.00'], ['2099-02-10', '1000.00'], ['2099-03-10', '1000.00']]);

    const r1 = await received(c, '600.00', { autoAllocate: true });
    //  account               side      amount   currency
    expect(await lines(r1.entryId)).toEqual([
      ['cash:bank_transfer', 'debit', '600.00', 'CNY'],
      ['accounts_receivable', 'credit', '600.00', 'CNY'],
    ]);
    expect(await orderFigures(o.orderId)).toEqual({ status: 'confirmed', paid: 60000n, instalments: ['partially_paid', 'pending', 'pending'] });

    const r2 = await received(c, '900.00', { allocations: [{ orderId: o.orderId, amount: '900.00' }] });
    expect(await lines(r2.entryId)).toEqual([['cash:bank_transfer', 'debit', '900.00', 'CNY'], ['accounts_receivable', 'credit', '900.00', 'CNY']]);
    expect(await orderFigures(o.orderId)).toEqual({ status: 'confirmed', paid: 150000n, instalments: ['paid', 'partially_paid', 'pending'] });
    expect(await history(r2.id)).toEqual([['allocate', o.number, 1, '400.00', '400.00', 'fin'], ['allocate', o.number, 2, '500.00', '500.00', 'fin']]);

    // The third names the last instalment first, then the rest of the second.
    const r3 = await received(c, '1500.00', { allocations: [{ orderId: o.orderId, instalmentId: o.instalmentIds[2], amount: '1000.00' }, { orderId: o.orderId, amount: '500.00' }] });
    expect(await lines(r3.entryId)).toEqual([['cash:bank_transfer', 'debit', '1500.00', 'CNY'], ['accounts_receivable', 'credit', '1500.00', 'CNY']]);
    expect(await orderFigures(o.orderId)).toEqual({ status: 'completed', paid: 300000n, instalments: ['paid', 'paid', 'paid'] });
    expect(r3).toMatchObject({ status: 'confirmed', amount: '1500.00', allocated: '1500.00', advance: '0.00', refundable: '0.00', baseRate: '1', baseAmount: '1500.00' });
    expect(await balances(c)).toEqual({ 'cash:bank_transfer CNY': '3000.00', 'sales CNY': '-3000.00' });
    await ledgerIsSound();
  });
});

describe('one receipt over two orders', () => {
  it('credits each order’s receivable on its own line', async () => {
    const c = await customer('TWO');
    const o1 = await order(c, [['2099-01-10', '500.00']]);
    const o2 = await order(c, [['2099-01-20', '700.00']]);
    const r = await received(c, '1000.00', { allocations: [{ orderId: o1.orderId, amount: '500.00' }, { orderId: o2.orderId, amount: '500.00' }] });
    expect(await lines(r.entryId)).toEqual([
      ['cash:bank_transfer', 'debit', '1000.00', 'CNY'],
      ['accounts_receivable', 'credit', '500.00', 'CNY'],
      ['accounts_receivable', 'credit', '500.00', 'CNY'],
    ]);
    expect(r.allocations.map((a: Record<string, string>) => [a.orderNumber, a.amount])).toEqual([[o1.number, '500.00'], [o2.number, '500.00']]);
    expect((await orderFigures(o1.orderId)).status).toBe('completed');
    expect(await orderFigures(o2.orderId)).toMatchObject({ status: 'confirmed', paid: 50000n });
    expect(await balances(c)).toEqual({ 'accounts_receivable CNY': '200.00', 'cash:bank_transfer CNY': '1000.00', 'sales CNY': '-1200.00' });
    await ledgerIsSound();
  });
});

describe('overpayment → advance → applied to a later order', () => {
  it('keeps the rest as the customer’s advance and draws it oldest receipt first', async () => {
    const c = await customer('OVER');
    const o1 = await order(c, [['2099-01-10', '200.00']]);
    const r = await received(c, '800.00', { autoAllocate: true });
    expect(await lines(r.entryId)).toEqual([
      ['cash:bank_transfer', 'debit', '800.00', 'CNY'],
      ['accounts_receivable', 'credit', '200.00', 'CNY'],
      ['customer_advances', 'credit', '600.00', 'CNY'],
    ]);
    expect(r).toMatchObject({ allocated: '200.00', advance: '600.00', refundable: '600.00' });
    expect((await orderFigures(o1.orderId)).status).toBe('completed');

    // A prepayment, received later: all of it to the advance.
    const p = await received(c, '300.00', { kind: 'prepayment', receivedDate: '2026-11-25' });
    expect(await lines(p.entryId)).toEqual([['cash:bank_transfer', 'debit', '300.00', 'CNY'], ['customer_advances', 'credit', '300.00', 'CNY']]);
    const advances = await ok('rep', 'GET', `/api/v1/customers/${c}/advances`);
    expect(advances.advances).toMatchObject([{ currency: 'CNY', balance: '900.00', held: '0.00', available: '900.00', receipts: [{ number: r.number, available: '600.00' }, { number: p.number, available: '300.00' }] }]);

    const o2 = await order(c, [['2099-03-10', '400.00'], ['2099-04-10', '600.00']]);
    const applied = await ok('fin', 'POST', `/api/v1/customers/${c}/advances/apply`, { orderId: o2.orderId, amount: '700.00', currency: 'CNY' });
    //  receipt drawn   instalment   amount: the older receipt first
    expect(applied.applied.map((a: Record<string, string>) => [a.receiptNumber, o2.instalmentIds.indexOf(a.instalmentId!) + 1, a.amount])).toEqual([
      [r.number, 1, '400.00'],
      [r.number, 2, '200.00'],
      [p.number, 2, '100.00'],
    ]);
    expect(await lines(applied.entryId)).toEqual([['customer_advances', 'debit', '700.00', 'CNY'], ['accounts_receivable', 'credit', '700.00', 'CNY']]);
    expect(applied.advances).toMatchObject([{ currency: 'CNY', balance: '200.00', available: '200.00', receipts: [{ number: p.number, available: '200.00' }] }]);

    // More than is left: refused, nothing written.
    const tooMuch = await call('fin', 'POST', `/api/v1/customers/${c}/advances/apply`, { orderId: o2.orderId, amount: '250.00', currency: 'CNY' });
    expect([tooMuch.statusCode, tooMuch.json().code]).toEqual([409, 'exceeds_advance_balance']);

    const auto = await ok('fin', 'POST', `/api/v1/customers/${c}/advances/apply`, { auto: true });
    expect(await lines(auto.entryId)).toEqual([['customer_advances', 'debit', '200.00', 'CNY'], ['accounts_receivable', 'credit', '200.00', 'CNY']]);
    expect(auto.advances).toEqual([]);
    expect(await orderFigures(o2.orderId)).toEqual({ status: 'confirmed', paid: 90000n, instalments: ['paid', 'partially_paid'] });
    expect(await balances(c)).toEqual({ 'accounts_receivable CNY': '100.00', 'cash:bank_transfer CNY': '1100.00', 'sales CNY': '-1200.00' });
    await ledgerIsSound();
  });
});

describe('de-allocation and re-allocation', () => {
  it('takes back to the advance with negative rows, allocates anew, and shows the whole history', async () => {
    const c = await customer('REAL');
    const o1 = await order(c, [['2099-01-10', '500.00']]);
    const o2 = await order(c, [['2099-01-20', '700.00']]);
    const r = await received(c, '1000.00', { allocations: [{ orderId: o1.orderId, amount: '500.00' }, { orderId: o2.orderId, amount: '500.00' }] });

    const taken = await ok('fin', 'POST', `/api/v1/receipts/${r.id}/deallocations`, { orderId: o1.orderId, amount: '200.00' });
    expect(taken).toMatchObject({ allocated: '800.00', advance: '200.00' });
    const takeEntry = (await t.db.selectFrom('allocations').select('entry_id').where('receipt_id', '=', r.id).where('kind', '=', 'deallocate').executeTakeFirstOrThrow()).entry_id;
    expect(await lines(takeEntry)).toEqual([['accounts_receivable', 'debit', '200.00', 'CNY'], ['customer_advances', 'credit', '200.00', 'CNY']]);
    expect(await orderFigures(o1.orderId)).toMatchObject({ status: 'confirmed', paid: 30000n });

    const again = await ok('fin', 'POST', `/api/v1/receipts/${r.id}/allocations`, { allocations: [{ orderId: o2.orderId, amount: '200.00' }] });
    expect(again).toMatchObject({ allocated: '1000.00', advance: '0.00' });
    expect(again.allocations.map((a: Record<string, string>) => [a.orderNumber, a.amount])).toEqual([[o1.number, '300.00'], [o2.number, '700.00']]);
    expect((await orderFigures(o2.orderId)).status).toBe('completed');
    expect(await balances(c)).toEqual({ 'accounts_receivable CNY': '200.00', 'cash:bank_transfer CNY': '1000.00', 'sales CNY': '-1200.00' });

    // More than the receipt gave that order, and an allocation from an empty advance: refused.
    const tooMuch = await call('fin', 'POST', `/api/v1/receipts/${r.id}/deallocations`, { orderId: o1.orderId, amount: '300.01' });
    expect([tooMuch.statusCode, tooMuch.json().code]).toEqual([422, 'exceeds_receipt_amount']);
    const empty = await call('fin', 'POST', `/api/v1/receipts/${r.id}/allocations`, { allocations: [{ orderId: o1.orderId, amount: '0.01' }] });
    expect([empty.statusCode, empty.json().code]).toEqual([422, 'exceeds_receipt_amount']);

    // Everything back, then everything out again automatically (oldest due first).
    const all = await ok('fin', 'POST', `/api/v1/receipts/${r.id}/deallocations`, {});
    expect(all).toMatchObject({ allocated: '0.00', advance: '1000.00', allocations: [] });
    const auto = await ok('fin', 'POST', `/api/v1/receipts/${r.id}/allocations`, { autoAllocate: true });
    expect(auto).toMatchObject({ allocated: '1000.00', advance: '0.00' });
    expect(await history(r.id)).toEqual([
      ['allocate', o1.number, 1, '500.00', '500.00', 'fin'],
      ['allocate', o2.number, 1, '500.00', '500.00', 'fin'],
      ['deallocate', o1.number, 1, '-200.00', '-200.00', 'fin'],
      ['allocate', o2.number, 1, '200.00', '200.00', 'fin'],
      ['deallocate', o1.number, 1, '-300.00', '-300.00', 'fin'],
      ['deallocate', o2.number, 1, '-700.00', '-700.00', 'fin'],
      ['allocate', o1.number, 1, '500.00', '500.00', 'fin'],
      ['allocate', o2.number, 1, '500.00', '500.00', 'fin'],
    ]);
    await ledgerIsSound();
  });
});

describe('void (作废)', () => {
  it('takes back every allocation and the money: balances as before the receipt', async () => {
    const c = await customer('VOID');
    const o = await order(c, [['2099-01-10', '1000.00']]);
    const before = await balances(c);
    const r = await received(c, '1200.00', { autoAllocate: true });
    expect(await balances(c)).toEqual({ 'cash:bank_transfer CNY': '1200.00', 'customer_advances CNY': '-200.00', 'sales CNY': '-1000.00' });

    const noReason = await call('fin', 'POST', `/api/v1/receipts/${r.id}/void`, { reason: '  ' });
    expect([noReason.statusCode, noReason.json().code]).toEqual([422, 'reason_required']);
    const salesTries = await call('rep', 'POST', `/api/v1/receipts/${r.id}/void`, { reason: 'duplicate' });
    expect([salesTries.statusCode, salesTries.json().code]).toEqual([403, 'forbidden']);

    const voided = await ok('fin', 'POST', `/api/v1/receipts/${r.id}/void`, { reason: 'bank returned the transfer' });
    expect(voided).toMatchObject({ status: 'voided', statusReason: 'bank returned the transfer', allocated: '0.00', advance: '0.00', allocations: [] });
    expect(await lines(voided.voidEntryId)).toEqual([
      ['accounts_receivable', 'debit', '1000.00', 'CNY'],
      ['customer_advances', 'debit', '200.00', 'CNY'],
      ['cash:bank_transfer', 'credit', '1200.00', 'CNY'],
    ]);
    expect(await balances(c)).toEqual(before);
    expect(await orderFigures(o.orderId)).toEqual({ status: 'confirmed', paid: 0n, instalments: ['pending'] });
    expect(await history(r.id)).toEqual([['allocate', o.number, 1, '1000.00', '1000.00', 'fin'], ['void', o.number, 1, '-1000.00', '-1000.00', 'fin']]);

    const twice = await call('fin', 'POST', `/api/v1/receipts/${r.id}/void`, { reason: 'again' });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'invalid_state']);
    const pending = await ok('rep', 'POST', '/api/v1/receipts', { customerId: c, kind: 'order_payment', amount: '5.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20' });
    const voidPending = await call('fin', 'POST', `/api/v1/receipts/${pending.id}/void`, { reason: 'typo' });
    expect([voidPending.statusCode, voidPending.json().code]).toEqual([409, 'invalid_state']);
    await ledgerIsSound();
  });

  it('is refused while a refund holds money on the receipt', async () => {
    const c = await customer('HELD');
    const r = await received(c, '100.00', { kind: 'prepayment' });
    await t.db.updateTable('receipts').set({ refund_held_minor: 1000n }).where('id', '=', r.id).execute();
    const res = await call('fin', 'POST', `/api/v1/receipts/${r.id}/void`, { reason: 'duplicate' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'invalid_state']);
    expect((await ok('fin', 'GET', `/api/v1/customers/${c}/advances`)).advances).toMatchObject([{ balance: '100.00', held: '10.00', available: '90.00' }]);
    await t.db.updateTable('receipts').set({ refund_held_minor: 0n }).where('id', '=', r.id).execute();
  });
});

describe('a second currency', () => {
  it('a USD receipt on a USD order: posted in USD, its base amount at the recorded rate', async () => {
    await t.db.insertInto('fx_rates').values({ tenant_id: tenantId, currency: 'USD', rate_date: '2026-11-01', rate: '7.1' }).execute();
    const c = await customer('USD1');
    const o = await order(c, [['2099-01-10', '500.00']], 'USD');
    const r = await received(c, '500.00', { currency: 'USD', autoAllocate: true });
    expect(await lines(r.entryId)).toEqual([['cash:bank_transfer', 'debit', '500.00', 'USD'], ['accounts_receivable', 'credit', '500.00', 'USD']]);
    expect(r).toMatchObject({ currency: 'USD', baseCurrency: 'CNY', baseRate: '7.1', baseAmount: '3550.00' });
    expect((await orderFigures(o.orderId)).status).toBe('completed');
    await ledgerIsSound();
  });

  it('a USD receipt on a CNY order: only with an explicit rate; fx_gain_loss carries each currency’s side', async () => {
    const c = await customer('USD2');
    const o = await order(c, [['2099-01-10', '1000.00']]);
    const entered = await ok('rep', 'POST', '/api/v1/receipts', { customerId: c, kind: 'order_payment', amount: '150.00', currency: 'USD', channel: 'stripe', receivedDate: '2026-11-20' });
    const noRate = await call('fin', 'POST', `/api/v1/receipts/${entered.id}/confirm`, { allocations: [{ orderId: o.orderId, amount: '710.00' }] });
    expect([noRate.statusCode, noRate.json().code, noRate.json().errors[0].field]).toEqual([422, 'currency_mismatch', 'allocations[0].exchangeRate']);

    const r = await ok('fin', 'POST', `/api/v1/receipts/${entered.id}/confirm`, { allocations: [{ orderId: o.orderId, amount: '710.00', exchangeRate: '7.1' }] });
    expect(await lines(r.entryId)).toEqual([
      ['cash:stripe', 'debit', '150.00', 'USD'],
      ['fx_gain_loss', 'credit', '100.00', 'USD'],
      ['fx_gain_loss', 'debit', '710.00', 'CNY'],
      ['accounts_receivable', 'credit', '710.00', 'CNY'],
      ['customer_advances', 'credit', '50.00', 'USD'],
    ]);
    expect(r).toMatchObject({ allocated: '100.00', advance: '50.00', allocations: [{ orderNumber: o.number, currency: 'CNY', amount: '710.00', receiptAmount: '100.00' }] });
    const row = await t.db.selectFrom('allocations').select(['amount_minor', 'receipt_amount_minor', 'rate']).where('receipt_id', '=', r.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ amount_minor: 71000n, receipt_amount_minor: 10000n, rate: '7.1000000000' });
    expect(await balances(c)).toEqual({
      'accounts_receivable CNY': '290.00', 'cash:stripe USD': '150.00', 'customer_advances USD': '-50.00',
      'fx_gain_loss CNY': '710.00', 'fx_gain_loss USD': '-100.00', 'sales CNY': '-1000.00',
    });

    // Void undoes both currencies.
    const voided = await ok('fin', 'POST', `/api/v1/receipts/${r.id}/void`, { reason: 'wrong customer' });
    expect(await lines(voided.voidEntryId)).toEqual([
      ['fx_gain_loss', 'debit', '100.00', 'USD'],
      ['fx_gain_loss', 'credit', '710.00', 'CNY'],
      ['accounts_receivable', 'debit', '710.00', 'CNY'],
      ['customer_advances', 'debit', '50.00', 'USD'],
      ['cash:stripe', 'credit', '150.00', 'USD'],
    ]);
    expect(await balances(c)).toEqual({ 'accounts_receivable CNY': '1000.00', 'sales CNY': '-1000.00' });
    await ledgerIsSound();
  });
});

describe('maker-checker', () => {
  it('sales enters, sales cannot confirm, the maker cannot confirm their own, another finance user can', async () => {
    const c = await customer('MK');
    const o = await order(c, [['2099-01-10', '100.00']]);
    const byRep = await ok('rep', 'POST', '/api/v1/receipts', { customerId: c, kind: 'order_payment', amount: '100.00', currency: 'CNY', channel: 'alipay', receivedDate: '2026-11-20', allocations: [{ orderId: o.orderId, amount: '100.00' }] });
    expect(byRep).toMatchObject({ status: 'pending', createdBy: user.rep, entryId: null, requestedAllocations: [{ orderNumber: o.number, amount: '100.00', currency: 'CNY' }] });
    for (const [who, body] of [['rep', {}], ['auditor', {}]] as const) {
      const res = await call(who, 'POST', `/api/v1/receipts/${byRep.id}/confirm`, body);
      expect([who, res.statusCode, res.json().code]).toEqual([who, 403, 'forbidden']);
    }
    const repSelf = await call('rep', 'POST', '/api/v1/receipts', { customerId: c, kind: 'prepayment', amount: '1.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20', confirm: true });
    expect([repSelf.statusCode, repSelf.json().code]).toEqual([403, 'forbidden']);

    const byFin = await ok('fin', 'POST', '/api/v1/receipts', { customerId: c, kind: 'prepayment', amount: '10.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20' });
    const own = await call('fin', 'POST', `/api/v1/receipts/${byFin.id}/confirm`, {});
    expect([own.statusCode, own.json().code]).toEqual([403, 'self_approval_forbidden']);
    const selfAtOnce = await call('fin', 'POST', '/api/v1/receipts', { customerId: c, kind: 'prepayment', amount: '10.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20', confirm: true });
    expect([selfAtOnce.statusCode, selfAtOnce.json().code]).toEqual([403, 'self_approval_forbidden']);

    const confirmed = await ok('fin2', 'POST', `/api/v1/receipts/${byRep.id}/confirm`); // no body: as the maker asked
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedBy: user.fin2, allocated: '100.00' });
    const rejected = await ok('fin2', 'POST', `/api/v1/receipts/${byFin.id}/reject`, { reason: 'not on the bank statement' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: user.fin2, statusReason: 'not on the bank statement', entryId: null });
    for (const step of ['confirm', 'reject'] as const) {
      const res = await call('fin', 'POST', `/api/v1/receipts/${byFin.id}/${step}`, step === 'reject' ? { reason: 'x' } : {});
      expect([step, res.statusCode, res.json().code]).toEqual([step, 409, 'invalid_state']);
    }
  });

  it('self-confirmation where the tenant allows it: one request enters, confirms and posts', async () => {
    const c = await customer('SELF');
    const o = await order(c, [['2099-01-10', '100.00']]);
    await t.db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
    try {
      const key = randomUUID();
      const body = { customerId: c, kind: 'order_payment', amount: '120.00', currency: 'CNY', channel: 'wechat_pay', receivedDate: '2026-11-20', allocations: [{ orderId: o.orderId, amount: '100.00' }], confirm: true };
      const res = await call('fin', 'POST', '/api/v1/receipts', body, key);
      expect(res.statusCode, res.body).toBe(201);
      // Sent again (a client retrying): the first answer, although the order owes nothing any more.
      const again = await call('fin', 'POST', '/api/v1/receipts', body, key);
      expect([again.statusCode, again.headers['idempotent-replayed'], again.body]).toEqual([201, 'true', res.body]);
      const r = res.json();
      expect(r).toMatchObject({ status: 'confirmed', createdBy: user.fin, confirmedBy: user.fin, allocated: '100.00', advance: '20.00' });
      expect(await lines(r.entryId)).toEqual([['cash:wechat_pay', 'debit', '120.00', 'CNY'], ['accounts_receivable', 'credit', '100.00', 'CNY'], ['customer_advances', 'credit', '20.00', 'CNY']]);
    } finally {
      await t.db.updateTable('tenants').set({ allow_self_confirm: false }).where('id', '=', tenantId).execute();
    }
  });

  it('the confirmer may override what the maker asked', async () => {
    const c = await customer('OVR');
    const o1 = await order(c, [['2099-01-10', '100.00']]);
    const o2 = await order(c, [['2099-02-10', '100.00']]);
    const entered = await ok('rep', 'POST', '/api/v1/receipts', { customerId: c, kind: 'order_payment', amount: '100.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20', allocations: [{ orderId: o2.orderId, amount: '100.00' }] });
    const r = await ok('fin', 'POST', `/api/v1/receipts/${entered.id}/confirm`, { autoAllocate: true });
    expect(r.allocations.map((a: Record<string, string>) => a.orderNumber)).toEqual([o1.number]);
    expect(await orderFigures(o2.orderId)).toMatchObject({ paid: 0n });
  });
});

describe('lists and reads', () => {
  it('filters, sorts and pages; a sales rep sees only their customers’ receipts', async () => {
    const c = await customer('LIST');
    const other = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: other, code: 'NOTREP', name: 'Not the rep’s', owner_id: user.fin!, department_id: null }).execute();
    const made: string[] = [];
    for (const [amount, date, payer, channel] of [['30.00', '2026-10-01', '张三', 'cash'], ['10.00', '2026-10-03', 'Li Si', 'alipay'], ['20.00', '2026-10-02', '张三', 'cash']] as const) {
      made.push((await ok('rep', 'POST', '/api/v1/receipts', { customerId: c, kind: 'prepayment', amount, currency: 'CNY', channel, receivedDate: date, payerName: payer, externalRef: `REF-${amount}` })).number);
    }
    const hidden = await ok('fin', 'POST', '/api/v1/receipts', { customerId: other, kind: 'prepayment', amount: '99.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-10-02' });
    const numbers = async (who: Who, query: string) => (await ok(who, 'GET', `/api/v1/receipts?customer=${c}&${query}`)).items.map((r: { number: string }) => r.number);
    expect(await numbers('fin', 'sort=receivedDate')).toEqual([made[0], made[2], made[1]]);
    expect(await numbers('fin', 'sort=-amount')).toEqual([made[0], made[2], made[1]]);
    expect(await numbers('fin', 'channel=cash&sort=amount')).toEqual([made[2], made[0]]);
    expect(await numbers('fin', 'q=%E5%BC%A0%E4%B8%89&sort=receivedDate')).toEqual([made[0], made[2]]); // 张三
    expect(await numbers('fin', 'q=REF-10')).toEqual([made[1]]);
    expect(await numbers('fin', 'receivedFrom=2026-10-02&receivedTo=2026-10-02')).toEqual([made[2]]);
    expect(await numbers('fin', 'currency=CNY&amountMin=15.00&amountMax=30.00&sort=amount')).toEqual([made[2], made[0]]);
    const noCurrency = await call('fin', 'GET', '/api/v1/receipts?amountMin=1.00', undefined, null);
    expect([noCurrency.statusCode, noCurrency.json().code]).toEqual([422, 'validation_failed']);

    // Pages of one, in both directions of the date sort.
    for (const [sort, expected] of [['receivedDate', [made[0], made[2], made[1]]], ['-receivedDate', [made[1], made[2], made[0]]]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { number: string }[]; nextCursor: string | null } = await ok('fin', 'GET', `/api/v1/receipts?customer=${c}&sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((r) => r.number));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    const badCursor = await call('fin', 'GET', '/api/v1/receipts?cursor=bm9wZQ', undefined, null);
    expect([badCursor.statusCode, badCursor.json().code]).toEqual([422, 'validation_failed']);

    const repSees = (await ok('rep', 'GET', '/api/v1/receipts?limit=200')).items.map((r: { number: string }) => r.number);
    expect(repSees).toEqual(expect.arrayContaining(made));
    expect(repSees).not.toContain(hidden.number);
    const notFound = await call('rep', 'GET', `/api/v1/receipts/${hidden.id}`, undefined, null);
    expect([notFound.statusCode, notFound.json().code]).toEqual([404, 'not_found']);
    expect((await call('rep', 'GET', `/api/v1/receipts/${hidden.id}/allocations`, undefined, null)).statusCode).toBe(404);
    expect((await call('rep', 'GET', `/api/v1/customers/${other}/advances`, undefined, null)).statusCode).toBe(404);

    const one = await ok('rep', 'GET', `/api/v1/receipts/${(await ok('rep', 'GET', `/api/v1/receipts?customer=${c}&limit=1`)).items[0].id}`);
    expect(one).toMatchObject({ number: made[1], customer: { id: c, code: 'LIST' }, status: 'pending', kind: 'prepayment', amount: '10.00', payerName: 'Li Si', channel: 'alipay', advance: '0.00' });
  });
});

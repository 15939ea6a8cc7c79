import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/app/audit.js';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { balancesOf, postingsFor, seedConfirmedReceipt } from './helpers/receipts-fixture.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/**
 * Refunds (退款) through HTTP, read like a ledger: what is asked, the postings it makes, the balances after.
 * A sales rep requests, finance approves and pays; above 5,000.00 CNY two different people must approve.
 */
let t: TestApp;
let tenantId: string;
type Who = 'rep' | 'fin1' | 'fin2' | 'auditor' | 'otherRep';
const user = {} as Record<Who, string>;
const session = {} as Record<Who, TestSession>;
const customer = {} as Record<'acme' | 'beta' | 'gamma' | 'delta' | 'other', string>;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'refunds');
  await t.db.updateTable('tenants').set({ refund_second_approval_minor: 500000n }).where('id', '=', tenantId).execute();
  for (const [who, role] of [['rep', 'sales'], ['fin1', 'finance'], ['fin2', 'finance'], ['auditor', 'auditor'], ['otherRep', 'sales']] as const) {
    user[who] = await createUser(t.db, tenantId, { login: who, role });
    session[who] = await sessionFor(t.db, tenantId, user[who]);
  }
  for (const code of ['acme', 'beta', 'gamma', 'delta'] as const) {
    customer[code] = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customer[code], code: code.toUpperCase(), name: code, owner_id: user.rep, department_id: null }).execute();
  }
  customer.other = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customer.other, code: 'OTHER', name: 'other', owner_id: user.otherRep, department_id: null }).execute();
});
afterAll(async () => t?.close());

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: object, key: string | null = newId()) {
  return t.app.inject(as(session[who], { method, url, ...(payload ? { payload } : {}), headers: key === null ? {} : { 'idempotency-key': key } }));
}

async function ok(who: Who, url: string, payload?: object, key?: string) {
  const res = await call(who, 'POST', url, payload, key);
  expect(res.statusCode, `${who} POST ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

const request = (body: object) => ok('rep', '/api/v1/refunds', body);
const refundable = async (query: string) => (await call('fin1', 'GET', `/api/v1/refunds/refundable?${query}`)).json().refundable;
const receiptFigures = async (receiptId: string) =>
  t.db.selectFrom('receipts').select(['allocated_minor', 'refund_held_minor', 'refunded_minor']).where('id', '=', receiptId).executeTakeFirstOrThrow();

describe('a partial refund of a receipt’s unapplied part', () => {
  let receiptId: string;
  let refund: { id: string; number: string };

  it('receipt 1,500.00 pays order 1,000.00: 500.00 is unapplied and refundable', async () => {
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.acme, instalments: [['2026-11-30', '1000.00']] });
    ({ receiptId } = await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.acme, amount: '1500.00', allocations: [[order.orderId, '1000.00']] }));
    expect(await refundable(`receiptId=${receiptId}`)).toBe('500.00');
    expect(await balancesOf(t.db, tenantId, customer.acme)).toEqual({ 'cash:bank_transfer': '1500.00', customer_advances: '-500.00', sales: '-1000.00' });
  });

  it('the rep requests 200.00: requested, RF number, 200.00 held, nothing posted', async () => {
    refund = await request({ customerId: customer.acme, receiptId, amount: '200.00', currency: 'CNY', reasonCode: 'overpayment', reasonText: 'paid 500 too much' });
    expect(refund).toMatchObject({
      number: expect.stringMatching(/^RF-2026-\d{6}$/), status: 'requested', amount: '200.00', currency: 'CNY', receiptId, approvalsNeeded: 1, approvals: 0,
      requestedBy: user.rep, sources: [{ receiptId, amount: '200.00' }],
    });
    expect(await receiptFigures(receiptId)).toEqual({ allocated_minor: 100000n, refund_held_minor: 20000n, refunded_minor: 0n });
    expect(await refundable(`receiptId=${receiptId}`)).toBe('300.00');
    expect(await postingsFor(t.db, tenantId, refund.id)).toEqual([]);
  });

  it('300.01 more is refused with exceeds_refundable_amount, and nothing is written', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call('rep', 'POST', '/api/v1/refunds', { customerId: customer.acme, receiptId, amount: '300.01', currency: 'CNY', reasonCode: 'overpayment' });
    expect([res.statusCode, res.json().code, res.json().errors[0].field]).toEqual([409, 'exceeds_refundable_amount', 'amount']);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });

  it('finance approves: Dr customer_advances 200.00 / Cr refunds_payable 200.00', async () => {
    const approved = await ok('fin1', `/api/v1/refunds/${refund.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: user.fin1, approvals: 1 });
    expect(await postingsFor(t.db, tenantId, refund.id)).toEqual([[['customer_advances', 'Dr', '200.00'], ['refunds_payable', 'Cr', '200.00']]]);
    expect(await balancesOf(t.db, tenantId, customer.acme)).toMatchObject({ customer_advances: '-300.00', refunds_payable: '-200.00' });
  });

  it('finance pays by Alipay: Dr refunds_payable 200.00 / Cr cash:alipay 200.00; the receipt counts it refunded', async () => {
    const paid = await ok('fin1', `/api/v1/refunds/${refund.id}/pay`, { channel: 'alipay', externalRef: 'ALI-2026-77', paidDate: '2026-11-20' });
    expect(paid).toMatchObject({ status: 'paid', paidChannel: 'alipay', paidExternalRef: 'ALI-2026-77', paidDate: '2026-11-20' });
    const postings = await postingsFor(t.db, tenantId, refund.id);
    expect(postings[1]).toEqual([['refunds_payable', 'Dr', '200.00'], ['cash:alipay', 'Cr', '200.00']]);
    const cashLine = await t.db.selectFrom('journal_lines').select(['channel']).where('tenant_id', '=', tenantId).where('entry_id', '=', paid.payEntryId).where('amount_minor', '<', 0n).executeTakeFirstOrThrow();
    expect(cashLine.channel).toBe('alipay');
    expect(await receiptFigures(receiptId)).toEqual({ allocated_minor: 100000n, refund_held_minor: 20000n, refunded_minor: 20000n });
    //  account              balance after (Dr +)
    expect(await balancesOf(t.db, tenantId, customer.acme)).toEqual({
      'cash:bank_transfer': '1500.00',
      'cash:alipay': '-200.00',
      customer_advances: '-300.00',
      sales: '-1000.00',
    });
    expect(await refundable(`receiptId=${receiptId}`)).toBe('300.00');
  });

  it('a paid refund takes no further step: approve, pay, reject and cancel are invalid_state', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    for (const [who, stepName, body] of [['fin2', 'approve', undefined], ['fin1', 'pay', { channel: 'cash', paidDate: '2026-11-21' }], ['fin2', 'reject', { reason: 'late' }], ['fin1', 'cancel', { reason: 'late' }]] as const) {
      const res = await call(who, 'POST', `/api/v1/refunds/${refund.id}/${stepName}`, body);
      expect([stepName, res.statusCode, res.json().code]).toEqual([stepName, 409, 'invalid_state']);
    }
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

describe('a refund from the advance balance draws on two receipts, oldest first', () => {
  let first: string;
  let second: string;

  it('two prepayments, 300.00 (1 Nov) and 400.00 (5 Nov): the advance is 700.00', async () => {
    first = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.beta, amount: '400.00', receivedDate: '2026-11-05' })).receiptId;
    second = first;
    first = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.beta, amount: '300.00', receivedDate: '2026-11-01' })).receiptId;
    const view = (await call('fin1', 'GET', `/api/v1/refunds/refundable?customerId=${customer.beta}&currency=CNY`)).json();
    expect(view).toMatchObject({ refundable: '700.00', receiptId: null });
    expect(view.receipts.map((r: { receiptId: string; refundable: string }) => [r.receiptId, r.refundable])).toEqual([[first, '300.00'], [second, '400.00']]);
  });

  it('500.00 from the advance holds 300.00 on the older receipt and 200.00 on the newer', async () => {
    const refund = await request({ customerId: customer.beta, amount: '500.00', currency: 'CNY', reasonCode: 'order_cancelled', reasonText: 'contract withdrawn' });
    expect(refund).toMatchObject({ receiptId: null, amount: '500.00', status: 'requested' });
    expect(refund.sources.map((s: { receiptId: string; amount: string }) => [s.receiptId, s.amount])).toEqual([[first, '300.00'], [second, '200.00']]);
    expect(await refundable(`customerId=${customer.beta}&currency=CNY`)).toBe('200.00');
    expect((await receiptFigures(first)).refund_held_minor).toBe(30000n);
    expect((await receiptFigures(second)).refund_held_minor).toBe(20000n);

    await ok('fin2', `/api/v1/refunds/${refund.id}/approve`);
    await ok('fin2', `/api/v1/refunds/${refund.id}/pay`, { channel: 'bank_transfer', paidDate: '2026-11-22' });
    expect(await postingsFor(t.db, tenantId, refund.id)).toEqual([
      [['customer_advances', 'Dr', '500.00'], ['refunds_payable', 'Cr', '500.00']],
      [['refunds_payable', 'Dr', '500.00'], ['cash:bank_transfer', 'Cr', '500.00']],
    ]);
    expect(await balancesOf(t.db, tenantId, customer.beta)).toEqual({ 'cash:bank_transfer': '200.00', customer_advances: '-200.00' });
    expect((await receiptFigures(first)).refunded_minor).toBe(30000n);
    expect((await receiptFigures(second)).refunded_minor).toBe(20000n);
  });

  it('200.01 more is beyond the advance balance: exceeds_advance_balance, nothing written', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call('rep', 'POST', '/api/v1/refunds', { customerId: customer.beta, amount: '200.01', currency: 'CNY', reasonCode: 'goodwill' });
    expect([res.statusCode, res.json().code]).toEqual([409, 'exceeds_advance_balance']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

describe('above the threshold (5,000.00 CNY) two different approvers', () => {
  let receiptId: string;
  let refund: { id: string };

  it('6,000.00 needs two approvals; the first posts nothing', async () => {
    ({ receiptId } = await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.gamma, amount: '10000.00' }));
    refund = await request({ customerId: customer.gamma, receiptId, amount: '6000.00', currency: 'CNY', reasonCode: 'duplicate_payment', reasonText: 'paid twice' });
    expect(refund).toMatchObject({ approvalsNeeded: 2, approvals: 0 });
    const once = await ok('fin1', `/api/v1/refunds/${refund.id}/approve`);
    expect(once).toMatchObject({ status: 'requested', approvals: 1, firstApprovedBy: user.fin1, approvedBy: null });
    expect(await postingsFor(t.db, tenantId, refund.id)).toEqual([]);
  });

  it('the same approver twice, the requester, and a rep without the permission are refused; nothing written', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    //  who         status  code
    const table: [Who, number, string][] = [
      ['fin1', 403, 'self_approval_forbidden'],
      ['rep', 403, 'forbidden'],
      ['auditor', 403, 'forbidden'],
    ];
    for (const [who, status, code] of table) {
      const res = await call(who, 'POST', `/api/v1/refunds/${refund.id}/approve`);
      expect([who, res.statusCode, res.json().code]).toEqual([who, status, code]);
    }
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });

  it('the second, different approver approves: Dr customer_advances / Cr refunds_payable 6,000.00', async () => {
    const approved = await ok('fin2', `/api/v1/refunds/${refund.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', approvals: 2, firstApprovedBy: user.fin1, approvedBy: user.fin2 });
    expect(await postingsFor(t.db, tenantId, refund.id)).toEqual([[['customer_advances', 'Dr', '6000.00'], ['refunds_payable', 'Cr', '6000.00']]]);
  });

  it('a requester who holds refunds.approve still cannot approve their own request', async () => {
    const own = await ok('fin1', '/api/v1/refunds', { customerId: customer.gamma, receiptId, amount: '10.00', currency: 'CNY', reasonCode: 'goodwill' });
    expect(own.approvalsNeeded).toBe(1);
    const res = await call('fin1', 'POST', `/api/v1/refunds/${own.id}/approve`);
    expect([res.statusCode, res.json().code]).toEqual([403, 'self_approval_forbidden']);
    const rejectOwn = await call('fin1', 'POST', `/api/v1/refunds/${own.id}/reject`, { reason: 'mine' });
    expect([rejectOwn.statusCode, rejectOwn.json().code]).toEqual([403, 'self_approval_forbidden']);
    expect((await ok('fin2', `/api/v1/refunds/${own.id}/approve`)).status).toBe('approved');
  });

  it('lists what awaits my approval', async () => {
    const big = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.gamma, amount: '6000.00' })).receiptId;
    const pending = await request({ customerId: customer.gamma, receiptId: big, amount: '5000.01', currency: 'CNY', reasonCode: 'overpayment' });
    await ok('fin1', `/api/v1/refunds/${pending.id}/approve`);
    const awaiting = async (who: Who) => (await call(who, 'GET', '/api/v1/refunds?awaitingMyApproval=true')).json().items.map((r: { id: string }) => r.id);
    expect(await awaiting('fin1')).toEqual([]); // gave the first approval already
    expect(await awaiting('fin2')).toEqual([pending.id]);
    expect(await awaiting('rep')).toEqual([]); // may not approve at all
  });
});

describe('reject and cancel release the holds', () => {
  let receiptId: string;

  it('a rejected request releases its hold; nothing was posted', async () => {
    ({ receiptId } = await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.delta, amount: '800.00' }));
    const refund = await request({ customerId: customer.delta, receiptId, amount: '800.00', currency: 'CNY', reasonCode: 'overpayment' });
    expect(await refundable(`receiptId=${receiptId}`)).toBe('0.00');
    const blank = await call('fin1', 'POST', `/api/v1/refunds/${refund.id}/reject`, { reason: '  ' });
    expect([blank.statusCode, blank.json().code]).toEqual([422, 'reason_required']);
    const rejected = await ok('fin1', `/api/v1/refunds/${refund.id}/reject`, { reason: 'customer keeps it as credit' });
    expect(rejected).toMatchObject({ status: 'rejected', closedBy: user.fin1, closeReason: 'customer keeps it as credit' });
    expect(await refundable(`receiptId=${receiptId}`)).toBe('800.00');
    expect(await postingsFor(t.db, tenantId, refund.id)).toEqual([]);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'reason']).where('tenant_id', '=', tenantId).where('entity_id', '=', refund.id).orderBy('seq').execute();
    expect(audit).toEqual([{ action: 'refund.requested', reason: null }, { action: 'refund.rejected', reason: 'customer keeps it as credit' }]);
  });

  it('the requester cancels their own request; another rep cannot (404: not their customer)', async () => {
    const refund = await request({ customerId: customer.delta, receiptId, amount: '100.00', currency: 'CNY', reasonCode: 'goodwill' });
    const stranger = await call('otherRep', 'POST', `/api/v1/refunds/${refund.id}/cancel`, { reason: 'no' });
    expect([stranger.statusCode, stranger.json().code]).toEqual([404, 'not_found']);
    expect((await ok('rep', `/api/v1/refunds/${refund.id}/cancel`, { reason: 'asked by mistake' })).status).toBe('cancelled');
    expect(await refundable(`receiptId=${receiptId}`)).toBe('800.00');
  });

  it('cancelling an approved refund reverses its approval entry and releases the hold', async () => {
    const refund = await request({ customerId: customer.delta, receiptId, amount: '250.00', currency: 'CNY', reasonCode: 'overpayment' });
    const approved = await ok('fin1', `/api/v1/refunds/${refund.id}/approve`);
    const byRep = await call('rep', 'POST', `/api/v1/refunds/${refund.id}/cancel`, { reason: 'changed my mind' });
    expect([byRep.statusCode, byRep.json().code]).toEqual([403, 'forbidden']); // approved: an approver's decision now
    const cancelled = await ok('fin2', `/api/v1/refunds/${refund.id}/cancel`, { reason: 'customer asked to keep the credit' });
    expect(cancelled.status).toBe('cancelled');
    expect(await postingsFor(t.db, tenantId, refund.id)).toEqual([
      [['customer_advances', 'Dr', '250.00'], ['refunds_payable', 'Cr', '250.00']],
      [['customer_advances', 'Cr', '250.00'], ['refunds_payable', 'Dr', '250.00']],
    ]);
    const reversal = await t.db.selectFrom('journal_entries').select('reverses_entry_id').where('tenant_id', '=', tenantId).where('source_id', '=', refund.id).where('reverses_entry_id', 'is not', null).executeTakeFirstOrThrow();
    expect(reversal.reverses_entry_id).toBe(approved.approveEntryId);
    expect(await refundable(`receiptId=${receiptId}`)).toBe('800.00');
    expect(await balancesOf(t.db, tenantId, customer.delta)).toEqual({ 'cash:bank_transfer': '800.00', customer_advances: '-800.00' });
  });

  it('illegal steps are invalid_state: pay before approval, approve after rejection', async () => {
    const refund = await request({ customerId: customer.delta, receiptId, amount: '1.00', currency: 'CNY', reasonCode: 'goodwill' });
    const before = await tenantSnapshot(t.db, tenantId);
    const pay = await call('fin1', 'POST', `/api/v1/refunds/${refund.id}/pay`, { channel: 'cash', paidDate: '2026-11-21' });
    expect([pay.statusCode, pay.json().code]).toEqual([409, 'invalid_state']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
    await ok('fin1', `/api/v1/refunds/${refund.id}/reject`, { reason: 'no' });
    const again = await call('fin2', 'POST', `/api/v1/refunds/${refund.id}/approve`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'invalid_state']);
  });
});

describe('idempotency', () => {
  it('the same key gives the first answer again; the same key for another request is a conflict', async () => {
    const { receiptId } = await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.delta, amount: '5.00' });
    const body = { customerId: customer.delta, receiptId, amount: '5.00', currency: 'CNY', reasonCode: 'goodwill' };
    const first = await call('rep', 'POST', '/api/v1/refunds', body, 'rf-key-1');
    expect(first.statusCode).toBe(201);
    const before = await tenantSnapshot(t.db, tenantId);
    // The receipt has nothing left now, yet the retry is answered from the first request, not refused.
    const again = await call('rep', 'POST', '/api/v1/refunds', body, 'rf-key-1');
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json()]).toEqual([201, 'true', first.json()]);
    const other = await call('rep', 'POST', '/api/v1/refunds', { ...body, amount: '4.00' }, 'rf-key-1');
    expect([other.statusCode, other.json().code]).toEqual([409, 'idempotency_key_reused']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
    const approve = await call('fin1', 'POST', `/api/v1/refunds/${first.json().id}/approve`, undefined, 'rf-key-2');
    const approveAgain = await call('fin1', 'POST', `/api/v1/refunds/${first.json().id}/approve`, undefined, 'rf-key-2');
    expect([approveAgain.statusCode, approveAgain.headers['idempotent-replayed'], approveAgain.json()]).toEqual([200, 'true', approve.json()]);
    expect((await postingsFor(t.db, tenantId, first.json().id)).length).toBe(1);
  });
});

describe('bad input is refused with problem+json and nothing is written', () => {
  let receiptId: string;
  let pendingReceipt: string;
  let usdReceipt: string;
  beforeAll(async () => {
    ({ receiptId } = await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.acme, amount: '50.00' }));
    pendingReceipt = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.acme, amount: '50.00', status: 'pending' })).receiptId;
    await t.db.insertInto('fx_rates').values({ tenant_id: tenantId, currency: 'USD', rate_date: '2026-11-01', rate: '7.1', created_by: null }).execute();
    usdReceipt = (await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.acme, amount: '50.00', currency: 'USD' })).receiptId;
  });

  const base = () => ({ customerId: customer.acme, receiptId, amount: '10.00', currency: 'CNY', reasonCode: 'goodwill' });
  //  what is wrong                  change to the body                                       status  code                          field
  const table: [string, () => object, number, string, string | null][] = [
    ['an amount as a JSON number',    () => ({ amount: 10 }),                                  422, 'invalid_amount',             'amount'],
    ['three decimals in CNY',         () => ({ amount: '1.001' }),                             422, 'too_many_decimals',          'amount'],
    ['a negative amount',             () => ({ amount: '-1.00' }),                             422, 'amount_not_positive',        'amount'],
    ['a zero amount',                 () => ({ amount: '0.00' }),                              422, 'amount_not_positive',        'amount'],
    ['an unknown field',              () => ({ note: 'x' }),                                   422, 'validation_failed',          null],
    ['an unknown reason code',        () => ({ reasonCode: 'whim' }),                          422, 'validation_failed',          null],
    ['"other" without a text',        () => ({ reasonCode: 'other', reasonText: ' ' }),        422, 'reason_required',            'reasonText'],
    ['an unknown currency',           () => ({ currency: 'XYZ' }),                             422, 'unknown_currency',           'currency'],
    ['another currency than the receipt', () => ({ currency: 'USD' }),                         422, 'currency_mismatch',          'currency'],
    ['a receipt nobody has',          () => ({ receiptId: newId() }),                          404, 'not_found',                  'receiptId'],
    ['a pending receipt',             () => ({ receiptId: pendingReceipt }),                   409, 'invalid_state',              'receiptId'],
    ['another customer’s receipt',    () => ({ customerId: customer.beta }),                   422, 'validation_failed',          'receiptId'],
    ['a customer id that is no uuid', () => ({ customerId: 'acme' }),                          422, 'validation_failed',          null],
    ['another rep’s customer',        () => ({ customerId: customer.other, receiptId: undefined }), 404, 'not_found',             'customerId'],
  ];
  it.each(table)('%s', async (_what, change, status, code, field) => {
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call('rep', 'POST', '/api/v1/refunds', { ...base(), ...change() });
    expect([res.statusCode, res.json().code], res.body).toEqual([status, code]);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });

  it('a USD refund converts at the recorded rate (7.1): 50.00 USD is 355.00 CNY, one approval', async () => {
    const refund = await request({ customerId: customer.acme, receiptId: usdReceipt, amount: '50.00', currency: 'USD', reasonCode: 'overpayment' });
    expect(refund).toMatchObject({ currency: 'USD', approvalsNeeded: 1 });
  });

  it('no Idempotency-Key → 428; an impossible paid date → 422; nothing written', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call('rep', 'POST', '/api/v1/refunds', base(), null);
    expect([res.statusCode, res.json().code]).toEqual([428, 'idempotency_key_required']);
    const refund = (await t.db.selectFrom('refunds').select('id').where('tenant_id', '=', tenantId).where('status', '=', 'approved').executeTakeFirstOrThrow()).id;
    const pay = await call('fin1', 'POST', `/api/v1/refunds/${refund}/pay`, { channel: 'cash', paidDate: '2026-02-30' });
    expect([pay.statusCode, pay.json().code]).toEqual([422, 'validation_failed']);
    const channel = await call('fin1', 'POST', `/api/v1/refunds/${refund}/pay`, { channel: 'barter', paidDate: '2026-11-21' });
    expect([channel.statusCode, channel.json().code]).toEqual([422, 'validation_failed']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

describe('reading', () => {
  it('filters by status, reason, customer, channel and amount range; pages by cursor', async () => {
    const items = async (query: string) => (await call('fin1', 'GET', `/api/v1/refunds?${query}`)).json().items as { number: string; status: string; amount: string; customerId: string }[];
    expect((await items('status=paid')).map((r) => r.amount).sort()).toEqual(['200.00', '500.00']);
    expect((await items('channel=alipay')).map((r) => r.amount)).toEqual(['200.00']);
    expect((await items(`customer=${customer.beta}`)).map((r) => r.amount)).toEqual(['500.00']);
    expect((await items('reasonCode=duplicate_payment')).map((r) => r.amount)).toEqual(['6000.00']);
    expect((await items('currency=CNY&minAmount=500&maxAmount=6000')).map((r) => r.amount)).toEqual(['800.00', '5000.01', '6000.00', '500.00']);
    const noCurrency = await call('fin1', 'GET', '/api/v1/refunds?minAmount=1');
    expect([noCurrency.statusCode, noCurrency.json().errors[0].field]).toEqual([422, 'currency']);
    const all = (await items('limit=200')).map((r) => r.number);
    expect(all).toEqual([...all].sort().reverse()); // newest first
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { number: string }[]; nextCursor: string | null } = (await call('fin1', 'GET', `/api/v1/refunds?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items.map((r) => r.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const bad = await call('fin1', 'GET', '/api/v1/refunds?cursor=bm9wZQ');
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'validation_failed']);
  });

  it('a rep sees only their customers’ refunds; another rep gets 404 for them', async () => {
    const mine = (await call('rep', 'GET', '/api/v1/refunds?limit=200')).json().items;
    expect(mine.length).toBeGreaterThan(5);
    expect((await call('otherRep', 'GET', '/api/v1/refunds')).json().items).toEqual([]);
    const one = await call('otherRep', 'GET', `/api/v1/refunds/${mine[0].id}`);
    expect([one.statusCode, one.json().code]).toEqual([404, 'not_found']);
  });
});

describe('another tenant', () => {
  it('sees none of these refunds, receipts or customers: 404, and nothing is written', async () => {
    const other = await newTenant(t.db, 'refunds-other');
    const admin = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'admin', role: 'admin' }));
    const refund = (await t.db.selectFrom('refunds').select(['id', 'receipt_id']).where('tenant_id', '=', tenantId).where('status', '=', 'requested').executeTakeFirstOrThrow());
    const before = await tenantSnapshot(t.db, tenantId);
    const calls: [string, string, object | undefined][] = [
      ['GET', `/api/v1/refunds/${refund.id}`, undefined],
      ['GET', `/api/v1/refunds/refundable?receiptId=${refund.receipt_id}`, undefined],
      ['GET', `/api/v1/refunds/refundable?customerId=${customer.acme}&currency=CNY`, undefined],
      ['POST', `/api/v1/refunds/${refund.id}/approve`, undefined],
      ['POST', `/api/v1/refunds/${refund.id}/reject`, { reason: 'x' }],
      ['POST', `/api/v1/refunds/${refund.id}/cancel`, { reason: 'x' }],
      ['POST', `/api/v1/refunds/${refund.id}/pay`, { channel: 'cash', paidDate: '2026-11-21' }],
      ['POST', '/api/v1/refunds', { customerId: customer.acme, receiptId: refund.receipt_id, amount: '1.00', currency: 'CNY', reasonCode: 'goodwill' }],
    ];
    for (const [method, url, payload] of calls) {
      const res = await t.app.inject(as(admin, { method: method as 'GET' | 'POST', url, ...(payload ? { payload } : {}), headers: { 'idempotency-key': newId() } }));
      expect([url, res.statusCode, res.json().code]).toEqual([url, 404, 'not_found']);
    }
    expect((await t.app.inject(as(admin, { method: 'GET', url: '/api/v1/refunds' }))).json().items).toEqual([]);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

describe('the books after all of it', () => {
  it('verify is clean, the trial balance is zero, the audit chain holds', async () => {
    const report = await verifyLedger(t.db, { tenantId });
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
    expect(await verifyAuditChain(t.db, tenantId)).toEqual([]);
    // Every receipt's holds equal what its open and paid refunds draw on it.
    const mismatched = await sql<{ number: string }>`
      select r.number from receipts r
       where r.tenant_id = ${tenantId}
         and r.refund_held_minor <> (select coalesce(sum(s.amount_minor), 0) from refund_sources s join refunds f on f.tenant_id = s.tenant_id and f.id = s.refund_id
                                      where s.tenant_id = r.tenant_id and s.receipt_id = r.id and f.status in ('requested', 'approved', 'paid'))`.execute(t.db);
    expect(mismatched.rows).toEqual([]);
  });
});

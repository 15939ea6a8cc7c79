import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/app/audit.js';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { balancesOf, postingsFor, seedConfirmedReceipt } from './helpers/receipts-fixture.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/**
 * Credit notes (order cancelled or reduced) and write-offs (核销) through HTTP, read like a ledger. A sales
 * rep may request credit notes; finance requests write-offs and approves both, never its own request.
 * The tenant's write-off limit is the default 100.00 CNY.
 */
let t: TestApp;
let tenantId: string;
type Who = 'rep' | 'fin1' | 'fin2' | 'auditor' | 'otherRep';
const user = {} as Record<Who, string>;
const session = {} as Record<Who, TestSession>;
let customerId: string;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'adjustments');
  for (const [who, role] of [['rep', 'sales'], ['fin1', 'finance'], ['fin2', 'finance'], ['auditor', 'auditor'], ['otherRep', 'sales']] as const) {
    user[who] = await createUser(t.db, tenantId, { login: who, role });
    session[who] = await sessionFor(t.db, tenantId, user[who]);
  }
  customerId = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customerId, code: 'ACME', name: 'Acme', owner_id: user.rep, department_id: null }).execute();
});
afterAll(async () => t?.close());

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: object, key: string | null = newId()) {
  return t.app.inject(as(session[who], { method, url, ...(payload ? { payload } : {}), headers: key === null ? {} : { 'idempotency-key': key } }));
}

async function ok(who: Who, url: string, payload?: object) {
  const res = await call(who, 'POST', url, payload);
  expect(res.statusCode, `${who} POST ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

const orderFigures = (orderId: string) =>
  t.db.selectFrom('orders').select(['status', 'total_minor', 'paid_minor', 'credited_minor', 'written_off_minor']).where('id', '=', orderId).executeTakeFirstOrThrow();
const plan = async (orderId: string) =>
  (await t.db.selectFrom('instalments').select(['due_date', 'amount_minor', 'settled_minor', 'voided_at']).where('order_id', '=', orderId).orderBy('seq').execute())
    .map((i) => [i.due_date, i.amount_minor, i.settled_minor, i.voided_at === null ? 'open' : 'void']);

describe('a credit note reduces a plan’s last instalments', () => {
  let orderId: string;
  let note: { id: string; number: string };

  it('order 1,000.00 in three instalments, the first paid: the rep requests a 500.00 credit note', async () => {
    ({ orderId } = await seedConfirmedOrder(t.db, tenantId, { customerId, instalments: [['2026-12-01', '300.00'], ['2027-01-01', '300.00'], ['2027-02-01', '400.00']] }));
    await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '300.00', allocations: [[orderId, '300.00']] });
    note = await ok('rep', '/api/v1/adjustments', { kind: 'credit_note', orderId, amount: '500.00', reasonCode: 'order_reduced', reasonText: 'two licences fewer' });
    expect(note).toMatchObject({ number: expect.stringMatching(/^CN-2026-\d{6}$/), kind: 'credit_note', status: 'requested', amount: '500.00', currency: 'CNY', orderStatus: 'confirmed', requestedBy: user.rep });
    expect(await postingsFor(t.db, tenantId, note.id)).toEqual([]);
  });

  it('the rep cannot approve it (no receivables.write_off); finance approves: Dr sales_returns / Cr accounts_receivable 500.00', async () => {
    const byRep = await call('rep', 'POST', `/api/v1/adjustments/${note.id}/approve`);
    expect([byRep.statusCode, byRep.json().code]).toEqual([403, 'forbidden']);
    const approved = await ok('fin1', `/api/v1/adjustments/${note.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: user.fin1, orderStatus: 'confirmed' });
    expect(await postingsFor(t.db, tenantId, note.id)).toEqual([[['sales_returns', 'Dr', '500.00'], ['accounts_receivable', 'Cr', '500.00']]]);
    //  due date      amount   settled  state — the last instalment goes, the second shrinks
    expect(await plan(orderId)).toEqual([
      ['2026-12-01', 30000n, 30000n, 'open'],
      ['2027-01-01', 20000n, 0n, 'open'],
      ['2027-02-01', 40000n, 0n, 'void'],
    ]);
    expect(await orderFigures(orderId)).toEqual({ status: 'confirmed', total_minor: 100000n, paid_minor: 30000n, credited_minor: 50000n, written_off_minor: 0n });
    expect(await balancesOf(t.db, tenantId, customerId)).toEqual({ accounts_receivable: '200.00', 'cash:bank_transfer': '300.00', sales: '-1000.00', sales_returns: '500.00' });
  });

  it('a further credit note beyond the 200.00 still owed is refused; nothing written', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call('rep', 'POST', '/api/v1/adjustments', { kind: 'credit_note', orderId, amount: '200.01', reasonCode: 'price_adjustment' });
    expect([res.statusCode, res.json().code, res.json().errors[0].field]).toEqual([409, 'exceeds_outstanding', 'amount']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

describe('a write-off of a small difference completes an order', () => {
  let orderId: string;
  let writeOff: { id: string };

  it('order 1,000.00 paid 999.50: finance requests a 0.50 write-off, and may not approve it itself', async () => {
    ({ orderId } = await seedConfirmedOrder(t.db, tenantId, { customerId, instalments: [['2026-11-20', '1000.00']] }));
    await seedConfirmedReceipt(t.db, tenantId, { customerId, amount: '999.50', allocations: [[orderId, '999.50']] });
    writeOff = await ok('fin1', '/api/v1/adjustments', { kind: 'write_off', orderId, amount: '0.50', reasonCode: 'small_difference', reasonText: 'bank charge' });
    expect(writeOff).toMatchObject({ number: expect.stringMatching(/^WO-2026-\d{6}$/), status: 'requested' });
    const before = await tenantSnapshot(t.db, tenantId);
    const self = await call('fin1', 'POST', `/api/v1/adjustments/${writeOff.id}/approve`);
    expect([self.statusCode, self.json().code]).toEqual([403, 'self_approval_forbidden']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });

  it('another approver: Dr bad_debt / Cr accounts_receivable 0.50; the order is completed', async () => {
    const approved = await ok('fin2', `/api/v1/adjustments/${writeOff.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', orderStatus: 'completed' });
    expect(await postingsFor(t.db, tenantId, writeOff.id)).toEqual([[['bad_debt', 'Dr', '0.50'], ['accounts_receivable', 'Cr', '0.50']]]);
    expect(await plan(orderId)).toEqual([['2026-11-20', 100000n, 100000n, 'open']]);
    expect(await orderFigures(orderId)).toEqual({ status: 'completed', total_minor: 100000n, paid_minor: 99950n, credited_minor: 0n, written_off_minor: 50n });
    expect(await balancesOf(t.db, tenantId, customerId)).toMatchObject({ accounts_receivable: '200.00', bad_debt: '0.50' }); // 200.00 from the credit-note order
  });
});

describe('the write-off limit (100.00 CNY)', () => {
  it('100.01 is refused with write_off_limit_exceeded and nothing is written; 100.00 is accepted', async () => {
    const { orderId } = await seedConfirmedOrder(t.db, tenantId, { customerId, instalments: [['2026-11-25', '200.00']] });
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call('fin1', 'POST', '/api/v1/adjustments', { kind: 'write_off', orderId, amount: '100.01', reasonCode: 'bad_debt' });
    expect([res.statusCode, res.json().code, res.json().errors[0].field]).toEqual([422, 'write_off_limit_exceeded', 'amount']);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
    expect((await ok('fin1', '/api/v1/adjustments', { kind: 'write_off', orderId, amount: '100.00', reasonCode: 'bad_debt' })).status).toBe('requested');
  });

  it('a limit lowered after the request is applied again at approval', async () => {
    const { orderId } = await seedConfirmedOrder(t.db, tenantId, { customerId, instalments: [['2026-11-25', '50.00']] });
    const request = await ok('fin1', '/api/v1/adjustments', { kind: 'write_off', orderId, amount: '50.00', reasonCode: 'bad_debt' });
    await t.db.updateTable('tenants').set({ write_off_max_minor: 1000n }).where('id', '=', tenantId).execute();
    const res = await call('fin2', 'POST', `/api/v1/adjustments/${request.id}/approve`);
    expect([res.statusCode, res.json().code]).toEqual([422, 'write_off_limit_exceeded']);
    await t.db.updateTable('tenants').set({ write_off_max_minor: 10000n }).where('id', '=', tenantId).execute();
    expect((await ok('fin2', `/api/v1/adjustments/${request.id}/approve`)).orderStatus).toBe('completed');
  });
});

describe('a credit note of everything an unpaid order owes cancels it', () => {
  it('order 800.00 in two instalments, nothing paid: credit note 800.00 → cancelled, plan void, receivable gone', async () => {
    const { orderId } = await seedConfirmedOrder(t.db, tenantId, { customerId, instalments: [['2026-12-10', '500.00'], ['2027-01-10', '300.00']] });
    const note = await ok('rep', '/api/v1/adjustments', { kind: 'credit_note', orderId, amount: '800.00', reasonCode: 'order_cancelled', reasonText: 'customer withdrew' });
    const approved = await ok('fin2', `/api/v1/adjustments/${note.id}/approve`);
    expect(approved).toMatchObject({ status: 'approved', orderStatus: 'cancelled' });
    expect(await postingsFor(t.db, tenantId, note.id)).toEqual([[['sales_returns', 'Dr', '800.00'], ['accounts_receivable', 'Cr', '800.00']]]);
    expect((await plan(orderId)).map((i) => i[3])).toEqual(['void', 'void']);
    expect(await orderFigures(orderId)).toMatchObject({ status: 'cancelled', credited_minor: 80000n });
    // A cancelled order takes nothing more.
    const more = await call('rep', 'POST', '/api/v1/adjustments', { kind: 'credit_note', orderId, amount: '1.00', reasonCode: 'other', reasonText: 'again' });
    expect([more.statusCode, more.json().code]).toEqual([409, 'invalid_state']);
  });
});

describe('maker-checker and illegal steps', () => {
  let orderId: string;
  beforeAll(async () => {
    ({ orderId } = await seedConfirmedOrder(t.db, tenantId, { customerId, instalments: [['2026-12-15', '100.00']] }));
  });

  it('two credit notes of 60.00 on 100.00: the second approval finds too little owed, and writes nothing', async () => {
    const first = await ok('rep', '/api/v1/adjustments', { kind: 'credit_note', orderId, amount: '60.00', reasonCode: 'price_adjustment' });
    const second = await ok('rep', '/api/v1/adjustments', { kind: 'credit_note', orderId, amount: '60.00', reasonCode: 'price_adjustment' });
    await ok('fin1', `/api/v1/adjustments/${first.id}/approve`);
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call('fin1', 'POST', `/api/v1/adjustments/${second.id}/approve`);
    expect([res.statusCode, res.json().code]).toEqual([409, 'exceeds_outstanding']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
    const twice = await call('fin2', 'POST', `/api/v1/adjustments/${first.id}/approve`);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'invalid_state']);
    expect((await ok('fin2', `/api/v1/adjustments/${second.id}/reject`, { reason: 'duplicate of the first' })).status).toBe('rejected');
  });

  it('reject needs another person and a reason; cancel is for the requester or an approver', async () => {
    const note = await ok('fin1', '/api/v1/adjustments', { kind: 'credit_note', orderId, amount: '10.00', reasonCode: 'price_adjustment' });
    const before = await tenantSnapshot(t.db, tenantId);
    //  who          step       body                     status  code
    const table: [Who, string, object, number, string][] = [
      ['fin1',     'reject', { reason: 'mine' },       403, 'self_approval_forbidden'],
      ['fin2',     'reject', { reason: ' ' },          422, 'reason_required'],
      ['rep',      'cancel', { reason: 'not mine' },   403, 'forbidden'],
      ['otherRep', 'cancel', { reason: 'not mine' },   404, 'not_found'],
      ['auditor',  'cancel', { reason: 'x' },          403, 'forbidden'],
    ];
    for (const [who, stepName, body, status, code] of table) {
      const res = await call(who, 'POST', `/api/v1/adjustments/${note.id}/${stepName}`, body);
      expect([who, stepName, res.statusCode, res.json().code]).toEqual([who, stepName, status, code]);
    }
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
    const cancelled = await ok('fin1', `/api/v1/adjustments/${note.id}/cancel`, { reason: 'asked by mistake' });
    expect(cancelled).toMatchObject({ status: 'cancelled', closedBy: user.fin1, closeReason: 'asked by mistake' });
    const approve = await call('fin2', 'POST', `/api/v1/adjustments/${note.id}/approve`);
    expect([approve.statusCode, approve.json().code]).toEqual([409, 'invalid_state']);
  });
});

describe('bad input is refused with problem+json and nothing is written', () => {
  let orderId: string;
  beforeAll(async () => {
    ({ orderId } = await seedConfirmedOrder(t.db, tenantId, { customerId, instalments: [['2026-12-20', '70.00']] }));
  });
  const base = () => ({ kind: 'write_off', orderId, amount: '1.00', reasonCode: 'small_difference' });
  //  what is wrong                          who     change                                          status  code
  const table: [string, Who, () => object, number, string][] = [
    ['a write-off with a credit-note reason', 'fin1', () => ({ reasonCode: 'order_reduced' }),      422, 'validation_failed'],
    ['a rep asking for a write-off',          'rep',  () => ({}),                                   403, 'forbidden'],
    ['an auditor asking for a credit note',   'auditor', () => ({ kind: 'credit_note', reasonCode: 'other', reasonText: 'x' }), 403, 'forbidden'],
    ['more than the order owes',              'fin1', () => ({ kind: 'credit_note', reasonCode: 'order_reduced', amount: '70.01' }), 409, 'exceeds_outstanding'],
    ['three decimals',                        'fin1', () => ({ amount: '0.001' }),                  422, 'too_many_decimals'],
    ['a JSON number',                         'fin1', () => ({ amount: 1 }),                        422, 'invalid_amount'],
    ['a negative amount',                     'fin1', () => ({ amount: '-1.00' }),                  422, 'amount_not_positive'],
    ['an unknown field',                      'fin1', () => ({ currency: 'CNY' }),                  422, 'validation_failed'],
    ['an unknown kind',                       'fin1', () => ({ kind: 'discount' }),                 422, 'validation_failed'],
    ['"other" without a text',                'fin1', () => ({ reasonCode: 'other' }),              422, 'reason_required'],
    ['an order nobody has',                   'fin1', () => ({ orderId: newId() }),                 404, 'not_found'],
    ['another rep’s order',                   'otherRep', () => ({ kind: 'credit_note', reasonCode: 'order_reduced' }), 404, 'not_found'],
  ];
  it.each(table)('%s', async (_what, who, change, status, code) => {
    const before = await tenantSnapshot(t.db, tenantId);
    const res = await call(who, 'POST', '/api/v1/adjustments', { ...base(), ...change() });
    expect([res.statusCode, res.json().code], res.body).toEqual([status, code]);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });

  it('no Idempotency-Key → 428; the same key replays the first answer', async () => {
    const missing = await call('fin1', 'POST', '/api/v1/adjustments', base(), null);
    expect([missing.statusCode, missing.json().code]).toEqual([428, 'idempotency_key_required']);
    const first = await call('fin1', 'POST', '/api/v1/adjustments', base(), 'adj-key');
    const again = await call('fin1', 'POST', '/api/v1/adjustments', base(), 'adj-key');
    expect([again.statusCode, again.headers['idempotent-replayed'], again.json()]).toEqual([201, 'true', first.json()]);
  });
});

describe('reading', () => {
  it('filters by kind, status and order; pages by cursor; a rep sees their customers’ only', async () => {
    const items = async (who: Who, query: string) => (await call(who, 'GET', `/api/v1/adjustments?${query}`)).json().items as { number: string; kind: string; status: string }[];
    const all = await items('fin1', 'limit=200');
    expect(all.length).toBeGreaterThanOrEqual(9);
    expect((await items('fin1', 'kind=write_off')).every((a) => a.kind === 'write_off')).toBe(true);
    expect((await items('fin1', 'status=rejected')).map((a) => a.status)).toEqual(['rejected']);
    expect((await items('fin1', 'sort=oldest&limit=200')).map((a) => a.number)).toEqual(all.map((a) => a.number).reverse());
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { number: string }[]; nextCursor: string | null } = (await call('fin1', 'GET', `/api/v1/adjustments?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json();
      paged.push(...page.items.map((a) => a.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.map((a) => a.number));
    expect((await items('rep', 'limit=200')).length).toBe(all.length);
    expect(await items('otherRep', '')).toEqual([]);
  });
});

describe('another tenant', () => {
  it('gets 404 for these adjustments and orders, and changes nothing', async () => {
    const other = await newTenant(t.db, 'adjustments-other');
    const admin = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'admin', role: 'admin' }));
    const open = await t.db.selectFrom('adjustments').select(['id', 'order_id']).where('tenant_id', '=', tenantId).where('status', '=', 'requested').executeTakeFirstOrThrow();
    const before = await tenantSnapshot(t.db, tenantId);
    const calls: [string, string, object | undefined][] = [
      ['GET', `/api/v1/adjustments/${open.id}`, undefined],
      ['POST', `/api/v1/adjustments/${open.id}/approve`, undefined],
      ['POST', `/api/v1/adjustments/${open.id}/reject`, { reason: 'x' }],
      ['POST', `/api/v1/adjustments/${open.id}/cancel`, { reason: 'x' }],
      ['POST', '/api/v1/adjustments', { kind: 'write_off', orderId: open.order_id, amount: '1.00', reasonCode: 'small_difference' }],
    ];
    for (const [method, url, payload] of calls) {
      const res = await t.app.inject(as(admin, { method: method as 'GET' | 'POST', url, ...(payload ? { payload } : {}), headers: { 'idempotency-key': newId() } }));
      expect([url, res.statusCode, res.json().code]).toEqual([url, 404, 'not_found']);
    }
    expect((await t.app.inject(as(admin, { method: 'GET', url: '/api/v1/adjustments' }))).json().items).toEqual([]);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

describe('the books after all of it', () => {
  it('verify is clean and the audit chain holds', async () => {
    const report = await verifyLedger(t.db, { tenantId });
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
    expect(await verifyAuditChain(t.db, tenantId)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/app/audit.js';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { countRows } from './helpers/ledger.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/** The journal over HTTP: manual postings with idempotency keys, reversals with reasons, reads, audit. */
let t: TestApp;
let tenantId: string;
let finance: TestSession;
let financeId: string;
let rep: TestSession;
let repId: string;
let acme: string; // a customer owned by the rep
let house: string; // a customer owned by nobody
let otherTenantEntry: string;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'ledger-http');
  financeId = await createUser(t.db, tenantId, { login: 'fin', role: 'finance' });
  finance = await sessionFor(t.db, tenantId, financeId);
  // A rep whose role may post, but only about their own customers.
  await t.db.insertInto('roles').values({ tenant_id: tenantId, code: 'rep_poster', name: 'Rep who posts', permissions: ['ledger.view', 'ledger.post', 'customers.view'], data_scope: 'own' }).execute();
  repId = await createUser(t.db, tenantId, { login: 'rep', role: 'rep_poster' });
  rep = await sessionFor(t.db, tenantId, repId);
  [acme, house] = [newId(), newId()];
  await t.db.insertInto('customers').values([
    { tenant_id: tenantId, id: acme, code: 'ACME', name: 'Acme', owner_id: repId, department_id: null },
    { tenant_id: tenantId, id: house, code: 'HOUSE', name: 'House', owner_id: null, department_id: null },
  ]).execute();
  const other = await newTenant(t.db, 'ledger-http-other');
  const otherFinance = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'fin', role: 'finance' }));
  otherTenantEntry = (await t.app.inject(as(otherFinance, { method: 'POST', url: '/api/v1/ledger/entries', headers: { 'idempotency-key': 'o-1' }, payload: order(null, '5.00') }))).json().id;
});
afterAll(async () => t?.close());

function order(customerId: string | null, amount: string, entryDate = '2026-11-05', currency = 'CNY') {
  const c = customerId ? { customerId } : {};
  return { entryDate, memo: 'order confirmed', lines: [{ account: 'accounts_receivable', side: 'debit', amount, currency, ...c }, { account: 'sales', side: 'credit', amount, currency, ...c }] };
}

const postAs = (session: TestSession, payload: object, key?: string) =>
  t.app.inject(as(session, { method: 'POST', url: '/api/v1/ledger/entries', payload, headers: key === undefined ? {} : { 'idempotency-key': key } }));

async function auditActions() {
  const rows = await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'reason']).where('tenant_id', '=', tenantId).orderBy('seq').execute();
  return rows.map((r) => [r.action, r.entity_id, r.reason]);
}

describe('POST /api/v1/ledger/entries', () => {
  it('posts once per Idempotency-Key: 201, then the same answer with 200 and Idempotent-Replayed', async () => {
    const first = await postAs(finance, order(acme, '1234.56'), 'k-1');
    expect(first.statusCode, first.body).toBe(201);
    const entry = first.json();
    expect(entry).toMatchObject({ entryDate: '2026-11-05', memo: 'order confirmed', source: 'manual', reversesEntryId: null, reversedByEntryId: null });
    //  line  account               side      amount      currency
    expect(entry.lines.map((l: Record<string, unknown>) => [l.lineNo, l.account, l.side, l.amount, l.currency, l.customerId])).toEqual([
      [1, 'accounts_receivable', 'debit', '1234.56', 'CNY', acme],
      [2, 'sales', 'credit', '1234.56', 'CNY', acme],
    ]);
    const audit = await auditActions();
    const rows = await countRows(t.db);

    const again = await postAs(finance, order(acme, '1234.56'), 'k-1');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(entry);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await countRows(t.db)).toEqual(rows);
    expect(await auditActions()).toEqual(audit); // the replay is not a second change
    expect(audit.at(-1)).toEqual(['journal_entry.posted', entry.id, null]);
  });

  it('the same key for a different request is a conflict, and nothing is written', async () => {
    const rows = await countRows(t.db);
    const res = await postAs(finance, order(acme, '1234.57'), 'k-1');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await countRows(t.db)).toEqual(rows);
  });

  it('requires the Idempotency-Key header', async () => {
    const rows = await countRows(t.db);
    for (const key of [undefined, '', 'has space', 'x'.repeat(201)]) {
      const res = await postAs(finance, order(acme, '1.00'), key);
      expect([key?.length, res.statusCode, res.json().code, res.json().errors?.[0]?.field]).toEqual([key?.length, 422, 'validation_failed', 'Idempotency-Key']);
    }
    expect(await countRows(t.db)).toEqual(rows);
  });

  //  what is wrong                      body                                                       status  code
  const refusals: [string, object, number, string, string | undefined][] = [
    ['three decimals in CNY', order(null, '1.001'), 422, 'too_many_decimals', 'lines[0].amount'],
    ['a number, not a string', { ...order(null, '1.00'), lines: [{ ...order(null, '1.00').lines[0], amount: 1 }, order(null, '1.00').lines[1]] }, 422, 'invalid_amount', 'lines[0].amount'],
    ['does not balance', { ...order(null, '1.00'), lines: [order(null, '1.00').lines[0], { ...order(null, '1.00').lines[1], amount: '0.99' }] }, 422, 'entry_unbalanced', 'lines'],
    ['unknown account', { ...order(null, '1.00'), lines: [{ ...order(null, '1.00').lines[0], account: 'petty_cash' }, order(null, '1.00').lines[1]] }, 422, 'unknown_account', 'lines[0].account'],
    ['a customer of no one', order(newId(), '1.00'), 422, 'unknown_dimension', 'lines[0].customerId'],
    ['not a calendar date', order(null, '1.00', '2026-02-30'), 422, 'validation_failed', 'entryDate'],
    ['one line only', { ...order(null, '1.00'), lines: [order(null, '1.00').lines[0]] }, 422, 'entry_too_few_lines', 'lines'],
  ];
  it.each(refusals)('refuses %s (%i %s) and writes nothing', async (_what, body, status, code, field) => {
    const rows = await countRows(t.db);
    const res = await postAs(finance, body, newId());
    expect([res.statusCode, res.json().code]).toEqual([status, code]);
    if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await countRows(t.db)).toEqual(rows);
  });

  it('refuses amounts sent as JSON numbers, which JSON.parse would already have rounded', async () => {
    const rows = await countRows(t.db);
    const raw = JSON.stringify(order(acme, '0')).replaceAll('"amount":"0"', '"amount":12345678901234567.89');
    const res = await t.app.inject(as(finance, { method: 'POST', url: '/api/v1/ledger/entries', payload: raw, headers: { 'content-type': 'application/json', 'idempotency-key': newId() } }));
    expect([res.statusCode, res.json().code, res.json().errors.map((e: { field: string }) => e.field)]).toEqual([422, 'invalid_amount', ['lines[0].amount', 'lines[1].amount']]);
    expect(await countRows(t.db)).toEqual(rows);
  });

  it('refuses a date inside a closed period with period_closed', async () => {
    await t.db.insertInto('accounting_periods').values({ tenant_id: tenantId, month: '2026-09-01', closed: true, closed_at: new Date(), closed_by: financeId, reopened_at: null, reopened_by: null, reopen_reason: null }).execute();
    const res = await postAs(finance, order(acme, '1.00', '2026-09-30'), newId());
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'period_closed', errors: [{ field: 'entryDate' }] });
    expect((await postAs(finance, order(acme, '1.00', '2026-10-01'), newId())).statusCode).toBe(201);
  });

  it('an own-scoped poster posts only about their own customers', async () => {
    expect((await postAs(rep, order(acme, '2.00'), newId())).statusCode).toBe(201);
    const others = await postAs(rep, order(house, '2.00'), newId());
    expect([others.statusCode, others.json().code, others.json().errors[0].field]).toEqual([422, 'unknown_dimension', 'lines[0].customerId']);
    const companyOnly = await postAs(rep, order(null, '2.00'), newId());
    expect([companyOnly.statusCode, companyOnly.json().code]).toEqual([422, 'unknown_dimension']);
    // A receipt: the cash line carries no customer, the receivable line names the rep's own.
    const receipt = { entryDate: '2026-11-05', lines: [{ account: 'cash:bank_transfer', side: 'debit', amount: '0.50', currency: 'CNY' }, { account: 'accounts_receivable', side: 'credit', amount: '0.50', currency: 'CNY', customerId: acme }] };
    const posted = await postAs(rep, receipt, newId());
    expect(posted.statusCode, posted.body).toBe(201);
    expect((await t.app.inject(as(rep, { method: 'GET', url: `/api/v1/ledger/entries/${posted.json().id}` }))).statusCode).toBe(200);
  });

  it('needs ledger.post', async () => {
    const auditor = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'aud', role: 'auditor' }));
    const res = await postAs(auditor, order(acme, '1.00'), newId());
    expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
  });
});

describe('reversal and reading', () => {
  it('reverses with a reason, once; the reason is in the audit trail', async () => {
    const original = (await postAs(finance, order(acme, '10.00'), newId())).json();
    const url = `/api/v1/ledger/entries/${original.id}/reversal`;
    const noReason = await t.app.inject(as(finance, { method: 'POST', url, payload: { entryDate: '2026-11-06' } }));
    expect([noReason.statusCode, noReason.json().code]).toEqual([422, 'validation_failed']);
    const blank = await t.app.inject(as(finance, { method: 'POST', url, payload: { entryDate: '2026-11-06', reason: '  ' } }));
    expect([blank.statusCode, blank.json().code]).toEqual([422, 'reason_required']);

    const res = await t.app.inject(as(finance, { method: 'POST', url, payload: { entryDate: '2026-11-06', reason: 'wrong customer' }, headers: { 'idempotency-key': 'rev-1' } }));
    expect(res.statusCode, res.body).toBe(201);
    const reversal = res.json();
    expect(reversal).toMatchObject({ source: 'reversal', reversesEntryId: original.id, entryDate: '2026-11-06' });
    expect(reversal.lines.map((l: { side: string; amount: string }) => [l.side, l.amount])).toEqual([['credit', '10.00'], ['debit', '10.00']]);
    expect((await auditActions()).at(-1)).toEqual(['journal_entry.reversed', original.id, 'wrong customer']);

    const replay = await t.app.inject(as(finance, { method: 'POST', url, payload: { entryDate: '2026-11-06', reason: 'wrong customer' }, headers: { 'idempotency-key': 'rev-1' } }));
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json().id]).toEqual([200, 'true', reversal.id]);
    const twice = await t.app.inject(as(finance, { method: 'POST', url, payload: { entryDate: '2026-11-07', reason: 'again' } }));
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'entry_already_reversed']);

    const read = await t.app.inject(as(finance, { method: 'GET', url: `/api/v1/ledger/entries/${original.id}` }));
    expect(read.json()).toMatchObject({ id: original.id, reversedByEntryId: reversal.id });
  });

  it('another tenant’s entry is not found, to read or to reverse', async () => {
    const read = await t.app.inject(as(finance, { method: 'GET', url: `/api/v1/ledger/entries/${otherTenantEntry}` }));
    expect([read.statusCode, read.json().code]).toEqual([404, 'entry_not_found']);
    const reverse = await t.app.inject(as(finance, { method: 'POST', url: `/api/v1/ledger/entries/${otherTenantEntry}/reversal`, payload: { entryDate: '2026-11-06', reason: 'mine now' } }));
    expect(reverse.statusCode).toBe(404);
  });

  it('the trial balance is decimal strings per currency, summing to zero', async () => {
    const tb = (await t.app.inject(as(finance, { method: 'GET', url: '/api/v1/ledger/trial-balance' }))).json();
    expect(tb.totals).toEqual([{ currency: 'CNY', balance: '0.00' }]);
    // Debits 1234.56 + 1.00 (October) + 2.00 (the rep's) + 10.00 (reversed: credited 10.00); the rep's receipt credits 0.50.
    expect(tb.rows.find((r: { account: string }) => r.account === 'accounts_receivable')).toEqual({ account: 'accounts_receivable', kind: 'asset', currency: 'CNY', debit: '1247.56', credit: '10.50', balance: '1237.06' });
  });

  it('leaves a ledger that verifies and an audit chain that verifies', async () => {
    expect((await verifyLedger(t.db, { tenantId })).ok).toBe(true);
    expect(await verifyAuditChain(t.db, tenantId)).toEqual([]);
  });
});

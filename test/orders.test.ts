import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../src/app/verify.js';
import { tenantSnapshot } from './helpers/snapshot.js';
import { key, ledgerOf, line, orderWorld, type OrderWorld } from './orders-fixture.js';

/** Orders through their life over HTTP: draft, edit, confirm (posting the receivable), cancel; a second currency. */
let w: OrderWorld;
beforeAll(async () => {
  w = await orderWorld('orders-life');
});
afterAll(async () => w?.close());

const draftBody = () => ({
  customerId: w.customer.A1,
  title: '年度软件合同',
  currency: 'CNY',
  signedDate: '2026-11-10',
  lines: [line(w.product.licence, '许可 2 套', '2', '100.00'), line(w.product.service, '实施 1.5 天', '1.5', '33.33')],
});

async function entryLines(entryId: string) {
  const entry = await w.ok('finance', 'GET', `/api/v1/ledger/entries/${entryId}`);
  return entry.lines.map((l: Record<string, string>) => [l.account, l.side, l.amount, l.currency, l.productId]);
}

describe('an order from draft to confirmed', () => {
  let order: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('creates a draft once per Idempotency-Key: total = Σ rounded lines, a human number', async () => {
    const missing = await w.call('salesA', 'POST', '/api/v1/orders', draftBody());
    expect([missing.statusCode, missing.json().code]).toEqual([428, 'idempotency_key_required']);
    const headers = key();
    const res = await w.call('salesA', 'POST', '/api/v1/orders', draftBody(), headers);
    expect(res.statusCode, res.body).toBe(201);
    order = res.json();
    //  line                          quantity × unit price      amount
    //  软件许可 (licence)             2 × 100.00                 200.00
    //  实施服务 (service)             1.5 × 33.33 = 49.995       50.00 (half up)
    expect(order).toMatchObject({
      number: 'OD-2026-000001', status: 'draft', customerId: w.customer.A1, customerCode: 'A1', currency: 'CNY', total: '250.00', outstanding: '250.00',
      ownerId: w.user.salesA, departmentId: w.dept.east, baseRate: null, baseTotal: null, confirmEntryId: null, plan: [], allocations: [],
    });
    expect(order.lines.map((l: Record<string, string>) => [l.lineNo, l.productCode, l.quantity, l.unitPrice, l.amount])).toEqual([[1, 'LIC', '2', '100.00', '200.00'], [2, 'SVC', '1.5', '33.33', '50.00']]);

    const again = await w.call('salesA', 'POST', '/api/v1/orders', draftBody(), headers);
    expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
    expect(again.json()).toEqual(order);
    const other = await w.call('salesA', 'POST', '/api/v1/orders', { ...draftBody(), title: 'another' }, headers);
    expect([other.statusCode, other.json().code]).toEqual([409, 'idempotency_key_reused']);
    expect((await w.ok('salesA', 'GET', `/api/v1/orders?customer=${w.customer.A1}`)).items).toHaveLength(1);
  });

  it('edits the draft freely: a plan that adds up, then lines that no longer match it are refused', async () => {
    const planned = await w.ok('salesA', 'PATCH', `/api/v1/orders/${order.id}`, { title: '年度软件合同（修订）', instalments: [{ dueDate: '2026-12-10', amount: '100.00' }, { dueDate: '2027-01-10', amount: '150.00' }] });
    expect(planned.title).toBe('年度软件合同（修订）');
    expect(planned.plan.map((i: Record<string, string>) => [i.seq, i.dueDate, i.amount, i.status])).toEqual([[1, '2026-12-10', '100.00', 'pending'], [2, '2027-01-10', '150.00', 'pending']]);
    const mismatch = await w.call('salesA', 'PATCH', `/api/v1/orders/${order.id}`, { lines: [line(w.product.licence, '许可 3 套', '3', '100.00')] });
    expect([mismatch.statusCode, mismatch.json().code]).toEqual([422, 'plan_mismatch']);
    expect(mismatch.json().title).toContain('250.00');
    expect(mismatch.json().title).toContain('300.00');
    const audit = await w.t.db.selectFrom('audit_log').select(['before', 'after']).where('tenant_id', '=', w.tenantId).where('action', '=', 'order.updated').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ title: '年度软件合同', plan: [] });
    expect(audit.after).toMatchObject({ title: '年度软件合同（修订）', total: '250.00', plan: [{ dueDate: '2026-12-10', amount: '100.00' }, { dueDate: '2027-01-10', amount: '150.00' }] });
  });

  it('confirms once: Dr accounts_receivable 250.00 / Cr sales per line with its product, on the signed date', async () => {
    const missing = await w.call('salesA', 'POST', `/api/v1/orders/${order.id}/confirm`, {});
    expect([missing.statusCode, missing.json().code]).toEqual([428, 'idempotency_key_required']);
    const headers = key();
    const res = await w.call('salesA', 'POST', `/api/v1/orders/${order.id}/confirm`, {}, headers);
    expect(res.statusCode, res.body).toBe(200);
    const confirmed = res.json();
    expect(confirmed).toMatchObject({ status: 'confirmed', baseCurrency: 'CNY', baseRate: '1', baseTotal: '250.00', confirmedBy: w.user.salesA });
    //  account               side     amount   currency  product
    expect(await entryLines(confirmed.confirmEntryId)).toEqual([
      ['accounts_receivable', 'debit', '250.00', 'CNY', null],
      ['sales', 'credit', '200.00', 'CNY', w.product.licence],
      ['sales', 'credit', '50.00', 'CNY', w.product.service],
    ]);
    const entry = await w.t.db.selectFrom('journal_entries').select(['entry_date', 'source', 'source_id']).where('id', '=', confirmed.confirmEntryId).executeTakeFirstOrThrow();
    expect(entry).toEqual({ entry_date: '2026-11-10', source: 'order', source_id: order.id });
    const dims = await w.t.db.selectFrom('journal_lines').select(['customer_id', 'owner_id', 'department_id']).distinct().where('entry_id', '=', confirmed.confirmEntryId).execute();
    expect(dims).toEqual([{ customer_id: w.customer.A1, owner_id: w.user.salesA, department_id: w.dept.east }]);

    const replay = await w.call('salesA', 'POST', `/api/v1/orders/${order.id}/confirm`, {}, headers);
    expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json().confirmEntryId]).toEqual([200, 'true', confirmed.confirmEntryId]);
  });

  it('leaves the customer owing 250.00: receivable, nothing overdue, received or refunded yet', async () => {
    expect(await ledgerOf(w, w.customer.A1)).toEqual([['accounts_receivable', 'CNY', '250.00'], ['sales', 'CNY', '-250.00']]);
    const customer = await w.ok('salesA', 'GET', `/api/v1/customers/${w.customer.A1}`);
    expect(customer.balances).toEqual([{ currency: 'CNY', receivable: '250.00', advance: '0.00' }]);
    expect(customer.figures).toEqual([{ currency: 'CNY', receivable: '250.00', overdue: '0.00', advance: '0.00', received: '0.00', refunded: '0.00' }]);
  });

  it('refuses every step a confirmed order cannot take (409 invalid_state), writing nothing', async () => {
    const before = await tenantSnapshot(w.t.db, w.tenantId);
    const steps: [string, string, object, Record<string, string>][] = [
      ['POST', 'confirm', {}, key()],
      ['PATCH', '', { title: 'x' }, {}],
      ['POST', 'cancel', { reason: 'changed our mind' }, {}],
    ];
    for (const [method, step, body, headers] of steps) {
      const res = await w.call('salesA', method, `/api/v1/orders/${order.id}${step ? `/${step}` : ''}`, body, headers);
      expect([step, res.statusCode, res.json().code]).toEqual([step, 409, 'invalid_state']);
    }
    expect(await tenantSnapshot(w.t.db, w.tenantId)).toEqual(before);
  });
});

describe('a draft cancelled, and an order confirmed without a plan', () => {
  it('cancels a draft only with a reason, audited with it; a cancelled order cannot be confirmed', async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', { ...draftBody(), customerId: w.customer.A2 }, key());
    const blank = await w.call('salesA', 'POST', `/api/v1/orders/${draft.id}/cancel`, { reason: '  ' });
    expect([blank.statusCode, blank.json().code]).toEqual([422, 'reason_required']);
    const cancelled = await w.ok('salesA', 'POST', `/api/v1/orders/${draft.id}/cancel`, { reason: '客户取消' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '客户取消' });
    const audit = await w.t.db.selectFrom('audit_log').select(['reason', 'after']).where('tenant_id', '=', w.tenantId).where('action', '=', 'order.cancelled').executeTakeFirstOrThrow();
    expect(audit).toEqual({ reason: '客户取消', after: { status: 'cancelled' } });
    const confirm = await w.call('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    expect([confirm.statusCode, confirm.json().code]).toEqual([409, 'invalid_state']);
    const replan = await w.call('salesA', 'PUT', `/api/v1/orders/${draft.id}/plan`, { instalments: [{ dueDate: '2026-12-01', amount: '250.00' }] });
    expect([replan.statusCode, replan.json().code]).toEqual([409, 'invalid_state']);
    expect(await ledgerOf(w, w.customer.A2)).toEqual([]);
  });

  it('without a plan, the whole total falls due on the signed date', async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', { ...draftBody(), customerId: w.customer.A2, signedDate: '2026-10-20' }, key());
    const confirmed = await w.ok('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    expect(confirmed.plan.map((i: Record<string, string>) => [i.seq, i.dueDate, i.amount, i.settled])).toEqual([[1, '2026-10-20', '250.00', '0.00']]);
  });
});

describe('an order in a second currency', () => {
  const usdBody = (signedDate: string) => ({
    customerId: w.customer.A2, title: 'Export deal', currency: 'USD', signedDate,
    lines: [line(w.product.licence, 'licences', '10', '100.00')],
  });

  it('needs a rate to the base currency: none recorded and none given is exchange_rate_missing, nothing written', async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', usdBody('2026-11-03'), key());
    const before = await tenantSnapshot(w.t.db, w.tenantId);
    const res = await w.call('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    expect([res.statusCode, res.json().code, res.json().errors[0].field]).toEqual([422, 'exchange_rate_missing', 'exchangeRate']);
    expect(await tenantSnapshot(w.t.db, w.tenantId)).toEqual(before);

    //  rates recorded: 2026-11-01 7.1234, 2026-11-05 7.30 — the order signed 11-03 takes the one of 11-01
    await w.ok('admin', 'POST', '/api/v1/fx-rates', { currency: 'USD', rateDate: '2026-11-01', rate: '7.1234' });
    await w.ok('admin', 'POST', '/api/v1/fx-rates', { currency: 'USD', rateDate: '2026-11-05', rate: '7.30' });
    const confirmed = await w.ok('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, {}, key());
    //  total 1,000.00 USD × 7.1234 = 7,123.40 CNY
    expect(confirmed).toMatchObject({ currency: 'USD', total: '1000.00', baseCurrency: 'CNY', baseRate: '7.1234', baseTotal: '7123.40' });
    expect(await entryLines(confirmed.confirmEntryId)).toEqual([
      ['accounts_receivable', 'debit', '1000.00', 'USD', null],
      ['sales', 'credit', '1000.00', 'USD', w.product.licence],
    ]);
  });

  it('takes an explicit rate when given one', async () => {
    const draft = await w.ok('salesA', 'POST', '/api/v1/orders', usdBody('2026-11-20'), key());
    const confirmed = await w.ok('salesA', 'POST', `/api/v1/orders/${draft.id}/confirm`, { exchangeRate: '7.0512' }, key());
    expect(confirmed).toMatchObject({ baseRate: '7.0512', baseTotal: '7051.20' });
    const customer = await w.ok('salesA', 'GET', `/api/v1/customers/${w.customer.A2}`);
    expect(customer.figures.map((f: Record<string, string>) => [f.currency, f.receivable])).toEqual([['CNY', '250.00'], ['USD', '2000.00']]);
  });

  it('the ledger verifies clean after all of it', async () => {
    const report = await verifyLedger(w.t.db, { tenantId: w.tenantId });
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/app/actor.js';
import { newId } from '../src/app/ids.js';
import { approveRefund, payRefund, requestRefund } from '../src/app/receivables/refunds.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * Reports through HTTP on a small ledger whose figures are worked out by hand (base currency CNY, 1 USD = 7 CNY):
 *
 *   date        customer  what                                   AR after (CNY)
 *   2026-01-10  A (vip)   order 1,000.00 CNY                     1,000.00
 *   2026-01-20  A         receipt 300.00 bank_transfer → order     700.00
 *   2026-02-05  B         order 500.00 CNY                       1,200.00
 *   2026-02-10  A         order 100.00 USD (= 700.00 CNY)        1,900.00
 *   2026-02-15  B         receipt 200.00 alipay → order          1,700.00
 *   2026-03-01  B         receipt 50.00 alipay, unallocated      1,700.00 (an advance: AR untouched)
 *   2026-03-05  B         refund 20.00 of that advance, paid     1,700.00
 */
let t: TestApp;
let tenantId: string;
let otherTenantSession: TestSession;
const session = {} as Record<'finance' | 'rep1' | 'rep2', TestSession>;
const customer = {} as Record<'A' | 'B', string>;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'reports');
  const users: Record<string, string> = {};
  for (const [who, role] of [['finance', 'finance'], ['rep1', 'sales'], ['rep2', 'sales'], ['approver', 'finance']] as const) {
    users[who] = await createUser(t.db, tenantId, { login: who, role });
    if (who !== 'approver') session[who] = await sessionFor(t.db, tenantId, users[who]);
  }
  const other = await newTenant(t.db, 'reports-other');
  otherTenantSession = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'fin', role: 'finance' }));
  for (const [name, owner, tags] of [['A', 'rep1', ['vip']], ['B', 'rep2', []]] as const) {
    customer[name] = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customer[name], code: name, name: `客户${name}`, owner_id: users[owner]!, department_id: null, tags: [...tags] }).execute();
  }
  await t.db.insertInto('fx_rates').values({ tenant_id: tenantId, currency: 'USD', rate_date: '2026-01-01', rate: '7', created_by: null }).execute();
  const a1 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.A, signedDate: '2026-01-10', instalments: [['2026-02-10', '1000.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.A, amount: '300.00', receivedDate: '2026-01-20', allocations: [[a1.orderId, '300.00']] });
  const b1 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.B, signedDate: '2026-02-05', instalments: [['2026-03-05', '500.00']] });
  await seedConfirmedOrder(t.db, tenantId, { customerId: customer.A, currency: 'USD', signedDate: '2026-02-10', instalments: [['2026-03-10', '100.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.B, amount: '200.00', channel: 'alipay', receivedDate: '2026-02-15', allocations: [[b1.orderId, '200.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.B, amount: '50.00', channel: 'alipay', receivedDate: '2026-03-01' });
  const actor = (id: string): Actor => ({ ...systemActor(tenantId), kind: 'user', id, userId: id });
  const refund = await requestRefund(t.db, actor(users.finance!), { customerId: customer.B, amount: '20.00', currency: 'CNY', reasonCode: 'overpayment' }, newId());
  await approveRefund(t.db, actor(users.approver!), refund.body.id, newId());
  await payRefund(t.db, actor(users.approver!), refund.body.id, { channel: 'alipay', paidDate: '2026-03-05' }, newId());
});
afterAll(async () => t?.close());

const allMeasures = ['issued', 'received', 'refunded', 'netReceived', 'outstanding', 'count'];

async function pivot(who: TestSession, body: object) {
  return t.app.inject(as(who, { method: 'POST', url: '/api/v1/reports/pivot', payload: { from: '2026-01-01', to: '2026-03-31', measures: allMeasures, ...body } }));
}

describe('POST /api/v1/reports/pivot', () => {
  it('by month in the base currency: each month’s flows and the receivable at its end', async () => {
    const res = await pivot(session.finance, { dimensions: ['month'] });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.currency).toBe('CNY');
    expect(body.rates).toEqual([{ currency: 'USD', rate: '7' }]);
    expect(body.rows.map((r: { keys: object; values: object }) => [r.keys, r.values])).toEqual([
      // issued: 1000; received 300; AR 1000 − 300
      [{ month: '2026-01' }, { issued: '1000.00', received: '300.00', refunded: '0.00', netReceived: '300.00', outstanding: '700.00', count: '1' }],
      // issued: 500 + 100 USD × 7; received 200; AR 700 + 1200 − 200
      [{ month: '2026-02' }, { issued: '1200.00', received: '200.00', refunded: '0.00', netReceived: '200.00', outstanding: '1700.00', count: '1' }],
      // received 50 (to the advance), refunded 20: net 30; AR unchanged
      [{ month: '2026-03' }, { issued: '0.00', received: '50.00', refunded: '20.00', netReceived: '30.00', outstanding: '1700.00', count: '1' }],
    ]);
    expect(body.totals).toEqual({ issued: '2200.00', received: '550.00', refunded: '20.00', netReceived: '530.00', outstanding: '1700.00', count: '3' });
  });

  it('by customer and channel, and by customer tag; the opening receivable counts in outstanding', async () => {
    const res = await pivot(session.finance, { dimensions: ['customer', 'channel'], measures: ['received', 'outstanding'], from: '2026-02-01' });
    expect(res.json().rows.map((r: { labels: object; keys: { channel: string }; values: object }) => [r.labels, r.keys.channel, r.values])).toEqual([
      // A: the AR line has no channel (1000 − 300 before February, + 700 in it); the cash line has none in the range
      [{ customer: 'A 客户A' }, '', { received: '0.00', outstanding: '1400.00' }],
      [{ customer: 'B 客户B' }, '', { received: '0.00', outstanding: '300.00' }],
      [{ customer: 'B 客户B' }, 'alipay', { received: '250.00', outstanding: '0.00' }],
    ]);
    const byTag = await pivot(session.finance, { dimensions: ['customerTag'], measures: ['issued'] });
    expect(byTag.json().rows.map((r: { keys: object; values: object }) => [r.keys, r.values])).toEqual([[{ customerTag: '' }, { issued: '500.00' }], [{ customerTag: 'vip' }, { issued: '1700.00' }]]);
  });

  it('one currency without conversion', async () => {
    const res = await pivot(session.finance, { dimensions: ['currency'], measures: ['issued'], currency: 'USD' });
    expect(res.json()).toMatchObject({ currency: 'USD', rates: [], rows: [{ keys: { currency: 'USD' }, values: { issued: '100.00' } }], totals: { issued: '100.00' } });
  });

  it('a sales rep sees only their customers; another tenant sees nothing of this one', async () => {
    const rep = await pivot(session.rep1, { dimensions: ['customer'], measures: ['issued', 'received', 'outstanding'] });
    expect(rep.json().rows.map((r: { labels: object; values: object }) => [r.labels, r.values])).toEqual([
      [{ customer: 'A 客户A' }, { issued: '1700.00', received: '300.00', outstanding: '1400.00' }],
    ]);
    const other = await pivot(otherTenantSession, { dimensions: ['customer'] });
    expect(other.json().rows).toEqual([]);
  });

  it('drill-down: a row’s filters list its receipts', async () => {
    const res = await pivot(session.finance, { dimensions: ['month', 'customer'], measures: ['received'] });
    const feb = res.json().rows.find((r: { keys: { month: string; customer: string } }) => r.keys.month === '2026-02' && r.keys.customer === customer.B);
    expect(feb.drill).toEqual({ receivedFrom: '2026-02-01', receivedTo: '2026-02-28', status: 'confirmed', customer: customer.B });
    const list = await t.app.inject(as(session.finance, { method: 'GET', url: `/api/v1/receipts?${new URLSearchParams(feb.drill)}` }));
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((r: { amount: string }) => r.amount)).toEqual(['200.00']);
  });

  it('refuses bad requests with field details', async () => {
    for (const [body, field] of [
      [{ dimensions: ['month', 'customer', 'owner', 'channel'] }, 'dimensions'],
      [{ dimensions: ['month', 'year'] }, 'dimensions'],
      [{ dimensions: [], from: '2026-04-01' }, 'to'],
      [{ dimensions: [], from: '2026-02-30' }, 'from'],
      [{ dimensions: ['planet'] }, undefined],
      [{ dimensions: [], filters: { customerIds: ['nope'] } }, undefined],
    ] as const) {
      const res = await pivot(session.finance, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().code).toBe('validation_failed');
      if (field) expect(res.json().errors[0].field).toBe(field);
    }
  });
});

describe('GET /api/v1/reports/aging', () => {
  // Unpaid in CNY: A's 1,000.00 instalment (due 2026-02-10) less 300.00 = 700.00; B's 500.00 (due 2026-03-05)
  // less 200.00 = 300.00. Both are more than 90 days past due from late 2026 on.
  it('per customer and per owner, in the 30/60/90 buckets', async () => {
    const res = await t.app.inject(as(session.finance, { method: 'GET', url: '/api/v1/reports/aging' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      currency: 'CNY', basis: 'due', groupBy: 'customer', buckets: ['not_due', '1-30', '31-60', '61-90', '90+'],
      rows: [
        { key: customer.A, label: 'A 客户A', amounts: ['0.00', '0.00', '0.00', '0.00', '700.00'], total: '700.00' },
        { key: customer.B, label: 'B 客户B', amounts: ['0.00', '0.00', '0.00', '0.00', '300.00'], total: '300.00' },
      ],
      totals: { total: '1000.00' },
    });
    const byOwner = await t.app.inject(as(session.rep1, { method: 'GET', url: '/api/v1/reports/aging?groupBy=owner&buckets=15,45' }));
    expect(byOwner.json()).toMatchObject({ buckets: ['not_due', '1-15', '16-45', '45+'], rows: [{ label: 'rep1', total: '700.00' }], totals: { total: '700.00' } });
    const bad = await t.app.inject(as(session.finance, { method: 'GET', url: '/api/v1/reports/aging?buckets=60,30' }));
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'validation_failed']);
  });

  // The whole tenant by owner, department or in total reads the maintained open amounts (instalment_figures), not the
  // instalments: the same figures. By order date (as of 2026-11-27 or later): A's order signed 2026-01-10 and
  // B's 2026-02-05 are both more than 180 days old.
  it('the whole tenant by owner, by department and in total, by due date and by order date', async () => {
    const get = async (query: string) => (await t.app.inject(as(session.finance, { method: 'GET', url: `/api/v1/reports/aging?${query}` }))).json();
    expect((await get('groupBy=owner')).rows.map((r: { label: string; amounts: string[] }) => [r.label, r.amounts])).toEqual([
      ['rep1', ['0.00', '0.00', '0.00', '0.00', '700.00']],
      ['rep2', ['0.00', '0.00', '0.00', '0.00', '300.00']],
    ]);
    // No department on these orders: one row without a key.
    expect((await get('groupBy=department')).rows).toEqual([{ key: null, label: '', amounts: ['0.00', '0.00', '0.00', '0.00', '1000.00'], total: '1000.00' }]);
    expect((await get('groupBy=none&basis=order&buckets=30,180')).totals).toEqual({ amounts: ['0.00', '0.00', '0.00', '1000.00'], total: '1000.00' });
    // The USD order (100.00 due 2026-03-10, signed 2026-02-10) in its own currency.
    expect((await get('groupBy=owner&currency=USD')).rows).toMatchObject([{ label: 'rep1', total: '100.00' }]);
    const bad = await t.app.inject(as(session.finance, { method: 'GET', url: '/api/v1/reports/aging?groupBy=planet' }));
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'validation_failed']);
  });
});

describe('GET /api/v1/reports/collection', () => {
  it('回款率, plan completion, on-time rate, DSO and CEI per month, worked by hand', async () => {
    const res = await t.app.inject(as(session.finance, { method: 'GET', url: '/api/v1/reports/collection?from=2026-01-01&to=2026-03-31' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().periods).toEqual([
      // nothing due; DSO 700 / 1000 × 31 = 21.7; nothing overdue at 31 Jan: CEI (0 + 1000 − 700) / (0 + 1000 − 700) = 100 %
      { month: '2026-01', due: '0.00', received: '300.00', collectionRate: null, planCompletion: null, onTimeRate: null,
        openingReceivable: '0.00', issued: '1000.00', closingReceivable: '700.00', closingCurrent: '700.00', dso: '21.7', cei: '100.0' },
      // A's 1000 due: received 200 / 1000; settled 300 (on 20 Jan, before its due date) / 1000; closing 700 + 500 − 200 = 1000,
      // of which A's 700 is overdue: current 300; DSO 1000 / 500 × 28 = 56.0; CEI (700 + 500 − 1000) / (700 + 500 − 300) = 22.2 %
      { month: '2026-02', due: '1000.00', received: '200.00', collectionRate: '0.2000', planCompletion: '0.3000', onTimeRate: '0.3000',
        openingReceivable: '700.00', issued: '500.00', closingReceivable: '1000.00', closingCurrent: '300.00', dso: '56.0', cei: '22.2' },
      // B's 500 due: received 50 / 500; 200 settled on 15 Feb / 500; all 1000 overdue at 31 Mar: CEI 0 / 1000 = 0 %; nothing issued: no DSO
      { month: '2026-03', due: '500.00', received: '50.00', collectionRate: '0.1000', planCompletion: '0.4000', onTimeRate: '0.4000',
        openingReceivable: '1000.00', issued: '0.00', closingReceivable: '1000.00', closingCurrent: '0.00', dso: null, cei: '0.0' },
    ]);
  });
});

describe('GET /api/v1/reports/forecast', () => {
  it('shows its method; what is open is later than any past payment came, so it lies beyond the 13 weeks', async () => {
    const res = await t.app.inject(as(session.finance, { method: 'GET', url: '/api/v1/reports/forecast' }));
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    // Open in CNY: 700.00 (A) + 300.00 (B), both months past due; past payments came 21 and 18 days early.
    expect(body).toMatchObject({ currency: 'CNY', open: '1000.00', beyond: '1000.00', customersOwnHistory: 0, customersTenantHistory: 2 });
    expect(body.weeks).toHaveLength(13);
    expect(body.weeks.every((w: { expected: string }) => w.expected === '0.00')).toBe(true);
    expect(body.method).toMatch(/payment delays/);
  });

  it('backtest from 2026-01-15: nothing was known to forecast from; 300.00 arrived in the first week (WAPE 1)', async () => {
    const res = await t.app.inject(as(session.finance, { method: 'GET', url: '/api/v1/reports/forecast?backtestAsOf=2026-01-15' }));
    expect(res.json().backtest.weeks[0]).toEqual({ from: '2026-01-15', to: '2026-01-21', expected: '0.00', actual: '300.00' });
    expect(res.json().backtest.wape).toBe('1.0000');
  });
});

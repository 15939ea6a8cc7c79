import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, newTenant, sessionFor } from './helpers/http.js';
import { tenantSnapshot } from './helpers/snapshot.js';
import { key, line, orderWorld, type OrderWorld, type Who } from './orders-fixture.js';

/** Bad input, illegal steps, other tenants' ids and data scopes: problem+json with a stable code, nothing written. */
let w: OrderWorld;
const other = { customer: '', product: '', order: '' };
const orders: Record<string, string> = {}; // label → id
let inactiveProduct: string;

beforeAll(async () => {
  w = await orderWorld('orders-input');
  const otherTenant = await newTenant(w.t.db, 'orders-input-other');
  const otherAdmin = await sessionFor(w.t.db, otherTenant, await createUser(w.t.db, otherTenant, { login: 'other', role: 'admin' }));
  const send = async (url: string, payload: object, headers = {}) => {
    const res = await w.t.app.inject(as(otherAdmin, { method: 'POST', url, payload, headers }));
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json().id as string;
  };
  other.customer = await send('/api/v1/customers', { code: 'O1', name: 'other' });
  other.product = await send('/api/v1/products', { code: 'OP', name: 'other product' });
  other.order = await send('/api/v1/orders', { customerId: other.customer, title: 'other', currency: 'CNY', signedDate: '2026-11-01', lines: [line(other.product, 'x', '1', '5.00')] }, key());
  inactiveProduct = (await w.ok('admin', 'POST', '/api/v1/products', { code: 'OLD', name: '停售', active: false })).id;

  const create = async (label: string, who: Who, customerId: string, signedDate: string, amount: string, productId = w.product.licence, currency = 'CNY') => {
    orders[label] = (await w.ok(who, 'POST', '/api/v1/orders', { customerId, title: `合同 ${label}`, currency, signedDate, lines: [line(productId, label, '1', amount)] }, key())).id;
  };
  await create('A1-big', 'salesA', w.customer.A1, '2026-09-01', '5000.00');
  await create('A1-small', 'salesA', w.customer.A1, '2026-10-01', '100.00', w.product.service);
  await create('A2-usd', 'salesA', w.customer.A2, '2026-10-15', '800.00', w.product.licence, 'USD');
  await create('S1-mid', 'salesS', w.customer.S1, '2026-11-01', '1200.00');
  await w.ok('salesA', 'POST', `/api/v1/orders/${orders['A1-big']}/confirm`, {}, key());
});
afterAll(async () => w?.close());

const valid = () => ({ customerId: w.customer.A1, title: 'x', currency: 'CNY', signedDate: '2026-11-01', lines: [line(w.product.licence, 'x', '2', '10.00')] });
const withLine = (patch: object) => ({ ...valid(), lines: [{ ...line(w.product.licence, 'x', '2', '10.00'), ...patch }] });
const unknownId = '0190a000-0000-7000-8000-00000000abcd';

describe('POST /api/v1/orders refuses bad input with a stable code and writes nothing', () => {
  //  case                                 body                                                                 status  code                  field
  const cases: [string, () => object, number, string, string][] = [
    ['quantity as a JSON number', () => withLine({ quantity: 2 }), 422, 'invalid_amount', 'lines[0].quantity'],
    ['unit price as a JSON number', () => withLine({ unitPrice: 10.5 }), 422, 'invalid_amount', 'lines[0].unitPrice'],
    ['title as a number', () => ({ ...valid(), title: 7 }), 422, 'validation_failed', 'title'],
    ['an unknown field', () => ({ ...valid(), discount: '5.00' }), 422, 'validation_failed', 'discount'],
    ['an unknown field on a line', () => withLine({ taxRate: '0.13' }), 422, 'validation_failed', 'lines[0].taxRate'],
    ['no lines', () => ({ ...valid(), lines: [] }), 422, 'validation_failed', 'lines'],
    ['too many decimals in a price', () => withLine({ unitPrice: '10.001' }), 422, 'too_many_decimals', 'lines[0].unitPrice'],
    ['too many decimals in a quantity', () => withLine({ quantity: '1.0001' }), 422, 'validation_failed', 'lines[0].quantity'],
    ['too many decimals in an instalment', () => ({ ...valid(), instalments: [{ dueDate: '2026-12-01', amount: '20.001' }] }), 422, 'too_many_decimals', 'instalments[0].amount'],
    ['a negative price', () => withLine({ unitPrice: '-10.00' }), 422, 'amount_not_positive', 'lines[0].unitPrice'],
    ['a negative quantity', () => withLine({ quantity: '-2' }), 422, 'validation_failed', 'lines[0].quantity'],
    ['a zero quantity', () => withLine({ quantity: '0' }), 422, 'validation_failed', 'lines[0].quantity'],
    ['a zero total', () => withLine({ unitPrice: '0.00' }), 422, 'amount_not_positive', 'lines'],
    ['a negative instalment', () => ({ ...valid(), instalments: [{ dueDate: '2026-12-01', amount: '30.00' }, { dueDate: '2026-12-02', amount: '-10.00' }] }), 422, 'amount_not_positive', 'instalments[1].amount'],
    ['a plan that does not add up', () => ({ ...valid(), instalments: [{ dueDate: '2026-12-01', amount: '19.99' }] }), 422, 'plan_mismatch', 'instalments'],
    ['an amount beyond the largest', () => withLine({ quantity: '1000000000', unitPrice: '9999999999999.99' }), 422, 'amount_out_of_range', 'lines[0]'],
    ['an impossible signed date', () => ({ ...valid(), signedDate: '2026-02-30' }), 422, 'validation_failed', 'signedDate'],
    ['an impossible due date', () => ({ ...valid(), instalments: [{ dueDate: '2026-02-30', amount: '20.00' }] }), 422, 'validation_failed', 'instalments[0].dueDate'],
    ['an unknown currency', () => ({ ...valid(), currency: 'ABC' }), 422, 'unknown_currency', 'currency'],
    ['an inactive product', () => withLine({ productId: inactiveProduct }), 422, 'validation_failed', 'lines[0].productId'],
    ['an unknown customer', () => ({ ...valid(), customerId: unknownId }), 404, 'not_found', 'customerId'],
    ['another tenant’s customer', () => ({ ...valid(), customerId: other.customer }), 404, 'not_found', 'customerId'],
    ['a customer outside the scope', () => ({ ...valid(), customerId: w.customer.S1 }), 404, 'not_found', 'customerId'],
    ['another tenant’s product', () => withLine({ productId: other.product }), 404, 'not_found', 'lines[0].productId'],
    ['an unknown owner', () => ({ ...valid(), ownerId: unknownId }), 404, 'not_found', 'ownerId'],
    ['an owner a sales rep may not choose', () => ({ ...valid(), ownerId: w.user.salesS }), 403, 'forbidden', 'ownerId'],
    ['an unknown department', () => ({ ...valid(), departmentId: unknownId }), 404, 'not_found', 'departmentId'],
  ];

  it.each(cases)('%s', async (_, body, status, code, field) => {
    const before = await tenantSnapshot(w.t.db, w.tenantId);
    const res = await w.call('salesA', 'POST', '/api/v1/orders', body(), key());
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect([res.statusCode, res.json().code]).toEqual([status, code]);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await tenantSnapshot(w.t.db, w.tenantId)).toEqual(before);
  });
});

describe('ids that are unknown, another tenant’s or outside the scope are 404, on every order route', () => {
  const routes: [string, string, (id: string) => string, object][] = [
    ['GET', 'one', (id) => `/api/v1/orders/${id}`, {}],
    ['PATCH', 'edit', (id) => `/api/v1/orders/${id}`, { title: 'y' }],
    ['POST', 'confirm', (id) => `/api/v1/orders/${id}/confirm`, {}],
    ['POST', 'cancel', (id) => `/api/v1/orders/${id}/cancel`, { reason: 'r' }],
    ['PUT', 'plan', (id) => `/api/v1/orders/${id}/plan`, { instalments: [{ dueDate: '2026-12-01', amount: '5.00' }] }],
  ];

  it.each(routes)('%s %s', async (method, _, url, body) => {
    const before = await tenantSnapshot(w.t.db, w.tenantId);
    for (const [who, id] of [['salesA', unknownId], ['admin', other.order], ['salesS', orders['A1-small']!], ['manager', orders['S1-mid']!]] as const) {
      const res = await w.call(who, method, url(id), method === 'GET' ? undefined : body, key());
      expect([who, res.statusCode, res.json().code]).toEqual([who, 404, 'not_found']);
    }
    expect(await tenantSnapshot(w.t.db, w.tenantId)).toEqual(before);
  });

  it('an auditor reads every order but changes none (403)', async () => {
    const list = await w.ok('auditor', 'GET', '/api/v1/orders');
    expect(list.items).toHaveLength(4);
    const res = await w.call('auditor', 'POST', '/api/v1/orders', valid(), key());
    expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
  });
});

describe('GET /api/v1/orders: scope, filters, sorts, pages', () => {
  const numbersOf = async (who: Who, query = '') => (await w.ok(who, 'GET', `/api/v1/orders${query}`)).items.map((o: { title: string }) => o.title.replace('合同 ', ''));

  it('sales see their customers’ orders; a manager their department’s; finance all — newest signed first', async () => {
    expect(await numbersOf('salesA')).toEqual(['A2-usd', 'A1-small', 'A1-big']);
    expect(await numbersOf('salesS')).toEqual(['S1-mid']);
    expect(await numbersOf('manager')).toEqual(['A2-usd', 'A1-small', 'A1-big']);
    expect(await numbersOf('finance')).toEqual(['S1-mid', 'A2-usd', 'A1-small', 'A1-big']);
  });

  it('filters by customer, owner, department, product, status, signed dates, amount with currency, and text', async () => {
    //  query                                                            orders
    const cases: [string, string[]][] = [
      [`?customer=${w.customer.A1}`, ['A1-small', 'A1-big']],
      [`?owner=${w.user.salesS}`, ['S1-mid']],
      [`?department=${w.dept.east}`, ['A2-usd', 'A1-small', 'A1-big']],
      [`?department=${w.dept.shanghai}`, []],
      [`?product=${w.product.service}`, ['A1-small']],
      ['?status=confirmed', ['A1-big']],
      ['?status=draft', ['S1-mid', 'A2-usd', 'A1-small']],
      ['?signedFrom=2026-10-01&signedTo=2026-10-31', ['A2-usd', 'A1-small']],
      ['?currency=CNY&amountMin=100.00&amountMax=1200.00', ['S1-mid', 'A1-small']],
      ['?currency=USD', ['A2-usd']],
      ['?q=small', ['A1-small']],
      ['?q=OD-2026-00000', ['S1-mid', 'A2-usd', 'A1-small', 'A1-big']],
    ];
    for (const [query, expected] of cases) expect([query, await numbersOf('finance', query)]).toEqual([query, expected]);
    const noCurrency = await w.call('finance', 'GET', '/api/v1/orders?amountMin=100.00');
    expect([noCurrency.statusCode, noCurrency.json().code, noCurrency.json().errors[0].field]).toEqual([422, 'validation_failed', 'amountMin']);
  });

  it('sorts by signed date, number or total either way, and pages through with the cursor of that sort only', async () => {
    expect(await numbersOf('finance', '?sort=signedDate')).toEqual(['A1-big', 'A1-small', 'A2-usd', 'S1-mid']);
    expect(await numbersOf('finance', '?sort=number')).toEqual(['A1-big', 'A1-small', 'A2-usd', 'S1-mid']);
    expect(await numbersOf('finance', '?sort=-total')).toEqual(['A1-big', 'S1-mid', 'A2-usd', 'A1-small']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = await w.ok('finance', 'GET', `/api/v1/orders?sort=total&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((o) => o.title.replace('合同 ', '')));
      cursor = page.nextCursor;
      if (cursor) {
        const wrongSort = await w.call('finance', 'GET', `/api/v1/orders?sort=number&cursor=${cursor}`);
        expect([wrongSort.statusCode, wrongSort.json().code]).toEqual([422, 'validation_failed']);
      }
    } while (cursor);
    expect(seen).toEqual(['A1-small', 'A2-usd', 'S1-mid', 'A1-big']);
  });
});

describe('PATCH a draft', () => {
  it('moves it to another customer of the rep (owner and department follow) and re-prices it in another currency', async () => {
    const id = orders['A1-small']!;
    const moved = await w.ok('salesA', 'PATCH', `/api/v1/orders/${id}`, { customerId: w.customer.A2 });
    expect(moved).toMatchObject({ customerId: w.customer.A2, ownerId: w.user.salesA, departmentId: w.dept.east });
    const needsLines = await w.call('salesA', 'PATCH', `/api/v1/orders/${id}`, { currency: 'JPY' });
    expect([needsLines.statusCode, needsLines.json().code, needsLines.json().errors[0].field]).toEqual([422, 'validation_failed', 'lines']);
    const yen = await w.ok('salesA', 'PATCH', `/api/v1/orders/${id}`, { currency: 'JPY', lines: [line(w.product.service, '実装', '3', '15000')] });
    expect(yen).toMatchObject({ currency: 'JPY', total: '45000' });
    const decimals = await w.call('salesA', 'PATCH', `/api/v1/orders/${id}`, { lines: [line(null, 'x', '1', '1.50')] });
    expect([decimals.statusCode, decimals.json().code]).toEqual([422, 'too_many_decimals']); // JPY has none
  });
});

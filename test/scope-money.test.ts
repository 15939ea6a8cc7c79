import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyRow } from '../src/app/auth/sessions.js';
import { newId } from '../src/app/ids.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { operationsOf, pathCombinations, sampleOf, unsafeMethods, urlOf, type Operation } from './helpers/openapi-walk.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/**
 * Data scopes on money. Departments 华东 (with its sub-department 上海) and 华南; sales reps A (华东),
 * B (上海) and S (华南); manager M (华东); finance; auditor. Each rep creates their own customers; finance
 * posts their money. Who sees which customer, which entry and which total is spelled out as tables.
 */
let t: TestApp;
let tenantId: string;
const dept = { east: newId(), shanghai: newId(), south: newId() };
const user: Record<string, string> = {};
const session: Record<string, TestSession> = {};
const customer: Record<string, string> = {}; // code → id
const entry: Record<string, string> = {}; // label → id
let apiKeyId: string;

type Who = 'salesA' | 'salesB' | 'salesS' | 'manager' | 'finance' | 'auditor';
const people: [Who, role: string, department: string | null][] = [
  ['salesA', 'sales', dept.east],
  ['salesB', 'sales', dept.shanghai],
  ['salesS', 'sales', dept.south],
  ['manager', 'manager', dept.east],
  ['finance', 'finance', null],
  ['auditor', 'auditor', null],
];

async function call(who: Who, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
  return t.app.inject(as(session[who]!, { method, url, payload, headers }));
}

async function post(who: Who, url: string, payload: object, headers: Record<string, string> = {}) {
  const res = await call(who, 'POST', url, payload, headers);
  expect(res.statusCode, `${who} POST ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

const line = (account: string, side: 'debit' | 'credit', amount: string, customerCode?: string, currency = 'CNY') => ({
  account, side, amount, currency, ...(customerCode ? { customerId: customer[customerCode]! } : {}),
});

async function book(label: string, lines: ReturnType<typeof line>[], entryDate = '2026-11-10') {
  const res = await post('finance', '/api/v1/ledger/entries', { entryDate, memo: label, lines }, { 'idempotency-key': `scope-${encodeURIComponent(label)}` });
  entry[label] = res.id;
}

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'scopes');
  await t.db.insertInto('departments').values([
    { tenant_id: tenantId, id: dept.east, code: 'EAST', name: '华东', parent_id: null },
    { tenant_id: tenantId, id: dept.shanghai, code: 'SH', name: '上海', parent_id: dept.east },
    { tenant_id: tenantId, id: dept.south, code: 'SOUTH', name: '华南', parent_id: null },
  ]).execute();
  for (const [who, role, departmentId] of people) {
    user[who] = await createUser(t.db, tenantId, { login: who, role, departmentId });
    session[who] = await sessionFor(t.db, tenantId, user[who]!);
  }
  // Each rep creates their own customers; A tries to give A3 to B, and still owns it.
  const created: [Who, string, object?][] = [
    ['salesA', 'A1'], ['salesA', 'A2'], ['salesA', 'A3', { ownerId: user.salesB, departmentId: dept.south }],
    ['salesB', 'B1'], ['salesS', 'S1'], ['finance', 'H1'],
  ];
  for (const [who, code, extra] of created) {
    customer[code] = (await post(who, '/api/v1/customers', { code, name: `客户 ${code}`, ...extra })).id;
  }
  apiKeyId = (await t.db.transaction().execute((trx) => createApiKeyRow(trx, tenantId, { name: 'erp', permissions: ['customers.view'], dataScope: 'all', createdBy: user.finance! }))).id;
  await book('A1 order', [line('accounts_receivable', 'debit', '1000.00', 'A1'), line('sales', 'credit', '1000.00', 'A1')]);
  await book('A1 receipt', [line('cash:bank_transfer', 'debit', '400.00', 'A1'), line('accounts_receivable', 'credit', '400.00', 'A1')]);
  await book('A1 prepayment', [line('cash:bank_transfer', 'debit', '50.00', 'A1'), line('customer_advances', 'credit', '50.00', 'A1')]);
  await book('A2 order', [line('accounts_receivable', 'debit', '200.00', 'A2', 'USD'), line('sales', 'credit', '200.00', 'A2', 'USD')]);
  await book('B1 order', [line('accounts_receivable', 'debit', '300.00', 'B1'), line('sales', 'credit', '300.00', 'B1')]);
  await book('S1 order', [line('accounts_receivable', 'debit', '999.00', 'S1'), line('sales', 'credit', '999.00', 'S1')]);
  await book('H1 order', [line('accounts_receivable', 'debit', '10.00', 'H1'), line('sales', 'credit', '10.00', 'H1')]);
  await book('A1→B1 transfer', [line('accounts_receivable', 'debit', '5.00', 'A1'), line('accounts_receivable', 'credit', '5.00', 'B1')]);
  await book('A1→S1 transfer', [line('accounts_receivable', 'debit', '1.00', 'A1'), line('accounts_receivable', 'credit', '1.00', 'S1')]);
  await book('bank fee', [line('gateway_fees', 'debit', '2.00'), line('cash:bank_transfer', 'credit', '2.00')]);
});
afterAll(async () => t?.close());

const all = ['A1', 'A2', 'A3', 'B1', 'H1', 'S1'];

//  who        sees these customers (and their money), nothing else
const visibleCustomers: [Who, string[]][] = [
  ['salesA', ['A1', 'A2', 'A3']],
  ['salesB', ['B1']],
  ['salesS', ['S1']],
  ['manager', ['A1', 'A2', 'A3', 'B1']], // 华东 and its sub-department 上海
  ['finance', all],
  ['auditor', all],
];

describe('customers: each person sees exactly their scope', () => {
  it('a sales rep owns what they create, whatever owner they name', async () => {
    const a3 = await t.db.selectFrom('customers').select(['owner_id', 'department_id']).where('id', '=', customer.A3!).executeTakeFirstOrThrow();
    expect(a3).toEqual({ owner_id: user.salesA, department_id: dept.east });
  });

  it.each(visibleCustomers)('%s lists exactly %j', async (who, codes) => {
    const res = await call(who, 'GET', '/api/v1/customers');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((c: { code: string }) => c.code)).toEqual(codes);
  });

  it.each(visibleCustomers)('%s gets %j one by one, with balances; every other customer is 404', async (who, codes) => {
    for (const code of all) {
      const expected = codes.includes(code) ? 200 : 404;
      const one = await call(who, 'GET', `/api/v1/customers/${customer[code]}`);
      const balances = await call(who, 'GET', `/api/v1/customers/${customer[code]}/balances`);
      expect([code, one.statusCode, balances.statusCode]).toEqual([code, expected, expected]);
      if (expected === 404) expect(one.json().code).toBe('not_found');
    }
  });

  it('shows receivable and advance per currency as decimal strings', async () => {
    const items = (await call('salesA', 'GET', '/api/v1/customers')).json().items as { code: string; balances: unknown }[];
    //  customer  currency  receivable (1000 − 400 + 5 + 1)  advance
    expect(Object.fromEntries(items.map((c) => [c.code, c.balances]))).toEqual({
      A1: [{ currency: 'CNY', receivable: '606.00', advance: '50.00' }],
      A2: [{ currency: 'USD', receivable: '200.00', advance: '0.00' }],
      A3: [],
    });
    const b1 = (await call('manager', 'GET', `/api/v1/customers/${customer.B1}`)).json();
    expect(b1.balances).toEqual([{ currency: 'CNY', receivable: '295.00', advance: '0.00' }]); // 300 − 5
  });

  it('lists a customer’s balance per account and currency', async () => {
    const { balances } = (await call('salesA', 'GET', `/api/v1/customers/${customer.A1}/balances`)).json();
    //  account               debit      credit     balance (Dr +)
    expect(balances.map((b: Record<string, string>) => [b.account, b.currency, b.debit, b.credit, b.balance])).toEqual([
      ['accounts_receivable', 'CNY', '1006.00', '400.00', '606.00'],
      ['cash:bank_transfer', 'CNY', '450.00', '0.00', '450.00'],
      ['customer_advances', 'CNY', '0.00', '50.00', '-50.00'],
      ['sales', 'CNY', '0.00', '1000.00', '-1000.00'],
    ]);
  });

  it('filters by owner, department (with sub-departments) and text, within the scope', async () => {
    const codes = async (who: Who, query: string) => (await call(who, 'GET', `/api/v1/customers${query}`)).json().items.map((c: { code: string }) => c.code);
    expect(await codes('manager', `?department=${dept.shanghai}`)).toEqual(['B1']);
    expect(await codes('manager', `?department=${dept.east}`)).toEqual(['A1', 'A2', 'A3', 'B1']);
    expect(await codes('manager', `?department=${dept.south}`)).toEqual([]); // outside the manager's scope
    expect(await codes('finance', `?department=${dept.south}`)).toEqual(['S1']);
    expect(await codes('finance', `?owner=${user.salesA}`)).toEqual(['A1', 'A2', 'A3']);
    expect(await codes('salesB', `?owner=${user.salesA}`)).toEqual([]);
    expect(await codes('finance', '?q=%E5%AE%A2%E6%88%B7%20b')).toEqual(['B1']); // "客户 b", any case
    expect(await codes('finance', '?q=%25')).toEqual([]); // a literal "%", not a wildcard
  });

  it('pages through the list by cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { code: string }[]; nextCursor: string | null } = (await call('finance', 'GET', `/api/v1/customers?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((c) => c.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it.each([
    //  cursor                                                                  why it is not one the list hands out
    [Buffer.from(JSON.stringify(['A\u0000'])).toString('base64url'),           'a NUL character (PostgreSQL refuses it)'],
    [Buffer.from('["\\ud800"]').toString('base64url'),                        'an unpaired surrogate'],
    [Buffer.from(JSON.stringify([''])).toString('base64url'),                   'an empty code'],
    [Buffer.from(JSON.stringify(['A1', 'x'])).toString('base64url'),            'more than a code'],
    [Buffer.from(JSON.stringify(['A12'])).toString('base64'),                   'padded base64, not what the list writes'],
    [Buffer.from(' ["A1"]').toString('base64url'),                              'JSON written another way'],
    [Buffer.from(JSON.stringify([1])).toString('base64url'),                    'not a string'],
    ['bm9wZQ',                                                                 'not JSON'],
  ])('refuses the customer cursor %s (%s) with 422 on the cursor field', async (cursor, _why) => {
    const res = await call('finance', 'GET', `/api/v1/customers?cursor=${encodeURIComponent(cursor)}`);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cursor' }] });
  });

  it('audits every creation, and refuses a taken code (409) or a blank name (422) without writing', async () => {
    const audit = await t.db.selectFrom('audit_log').select(['actor_id', 'after']).where('tenant_id', '=', tenantId).where('action', '=', 'customer.created').where('entity_id', '=', customer.A3!).executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_id: user.salesA, after: { code: 'A3', name: '客户 A3', ownerId: user.salesA, departmentId: dept.east } });
    const count = async () => (await t.db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).execute()).length;
    const before = await count();
    const taken = await call('salesB', 'POST', '/api/v1/customers', { code: 'A1', name: 'again' });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'already_exists']);
    const blank = await call('salesB', 'POST', '/api/v1/customers', { code: 'B9', name: '   ' });
    expect([blank.statusCode, blank.json().code, blank.json().errors[0].field]).toEqual([422, 'validation_failed', 'name']);
    expect(await count()).toBe(before);
  });

  it('a manager creates customers in their department, not outside it', async () => {
    const inside = await post('manager', '/api/v1/customers', { code: 'M1', name: 'manager customer' });
    expect(inside).toMatchObject({ ownerId: null, departmentId: dept.east });
    const outside = await call('manager', 'POST', '/api/v1/customers', { code: 'M2', name: 'elsewhere', departmentId: dept.south });
    expect(outside.statusCode).toBe(403);
    expect(await t.db.selectFrom('customers').select('id').where('code', '=', 'M2').execute()).toEqual([]);
  });
});

describe('ledger: entries and totals follow the same scopes', () => {
  //  who        trial balance  A1 order  A1→B1  A1→S1  bank fee (no customer)
  const table: [Who, number, number, number, number, number][] = [
    ['salesA', 403, 403, 403, 403, 403], // sales has no ledger.view
    ['manager', 403, 200, 200, 404, 404], // every customer on the entry must be theirs
    ['finance', 200, 200, 200, 200, 200],
    ['auditor', 200, 200, 200, 200, 200],
  ];
  it.each(table)('%s: trial balance %i, entries %i %i %i %i', async (who, tb, a1, a1b1, a1s1, fee) => {
    const statuses = [(await call(who, 'GET', '/api/v1/ledger/trial-balance')).statusCode];
    for (const label of ['A1 order', 'A1→B1 transfer', 'A1→S1 transfer', 'bank fee']) {
      statuses.push((await call(who, 'GET', `/api/v1/ledger/entries/${entry[label]}`)).statusCode);
    }
    expect(statuses).toEqual([tb, a1, a1b1, a1s1, fee]);
  });

  it('the trial balance sums to zero in every currency', async () => {
    const { totals } = (await call('auditor', 'GET', '/api/v1/ledger/trial-balance')).json();
    expect(totals).toEqual([{ currency: 'CNY', balance: '0.00' }, { currency: 'USD', balance: '0.00' }]);
  });

  it('only ledger.post may post: sales, manager and auditor are forbidden', async () => {
    for (const who of ['salesA', 'manager', 'auditor'] as const) {
      const res = await call(who, 'POST', '/api/v1/ledger/entries', { entryDate: '2026-11-11', lines: [line('accounts_receivable', 'debit', '1.00', 'A1'), line('sales', 'credit', '1.00', 'A1')] }, { 'idempotency-key': `try-${who}` });
      expect([who, res.statusCode]).toEqual([who, 403]);
    }
  });
});

describe('the auditor changes nothing', () => {
  // POSTs an auditor may use: they touch only the auditor's own sign-in, or change nothing at all (a read
  // whose question is a JSON body).
  const selfService: Record<string, string> = {
    'POST /api/v1/auth/sign-in': 'public: signing in',
    'POST /api/v1/webhooks/{provider}/{integrationId}': 'public: signed by the payment provider, not a session',
    'POST /api/v1/auth/sign-out': "ends the auditor's own session",
    'POST /api/v1/auth/password': "changes the auditor's own password",
    'POST /api/v1/reports/pivot': 'read-only: a report query sent as a body',
    'POST /api/v1/reports/pivot/export': 'read-only: the pivot as a file (it writes only its export.created audit record, as every export does)',
    'POST /api/v1/notifications/read': "marks the auditor's own notifications read",
    'POST /api/v1/notifications/read-all': "marks the auditor's own notifications read",
    'PUT /api/v1/notification-preferences': "the auditor's own email and language choice",
    // Report templates are a person's own saved views (receipts.view suffices); sharing them or delivering them to
    // anyone else needs reports.manage, which the auditor does not hold. test/report-templates.test.ts covers them.
    'POST /api/v1/report-templates': "saves the auditor's own report template",
    'PATCH /api/v1/report-templates/{id}': "changes the auditor's own report template",
    'DELETE /api/v1/report-templates/{id}': "deletes the auditor's own report template",
    'POST /api/v1/report-templates/{id}/run': 'read-only: runs a report as the auditor',
    'PUT /api/v1/report-templates/{id}/schedule': "delivers the auditor's own template to the auditor alone",
    'DELETE /api/v1/report-templates/{id}/schedule': "stops that delivery",
  };

  it('every POST, PUT, PATCH and DELETE in the API answers 403 forbidden, and no row of the tenant changes', async () => {
    const operations = (await operationsOf(t.app)).filter((op) => unsafeMethods.has(op.method));
    expect(operations.length).toBeGreaterThan(5);
    for (const key of Object.keys(selfService)) expect(operations.map((op) => `${op.method} ${op.path}`)).toContain(key);

    const before = await tenantSnapshot(t.db, tenantId, { exclude: ['sessions'] });
    const outcome: { operation: string; status: number; code: string }[] = [];
    for (const op of operations) {
      const name = `${op.method} ${op.path}`;
      if (name in selfService) continue;
      for (const params of pathCombinations(op, (param) => realValuesFor(param, op))) {
        const res = await t.app.inject(as(session.auditor!, {
          method: op.method,
          url: urlOf(op, params),
          headers: { 'idempotency-key': newId() },
          ...(op.body ? { payload: sampleOf(op.body, { valueFor: realValueFor }) as object } : {}),
        }));
        outcome.push({ operation: `${op.method} ${urlOf(op, params)}`, status: res.statusCode, code: codeOf(res.body) });
      }
    }
    const table = outcome.map((o) => `${o.status} ${o.code.padEnd(20)} ${o.operation}`).join('\n');
    expect(outcome.filter((o) => o.status !== 403 || o.code !== 'forbidden'), `auditor outcomes:\n${table}`).toEqual([]);
    expect(await tenantSnapshot(t.db, tenantId, { exclude: ['sessions'] })).toEqual(before);
  });
});

function codeOf(body: string): string {
  try {
    return String((JSON.parse(body) as { code?: unknown }).code ?? '-');
  } catch {
    return '-';
  }
}

/** Real ids of this tenant for a path parameter, by the collection it follows (/customers/{id} …). */
function realValuesFor(param: string, op: Operation): string[] {
  const segments = op.path.split('/');
  const collection = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
  const byCollection: Record<string, string[]> = {
    customers: [customer.A1!],
    users: [user.salesA!],
    departments: [dept.east],
    entries: [entry['A1 order']!],
    roles: ['sales'],
    periods: ['2026-11'],
    'api-keys': [apiKeyId],
  };
  return byCollection[collection] ?? [customer.A1!];
}

/** Body fields that name records get real ones, so a refusal cannot come from "no such record". */
function realValueFor(name: string): unknown {
  const known: Record<string, unknown> = { customerId: customer.A1, ownerId: user.salesA, userId: user.salesA, departmentId: dept.east, parentId: dept.east, role: 'sales', currency: 'CNY', amount: '1.00', account: 'accounts_receivable' };
  return known[name];
}

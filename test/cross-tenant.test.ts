import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyRow } from '../src/app/auth/sessions.js';
import { newId } from '../src/app/ids.js';
import { permissions } from '../src/core/auth/permissions.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { operationsOf, pathCombinations, sampleOf, urlOf, type Operation } from './helpers/openapi-walk.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/**
 * Tenant isolation, walked over the whole API as it exists when the test runs: tenant A ("amber") has real
 * data of every kind; tenant B's administrator, holding every permission, calls every operation of the
 * OpenAPI document with A's real ids in the path, the query and the body, by session and by API key.
 * Nothing of A may appear in any answer, and not one of A's rows may change.
 */
let t: TestApp;
const A = {
  tenantId: '',
  closedMonth: '2026-10',
  ids: {
    customers: [] as string[], users: [] as string[], departments: [] as string[], entries: [] as string[], apiKeys: [] as string[], sessions: [] as string[], audit: [] as string[], accounts: [] as string[],
    products: [] as string[], orders: [] as string[], instalments: [] as string[], receipts: [] as string[], refunds: [] as string[], adjustments: [] as string[],
    reportTemplates: [] as string[], reportDeliveries: [] as string[],
  },
  customRole: 'amber_collector',
  /** Every id, code and name of A that must never reach B. */
  secrets: [] as string[],
};
let bAdmin: string;
let bTenantId: string;
let bApiKey: string;

const operationsMin = 10;

beforeAll(async () => {
  t = await startTestApp();
  await buildTenantA();
  bTenantId = await newTenant(t.db, 'birch-co');
  bAdmin = await createUser(t.db, bTenantId, { login: 'birch.admin', role: 'admin' });
  const bSession = await sessionFor(t.db, bTenantId, bAdmin);
  bApiKey = await createKey(bSession, 'birch-integration');
});
afterAll(async () => t?.close());

/** Creates an API key through the API when the API has the route, else directly. */
async function createKey(session: TestSession, name: string): Promise<string> {
  const res = await t.app.inject(as(session, { method: 'POST', url: '/api/v1/api-keys', payload: { name, permissions: [...permissions], dataScope: 'all' } }));
  if (res.statusCode === 201) return res.json().key;
  expect(res.statusCode, res.body).toBe(404); // the route does not exist (yet)
  const tenantId = session.token.split('.')[0]!;
  const creator = (await t.db.selectFrom('sessions').select('user_id').where('id', '=', session.token.split('.')[1]!).executeTakeFirstOrThrow()).user_id;
  return (await t.db.transaction().execute((trx) => createApiKeyRow(trx, tenantId, { name, permissions: [...permissions], dataScope: 'all', createdBy: creator }))).key;
}

async function buildTenantA(): Promise<void> {
  const db = t.db;
  A.tenantId = await newTenant(db, 'amber-co');
  await db.updateTable('tenants').set({ name: 'Amber Trading 琥珀贸易' }).where('id', '=', A.tenantId).execute();
  const [east, north] = [newId(), newId()];
  await db.insertInto('departments').values([
    { tenant_id: A.tenantId, id: east, code: 'AMB-EAST', name: '琥珀华东部', parent_id: null },
    { tenant_id: A.tenantId, id: north, code: 'AMB-NORTH', name: '琥珀华北部', parent_id: east },
  ]).execute();
  await db.insertInto('roles').values({ tenant_id: A.tenantId, code: A.customRole, name: 'Amber Collector 琥珀催收', permissions: ['customers.view', 'receipts.view'], data_scope: 'department' }).execute();
  const admin = await createUser(db, A.tenantId, { login: 'amber.admin', role: 'admin', departmentId: east });
  const rep = await createUser(db, A.tenantId, { login: 'amber.rep', role: 'sales', departmentId: north });
  const collector = await createUser(db, A.tenantId, { login: 'amber.collector', role: A.customRole, departmentId: east });
  await db.updateTable('users').set({ email: 'amber.rep@amber.example', phone: '13912340001', display_name: '琥珀销售员' }).where('id', '=', rep).execute();
  A.ids.users.push(admin, rep, collector);
  A.ids.departments.push(east, north);

  const adminSession = await sessionFor(db, A.tenantId, admin);
  const repSession = await sessionFor(db, A.tenantId, rep);
  const send = async (session: TestSession, options: InjectOptions) => {
    const res = await t.app.inject(as(session, options));
    expect(res.statusCode, `${options.method} ${options.url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  for (const [session, code, name] of [[repSession, 'AMB-C001', '琥珀客户一号'], [adminSession, 'AMB-C002', 'Amber Customer Two']] as const) {
    A.ids.customers.push((await send(session, { method: 'POST', url: '/api/v1/customers', payload: { code, name } })).id);
  }
  const [c1, c2] = A.ids.customers as [string, string];
  const postEntry = async (key: string, entryDate: string, customerId: string, amount: string) =>
    (await send(adminSession, {
      method: 'POST', url: '/api/v1/ledger/entries', headers: { 'idempotency-key': key },
      payload: { entryDate, memo: 'amber order', lines: [{ account: 'accounts_receivable', side: 'debit', amount, currency: 'CNY', customerId }, { account: 'sales', side: 'credit', amount, currency: 'CNY', customerId }] },
    })).id as string;
  A.ids.entries.push(await postEntry('amber-1', '2026-10-15', c1, '1234.56'));
  A.ids.entries.push(await postEntry('amber-2', '2026-11-02', c2, '88.00'));
  A.ids.entries.push((await send(adminSession, { method: 'POST', url: `/api/v1/ledger/entries/${A.ids.entries[1]}/reversal`, payload: { entryDate: '2026-11-03', reason: 'amber wrong amount' } })).id);

  await buildReceivablesOfA(send, adminSession, repSession, c1);

  await buildReportTemplatesOfA(send, adminSession, admin);

  const keyRes = await t.app.inject(as(adminSession, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'amber-erp-key', permissions: ['customers.view'], dataScope: 'all' } }));
  if (keyRes.statusCode === 201) A.ids.apiKeys.push(keyRes.json().id);
  else A.ids.apiKeys.push((await db.transaction().execute((trx) => createApiKeyRow(trx, A.tenantId, { name: 'amber-erp-key', permissions: ['customers.view'], dataScope: 'all', createdBy: admin }))).id);

  const close = await t.app.inject(as(adminSession, { method: 'POST', url: `/api/v1/periods/${A.closedMonth}/close` }));
  if (close.statusCode === 404) {
    await db.insertInto('accounting_periods').values({ tenant_id: A.tenantId, month: `${A.closedMonth}-01`, closed: true, closed_at: new Date(), closed_by: admin, reopened_at: null, reopened_by: null, reopen_reason: null }).execute();
  } else {
    expect(close.statusCode, close.body).toBe(200);
  }

  A.ids.sessions.push(...(await db.selectFrom('sessions').select('id').where('tenant_id', '=', A.tenantId).execute()).map((r) => r.id));
  A.ids.audit.push(...(await db.selectFrom('audit_log').select('id').where('tenant_id', '=', A.tenantId).execute()).map((r) => r.id));
  A.ids.accounts.push(...(await db.selectFrom('accounts').select('id').where('tenant_id', '=', A.tenantId).execute()).map((r) => r.id));
  expect(A.ids.audit.length).toBeGreaterThanOrEqual(5);
  A.secrets = [
    A.tenantId, 'amber-co', 'Amber Trading', '琥珀',
    ...Object.values(A.ids).flat(),
    'AMB-EAST', 'AMB-NORTH', 'AMB-C001', 'AMB-C002', 'Amber Customer Two', A.customRole, 'Amber Collector',
    'amber.admin', 'amber.rep', 'amber.collector', 'amber.rep@amber.example', '13912340001', '1234.56', 'amber-erp-key', 'amber wrong amount', 'amber order',
    'AMB-P01', 'Amber Widget 琥珀部件', 'Amber contract', 'Amber Payer', 'AMBER-REF-77', 'amber refund please', 'amber reduced', '7.7777',
    'Amber weekly aging', 'amber-aging-file',
  ];
}

/**
 * A's receivables: a product, a USD rate, a confirmed order with a two-instalment plan, a receipt over it
 * with an overpayment, a pending receipt, a requested refund and a requested credit note — a record of every
 * kind for B to aim at.
 */
async function buildReceivablesOfA(send: (session: TestSession, options: InjectOptions) => Promise<any>, admin: TestSession, rep: TestSession, customerId: string): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = () => ({ 'idempotency-key': newId() });
  A.ids.products.push((await send(admin, { method: 'POST', url: '/api/v1/products', payload: { code: 'AMB-P01', name: 'Amber Widget 琥珀部件' } })).id);
  await send(admin, { method: 'POST', url: '/api/v1/fx-rates', payload: { currency: 'USD', rateDate: '2026-11-01', rate: '7.7777' } });
  const order = await send(rep, {
    method: 'POST', url: '/api/v1/orders', headers: key(),
    payload: { customerId, title: 'Amber contract', currency: 'CNY', signedDate: '2026-11-05', lines: [{ productId: A.ids.products[0], description: 'widgets', quantity: '3', unitPrice: '200.00' }], instalments: [{ dueDate: '2026-11-30', amount: '300.00' }, { dueDate: '2026-12-31', amount: '300.00' }] },
  });
  A.ids.orders.push(order.id);
  const confirmed = await send(rep, { method: 'POST', url: `/api/v1/orders/${order.id}/confirm`, headers: key(), payload: {} });
  A.ids.instalments.push(...confirmed.plan.map((i: { id: string }) => i.id));
  const receipt = await send(admin, {
    method: 'POST', url: '/api/v1/receipts', headers: key(),
    payload: { customerId, kind: 'order_payment', amount: '450.00', currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-10', payerName: 'Amber Payer', externalRef: 'AMBER-REF-77', allocations: [{ orderId: order.id, amount: '400.00' }] },
  });
  A.ids.receipts.push(receipt.id);
  const finance = await sessionFor(t.db, A.tenantId, await createUser(t.db, A.tenantId, { login: 'amber.finance', role: 'finance' }));
  await send(finance, { method: 'POST', url: `/api/v1/receipts/${receipt.id}/confirm`, headers: key(), payload: {} });
  A.ids.receipts.push((await send(rep, { method: 'POST', url: '/api/v1/receipts', headers: key(), payload: { customerId, kind: 'prepayment', amount: '10.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-11' } })).id);
  A.ids.refunds.push((await send(rep, { method: 'POST', url: '/api/v1/refunds', headers: key(), payload: { customerId, receiptId: receipt.id, amount: '20.00', currency: 'CNY', reasonCode: 'overpayment', reasonText: 'amber refund please' } })).id);
  A.ids.adjustments.push((await send(rep, { method: 'POST', url: '/api/v1/adjustments', headers: key(), payload: { kind: 'credit_note', orderId: order.id, amount: '50.00', reasonCode: 'order_reduced', reasonText: 'amber reduced' } })).id);
}

/** A's report template, shared and scheduled, and a file delivered to A's administrator. */
async function buildReportTemplatesOfA(send: (session: TestSession, options: InjectOptions) => Promise<any>, admin: TestSession, adminId: string): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const template = await send(admin, { method: 'POST', url: '/api/v1/report-templates', payload: { name: 'Amber weekly aging', kind: 'aging', definition: { params: { groupBy: 'customer' } }, chart: 'table', sharedWithRoles: [A.customRole] } });
  A.ids.reportTemplates.push(template.id);
  await send(admin, { method: 'PUT', url: `/api/v1/report-templates/${template.id}/schedule`, payload: { frequency: 'weekly', weekday: 1, hour: 8, format: 'csv', recipients: { userIds: [adminId], roles: [] }, webhook: false, enabled: true } });
  const deliveryId = newId();
  await t.db.insertInto('report_deliveries').values({
    tenant_id: A.tenantId, id: deliveryId, template_id: template.id, template_name: 'Amber weekly aging', run_at: new Date('2026-11-16T00:00:00Z'), recipient_id: adminId,
    status: 'delivered', detail: null, format: 'csv', file_name: 'amber-aging-file.csv', content_type: 'text/csv; charset=utf-8', content: Buffer.from('amber-aging-file'), row_count: 1,
  }).execute();
  A.ids.reportDeliveries.push(deliveryId);
}

/** A's real values for a path parameter: by its name, else by the collection it follows (/users/{id}). */
function aValuesFor(param: string, op: Operation): string[] {
  const byName: Record<string, string[]> = {
    customerId: A.ids.customers, userId: A.ids.users, entryId: A.ids.entries, departmentId: A.ids.departments,
    keyId: A.ids.apiKeys, sessionId: A.ids.sessions, month: [A.closedMonth], code: [A.customRole],
    orderId: A.ids.orders, receiptId: A.ids.receipts, refundId: A.ids.refunds, adjustmentId: A.ids.adjustments, productId: A.ids.products,
  };
  if (byName[param]) return byName[param];
  const segments = op.path.split('/');
  const collection = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
  const byCollection: Record<string, string[]> = {
    customers: A.ids.customers, users: A.ids.users, departments: A.ids.departments, entries: A.ids.entries,
    'api-keys': A.ids.apiKeys, sessions: A.ids.sessions, audit: A.ids.audit, roles: [A.customRole], periods: [A.closedMonth],
    orders: A.ids.orders, receipts: A.ids.receipts, refunds: A.ids.refunds, adjustments: A.ids.adjustments, products: A.ids.products,
    'report-templates': A.ids.reportTemplates, 'report-deliveries': A.ids.reportDeliveries,
  };
  return byCollection[collection] ?? Object.values(A.ids).flat();
}

/** Body and query fields that name records get A's records: B must not be able to point at them. */
function aValueFor(name: string): unknown {
  const byName: Record<string, unknown> = {
    customerId: A.ids.customers[0], ownerId: A.ids.users[1], owner: A.ids.users[1], userId: A.ids.users[1], actor: A.ids.users[0],
    departmentId: A.ids.departments[0], department: A.ids.departments[0], parentId: A.ids.departments[0], entryId: A.ids.entries[0],
    entityId: A.ids.customers[0], role: A.customRole, amount: '1.00', currency: 'CNY', account: 'accounts_receivable',
    orderId: A.ids.orders[0], instalmentId: A.ids.instalments[0], receiptId: A.ids.receipts[0], refundId: A.ids.refunds[0], productId: A.ids.products[0],
    allocations: [{ orderId: A.ids.orders[0], amount: '1.00' }],
    instalments: [{ id: A.ids.instalments[0], dueDate: '2026-12-31', amount: '1.00' }],
    permissions: ['customers.view'], dataScope: 'all',
    // A balanced entry about A's customer: what B's posting must be refused for is the customer, nothing else.
    lines: [
      { account: 'accounts_receivable', side: 'debit', amount: '1.00', currency: 'CNY', customerId: A.ids.customers[0] },
      { account: 'sales', side: 'credit', amount: '1.00', currency: 'CNY', customerId: A.ids.customers[0] },
    ],
  };
  return byName[name];
}

interface Finding { request: string; status: number; problem: string }

describe('tenant B walks every operation of the API with tenant A’s ids', () => {
  it('sees none of A’s data and changes none of A’s rows', async () => {
    const operations = await operationsOf(t.app);
    if (operations.length < operationsMin) throw new Error(`the OpenAPI document lists only ${operations.length} operations (fewer than ${operationsMin}): the walk is not seeing the routes`);
    // The live stream never ends (an inject would wait for ever); its tenant isolation is test/live.test.ts's.
    const walked = operations.filter((op) => !op.public && op.path !== '/api/v1/live');
    const before = await tenantSnapshot(t.db, A.tenantId);
    const findings: Finding[] = [];
    let requests = 0;

    for (const op of walked) {
      for (const params of pathCombinations(op, aValuesFor)) {
        const query = Object.fromEntries(op.query.flatMap((q) => {
          const value = aValueFor(q.name) ?? (q.required ? sampleOf(q.schema, { valueFor: () => undefined }) : undefined);
          return value === undefined ? [] : [[q.name, value]];
        }));
        const bodies: (object | undefined)[] = op.body ? [sampleOf(op.body, { valueFor: aValueFor }) as object, {}] : [undefined];
        for (const body of bodies) {
          for (const via of ['session', 'api key'] as const) {
            for (const withQuery of [true, false]) {
              if (!withQuery && Object.keys(query).length === 0) continue;
              const url = urlOf(op, params, withQuery ? query : {});
              const options: InjectOptions = { method: op.method, url, headers: { 'idempotency-key': newId() }, ...(body ? { payload: body } : {}) };
              // A fresh session every time: a walked operation may end the one before (sign-out, password change).
              const res = via === 'session'
                ? await t.app.inject(as(await sessionFor(t.db, bTenantId, bAdmin), options))
                : await t.app.inject({ ...options, headers: { ...(options.headers as object), authorization: `Bearer ${bApiKey}` } });
              requests++;
              const request = `${via}: ${op.method} ${url} ${body ? JSON.stringify(body) : ''}`;
              const leaked = leaksIn(`${JSON.stringify(res.headers)}\n${res.body}`, `${url} ${JSON.stringify(body ?? {})}`);
              if (leaked.length > 0) findings.push({ request, status: res.statusCode, problem: `answer contains A's ${leaked.join(', ')}` });
              if (res.statusCode === 401) findings.push({ request, status: res.statusCode, problem: 'not authenticated: the walk is not reaching the route' });
              if (res.statusCode >= 500) findings.push({ request, status: res.statusCode, problem: `server error: ${res.body}` });
              const namesA = Object.values(params).some((v) => /^[0-9a-f-]{36}$/.test(v) || v === A.customRole);
              if (namesA && res.statusCode < 400) findings.push({ request, status: res.statusCode, problem: 'succeeded on a record of tenant A' });
            }
          }
        }
      }
    }
    console.log(`cross-tenant walk: ${walked.length} operations (of ${operations.length} in the OpenAPI document), ${requests} requests`);
    expect(findings).toEqual([]);
    expect(await tenantSnapshot(t.db, A.tenantId)).toEqual(before);
    // Some 150 operations, each several ways (about 17,000 requests): a minute or two on CI, up to 9 minutes on
    // a machine loaded by other work, hence its own budget.
  }, 600_000);

  it('B’s administrator does reach the API (the walk is not all refusals)', async () => {
    const session = await sessionFor(t.db, bTenantId, bAdmin);
    const res = await t.app.inject(as(session, { method: 'GET', url: '/api/v1/customers' }));
    expect(res.statusCode).toBe(200);
    const viaKey = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/trial-balance', headers: { authorization: `Bearer ${bApiKey}` } });
    expect(viaKey.statusCode).toBe(200);
    // And A's own administrator does see A's data, so the needles are real.
    const aAdmin = await sessionFor(t.db, A.tenantId, A.ids.users[0]!);
    expect((await t.app.inject(as(aAdmin, { method: 'GET', url: '/api/v1/customers' }))).body).toContain('AMB-C001');
  });
});

/** A's values found in an answer; values the request itself carried (an echo of B's own input) do not count. */
function leaksIn(answer: string, request: string): string[] {
  let scrubbed = answer;
  for (const value of A.secrets) if (request.includes(value)) scrubbed = scrubbed.replaceAll(value, '<echo>');
  return A.secrets.filter((value) => scrubbed.includes(value));
}

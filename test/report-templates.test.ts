import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderToBuffer } from '../src/adapters/export/buffer.js';
import { NotifyService } from '../src/adapters/notify/service.js';
import { idFor, newId } from '../src/app/ids.js';
import { builtinTemplates } from '../src/app/reports/builtin-templates.js';
import { deliverDueReports } from '../src/app/reports/delivery.js';
import { reportRunners } from '../src/app/reports/runners.js';
import { limits } from '../src/core/limits.js';
import { checkDefinition, reportKinds, resolveRange } from '../src/core/reports/templates.js';
import { todayIn } from '../src/core/receivables/dates.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * Report templates through HTTP, and their scheduled delivery with a fixed clock. The tenant (Asia/Shanghai):
 *
 *   customer  owner  order (due)                 received         open
 *   A         rep1   1,000.00 CNY (2026-02-10)   300.00 bank      700.00
 *   B         rep2     500.00 CNY (2026-03-05)   200.00 alipay    300.00
 *
 * finance sees both customers, each sales rep only their own; viewer holds customers.view only (no reports).
 */
let t: TestApp;
let tenantId: string;
let otherTenant: TestSession;
const user = {} as Record<'finance' | 'rep1' | 'rep2' | 'manager' | 'auditor' | 'viewer', string>;
const s = {} as Record<keyof typeof user, TestSession>;
let smtp: SMTPServer;
let smtpPort: number;
const mails: { to: string[]; data: string }[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  t = await startTestApp({ notify: { worker: false } });
  tenantId = await newTenant(t.db, 'templates');
  await t.db.insertInto('roles').values({ tenant_id: tenantId, code: 'viewer', name: 'Viewer', permissions: ['customers.view'], data_scope: 'all' }).execute();
  for (const [who, role] of [['finance', 'finance'], ['rep1', 'sales'], ['rep2', 'sales'], ['manager', 'manager'], ['auditor', 'auditor'], ['viewer', 'viewer']] as const) {
    user[who] = await createUser(t.db, tenantId, { login: who, role });
    s[who] = await sessionFor(t.db, tenantId, user[who]);
  }
  const other = await newTenant(t.db, 'templates-other');
  otherTenant = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'fin', role: 'finance' }));
  const customer: Record<string, string> = {};
  for (const [name, owner] of [['A', user.rep1], ['B', user.rep2]] as const) {
    customer[name] = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customer[name], code: name, name: `客户${name}`, owner_id: owner, department_id: null }).execute();
  }
  const a = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.A!, signedDate: '2026-01-10', instalments: [['2026-02-10', '1000.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.A!, amount: '300.00', receivedDate: '2026-01-20', allocations: [[a.orderId, '300.00']] });
  const b = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.B!, signedDate: '2026-02-05', instalments: [['2026-03-05', '500.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.B!, amount: '200.00', channel: 'alipay', receivedDate: '2026-02-15', allocations: [[b.orderId, '200.00']] });
}, 60_000);

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

const call = (who: TestSession, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject(as(who, { method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) }));

async function ok(who: TestSession, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) {
  const res = await call(who, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

const agingByCustomer = { name: '我的账龄', kind: 'aging', definition: { params: { groupBy: 'customer' } }, chart: 'table' };
const dailyToSelf = (userId: string) => ({ frequency: 'daily', hour: 8, format: 'csv', recipients: { userIds: [userId], roles: [] }, webhook: false, enabled: true });

describe('built-in templates', () => {
  it('come first, read-only, with stable ids, named in the caller\'s language; their definitions are valid', async () => {
    const zh = (await ok(s.finance, 'GET', '/report-templates')).items;
    expect(zh.slice(0, builtinTemplates.length).map((x: { name: string }) => x.name)).toEqual(['账龄分析（按客户）', '月度回款率', '13 周回款预测', '按渠道月度回款', '按部门应收余额', '退款按原因']);
    expect(zh[0]).toMatchObject({ id: idFor('report-template:builtin:aging-by-customer'), builtIn: true, canEdit: false, ownerUserId: null, schedule: null });
    const en = (await call(s.finance, 'GET', '/report-templates', undefined, { 'accept-language': 'fr;q=0.9, en-GB;q=0.8, zh;q=0.1' })).json().items;
    expect(en[3].name).toBe('Monthly receipts by channel');
    for (const b of builtinTemplates) expect(checkDefinition(b.kind, b.definition), b.code).toEqual([]);
    const viewer = await call(s.viewer, 'GET', '/report-templates');
    expect(viewer.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('saving, sharing and changing templates', () => {
  it('anyone with receipts.view saves their own; others do not see it; only the owner changes or deletes it; each change audited', async () => {
    const mine = await ok(s.rep1, 'POST', '/report-templates', { ...agingByCustomer, description: '  按客户  ' });
    expect(mine).toMatchObject({ name: '我的账龄', description: '按客户', kind: 'aging', builtIn: false, ownerUserId: user.rep1, ownerName: 'rep1', sharedWithRoles: [], canEdit: true, schedule: null });
    expect((await ok(s.rep2, 'GET', '/report-templates')).items.map((x: { id: string }) => x.id)).not.toContain(mine.id);
    expect((await call(s.rep2, 'GET', `/report-templates/${mine.id}`)).statusCode).toBe(404);
    expect((await call(s.finance, 'PATCH', `/report-templates/${mine.id}`, { name: 'x' })).statusCode).toBe(404);
    const renamed = await ok(s.rep1, 'PATCH', `/report-templates/${mine.id}`, { name: '账龄（负责人）', definition: { params: { groupBy: 'owner' } } });
    expect(renamed).toMatchObject({ name: '账龄（负责人）', definition: { params: { groupBy: 'owner' } }, kind: 'aging' });
    expect((await call(s.rep1, 'DELETE', `/report-templates/${mine.id}`)).statusCode).toBe(204);
    expect((await call(s.rep1, 'GET', `/report-templates/${mine.id}`)).statusCode).toBe(404);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_id']).where('tenant_id', '=', tenantId).where('entity_id', '=', mine.id).orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'report_template.created', actor_id: user.rep1 },
      { action: 'report_template.updated', actor_id: user.rep1 },
      { action: 'report_template.deleted', actor_id: user.rep1 },
    ]);
  });

  it('sharing with roles needs reports.manage; the role\'s members see it and cannot change it; other roles do not see it', async () => {
    const refused = await call(s.rep1, 'POST', '/report-templates', { ...agingByCustomer, sharedWithRoles: ['sales'] });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
    const shared = await ok(s.finance, 'POST', '/report-templates', { ...agingByCustomer, name: '销售账龄', sharedWithRoles: ['sales'] });
    for (const rep of [s.rep1, s.rep2]) {
      const seen = (await ok(rep, 'GET', '/report-templates')).items.find((x: { id: string }) => x.id === shared.id);
      expect(seen).toMatchObject({ sharedWithRoles: ['sales'], canEdit: false, ownerName: 'finance' });
    }
    expect((await ok(s.manager, 'GET', '/report-templates')).items.map((x: { id: string }) => x.id)).not.toContain(shared.id);
    expect((await call(s.rep1, 'PATCH', `/report-templates/${shared.id}`, { name: 'mine now' })).json().code).toBe('forbidden');
    expect((await call(s.rep1, 'DELETE', `/report-templates/${shared.id}`)).json().code).toBe('forbidden');
    // A rep who copies it owns the copy, unshared.
    const copy = await ok(s.rep1, 'POST', '/report-templates', { name: `${shared.name} (copy)`, kind: shared.kind, definition: shared.definition, chart: shared.chart });
    expect(copy).toMatchObject({ canEdit: true, sharedWithRoles: [] });
    const unknownRole = await call(s.finance, 'PATCH', `/report-templates/${shared.id}`, { sharedWithRoles: ['planets'] });
    expect([unknownRole.statusCode, unknownRole.json().errors[0].field]).toEqual([422, 'sharedWithRoles']);
  });

  it('bad input answers stable codes, naming the field, and writes nothing', async () => {
    const before = await t.db.selectFrom('report_templates').select('id').where('tenant_id', '=', tenantId).execute();
    const cases: [object, number, string, string | undefined][] = [
      [{ ...agingByCustomer, kind: 'planet' }, 422, 'validation_failed', undefined],
      [{ ...agingByCustomer, name: '   ' }, 422, 'validation_failed', 'name'],
      [{ name: 'p', kind: 'pivot', definition: { params: { dimensions: ['month'], measures: ['received'] } }, chart: 'bar' }, 422, 'validation_failed', 'definition.range'],
      [{ name: 'p', kind: 'pivot', definition: { params: { dimensions: ['month'], measures: ['received'], from: '2026-01-01' }, range: { preset: 'this_month' } }, chart: 'bar' }, 422, 'validation_failed', 'definition.params.from'],
      [{ ...agingByCustomer, definition: { params: { groupBy: 'planet' } } }, 422, 'validation_failed', 'definition.params.groupBy'],
      [{ ...agingByCustomer, definition: { params: {}, range: { preset: 'this_month' } } }, 422, 'validation_failed', 'definition.range'],
      [{ ...agingByCustomer, definition: { params: {}, range: { preset: 'someday' } } }, 422, 'validation_failed', undefined],
      [{ ...agingByCustomer, chart: 'radar' }, 422, 'validation_failed', undefined],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await call(s.finance, 'POST', '/report-templates', body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([status, code]);
      if (field) expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(body)).toContain(field);
    }
    const builtin = builtinTemplates[0]!.id;
    for (const [method, url, body] of [['PATCH', `/report-templates/${builtin}`, { name: 'x' }], ['DELETE', `/report-templates/${builtin}`], ['PUT', `/report-templates/${builtin}/schedule`, dailyToSelf(user.finance)]] as const) {
      const res = await call(s.finance, method, url, body);
      expect([res.statusCode, res.json().code]).toEqual([409, 'template_read_only']);
    }
    expect((await call(s.finance, 'GET', '/report-templates/not-a-template')).statusCode).toBe(404);
    expect(await t.db.selectFrom('report_templates').select('id').where('tenant_id', '=', tenantId).execute()).toEqual(before);
  });

  it(`a person keeps at most ${limits.reportTemplatesPerUserMax} templates`, async () => {
    const filler = await createUser(t.db, tenantId, { login: 'filler', role: 'sales' });
    await t.db.insertInto('report_templates').values(Array.from({ length: limits.reportTemplatesPerUserMax }, (_, i) => ({
      tenant_id: tenantId, id: newId(), owner_id: filler, name: `t${i}`, kind: 'aging' as const, definition: '{"params":{}}', chart: 'table' as const,
    }))).execute();
    const res = await call(await sessionFor(t.db, tenantId, filler), 'POST', '/report-templates', agingByCustomer);
    expect([res.statusCode, res.json().code, res.json().errors[0].field]).toEqual([422, 'validation_failed', 'name']);
  });
});

describe('running a template', () => {
  it('gives the report endpoint\'s own result, as the caller: finance sees both customers, a rep only theirs', async () => {
    const aging = builtinTemplates.find((b) => b.code === 'aging-by-customer')!.id;
    for (const who of [s.finance, s.rep1]) {
      const run = await ok(who, 'POST', `/report-templates/${aging}/run`);
      const direct = await ok(who, 'GET', '/reports/aging?groupBy=customer&basis=due&buckets=30,60,90');
      expect(run.result).toEqual(direct);
      expect(run.template.id).toBe(aging);
    }
    const rep1 = (await ok(s.rep1, 'POST', `/report-templates/${aging}/run`)).result;
    expect(rep1.rows.map((r: { label: string; total: string }) => [r.label, r.total])).toEqual([['A 客户A', '700.00']]);
    const fin = (await ok(s.finance, 'POST', `/report-templates/${aging}/run`)).result;
    expect(fin.totals.total).toBe('1000.00');
  });

  it('a pivot template resolves its preset to today in the tenant time zone', async () => {
    const byChannel = builtinTemplates.find((b) => b.code === 'receipts-by-channel')!;
    const run = await ok(s.finance, 'POST', `/report-templates/${byChannel.id}/run`);
    const range = resolveRange({ preset: 'last_12_months' }, todayIn('Asia/Shanghai'));
    const direct = await ok(s.finance, 'POST', '/reports/pivot', { dimensions: ['month', 'channel'], measures: ['received', 'count'], ...range });
    expect(run.result).toEqual(direct);
  });

  it('every kind runs from a template (refunds by reason here, this month); another tenant\'s template is not found', async () => {
    const refunds = builtinTemplates.find((b) => b.code === 'refunds-by-reason')!.id;
    const res = await call(s.finance, 'POST', `/report-templates/${refunds}/run`);
    expect(res.statusCode).toBe(200);
    expect(res.json().result).toMatchObject({ groupBy: 'reason', rows: expect.any(Array) });
    for (const kind of reportKinds) expect(reportRunners[kind], kind).toBeDefined();
    const mine = await ok(s.finance, 'POST', '/report-templates', agingByCustomer);
    for (const [method, url, body] of [['GET', `/report-templates/${mine.id}`], ['POST', `/report-templates/${mine.id}/run`], ['PATCH', `/report-templates/${mine.id}`, { name: 'x' }],
      ['DELETE', `/report-templates/${mine.id}`], ['PUT', `/report-templates/${mine.id}/schedule`, dailyToSelf(user.finance)], ['DELETE', `/report-templates/${mine.id}/schedule`]] as const) {
      expect((await call(otherTenant, method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
    const theirs = (await ok(otherTenant, 'GET', '/report-templates')).items;
    expect(theirs.every((x: { builtIn: boolean }) => x.builtIn)).toBe(true);
  });

  it('a template of each kind answers exactly its endpoint\'s JSON (the run response schema is the union of the reports\' own)', async () => {
    const range = { from: '2026-01-01', to: '2026-03-31' };
    const q = new URLSearchParams(range).toString();
    const pivotBody = { dimensions: ['customer'], measures: ['issued', 'received', 'outstanding', 'overdue', 'count', 'avgDaysToPay'] };
    const cases = [
      ['pivot', { params: pivotBody, range }, 'POST', '/reports/pivot', { ...pivotBody, ...range }],
      ['aging', { params: { groupBy: 'owner', buckets: '15,45' } }, 'GET', '/reports/aging?groupBy=owner&buckets=15,45'],
      ['collection', { params: {}, range }, 'GET', `/reports/collection?${q}`],
      ['forecast', { params: {} }, 'GET', '/reports/forecast'],
      ['refunds', { params: { groupBy: 'channel' }, range }, 'GET', `/reports/refunds?groupBy=channel&${q}`],
      ['unallocated', { params: {} }, 'GET', '/reports/unallocated'],
      ['reconciliation', { params: {}, range }, 'GET', `/reports/reconciliation?${q}`],
    ] as const;
    expect(cases.map(([kind]) => kind)).toEqual([...reportKinds]);
    for (const [kind, definition, method, url, body] of cases) {
      const template = await ok(s.finance, 'POST', '/report-templates', { name: `each ${kind}`, kind, definition, chart: 'table' });
      const run = await ok(s.finance, 'POST', `/report-templates/${template.id}/run`);
      expect(run.result, kind).toEqual(await ok(s.finance, method, url, body));
      expect((await call(s.finance, 'DELETE', `/report-templates/${template.id}`)).statusCode).toBe(204);
    }
  });
});

describe('schedules', () => {
  it('to oneself needs only receipts.view; to others, to roles or to webhooks needs reports.manage', async () => {
    const mine = await ok(s.rep1, 'POST', '/report-templates', agingByCustomer);
    const scheduled = await ok(s.rep1, 'PUT', `/report-templates/${mine.id}/schedule`, { ...dailyToSelf(user.rep1), frequency: 'weekly', weekday: 1, hour: 9 });
    expect(scheduled.schedule).toMatchObject({ frequency: 'weekly', weekday: 1, hour: 9, format: 'csv', enabled: true, lastRun: null });
    // The next Monday 09:00 in Shanghai is 01:00Z.
    expect(scheduled.schedule.nextRunAt).toMatch(/T01:00:00\.000Z$/);
    expect(new Date(scheduled.schedule.nextRunAt).getUTCDay()).toBe(1);
    for (const change of [{ recipients: { userIds: [user.rep2], roles: [] } }, { recipients: { userIds: [], roles: ['sales'] } }, { webhook: true }]) {
      const res = await call(s.rep1, 'PUT', `/report-templates/${mine.id}/schedule`, { ...dailyToSelf(user.rep1), ...change });
      expect([res.statusCode, res.json().code], JSON.stringify(change)).toEqual([403, 'forbidden']);
    }
    const bad: [object, string][] = [
      [{ frequency: 'weekly' }, 'weekday'],
      [{ frequency: 'monthly', dayOfMonth: 1, weekday: 3 }, 'weekday'],
      [{ recipients: { userIds: [newId()], roles: [] } }, 'recipients.userIds'],
      [{ recipients: { userIds: [], roles: [] } }, 'recipients'],
    ];
    for (const [change, field] of bad) {
      const res = await call(s.finance, 'PUT', `/report-templates/${(await ok(s.finance, 'POST', '/report-templates', agingByCustomer)).id}/schedule`, { ...dailyToSelf(user.finance), ...change });
      expect([res.statusCode, res.json().errors?.[0]?.field], JSON.stringify(change)).toEqual([422, field]);
    }
    const disabled = await ok(s.rep1, 'PUT', `/report-templates/${mine.id}/schedule`, { ...dailyToSelf(user.rep1), enabled: false });
    expect(disabled.schedule).toMatchObject({ enabled: false, nextRunAt: null });
    const removed = await ok(s.rep1, 'DELETE', `/report-templates/${mine.id}/schedule`);
    expect(removed.schedule).toBeNull();
    const actions = await t.db.selectFrom('audit_log').select('action').where('tenant_id', '=', tenantId).where('entity_id', '=', mine.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['report_template.created', 'report_template.scheduled', 'report_template.scheduled', 'report_template.unscheduled']);
  });
});

describe('scheduled delivery (fixed clock)', () => {
  // Due at 08:00 in Shanghai on 2026-03-20 = 00:00Z; the scheduler looks a minute later.
  const due = new Date('2026-03-20T00:00:00Z');
  const now = new Date('2026-03-20T00:01:00Z');
  let templateId: string;
  let subscriptionId: string;

  it('runs the report once per recipient as that recipient, stores each file, rings each bell and sends the webhook as the owner', async () => {
    await t.db.updateTable('users').set({ email: 'rep1@templates.example' }).where('id', '=', user.rep1).execute();
    await ok(s.rep1, 'PUT', '/notification-preferences', { emailEnabled: true, language: 'en' });
    subscriptionId = newId();
    await t.db.insertInto('webhook_subscriptions').values({ tenant_id: tenantId, id: subscriptionId, url: 'https://erp.example.com/kx', event_types: ['report.delivered'], secret_ciphertext: 'unused-here' }).execute();
    const template = await ok(s.finance, 'POST', '/report-templates', { ...agingByCustomer, name: '每日账龄' });
    templateId = template.id;
    // finance itself, the sales role (rep1, rep2 and the filler of the limit test), and a viewer who may not see reports.
    await ok(s.finance, 'PUT', `/report-templates/${templateId}/schedule`, { ...dailyToSelf(user.finance), recipients: { userIds: [user.finance, user.viewer], roles: ['sales'] }, webhook: true });
    await t.db.updateTable('report_schedules').set({ next_run_at: due }).where('tenant_id', '=', tenantId).where('template_id', '=', templateId).execute();
    // Another due schedule elsewhere must not be disturbed by this one; nothing else is due at `now`.
    await t.db.updateTable('report_schedules').set({ next_run_at: new Date('2027-01-01T00:00:00Z') }).where('template_id', '<>', templateId).execute();

    expect(await deliverDueReports(t.db, now, renderToBuffer)).toEqual({ runs: 1, files: 4 });

    const deliveries = await t.db.selectFrom('report_deliveries as d').innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.recipient_id'))
      .select(['d.id', 'u.login', 'd.status', 'd.detail', 'd.content', 'd.file_name', 'd.content_type', 'd.run_at'])
      .where('d.tenant_id', '=', tenantId).where('d.template_id', '=', templateId).orderBy('u.login').execute();
    expect(deliveries.map((d) => [d.login, d.status, d.detail])).toEqual([
      ['filler', 'delivered', null], ['finance', 'delivered', null], ['rep1', 'delivered', null], ['rep2', 'delivered', null],
      ['viewer', 'skipped', 'lacks the permission receipts.view'],
    ]);
    expect(deliveries.every((d) => d.run_at.getTime() === due.getTime())).toBe(true);
    const csv = (login: string) => deliveries.find((d) => d.login === login)!.content!.toString('utf8');
    // Each file holds what its recipient may see, as of the run's day (2026-03-20).
    expect(csv('finance')).toContain('A 客户A');
    expect(csv('finance')).toContain('B 客户B');
    expect(csv('finance')).toMatch(/合计.*,1000\.00\r\n$/);
    expect(csv('rep1')).toContain('A 客户A');
    expect(csv('rep1')).not.toContain('客户B');
    expect(csv('rep1')).toMatch(/Total.*,700\.00\r\n$/); // rep1 reads English
    expect(csv('rep2')).toContain('B 客户B');
    expect(csv('rep2')).not.toContain('客户A');
    expect(csv('filler')).not.toMatch(/客户[AB]/);
    expect(deliveries[1]).toMatchObject({ file_name: '每日账龄-2026-03-20.csv', content_type: 'text/csv; charset=utf-8' });

    const bell = (await ok(s.rep1, 'GET', '/notifications')).items.filter((n: { type: string }) => n.type === 'report.delivered');
    const rep1Delivery = deliveries.find((d) => d.login === 'rep1')!;
    expect(bell).toHaveLength(1);
    expect(bell[0]).toMatchObject({ title: { en: 'Scheduled report: 每日账龄' }, payload: { templateId, deliveryId: rep1Delivery.id, download: `/api/v1/report-deliveries/${rep1Delivery.id}/file` } });
    expect((await ok(s.viewer, 'GET', '/notifications')).items).toEqual([]);

    const hooks = await t.db.selectFrom('webhook_deliveries').select(['type', 'body']).where('tenant_id', '=', tenantId).where('subscription_id', '=', subscriptionId).execute();
    expect(hooks).toHaveLength(1);
    const event = JSON.parse(hooks[0]!.body) as { type: string; data: { templateId: string; resultOmitted: boolean; result: { totals: { total: string }; rows: unknown[] } } };
    expect(event.type).toBe('report.delivered');
    expect(event.data).toMatchObject({ templateId, resultOmitted: false, result: { totals: { total: '1000.00' } } });
    expect(event.data.result.rows).toHaveLength(2);

    const view = await ok(s.finance, 'GET', `/report-templates/${templateId}`);
    expect(view.schedule.lastRun).toMatchObject({ at: now.toISOString(), outcome: 'done' });
    expect(view.schedule.lastRun.detail).toBe('4 delivered; viewer skipped: lacks the permission receipts.view; webhook: 1 subscription(s)');
    expect(view.schedule.nextRunAt).toBe('2026-03-21T00:00:00.000Z');
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_kind']).where('tenant_id', '=', tenantId).where('entity_id', '=', templateId).where('action', '=', 'report_template.delivered').execute();
    expect(audit).toEqual([{ action: 'report_template.delivered', actor_kind: 'system' }]);
  });

  it('a second pass delivers nothing twice, even when two processes look at once', async () => {
    expect(await deliverDueReports(t.db, now, renderToBuffer)).toEqual({ runs: 0, files: 0 });
    const next = new Date('2026-03-21T00:00:00Z');
    const later = new Date('2026-03-21T00:00:30Z');
    const [one, two] = await Promise.all([deliverDueReports(t.db, later, renderToBuffer, { claimant: 'process-1' }), deliverDueReports(t.db, later, renderToBuffer, { claimant: 'process-2' })]);
    expect(one.runs + two.runs).toBe(1);
    expect(one.files + two.files).toBe(4);
    const perRun = await t.db.selectFrom('report_deliveries').select(['run_at', (eb) => eb.fn.countAll<string>().as('n')]).where('tenant_id', '=', tenantId).where('template_id', '=', templateId).groupBy('run_at').orderBy('run_at').execute();
    expect(perRun.map((r) => [r.run_at.toISOString(), Number(r.n)])).toEqual([[due.toISOString(), 5], [next.toISOString(), 5]]);
  });

  it('emails the file as an attachment to recipients who opted in', async () => {
    const worker = new NotifyService(t.db, randomBytes(32), { smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'kx@templates.example' }, worker: false, nowMs: () => Date.parse('2026-03-21T00:02:00Z') });
    try {
      await worker.worker.runOnce();
    } finally {
      await worker.stop();
    }
    const toRep1 = mails.filter((m) => m.to.includes('rep1@templates.example'));
    expect(toRep1).toHaveLength(2);
    const data = toRep1[0]!.data.replace(/=\r\n/g, '');
    // The subject carries Chinese, so it is RFC 2047 encoded: "Scheduled report: 每日账龄".
    expect(data).toMatch(/Subject: =\?UTF-8\?[QB]\?/);
    expect(data).toContain('/api/v1/report-deliveries/');
    expect(data).toMatch(/Content-Disposition: attachment;\s+filename/);
    expect(data).toMatch(/Content-Type: text\/csv/);
    // The attachment is the stored file (base64), with rep1's customer only.
    const base64 = /Content-Transfer-Encoding: base64\r\n(?:.*\r\n)*?\r\n([A-Za-z0-9+/=\r\n]+)/.exec(toRep1[0]!.data)?.[1] ?? '';
    const attached = Buffer.from(base64.replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(attached).toContain('A 客户A');
    expect(attached).not.toContain('客户B');
  });

  it('a delivered file is downloadable by its recipient only', async () => {
    const rows = await t.db.selectFrom('report_deliveries as d').innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.recipient_id'))
      .select(['d.id', 'u.login', 'd.status']).where('d.tenant_id', '=', tenantId).where('d.template_id', '=', templateId).execute();
    const rep1File = rows.find((r) => r.login === 'rep1')!.id;
    const res = await call(s.rep1, 'GET', `/report-deliveries/${rep1File}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(res.body).toContain('A 客户A');
    for (const who of [s.rep2, s.finance, otherTenant]) expect((await call(who, 'GET', `/report-deliveries/${rep1File}/file`)).statusCode).toBe(404);
    const skipped = rows.find((r) => r.login === 'viewer')!.id;
    expect((await call(s.viewer, 'GET', `/report-deliveries/${skipped}/file`)).statusCode).toBe(404);
  });

  it('a run that fails records why and still moves on to its next slot', async () => {
    const broken = await ok(s.finance, 'POST', '/report-templates', { name: '坏币种', kind: 'pivot', definition: { params: { dimensions: [], measures: ['received'], currency: 'XYZ' }, range: { preset: 'this_month' } }, chart: 'table' });
    await ok(s.finance, 'PUT', `/report-templates/${broken.id}/schedule`, { ...dailyToSelf(user.finance), frequency: 'monthly', dayOfMonth: 1, hour: 6, format: 'xlsx' });
    await t.db.updateTable('report_schedules').set({ next_run_at: new Date('2026-02-28T22:00:00Z') }).where('tenant_id', '=', tenantId).where('template_id', '=', broken.id).execute();
    expect(await deliverDueReports(t.db, new Date('2026-03-01T00:00:00Z'), renderToBuffer)).toEqual({ runs: 1, files: 0 });
    const view = await ok(s.finance, 'GET', `/report-templates/${broken.id}`);
    expect(view.schedule.lastRun).toMatchObject({ outcome: 'failed' });
    expect(view.schedule.lastRun.detail).toContain('unknown_currency');
    // 06:00 on 1 April in Shanghai.
    expect(view.schedule.nextRunAt).toBe('2026-03-31T22:00:00.000Z');
  });
});

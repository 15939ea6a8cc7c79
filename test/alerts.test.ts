import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsConsumerName, alertsOutboxHandler } from '../src/app/alerts/consumer.js';
import { alertTenant } from '../src/app/alerts/config.js';
import { evaluateDateRules, evaluateIntakeWatches } from '../src/app/alerts/evaluation.js';
import { newId } from '../src/app/ids.js';
import { dispatchOnce } from '../src/app/outbox/dispatcher.js';
import { runDueJobs, type ScheduledJob } from '../src/app/scheduler.js';
import { inTransaction } from '../src/app/transaction.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * Alerts against a real database: raised from outbox events and from the scheduled date rules, never twice for
 * one condition, resolved by themselves when the condition clears; the scheduler runs a job once per slot with
 * two schedulers on one database; the API lists by scope and handles acknowledge / resolve / assign.
 * The clock is fixed: 2026-11-20 12:00 in Asia/Shanghai.
 */
const now = new Date('2026-11-20T04:00:00Z');
let t: TestApp;
let tenantId: string;

let finId: string;
let fin: TestSession;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'alerts');
  finId = await createUser(t.db, tenantId, { login: 'fin', role: 'finance' });
  fin = await sessionFor(t.db, tenantId, finId);

});
afterAll(async () => t?.close());

async function newCustomer(code: string, name = `Customer ${code}`, ownerId: string | null = null): Promise<string> {
  const id = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id, code, name, owner_id: ownerId, department_id: null }).execute();
  return id;
}

/** Runs the alerts consumer until the outbox is drained (as the server's dispatcher would). */
async function evaluateEvents(): Promise<void> {
  const handler = alertsOutboxHandler(() => now);
  while ((await dispatchOnce(t.db, alertsConsumerName, handler)) > 0);
}

async function alertsOf(rule: string, customerId?: string) {
  let q = t.db.selectFrom('alerts').select(['id', 'status', 'resolution', 'dedupe_key', 'params', 'severity', 'links']).where('tenant_id', '=', tenantId).where('rule', '=', rule);
  if (customerId) q = q.where('customer_id', '=', customerId);
  return q.orderBy('raised_at').execute();
}

describe('event-driven rules through the outbox', () => {
  it('a duplicate receipt raises one alert, evaluated again raises no second, and voiding one side resolves it', async () => {
    const c = await newCustomer('D1');
    const first = await seedConfirmedReceipt(t.db, tenantId, { customerId: c, amount: '1234.00', receivedDate: '2026-11-18' });
    await evaluateEvents();
    expect(await alertsOf('duplicate_receipt', c)).toEqual([]);
    const second = await seedConfirmedReceipt(t.db, tenantId, { customerId: c, amount: '1234.00', receivedDate: '2026-11-19' });
    await evaluateEvents();
    // Recorded and confirmed in one batch, then an unrelated touch of the same receipt: still one alert.
    await t.db.updateTable('receipts').set({ status: 'pending' }).where('id', '=', second.receiptId).execute();
    await t.db.updateTable('receipts').set({ status: 'confirmed' }).where('id', '=', second.receiptId).execute();
    await evaluateEvents();
    const raised = await alertsOf('duplicate_receipt', c);
    expect(raised.map((a) => a.status)).toEqual(['open']);
    expect(raised[0]!.params).toMatchObject({ receipt: second.number, other: first.number, amount: '1234.00 CNY', days: '1' });
    const outboxed = await t.db.selectFrom('outbox_events').select('type').where('aggregate_id', '=', raised[0]!.id).execute();
    expect(outboxed.map((e) => e.type)).toEqual(['alert.raised']);
    await t.db.updateTable('receipts').set({ status: 'voided' }).where('id', '=', first.receiptId).execute();
    await evaluateEvents();
    expect((await alertsOf('duplicate_receipt', c)).map((a) => [a.status, a.resolution])).toEqual([['resolved', 'auto']]);
    const resolvedEvents = await t.db.selectFrom('outbox_events').select('type').where('aggregate_id', '=', raised[0]!.id).orderBy('id').execute();
    expect(resolvedEvents.map((e) => e.type)).toEqual(['alert.raised', 'alert.resolved']);
  });

  it('a large amount follows the tenant setting; switched off, the open alert resolves', async () => {
    const c = await newCustomer('L1');
    await t.db.insertInto('alert_rule_settings').values({ tenant_id: tenantId, rule: 'large_amount', enabled: true, severity: 'critical', params: JSON.stringify({ thresholdMajor: 5_000 }), recipients: JSON.stringify({ users: [finId], roles: [] }), updated_by: null }).execute();
    await seedConfirmedReceipt(t.db, tenantId, { customerId: c, amount: '4999.99' });
    const big = await seedConfirmedReceipt(t.db, tenantId, { customerId: c, amount: '5000.00', receivedDate: '2026-11-01' });
    await evaluateEvents();
    const raised = await alertsOf('large_amount', c);
    expect(raised.map((a) => [a.severity, a.params.receipt])).toEqual([['critical', big.number]]);
    await t.db.updateTable('alert_rule_settings').set({ enabled: false }).where('tenant_id', '=', tenantId).where('rule', '=', 'large_amount').execute();
    await t.db.updateTable('receipts').set({ remarks: 'touched' }).where('id', '=', big.receiptId).execute(); // no status change: no event
    await evaluateEvents();
    expect((await alertsOf('large_amount', c)).map((a) => a.status)).toEqual(['open']);
    await t.db.updateTable('receipts').set({ status: 'pending' }).where('id', '=', big.receiptId).execute();
    await evaluateEvents();
    expect((await alertsOf('large_amount', c)).map((a) => a.status)).toEqual(['resolved']);
  });

  it('a statement that does not balance raises its alert once', async () => {
    const id = newId();
    const warnings = [{ code: 'statement_unbalanced', message: '…', details: { opening: '0.00', lines: '10.00', expectedClosing: '10.00', closing: '12.00', difference: '2.00', currency: 'CNY' } }];
    await t.db.insertInto('statements').values({ tenant_id: tenantId, id, number: 'ST-2026-000001', format: 'camt053', statement_ref: 's1', account_id: 'acc', currency: 'CNY', opening_minor: 0n, closing_minor: 1200n, from_date: null, to_date: null, file_sha256: 'x', line_count: 1, new_lines: 1, duplicate_lines: 0, warnings: JSON.stringify(warnings), imported_by: null }).execute();
    await evaluateEvents();
    expect((await alertsOf('statement_unbalanced')).map((a) => [a.status, a.params.difference])).toEqual([['open', '2.00']]);
  });
});

describe('scheduled rules', () => {
  it('an overdue instalment (after the grace days) and one due soon; re-run: no duplicates; paid: resolved', async () => {
    const owner = await createUser(t.db, tenantId, { login: 'owner1', role: 'sales' });
    const c = await newCustomer('O1', 'Overdue Co', owner);
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId: c, signedDate: '2026-10-01', instalments: [['2026-11-10', '300.00'], ['2026-11-25', '200.00']] });
    const run = () => inTransaction(t.db, async (trx) => evaluateDateRules(trx, await alertTenant(trx, tenantId), now));
    await run();
    await run();
    const overdue = await alertsOf('overdue_instalment', c);
    expect(overdue.map((a) => [a.status, a.params.days, a.params.outstanding])).toEqual([['open', '10', '300.00 CNY']]);
    const soon = await t.db.selectFrom('alerts').select(['status', 'recipients']).where('rule', '=', 'due_soon').where('customer_id', '=', c).execute();
    expect(soon).toEqual([{ status: 'open', recipients: { users: [owner], roles: [] } }]);
    // Paying the overdue instalment: the receipt's events re-check the customer's date rules at once.
    await seedConfirmedReceipt(t.db, tenantId, { customerId: c, amount: '300.00', allocations: [[order.orderId, '300.00']] });
    await evaluateEvents();
    expect((await alertsOf('overdue_instalment', c)).map((a) => [a.status, a.resolution])).toEqual([['resolved', 'auto']]);
    expect((await alertsOf('due_soon', c)).map((a) => a.status)).toEqual(['open']);
  });

  it('open disputes and a burst of refused webhook signatures; cleared when the dispute closes', async () => {
    const integrationId = newId();
    const disputeId = newId();
    await t.db.insertInto('gateway_disputes').values({ tenant_id: tenantId, id: disputeId, integration_id: integrationId, dispute_ref: 'dp_1', payment_ref: 'pi_1', event_id: newId(), receipt_id: null, currency: 'USD', amount_minor: 1250n, held_minor: 0n, reason: 'fraudulent' }).execute();
    await t.db.insertInto('webhook_rejections').values(Array.from({ length: 20 }, (_, i) => ({ tenant_id: tenantId, id: newId(), integration_id: null, provider: 'stripe', reason: 'bad_signature', received_at: new Date(now.getTime() - i * 10_000) }))).execute();
    const run = () => inTransaction(t.db, async (trx) => evaluateIntakeWatches(trx, await alertTenant(trx, tenantId), now));
    await run();
    await run();
    expect((await alertsOf('dispute_opened')).map((a) => [a.status, a.params.amount])).toEqual([['open', '12.50 USD']]);
    expect((await alertsOf('webhook_signature_burst')).map((a) => [a.status, a.params.count])).toEqual([['open', '20']]);
    await t.db.updateTable('gateway_disputes').set({ status: 'won' }).where('id', '=', disputeId).execute();
    await run();
    expect((await alertsOf('dispute_opened')).map((a) => a.status)).toEqual(['resolved']);
  });
});

describe('scheduler', () => {
  it('two schedulers on one database: each job runs once per slot; a dead runner\'s slot is taken over after its lease', async () => {
    const runs: string[] = [];
    const job = (name: string, everyMs: number): ScheduledJob => ({ name, everyMs, run: async (_db, at) => void runs.push(`${name}@${at.toISOString()}`) });
    const jobs = [job('test.minutely', 60_000), job('test.hourly', 3_600_000)];
    const base = Date.parse('2026-11-20T04:00:00Z');
    for (const offset of [0, 10_000, 61_000, 125_000]) {
      const at = new Date(base + offset);
      await Promise.all([runDueJobs(t.db, jobs, at, 'one'), runDueJobs(t.db, jobs, at, 'two')]);
    }
    expect(runs.filter((r) => r.startsWith('test.minutely'))).toHaveLength(3);
    expect(runs.filter((r) => r.startsWith('test.hourly'))).toHaveLength(1);
    // A runner that claimed a slot and died: nobody runs it until its lease ends, then one process does.
    await t.db.insertInto('scheduled_runs').values({ job: 'test.orphan', slot: new Date(base).toISOString(), runner: 'dead', lease_until: new Date(base + 60_000) }).execute();
    const orphan = [job('test.orphan', 3_600_000)];
    expect(await runDueJobs(t.db, orphan, new Date(base + 30_000), 'one')).toEqual([]);
    const later = new Date(base + 90_000);
    const [a, b] = await Promise.all([runDueJobs(t.db, orphan, later, 'one'), runDueJobs(t.db, orphan, later, 'two')]);
    expect([...a, ...b]).toEqual(['test.orphan']);
    const row = await t.db.selectFrom('scheduled_runs').select(['attempts', 'outcome']).where('job', '=', 'test.orphan').executeTakeFirstOrThrow();
    expect(row).toEqual({ attempts: 2, outcome: 'done' });
  });
});

describe('alert center API', () => {
  const call = (session: TestSession, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject(as(session, { method, url, ...(payload ? { payload } : {}) }));

  it('lists within the data scope, filters, pages; another tenant\'s alert is not found', async () => {
    const all = (await call(fin, 'GET', '/api/v1/alerts?limit=200')).json();
    expect(all.items.length).toBeGreaterThanOrEqual(6);
    expect(all.items[0].message.zh).toMatch(/[\u4e00-\u9fff]/);
    const owner = await t.db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('login', '=', 'owner1').executeTakeFirstOrThrow();
    const sales = await sessionFor(t.db, tenantId, owner.id);
    const theirs = (await call(sales, 'GET', '/api/v1/alerts')).json();
    // The sales owner sees the alerts on their customer (due soon, the resolved overdue one), nothing else.
    expect(theirs.items.map((a: { customerName: string }) => a.customerName)).toEqual(['Overdue Co', 'Overdue Co']);
    const unresolved = (await call(fin, 'GET', '/api/v1/alerts?status=unresolved&severity=critical')).json();
    expect(unresolved.items.every((a: { status: string; severity: string }) => a.status !== 'resolved' && a.severity === 'critical')).toBe(true);
    const first = (await call(fin, 'GET', '/api/v1/alerts?limit=2')).json();
    const second = (await call(fin, 'GET', `/api/v1/alerts?limit=2&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((a: { id: string }) => a.id)).toEqual(all.items.slice(0, 4).map((a: { id: string }) => a.id));
    expect((await call(fin, 'GET', '/api/v1/alerts?cursor=nonsense')).statusCode).toBe(422);
    const otherTenant = await newTenant(t.db, 'alerts-other');
    const stranger = await sessionFor(t.db, otherTenant, await createUser(t.db, otherTenant, { login: 'fin', role: 'finance' }));
    expect((await call(stranger, 'GET', `/api/v1/alerts/${all.items[0].id}`)).statusCode).toBe(404);
    expect((await call(stranger, 'GET', '/api/v1/alerts')).json().items).toEqual([]);
  });

  it('acknowledge, assign, resolve with a note (audited); a condition resolved by hand is not raised again', async () => {
    const [soon] = await alertsOf('due_soon');
    const ack = await call(fin, 'POST', `/api/v1/alerts/${soon!.id}/acknowledge`);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: finId });
    expect((await call(fin, 'POST', `/api/v1/alerts/${soon!.id}/acknowledge`)).json()).toMatchObject({ code: 'invalid_state' });
    expect((await call(fin, 'POST', `/api/v1/alerts/${soon!.id}/assign`, { assigneeId: finId })).json()).toMatchObject({ assigneeId: finId, assigneeName: 'fin' });
    expect((await call(fin, 'POST', `/api/v1/alerts/${soon!.id}/assign`, { assigneeId: randomUUID() })).json()).toMatchObject({ code: 'not_found' });
    expect((await call(fin, 'GET', `/api/v1/alerts?assigneeId=${finId}`)).json().items.map((a: { id: string }) => a.id)).toEqual([soon!.id]);
    const noNote = await call(fin, 'POST', `/api/v1/alerts/${soon!.id}/resolve`, { note: '  ' });
    expect(noNote.json()).toMatchObject({ code: 'reason_required' });
    const resolved = await call(fin, 'POST', `/api/v1/alerts/${soon!.id}/resolve`, { note: '客户已确认 11-25 付款' });
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolution: 'manual', resolutionNote: '客户已确认 11-25 付款', resolvedBy: finId });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'reason']).where('tenant_id', '=', tenantId).where('entity_id', '=', soon!.id).orderBy('seq').execute();
    expect(audit).toEqual([{ action: 'alert.acknowledged', reason: null }, { action: 'alert.assigned', reason: null }, { action: 'alert.resolved', reason: '客户已确认 11-25 付款' }]);
    await inTransaction(t.db, async (trx) => evaluateDateRules(trx, await alertTenant(trx, tenantId), now));
    expect((await alertsOf('due_soon')).map((a) => a.status)).toEqual(['resolved']);
  });

  it('rule settings: defaults, a change (alerts.manage, audited), bad values refused whole, sales may not change them', async () => {
    const got = (await call(fin, 'GET', '/api/v1/alert-rules')).json();
    expect(got.rules.find((r: { rule: string }) => r.rule === 'refund_ratio')).toMatchObject({ enabled: true, severity: 'warning', params: { percent: 30, windowDays: 90 }, ranges: { percent: { min: 1, max: 100, default: 30 } } });
    const change = { rule: 'refund_ratio', enabled: true, severity: 'critical', params: { percent: 20, windowDays: 30 }, recipients: { users: [finId], roles: ['finance', 'manager'] } };
    const put = await call(fin, 'PUT', '/api/v1/alert-rules', { rules: [change] });
    expect(put.statusCode).toBe(200);
    expect(put.json().rules.find((r: { rule: string }) => r.rule === 'refund_ratio')).toMatchObject({ severity: 'critical', params: { percent: 20, windowDays: 30 }, recipients: change.recipients });
    const bad = await call(fin, 'PUT', '/api/v1/alert-rules', { rules: [{ ...change, severity: 'loud' }, { ...change, rule: 'due_soon', params: { percent: 5 } }, { ...change, rule: 'large_amount', params: { thresholdMajor: 0 }, recipients: { users: [], roles: ['nobody'] } }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['rules[0].severity', 'rules[1].params.percent', 'rules[2].params.thresholdMajor', 'rules[2].recipients.roles']);
    expect((await call(fin, 'GET', '/api/v1/alert-rules')).json().rules.find((r: { rule: string }) => r.rule === 'refund_ratio').severity).toBe('critical');
    const salesId = await createUser(t.db, tenantId, { login: 'sales2', role: 'sales' });
    const sales = await sessionFor(t.db, tenantId, salesId);
    expect((await call(sales, 'PUT', '/api/v1/alert-rules', { rules: [change] })).json()).toMatchObject({ code: 'forbidden' });
    const audit = await t.db.selectFrom('audit_log').select('action').where('tenant_id', '=', tenantId).where('entity_type', '=', 'alert_rules').execute();
    expect(audit).toEqual([{ action: 'alert_rules.updated' }]);
  });
});

import { sql, type Kysely } from 'kysely';
import { renderMessage } from '../../core/alerts/messages.js';
import { alertRules, checkRuleSetting, effectiveConfig, isAlertRule, ruleDefinitions, severities, type AlertRule, type RuleConfig, type Severity } from '../../core/alerts/rules.js';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { customerScope, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { decodeCursor, pageSize, toPage, uuidPattern, type Page } from '../pagination.js';
import { fail } from '../receivables/common.js';
import type { AlertLink, DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { storedSettings } from './config.js';

/**
 * The alert center's use cases: list and read alerts within the actor's data scope, acknowledge, resolve with a
 * note, assign; read and change the tenant's rule settings. Every change is audited in its transaction.
 */
export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertView {
  id: string;
  rule: string;
  severity: Severity;
  status: AlertStatus;
  messageKey: string;
  params: Record<string, string>;
  /** The explanation in both languages, with its figures. */
  message: { zh: string; en: string };
  links: AlertLink[];
  customerId: string | null;
  customerName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: 'manual' | 'auto' | null;
  resolutionNote: string | null;
}

export interface AlertQuery {
  status?: AlertStatus | 'unresolved';
  severity?: Severity;
  rule?: string;
  customerId?: string;
  assigneeId?: string;
  limit?: number;
  cursor?: string;
}

/**
 * Alerts the actor may see: all of the tenant's for an all-scope role; otherwise only alerts about customers in
 * their scope (an alert about no customer — a statement, the webhooks — is for all-scope roles only).
 */
function visibleAlerts(db: Kysely<DB>, actor: Actor) {
  let q = db.selectFrom('alerts as a')
    .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.customer_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.assignee_id'))
    .select(['a.id', 'a.rule', 'a.severity', 'a.status', 'a.message_key', 'a.params', 'a.links', 'a.customer_id', 'c.name as customer_name', 'a.assignee_id', 'u.display_name as assignee_name',
      'a.raised_at', 'a.acknowledged_at', 'a.acknowledged_by', 'a.resolved_at', 'a.resolved_by', 'a.resolution', 'a.resolution_note'])
    .where('a.tenant_id', '=', actor.tenantId);
  if (actor.dataScope !== 'all') q = q.where('a.customer_id', 'is not', null).where(customerScope(actor, 'c'));
  return q;
}

type Row = Awaited<ReturnType<ReturnType<typeof visibleAlerts>['executeTakeFirstOrThrow']>>;

function viewOf(r: Row): AlertView {
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    id: r.id, rule: r.rule, severity: r.severity, status: r.status, messageKey: r.message_key, params: r.params,
    message: { zh: renderMessage(r.message_key, r.params, 'zh'), en: renderMessage(r.message_key, r.params, 'en') },
    links: r.links, customerId: r.customer_id, customerName: r.customer_name, assigneeId: r.assignee_id, assigneeName: r.assignee_name,
    raisedAt: new Date(r.raised_at).toISOString(), acknowledgedAt: iso(r.acknowledged_at), acknowledgedBy: r.acknowledged_by, resolvedAt: iso(r.resolved_at),
    resolvedBy: r.resolved_by, resolution: r.resolution, resolutionNote: r.resolution_note,
  };
}

const positionPattern = /^\d{4}-\d\d-\d\dT[\d:.]+Z\|[0-9a-f-]{36}$/i;

export async function listAlerts(db: Kysely<DB>, actor: Actor, query: AlertQuery): Promise<Page<AlertView>> {
  requirePermission(actor, 'alerts.view');
  const size = pageSize(query.limit);
  const after = decodeCursor(query.cursor, (p) => positionPattern.test(p));
  let q = visibleAlerts(db, actor);
  if (query.status === 'unresolved') q = q.where('a.status', '<>', 'resolved');
  else if (query.status) q = q.where('a.status', '=', query.status);
  if (query.severity) q = q.where('a.severity', '=', query.severity);
  if (query.rule) q = q.where('a.rule', '=', query.rule);
  if (query.customerId) q = q.where('a.customer_id', '=', query.customerId);
  if (query.assigneeId) q = q.where('a.assignee_id', '=', query.assigneeId);
  if (after) {
    const [at, id] = after.split('|') as [string, string];
    q = q.where(sql<boolean>`(a.raised_at, a.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await q.orderBy('a.raised_at', 'desc').orderBy('a.id', 'desc').limit(size + 1).execute();
  return toPage(rows, size, viewOf, (r) => `${new Date(r.raised_at).toISOString()}|${r.id}`);
}

export async function getAlert(db: Kysely<DB>, actor: Actor, id: string): Promise<AlertView> {
  requirePermission(actor, 'alerts.view');
  return viewOf(await visibleRow(db, actor, id));
}

async function visibleRow(db: Kysely<DB>, actor: Actor, id: string, lock = false): Promise<Row> {
  if (!uuidPattern.test(id)) throw new KxError('not_found', 'no such alert');
  const q = visibleAlerts(db, actor).where('a.id', '=', id);
  const row = await (lock ? q.forUpdate('a') : q).executeTakeFirst();
  if (!row) throw new KxError('not_found', 'no such alert');
  return row;
}

/** Changes one alert under its row lock, audited; `change` checks the state and says what to set. */
async function changeAlert(db: Kysely<DB>, actor: Actor, id: string, action: string, change: (row: Row) => { set: Record<string, unknown>; reason?: string }): Promise<AlertView> {
  requirePermission(actor, 'alerts.handle');
  return inTransaction(db, async (trx) => {
    const before = await visibleRow(trx, actor, id, true);
    const { set, reason } = change(before);
    await trx.updateTable('alerts').set(set).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    const after = await visibleRow(trx, actor, id);
    await appendAudit(trx, actor, {
      action, entityType: 'alert', entityId: id, reason: reason ?? null,
      before: { status: before.status, assigneeId: before.assignee_id }, after: { status: after.status, assigneeId: after.assignee_id },
    });
    return viewOf(after);
  });
}

export function acknowledgeAlert(db: Kysely<DB>, actor: Actor, id: string): Promise<AlertView> {
  return changeAlert(db, actor, id, 'alert.acknowledged', (row) => {
    if (row.status !== 'open') throw fail('invalid_state', 'id', `the alert is ${row.status}; only an open alert can be acknowledged`, { status: row.status });
    return { set: { status: 'acknowledged', acknowledged_at: new Date(), acknowledged_by: actor.userId } };
  });
}

export function resolveAlert(db: Kysely<DB>, actor: Actor, id: string, input: { note?: string }): Promise<AlertView> {
  requirePermission(actor, 'alerts.handle');
  const note = (input.note ?? '').trim();
  if (note === '') throw fail('reason_required', 'note', 'say how the alert was resolved');
  if (note.length > limits.alertNoteCharsMax) throw fail('validation_failed', 'note', `at most ${limits.alertNoteCharsMax} characters`);
  return changeAlert(db, actor, id, 'alert.resolved', (row) => {
    if (row.status === 'resolved') throw fail('invalid_state', 'id', 'the alert is already resolved', { status: row.status });
    return { set: { status: 'resolved', resolved_at: new Date(), resolved_by: actor.userId, resolution: 'manual', resolution_note: note }, reason: note };
  });
}

export async function assignAlert(db: Kysely<DB>, actor: Actor, id: string, input: { assigneeId: string | null }): Promise<AlertView> {
  requirePermission(actor, 'alerts.handle');
  if (input.assigneeId !== null) {
    const user = uuidPattern.test(input.assigneeId)
      ? await db.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.assigneeId).where('disabled_at', 'is', null).executeTakeFirst()
      : undefined;
    if (!user) throw fail('not_found', 'assigneeId', 'no such active user in this tenant');
  }
  return changeAlert(db, actor, id, 'alert.assigned', (row) => {
    if (row.status === 'resolved') throw fail('invalid_state', 'id', 'a resolved alert is not assigned any more', { status: row.status });
    return { set: { assignee_id: input.assigneeId } };
  });
}

// ——— rule settings ———

export interface RuleSettingView extends RuleConfig {
  rule: AlertRule;
  /** The parameters' allowed ranges and defaults, for a settings form. */
  ranges: Record<string, { min: number; max: number; default: number }>;
  defaultSeverity: Severity;
}

export async function getRuleSettings(db: Kysely<DB>, actor: Actor): Promise<{ rules: RuleSettingView[] }> {
  requirePermission(actor, 'alerts.view');
  const config = effectiveConfig(await storedSettings(db, actor.tenantId));
  return {
    rules: alertRules.map((rule) => ({
      rule, ...config[rule], defaultSeverity: ruleDefinitions[rule].severity,
      ranges: Object.fromEntries(Object.entries(ruleDefinitions[rule].params).map(([k, p]) => [k, { min: p.min, max: p.max, default: p.value }])),
    })),
  };
}

export interface RuleSettingInput {
  rule: string;
  enabled: boolean;
  severity: string;
  params: Record<string, number>;
  recipients: { users: string[]; roles: string[] };
}

/** Replaces the settings of the rules given (the others keep theirs); all checked before anything is written. */
export async function putRuleSettings(db: Kysely<DB>, actor: Actor, input: { rules: RuleSettingInput[] }): Promise<{ rules: RuleSettingView[] }> {
  requirePermission(actor, 'alerts.manage');
  const problems: { field: string; code: 'validation_failed'; message: string }[] = [];
  const seen = new Set<string>();
  for (const [i, s] of input.rules.entries()) {
    if (!isAlertRule(s.rule)) problems.push({ field: `rules[${i}].rule`, code: 'validation_failed', message: `unknown rule ${s.rule}` });
    else if (seen.has(s.rule)) problems.push({ field: `rules[${i}].rule`, code: 'validation_failed', message: `${s.rule} is given twice` });
    else {
      seen.add(s.rule);
      if (!(severities as readonly string[]).includes(s.severity)) problems.push({ field: `rules[${i}].severity`, code: 'validation_failed', message: 'info, warning or critical' });
      for (const p of checkRuleSetting(s.rule, { ...s, severity: s.severity as Severity })) problems.push({ field: `rules[${i}].${p.field.slice(s.rule.length + 1)}`, code: 'validation_failed', message: p.message });
    }
  }
  const users = [...new Set(input.rules.flatMap((s) => s.recipients.users))];
  const roles = [...new Set(input.rules.flatMap((s) => s.recipients.roles))];
  const [knownUsers, knownRoles] = await Promise.all([
    users.length === 0 || !users.every((u) => uuidPattern.test(u)) ? [] : db.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', 'in', users).execute(),
    roles.length === 0 ? [] : db.selectFrom('roles').select('code').where('tenant_id', '=', actor.tenantId).where('code', 'in', roles).execute(),
  ]);
  const userSet = new Set(knownUsers.map((u) => u.id));
  const roleSet = new Set(knownRoles.map((r) => r.code));
  for (const [i, s] of input.rules.entries()) {
    for (const u of s.recipients.users) if (!userSet.has(u)) problems.push({ field: `rules[${i}].recipients.users`, code: 'validation_failed', message: `no user ${u} in this tenant` });
    for (const r of s.recipients.roles) if (!roleSet.has(r)) problems.push({ field: `rules[${i}].recipients.roles`, code: 'validation_failed', message: `no role ${r} in this tenant` });
  }
  if (problems.length > 0) throw new KxError('validation_failed', 'the alert rule settings are not valid', { fields: problems });
  await inTransaction(db, async (trx) => {
    const before = await storedSettings(trx, actor.tenantId);
    for (const s of input.rules) {
      const values = { enabled: s.enabled, severity: s.severity as Severity, params: JSON.stringify(s.params), recipients: JSON.stringify(s.recipients), updated_by: actor.userId, updated_at: new Date() };
      await trx.insertInto('alert_rule_settings').values({ tenant_id: actor.tenantId, rule: s.rule, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'rule']).doUpdateSet(values)).execute();
    }
    await appendAudit(trx, actor, {
      action: 'alert_rules.updated', entityType: 'alert_rules', entityId: actor.tenantId,
      before: Object.fromEntries(input.rules.map((s) => [s.rule, JSON.parse(JSON.stringify(before[s.rule as AlertRule] ?? null))])),
      after: Object.fromEntries(input.rules.map((s) => [s.rule, { enabled: s.enabled, severity: s.severity, params: s.params, recipients: s.recipients }])),
    });
  });
  return getRuleSettings(db, actor);
}

import { sql, type Kysely } from 'kysely';
import type { AuditValue } from '../../core/audit/chain.js';
import { KxError, type FieldIssue } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { Language } from '../../core/notify/messages.js';
import { todayIn } from '../../core/receivables/dates.js';
import {
  chartKinds, checkDefinition, checkScheduleRule, deliveryFormats, nextRunAt, reportKinds, requestOf,
  type ChartKind, type DeliveryFormat, type ReportKind, type ScheduleFrequency, type TemplateDefinition,
} from '../../core/reports/templates.js';
import { nowFor, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { newId } from '../ids.js';
import { uuidPattern } from '../pagination.js';
import { fail, tenantRules } from '../receivables/common.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { builtinTemplate, builtinTemplates, builtinTemplatesSince, type BuiltinTemplate } from './builtin-templates.js';
import { runnerFor, type ReportResult } from './runners.js';

/**
 * Report templates (issue 8 §4): save a report's definition, share it with roles, schedule it; list what one may
 * use (one's own, those shared with one's role, the built-ins); run one as oneself. Saving one's own needs only
 * receipts.view; sharing with roles and scheduling to anyone but oneself (or to webhooks) need reports.manage.
 * Only a template's owner changes it. Every change is audited in its transaction.
 */
export interface ScheduleView {
  frequency: ScheduleFrequency;
  hour: number;
  weekday?: number;
  dayOfMonth?: number;
  format: DeliveryFormat;
  recipients: { userIds: string[]; roles: string[] };
  webhook: boolean;
  enabled: boolean;
  nextRunAt: string | null;
  lastRun: { at: string; outcome: 'done' | 'failed'; detail: string | null } | null;
}

export interface TemplateView {
  id: string;
  name: string;
  description: string;
  kind: ReportKind;
  definition: TemplateDefinition;
  chart: ChartKind;
  builtIn: boolean;
  ownerUserId: string | null;
  ownerName: string | null;
  sharedWithRoles: string[];
  schedule: ScheduleView | null;
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  description?: string;
  kind: ReportKind;
  definition: TemplateDefinition;
  chart: ChartKind;
  sharedWithRoles?: string[];
}

export type ScheduleInput = Omit<ScheduleView, 'nextRunAt' | 'lastRun'>;

/** A person's templates: an actor without one (the system) has none of its own. */
function ownerOf(actor: Actor): string {
  if (actor.userId === null) throw new KxError('forbidden', 'report templates belong to a person; this actor has none');
  return actor.userId;
}

/** Templates the actor may use: their own and those shared with their role, with schedule and owner's name. */
function visibleTemplates(db: Kysely<DB>, actor: Actor) {
  const me = actor.userId ?? '00000000-0000-0000-0000-000000000000';
  return db.selectFrom('report_templates as t')
    .leftJoin('report_schedules as s', (j) => j.onRef('s.tenant_id', '=', 't.tenant_id').onRef('s.template_id', '=', 't.id'))
    .leftJoin('users as o', (j) => j.onRef('o.tenant_id', '=', 't.tenant_id').onRef('o.id', '=', 't.owner_id'))
    .select(['t.id', 't.owner_id', 't.name', 't.description', 't.kind', 't.definition', 't.chart', 't.shared_roles', 't.created_at', 't.updated_at', 'o.display_name as owner_name',
      's.frequency', 's.hour', 's.weekday', 's.day_of_month', 's.format', 's.recipient_users', 's.recipient_roles', 's.webhook', 's.enabled', 's.next_run_at',
      's.last_run_at', 's.last_run_outcome', 's.last_run_detail'])
    .where('t.tenant_id', '=', actor.tenantId)
    .where(sql<boolean>`(t.owner_id = ${me} or t.shared_roles && array(select u.role from users u where u.tenant_id = ${actor.tenantId} and u.id = ${me}))`);
}

type Row = Awaited<ReturnType<ReturnType<typeof visibleTemplates>['executeTakeFirstOrThrow']>>;

function scheduleOf(r: Row): ScheduleView | null {
  if (r.frequency === null) return null;
  return {
    frequency: r.frequency, hour: r.hour!, ...(r.weekday !== null ? { weekday: r.weekday } : {}), ...(r.day_of_month !== null ? { dayOfMonth: r.day_of_month } : {}),
    format: r.format!, recipients: { userIds: r.recipient_users ?? [], roles: r.recipient_roles ?? [] }, webhook: r.webhook ?? false, enabled: r.enabled ?? false,
    nextRunAt: r.next_run_at?.toISOString() ?? null,
    lastRun: r.last_run_at ? { at: r.last_run_at.toISOString(), outcome: r.last_run_outcome!, detail: r.last_run_detail ?? null } : null,
  };
}

function viewOf(r: Row, actor: Actor): TemplateView {
  return {
    id: r.id, name: r.name, description: r.description, kind: r.kind, definition: r.definition, chart: r.chart, builtIn: false,
    ownerUserId: r.owner_id, ownerName: r.owner_name, sharedWithRoles: r.shared_roles, schedule: scheduleOf(r), canEdit: r.owner_id === actor.userId,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

function builtinView(t: BuiltinTemplate, language: Language): TemplateView {
  return {
    id: t.id, name: t.name[language], description: t.description[language], kind: t.kind, definition: t.definition, chart: t.chart, builtIn: true,
    ownerUserId: null, ownerName: null, sharedWithRoles: [], schedule: null, canEdit: false, createdAt: builtinTemplatesSince, updatedAt: builtinTemplatesSince,
  };
}

/** Built-ins first (in their fixed order), then the actor's own and shared templates by name. */
export async function listTemplates(db: Kysely<DB>, actor: Actor, language: Language): Promise<{ items: TemplateView[] }> {
  requirePermission(actor, 'receipts.view');
  const rows = await visibleTemplates(db, actor).orderBy('t.name').orderBy('t.id').limit(limits.reportTemplatesListedMax).execute();
  return { items: [...builtinTemplates.map((t) => builtinView(t, language)), ...rows.map((r) => viewOf(r, actor))] };
}

export async function getTemplate(db: Kysely<DB>, actor: Actor, id: string, language: Language): Promise<TemplateView> {
  requirePermission(actor, 'receipts.view');
  const builtin = builtinTemplate(id);
  if (builtin) return builtinView(builtin, language);
  return viewOf(await visibleRow(db, actor, id), actor);
}

async function visibleRow(db: Kysely<DB>, actor: Actor, id: string): Promise<Row> {
  const row = uuidPattern.test(id) ? await visibleTemplates(db, actor).where('t.id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw new KxError('not_found', 'no such report template', { details: { id } });
  return row;
}

/** The row of a template the actor may change (theirs), locked; a built-in is read-only, someone else's forbidden. */
async function ownRow(db: Kysely<DB>, actor: Actor, id: string, lock = true): Promise<Row> {
  if (builtinTemplate(id)) throw fail('template_read_only', 'id', 'a built-in template cannot be changed: copy it and change the copy');
  const row = await visibleRow(db, actor, id);
  if (row.owner_id !== actor.userId) throw new KxError('forbidden', 'only the owner of a template changes it (copy it to make your own)');
  if (lock) await db.selectFrom('report_templates').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().execute();
  return row;
}

interface CheckedInput {
  name: string;
  description: string;
  kind: ReportKind;
  definition: TemplateDefinition;
  chart: ChartKind;
  sharedWithRoles: string[];
}

function checkInput(input: CheckedInput): CheckedInput {
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ field, code: 'validation_failed', message });
  const name = input.name.trim();
  const description = input.description.trim();
  if (name.length === 0 || name.length > limits.nameCharsMax) issue('name', `a name of 1–${limits.nameCharsMax} characters`);
  if (description.length > limits.reportTemplateDescriptionCharsMax) issue('description', `at most ${limits.reportTemplateDescriptionCharsMax} characters`);
  if (!(reportKinds as readonly string[]).includes(input.kind)) issue('kind', `one of ${reportKinds.join(', ')}`);
  else issues.push(...checkDefinition(input.kind, input.definition));
  if (!(chartKinds as readonly string[]).includes(input.chart)) issue('chart', `one of ${chartKinds.join(', ')}`);
  const roles = [...new Set(input.sharedWithRoles)];
  if (roles.length > limits.reportScheduleRecipientsMax) issue('sharedWithRoles', `at most ${limits.reportScheduleRecipientsMax} roles`);
  if (issues.length > 0) throw new KxError('validation_failed', issues[0]!.message, { fields: issues });
  return { ...input, name, description, sharedWithRoles: roles };
}

async function requireRoles(db: Kysely<DB>, tenantId: string, roles: string[], field: string): Promise<void> {
  if (roles.length === 0) return;
  const known = new Set((await db.selectFrom('roles').select('code').where('tenant_id', '=', tenantId).where('code', 'in', roles).execute()).map((r) => r.code));
  const unknown = roles.filter((r) => !known.has(r));
  if (unknown.length > 0) throw new KxError('validation_failed', `no role ${unknown[0]} in this tenant`, { fields: unknown.map((r) => ({ field, code: 'validation_failed' as const, message: `no role ${r} in this tenant` })) });
}

/** What the audit trail keeps of a template: everything but timestamps. */
function audited(t: Pick<CheckedInput, 'name' | 'description' | 'kind' | 'chart' | 'sharedWithRoles'> & { definition: unknown }): AuditValue {
  return { name: t.name, description: t.description, kind: t.kind, chart: t.chart, sharedWithRoles: t.sharedWithRoles, definition: t.definition as AuditValue };
}

export async function createTemplate(db: Kysely<DB>, actor: Actor, input: TemplateInput): Promise<TemplateView> {
  requirePermission(actor, 'receipts.view');
  const owner = ownerOf(actor);
  const checked = checkInput({ ...input, description: input.description ?? '', sharedWithRoles: input.sharedWithRoles ?? [] });
  if (checked.sharedWithRoles.length > 0) requirePermission(actor, 'reports.manage');
  await requireRoles(db, actor.tenantId, checked.sharedWithRoles, 'sharedWithRoles');
  return inTransaction(db, async (trx) => {
    // The owner's row, locked: two saves at once cannot both squeeze under the limit.
    await trx.selectFrom('users').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', owner).forUpdate().execute();
    const { count } = await trx.selectFrom('report_templates').select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', actor.tenantId).where('owner_id', '=', owner).executeTakeFirstOrThrow();
    if (Number(count) >= limits.reportTemplatesPerUserMax) throw fail('validation_failed', 'name', `a person may save at most ${limits.reportTemplatesPerUserMax} report templates`);
    const id = newId();
    const now = new Date();
    await trx.insertInto('report_templates').values({
      tenant_id: actor.tenantId, id, owner_id: owner, name: checked.name, description: checked.description, kind: checked.kind,
      definition: JSON.stringify(checked.definition), chart: checked.chart, shared_roles: checked.sharedWithRoles, created_at: now, updated_at: now,
    }).execute();
    const view = viewOf(await visibleRow(trx, actor, id), actor);
    await appendAudit(trx, actor, { action: 'report_template.created', entityType: 'report_template', entityId: id, after: audited(checked) });
    return view;
  });
}

export async function updateTemplate(db: Kysely<DB>, actor: Actor, id: string, patch: Partial<TemplateInput>): Promise<TemplateView> {
  requirePermission(actor, 'receipts.view');
  return inTransaction(db, async (trx) => {
    const before = await ownRow(trx, actor, id);
    const current: CheckedInput = { name: before.name, description: before.description, kind: before.kind, definition: before.definition, chart: before.chart, sharedWithRoles: before.shared_roles };
    const merged = checkInput({ ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
    const sharingChanged = JSON.stringify([...merged.sharedWithRoles].sort()) !== JSON.stringify([...current.sharedWithRoles].sort());
    if (sharingChanged && merged.sharedWithRoles.length > 0) requirePermission(actor, 'reports.manage');
    await requireRoles(trx, actor.tenantId, merged.sharedWithRoles, 'sharedWithRoles');
    await trx.updateTable('report_templates').set({
      name: merged.name, description: merged.description, kind: merged.kind, definition: JSON.stringify(merged.definition), chart: merged.chart,
      shared_roles: merged.sharedWithRoles, updated_at: new Date(),
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    const view = viewOf(await visibleRow(trx, actor, id), actor);
    await appendAudit(trx, actor, { action: 'report_template.updated', entityType: 'report_template', entityId: id, before: audited(current), after: audited(merged) });
    return view;
  });
}

export async function deleteTemplate(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'receipts.view');
  await inTransaction(db, async (trx) => {
    const before = await ownRow(trx, actor, id);
    await trx.deleteFrom('report_templates').where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await appendAudit(trx, actor, {
      action: 'report_template.deleted', entityType: 'report_template', entityId: id,
      before: { ...(audited({ ...before, sharedWithRoles: before.shared_roles }) as Record<string, AuditValue>), scheduled: before.frequency !== null },
    });
  });
}

/** Runs a template now, as the caller (their permissions and data scope), with its range resolved to today. */
export async function runTemplate(db: Kysely<DB>, actor: Actor, id: string, language: Language): Promise<{ template: TemplateView; result: ReportResult }> {
  const template = await getTemplate(db, actor, id, language);
  const runner = runnerFor(template.kind);
  const today = todayIn((await tenantRules(db, actor.tenantId)).timeZone, nowFor(actor));
  return { template, result: await runner.run(db, actor, requestOf(template.kind, template.definition, today)) };
}

// ——— schedules ———

async function checkRecipients(db: Kysely<DB>, actor: Actor, input: ScheduleInput): Promise<{ userIds: string[]; roles: string[] }> {
  const userIds = [...new Set(input.recipients.userIds)];
  const roles = [...new Set(input.recipients.roles)];
  if (userIds.length + roles.length > limits.reportScheduleRecipientsMax) throw fail('validation_failed', 'recipients', `at most ${limits.reportScheduleRecipientsMax} users and roles`);
  if (userIds.length + roles.length === 0 && !input.webhook) throw fail('validation_failed', 'recipients', 'name at least one recipient, or deliver to webhooks');
  const bad = userIds.find((u) => !uuidPattern.test(u));
  if (bad !== undefined) throw fail('validation_failed', 'recipients.userIds', `${bad} is not a user id`);
  const known = userIds.length === 0 ? new Set<string>() : new Set((await db.selectFrom('users').select('id')
    .where('tenant_id', '=', actor.tenantId).where('id', 'in', userIds).where('disabled_at', 'is', null).execute()).map((u) => u.id));
  const unknown = userIds.find((u) => !known.has(u));
  if (unknown !== undefined) throw fail('validation_failed', 'recipients.userIds', `no active user ${unknown} in this tenant`);
  await requireRoles(db, actor.tenantId, roles, 'recipients.roles');
  // Delivering to oneself is one's own business; to others or to the tenant's systems is managing reports.
  if (input.webhook || roles.length > 0 || userIds.some((u) => u !== actor.userId)) requirePermission(actor, 'reports.manage');
  return { userIds, roles };
}

export async function setSchedule(db: Kysely<DB>, actor: Actor, id: string, input: ScheduleInput, language: Language): Promise<TemplateView> {
  requirePermission(actor, 'receipts.view');
  const ruleIssues = checkScheduleRule(input);
  if (!(deliveryFormats as readonly string[]).includes(input.format)) ruleIssues.push({ field: 'format', code: 'validation_failed', message: `one of ${deliveryFormats.join(', ')}` });
  // Someone else's or another tenant's template is not found before its recipients are judged.
  await ownRow(db, actor, id, false);
  if (ruleIssues.length > 0) throw new KxError('validation_failed', ruleIssues[0]!.message, { fields: ruleIssues });
  const recipients = await checkRecipients(db, actor, input);
  const timeZone = (await tenantRules(db, actor.tenantId)).timeZone;
  await inTransaction(db, async (trx) => {
    const before = await ownRow(trx, actor, id);
    const nextRun = input.enabled ? nextRunAt(input, nowFor(actor), timeZone) : null;
    const values = {
      frequency: input.frequency, hour: input.hour, weekday: input.weekday ?? null, day_of_month: input.dayOfMonth ?? null, format: input.format,
      recipient_users: recipients.userIds, recipient_roles: recipients.roles, webhook: input.webhook, enabled: input.enabled, next_run_at: nextRun,
      updated_at: new Date(),
    };
    await trx.insertInto('report_schedules').values({ tenant_id: actor.tenantId, template_id: id, created_by: actor.userId, ...values })
      .onConflict((oc) => oc.columns(['tenant_id', 'template_id']).doUpdateSet(values)).execute();
    await appendAudit(trx, actor, {
      action: 'report_template.scheduled', entityType: 'report_template', entityId: id,
      before: scheduleOf(before) as unknown as AuditValue, after: { ...input, recipients, nextRunAt: nextRun?.toISOString() ?? null } as unknown as AuditValue,
    });
  });
  return getTemplate(db, actor, id, language);
}

export async function removeSchedule(db: Kysely<DB>, actor: Actor, id: string, language: Language): Promise<TemplateView> {
  requirePermission(actor, 'receipts.view');
  await inTransaction(db, async (trx) => {
    const before = await ownRow(trx, actor, id);
    if (before.frequency === null) return;
    await trx.deleteFrom('report_schedules').where('tenant_id', '=', actor.tenantId).where('template_id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'report_template.unscheduled', entityType: 'report_template', entityId: id, before: scheduleOf(before) as unknown as AuditValue });
  });
  return getTemplate(db, actor, id, language);
}

/** A delivered report file, for its recipient only (anyone else: not found, so no one learns it exists). */
export async function deliveryFile(db: Kysely<DB>, actor: Actor, id: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const row = uuidPattern.test(id) && actor.userId !== null
    ? await db.selectFrom('report_deliveries').select(['file_name', 'content_type', 'content'])
      .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('recipient_id', '=', actor.userId).where('status', '=', 'delivered').executeTakeFirst()
    : undefined;
  if (!row?.content) {
    // Kept files are pruned after reportDeliveriesRetentionMs. The id (UUIDv7) carries the instant it was made, so an
    // old bell or email link gets a clear answer — judged from the id alone, which says nothing about whose it was.
    const madeAt = madeAtOf(id);
    if (madeAt !== null && madeAt < nowFor(actor).getTime() - limits.reportDeliveriesRetentionMs) {
      throw new KxError('report_file_expired', `report files are kept ${limits.reportDeliveriesRetentionMs / 86_400_000} days; this one was made on ${new Date(madeAt).toISOString().slice(0, 10)} and has been deleted: run the report again on the Reports page`, { details: { id } });
    }
    throw new KxError('not_found', 'no such report delivery for you', { details: { id } });
  }
  return { fileName: row.file_name, contentType: row.content_type, content: row.content };
}

/** The instant a UUIDv7 was made (its first 48 bits, milliseconds since 1970), or null for any other id. */
function madeAtOf(id: string): number | null {
  if (!uuidPattern.test(id) || id[14] !== '7') return null;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

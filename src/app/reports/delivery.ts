import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { isKxError } from '../../core/errors.js';
import { exportContentTypes, exportFilename, type ExportLanguage, type ExportTable } from '../../core/export/table.js';
import { limits } from '../../core/limits.js';
import { resultTable, type ResultRow } from '../../core/reports/result-table.js';
import { isRangedKind, nextRunAt, requestOf, type DeliveryFormat, type ReportKind, type ScheduleRule, type TemplateDefinition } from '../../core/reports/templates.js';
import { todayIn } from '../../core/receivables/dates.js';
import { can, systemActor, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { userActor } from '../auth/sessions.js';
import { idFor, newId } from '../ids.js';
import { enqueueNotification } from '../notify/enqueue.js';
import { tenantRules } from '../receivables/common.js';
import type { ScheduledJob } from '../scheduler.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { reportRunners } from './runners.js';
import type { ReportDeliveryStatus } from './tables.js';

/**
 * Scheduled delivery of report templates. A pass claims due schedules (FOR UPDATE SKIP LOCKED, then a lease on
 * the row), so two processes never run the same one; runs the report once per recipient **as that recipient**
 * (their permissions and data scope: nobody receives more than they may see); renders each result with the
 * export writers; then, in one transaction, stores the files, notifies each recipient (bell, email with the file
 * attached), sends the `report.delivered` webhook event (the report as the owner) and advances next_run_at.
 * A run that fails records why and still advances: no retry storm, the outcome is visible as lastRun.
 */

/** Renders a table as a file (the export writers, src/adapters/export): injected, so app does not import adapters. */
export type RenderReportFile = (table: ExportTable<ResultRow>, format: DeliveryFormat, language: ExportLanguage, subtitle: string) => Promise<Buffer>;

interface ClaimedSchedule {
  tenant_id: string;
  template_id: string;
  frequency: ScheduleRule['frequency'];
  hour: number;
  weekday: number | null;
  day_of_month: number | null;
  format: DeliveryFormat;
  recipient_users: string[];
  recipient_roles: string[];
  webhook: boolean;
  next_run_at: Date;
}

interface Template {
  id: string;
  owner_id: string;
  name: string;
  kind: ReportKind;
  definition: TemplateDefinition;
}

interface Outcome {
  recipientId: string;
  login: string;
  status: ReportDeliveryStatus;
  detail: string | null;
  file?: { name: string; contentType: string; content: Buffer; rows: number };
}

/**
 * How a delivery's email names its file. With the app's public address (KX_PUBLIC_URL) the link is absolute; without
 * it an email can only give the path, so it says where in the app the file is (the bell). The bell itself always
 * links the path (payload.download): the browser is already on the app.
 */
export interface DeliveryLinks {
  publicUrl?: string;
}

export function reportDeliveryJobs(render: RenderReportFile, links: DeliveryLinks = {}): ScheduledJob[] {
  return [{
    name: 'reports.deliver',
    everyMs: 60_000,
    run: async (db, now) => {
      const done = await deliverDueReports(db, now, render, { links });
      return `${done.runs} runs, ${done.files} files`;
    },
  }];
}

/**
 * Delivers every schedule due at `now`; answers how many runs and files it made. Tests call it with a fixed clock
 * (and a claimant name of their own, to play two processes).
 */
export async function deliverDueReports(
  db: Kysely<DB>, now: Date, render: RenderReportFile,
  { claimant = `${hostname()}:${process.pid}:${newId().slice(-8)}`, links = {} }: { claimant?: string; links?: DeliveryLinks } = {},
): Promise<{ runs: number; files: number }> {
  let runs = 0;
  let files = 0;
  // Bounded: a run advances its schedule past now, so each pass claims new ones until none is due.
  for (let pass = 0; pass < 50; pass++) {
    const claimed = await claimDue(db, now, claimant);
    if (claimed.length === 0) break;
    for (const schedule of claimed) {
      files += await deliverOne(db, schedule, now, render, claimant, links);
      runs++;
    }
  }
  return { runs, files };
}

async function claimDue(db: Kysely<DB>, now: Date, claimant: string): Promise<ClaimedSchedule[]> {
  const leaseUntil = new Date(now.getTime() + limits.reportScheduleLeaseMs);
  const { rows } = await sql<ClaimedSchedule>`
    UPDATE report_schedules s SET claimed_by = ${claimant}, claimed_until = ${leaseUntil}
      FROM (SELECT tenant_id, template_id FROM report_schedules
             WHERE enabled AND next_run_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now})
             ORDER BY next_run_at LIMIT ${limits.reportSchedulesPerPassMax}
               FOR UPDATE SKIP LOCKED) c
     WHERE s.tenant_id = c.tenant_id AND s.template_id = c.template_id
    RETURNING s.tenant_id, s.template_id, s.frequency, s.hour, s.weekday, s.day_of_month, s.format, s.recipient_users, s.recipient_roles, s.webhook, s.next_run_at`.execute(db);
  return rows;
}

const ruleOf = (s: ClaimedSchedule): ScheduleRule => ({ frequency: s.frequency, hour: s.hour, ...(s.weekday !== null ? { weekday: s.weekday } : {}), ...(s.day_of_month !== null ? { dayOfMonth: s.day_of_month } : {}) });

async function deliverOne(db: Kysely<DB>, s: ClaimedSchedule, now: Date, render: RenderReportFile, claimant: string, links: DeliveryLinks): Promise<number> {
  const timeZone = (await tenantRules(db, s.tenant_id)).timeZone;
  try {
    const template = await db.selectFrom('report_templates').select(['id', 'owner_id', 'name', 'kind', 'definition'])
      .where('tenant_id', '=', s.tenant_id).where('id', '=', s.template_id).executeTakeFirstOrThrow();
    const request = requestOf(template.kind, template.definition, todayIn(timeZone, now));
    const people = await recipientsOf(db, s);
    const outcomes: Outcome[] = [];
    for (const person of people.slice(0, limits.reportDeliveryUsersMax)) outcomes.push(await fileFor(db, person, template, s, request, now, render, timeZone));
    const overflow = Math.max(0, people.length - limits.reportDeliveryUsersMax);
    const webhook = s.webhook ? await webhookPayload(db, template, s, request, now) : null;
    return await finish(db, { schedule: s, template, outcomes, overflow, webhook, now, claimant, timeZone, links });
  } catch (error) {
    const message = isKxError(error) ? `${error.code}: ${error.message}` : (error as Error).message ?? String(error);
    await db.updateTable('report_schedules').set({
      next_run_at: nextRunAt(ruleOf(s), now, timeZone), last_run_at: now, last_run_outcome: 'failed', last_run_detail: message.slice(0, 2_000), claimed_by: null, claimed_until: null,
    }).where('tenant_id', '=', s.tenant_id).where('template_id', '=', s.template_id).where('claimed_by', '=', claimant).execute();
    return 0;
  }
}

/** The users named, and the active users of the roles named; each once, with the language they read. */
async function recipientsOf(db: Kysely<DB>, s: ClaimedSchedule) {
  if (s.recipient_users.length === 0 && s.recipient_roles.length === 0) return [];
  return db.selectFrom('users as u')
    .leftJoin('notification_preferences as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.user_id', '=', 'u.id'))
    .select(['u.id', 'u.login', 'p.language'])
    .where('u.tenant_id', '=', s.tenant_id)
    // A disabled user named by id is kept (and skipped, with the reason on record); roles only reach active users.
    .where(sql<boolean>`(u.id = any(${s.recipient_users}::uuid[]) or (u.role = any(${s.recipient_roles}::text[]) and u.disabled_at is null))`)
    .orderBy('u.id').limit(limits.reportDeliveryUsersMax + 1).execute();
}

async function actorFor(db: Kysely<DB>, tenantId: string, userId: string, now: Date): Promise<Actor | null> {
  try {
    return { ...(await userActor(db, tenantId, userId, { ip: null, userAgent: 'kuanxiang-scheduler' })), asOf: now };
  } catch {
    return null;
  }
}

/** One recipient's file: the report run as them, as a table, rendered in their language. */
async function fileFor(
  db: Kysely<DB>, person: { id: string; login: string; language: 'zh' | 'en' | null }, template: Template, s: ClaimedSchedule,
  request: Record<string, unknown>, now: Date, render: RenderReportFile, timeZone: string,
): Promise<Outcome> {
  const base = { recipientId: person.id, login: person.login };
  const runner = reportRunners[template.kind];
  if (!runner) return { ...base, status: 'failed', detail: `report_kind_unavailable: ${template.kind} reports cannot be run from a template yet` };
  const actor = await actorFor(db, s.tenant_id, person.id, now);
  if (!actor) return { ...base, status: 'skipped', detail: 'the user is disabled' };
  if (!can(actor, runner.permission)) return { ...base, status: 'skipped', detail: `lacks the permission ${runner.permission}` };
  const language = person.language ?? 'zh';
  try {
    const result = await runner.run(db, actor, request);
    const table = resultTable(template.kind, result, language);
    if (table.rows.length > limits.reportDeliveryRowsMax) return { ...base, status: 'failed', detail: `export_too_large: ${table.rows.length} rows; a delivered report holds at most ${limits.reportDeliveryRowsMax}` };
    const content = await render({ title: { zh: template.name, en: template.name }, columns: table.columns, rows: rowsOf(table.rows) }, s.format, language, subtitleOf(request, now, timeZone, language));
    const name = exportFilename(template.name, s.format, todayIn(timeZone, now));
    return { ...base, status: 'delivered', detail: null, file: { name, contentType: exportContentTypes[s.format], content, rows: table.rows.length } };
  } catch (error) {
    if (isKxError(error, 'forbidden')) return { ...base, status: 'skipped', detail: error.message.slice(0, 500) };
    return { ...base, status: 'failed', detail: (isKxError(error) ? `${error.code}: ${error.message}` : (error as Error).message ?? String(error)).slice(0, 500) };
  }
}

async function* rowsOf(rows: ResultRow[]): AsyncGenerator<ResultRow> {
  yield* rows;
}

function subtitleOf(request: Record<string, unknown>, now: Date, timeZone: string, language: ExportLanguage): string {
  const made = `${todayIn(timeZone, now)} ${new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now)} (${timeZone})`;
  const range = typeof request.from === 'string' && typeof request.to === 'string' ? `${request.from} – ${request.to} · ` : '';
  return language === 'zh' ? `${range}生成于 ${made}` : `${range}made ${made}`;
}

/**
 * The webhook event's data: the report run as the template's owner, who must (still) hold reports.manage. The
 * result is included while it fits reportWebhookResultBytesMax; otherwise the event says it was left out.
 */
async function webhookPayload(db: Kysely<DB>, template: Template, s: ClaimedSchedule, request: Record<string, unknown>, now: Date): Promise<{ payload: Record<string, unknown> } | { problem: string }> {
  const owner = await actorFor(db, s.tenant_id, template.owner_id, now);
  if (!owner || !can(owner, 'reports.manage')) return { problem: 'webhook not sent: the owner no longer holds reports.manage' };
  const runner = reportRunners[template.kind];
  if (!runner) return { problem: `webhook not sent: report_kind_unavailable (${template.kind})` };
  try {
    const result = await runner.run(db, owner, request);
    const bytes = Buffer.byteLength(JSON.stringify(result));
    const fits = bytes <= limits.reportWebhookResultBytesMax;
    return {
      payload: {
        templateId: template.id, templateName: template.name, kind: template.kind, runAt: s.next_run_at.toISOString(),
        ...(isRangedKind(template.kind) && typeof request.from === 'string' ? { from: request.from, to: request.to } : {}),
        result: fits ? result : null, resultBytes: bytes, resultOmitted: !fits,
      },
    };
  } catch (error) {
    return { problem: `webhook not sent: ${isKxError(error) ? `${error.code}: ${error.message}` : (error as Error).message}` };
  }
}

interface Finish {
  schedule: ClaimedSchedule;
  template: Template;
  outcomes: Outcome[];
  overflow: number;
  webhook: { payload: Record<string, unknown> } | { problem: string } | null;
  now: Date;
  claimant: string;
  timeZone: string;
  links: DeliveryLinks;
}

/** Stores the files, notifies, advances the schedule and audits the run, in one transaction; answers the files stored. */
async function finish(db: Kysely<DB>, f: Finish): Promise<number> {
  const { schedule: s, template, now } = f;
  return inTransaction(db, async (trx) => {
    // Still ours? After a lease ran out another process may have taken the run over (and done it).
    const mine = await trx.selectFrom('report_schedules').select('template_id')
      .where('tenant_id', '=', s.tenant_id).where('template_id', '=', s.template_id).where('claimed_by', '=', f.claimant).where('next_run_at', '=', s.next_run_at)
      .forUpdate().executeTakeFirst();
    if (!mine) return 0;
    const stored = f.outcomes.length === 0 ? [] : await trx.insertInto('report_deliveries').values(f.outcomes.map((o) => ({
      tenant_id: s.tenant_id, id: newId(), template_id: template.id, template_name: template.name, run_at: s.next_run_at, recipient_id: o.recipientId,
      status: o.status, detail: o.detail, format: s.format, file_name: o.file?.name ?? '', content_type: o.file?.contentType ?? '', content: o.file?.content ?? null,
      row_count: o.file?.rows ?? null, created_at: now,
    }))).onConflict((oc) => oc.columns(['tenant_id', 'template_id', 'run_at', 'recipient_id']).doNothing())
      .returning(['id', 'recipient_id', 'status', 'file_name']).execute();
    for (const d of stored.filter((x) => x.status === 'delivered')) {
      const link = `/api/v1/report-deliveries/${d.id}/file`;
      const { publicUrl } = f.links;
      const message = publicUrl === undefined
        ? { key: 'report.delivered', params: { template: template.name, file: d.file_name, link } }
        : { key: 'report.delivered.link', params: { template: template.name, file: d.file_name, link: `${publicUrl}${link}` } };
      await enqueueNotification(trx, {
        tenantId: s.tenant_id, eventId: idFor(`report-delivery:${d.id}`), type: 'report.delivered', occurredAt: now,
        payload: { templateId: template.id, deliveryId: d.id, fileName: d.file_name, download: link },
        recipients: { userIds: [d.recipient_id] }, message,
        webhooks: false, attachmentId: d.id,
      }, now);
    }
    let webhookNote = '';
    if (f.webhook && 'payload' in f.webhook) {
      const sent = await enqueueNotification(trx, {
        tenantId: s.tenant_id, eventId: idFor(`report-run:${s.tenant_id}:${template.id}:${s.next_run_at.toISOString()}`), type: 'report.delivered', occurredAt: now, payload: f.webhook.payload,
      }, now);
      webhookNote = `webhook: ${sent.webhooks} subscription(s)`;
    } else if (f.webhook) webhookNote = f.webhook.problem;
    const failed = f.outcomes.filter((o) => o.status === 'failed');
    const detail = detailOf(f.outcomes, f.overflow, webhookNote);
    const outcome = failed.length > 0 || (f.webhook !== null && 'problem' in f.webhook) ? 'failed' : 'done';
    await trx.updateTable('report_schedules').set({
      next_run_at: nextRunAt(ruleOf(s), now, f.timeZone), last_run_at: now, last_run_outcome: outcome, last_run_detail: detail, claimed_by: null, claimed_until: null,
    }).where('tenant_id', '=', s.tenant_id).where('template_id', '=', s.template_id).execute();
    await appendAudit(trx, systemActor(s.tenant_id, 'scheduler'), {
      action: 'report_template.delivered', entityType: 'report_template', entityId: template.id,
      after: {
        runAt: s.next_run_at.toISOString(), outcome, format: s.format,
        deliveries: stored.map((d) => ({ id: d.id, recipientId: d.recipient_id, status: d.status })), webhook: webhookNote || null,
      },
    });
    return stored.filter((x) => x.status === 'delivered').length;
  });
}

function detailOf(outcomes: Outcome[], overflow: number, webhookNote: string): string {
  const delivered = outcomes.filter((o) => o.status === 'delivered').length;
  const others = outcomes.filter((o) => o.status !== 'delivered').map((o) => `${o.login} ${o.status}: ${o.detail}`);
  const parts = [`${delivered} delivered`, ...others, ...(overflow > 0 ? [`${overflow} more recipients over the limit of ${limits.reportDeliveryUsersMax} got nothing`] : []), ...(webhookNote ? [webhookNote] : [])];
  return parts.join('; ').slice(0, 2_000);
}

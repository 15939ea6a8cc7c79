import { sql, type Kysely, type Selectable } from 'kysely';
import { KxError } from '../../core/errors.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { AccountingPeriodsTable, DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { issue, throwIfInvalid, type PageRequest } from './common.js';
import { decodeCursor, encodeCursor, pageSize, type Page } from '../pagination.js';

/**
 * Accounting periods (结账) are calendar months of business dates. A month is open until finance closes it;
 * the database then refuses any journal entry dated inside it (trigger journal_entries_open_period, SQLSTATE
 * KX005), so corrections are posted in an open month. Reopening needs the admin's periods.reopen and a reason.
 */
export interface PeriodView {
  /** 'YYYY-MM' */
  month: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

// From 1900: PostgreSQL has no year 0 (0000-01-01 is not a date), and no business dates lie further back.
const monthShape = /^(19[0-9]{2}|[2-9][0-9]{3})-(0[1-9]|1[0-2])$/;
export const reopenReasonCharsMax = 500;

type PeriodRow = Selectable<AccountingPeriodsTable>;

/**
 * Every month from the tenant's first activity (its creation, first entry or first period record) to the
 * latest of the current month and any later-dated entry, newest first; months never closed are 'open'.
 */
export async function listPeriods(db: Kysely<DB>, actor: Actor, request: PageRequest): Promise<Page<PeriodView>> {
  const limit = pageSize(request.limit);
  const before = decodeCursor(request.cursor, (k) => monthShape.test(k));
  const tenant = await db.selectFrom('tenants').select(['time_zone', 'created_at']).where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
  const bounds = await sql<{ first: string | null; last: string | null }>`
    select least(min(e.first), min(p.first)) as first, greatest(max(e.last), max(p.last)) as last
      from (select to_char(min(entry_date), 'YYYY-MM') as first, to_char(max(entry_date), 'YYYY-MM') as last
              from journal_entries where tenant_id = ${actor.tenantId}) e,
           (select to_char(min(month), 'YYYY-MM') as first, to_char(max(month), 'YYYY-MM') as last
              from accounting_periods where tenant_id = ${actor.tenantId}) p`.execute(db);
  const now = currentMonth(tenant.time_zone);
  const oldest = [monthOf(new Date(tenant.created_at), tenant.time_zone), bounds.rows[0]?.first].filter(isString).sort()[0]!;
  const newest = [now, bounds.rows[0]?.last].filter(isString).sort().at(-1)!;
  const months: string[] = [];
  for (let m = before === undefined ? newest : addMonths(before, -1); m >= oldest && months.length < limit; m = addMonths(m, -1)) months.push(m);
  if (months.length === 0) return { items: [], nextCursor: null };
  const rows = await db
    .selectFrom('accounting_periods')
    .selectAll()
    .where('tenant_id', '=', actor.tenantId)
    .where('month', '>=', `${months.at(-1)!}-01`)
    .where('month', '<=', `${months[0]!}-01`)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month.slice(0, 7), r]));
  const last = months.at(-1)!;
  return { items: months.map((m) => view(m, byMonth.get(m))), nextCursor: last > oldest ? encodeCursor(last) : null };
}

export async function closePeriod(db: Kysely<DB>, actor: Actor, month: string): Promise<PeriodView> {
  requirePermission(actor, 'periods.close');
  requireMonth(month);
  return inTransaction(db, async (trx) => {
    // A posting dated in this month may be in flight: its transaction checked the period (trigger) but has
    // not committed. See lockTenantPostings: this waits for the tenant's postings in flight and holds off
    // its new ones until the close commits, when their trigger sees the month closed and refuses. Taken
    // first, before any row lock, so the wait holds nothing else up. (A use case that appends its audit
    // record before it posts can still deadlock with a close over the audit head; PostgreSQL breaks the
    // deadlock and inTransaction runs the loser again.)
    await lockTenantPostings(trx, actor.tenantId);
    const tenant = await trx.selectFrom('tenants').select('time_zone').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
    if (month > currentMonth(tenant.time_zone)) throw new KxError('invalid_state', `${month} has not begun yet; only a month that has begun can be closed`);
    const before = await lockPeriod(trx, actor.tenantId, month);
    const closedAt = new Date();
    // The WHERE makes a second close of the same month, racing this one, change nothing and report it.
    const row = await trx
      .insertInto('accounting_periods')
      .values({ tenant_id: actor.tenantId, month: `${month}-01`, closed: true, closed_at: closedAt, closed_by: actor.userId })
      .onConflict((oc) => oc.columns(['tenant_id', 'month']).doUpdateSet({ closed: true, closed_at: closedAt, closed_by: actor.userId }).where('accounting_periods.closed', '=', false))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new KxError('period_closed', `${month} is already closed`);
    await appendAudit(trx, actor, { action: 'period.close', entityType: 'accounting_period', entityId: month, before: auditOf(view(month, before)), after: auditOf(view(month, row)) });
    return view(month, row);
  });
}

export async function reopenPeriod(db: Kysely<DB>, actor: Actor, month: string, reason: string | undefined): Promise<PeriodView> {
  requirePermission(actor, 'periods.reopen');
  requireMonth(month);
  const why = reason?.trim() ?? '';
  if (why.length === 0) throw new KxError('reason_required', 'reopening a closed period needs a reason', { fields: [issue('reason', 'a reason is required', 'reason_required')] });
  if (why.length > reopenReasonCharsMax) throwIfInvalid([issue('reason', `a reason is at most ${reopenReasonCharsMax} characters`)]);
  return inTransaction(db, async (trx) => {
    const before = await lockPeriod(trx, actor.tenantId, month);
    if (!before?.closed) throw new KxError('period_not_closed', `${month} is not closed`);
    const row = await trx
      .updateTable('accounting_periods')
      .set({ closed: false, reopened_at: new Date(), reopened_by: actor.userId, reopen_reason: why })
      .where('tenant_id', '=', actor.tenantId)
      .where('month', '=', `${month}-01`)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'period.reopen', entityType: 'accounting_period', entityId: month, before: auditOf(view(month, before)), after: auditOf(view(month, row)), reason: why });
    return view(month, row);
  });
}

async function lockPeriod(trx: Kysely<DB>, tenantId: string, month: string): Promise<PeriodRow | undefined> {
  return trx.selectFrom('accounting_periods').selectAll().where('tenant_id', '=', tenantId).where('month', '=', `${month}-01`).forUpdate().executeTakeFirst();
}

function requireMonth(month: string): void {
  if (!monthShape.test(month)) throwIfInvalid([issue('month', 'a month is written YYYY-MM, from 1900-01 to 9999-12')]);
}

/**
 * Stops the tenant's postings for the rest of the transaction. Every insert into journal_entries takes the
 * tenant's posting lock in shared mode (trigger journal_entries_open_period); this takes it exclusively, so
 * it waits until the tenant's postings in flight have committed or rolled back, and its new postings wait
 * until this transaction ends. Other tenants' postings use other keys and never wait. The key must be
 * computed exactly as in kx_refuse_closed_period() (migration 2026-11-26T1200).
 */
export async function lockTenantPostings(trx: Kysely<DB>, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('kx.postings:' || ${tenantId}::uuid::text, 0))`.execute(trx);
}

/** The month (YYYY-MM) an instant falls in, in the tenant's time zone. */
export function monthOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}`;
}

export function currentMonth(timeZone: string, now = new Date()): string {
  return monthOf(now, timeZone);
}

/** 'YYYY-MM' plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function isString(value: string | null | undefined): value is string {
  return typeof value === 'string';
}

function view(month: string, row: PeriodRow | undefined): PeriodView {
  return {
    month,
    status: row?.closed ? 'closed' : 'open',
    closedAt: row?.closed_at?.toISOString() ?? null,
    closedBy: row?.closed_by ?? null,
    reopenedAt: row?.reopened_at?.toISOString() ?? null,
    reopenedBy: row?.reopened_by ?? null,
    reopenReason: row?.reopen_reason ?? null,
  };
}

function auditOf(period: PeriodView) {
  return { status: period.status, closedAt: period.closedAt, closedBy: period.closedBy };
}

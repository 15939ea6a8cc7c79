import { sql, type Kysely, type RawBuilder } from 'kysely';
import { KxError } from '../../core/errors.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { addDays, monthEnd, monthStart, overdueOnOrBefore } from '../../core/receivables/index.js';
import { actualArrivals, forecast, forecastWeeks, historyDays, minObservations, wape, type InstalmentHistory } from '../../core/reports/forecast.js';
import { agingLabels, cei, checkAgingBounds, collectionRate, dso, ratio } from '../../core/reports/kpi.js';
import { customerScope, nowFor, requirePermission, type Actor } from '../actor.js';
import { liveInstalments } from '../dashboard.js';
import { requireCurrency, statusRules, tenantRules } from '../receivables/common.js';
import { NO_CUSTOMER, type DB } from '../schema.js';

/**
 * Standard reports (GET /api/v1/reports/<name>): AR aging and the monthly collection KPIs, in one currency
 * (default the base currency), within the actor's data scope. The arithmetic is core/reports/kpi.ts.
 */

export const agingGroupings = ['customer', 'owner', 'department', 'none'] as const;
export type AgingGrouping = (typeof agingGroupings)[number];

export interface AgingQuery {
  currency?: string;
  /** Upper bounds in days, comma-separated: "30,60,90" (the default). */
  buckets?: string;
  /** Days past the due date (after the grace days, as overdue counts them) or since the order was signed. */
  basis?: 'due' | 'order';
  groupBy?: AgingGrouping;
}

export interface AgingView {
  currency: string;
  asOf: string;
  basis: 'due' | 'order';
  groupBy: AgingGrouping;
  buckets: string[];
  rows: { key: string | null; label: string; amounts: string[]; total: string }[];
  totals: { amounts: string[]; total: string };
}

/** Unpaid parts of live instalments of confirmed orders, by age bucket, per customer, owner or department. */
export async function agingReport(db: Kysely<DB>, actor: Actor, query: AgingQuery): Promise<AgingView> {
  requirePermission(actor, 'receipts.view');
  const rules = await tenantRules(db, actor.tenantId);
  const currency = query.currency === undefined ? rules.baseCurrency : requireCurrency(query.currency);
  const bounds = (query.buckets ?? '30,60,90').split(',').map((b) => Number(b.trim()));
  checkAgingBounds(bounds);
  const basis = query.basis ?? 'due';
  const groupBy = query.groupBy ?? 'customer';
  const status = statusRules(rules, nowFor(actor));
  // Due basis: counted from the end of the grace days, so "not due" + the rest equals the overdue figure.
  const from = basis === 'due' ? addDays(overdueOnOrBefore(status), 1) : status.today;
  const bucketOf = (day: RawBuilder<string>) => {
    const days = sql<number>`(${from}::date - ${day})`;
    return sql<number>`case when ${days} <= 0 then 0 ${sql.join(bounds.map((b, i) => sql`when ${days} <= ${b} then ${i + 1}`), sql` `)} else ${bounds.length + 1} end`;
  };
  const rowCap = limits.pivotRowsMax * (bounds.length + 2) + 1;
  let rows: { key: string | null; bucket: number; minor: string }[];
  if (actor.dataScope === 'all' && groupBy !== 'customer') {
    // The whole tenant by owner, department or in total: the maintained open amounts (a few thousand rows).
    const nil = sql`${NO_CUSTOMER}::uuid`;
    const key = { owner: sql<string | null>`nullif(a.owner_key, ${nil})::text`, department: sql<string | null>`nullif(a.department_key, ${nil})::text`, none: sql<string | null>`null::text` }[groupBy];
    rows = await db.selectFrom('instalment_figures as a')
      .select([key.as('key'), bucketOf(sql`a.day`).as('bucket'), sql<string>`sum(a.amount_minor)::text`.as('minor')])
      .where('a.tenant_id', '=', actor.tenantId).where('a.currency', '=', currency).where('a.basis', '=', basis === 'due' ? 'due' : 'signed')
      .groupBy([sql`1`, sql`2`])
      .limit(rowCap)
      .execute();
  } else {
    const key = { customer: sql<string | null>`o.customer_id::text`, owner: sql<string | null>`o.owner_id::text`, department: sql<string | null>`o.department_id::text`, none: sql<string | null>`null::text` }[groupBy];
    rows = await openInstalments(db, actor, currency)
      .select([key.as('key'), bucketOf(basis === 'due' ? sql`i.due_date` : sql`o.signed_date`).as('bucket'), sql<string>`sum(i.amount_minor - i.settled_minor)::text`.as('minor')])
      .groupBy([sql`1`, sql`2`])
      .limit(rowCap)
      .execute();
  }
  const labels = agingLabels(bounds);
  const perKey = new Map<string | null, bigint[]>();
  for (const r of rows) {
    const amounts = perKey.get(r.key) ?? labels.map(() => 0n);
    amounts[Number(r.bucket)]! += BigInt(r.minor);
    perKey.set(r.key, amounts);
  }
  if (perKey.size > limits.pivotRowsMax) throw new KxError('report_too_large', `the aging has ${perKey.size} rows; at most ${limits.pivotRowsMax}: group by owner or department`);
  const names = await namesOf(db, actor.tenantId, groupBy, [...perKey.keys()].filter((k): k is string => k !== null));
  const money = (minor: bigint) => formatAmount(minor, currency);
  const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
  const out = [...perKey].map(([k, amounts]) => ({ key: k, label: k === null ? '' : (names.get(k) ?? k), minor: amounts, totalMinor: sum(amounts) }))
    .sort((a, b) => (a.totalMinor === b.totalMinor ? (a.label < b.label ? -1 : 1) : a.totalMinor > b.totalMinor ? -1 : 1));
  const totals = labels.map((_, i) => sum(out.map((r) => r.minor[i]!)));
  return {
    currency, asOf: status.today, basis, groupBy, buckets: labels,
    rows: out.map((r) => ({ key: r.key, label: r.label, amounts: r.minor.map(money), total: money(r.totalMinor) })),
    totals: { amounts: totals.map(money), total: money(sum(totals)) },
  };
}

/**
 * Unpaid parts of live instalments of the actor's confirmed orders in one currency: the rows aging sums. An
 * actor who sees every customer needs no join to customers (every order has its customer), so the query is
 * the open-instalments index joined to the confirmed-orders index (migration 2026-11-29T0400).
 */
function openInstalments(db: Kysely<DB>, actor: Actor, currency: string) {
  if (actor.dataScope !== 'all') return liveInstalments(db, actor, currency, ['confirmed']).whereRef('i.settled_minor', '<', 'i.amount_minor');
  return db
    .selectFrom('instalments as i')
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
    .where('i.tenant_id', '=', actor.tenantId)
    .where('o.status', '=', 'confirmed')
    .where('o.currency', '=', currency)
    .where('i.voided_at', 'is', null)
    .whereRef('i.settled_minor', '<', 'i.amount_minor');
}

async function namesOf(db: Kysely<DB>, tenantId: string, groupBy: AgingGrouping, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0 || groupBy === 'none') return new Map();
  const rows = groupBy === 'customer'
    ? await db.selectFrom('customers').select(['id', sql<string>`code || ' ' || name`.as('label')]).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()
    : groupBy === 'owner'
      ? await db.selectFrom('users').select(['id', 'display_name as label']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()
      : await db.selectFrom('departments').select(['id', 'name as label']).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

export interface CollectionQuery {
  from?: string;
  to?: string;
  currency?: string;
}

export interface CollectionPeriod {
  month: string;
  /** Instalments of the plan due this month (live instalments of confirmed or completed orders). */
  due: string;
  /** Cash in from confirmed receipts this month, less voided ones. */
  received: string;
  /** received / due, 4 places; null when nothing was due. */
  collectionRate: string | null;
  /** Of this month's due instalments, the part settled so far / due. */
  planCompletion: string | null;
  /** Of this month's due instalments, the part settled on or before each one's due date / due. */
  onTimeRate: string | null;
  openingReceivable: string;
  issued: string;
  closingReceivable: string;
  /** The closing receivable not yet past due at the month's end. */
  closingCurrent: string;
  dso: string | null;
  cei: string | null;
}

export const collectionMonthsMax = 36;
/** Instalments one collection report reads (its settlement dates are worked out in memory). */
export const collectionInstalmentsMax = 200_000;

/**
 * 回款率, plan completion, on-time payment rate, DSO and CEI per month. Receivable figures come from the daily
 * figures (exact); settlement dates from allocations and their journal entries. Overdue at a month's end counts
 * instalments due on or before it (no grace days) less what was allocated to them by then.
 */
export async function collectionReport(db: Kysely<DB>, actor: Actor, query: CollectionQuery): Promise<{ currency: string; from: string; to: string; method: string; periods: CollectionPeriod[] }> {
  requirePermission(actor, 'receipts.view');
  const rules = await tenantRules(db, actor.tenantId);
  const currency = query.currency === undefined ? rules.baseCurrency : requireCurrency(query.currency);
  const today = statusRules(rules, nowFor(actor)).today;
  const to = monthEnd(query.to ?? today);
  const from = monthStart(query.from ?? monthStart(to, 11));
  for (const [field, value] of [['from', query.from], ['to', query.to]] as const) {
    if (value !== undefined && !isBusinessDate(value)) throw new KxError('validation_failed', `${field}: not a real date (YYYY-MM-DD)`, { fields: [{ field, code: 'validation_failed', message: 'not a real date' }] });
  }
  const months: string[] = [];
  for (let m = from; m <= to && months.length <= collectionMonthsMax; m = monthStart(m, -1)) months.push(m);
  if (months.length === 0 || months.length > collectionMonthsMax) {
    throw new KxError('validation_failed', `from…to spans 1–${collectionMonthsMax} months`, { fields: [{ field: 'to', code: 'validation_failed', message: `1–${collectionMonthsMax} months` }] });
  }
  const scope = actor.dataScope === 'all' ? sql`` : sql`and d.customer_key in (${db.selectFrom('customers as c').select('c.id').where(customerScope(actor, 'c'))})`;
  const ledger = await sql<{ month: string; issued: string; received: string; ar_before: string; ar_move: string }>`
    select to_char(case when d.day < ${from} then ${from}::date else d.day end, 'YYYY-MM-01') as month,
           coalesce(sum(d.debit_minor) filter (where d.day >= ${from} and a.code = 'accounts_receivable' and d.source = 'order'), 0)::text as issued,
           coalesce(sum(d.debit_minor - d.credit_minor) filter (where d.day >= ${from} and a.code like 'cash:%' and d.source in ('receipt', 'receipt_void')), 0)::text as received,
           coalesce(sum(d.debit_minor - d.credit_minor) filter (where d.day < ${from} and a.code = 'accounts_receivable'), 0)::text as ar_before,
           coalesce(sum(d.debit_minor - d.credit_minor) filter (where d.day >= ${from} and a.code = 'accounts_receivable'), 0)::text as ar_move
      from ledger_daily d join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id
     where d.tenant_id = ${actor.tenantId} and d.currency = ${currency} and d.day <= ${to} ${scope}
     group by 1`.execute(db);
  // Per instalment: amount, and what its allocations had settled by its due date, by each month end, and now.
  const plan = await instalmentHistories(db, actor, currency, from, to);
  const money = (minor: bigint) => formatAmount(minor, currency);
  const byMonth = new Map(ledger.rows.map((r) => [r.month.slice(0, 10), r]));
  let closing = ledger.rows.reduce((s, r) => s + BigInt(r.ar_before), 0n);
  const settledBy = (settlements: { day: string; minor: bigint }[], day: string) => settlements.filter((s) => s.day <= day).reduce((t, s) => t + s.minor, 0n);
  const periods = months.map((month) => {
    const end = monthEnd(month);
    const row = byMonth.get(month);
    const opening = closing;
    closing = opening + BigInt(row?.ar_move ?? 0);
    const dueNow = plan.filter((p) => p.dueDate.slice(0, 7) === month.slice(0, 7));
    const due = dueNow.reduce((t, p) => t + p.amountMinor, 0n);
    const settled = dueNow.reduce((t, p) => t + p.settledMinor, 0n);
    const onTime = dueNow.reduce((t, p) => t + minBig(p.amountMinor, settledBy(p.settlements, p.dueDate)), 0n);
    const overdueAtEnd = plan.filter((p) => p.dueDate <= end).reduce((t, p) => t + maxBig(0n, p.amountMinor - settledBy(p.settlements, end)), 0n);
    const current = closing - overdueAtEnd;
    const issued = BigInt(row?.issued ?? 0);
    const received = BigInt(row?.received ?? 0);
    const days = Number(end.slice(8, 10));
    return {
      month: month.slice(0, 7), due: money(due), received: money(received), collectionRate: collectionRate(received, due),
      planCompletion: ratio(settled, due, 4), onTimeRate: ratio(onTime, due, 4),
      openingReceivable: money(opening), issued: money(issued), closingReceivable: money(closing), closingCurrent: money(current),
      dso: dso(closing, issued, days), cei: cei(opening, issued, closing, current),
    };
  });
  return {
    currency, from, to, periods,
    method: 'collectionRate = received ÷ instalments due in the month; planCompletion = settled so far ÷ due; onTimeRate = settled by each due date ÷ due; DSO = closing AR ÷ issued × days in month; CEI = (opening AR + issued − closing AR) ÷ (opening AR + issued − closing current AR) × 100',
  };
}

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);

export interface InstalmentRecord extends InstalmentHistory {
  settledMinor: bigint;
}

/**
 * Live instalments of the actor's customers' confirmed or completed orders in one currency, due by `to`, with
 * every allocation to them (day of its posting, amount). Older ones only while they were open at some point of
 * [from, to]: unpaid now, or settled on or after `from`.
 */
export async function instalmentHistories(db: Kysely<DB>, actor: Actor, currency: string, from: string, to: string): Promise<InstalmentRecord[]> {
  const rows = await liveInstalments(db, actor, currency, ['confirmed', 'completed'])
    .where('i.due_date', '<=', to)
    .where(sql<boolean>`(i.due_date >= ${from} or i.settled_minor < i.amount_minor or exists (
      select 1 from allocations al join journal_entries e on e.tenant_id = al.tenant_id and e.id = al.entry_id
       where al.tenant_id = i.tenant_id and al.instalment_id = i.id and e.entry_date >= ${from}))`)
    .select([
      sql<string>`c.id::text`.as('customer_id'), sql<string>`o.signed_date::text`.as('known_from'), sql<string>`i.due_date::text`.as('due_date'),
      'i.amount_minor', 'i.settled_minor',
      sql<{ day: string; minor: string }[]>`(select coalesce(json_agg(json_build_object('day', e.entry_date, 'minor', al.amount_minor::text)), '[]')
         from allocations al join journal_entries e on e.tenant_id = al.tenant_id and e.id = al.entry_id
        where al.tenant_id = i.tenant_id and al.instalment_id = i.id)`.as('settlements'),
    ])
    .limit(collectionInstalmentsMax + 1)
    .execute();
  if (rows.length > collectionInstalmentsMax) throw new KxError('report_too_large', `more than ${collectionInstalmentsMax} instalments in the range: narrow it or pick a currency`);
  return rows.map((r) => ({
    customerId: r.customer_id, knownFrom: r.known_from, dueDate: r.due_date, amountMinor: r.amount_minor, settledMinor: r.settled_minor,
    settlements: r.settlements.map((x) => ({ day: x.day, minor: BigInt(x.minor) })),
  }));
}

export interface ForecastQuery {
  currency?: string;
  /** The past day to forecast from for the backtest (default 13 weeks ago). */
  backtestAsOf?: string;
}

/** Expected cash-in per week for the next 13 weeks, its method, and the same forecast made 13 weeks ago against what came. */
export async function forecastReport(db: Kysely<DB>, actor: Actor, query: ForecastQuery) {
  requirePermission(actor, 'receipts.view');
  const rules = await tenantRules(db, actor.tenantId);
  const currency = query.currency === undefined ? rules.baseCurrency : requireCurrency(query.currency);
  const today = statusRules(rules, nowFor(actor)).today;
  const backtestAsOf = query.backtestAsOf ?? addDays(today, -7 * forecastWeeks);
  if (!isBusinessDate(backtestAsOf) || backtestAsOf >= today) {
    throw new KxError('validation_failed', 'backtestAsOf: a real date before today', { fields: [{ field: 'backtestAsOf', code: 'validation_failed', message: 'a date before today' }] });
  }
  // Everything open at the backtest date or since, and the year of payments before it that the forecast learns from.
  const items = await instalmentHistories(db, actor, currency, addDays(backtestAsOf, -historyDays), '9999-12-31');
  const money = (minor: bigint) => formatAmount(minor, currency);
  const now = forecast(items, today);
  const past = forecast(items, backtestAsOf);
  const actual = actualArrivals(items, backtestAsOf);
  return {
    currency, asOf: today,
    method: `Each open instalment is spread over the weeks by its customer's own payment delays (days from due date to each allocation, weighted by amount; payments of the last ${historyDays} days; customers with fewer than ${minObservations} payments use the whole tenant's). An instalment already past due is spread by the delays at least that long; when no past payment was that late it counts as beyond the horizon.`,
    weeks: now.weeks.map((w) => ({ from: w.from, to: w.to, expected: money(w.expectedMinor) })),
    beyond: money(now.beyondMinor), open: money(now.openMinor),
    customersOwnHistory: now.customersOwnHistory, customersTenantHistory: now.customersTenantHistory,
    backtest: {
      asOf: backtestAsOf,
      weeks: past.weeks.map((w, i) => ({ from: w.from, to: w.to, expected: money(w.expectedMinor), actual: money(actual[i]!) })),
      wape: wape(past.weeks.map((w) => w.expectedMinor), actual),
    },
  };
}

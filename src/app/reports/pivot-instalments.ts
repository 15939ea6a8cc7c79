import { sql, type Kysely, type RawBuilder } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { type PivotDimension, type TimeDimension } from '../../core/reports/pivot.js';
import { averageDays, bucketsBetween, instalmentMeasureApplies, type InstalmentMeasure } from '../../core/reports/pivot-instalments.js';
import { customerScope, type Actor } from '../actor.js';
import { NO_CUSTOMER, type DB } from '../schema.js';
import type { PivotRequest } from './pivot.js';

/**
 * The pivot's overdue and avgDaysToPay (core/reports/pivot-instalments.ts says what they are): read from
 * instalments, orders and allocations, grouped by the same keys and time buckets as the journal figures, so
 * pivot.ts merges them into its rows by key. Owner and department are the order's.
 *
 * Overdue at a day E: live instalments of orders signed by E (confirmed, or completed since), due on or before
 * E − grace days − 1, for what they lack now plus what was allocated to them after E (computed as a running sum
 * of events, see overdueRows). Credit notes and
 * write-offs count from the start (today's instalment amounts and settled parts) — the simplification the
 * collection report makes too; at the end of a range reaching today the figure equals the aging's overdue.
 */
export interface InstalmentAggregate {
  keys: string[];
  bucket: string | null;
  currency: string;
  overdue: bigint;
  /** Σ allocated, and Σ allocated × days from the due date to the allocation's posting. */
  paid: bigint;
  paidDays: bigint;
}

export interface InstalmentFigures {
  overdue: bigint;
  paid: bigint;
  paidDays: bigint;
}

const nilKey = sql.lit(NO_CUSTOMER);

/** A dimension's key over instalments i, orders o, receipts r (allocations only) and tag t, as the journal figures write it. */
function keyOf(dimension: PivotDimension): RawBuilder<string> {
  switch (dimension) {
    case 'customer': return sql`o.customer_id::text`;
    case 'customerTag': return sql`t.tag`;
    case 'owner': return sql`coalesce(o.owner_id, ${nilKey}::uuid)::text`;
    case 'department': return sql`coalesce(o.department_id, ${nilKey}::uuid)::text`;
    case 'currency': return sql`o.currency::text`;
    case 'channel': return sql`r.channel`;
    default: throw new Error(`pivot-instalments: no key for ${dimension}`);
  }
}

/** The SQL of a time bucket label of a date expression, as pivot.ts writes it for the journal's days. */
function bucketOf(time: TimeDimension, day: RawBuilder<unknown>): RawBuilder<string> {
  const format = { day: 'YYYY-MM-DD', week: 'YYYY-MM-DD', month: 'YYYY-MM', quarter: 'YYYY-"Q"Q', year: 'YYYY' }[time];
  return time === 'week' ? sql`to_char(date_trunc('week', ${day}), ${format})` : sql`to_char(${day}, ${format})`;
}

export function wantedInstalmentMeasures(request: PivotRequest): InstalmentMeasure[] {
  return (['overdue', 'avgDaysToPay'] as const).filter((m) => request.measures.includes(m) && instalmentMeasureApplies(m, request.dimensions, request.filters ?? {}));
}

/** The instalment measures asked for and meaningful here, per (keys, bucket, currency), in each row's currency. */
export async function instalmentAggregates(db: Kysely<DB>, actor: Actor, request: PivotRequest, time: TimeDimension | undefined, others: PivotDimension[], graceDays: number): Promise<InstalmentAggregate[]> {
  const wanted = wantedInstalmentMeasures(request);
  const rows: InstalmentAggregate[] = [];
  if (wanted.includes('overdue')) {
    for (const r of await overdueRows(db, actor, request, time, others, graceDays)) rows.push({ ...r, paid: 0n, paidDays: 0n });
  }
  if (wanted.includes('avgDaysToPay')) {
    for (const r of await paidRows(db, actor, request, time, others)) rows.push({ ...r, overdue: 0n });
  }
  if (rows.length > limits.pivotRowsMax * 20) throw new KxError('report_too_large', `the pivot has more than ${limits.pivotRowsMax} rows: narrow the range, the filters or the dimensions`);
  return rows;
}

/** Joins, filters and data scope shared by both queries (orders o, customers c, and tags t when needed). */
function common(db: Kysely<DB>, actor: Actor, request: PivotRequest, others: PivotDimension[]) {
  const f = request.filters ?? {};
  const needsTag = others.includes('customerTag') || (f.customerTags ?? []).length > 0;
  const anyOf = (column: RawBuilder<unknown>, values: string[] | undefined) => (values === undefined || values.length === 0 ? sql`` : sql`and ${column} = any(${values}::text[])`);
  const scope = actor.dataScope === 'all' ? sql`` : sql`and o.customer_id in (${db.selectFrom('customers as c').select('c.id').where(customerScope(actor, 'c'))})`;
  return {
    keys: others.length === 0 ? sql`array[]::text[]` : sql`array[${sql.join(others.map(keyOf))}]`,
    joins: sql`join orders o on o.tenant_id = i.tenant_id and o.id = i.order_id
      ${needsTag ? sql`join customers c on c.tenant_id = o.tenant_id and c.id = o.customer_id
        cross join lateral unnest(case when cardinality(c.tags) > 0 then c.tags else array['']::text[] end) as t (tag)` : sql``}`,
    conditions: sql`${scope}
      ${anyOf(keyOf('customer'), f.customerIds)} ${anyOf(keyOf('owner'), f.ownerIds)} ${anyOf(keyOf('department'), f.departmentIds)}
      ${anyOf(keyOf('currency'), request.currency === undefined ? f.currencies : [request.currency])} ${anyOf(sql`t.tag`, f.customerTags)}`,
  };
}

/**
 * Overdue as a running sum of events, like outstanding: an instalment starts to count on the day it becomes
 * overdue (due date + grace + 1, or its order's signing if later) with what it lacks now plus what was allocated
 * to it after that day, and each of those later allocations takes its amount off on its posting day. Events
 * before `from` open the figure (bucket null); the buckets carry it (carryOverdue). Linear in instalments and
 * allocations, whatever the number of buckets.
 */
async function overdueRows(db: Kysely<DB>, actor: Actor, request: PivotRequest, time: TimeDimension | undefined, others: PivotDimension[], graceDays: number) {
  const { keys, joins, conditions } = common(db, actor, request, others);
  const allocated = sql`allocations al join journal_entries e on e.tenant_id = al.tenant_id and e.id = al.entry_id`;
  const bucket = time === undefined ? sql`null::text` : sql`case when v.day >= ${request.from}::date then ${bucketOf(time, sql`v.day`)} end`;
  const result = await sql<{ keys: string[]; bucket: string | null; currency: string; delta: string }>`
    with inst as (
      select i.tenant_id, i.id, ${keys} as keys, o.currency::text as currency, i.amount_minor - i.settled_minor as lack,
             greatest(i.due_date + ${graceDays + 1}::int, o.signed_date) as starts
        from instalments i
        ${joins}
       where i.tenant_id = ${actor.tenantId} and i.voided_at is null and o.status in ('confirmed', 'completed')
         and (i.settled_minor < i.amount_minor or exists (select 1 from ${allocated}
               where al.tenant_id = i.tenant_id and al.instalment_id = i.id and e.entry_date > ${request.from}::date))
         ${conditions}
    ), events (keys, currency, day, delta) as (
      select n.keys, n.currency, n.starts, n.lack + coalesce((select sum(al.amount_minor) from ${allocated}
               where al.tenant_id = n.tenant_id and al.instalment_id = n.id and e.entry_date > n.starts), 0)
        from inst n
      union all
      select n.keys, n.currency, e.entry_date, -al.amount_minor
        from inst n join ${allocated} on al.tenant_id = n.tenant_id and al.instalment_id = n.id
       where e.entry_date > n.starts
    )
    select v.keys, ${bucket} as bucket, v.currency, sum(v.delta)::text as delta
      from events v
     where v.day <= ${request.to}::date
     group by 1, 2, 3
     limit ${limits.pivotRowsMax * 20 + 1}`.execute(db);
  const buckets = time === undefined ? [null] : bucketsBetween(time, request.from, request.to).map((b) => b.label);
  return carryOverdue(result.rows.map((r) => ({ keys: r.keys, bucket: r.bucket, currency: r.currency, delta: BigInt(r.delta) })), buckets);
}

/** Per group and currency: the running sum of the events up to each bucket's end, for every bucket where it is not zero. */
function carryOverdue(rows: { keys: string[]; bucket: string | null; currency: string; delta: bigint }[], buckets: (string | null)[]) {
  const groups = new Map<string, { keys: string[]; currency: string; deltas: Map<string | null, bigint> }>();
  for (const r of rows) {
    const id = JSON.stringify([r.keys, r.currency]);
    const g = groups.get(id) ?? { keys: r.keys, currency: r.currency, deltas: new Map() };
    g.deltas.set(r.bucket, (g.deltas.get(r.bucket) ?? 0n) + r.delta);
    groups.set(id, g);
  }
  const out: { keys: string[]; bucket: string | null; currency: string; overdue: bigint }[] = [];
  for (const g of groups.values()) {
    let running = buckets[0] === null ? 0n : (g.deltas.get(null) ?? 0n);
    for (const bucket of buckets) {
      running += g.deltas.get(bucket) ?? 0n;
      if (running !== 0n) out.push({ keys: g.keys, bucket, currency: g.currency, overdue: running });
    }
    if (out.length > limits.pivotRowsMax * 20) throw new KxError('report_too_large', `the pivot has more than ${limits.pivotRowsMax} rows: narrow the range, the filters or the dimensions`);
  }
  return out;
}

/**
 * Allocations posted in [from, to] (kind allocate, of receipts not voided since): a take-back or a void is not
 * a payment, and a voided receipt's allocations were none.
 */
async function paidRows(db: Kysely<DB>, actor: Actor, request: PivotRequest, time: TimeDimension | undefined, others: PivotDimension[]) {
  const { keys, joins, conditions } = common(db, actor, request, others);
  const channels = request.filters?.channels ?? [];
  const result = await sql<{ keys: string[]; bucket: string | null; currency: string; paid: string; paid_days: string }>`
    select ${keys} as keys, ${time === undefined ? sql`null::text` : bucketOf(time, sql`e.entry_date`)} as bucket, o.currency::text as currency,
           sum(al.amount_minor)::text as paid, sum(al.amount_minor * (e.entry_date - i.due_date))::text as paid_days
      from allocations al
      join journal_entries e on e.tenant_id = al.tenant_id and e.id = al.entry_id
      join receipts r on r.tenant_id = al.tenant_id and r.id = al.receipt_id
      join instalments i on i.tenant_id = al.tenant_id and i.id = al.instalment_id
      ${joins}
     where al.tenant_id = ${actor.tenantId} and al.kind = 'allocate' and r.status = 'confirmed'
       and e.entry_date >= ${request.from} and e.entry_date <= ${request.to}
       ${channels.length === 0 ? sql`` : sql`and r.channel = any(${channels}::text[])`}
       ${conditions}
     group by 1, 2, 3
     limit ${limits.pivotRowsMax * 20 + 1}`.execute(db);
  return result.rows.map((r) => ({ keys: r.keys, bucket: r.bucket, currency: r.currency, paid: BigInt(r.paid), paidDays: BigInt(r.paid_days) }));
}

/** The values of the instalment measures for a row (or the totals): "" where the measure has no meaning here. */
export function instalmentValues(request: PivotRequest, figures: InstalmentFigures | undefined, money: (minor: bigint) => string): Record<InstalmentMeasure, string> {
  const wanted = wantedInstalmentMeasures(request);
  return {
    overdue: wanted.includes('overdue') ? money(figures?.overdue ?? 0n) : '',
    avgDaysToPay: wanted.includes('avgDaysToPay') ? averageDays(figures?.paidDays ?? 0n, figures?.paid ?? 0n) : '',
  };
}

/**
 * Totals: overdue at the end of the range (the last bucket's, like outstanding), and the average over every
 * allocation of the range.
 */
export function instalmentTotals(rows: readonly { keys: string[]; bucket: string | null }[], figures: Map<string, InstalmentFigures>, time: TimeDimension | undefined, request: PivotRequest): InstalmentFigures {
  const last = time === undefined ? null : bucketsBetween(time, request.from, request.to).at(-1)!.label;
  const total = { overdue: 0n, paid: 0n, paidDays: 0n };
  for (const row of rows) {
    const f = figures.get(rowIdOf(row));
    if (!f) continue;
    if (row.bucket === last) total.overdue += f.overdue;
    total.paid += f.paid;
    total.paidDays += f.paidDays;
  }
  return total;
}

/** Row id as pivot.ts merges rows: the other dimensions' keys and the time bucket. */
export const rowIdOf = (r: { keys: string[]; bucket: string | null }) => JSON.stringify([r.keys, r.bucket]);

/**
 * Adds the instalment figures, converted into the report currency, by row id; a key the journal figures do
 * not have (an overdue customer with no posting in the range or bucket) gets a row of its own (`empty`).
 */
export function mergeInstalments<R>(merged: Map<string, R>, rows: readonly InstalmentAggregate[], convert: (minor: bigint, from: string) => bigint, empty: (r: InstalmentAggregate) => R): Map<string, InstalmentFigures> {
  const figures = new Map<string, InstalmentFigures>();
  for (const r of rows) {
    const id = rowIdOf(r);
    if (!merged.has(id)) merged.set(id, empty(r));
    const into = figures.get(id) ?? { overdue: 0n, paid: 0n, paidDays: 0n };
    into.overdue += convert(r.overdue, r.currency);
    into.paid += convert(r.paid, r.currency);
    into.paidDays += convert(r.paidDays, r.currency);
    figures.set(id, into);
  }
  return figures;
}

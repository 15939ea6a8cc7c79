import { sql, type Kysely, type RawBuilder } from 'kysely';
import { KxError } from '../../core/errors.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { convertMinor, monthEnd, monthStart } from '../../core/receivables/index.js';
import { bucketRange, carryBalances, isTimeDimension, pivotDimensionsMax, type PivotDimension, type PivotMeasure, type TimeDimension } from '../../core/reports/pivot.js';
import { customerScope, requirePermission, type Actor } from '../actor.js';
import { baseRateFor, requireCurrency, tenantRules } from '../receivables/common.js';
import { NO_CUSTOMER, type DB } from '../schema.js';
import { instalmentAggregates, instalmentTotals, instalmentValues, mergeInstalments, rowIdOf } from './pivot-instalments.js';

/**
 * The pivot (POST /api/v1/reports/pivot): sums of the daily figures (ledger_daily, exact by construction)
 * along up to three dimensions, within the actor's data scope, in one currency — the one asked, or every
 * currency converted to the tenant's base currency at the latest rate on or before the end of the range.
 */
export interface PivotFilters {
  customerIds?: string[];
  ownerIds?: string[];
  departmentIds?: string[];
  productIds?: string[];
  channels?: string[];
  currencies?: string[];
  kinds?: string[];
  customerTags?: string[];
}

export interface PivotRequest {
  dimensions: PivotDimension[];
  measures: PivotMeasure[];
  from: string;
  to: string;
  /** Only this currency, in it; absent: every currency, converted to the base currency. */
  currency?: string;
  filters?: PivotFilters;
}

export interface PivotRow {
  /** The row's value of each dimension: an id, a code, or a time bucket label (2026-03-09, 2026-03, 2026-Q1, 2026). */
  keys: Record<string, string>;
  /** What people read for each id key: customer "code name", owner's name, department and product names. */
  labels: Record<string, string>;
  /** Decimal strings in the report currency; count as a decimal integer string. */
  values: Record<string, string>;
  /** Filters GET /api/v1/receipts accepts, giving the receipts behind the row. */
  drill: Record<string, string>;
}

export interface PivotView {
  currency: string;
  from: string;
  to: string;
  /** The rates used to convert into `currency` (empty when one currency was asked). */
  rates: { currency: string; rate: string }[];
  dimensions: PivotDimension[];
  measures: PivotMeasure[];
  rows: PivotRow[];
  totals: Record<string, string>;
}

/** The SQL of a dimension's key, over ledger_daily d (and customers c, tag t when they are joined). */
function keyOf(dimension: PivotDimension): RawBuilder<string> {
  switch (dimension) {
    case 'day': return sql`to_char(d.day, 'YYYY-MM-DD')`;
    case 'week': return sql`to_char(date_trunc('week', d.day), 'YYYY-MM-DD')`;
    case 'month': return sql`to_char(d.day, 'YYYY-MM')`;
    case 'quarter': return sql`to_char(d.day, 'YYYY-"Q"Q')`;
    case 'year': return sql`to_char(d.day, 'YYYY')`;
    case 'customer': return sql`d.customer_key::text`;
    case 'customerTag': return sql`t.tag`;
    case 'owner': return sql`d.owner_key::text`;
    case 'department': return sql`d.department_key::text`;
    case 'product': return sql`d.product_key::text`;
    case 'channel': return sql`d.channel_key`;
    case 'currency': return sql`d.currency::text`;
    case 'kind': return sql`d.source`;
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkRequest(request: PivotRequest): void {
  const issues: { field: string; message: string }[] = [];
  if (request.dimensions.length > pivotDimensionsMax) issues.push({ field: 'dimensions', message: `at most ${pivotDimensionsMax} dimensions` });
  if (new Set(request.dimensions).size !== request.dimensions.length) issues.push({ field: 'dimensions', message: 'a dimension appears twice' });
  if (request.dimensions.filter(isTimeDimension).length > 1) issues.push({ field: 'dimensions', message: 'at most one time dimension (day, week, month, quarter or year)' });
  if (request.measures.length === 0) issues.push({ field: 'measures', message: 'ask for at least one measure' });
  for (const field of ['from', 'to'] as const) if (!isBusinessDate(request[field])) issues.push({ field, message: 'not a real date (YYYY-MM-DD)' });
  if (issues.length === 0 && request.from > request.to) issues.push({ field: 'to', message: 'to is before from' });
  if (issues.length === 0 && (Date.parse(request.to) - Date.parse(request.from)) / 86_400_000 >= limits.reportDaysMax) {
    issues.push({ field: 'to', message: `a report spans at most ${limits.reportDaysMax} days` });
  }
  for (const key of ['customerIds', 'ownerIds', 'departmentIds', 'productIds'] as const) {
    (request.filters?.[key] ?? []).forEach((id, index) => { if (!uuidPattern.test(id)) issues.push({ field: `filters.${key}[${index}]`, message: 'not a UUID' }); });
  }
  if (issues.length > 0) {
    throw new KxError('validation_failed', issues[0]!.message, { fields: issues.map((i) => ({ ...i, code: 'validation_failed' as const })) });
  }
}

interface Aggregated {
  keys: string[];
  bucket: string | null;
  currency: string;
  issued: bigint;
  received: bigint;
  refunded: bigint;
  movement: bigint;
  count: bigint;
}

export async function pivot(db: Kysely<DB>, actor: Actor, request: PivotRequest): Promise<PivotView> {
  requirePermission(actor, 'receipts.view');
  checkRequest(request);
  const rules = await tenantRules(db, actor.tenantId);
  const currency = request.currency === undefined ? rules.baseCurrency : requireCurrency(request.currency);
  const time = request.dimensions.find(isTimeDimension);
  const others = request.dimensions.filter((d) => !isTimeDimension(d));
  const wantsOutstanding = request.measures.includes('outstanding');
  const rows = await aggregate(db, actor, request, time, others, wantsOutstanding);
  // Hook: overdue and avgDaysToPay come from instalments and allocations (pivot-instalments.ts), merged by key below.
  const instalmentRows = await instalmentAggregates(db, actor, request, time, others, rules.graceDays);

  // Convert per (row, currency) at the rate of the range's last day, then merge the currencies of a row.
  const rates = new Map<string, string>();
  if (request.currency === undefined) {
    for (const c of new Set([...rows, ...instalmentRows].map((r) => r.currency))) rates.set(c, await baseRateFor(db, actor.tenantId, rules, c, request.to, undefined, 'to'));
  }
  const convert = (minor: bigint, from: string) => (request.currency === undefined ? convertMinor(minor, from, currency, rates.get(from)!) : minor);
  const merged = new Map<string, Aggregated>();
  for (const r of rows) {
    const id = JSON.stringify([r.keys, r.bucket]);
    const into = merged.get(id) ?? { ...r, currency, issued: 0n, received: 0n, refunded: 0n, movement: 0n, count: 0n };
    into.issued += convert(r.issued, r.currency);
    into.received += convert(r.received, r.currency);
    into.refunded += convert(r.refunded, r.currency);
    into.movement += convert(r.movement, r.currency);
    into.count += r.count;
    merged.set(id, into);
  }
  const instalments = mergeInstalments(merged, instalmentRows, convert, (r) => ({ keys: r.keys, bucket: r.bucket, currency, issued: 0n, received: 0n, refunded: 0n, movement: 0n, count: 0n }));
  const withGroup = [...merged.values()].map((r) => ({ ...r, group: JSON.stringify(r.keys) }));
  const balances = carryBalances(withGroup);
  // Movements before the range only opened the balances; without a time dimension there is one bucket.
  const shown = withGroup.filter((r) => time === undefined || r.bucket !== null);
  if (shown.length > limits.pivotRowsMax) {
    throw new KxError('report_too_large', `the pivot has ${shown.length} rows; at most ${limits.pivotRowsMax}: narrow the range, the filters or the dimensions`, { details: { rows: shown.length } });
  }
  const labels = await labelsOf(db, actor.tenantId, others, shown);
  const money = (minor: bigint) => formatAmount(minor, currency);
  const valuesOf = (r: { issued: bigint; received: bigint; refunded: bigint; count: bigint }, outstanding: bigint, fromInstalments: Record<'overdue' | 'avgDaysToPay', string>) => {
    const all: Record<PivotMeasure, string> = {
      issued: money(r.issued), received: money(r.received), refunded: money(r.refunded), netReceived: money(r.received - r.refunded),
      outstanding: money(outstanding), count: r.count.toString(), ...fromInstalments,
    };
    return Object.fromEntries(request.measures.map((m) => [m, all[m]]));
  };
  const out: PivotRow[] = shown.map((r) => {
    const keys: Record<string, string> = {};
    const rowLabels: Record<string, string> = {};
    others.forEach((d, i) => {
      keys[d] = r.keys[i]!;
      const label = labels.get(`${d}:${r.keys[i]}`);
      if (label !== undefined) rowLabels[d] = label;
    });
    if (time !== undefined) keys[time] = r.bucket!;
    return { keys, labels: rowLabels, values: valuesOf(r, balances.get(r)!, instalmentValues(request, instalments.get(rowIdOf(r)), money)), drill: drillOf(request, time, keys) };
  });
  out.sort((a, b) => compareRows(request.dimensions, a, b));
  const total = shown.reduce((t, r) => ({ issued: t.issued + r.issued, received: t.received + r.received, refunded: t.refunded + r.refunded, count: t.count + r.count }), { issued: 0n, received: 0n, refunded: 0n, count: 0n });
  // The outstanding total is the balance at the end of the range, whatever the time buckets.
  const closing = withGroup.reduce((sum, r) => sum + r.movement, 0n);
  return {
    currency, from: request.from, to: request.to,
    rates: [...rates].filter(([c]) => c !== currency).map(([c, rate]) => ({ currency: c, rate })),
    dimensions: request.dimensions, measures: request.measures, rows: out,
    totals: valuesOf(total, closing, instalmentValues(request, instalmentTotals(shown, instalments, time, request), money)),
  };
}

function compareRows(dimensions: readonly PivotDimension[], a: PivotRow, b: PivotRow): number {
  for (const d of dimensions) {
    const x = a.labels[d] ?? a.keys[d]!;
    const y = b.labels[d] ?? b.keys[d]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** One grouped query over the daily figures: movements in the range, and (for outstanding) the receivable before it. */
async function aggregate(db: Kysely<DB>, actor: Actor, request: PivotRequest, time: TimeDimension | undefined, others: PivotDimension[], wantsOutstanding: boolean): Promise<Aggregated[]> {
  const f = request.filters ?? {};
  const inRange = sql`d.day >= ${request.from}`;
  const ar = sql`a.code = 'accounts_receivable'`;
  const cash = sql`a.code like 'cash:%'`;
  const keyList = others.length === 0 ? sql`array[]::text[]` : sql`array[${sql.join(others.map(keyOf))}]`;
  const bucket = time === undefined ? sql`null::text` : sql`case when ${inRange} then ${keyOf(time)} end`;
  const needsTag = others.includes('customerTag') || (f.customerTags ?? []).length > 0;
  // Scoped actors see only their customers' figures; the company's own bookings have no customer and stay out.
  const scope = actor.dataScope === 'all'
    ? sql``
    : sql`and d.customer_key in (${db.selectFrom('customers as c').select('c.id').where(customerScope(actor, 'c'))})`;
  // A customer with several tags counts under each; one without tags under "".
  const tagJoin = needsTag
    ? sql`join customers c on c.tenant_id = d.tenant_id and c.id = d.customer_key
          cross join lateral unnest(case when cardinality(c.tags) > 0 then c.tags else array['']::text[] end) as t (tag)`
    : sql``;
  const anyOf = (column: RawBuilder<unknown>, values: string[] | undefined) => (values === undefined || values.length === 0 ? sql`` : sql`and ${column} = any(${values}::text[])`);
  const conditions = [
    anyOf(sql`d.customer_key::text`, f.customerIds), anyOf(sql`d.owner_key::text`, f.ownerIds), anyOf(sql`d.department_key::text`, f.departmentIds),
    anyOf(sql`d.product_key::text`, f.productIds), anyOf(sql`d.channel_key`, f.channels), anyOf(sql`d.currency::text`, request.currency === undefined ? f.currencies : [request.currency]),
    anyOf(sql`d.source`, f.kinds), anyOf(sql`t.tag`, f.customerTags),
  ];
  const usesCustomer = actor.dataScope !== 'all' || needsTag || others.includes('customer') || (f.customerIds ?? []).length > 0;
  const figures = usesCustomer ? sql`ledger_daily` : sql`(${figuresByMonth(actor.tenantId, request, time)})`;
  const result = await sql<{ keys: string[]; bucket: string | null; currency: string; issued: string; received: string; refunded: string; movement: string; count: string }>`
    select ${keyList} as keys, ${bucket} as bucket, d.currency::text as currency,
           coalesce(sum(d.debit_minor - d.credit_minor) filter (where ${inRange} and ${ar} and d.source = 'order'), 0)::text as issued,
           coalesce(sum(d.debit_minor - d.credit_minor) filter (where ${inRange} and ${cash} and d.source in ('receipt', 'receipt_void')), 0)::text as received,
           coalesce(sum(d.credit_minor - d.debit_minor) filter (where ${inRange} and ${cash} and d.source = 'refund'), 0)::text as refunded,
           coalesce(sum(d.debit_minor - d.credit_minor) filter (where ${ar}), 0)::text as movement,
           coalesce(sum(case when d.source = 'receipt' then d.line_count else -d.line_count end)
                    filter (where ${inRange} and ${cash} and d.source in ('receipt', 'receipt_void')), 0)::text as count
      from ${figures} d
      join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id
      ${tagJoin}
     where d.tenant_id = ${actor.tenantId} and d.day <= ${request.to}
       and ${wantsOutstanding ? sql`(${inRange} or ${ar})` : inRange}
       ${scope} ${sql.join(conditions, sql` `)}
     group by 1, 2, 3
     limit ${limits.pivotRowsMax * 20 + 1}`.execute(db);
  const grouped = result.rows;
  if (grouped.length > limits.pivotRowsMax * 20) {
    throw new KxError('report_too_large', `the pivot has more than ${limits.pivotRowsMax} rows: narrow the range, the filters or the dimensions`);
  }
  return grouped.map((r) => ({
    keys: r.keys, bucket: r.bucket, currency: r.currency,
    issued: BigInt(r.issued), received: BigInt(r.received), refunded: BigInt(r.refunded), movement: BigInt(r.movement), count: BigInt(r.count),
  }));
}

/**
 * The daily figures with whole months read from the monthly roll-up (ledger_monthly, no customer): every
 * month wholly before the range (they only open the outstanding balance), and — unless the buckets are days
 * or weeks — every month wholly inside it; the daily rows only for the days of the partly covered months.
 * Month rows are dated the 1st, which falls in the same month, quarter and year bucket, and before `from`
 * exactly when the whole month does. Same sums as ledger_daily alone: verify checks both against the journal.
 */
function figuresByMonth(tenantId: string, request: PivotRequest, time: TimeDimension | undefined): RawBuilder<unknown> {
  const fromMonth = monthStart(request.from);
  const firstWhole = request.from === fromMonth ? fromMonth : monthStart(request.from, -1);
  const afterWhole = request.to === monthEnd(request.to) ? monthStart(request.to, -1) : monthStart(request.to);
  const coarse = time !== 'day' && time !== 'week' && firstWhole < afterWhole;
  // Only the accounts the measures read: the receivable (before the range too, for the opening balance) and cash.
  // Sales lines carry the product and are most of the roll-up's rows; no measure reads them.
  const receivable = sql`(select a.id from accounts a where a.tenant_id = ${tenantId} and a.code = 'accounts_receivable')`;
  const measured = sql`array(select a.id from accounts a where a.tenant_id = ${tenantId} and (a.code = 'accounts_receivable' or a.code like 'cash:%'))`;
  const monthly = (where: RawBuilder<unknown>) => sql`
    select m.tenant_id, m.month as day, m.account_id, m.source, m.owner_key, m.department_key, m.product_key, m.channel_key, m.currency,
           m.debit_minor, m.credit_minor, m.line_count
      from ledger_monthly m
     where m.tenant_id = ${tenantId} and ${where}`;
  // Separate branches, so each is a range of the primary key (tenant, month, account …) rather than one scan under an OR.
  const wholeInRange = coarse
    ? sql`union all ${monthly(sql`m.month >= ${firstWhole}::date and m.month < ${afterWhole}::date and m.account_id = any(${measured})`)}`
    : sql``;
  const notWhole = coarse ? sql`and (d.day < ${firstWhole}::date or d.day >= ${afterWhole}::date)` : sql``;
  return sql`
    ${monthly(sql`m.month < ${fromMonth}::date and m.account_id = ${receivable}`)}
    ${wholeInRange}
    union all
    select d.tenant_id, d.day, d.account_id, d.source, d.owner_key, d.department_key, d.product_key, d.channel_key, d.currency,
           d.debit_minor, d.credit_minor, d.line_count
      from ledger_daily d
     where d.tenant_id = ${tenantId} and d.day >= ${fromMonth}::date and d.day <= ${request.to}::date ${notWhole}`;
}

/** Names for the ids among the keys, in four small lookups. */
async function labelsOf(db: Kysely<DB>, tenantId: string, dimensions: PivotDimension[], rows: { keys: string[] }[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const idsOf = (d: PivotDimension) => {
    const i = dimensions.indexOf(d);
    return i < 0 ? [] : [...new Set(rows.map((r) => r.keys[i]!))].filter((id) => id !== NO_CUSTOMER);
  };
  const lookups: [PivotDimension, () => Promise<{ id: string; label: string }[]>][] = [
    ['customer', () => db.selectFrom('customers').select(['id', sql<string>`code || ' ' || name`.as('label')]).where('tenant_id', '=', tenantId).where('id', 'in', idsOf('customer')).execute()],
    ['owner', () => db.selectFrom('users').select(['id', 'display_name as label']).where('tenant_id', '=', tenantId).where('id', 'in', idsOf('owner')).execute()],
    ['department', () => db.selectFrom('departments').select(['id', 'name as label']).where('tenant_id', '=', tenantId).where('id', 'in', idsOf('department')).execute()],
    ['product', () => db.selectFrom('products').select(['id', sql<string>`code || ' ' || name`.as('label')]).where('tenant_id', '=', tenantId).where('id', 'in', idsOf('product')).execute()],
  ];
  for (const [dimension, lookup] of lookups) {
    if (idsOf(dimension).length === 0) continue;
    for (const { id, label } of await lookup()) labels.set(`${dimension}:${id}`, label);
  }
  return labels;
}

/** The receipts list's filters for a row: its customer, owner, department, channel, currency and dates. */
function drillOf(request: PivotRequest, time: TimeDimension | undefined, keys: Record<string, string>): Record<string, string> {
  const range = time === undefined ? { from: request.from, to: request.to } : bucketRange(time, keys[time]!);
  const drill: Record<string, string> = {
    receivedFrom: range.from < request.from ? request.from : range.from,
    receivedTo: range.to > request.to ? request.to : range.to,
    status: 'confirmed',
  };
  const map: [PivotDimension, string][] = [['customer', 'customer'], ['owner', 'owner'], ['department', 'department'], ['channel', 'channel'], ['currency', 'currency']];
  for (const [dimension, filter] of map) {
    const value = keys[dimension];
    if (value !== undefined && value !== '' && value !== NO_CUSTOMER) drill[filter] = value;
  }
  if (request.currency !== undefined) drill.currency = request.currency;
  return drill;
}

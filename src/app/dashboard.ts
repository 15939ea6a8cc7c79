import { sql, type Kysely, type RawBuilder } from 'kysely';
import { formatAmount } from '../core/money/index.js';
import { addDays, monthEnd, monthStart, overdueOnOrBefore, type StatusRules } from '../core/receivables/index.js';
import { can, customerScope, nowFor, type Actor } from './actor.js';
import { requireCurrency, statusRules, tenantRules, type TenantRules } from './receivables/common.js';
import { awaitingApprovalBy } from './receivables/refunds.js';
import { NO_CUSTOMER, type DB } from './schema.js';

/**
 * The dashboard (首页): one currency's figures, trend, aging and worst payers, and the actor's to-dos — all
 * within the actor's data scope, each aggregated by PostgreSQL (a handful of grouped queries, whatever the
 * size of the tenant). Any signed-in user may ask; they see only the customers their scope gives them.
 */
export const dashboardLimits = {
  /** Months of the collections trend, the current one last. */
  trendMonthsMax: 12,
  /** Customers in the top-overdue table. */
  topOverdueCustomersMax: 10,
  /** Items listed per to-do (the count says how many there are in all). */
  todoItemsMax: 5,
  /** Currencies offered by the switcher. */
  currenciesMax: 50,
} as const;

/** Aging buckets by days past due (counted after the grace days, as overdue is). */
export const agingBuckets = ['not_due', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

interface CustomerRef { id: string; code: string; name: string }

export interface DashboardView {
  currency: string;
  /** Today in the tenant's time zone: what "overdue" and "this month" are reckoned against. */
  today: string;
  /** Currencies with posted data the actor may see (always holding the base currency and `currency`). */
  currencies: string[];
  figures: {
    receivable: string;
    receivedThisMonth: string;
    overdue: string;
    advance: string;
    refundsAwaitingApproval: { count: number; amount: string };
  };
  trend: { month: string; received: string; due: string }[];
  aging: { bucket: AgingBucket; amount: string; instalments: number }[];
  topOverdue: { customer: CustomerRef; overdue: string; oldestDueDate: string }[];
  todos: {
    receiptsToConfirm: { count: number; items: { id: string; number: string; customer: CustomerRef; amount: string; currency: string; receivedDate: string }[] };
    refundsToApprove: { count: number; items: { id: string; number: string; customer: CustomerRef; amount: string; currency: string; requestedAt: string }[] };
    myOverdueInstalments: { count: number; items: { instalmentId: string; orderId: string; orderNumber: string; customer: CustomerRef; dueDate: string; outstanding: string; currency: string }[] };
  };
}

export async function dashboardOf(db: Kysely<DB>, actor: Actor, query: { currency?: string }): Promise<DashboardView> {
  const rules = await tenantRules(db, actor.tenantId);
  const currency = query.currency === undefined ? rules.baseCurrency : requireCurrency(query.currency);
  const status = statusRules(rules, nowFor(actor));
  const money = (minor: bigint | string | null | undefined) => formatAmount(BigInt(minor ?? 0), currency);
  const [balances, receivedThisMonth, refunds, trend, { aging, top: topOverdue }, currencies, todos] = await Promise.all([
    ledgerTotals(db, actor, currency),
    receivedBetween(db, actor, currency, `${status.today.slice(0, 7)}-01`, status.today),
    refundsAwaiting(db, actor, currency),
    trendOf(db, actor, currency, status.today),
    unpaidByAge(db, actor, currency, status),
    currenciesOf(db, actor),
    todosOf(db, actor, rules, status),
  ]);
  const overdueMinor = aging.filter((a) => a.bucket !== 'not_due').reduce((sum, a) => sum + a.minor, 0n);
  return {
    currency,
    today: status.today,
    currencies: [...new Set([...currencies, rules.baseCurrency, currency])].sort(),
    figures: {
      receivable: money(balances.receivable),
      receivedThisMonth: money(receivedThisMonth),
      overdue: money(overdueMinor),
      advance: money(balances.advance),
      refundsAwaitingApproval: { count: refunds.count, amount: money(refunds.minor) },
    },
    trend: trend.map((m) => ({ month: m.month, received: money(m.received), due: money(m.due) })),
    aging: aging.map((a) => ({ bucket: a.bucket, amount: money(a.minor), instalments: a.count })),
    topOverdue: topOverdue.map((r) => ({ customer: { id: r.id, code: r.code, name: r.name }, overdue: money(r.minor), oldestDueDate: r.oldest_due })),
    todos,
  };
}

/** Receivable (Dr balance) and advance (Cr balance, shown positive) from the ledger's running balances. */
async function ledgerTotals(db: Kysely<DB>, actor: Actor, currency: string): Promise<{ receivable: bigint; advance: bigint }> {
  const balances = db
    .selectFrom('account_balances as b')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'b.tenant_id').onRef('a.id', '=', 'b.account_id'))
    .select('a.code')
    .select((eb) => eb.fn.sum<string>('b.balance_minor').as('minor'))
    .where('b.tenant_id', '=', actor.tenantId)
    .where('b.currency', '=', currency)
    .where('a.code', 'in', ['accounts_receivable', 'customer_advances'])
    .groupBy('a.code');
  // Seeing every customer, any customer's row counts: no join to the customers (100,000 of them at scale).
  const rows = await (seesEveryone(actor)
    ? balances.where('b.customer_key', '<>', NO_CUSTOMER)
    : balances.innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'b.tenant_id').onRef('c.id', '=', 'b.customer_key')).where(customerScope(actor, 'c'))
  ).execute();
  const of = (code: string) => BigInt(rows.find((r) => r.code === code)?.minor ?? 0);
  return { receivable: of('accounts_receivable'), advance: -of('customer_advances') };
}

/** Confirmed receipts the actor may see, received between two business dates inclusive. */
function confirmedReceipts(db: Kysely<DB>, actor: Actor, currency: string, from: string, to: string) {
  const receipts = db.selectFrom('receipts as r').where('r.tenant_id', '=', actor.tenantId);
  return (seesEveryone(actor) ? receipts : receipts.where('r.customer_id', 'in', db.selectFrom('customers as c').select('c.id').where(customerScope(actor, 'c'))))
    .where('r.status', '=', 'confirmed')
    .where('r.currency', '=', currency)
    .where('r.received_date', '>=', from)
    .where('r.received_date', '<=', to);
}

async function receivedBetween(db: Kysely<DB>, actor: Actor, currency: string, from: string, to: string): Promise<string | null> {
  const row = await confirmedReceipts(db, actor, currency, from, to)
    .select((eb) => eb.fn.sum<string>('r.amount_minor').as('minor'))
    .executeTakeFirst();
  return row?.minor ?? null;
}

async function refundsAwaiting(db: Kysely<DB>, actor: Actor, currency: string): Promise<{ count: number; minor: string | null }> {
  const row = await db
    .selectFrom('refunds as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.sum<string>('r.amount_minor').as('minor')])
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .where('r.status', '=', 'requested')
    .where('r.currency', '=', currency)
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), minor: row?.minor ?? null };
}

/** Received (confirmed receipts) and due (instalments of confirmed or completed orders) per month, oldest first. */
async function trendOf(db: Kysely<DB>, actor: Actor, currency: string, today: string) {
  const months = Array.from({ length: dashboardLimits.trendMonthsMax }, (_, i) => monthStart(today, dashboardLimits.trendMonthsMax - 1 - i).slice(0, 7));
  const from = `${months[0]}-01`;
  const to = monthEnd(today);
  const [received, due] = await Promise.all([
    confirmedReceipts(db, actor, currency, from, to)
      .select(sql<string>`to_char(r.received_date, 'YYYY-MM')`.as('month'))
      .select((eb) => eb.fn.sum<string>('r.amount_minor').as('minor'))
      .groupBy(sql`to_char(r.received_date, 'YYYY-MM')`)
      .execute(),
    seesEveryone(actor)
      // The whole tenant: the plan by due date kept in instalment_figures (a few hundred rows a month).
      ? db.selectFrom('instalment_figures as a')
        .where('a.tenant_id', '=', actor.tenantId).where('a.currency', '=', currency).where('a.basis', '=', 'plan')
        .where('a.day', '>=', from).where('a.day', '<=', to)
        .select(sql<string>`to_char(a.day, 'YYYY-MM')`.as('month'))
        .select((eb) => eb.fn.sum<string>('a.amount_minor').as('minor'))
        .groupBy(sql`to_char(a.day, 'YYYY-MM')`)
        .execute()
      : liveInstalments(db, actor, currency, ['confirmed', 'completed'])
        .where('i.due_date', '>=', from)
        .where('i.due_date', '<=', to)
        .select(sql<string>`to_char(i.due_date, 'YYYY-MM')`.as('month'))
        .select((eb) => eb.fn.sum<string>('i.amount_minor').as('minor'))
        .groupBy(sql`to_char(i.due_date, 'YYYY-MM')`)
        .execute(),
  ]);
  const of = (rows: { month: string; minor: string | null }[], month: string) => rows.find((r) => r.month === month)?.minor ?? null;
  return months.map((month) => ({ month, received: of(received, month), due: of(due, month) }));
}

/** Whether the actor's scope is the whole tenant: then a query needs no join to the customers (every order and receipt has one). */
function seesEveryone(actor: Actor): boolean {
  return actor.dataScope === 'all';
}

/** Live (not voided) instalments of the actor's customers' orders in the given order states, in one currency or (null) all. */
export function liveInstalments(db: Kysely<DB>, actor: Actor, currency: string | null, orderStates: ('confirmed' | 'completed')[]) {
  const query = db
    .selectFrom('instalments as i')
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.customer_id'))
    .where('i.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .where('o.status', 'in', orderStates)
    .where('i.voided_at', 'is', null);
  return currency === null ? query : query.where('o.currency', '=', currency);
}

/** What is still unpaid on open instalments of confirmed orders: the rows of the overdue rule (customer-figures.ts). */
function unpaidInstalments(db: Kysely<DB>, actor: Actor, currency: string | null) {
  return liveInstalments(db, actor, currency, ['confirmed']).whereRef('i.settled_minor', '<', 'i.amount_minor');
}

const unpaid = sql<string>`sum(i.amount_minor - i.settled_minor)`;

/** The aging bucket of a due date, days counted from `graceEnd` (the day after the last overdue due date). */
function ageBucket(graceEnd: string, dueDate: RawBuilder<unknown>) {
  const days = sql<number>`(${graceEnd}::date - ${dueDate})`;
  return sql<AgingBucket>`case when ${days} <= 0 then 'not_due' when ${days} <= 30 then 'd1_30' when ${days} <= 60 then 'd31_60'
    when ${days} <= 90 then 'd61_90' else 'd90_plus' end`;
}

/** Every bucket in order, with what the grouped rows hold for it (nothing: zero). */
function bucketsOf(rows: readonly { bucket: AgingBucket | null; minor: string | null; count: string | null }[]) {
  return agingBuckets.map((b) => {
    const row = rows.find((r) => r.bucket === b);
    return { bucket: b, minor: BigInt(row?.minor ?? 0), count: Number(row?.count ?? 0) };
  });
}

/**
 * Outstanding instalment amounts by days past due, and the customers owing the most past due — from one pass
 * over the open instalments (the largest scan of the dashboard). Days are counted from the end of the grace
 * days, so the buckets after "not due" add up to exactly the overdue figure of the customer figures (an
 * instalment inside its grace is not yet overdue).
 */
async function unpaidByAge(db: Kysely<DB>, actor: Actor, currency: string, rules: StatusRules) {
  // The day after the last due date that counts as overdue: the overdue rule's own boundary.
  const graceEnd = addDays(overdueOnOrBefore(rules), 1);
  if (seesEveryone(actor)) return unpaidByAgeEveryone(db, actor, currency, graceEnd);
  const bucket = ageBucket(graceEnd, sql`i.due_date`);
  const perCustomer = unpaidInstalments(db, actor, currency)
    .select(['c.id as customer_id', 'c.code', 'c.name', bucket.as('bucket'), unpaid.as('minor')])
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.min('i.due_date').as('oldest_due')])
    .groupBy(['c.tenant_id', 'c.id', sql`4`]);
  type Row = { kind: 'aging' | 'top'; bucket: AgingBucket | null; customer_id: string | null; code: string | null; name: string | null; minor: string; count: string | null; oldest_due: string | null };
  const { rows } = await sql<Row>`with per as (${perCustomer})
    select 'aging' as kind, bucket, null::uuid as customer_id, null as code, null as name, sum(minor) as minor, sum(count) as count, null::date as oldest_due
      from per group by bucket
    union all
    (select 'top', null, customer_id, code, name, sum(minor), null, min(oldest_due)
      from per where bucket <> 'not_due' group by customer_id, code, name
      order by sum(minor) desc, code limit ${dashboardLimits.topOverdueCustomersMax})`.execute(db);
  const aging = bucketsOf(rows.filter((r) => r.kind === 'aging'));
  const top = rows.filter((r) => r.kind === 'top').map((r) => ({ id: r.customer_id!, code: r.code!, name: r.name!, minor: r.minor, oldest_due: r.oldest_due! }));
  return { aging, top };
}

/**
 * The same for the whole tenant, without a pass over every open instalment: the buckets from the maintained
 * open amounts (instalment_figures by due date, the AR aging's source), and the worst payers from the overdue
 * instalments alone, summed per customer before any customer row is read (ties at the tenth place kept, so the
 * order by amount then code is the same as above).
 */
async function unpaidByAgeEveryone(db: Kysely<DB>, actor: Actor, currency: string, graceEnd: string) {
  const bucket = ageBucket(graceEnd, sql`a.day`);
  const [buckets, worst] = await Promise.all([
    db.selectFrom('instalment_figures as a')
      .select([bucket.as('bucket'), sql<string>`sum(a.amount_minor)::text`.as('minor'), sql<string>`sum(a.instalment_count)::text`.as('count')])
      .where('a.tenant_id', '=', actor.tenantId).where('a.currency', '=', currency).where('a.basis', '=', 'due')
      .groupBy(sql`1`)
      .execute(),
    sql<{ id: string; code: string; name: string; minor: string; oldest_due: string }>`
      select c.id, c.code, c.name, t.minor::text as minor, t.oldest_due::text as oldest_due
        from (select o.customer_id, sum(i.amount_minor - i.settled_minor) as minor, min(i.due_date) as oldest_due
                from instalments i
                join orders o on o.tenant_id = i.tenant_id and o.id = i.order_id
               where i.tenant_id = ${actor.tenantId} and o.status = 'confirmed' and o.currency = ${currency}
                 and i.voided_at is null and i.settled_minor < i.amount_minor and i.due_date < ${graceEnd}::date
               group by o.customer_id
               order by 2 desc
               fetch first ${dashboardLimits.topOverdueCustomersMax} rows with ties) t
        join customers c on c.tenant_id = ${actor.tenantId} and c.id = t.customer_id
       order by t.minor desc, c.code
       limit ${dashboardLimits.topOverdueCustomersMax}`.execute(db),
  ]);
  return { aging: bucketsOf(buckets), top: worst.rows };
}

/** Currencies the actor's customers have ledger balances in (the switcher's choices). */
async function currenciesOf(db: Kysely<DB>, actor: Actor): Promise<string[]> {
  if (seesEveryone(actor)) {
    // Every currency posted in (the monthly roll-up: a few thousand rows where the balances hold one per customer).
    const posted = await db.selectFrom('ledger_monthly').select('currency').distinct().where('tenant_id', '=', actor.tenantId)
      .orderBy('currency').limit(dashboardLimits.currenciesMax).execute();
    return posted.map((r) => r.currency);
  }
  const rows = await db
    .selectFrom('account_balances as b')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'b.tenant_id').onRef('c.id', '=', 'b.customer_key'))
    .select('b.currency')
    .distinct()
    .where('b.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .orderBy('b.currency')
    .limit(dashboardLimits.currenciesMax)
    .execute();
  return rows.map((r) => r.currency);
}

/** The actor's work, in every currency: what they may confirm or approve, and their own customers' overdue instalments. */
async function todosOf(db: Kysely<DB>, actor: Actor, rules: TenantRules, status: StatusRules): Promise<DashboardView['todos']> {
  const [receiptsToConfirm, refundsToApprove, myOverdueInstalments] = await Promise.all([
    can(actor, 'receipts.confirm') ? receiptsToConfirmOf(db, actor, rules) : { count: 0, items: [] },
    can(actor, 'refunds.approve') ? refundsToApproveOf(db, actor) : { count: 0, items: [] },
    actor.userId !== null ? myOverdueOf(db, actor, status) : { count: 0, items: [] },
  ]);
  return { receiptsToConfirm, refundsToApprove, myOverdueInstalments };
}

/** A to-do: how many there are, and the first few as items. */
async function todo<Row, Item>(count: Promise<{ count: string } | undefined>, first: Promise<Row[]>, item: (row: Row) => Item): Promise<{ count: number; items: Item[] }> {
  const [found, rows] = await Promise.all([count, first]);
  return { count: Number(found?.count ?? 0), items: rows.map(item) };
}

const customerRef = (r: { customer_id: string; customer_code: string; customer_name: string }): CustomerRef => ({ id: r.customer_id, code: r.customer_code, name: r.customer_name });

/** Pending receipts in scope; not the actor's own entries unless the tenant allows self-confirmation (receipts.ts confirmIn). */
async function receiptsToConfirmOf(db: Kysely<DB>, actor: Actor, rules: TenantRules) {
  let query = db
    .selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .where('r.status', '=', 'pending');
  if (!rules.allowSelfConfirm) query = query.where(sql<boolean>`r.created_by is distinct from ${actor.userId}::uuid`);
  return todo(
    query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirst(),
    query
      .select(['r.id', 'r.number', 'r.customer_id', 'c.code as customer_code', 'c.name as customer_name', 'r.amount_minor', 'r.currency', 'r.received_date'])
      .orderBy('r.created_at').orderBy('r.id').limit(dashboardLimits.todoItemsMax).execute(),
    (r) => ({ id: r.id, number: r.number, customer: customerRef(r), amount: formatAmount(r.amount_minor, r.currency), currency: r.currency, receivedDate: r.received_date }),
  );
}

/**
 * Requested refunds in scope that the actor could approve now: not their own request, not already approved
 * by them (the refunds list's own rule, so the to-do and the approval inbox always agree).
 */
async function refundsToApproveOf(db: Kysely<DB>, actor: Actor) {
  const query = db
    .selectFrom('refunds as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .where(awaitingApprovalBy(actor));
  return todo(
    query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirst(),
    query
      .select(['r.id', 'r.number', 'r.customer_id', 'c.code as customer_code', 'c.name as customer_name', 'r.amount_minor', 'r.currency', 'r.requested_at'])
      .orderBy('r.requested_at').orderBy('r.id').limit(dashboardLimits.todoItemsMax).execute(),
    (r) => ({ id: r.id, number: r.number, customer: customerRef(r), amount: formatAmount(r.amount_minor, r.currency), currency: r.currency, requestedAt: r.requested_at.toISOString() }),
  );
}

/** Overdue instalments (any currency) of the customers the actor owns, oldest due first. */
async function myOverdueOf(db: Kysely<DB>, actor: Actor, rules: StatusRules) {
  const query = unpaidInstalments(db, actor, null)
    .where('c.owner_id', '=', actor.userId!)
    .where('i.due_date', '<=', overdueOnOrBefore(rules));
  return todo(
    query.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirst(),
    query
      .select(['i.id', 'i.order_id', 'o.number', 'o.customer_id', 'c.code as customer_code', 'c.name as customer_name', 'i.due_date', 'i.amount_minor', 'i.settled_minor', 'o.currency'])
      .orderBy('i.due_date').orderBy('i.id').limit(dashboardLimits.todoItemsMax).execute(),
    (r) => ({
      instalmentId: r.id, orderId: r.order_id, orderNumber: r.number, customer: customerRef(r), dueDate: r.due_date,
      outstanding: formatAmount(r.amount_minor - r.settled_minor, r.currency), currency: r.currency,
    }),
  );
}

import { sql, type Kysely, type RawBuilder } from 'kysely';
import { KxError } from '../../core/errors.js';
import { hashPassword, requireAcceptablePassword } from '../auth/passwords.js';
import type { DB } from '../schema.js';
import { verifyLedger } from '../verify.js';
import { dateOf, dayOf, monthsBefore, todayIn } from './calendar.js';
import { Rng } from './rng.js';
import { checkOptions, createDemoTenant, demoMonths, ledgerFigures, recordRates, refuseTakenSlug, type SeedDemoOptions } from './seed.js';
import { buildWorld, ownerCountFor, type DemoWorld } from './world.js';
import { derivedInstalmentFigures } from '../reports/instalment-figures.js';

/**
 * The demo at report scale (`seed-demo --bulk`): the same master data as the demo (buildWorld), then orders,
 * their lines and plans, receipts paying instalments, their allocations and the journal entries of both,
 * written set-based (INSERT … SELECT over generate_series) instead of one use case at a time. The rows are
 * the ones the use cases write for "create + confirm an order" and "enter + confirm a receipt allocated to
 * one instalment" (docs/accounting.md), through the real tables, so every journal trigger runs: the balance
 * guard, account_balances, ledger_daily and ledger_monthly. `kuanxiang verify` then proves the sub-ledgers
 * agree with the journal.
 *
 * What it leaves out, on purpose: per-event audit records, idempotency keys and outbox rows (one
 * `demo.seeded` audit record covers the load), prepayments, refunds and credit notes.
 * Deterministic: every draw is an md5 of (seed, role, row number), so the same seed and as-of give the same
 * business data (ids are md5-based too, not UUIDv7).
 */
/**
 * - triggers: every journal trigger fires as for any posting (the balance guard, account_balances,
 *   ledger_daily, ledger_monthly, the deferred per-entry balance check, the receipts outbox).
 * - derive: for a million receipts on a small machine. The batches run with session_replication_role =
 *   replica (PostgreSQL superuser only), which skips every trigger and foreign-key check for this session
 *   only; afterwards account_balances, ledger_daily, ledger_monthly and instalment_figures of the new tenant are derived
 *   from its journal and instalments by one grouped INSERT each — what the triggers would have written — and `verify` runs on the
 *   tenant: the seed fails unless every check passes. No outbox rows are written.
 */
export type BulkMode = 'triggers' | 'derive';
export const bulkModes: readonly BulkMode[] = ['triggers', 'derive'];

export interface BulkSeedOptions extends Pick<SeedDemoOptions, 'seed' | 'receipts' | 'slug' | 'asOf' | 'admin'> {
  mode: BulkMode;
  /** Customers to create (default receipts / 10, at least 200). */
  customers?: number;
  onProgress?: (message: string) => void;
}

export interface BulkSeedSummary {
  tenantId: string;
  slug: string;
  seed: number;
  asOf: string;
  firstOrderDate: string;
  customers: number;
  orders: number;
  instalments: number;
  receipts: number;
  entries: number;
  lines: number;
  openMinor: Record<string, bigint>;
  overdueMinor: Record<string, bigint>;
  overdueInstalments: number;
  /** Derive mode: the verify checks run on the tenant, all passed (else the seed throws). */
  verified: string[];
  elapsedMs: number;
}

/** Orders written per transaction: big enough for set-based speed, small enough to keep a transaction's locks and WAL modest. */
const ordersPerBatch = 25_000;
/** Orders drawn at most to measure how many receipts an order yields (see planOrders). */
const trialOrders = 20_000;

export async function seedDemoBulk(db: Kysely<DB>, options: BulkSeedOptions): Promise<BulkSeedSummary> {
  const started = performance.now();
  const asOf = checkOptions({ ...options, asOf: options.asOf ?? todayIn('Asia/Shanghai') });
  const customersWanted = options.customers ?? Math.max(200, Math.round(options.receipts / 10));
  if (!Number.isSafeInteger(customersWanted) || customersWanted < 1 || customersWanted > 1_000_000) {
    throw new KxError('validation_failed', 'customers must be an integer from 1 to 1000000');
  }
  const progress = options.onProgress ?? (() => undefined);
  if (options.admin) requireAcceptablePassword(options.admin.password, options.admin.login, 'KX_ADMIN_PASSWORD');
  await refuseTakenSlug(db, options.slug);
  const adminPasswordHash = options.admin ? await hashPassword(options.admin.password) : undefined;
  const world = buildWorld(Rng.seeded(options.seed).fork(), { customers: customersWanted, owners: ownerCountFor(customersWanted) });
  const firstDay = monthsBefore(dayOf(asOf), demoMonths) + 1;
  const { tenantId, financeUserId } = await createDemoTenant(db, { ...options, bulk: true }, asOf, world, adminPasswordHash);
  await recordRates(db, tenantId, firstDay - 40, dayOf(asOf));
  progress(`master data: ${world.customers.length.toLocaleString('en')} customers (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  // Temporary tables live on one connection: pin it for the whole load.
  const counts = await db.connection().execute(async (conn) => {
    const g = new Generator(options.seed, tenantId, financeUserId, dateOf(firstDay), asOf);
    await g.stageCustomers(conn, world);
    const orders = await g.stagePlan(conn, await g.planOrders(conn, options.receipts, customersWanted), options.receipts);
    progress(`planned ${orders.toLocaleString('en')} orders (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (let first = 1; first <= orders; first += ordersPerBatch) {
      const last = Math.min(orders, first + ordersPerBatch - 1);
      await conn.transaction().execute(async (trx) => {
        if (options.mode === 'derive') await sql`set local session_replication_role = replica`.execute(trx);
        await g.writeBatch(trx, first, last);
      });
      progress(`${last.toLocaleString('en')} / ${orders.toLocaleString('en')} orders written (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    await g.writeNumberCounters(conn);
    const row = (await sql<{ instalments: string; receipts: string }>`
      select count(*)::text as instalments, count(*) filter (where paid_minor > 0)::text as receipts from bulk_instalments`.execute(conn)).rows[0]!;
    await sql`drop table bulk_customers, bulk_orders, bulk_instalments`.execute(conn);
    return { orders, instalments: Number(row.instalments), receipts: Number(row.receipts) };
  });
  let verified: string[] = [];
  if (options.mode === 'derive') {
    // Fresh statistics first: planned on the pre-load ones, the grouping joins pick nested loops over millions of rows.
    await sql`analyze journal_entries, journal_lines`.execute(db);
    await deriveFigures(db, tenantId);
    progress(`derived balances and report figures (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  await sql`analyze journal_entries, journal_lines, account_balances, ledger_daily, ledger_monthly, instalment_figures, customers, orders, order_lines, instalments, receipts, allocations`.execute(db);
  if (options.mode === 'derive') {
    const report = await verifyLedger(db, { tenantId });
    const failed = report.checks.filter((c) => c.problems.length > 0);
    if (failed.length > 0) throw new Error(`the bulk load does not verify: ${failed.map((c) => `${c.name}: ${c.problems[0]}`).join('; ')}`);
    verified = report.checks.map((c) => c.name);
    progress(`verified (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return {
    tenantId, slug: options.slug, seed: options.seed, asOf, firstOrderDate: dateOf(firstDay), customers: world.customers.length,
    ...counts, ...(await ledgerFigures(db, tenantId, asOf)), verified, elapsedMs: performance.now() - started,
  };
}

/**
 * What the journal triggers write, derived from a new tenant's whole journal at once (derive mode): the
 * balances per account and customer, the daily figures, their monthly roll-up and the open amounts aging
 * reads — the same groupings as kx_apply_journal_lines, kx_apply_ledger_daily and kx_instalment_figures_*, nil id for a missing dimension, the monthly
 * figures already folded into stripe 0 (as reports.compact leaves them). The tenant is new and only this load posted to it, so there is nothing to add to.
 */
async function deriveFigures(db: Kysely<DB>, tenantId: string): Promise<void> {
  const nil = sql`'00000000-0000-0000-0000-000000000000'::uuid`;
  await db.transaction().execute(async (trx) => {
    // Millions of groups: hash them in memory rather than in 128 spilled partitions, and insert in key order
    // (the primary key's own order), which keeps the index writes sequential.
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`insert into account_balances (tenant_id, account_id, customer_key, currency, balance_minor, debit_minor, credit_minor, line_count)
      select tenant_id, account_id, coalesce(customer_id, ${nil}), currency, sum(amount_minor),
             coalesce(sum(amount_minor) filter (where amount_minor > 0), 0), coalesce(-sum(amount_minor) filter (where amount_minor < 0), 0), count(*)
        from journal_lines where tenant_id = ${tenantId} group by 1, 2, 3, 4`.execute(trx);
    await sql`insert into ledger_daily (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency,
                                        debit_minor, credit_minor, line_count)
      select l.tenant_id, e.entry_date, l.account_id, e.source, coalesce(l.customer_id, ${nil}), coalesce(l.owner_id, ${nil}),
             coalesce(l.department_id, ${nil}), coalesce(l.product_id, ${nil}), coalesce(l.channel, ''), l.currency,
             coalesce(sum(l.amount_minor) filter (where l.amount_minor > 0), 0), coalesce(-sum(l.amount_minor) filter (where l.amount_minor < 0), 0), count(*)
        from journal_lines l join journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
       where l.tenant_id = ${tenantId} group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(trx);
    await sql`insert into ledger_monthly (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe,
                                          debit_minor, credit_minor, line_count)
      select tenant_id, date_trunc('month', day)::date, account_id, source, owner_key, department_key, product_key, channel_key, currency,
             0, sum(debit_minor), sum(credit_minor), sum(line_count)
        from ledger_daily where tenant_id = ${tenantId} group by 1, 2, 3, 4, 5, 6, 7, 8, 9 order by 1, 2, 3, 4, 5, 6, 7, 8, 9`.execute(trx);
    await sql`insert into instalment_figures (tenant_id, currency, basis, day, owner_key, department_key, stripe, amount_minor, instalment_count)
      select * from (${derivedInstalmentFigures(tenantId)}) a order by 1, 2, 3, 4, 5, 6, 7`.execute(trx);
  });
}

/** The SQL that draws the rows; every random number is a hash of (seed, role, row number). */
class Generator {
  constructor(
    private readonly seed: number,
    private readonly tenantId: string,
    private readonly financeUserId: string,
    private readonly firstDate: string,
    private readonly asOf: string,
  ) {}

  /** A uniform draw in [0, 1) for row `n` and role `role`. */
  private u(role: string, n: RawBuilder<unknown>): RawBuilder<number> {
    return sql<number>`(('x' || substr(md5(${`${this.seed}:${role}:`}::text || (${n})::text), 1, 8))::bit(32)::bigint / 4294967296.0)`;
  }

  /** A stable id for row `n` of a kind: md5 of the tenant, the kind and the number. */
  private id(kind: string, n: RawBuilder<unknown>): RawBuilder<string> {
    return sql<string>`md5(${`${this.tenantId}:${kind}:`}::text || (${n})::text)::uuid`;
  }

  async stageCustomers(conn: Kysely<DB>, world: DemoWorld): Promise<void> {
    await sql`create temporary table bulk_customers (
      n int primary key, id uuid not null, name text not null, owner_id uuid not null, department_id uuid not null,
      currency char(3) not null, channel text not null, profile text not null, size float8 not null)`.execute(conn);
    const chunk = 20_000;
    for (let start = 0; start < world.customers.length; start += chunk) {
      const part = world.customers.slice(start, start + chunk);
      await sql`insert into bulk_customers
        select * from unnest(${part.map((_, i) => start + i + 1)}::int[], ${part.map((c) => c.id)}::uuid[], ${part.map((c) => c.name)}::text[],
                             ${part.map((c) => c.owner.id)}::uuid[], ${part.map((c) => c.owner.department.id)}::uuid[], ${part.map((c) => c.currency)}::text[],
                             ${part.map((c) => c.channel)}::text[], ${part.map((c) => c.profile)}::text[], ${part.map((c) => c.sizeFactor)}::float8[])`.execute(conn);
    }
  }

  /**
   * How many orders give `receipts` receipts: the draws of the first orders say how many receipts an order
   * yields on average; two percent more orders than that (more if that falls short), and the last receipts (by date) are cut at the cap.
   */
  async planOrders(conn: Kysely<DB>, receipts: number, customers: number): Promise<number> {
    const trial = Math.min(trialOrders, Math.max(500, receipts));
    await this.stageOrders(conn, trial, customers);
    await this.stageInstalments(conn, Number.MAX_SAFE_INTEGER);
    const paid = Number((await sql<{ n: string }>`select count(*) filter (where paid_minor > 0)::text as n from bulk_instalments`.execute(conn)).rows[0]!.n);
    await sql`drop table bulk_orders, bulk_instalments`.execute(conn);
    return Math.max(10, Math.ceil((trial * receipts * 1.02) / Math.max(1, paid)));
  }

  /** Stages the orders and their plans; when the draws fall short of the receipts asked, stages more orders. Returns the order count. */
  async stagePlan(conn: Kysely<DB>, planned: number, receipts: number): Promise<number> {
    const customers = Number((await sql<{ n: string }>`select count(*)::text as n from bulk_customers`.execute(conn)).rows[0]!.n);
    for (let orders = planned; ; ) {
      await this.stageOrders(conn, orders, customers);
      await this.stageInstalments(conn, receipts);
      const paid = Number((await sql<{ n: string }>`select count(*)::text as n from bulk_instalments where receipt_n is not null`.execute(conn)).rows[0]!.n);
      if (paid >= receipts) return orders;
      await sql`drop table bulk_orders, bulk_instalments`.execute(conn);
      orders = Math.ceil(orders * 1.02 * (receipts / Math.max(1, paid)));
    }
  }

  /**
   * Orders: a customer (heavy-tailed: low numbers order more), a signing day spread over the 18 months
   * (more recent months busier, as a growing business), one or two product lines of 2,000–50,000 major units
   * times the customer's size (USD a seventh), and a plan of one to three monthly instalments.
   */
  private async stageOrders(conn: Kysely<DB>, orders: number, customers: number): Promise<void> {
    const n = sql`g.n`;
    const span = sql`(${this.asOf}::date - ${this.firstDate}::date)`;
    const products = sql`(select array_agg(id order by code) from products where tenant_id = ${this.tenantId})`;
    await sql`create temporary table bulk_orders as
      select x.*, row_number() over (partition by extract(year from x.signed_date) order by x.signed_date, x.n) as year_rank from (
      select g.n, ${this.id('order', n)} as id, ${this.id('order-entry', n)} as entry_id, c.n as customer_n, c.id as customer_id, c.name as customer_name,
             c.owner_id, c.department_id, c.currency, c.channel, c.profile,
             (${this.asOf}::date - floor(${span} * (1 - sqrt(${this.u('day', n)})))::int) as signed_date,
             p.products[1 + floor(${this.u('product1', n)} * cardinality(p.products))::int] as product1,
             p.products[1 + floor(${this.u('product2', n)} * cardinality(p.products))::int] as product2,
             (round((2000 + ${this.u('amount1', n)} * 48000) * c.size / case when c.currency = 'USD' then 7 else 1 end) * 100)::bigint as amount1,
             case when ${this.u('lines', n)} < 0.35 then (round((2000 + ${this.u('amount2', n)} * 48000) * c.size / case when c.currency = 'USD' then 7 else 1 end) * 100)::bigint else 0 end as amount2,
             1 + floor(${this.u('plan', n)} * 3)::int as instalments
        from generate_series(1, ${orders}::int) g (n)
        cross join (select ${products} as products) p
        join bulk_customers c on c.n = 1 + floor(${customers} * power(${this.u('customer', n)}, 1.6))::int) x`.execute(conn);
    await sql`alter table bulk_orders add primary key (n)`.execute(conn);
  }

  /**
   * Instalments due 30, 60, 90 days after signing, the total split evenly (the last takes the remainder).
   * Whether and when each is paid follows the customer's profile: prompt pays around the due date, slow one
   * to two months late, partial pays 50–90 % of it, risky pays late or (40 %) never. Nothing is paid after
   * as-of, and receipts beyond the cap (the latest ones) stay unpaid.
   */
  private async stageInstalments(conn: Kysely<DB>, receiptsMax: number): Promise<void> {
    const k = sql`(o.n * 3 + s.seq)`;
    await sql`create temporary table bulk_instalments as
      with plan as (
        select o.n as order_n, s.seq, ${this.id('instalment', k)} as id, o.signed_date + 30 * s.seq as due_date,
               (o.amount1 + o.amount2) / o.instalments
                 + case when s.seq = o.instalments then (o.amount1 + o.amount2) % o.instalments else 0 end as amount_minor,
               o.profile, ${this.u('pay', k)} as pay, ${this.u('delay', k)} as delay, ${this.u('share', k)} as share, ${this.u('channel', k)} as other_channel
          from bulk_orders o cross join lateral generate_series(1, o.instalments) s (seq)
      ), paid as (
        select p.*,
               case when p.profile = 'risky' and p.pay < 0.4 then null
                    else p.due_date + case p.profile when 'prompt' then floor(-10 + p.delay * 15) when 'slow' then floor(5 + p.delay * 60)
                                                     when 'partial' then floor(p.delay * 30) else floor(30 + p.delay * 90) end::int end as pay_date
          from plan p
      ), ranked_all as (
        select p.*, case when p.pay_date <= ${this.asOf}::date then row_number() over (order by p.pay_date <= ${this.asOf}::date desc nulls last, p.pay_date, p.order_n, p.seq) end as receipt_rank
          from paid p
      ), ranked as (
        select r.*, case when r.receipt_rank <= ${receiptsMax}
                         then row_number() over (partition by r.receipt_rank <= ${receiptsMax}, extract(year from r.pay_date) order by r.receipt_rank) end as year_rank
          from ranked_all r
      )
      select order_n, year_rank, seq, id, due_date, amount_minor, other_channel,
             case when receipt_rank <= ${receiptsMax} then pay_date end as pay_date,
             case when receipt_rank > ${receiptsMax} or receipt_rank is null then 0
                  when profile = 'partial' then greatest(1, (amount_minor * (0.5 + share * 0.4))::bigint)
                  else amount_minor end as paid_minor,
             case when receipt_rank <= ${receiptsMax} then receipt_rank end as receipt_n
        from ranked`.execute(conn);
    await sql`alter table bulk_instalments add primary key (order_n, seq)`.execute(conn);
  }

  /** One batch of orders with everything that happened to them, in the order the use cases write it. */
  async writeBatch(trx: Kysely<DB>, first: number, last: number): Promise<void> {
    const t = this.tenantId;
    const inBatch = sql`o.n between ${first} and ${last}`;
    const number = (prefix: string, date: RawBuilder<unknown>, rank: RawBuilder<unknown>) => sql`${prefix} || '-' || to_char(${date}, 'YYYY') || '-' || lpad(${rank}::text, 6, '0')`;
    // Document numbers count per year in date order, as nextNumber hands them out.
    const orderNumber = number('OD', sql`o.signed_date`, sql`o.year_rank`);
    const receiptNumber = number('RC', sql`i.pay_date`, sql`i.year_rank`);
    const rate = (currency: RawBuilder<unknown>, date: RawBuilder<unknown>) => sql`case when ${currency} = 'CNY' then 1::numeric else
      (select r.rate from fx_rates r where r.tenant_id = ${t} and r.currency = ${currency} and r.rate_date <= ${date} order by r.rate_date desc limit 1) end`;
    // Half to even, as convertMinor rounds.
    const halfEven = (x: RawBuilder<unknown>) => sql`(case when ${x} - floor(${x}) > 0.5 or (${x} - floor(${x}) = 0.5 and floor(${x})::bigint % 2 = 1) then floor(${x}) + 1 else floor(${x}) end)::bigint`;
    await sql`create temporary table batch_orders on commit drop as
      select o.*, o.amount1 + o.amount2 as total_minor, ${rate(sql`o.currency`, sql`o.signed_date`)} as base_rate,
             coalesce((select sum(i.paid_minor) from bulk_instalments i where i.order_n = o.n), 0) as paid_minor
        from bulk_orders o where ${inBatch}`.execute(trx);
    await sql`create temporary table batch_receipts on commit drop as
      select i.*, o.signed_date, o.year_rank as order_year_rank, o.customer_id, o.customer_name, o.owner_id, o.department_id, o.currency, o.id as order_id,
             ${this.id('receipt', sql`i.receipt_n`)} as receipt_id, ${this.id('receipt-entry', sql`i.receipt_n`)} as entry_id,
             case when i.other_channel < 0.8 then o.channel when o.currency = 'USD' then 'stripe' else (array['alipay', 'wechat_pay', 'cheque'])[1 + floor(i.other_channel * 3)::int % 3] end as channel,
             ${rate(sql`o.currency`, sql`i.pay_date`)} as base_rate
        from bulk_instalments i join bulk_orders o on o.n = i.order_n
       where ${inBatch} and i.receipt_n is not null`.execute(trx);
    // The order's posting: Dr accounts_receivable the total / Cr sales per line with its product.
    await sql`insert into journal_entries (tenant_id, id, entry_date, memo, source, source_id, created_by)
      select ${t}, o.entry_id, o.signed_date, 'Order ' || ${orderNumber} || ' confirmed', 'order', o.id, o.owner_id from batch_orders o`.execute(trx);
    await sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor, customer_id, department_id, owner_id, product_id, memo)
      select ${t}, o.entry_id, l.line_no, a.id, o.currency, l.amount_minor, o.customer_id, o.department_id, o.owner_id, l.product_id, l.memo
        from batch_orders o
        cross join lateral (values (1::smallint, 'accounts_receivable', o.total_minor, null::uuid, ''),
                                   (2::smallint, 'sales', -o.amount1, o.product1, (select name from products where tenant_id = ${t} and id = o.product1)),
                                   (3::smallint, 'sales', -o.amount2, o.product2, (select name from products where tenant_id = ${t} and id = o.product2))) l (line_no, code, amount_minor, product_id, memo)
        join accounts a on a.tenant_id = ${t} and a.code = l.code
       where l.amount_minor <> 0`.execute(trx);
    await sql`insert into orders (tenant_id, id, number, customer_id, title, currency, status, owner_id, department_id, signed_date, total_minor, paid_minor,
                                  base_rate, base_total_minor, confirm_entry_id, confirmed_at, confirmed_by, created_by)
      select ${t}, o.id, ${orderNumber}, o.customer_id,
             left((select string_agg(p.name, '、' order by x.k) from (values (1, o.product1), (2, case when o.amount2 > 0 then o.product2 end)) x (k, pid)
                    join products p on p.tenant_id = ${t} and p.id = x.pid) || ' · ' || o.customer_name, 200),
             o.currency, case when o.paid_minor = o.total_minor then 'completed' else 'confirmed' end, o.owner_id, o.department_id, o.signed_date,
             o.total_minor, o.paid_minor, o.base_rate, ${halfEven(sql`(o.total_minor * o.base_rate)`)}, o.entry_id,
             (o.signed_date + time '12:00') at time zone 'Asia/Shanghai', o.owner_id, o.owner_id
        from batch_orders o`.execute(trx);
    await sql`insert into order_lines (tenant_id, order_id, line_no, product_id, description, quantity_milli, unit_price_minor, amount_minor)
      select ${t}, o.id, l.line_no, l.product_id, p.name, 1000, l.amount_minor, l.amount_minor
        from batch_orders o
        cross join lateral (values (1::smallint, o.product1, o.amount1), (2::smallint, o.product2, o.amount2)) l (line_no, product_id, amount_minor)
        join products p on p.tenant_id = ${t} and p.id = l.product_id
       where l.amount_minor > 0`.execute(trx);
    await sql`insert into instalments (tenant_id, id, order_id, seq, due_date, amount_minor, settled_minor)
      select ${t}, i.id, o.id, i.seq, i.due_date, i.amount_minor, i.paid_minor
        from bulk_instalments i join bulk_orders o on o.n = i.order_n where ${inBatch}`.execute(trx);
    // Each receipt pays one instalment: Dr cash:<channel> / Cr accounts_receivable with the order's owner and department.
    await sql`insert into journal_entries (tenant_id, id, entry_date, memo, source, source_id, created_by)
      select ${t}, i.entry_id, i.pay_date, 'Receipt ' || ${receiptNumber} || ' confirmed', 'receipt', i.receipt_id, ${this.financeUserId}::uuid from batch_receipts i`.execute(trx);
    await sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor, customer_id, department_id, owner_id, channel, memo)
      select ${t}, i.entry_id, l.line_no, a.id, i.currency, l.amount_minor, i.customer_id, i.department_id, i.owner_id, l.channel, l.memo
        from batch_receipts i
        cross join lateral (values (1::smallint, 'cash:' || i.channel, i.paid_minor, i.channel, ''),
                                   (2::smallint, 'accounts_receivable', -i.paid_minor, null, 'order ' || ${number('OD', sql`i.signed_date`, sql`i.order_year_rank`)})) l (line_no, code, amount_minor, channel, memo)
        join accounts a on a.tenant_id = ${t} and a.code = l.code`.execute(trx);
    await sql`insert into receipts (tenant_id, id, number, customer_id, kind, currency, amount_minor, channel, received_date, payer_name, status,
                                    requested_allocations, allocated_minor, base_rate, base_amount_minor, entry_id, created_by, created_at, confirmed_by, confirmed_at)
      select ${t}, i.receipt_id, ${receiptNumber}, i.customer_id, 'order_payment', i.currency, i.paid_minor, i.channel, i.pay_date, i.customer_name, 'confirmed',
             jsonb_build_array(jsonb_build_object('orderId', i.order_id, 'instalmentId', i.id, 'amountMinor', i.paid_minor::text)),
             i.paid_minor, i.base_rate, ${halfEven(sql`(i.paid_minor * i.base_rate)`)}, i.entry_id, i.owner_id,
             (i.pay_date + time '10:00') at time zone 'Asia/Shanghai', ${this.financeUserId}::uuid, (i.pay_date + time '16:00') at time zone 'Asia/Shanghai'
        from batch_receipts i`.execute(trx);
    await sql`insert into allocations (tenant_id, id, receipt_id, order_id, instalment_id, amount_minor, receipt_amount_minor, kind, entry_id, created_by, created_at)
      select ${t}, ${this.id('allocation', sql`i.receipt_n`)}, i.receipt_id, i.order_id, i.id, i.paid_minor, i.paid_minor, 'allocate', i.entry_id,
             ${this.financeUserId}::uuid, (i.pay_date + time '16:00') at time zone 'Asia/Shanghai'
        from batch_receipts i`.execute(trx);
  }

  /** The document counters where the load left them, so the next order or receipt entered gets the next number. */
  async writeNumberCounters(conn: Kysely<DB>): Promise<void> {
    await sql`insert into document_numbers (tenant_id, prefix, year, last_value)
      select ${this.tenantId}::uuid, 'OD', extract(year from signed_date)::int, count(*) from bulk_orders group by 3
      union all
      select ${this.tenantId}::uuid, 'RC', extract(year from pay_date)::int, count(*) from bulk_instalments where receipt_n is not null group by 3
      on conflict (tenant_id, prefix, year) do update set last_value = excluded.last_value`.execute(conn);
  }
}

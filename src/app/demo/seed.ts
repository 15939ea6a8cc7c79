import { sql, type Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { systemActor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../schema.js';
import { hashPassword, requireAcceptablePassword } from '../auth/passwords.js';
import { createTenantIn } from '../tenants.js';
import { inTransaction } from '../transaction.js';
import { newId } from '../ids.js';
import { recordFxRate } from '../receivables/fx-rates.js';
import { dateOf, dayOf, monthsBefore, todayIn } from './calendar.js';
import { DemoCarrier } from './carry-out.js';
import { DemoLedgerGenerator, demoActionKinds, type DemoActionKind, type GeneratorOptions, type OrderBundle } from './generator.js';
import { Rng } from './rng.js';
import { buildWorld, customerCountFor, insertWorld, ownerCountFor, type DemoWorld } from './world.js';

export interface SeedDemoOptions {
  seed: number;
  /** Receipt entries to generate at most (prepayments count: both bring a customer's cash in). */
  receipts: number;
  slug: string;
  /** The day the demo ledger ends, YYYY-MM-DD; default today in Asia/Shanghai. */
  asOf?: string;
  /** Orders carried out at once (customers are split into this many lanes): 1 on PGlite (one connection). */
  lanes?: number;
  /**
   * Also an administrator who can sign in to the demo tenant (the demo's own people have no password, so
   * without one nobody can open the demo in the workbench). The password follows the usual policy.
   */
  admin?: { login: string; password: string };
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  orders: number;
  receipts: number;
  elapsedMs: number;
}

export interface SeedDemoSummary {
  tenantId: string;
  slug: string;
  seed: number;
  asOf: string;
  firstOrderDate: string;
  departments: number;
  owners: number;
  products: number;
  customers: number;
  orders: number;
  /** Business events carried out through the use cases, by kind. */
  eventsByKind: Record<DemoActionKind, number>;
  /** Journal entries and lines those events posted. */
  entries: number;
  lines: number;
  /** Instalments with something unpaid whose due date is before as-of, and what is unpaid, per currency (minor units). */
  overdueInstalments: number;
  overdueMinor: Record<string, bigint>;
  /** Everything still owed, due or not, per currency: equals the accounts_receivable balance. */
  openMinor: Record<string, bigint>;
  elapsedMs: number;
}

/** The demo covers the 18 months up to and including as-of. */
export const demoMonths = 18;
const progressEveryMs = 5_000;

export interface DemoPlan {
  world: DemoWorld;
  generatorOptions: GeneratorOptions;
  /** A fresh copy of the order stream's generator state, so every run from the plan draws the same numbers. */
  orderRng: () => Rng;
}

/**
 * Everything the seed and its arguments determine, before anything is written. Orders scale with the receipts
 * asked for: a dry run counts receipts per order for this seed and period, then the real order count is set
 * so the receipts cap is reached only in the last days (later instalments simply stay open).
 */
export function planDemo(options: { seed: number; receipts: number; asOf: string }): DemoPlan {
  const root = Rng.seeded(options.seed);
  const worldRng = root.fork();
  const orderStream = root.fork();
  const customers = customerCountFor(options.receipts);
  const world = buildWorld(worldRng, { customers, owners: ownerCountFor(customers) });
  const asOf = dayOf(options.asOf);
  const firstDay = monthsBefore(asOf, demoMonths) + 1;
  const orderRng = () => orderStream.clone();
  const trialOrders = Math.max(50, Math.ceil(options.receipts / 2));
  let trialReceipts = 0;
  const trial = new DemoLedgerGenerator(world, orderRng(), { firstDay, asOf, orderCount: trialOrders, receiptsMax: Infinity });
  for (const bundle of trial.bundles()) trialReceipts += countReceipts(bundle);
  const orderCount = Math.max(1, Math.ceil((trialOrders * options.receipts * 1.01) / Math.max(1, trialReceipts)));
  return { world, orderRng, generatorOptions: { firstDay, asOf, orderCount, receiptsMax: options.receipts } };
}

function countReceipts(bundle: OrderBundle): number {
  return bundle.actions.reduce((n, a) => n + (a.kind === 'receipt' || a.kind === 'prepayment' ? 1 : 0), 0);
}

export function checkOptions(options: Pick<SeedDemoOptions, 'seed' | 'receipts' | 'asOf'>): string {
  if (!Number.isSafeInteger(options.seed) || options.seed < 0 || options.seed > 0x7fff_ffff) {
    throw new KxError('validation_failed', 'seed must be an integer from 0 to 2147483647');
  }
  if (!Number.isSafeInteger(options.receipts) || options.receipts < 1 || options.receipts > limits.demoReceiptsMax) {
    throw new KxError('validation_failed', `receipts must be an integer from 1 to ${limits.demoReceiptsMax}`);
  }
  const asOf = options.asOf ?? todayIn('Asia/Shanghai');
  if (!isBusinessDate(asOf)) throw new KxError('invalid_date', `as-of must be a calendar date written YYYY-MM-DD, not ${JSON.stringify(asOf)}`);
  return asOf;
}

/**
 * Creates a demo tenant and fills it: master data in one transaction with the tenant, then every order's story
 * through the same use cases the API uses (orders, receipts, allocations, refunds, credit notes), generated as
 * it is carried out. Customers are split into lanes that run side by side on a server database; a customer's
 * orders always run in order in one lane, so the same seed gives the same business data.
 */
export async function seedDemo(db: Kysely<DB>, options: SeedDemoOptions): Promise<SeedDemoSummary> {
  const started = performance.now();
  const asOf = checkOptions(options);
  if (options.admin) requireAcceptablePassword(options.admin.password, options.admin.login, 'KX_ADMIN_PASSWORD');
  await refuseTakenSlug(db, options.slug);
  const adminPasswordHash = options.admin ? await hashPassword(options.admin.password) : undefined;
  const plan = planDemo({ seed: options.seed, receipts: options.receipts, asOf });
  const { tenantId, financeUserId } = await createDemoTenant(db, options, asOf, plan.world, adminPasswordHash);
  await recordRates(db, tenantId, plan.generatorOptions.firstDay - 40, plan.generatorOptions.asOf);
  const carrier = await DemoCarrier.create(db, tenantId, financeUserId);
  const events = Object.fromEntries(demoActionKinds.map((k) => [k, 0])) as Record<DemoActionKind, number>;
  const progress: SeedProgress = { orders: 0, receipts: 0, elapsedMs: 0 };
  let lastReport = started;
  const laneCount = Math.max(1, options.lanes ?? 1);
  const lanes = Array.from({ length: laneCount }, () => Promise.resolve());
  let failure: { error: unknown } | undefined;
  const customerLane = new Map(plan.world.customers.map((c, i) => [c.id, i % laneCount]));
  const generator = new DemoLedgerGenerator(plan.world, plan.orderRng(), plan.generatorOptions);
  let queued = 0;
  for (const bundle of generator.bundles()) {
    if (failure) break;
    for (const action of bundle.actions) events[action.kind]++;
    const lane = customerLane.get(bundle.order.customer.id)!;
    lanes[lane] = lanes[lane]!.then(async () => {
      if (failure) return;
      await carrier.carryOut(bundle).catch((error: unknown) => void (failure ??= { error }));
      progress.orders++;
      progress.receipts += countReceipts(bundle);
      if (options.onProgress && performance.now() - lastReport >= progressEveryMs) {
        lastReport = performance.now();
        options.onProgress({ ...progress, elapsedMs: lastReport - started });
      }
    });
    // Bounded memory: wait for the lanes to drain now and then instead of queuing the whole demo.
    if (++queued % (laneCount * 64) === 0) await Promise.all(lanes);
  }
  await Promise.all(lanes);
  if (failure) throw failure.error;
  await sql`analyze journal_entries, journal_lines, account_balances, customers, orders, instalments, receipts, allocations`.execute(db);
  return {
    tenantId,
    slug: options.slug,
    seed: options.seed,
    asOf,
    firstOrderDate: dateOf(plan.generatorOptions.firstDay),
    departments: plan.world.departments.length,
    owners: plan.world.owners.length,
    products: plan.world.products.length,
    customers: plan.world.customers.length,
    orders: events.order,
    eventsByKind: events,
    ...(await ledgerFigures(db, tenantId, asOf)),
    elapsedMs: performance.now() - started,
  };
}

/** Month-start USD→CNY rates over the demo period, recorded as finance would (the rate table). */
export async function recordRates(db: Kysely<DB>, tenantId: string, fromDay: number, toDay: number): Promise<void> {
  const actor = systemActor(tenantId, 'seed-demo');
  const months = new Set<string>();
  for (let day = fromDay; day <= toDay; day++) months.add(`${dateOf(day).slice(0, 7)}-01`);
  let step = 0;
  for (const month of [...months].sort()) {
    // A gentle, repeatable drift around 7.15: the demo needs plausible rates, not real ones.
    const rate = (7.15 + 0.08 * Math.sin(step++ / 2)).toFixed(4);
    await recordFxRate(db, actor, { currency: 'USD', rateDate: month, rate });
  }
}

/** What the ledger and the plans say after the load: entries, lines, open and overdue per currency. */
export async function ledgerFigures(db: Kysely<DB>, tenantId: string, asOf: string) {
  const counts = await sql<{ entries: string; lines: string }>`
    select (select count(*) from journal_entries where tenant_id = ${tenantId})::text as entries,
           (select count(*) from journal_lines where tenant_id = ${tenantId})::text as lines`.execute(db);
  const open = await sql<{ currency: string; open: string; overdue: string; overdue_count: string }>`
    select o.currency, sum(i.amount_minor - i.settled_minor)::text as open,
           coalesce(sum(i.amount_minor - i.settled_minor) filter (where i.due_date < ${asOf}::date), 0)::text as overdue,
           count(*) filter (where i.due_date < ${asOf}::date)::text as overdue_count
      from instalments i join orders o on o.tenant_id = i.tenant_id and o.id = i.order_id
     where i.tenant_id = ${tenantId} and i.voided_at is null and i.settled_minor < i.amount_minor and o.status <> 'draft'
     group by o.currency order by o.currency`.execute(db);
  const openMinor: Record<string, bigint> = {};
  const overdueMinor: Record<string, bigint> = {};
  let overdueInstalments = 0;
  for (const row of open.rows) {
    openMinor[row.currency] = BigInt(row.open);
    if (BigInt(row.overdue) > 0n) overdueMinor[row.currency] = BigInt(row.overdue);
    overdueInstalments += Number(row.overdue_count);
  }
  return { entries: Number(counts.rows[0]!.entries), lines: Number(counts.rows[0]!.lines), openMinor, overdueMinor, overdueInstalments };
}

const slugTaken = (slug: string) =>
  new KxError('validation_failed', `a tenant with slug ${JSON.stringify(slug)} already exists; the demo only fills a new tenant, so pass another --tenant`);

/** Checked before the (for big runs, seconds long) planning, and again by the unique index at creation. */
export async function refuseTakenSlug(db: Kysely<DB>, slug: string): Promise<void> {
  const existing = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) throw slugTaken(slug);
}

export async function createDemoTenant(
  db: Kysely<DB>,
  options: Pick<SeedDemoOptions, 'seed' | 'receipts' | 'slug' | 'admin'> & { bulk?: boolean },
  asOf: string,
  world: DemoWorld,
  adminPasswordHash: string | undefined,
): Promise<{ tenantId: string; financeUserId: string }> {
  try {
    return await inTransaction(db, async (trx) => {
      const tenantId = await createTenantIn(trx, { slug: options.slug, name: `款象演示公司 Kuanxiang Demo (seed ${options.seed})`, baseCurrency: 'CNY' });
      await insertWorld(trx, tenantId, world);
      // Finance confirms what the sales reps enter: maker and checker are different people.
      const financeUserId = newId();
      await trx.insertInto('users').values({ tenant_id: tenantId, id: financeUserId, login: 'finance.demo', display_name: '王会计 (财务)', role: 'finance', department_id: null, password_hash: null, disabled_at: null }).execute();
      if (options.admin && adminPasswordHash) {
        const adminId = newId();
        await trx.insertInto('users').values({ tenant_id: tenantId, id: adminId, login: options.admin.login, display_name: 'Administrator', role: 'admin', department_id: null, password_hash: adminPasswordHash, disabled_at: null }).execute();
        await appendAudit(trx, systemActor(tenantId, 'seed-demo'), { action: 'user.created', entityType: 'user', entityId: adminId, after: { login: options.admin.login, role: 'admin' } });
      }
      // One audit record for the whole load: the journal that follows is demo data made from these arguments.
      await appendAudit(trx, systemActor(tenantId, 'seed-demo'), {
        action: 'demo.seeded',
        entityType: 'tenant',
        entityId: tenantId,
        after: { seed: options.seed, receipts: options.receipts, asOf, customers: world.customers.length, ...(options.bulk ? { mode: 'bulk' } : {}) },
      });
      return { tenantId, financeUserId };
    });
  } catch (error) {
    // Another run created the same slug between the check and the insert.
    if ((error as { code?: string; constraint?: string }).constraint === 'tenants_slug_key') throw slugTaken(options.slug);
    throw error;
  }
}

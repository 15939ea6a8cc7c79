import { sql, type Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { isBusinessDate, type EntryDraft } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { systemActor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../schema.js';
import { createTenantIn } from '../tenants.js';
import { inTransaction } from '../transaction.js';
import { accountIdsByCode, bulkPostEntries } from './bulk-post.js';
import { dateOf, dayOf, monthsBefore, todayIn } from './calendar.js';
import { DemoLedgerGenerator, demoEntryKinds, type DemoEntryKind, type GeneratorOptions, type OrderBundle } from './generator.js';
import { Rng } from './rng.js';
import { buildWorld, customerCountFor, insertWorld, ownerCountFor, type DemoWorld } from './world.js';

export interface SeedDemoOptions {
  seed: number;
  /** Receipt entries to generate at most (prepayments count: both bring a customer's cash in). */
  receipts: number;
  slug: string;
  /** The day the demo ledger ends, YYYY-MM-DD; default today in Asia/Shanghai. */
  asOf?: string;
  /** Entries per statement. */
  batchEntries?: number;
  /** Batches written at once: 1 on PGlite (one connection); 2 lets a server use a second core. */
  inFlightMax?: number;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  entries: number;
  lines: number;
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
  entriesByKind: Record<DemoEntryKind, number>;
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
const defaultBatchEntries = 2_000;
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
  return bundle.entries.reduce((n, e) => n + (e.kind === 'receipt' || e.kind === 'prepayment' ? 1 : 0), 0);
}

function checkOptions(options: SeedDemoOptions): string {
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
 * Creates a demo tenant and fills it: master data in one transaction with the tenant, then the journal in
 * batches, generated as it is posted. The next batch is generated while the database writes the previous one.
 */
export async function seedDemo(db: Kysely<DB>, options: SeedDemoOptions): Promise<SeedDemoSummary> {
  const started = performance.now();
  const asOf = checkOptions(options);
  await refuseTakenSlug(db, options.slug);
  const plan = planDemo({ seed: options.seed, receipts: options.receipts, asOf });
  const tenantId = await createDemoTenant(db, options, asOf, plan.world);
  const accountIds = await accountIdsByCode(db, tenantId);
  const tally = new Tally(plan.generatorOptions.asOf);
  const posted: SeedProgress = { entries: 0, lines: 0, receipts: 0, elapsedMs: 0 };
  let lastReport = started;
  const poster = new PipelinedPoster(options.batchEntries ?? defaultBatchEntries, options.inFlightMax ?? 1, async (drafts, receipts) => {
    const result = await bulkPostEntries(db, tenantId, drafts, accountIds);
    posted.entries += result.entries;
    posted.lines += result.lines;
    posted.receipts += receipts;
    if (options.onProgress && performance.now() - lastReport >= progressEveryMs) {
      lastReport = performance.now();
      options.onProgress({ ...posted, elapsedMs: lastReport - started });
    }
  });
  const generator = new DemoLedgerGenerator(plan.world, plan.orderRng(), plan.generatorOptions);
  for (const bundle of generator.bundles()) {
    tally.add(bundle);
    await poster.add(bundle.entries.map((e) => e.draft), countReceipts(bundle));
  }
  await poster.finish();
  // A bulk load leaves the planner's statistics describing empty tables until autovacuum catches up; queries
  // run right after the seed (verify, exports, reports) would be planned for a few rows instead of millions.
  await sql`analyze journal_entries, journal_lines, account_balances, customers`.execute(db);
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
    ...tally.result(),
    entries: posted.entries,
    lines: posted.lines,
    elapsedMs: performance.now() - started,
  };
}

const slugTaken = (slug: string) =>
  new KxError('validation_failed', `a tenant with slug ${JSON.stringify(slug)} already exists; the demo only fills a new tenant, so pass another --tenant`);

/** Checked before the (for big runs, seconds long) planning, and again by the unique index at creation. */
async function refuseTakenSlug(db: Kysely<DB>, slug: string): Promise<void> {
  const existing = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) throw slugTaken(slug);
}

async function createDemoTenant(db: Kysely<DB>, options: SeedDemoOptions, asOf: string, world: DemoWorld): Promise<string> {
  try {
    return await inTransaction(db, async (trx) => {
      const tenantId = await createTenantIn(trx, { slug: options.slug, name: `款象演示公司 Kuanxiang Demo (seed ${options.seed})`, baseCurrency: 'CNY' });
      await insertWorld(trx, tenantId, world);
      // One audit record for the whole load: the journal that follows is demo data made from these arguments.
      await appendAudit(trx, systemActor(tenantId, 'seed-demo'), {
        action: 'demo.seeded',
        entityType: 'tenant',
        entityId: tenantId,
        after: { seed: options.seed, receipts: options.receipts, asOf, customers: world.customers.length },
      });
      return tenantId;
    });
  } catch (error) {
    // Another run created the same slug between the check and the insert.
    if ((error as { code?: string; constraint?: string }).constraint === 'tenants_slug_key') throw slugTaken(options.slug);
    throw error;
  }
}

/** What the generator's plans say about the ledger it produced, counted as the bundles stream by. */
class Tally {
  private orders = 0;
  private readonly entriesByKind = Object.fromEntries(demoEntryKinds.map((k) => [k, 0])) as Record<DemoEntryKind, number>;
  private overdueInstalments = 0;
  private readonly overdueMinor: Record<string, bigint> = {};
  private readonly openMinor: Record<string, bigint> = {};

  constructor(private readonly asOf: number) {}

  add(bundle: OrderBundle): void {
    this.orders++;
    for (const entry of bundle.entries) this.entriesByKind[entry.kind]++;
    const { currency } = bundle.order;
    for (const inst of bundle.order.instalments) {
      const unpaid = inst.amountMinor - inst.paidMinor;
      if (unpaid === 0n) continue;
      this.openMinor[currency] = (this.openMinor[currency] ?? 0n) + unpaid;
      if (inst.dueDay < this.asOf) {
        this.overdueInstalments++;
        this.overdueMinor[currency] = (this.overdueMinor[currency] ?? 0n) + unpaid;
      }
    }
  }

  result() {
    const { orders, entriesByKind, overdueInstalments, overdueMinor, openMinor } = this;
    return { orders, entriesByKind, overdueInstalments, overdueMinor, openMinor };
  }
}

/**
 * Collects drafts into batches and keeps up to `inFlightMax` batches in flight: while the database writes,
 * the caller generates the next batch. Batches overlap only partly, because each waits for the one before
 * on the shared balance rows (the trigger locks them in one global order, so they queue, never deadlock).
 */
class PipelinedPoster {
  private batch: EntryDraft[] = [];
  private batchReceipts = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly batchEntries: number,
    private readonly inFlightMax: number,
    private readonly post: (drafts: EntryDraft[], receipts: number) => Promise<void>,
  ) {}

  async add(drafts: readonly EntryDraft[], receipts: number): Promise<void> {
    this.batch.push(...drafts);
    this.batchReceipts += receipts;
    if (this.batch.length >= this.batchEntries) await this.dispatch();
  }

  async finish(): Promise<void> {
    if (this.batch.length > 0) await this.dispatch();
    await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  private async dispatch(): Promise<void> {
    while (this.inFlight.size >= this.inFlightMax) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const [drafts, receipts] = [this.batch, this.batchReceipts];
    this.batch = [];
    this.batchReceipts = 0;
    const posting: Promise<void> = this.post(drafts, receipts).then(
      () => void this.inFlight.delete(posting),
      (error: unknown) => {
        this.failure ??= { error };
        this.inFlight.delete(posting);
      },
    );
    this.inFlight.add(posting);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { Kysely } from 'kysely';
import { openDatabase } from './adapters/db/database.js';
import { migrateToLatest } from './adapters/db/migrate.js';
import { exportHledgerJournal } from './adapters/export/hledger.js';
import type { DB } from './app/schema.js';
import { trialBalance } from './app/ledger.js';
import { verifyLedger } from './app/verify.js';
import { verifyAuditChain } from './app/audit.js';
import { createTenantWithAdmin } from './app/bootstrap.js';
import { findTenantBySlug } from './app/tenants.js';
import { describeSeedSummary } from './app/demo/describe.js';
import { bulkModes, seedDemoBulk, type BulkMode } from './app/demo/bulk.js';
import { seedDemo } from './app/demo/seed.js';
import { settingsFrom } from './config.js';
import { isKxError, KxError } from './core/errors.js';
import { limits } from './core/limits.js';
import { formatAmount } from './core/money/index.js';

/**
 * `kuanxiang` — operations on the same database the server uses (DATABASE_URL, or the embedded one in
 * KX_DATA_DIR; the embedded one cannot be opened while the server runs on it).
 */
const program = new Command('kuanxiang').description('Kuanxiang (款项) command line').showHelpAfterError();
program.exitOverride();

/** Opens the database, applies migrations, runs `work`, closes; the exit code is what `work` returns. */
async function withDatabase(work: (db: Kysely<DB>) => Promise<number | void>): Promise<void> {
  const database = await openDatabase(settingsFrom(process.env).database);
  try {
    await migrateToLatest(database.db);
    process.exitCode = (await work(database.db)) ?? 0;
  } finally {
    await database.close();
  }
}

async function tenantIdFor(db: Kysely<DB>, slug: string): Promise<string> {
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!tenant) throw new Error(`no tenant with slug ${JSON.stringify(slug)}`);
  return tenant.id;
}

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    const database = await openDatabase(settingsFrom(process.env).database);
    try {
      const applied = await migrateToLatest(database.db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is current');
    } finally {
      await database.close();
    }
  });

program
  .command('trial-balance')
  .description("print a tenant's trial balance per account and currency")
  .option('--tenant <slug>', 'tenant slug', 'default')
  .option('--json', 'print JSON (amounts as decimal strings)')
  .action((options: { tenant: string; json?: boolean }) =>
    withDatabase(async (db) => {
      const tb = await trialBalance(db, await tenantIdFor(db, options.tenant));
      const rows = tb.rows.map((r) => ({
        account: r.account,
        currency: r.currency,
        debit: formatAmount(r.debitMinor, r.currency),
        credit: formatAmount(r.creditMinor, r.currency),
        balance: formatAmount(r.balanceMinor, r.currency),
      }));
      const totals = Object.fromEntries([...tb.totals].map(([c, v]) => [c, formatAmount(v, c)]));
      if (options.json) {
        console.log(JSON.stringify({ rows, totals }, null, 2));
      } else {
        const width = Math.max(8, ...rows.map((r) => r.account.length));
        console.log(`${'account'.padEnd(width)}  cur  ${'debit'.padStart(18)}  ${'credit'.padStart(18)}  ${'balance'.padStart(18)}`);
        for (const r of rows) {
          console.log(`${r.account.padEnd(width)}  ${r.currency}  ${r.debit.padStart(18)}  ${r.credit.padStart(18)}  ${r.balance.padStart(18)}`);
        }
        for (const [currency, total] of Object.entries(totals)) console.log(`${'total'.padEnd(width)}  ${currency}  ${''.padStart(38)}  ${total.padStart(18)}`);
      }
      return [...tb.totals.values()].every((v) => v === 0n) ? 0 : 1;
    }),
  );

program
  .command('verify')
  .description('re-derive every balance from the journal and check every ledger invariant; exit 1 on the first broken row')
  .option('--tenant <slug>', 'check one tenant only (default: all)')
  .action((options: { tenant?: string }) =>
    withDatabase(async (db) => {
      const tenantId = options.tenant ? await tenantIdFor(db, options.tenant) : undefined;
      const report = await verifyLedger(db, { tenantId });
      for (const check of report.checks) {
        console.log(`${check.problems.length === 0 ? 'ok  ' : 'FAIL'}  ${check.name}`);
        for (const problem of check.problems) console.log(`      ${problem}`);
      }
      const first = report.checks.find((c) => c.problems.length > 0);
      if (first) {
        console.error(`verify failed: ${first.problems[0]}`);
        return 1;
      }
      console.log('verify: the ledger is consistent');
      return 0;
    }),
  );

/** Whole-number option values; commander reports the message with the option's name. */
function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

program
  .command('tenant-create')
  .description('create another tenant (company) with its first administrator; prints the password once')
  .requiredOption('--slug <slug>', 'short name used at sign-in, e.g. acme')
  .requiredOption('--name <name>', 'display name, e.g. 上海锦程贸易有限公司')
  .option('--currency <code>', 'base currency (ISO 4217)', 'CNY')
  .option('--time-zone <zone>', 'IANA time zone', 'Asia/Shanghai')
  .option('--admin <login>', 'login of the first administrator', 'admin')
  .action((options: { slug: string; name: string; currency: string; timeZone: string; admin: string }) =>
    withDatabase(async (db) => {
      if (await findTenantBySlug(db, options.slug)) throw new Error(`a tenant with slug ${JSON.stringify(options.slug)} already exists`);
      const made = await createTenantWithAdmin(db, {
        slug: options.slug,
        name: options.name,
        baseCurrency: options.currency,
        timeZone: options.timeZone,
        adminLogin: options.admin,
        adminPassword: process.env.KX_ADMIN_PASSWORD || undefined,
      });
      console.log(`created tenant ${options.slug} (${made.tenantId})`);
      console.log(`  login:    ${made.adminLogin}`);
      console.log(made.generatedPassword ? `  password: ${made.generatedPassword}\n  This password is shown only now.` : '  password: the one in KX_ADMIN_PASSWORD');
      return 0;
    }),
  );

const audit = program.command('audit').description('the tamper-evident audit trail');
audit
  .command('verify')
  .description("re-compute every tenant's audit hash chain; exit 1 naming each changed, removed or inserted record")
  .option('--tenant <slug>', 'check one tenant only (default: all)')
  .action((options: { tenant?: string }) =>
    withDatabase(async (db) => {
      const tenants = options.tenant
        ? [{ id: await tenantIdFor(db, options.tenant), slug: options.tenant }]
        : await db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute();
      let broken = 0;
      for (const tenant of tenants) {
        const problems = await verifyAuditChain(db, tenant.id);
        const records = await db.selectFrom('audit_heads').select('seq').where('tenant_id', '=', tenant.id).executeTakeFirst();
        console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'}  tenant ${tenant.slug}: ${records?.seq ?? 0n} records`);
        for (const problem of problems) console.log(`      ${problem.message}`);
        broken += problems.length;
      }
      if (broken > 0) {
        console.error(`audit verify failed: ${broken} problem(s)`);
        return 1;
      }
      console.log('audit verify: every chain holds');
      return 0;
    }),
  );

program
  .command('seed-demo')
  .description('create a new tenant filled with a realistic, deterministic demo ledger (18 months up to --as-of)')
  .requiredOption('--seed <n>', 'random seed: the same seed and --as-of give the same business data', wholeNumber)
  .option('--receipts <n>', `receipt entries to generate, at most ${limits.demoReceiptsMax}; orders and customers scale with it`, wholeNumber, 5_000)
  .option('--tenant <slug>', 'slug of the tenant to create (must not exist yet)', 'demo')
  .option('--as-of <date>', 'last day of the demo, YYYY-MM-DD (default: today in Asia/Shanghai)')
  .option('--parallel <n>', 'orders carried out at once (PostgreSQL server only; PGlite has one connection)', wholeNumber, 4)
  .option('--admin <login>', 'also create an administrator to sign in to the demo with (password: KX_ADMIN_PASSWORD, or generated and printed once)')
  .option('--bulk [mode]', 'report scale: orders, plans, receipts, allocations and their postings written set-based (no per-event audit, no refunds or prepayments; docs/performance.md). Mode "triggers" (default): every journal trigger fires; "derive": triggers off for the load (superuser), balances and report figures derived afterwards and verified')
  .option('--customers <n>', 'with --bulk: customers to create (default receipts / 10)', wholeNumber)
  .action((options: { seed: number; receipts: number; tenant: string; asOf?: string; parallel: number; admin?: string; bulk?: boolean | string; customers?: number }) =>
    withDatabase(async (db) => {
      // As tenant-create: the password comes from the environment (not argv, which others can read), or is made here.
      const generated = options.admin && !process.env.KX_ADMIN_PASSWORD ? randomBytes(18).toString('base64url') : undefined;
      const admin = options.admin ? { login: options.admin, password: process.env.KX_ADMIN_PASSWORD || generated! } : undefined;
      if (options.bulk) {
        const mode = options.bulk === true ? 'triggers' : options.bulk;
        if (!(bulkModes as readonly string[]).includes(mode)) throw new KxError('validation_failed', `--bulk takes ${bulkModes.join(' or ')}, not ${JSON.stringify(mode)}`);
        const s = await seedDemoBulk(db, {
          mode: mode as BulkMode,
          ...(admin ? { admin } : {}),
          seed: options.seed, receipts: options.receipts, slug: options.tenant, asOf: options.asOf,
          ...(options.customers !== undefined ? { customers: options.customers } : {}),
          onProgress: (message) => console.error(`  … ${message}`),
        });
        console.log(`seeded tenant ${s.slug} (${s.tenantId}) in bulk with seed ${s.seed}: ${s.firstOrderDate} … ${s.asOf}`);
        console.log(`  ${s.customers.toLocaleString('en')} customers, ${s.orders.toLocaleString('en')} orders, ${s.instalments.toLocaleString('en')} instalments, ${s.receipts.toLocaleString('en')} receipts`);
        console.log(`  journal: ${s.entries.toLocaleString('en')} entries, ${s.lines.toLocaleString('en')} lines; ${s.overdueInstalments.toLocaleString('en')} instalments overdue`);
        console.log(`  time ${(s.elapsedMs / 1000).toFixed(1)} s (${Math.round(s.receipts / (s.elapsedMs / 1000)).toLocaleString('en')} receipts/s); ${s.verified.length > 0 ? `verified: ${s.verified.length} checks passed` : `check it with: kuanxiang verify --tenant ${s.slug}`}`);
      } else {
        const summary = await seedDemo(db, {
          ...(admin ? { admin } : {}),
          seed: options.seed,
          receipts: options.receipts,
          slug: options.tenant,
          asOf: options.asOf,
          lanes: settingsFrom(process.env).database.kind === 'postgres' ? Math.max(1, Math.min(options.parallel, 16)) : 1,
          onProgress: (p) =>
            console.error(`  … ${p.orders.toLocaleString('en')} orders, ${p.receipts.toLocaleString('en')} receipts, ${(p.elapsedMs / 1000).toFixed(1)} s, ${Math.round(p.receipts / (p.elapsedMs / 1000)).toLocaleString('en')} receipts/s`),
        });
        for (const line of describeSeedSummary(summary)) console.log(line);
      }
      if (admin) {
        console.log(`  sign in: tenant ${options.tenant}, login ${admin.login}`);
        console.log(generated ? `  password: ${generated}\n  This password is shown only now.` : '  password: the one in KX_ADMIN_PASSWORD');
      }
    }),
  );

program
  .command('export')
  .description('export data in formats other tools read')
  .command('journal')
  .description("write a tenant's whole journal for an accounting tool")
  .option('--format <format>', 'output format (hledger)', 'hledger')
  .option('--tenant <slug>', 'tenant slug', 'default')
  .option('--out <file>', 'write to this file instead of standard output')
  .action((options: { format: string; tenant: string; out?: string }) =>
    withDatabase(async (db) => {
      if (options.format !== 'hledger') throw new Error(`unknown export format ${JSON.stringify(options.format)} (supported: hledger)`);
      const tenantId = await tenantIdFor(db, options.tenant);
      const output = options.out ? createWriteStream(options.out) : process.stdout;
      let counts;
      try {
        counts = await exportHledgerJournal(db, tenantId, output);
      } catch (error) {
        // The reader went away (`… | head`): not a failure of the export.
        if ((error as NodeJS.ErrnoException).code === 'EPIPE' && !options.out) return 0;
        throw error;
      }
      if (options.out) {
        await new Promise<void>((resolve, reject) => output.end((error?: Error | null) => (error ? reject(error) : resolve())));
        console.error(`wrote ${counts.transactions.toLocaleString('en')} transactions (${counts.postings.toLocaleString('en')} postings) to ${options.out}`);
      }
    }),
  );

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
  } else {
    console.error(isKxError(error) ? `error (${error.code}): ${error.message}` : `error: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}

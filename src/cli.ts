import { Command, CommanderError } from 'commander';
import type { Kysely } from 'kysely';
import { openDatabase } from './adapters/db/database.js';
import { migrateToLatest } from './adapters/db/migrate.js';
import type { DB } from './app/schema.js';
import { trialBalance } from './app/ledger.js';
import { verifyLedger } from './app/verify.js';
import { settingsFrom } from './config.js';
import { isKxError } from './core/errors.js';
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

/**
 * Report speed (issue 8, "Must show"): the demo at 1,000,000 receipts / 100,000 customers on PostgreSQL
 * (seed-demo --bulk, the same code as the CLI), then the AR aging and 2-dimension pivots over 12 months as the
 * API runs them, each p50/p99 over --runs runs after a warm-up, beside the targets p50 ≤ 150 ms, p99 ≤ 500 ms.
 *
 *   npm run bench:reports -- [--receipts N] [--customers N] [--runs N] [--mode derive|triggers] [--database-url URL] [--reuse [--tenant SLUG]]
 *
 * --reuse: measure the tenant a previous run seeded in that database (slug bench-<receipts>, or --tenant), seeding it only
 * when it is absent, and keep it afterwards. Without it: a scratch database, seeded, measured and dropped.
 * The seed's as-of is fixed (2026-11-27), so reruns measure the same data.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';
import { systemActor, type Actor } from '../src/app/actor.js';
import { userActor } from '../src/app/auth/sessions.js';
import { dashboardOf } from '../src/app/dashboard.js';
import { bulkModes, seedDemoBulk, type BulkMode } from '../src/app/demo/bulk.js';
import { pivot } from '../src/app/reports/pivot.js';
import { agingReport } from '../src/app/reports/standard.js';
import type { DB } from '../src/app/schema.js';
import { defaultServerUrl, freshServerDatabase } from './backends.js';
import { summarizeLatencies } from './stats.js';

const targetP50Ms = 150;
const targetP99Ms = 500;
const warmupRuns = 3;
const asOf = '2026-11-27';

const { values } = parseArgs({
  options: {
    receipts: { type: 'string', default: '1000000' },
    customers: { type: 'string' },
    runs: { type: 'string', default: '30' },
    mode: { type: 'string', default: 'derive' },
    'database-url': { type: 'string' },
    reuse: { type: 'boolean', default: false },
    tenant: { type: 'string' },
  },
});
const receipts = Number(values.receipts);
const customers = values.customers === undefined ? Math.max(200, Math.round(receipts / 10)) : Number(values.customers);
const runs = Number(values.runs);
const mode = values.mode as BulkMode;
if (!Number.isInteger(receipts) || receipts < 100 || !Number.isInteger(customers) || customers < 1 || !Number.isInteger(runs) || runs < 1 || !bulkModes.includes(mode)) {
  throw new Error(`--receipts: whole number ≥ 100; --customers: ≥ 1; --runs: ≥ 1; --mode: ${bulkModes.join(' or ')}`);
}
const slug = values.tenant ?? `bench-${receipts}`;
const serverUrl = values['database-url'] ?? process.env.KX_BENCH_DATABASE_URL ?? (values.reuse ? defaultServerUrl.replace(/\/postgres$/, '/kx_bench_reports') : defaultServerUrl);

const opened = values.reuse ? await reusableDatabase(serverUrl) : await freshServerDatabase(serverUrl);
if ('unreachable' in opened) {
  console.log(`PostgreSQL unreachable (${opened.unreachable}): nothing measured`);
  process.exit(1);
}
const { db } = opened.database;
try {
  let tenant = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!tenant) {
    console.log(`seeding ${slug}: ${receipts.toLocaleString('en')} receipts, ${customers.toLocaleString('en')} customers, mode ${mode} — ${opened.description}; load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
    const s = await seedDemoBulk(db, { mode, seed: 7, receipts, customers, slug, asOf, onProgress: (m) => console.log(`  … ${m}`) });
    console.log(`seeded in ${(s.elapsedMs / 1000).toFixed(0)} s: ${s.orders.toLocaleString('en')} orders, ${s.instalments.toLocaleString('en')} instalments, ${s.receipts.toLocaleString('en')} receipts, ${s.entries.toLocaleString('en')} entries, ${s.lines.toLocaleString('en')} lines${s.verified.length > 0 ? `; verify: ${s.verified.length} checks passed` : ''}`);
    tenant = { id: s.tenantId };
  } else {
    console.log(`reusing ${slug} in ${opened.description}`);
  }
  await describeData(db, tenant.id);
  await measure(db, tenant.id);
} finally {
  await opened.dispose();
}

async function describeData(db: Kysely<DB>, tenantId: string): Promise<void> {
  const count = async (table: 'customers' | 'receipts' | 'journal_lines' | 'ledger_daily' | 'ledger_monthly' | 'instalment_figures') =>
    Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where tenant_id = ${tenantId}`.execute(db)).rows[0]!.n).toLocaleString('en');
  const open = await sql<{ n: string }>`select count(*)::text as n from instalments where tenant_id = ${tenantId} and voided_at is null and settled_minor < amount_minor`.execute(db);
  console.log(`data: ${await count('customers')} customers, ${await count('receipts')} receipts, ${await count('journal_lines')} journal lines, ` +
    `${await count('ledger_daily')} ledger_daily rows, ${await count('ledger_monthly')} ledger_monthly rows, ${Number(open.rows[0]!.n).toLocaleString('en')} open instalments, ` +
    `${await count('instalment_figures')} instalment_figures rows`);
}

async function measure(db: Kysely<DB>, tenantId: string): Promise<void> {
  const at = (actor: Actor): Actor => ({ ...actor, asOf: new Date(`${asOf}T04:00:00Z`) });
  const finance = at(systemActor(tenantId));
  // A sales rep sees only their own customers: aging per customer is their view (the whole tenant's 100,000
  // customers are more rows than a report returns: report_too_large, by design).
  const rep = await db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'sales').orderBy('login').executeTakeFirstOrThrow();
  const repActor = at(await userActor(db, tenantId, rep.id, { ip: null, userAgent: 'bench' }));
  // A regional manager (data scope: department) over the demo's largest department tree (华东: three sales groups).
  const region = await db.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where('code', '=', 'EAST').executeTakeFirst();
  const managerActor = region ? at({ ...systemActor(tenantId), dataScope: 'department', departmentId: region.id }) : undefined;
  const year = { from: '2025-12-01', to: '2026-11-30' };
  const all = ['issued', 'received', 'refunded', 'netReceived', 'outstanding', 'count'] as const;
  // The third element: false for a figure measured alongside that issue 8's targets do not cover.
  type Case = [string, () => Promise<unknown>, boolean?];
  const cases: Case[] = [
    ['aging by department (finance, 30/60/90)', () => agingReport(db, finance, { groupBy: 'department' })],
    ['aging by owner (finance)', () => agingReport(db, finance, { groupBy: 'owner' })],
    ['aging by owner, days since the order (finance)', () => agingReport(db, finance, { groupBy: 'owner', basis: 'order', buckets: '30,90,180,365' })],
    ['aging by customer (a sales rep\'s customers)', () => agingReport(db, repActor, { groupBy: 'customer' })],
    ...(managerActor ? [['aging by owner (a regional manager, department scope)', () => agingReport(db, managerActor, { groupBy: 'owner' }), false] satisfies Case] : []),
    ['dashboard (finance: figures, trend, aging, worst payers)', () => dashboardOf(db, finance, {}).then((d) => ({ rows: d.topOverdue })), false],
    ['pivot month × channel, 12 months, all measures', () => pivot(db, finance, { dimensions: ['month', 'channel'], measures: [...all], ...year })],
    ['pivot month × department, 12 months, all measures', () => pivot(db, finance, { dimensions: ['month', 'department'], measures: [...all], ...year })],
    ['pivot month × owner, 12 months, all measures', () => pivot(db, finance, { dimensions: ['month', 'owner'], measures: [...all], ...year })],
  ];
  console.log(`\nload average before: ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  console.log(`${'case'.padEnd(56)}  rows  p50 ms  p99 ms  target (p50 ≤ ${targetP50Ms}, p99 ≤ ${targetP99Ms})`);
  for (const [name, run, judged = true] of cases) {
    let rows = 0;
    for (let i = 0; i < warmupRuns; i++) rows = ((await run()) as { rows: unknown[] }).rows.length;
    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await run();
      latencies.push(performance.now() - t0);
    }
    const s = summarizeLatencies(latencies);
    const pass = s.p50Ms <= targetP50Ms && s.p99Ms <= targetP99Ms;
    const verdict = judged ? (pass ? 'PASS' : 'FAIL') : 'no target';
    console.log(`${name.padEnd(56)}  ${String(rows).padStart(4)}  ${s.p50Ms.toFixed(1).padStart(6)}  ${s.p99Ms.toFixed(1).padStart(6)}  ${verdict} (${runs} runs)`);
  }
  console.log(`load average after: ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
}

/** The named database, created and migrated when absent, kept afterwards. */
async function reusableDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres'), connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    await admin.end();
    const database = await openDatabase({ kind: 'postgres', url });
    await migrateToLatest(database.db);
    return { database, description: `PostgreSQL ${version}, database ${name} (kept)`, dispose: () => database.close() };
  } catch (error) {
    await admin.end().catch(() => undefined);
    return { unreachable: (error as Error).message };
  }
}

/**
 * Report speed (issue 8): seeds a tenant on PostgreSQL by set-based SQL — customers, owners, departments,
 * orders with one instalment each, and a balanced journal of order and receipt entries (the ledger_daily
 * trigger keeps the daily figures as for any posting) — then times the AR aging and a 2-dimension pivot
 * (month × owner, 12 months) as the API runs them.
 *
 *   npm run bench:reports -- [--scale RECEIPTS] [--runs N]
 *
 * Default scale: 1,000,000 receipts and 100,000 customers (customers = receipts / 10, orders = receipts / 2).
 * Receipt rows themselves are not written (the reports timed here do not read them), only their postings.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemActor } from '../src/app/actor.js';
import { pivot } from '../src/app/reports/pivot.js';
import { agingReport } from '../src/app/reports/standard.js';
import { createTenant } from '../src/app/tenants.js';
import { defaultServerUrl, freshServerDatabase } from './backends.js';
import { summarizeLatencies } from './stats.js';

const targetP50Ms = 150;
const targetP99Ms = 500;
const batchEntries = 100_000;

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '30' } } });
const receipts = Number(values.scale);
const runs = Number(values.runs);
if (!Number.isInteger(receipts) || receipts < 100 || !Number.isInteger(runs) || runs < 1) throw new Error('--scale: whole number ≥ 100; --runs: ≥ 1');
const customers = Math.max(10, Math.floor(receipts / 10));
const orders = Math.max(10, Math.floor(receipts / 2));
const owners = 50;
const asOf = '2026-11-27';

const opened = await freshServerDatabase(process.env.KX_BENCH_DATABASE_URL ?? defaultServerUrl);
if ('unreachable' in opened) {
  console.log(`PostgreSQL unreachable (${opened.unreachable}): nothing measured`);
  process.exit(1);
}
const { db } = opened.database;
try {
  const started = Date.now();
  const tenantId = await createTenant(db, { slug: 'bench-reports', name: 'bench', baseCurrency: 'CNY' });
  const account = async (code: string) => (await db.selectFrom('accounts').select('id').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirstOrThrow()).id;
  const [ar, sales] = [await account('accounts_receivable'), await account('sales')];
  const cash = (await db.selectFrom('accounts').select('id').where('tenant_id', '=', tenantId).where('code', 'like', 'cash:%').orderBy('code').limit(3).execute()).map((r) => r.id);
  // Ids are md5 of a role and a number, so later statements can refer to rows by number.
  const id = (prefix: string, n: unknown) => sql`md5(${prefix} || ${n})::uuid`;
  await sql`insert into departments (tenant_id, id, code, name) select ${tenantId}, ${id('d', sql`k`)}, 'D' || k, '部门' || k from generate_series(1, 5) k`.execute(db);
  await sql`insert into users (tenant_id, id, login, display_name, role, department_id)
            select ${tenantId}, ${id('u', sql`k`)}, 'rep' || k, '销售' || k, 'sales', ${id('d', sql`1 + k % 5`)} from generate_series(1, ${owners}) k`.execute(db);
  await sql`insert into customers (tenant_id, id, code, name, owner_id, department_id)
            select ${tenantId}, ${id('c', sql`n`)}, 'C' || n, '客户' || n, ${id('u', sql`1 + n % ${owners}`)}, ${id('d', sql`1 + (n % ${owners}) % 5`)}
              from generate_series(1, ${customers}) n`.execute(db);
  const customerOf = (n: unknown) => sql`(1 + (${n} * 7919) % ${customers})`;
  const ownerOf = (c: unknown) => sql`(1 + ${c} % ${owners})`;
  const dayOf = (n: unknown) => sql`(${asOf}::date - (${n} * 37) % 365)`;
  for (let first = 1; first <= orders; first += batchEntries) {
    const last = Math.min(orders, first + batchEntries - 1);
    await db.transaction().execute(async (trx) => {
      // Orders: 100.00–1,099.99, one instalment due 30 days after signing, 60 % of them settled.
      await sql`insert into orders (tenant_id, id, number, customer_id, currency, status, owner_id, department_id, signed_date, total_minor, paid_minor, base_rate, base_total_minor)
                select ${tenantId}, ${id('o', sql`n`)}, 'OD-' || n, ${id('c', customerOf(sql`n`))}, 'CNY', 'confirmed',
                       ${id('u', ownerOf(customerOf(sql`n`)))}, ${id('d', sql`1 + ${ownerOf(customerOf(sql`n`))} % 5`)}, ${dayOf(sql`n`)},
                       10000 + n % 100000, case when n % 5 < 3 then 10000 + n % 100000 else 0 end, 1, 10000 + n % 100000
                  from generate_series(${first}::int, ${last}::int) n`.execute(trx);
      await sql`insert into instalments (tenant_id, id, order_id, seq, due_date, amount_minor, settled_minor)
                select ${tenantId}, ${id('i', sql`n`)}, ${id('o', sql`n`)}, 1, ${dayOf(sql`n`)} + 30, 10000 + n % 100000, case when n % 5 < 3 then 10000 + n % 100000 else 0 end
                  from generate_series(${first}::int, ${last}::int) n`.execute(trx);
      await sql`insert into journal_entries (tenant_id, id, entry_date, source, memo)
                select ${tenantId}, ${id('oe', sql`n`)}, ${dayOf(sql`n`)}, 'order', 'Order OD-' || n from generate_series(${first}::int, ${last}::int) n`.execute(trx);
      await sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor, customer_id, owner_id, department_id)
                select ${tenantId}, ${id('oe', sql`n`)}, s.line_no, case when s.line_no = 1 then ${ar}::uuid else ${sales}::uuid end, 'CNY',
                       case when s.line_no = 1 then 1 else -1 end * (10000 + n % 100000),
                       ${id('c', customerOf(sql`n`))}, ${id('u', ownerOf(customerOf(sql`n`)))}, ${id('d', sql`1 + ${ownerOf(customerOf(sql`n`))} % 5`)}
                  from generate_series(${first}::int, ${last}::int) n cross join (values (1::smallint), (2::smallint)) s (line_no)`.execute(trx);
    });
  }
  for (let first = 1; first <= receipts; first += batchEntries) {
    const last = Math.min(receipts, first + batchEntries - 1);
    await db.transaction().execute(async (trx) => {
      // Receipts: Dr cash (one of three channels) / Cr accounts_receivable, 50.00–549.99.
      await sql`insert into journal_entries (tenant_id, id, entry_date, source, memo)
                select ${tenantId}, ${id('re', sql`n`)}, ${dayOf(sql`n + 11`)}, 'receipt', 'Receipt RC-' || n from generate_series(${first}::int, ${last}::int) n`.execute(trx);
      await sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor, customer_id, owner_id, department_id, channel)
                select ${tenantId}, ${id('re', sql`n`)}, s.line_no,
                       case when s.line_no = 1 then (${cash}::uuid[])[1 + n % ${cash.length}] else ${ar}::uuid end, 'CNY',
                       case when s.line_no = 1 then 1 else -1 end * (5000 + n % 50000),
                       ${id('c', customerOf(sql`n`))}, ${id('u', ownerOf(customerOf(sql`n`)))}, ${id('d', sql`1 + ${ownerOf(customerOf(sql`n`))} % 5`)},
                       case when s.line_no = 1 then (array['bank_transfer', 'alipay', 'wechat_pay'])[1 + n % 3] end
                  from generate_series(${first}::int, ${last}::int) n cross join (values (1::smallint), (2::smallint)) s (line_no)`.execute(trx);
    });
  }
  await sql`analyze`.execute(db);
  const facts = await db.selectFrom('ledger_daily').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  console.log(`Seeded ${receipts.toLocaleString('en')} receipts, ${orders.toLocaleString('en')} orders, ${customers.toLocaleString('en')} customers, ${owners} owners in ${((Date.now() - started) / 1000).toFixed(0)} s (${Number(facts.n).toLocaleString('en')} ledger_daily rows) — ${opened.description}`);

  const actor = { ...systemActor(tenantId), asOf: new Date(`${asOf}T04:00:00Z`) };
  const cases: [string, () => Promise<unknown>][] = [
    ['AR aging by owner (30/60/90)', () => agingReport(db, actor, { groupBy: 'owner' })],
    ['pivot month × owner, 12 months, all measures', () => pivot(db, actor, { dimensions: ['month', 'owner'], measures: ['issued', 'received', 'refunded', 'netReceived', 'outstanding', 'count'], from: '2025-12-01', to: '2026-11-30' })],
  ];
  console.log(`\n${'case'.padEnd(48)}  p50 ms  p99 ms  target (p50 ≤ ${targetP50Ms}, p99 ≤ ${targetP99Ms})`);
  for (const [name, run] of cases) {
    await run(); // warm the plan and the cache
    const latencies: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await run();
      latencies.push(performance.now() - t0);
    }
    const s = summarizeLatencies(latencies);
    const pass = s.p50Ms <= targetP50Ms && s.p99Ms <= targetP99Ms;
    console.log(`${name.padEnd(48)}  ${s.p50Ms.toFixed(1).padStart(6)}  ${s.p99Ms.toFixed(1).padStart(6)}  ${pass ? 'PASS' : 'FAIL'} (${runs} runs)`);
  }
} finally {
  await opened.dispose();
}

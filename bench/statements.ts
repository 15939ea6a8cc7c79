/**
 * Importing and auto-matching a bank statement (issue 6): a 100,000-line CSV statement against 100,000 open
 * instalments of 20,000 customers on a fresh PostgreSQL database — parse (the adapter), then the import use
 * case: continuity and duplicate checks, loading the open items, matching (src/core/reconciliation), writing
 * the statement and its lines with their suggestions in one transaction. Usage and reading: docs/performance.md.
 *
 *   node --import tsx bench/statements.ts [--lines N] [--items N] [--repeat N] [--out FILE]
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { parallelMatcher } from '../src/adapters/matching/parallel.js';
import { parseStatement } from '../src/adapters/statements/index.js';
import { systemActor } from '../src/app/actor.js';
import type { DB } from '../src/app/schema.js';
import { importStatements, sha256Hex } from '../src/app/statements/import.js';
import { createTenant } from '../src/app/tenants.js';
import { formatAmount } from '../src/core/money/index.js';
import { defaultServerUrl, freshServerDatabase } from './backends.js';
import { median } from './stats.js';

/** Issue 6: import and auto-match of the whole statement within this. */
const targetMsMax = 30_000;

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    items: { type: 'string', default: '100000' },
    repeat: { type: 'string', default: '3' },
    out: { type: 'string', default: 'bench/results/statements.json' },
  },
});
const linesCount = Number(values.lines);
const itemsCount = Number(values.items);
const repeat = Number(values.repeat);
const customersCount = Math.max(1, Math.round(itemsCount / 5));

/** A deterministic pseudo-random sequence, so runs compare. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

const surnames = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴'];
const cities = ['上海', '北京', '深圳', '杭州', '广州', '成都', '南京', '苏州'];
const trades = ['星河贸易', '云栖科技', '方正软件', '恒通物流', '华锦纺织', '蓝海医药', '金石建材', '远景电子'];
const latin = ['Acme Trading', 'Globex', 'Initech', 'Umbrella Supply', 'Stark Parts', 'Wayne Foods', 'Hooli Cloud', 'Vandelay Import'];

function customerName(i: number): string {
  if (i % 4 === 3) return `${latin[i % latin.length]} ${Math.floor(i / latin.length)} Ltd.`;
  return `${cities[i % cities.length]}${trades[Math.floor(i / cities.length) % trades.length]}${surnames[i % surnames.length]}${i}有限公司`;
}

interface Fixture { orders: { number: string; customer: number; instalments: { amountMinor: bigint; dueDate: string }[] }[] }

/** Customers, confirmed orders and their open instalments, bulk-inserted (a fixture: the import reads them, nothing posts). */
async function seed(db: Kysely<DB>, tenantId: string): Promise<Fixture> {
  const random = rng(7);
  const customerIds = Array.from({ length: customersCount }, () => randomUUID());
  for (let start = 0; start < customersCount; start += 10_000) {
    const ids = customerIds.slice(start, start + 10_000);
    await sql`INSERT INTO customers (tenant_id, id, code, name) SELECT ${tenantId}::uuid, t.id, t.code, t.name
      FROM unnest(${ids}::uuid[], ${ids.map((_, i) => `C${start + i}`)}::text[], ${ids.map((_, i) => customerName(start + i))}::text[]) AS t(id, code, name)`.execute(db);
  }
  const fixture: Fixture = { orders: [] };
  const instalmentsPerOrder = 2;
  const ordersCount = Math.ceil(itemsCount / instalmentsPerOrder);
  for (let o = 0; o < ordersCount; o++) {
    const instalments = Array.from({ length: instalmentsPerOrder }, (_, k) => ({
      amountMinor: BigInt(Math.floor(random() * 5_000_000) + 10_000),
      dueDate: `2026-${String(9 + k).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
    }));
    fixture.orders.push({ number: `OD-2026-${String(o + 1).padStart(6, '0')}`, customer: Math.floor(random() * customersCount), instalments });
  }
  for (let start = 0; start < ordersCount; start += 5_000) {
    const chunk = fixture.orders.slice(start, start + 5_000);
    const orderIds = chunk.map(() => randomUUID());
    const totals = chunk.map((o) => o.instalments.reduce((s, i) => s + i.amountMinor, 0n).toString());
    await sql`INSERT INTO orders (tenant_id, id, number, customer_id, currency, status, signed_date, total_minor, base_rate, base_total_minor)
      SELECT ${tenantId}::uuid, t.id, t.number, t.customer_id, 'CNY', 'confirmed', '2026-08-01', t.total, 1, t.total
      FROM unnest(${orderIds}::uuid[], ${chunk.map((o) => o.number)}::text[], ${chunk.map((o) => customerIds[o.customer]!)}::uuid[], ${totals}::int8[]) AS t(id, number, customer_id, total)`.execute(db);
    const rows = chunk.flatMap((o, n) => o.instalments.map((i, k) => ({ orderId: orderIds[n]!, seq: k + 1, ...i })));
    await sql`INSERT INTO instalments (tenant_id, id, order_id, seq, due_date, amount_minor)
      SELECT ${tenantId}::uuid, gen_random_uuid(), t.order_id, t.seq, t.due_date, t.amount
      FROM unnest(${rows.map((r) => r.orderId)}::uuid[], ${rows.map((r) => r.seq)}::int[], ${rows.map((r) => r.dueDate)}::date[], ${rows.map((r) => r.amountMinor.toString())}::int8[]) AS t(order_id, seq, due_date, amount)`.execute(db);
  }
  // As autovacuum would have by the time anyone imports a statement against this much data.
  await sql`ANALYZE customers, orders, instalments`.execute(db);
  return fixture;
}

/**
 * The statement: a mix as banks deliver it — 35 % name our order number, 30 % pay an instalment's amount from a
 * payer whose name is written differently, 15 % pay two instalments of one order at once, 20 % noise (fees,
 * transfers, unknown payers).
 */
function statementCsv(fixture: Fixture, run: number): { text: string; truth: number } {
  const random = rng(100 + run);
  const rows = ['交易日期,收入金额,支出金额,对方户名,对方账号,摘要,流水号'];
  let truth = 0;
  for (let n = 0; n < linesCount; n++) {
    const kind = random();
    const order = fixture.orders[Math.floor(random() * fixture.orders.length)]!;
    const day = `2026-11-${String(1 + (n % 28)).padStart(2, '0')}`;
    const ref = `R${run}-${n}`;
    const name = customerName(order.customer);
    if (kind < 0.35) {
      rows.push(`${day},${formatAmount(order.instalments[0]!.amountMinor, 'CNY')},,${name},62220${order.customer},货款 ${order.number},${ref}`);
      truth++;
    } else if (kind < 0.65) {
      const payer = name.replace('有限公司', '').replace(' Ltd.', ' LIMITED').toUpperCase();
      rows.push(`${day},${formatAmount(order.instalments[1]!.amountMinor, 'CNY')},,${payer},,转账,${ref}`);
      truth++;
    } else if (kind < 0.8) {
      const sum = order.instalments.reduce((s, i) => s + i.amountMinor, 0n);
      rows.push(`${day},${formatAmount(sum, 'CNY')},,${name},,付款,${ref}`);
      truth++;
    } else if (kind < 0.9) {
      rows.push(`${day},,${(1 + Math.floor(random() * 50)).toFixed(2)},,,手续费,${ref}`);
    } else {
      rows.push(`${day},${(100 + Math.floor(random() * 90_000) / 100).toFixed(2)},,未知付款人${n},,其他,${ref}`);
    }
  }
  return { text: rows.join('\n') + '\n', truth };
}

async function main() {
  const bench = await freshServerDatabase(process.env.KX_BENCH_DATABASE_URL ?? defaultServerUrl);
  if ('unreachable' in bench) throw new Error(`PostgreSQL unreachable: ${bench.unreachable}`);
  const { db } = bench.database;
  try {
    const tenantId = await createTenant(db, { slug: 'bench', name: 'bench', baseCurrency: 'CNY' });
    const actor = systemActor(tenantId, 'bench');
    let started = Date.now();
    const fixture = await seed(db, tenantId);
    console.log(`fixture: ${customersCount} customers, ${itemsCount} open instalments in ${Date.now() - started} ms; ${bench.description}`);
    const runs: { parseMs: number; importMs: number; totalMs: number; suggested: number; truth: number }[] = [];
    for (let run = 1; run <= repeat; run++) {
      const { text, truth } = statementCsv(fixture, run);
      const bytes = new TextEncoder().encode(text);
      const mapping = { encoding: 'utf-8', skipRows: 0, delimiter: ',', columns: { bookingDate: '交易日期', credit: '收入金额', debit: '支出金额', counterpartyName: '对方户名', counterpartyAccount: '对方账号', description: '摘要', bankRef: '流水号' }, dateFormat: 'YYYY-MM-DD', defaultCurrency: 'CNY' };
      started = Date.now();
      const statements = await parseStatement(bytes, { format: 'csv', encoding: 'utf-8', mapping: mapping as never, defaultCurrency: 'CNY', filename: `bench-${run}.csv` });
      const parsedAt = Date.now();
      // A different account per run: every line is new (the duplicate check still runs over all of them).
      for (const s of statements) s.accountId = `BENCH-${run}`;
      const outcome = await importStatements(db, actor, { statements, fileSha256: sha256Hex(bytes), filename: `bench-${run}.csv` }, randomUUID(), parallelMatcher());
      const done = Date.now();
      const st = outcome.body.items[0]!;
      runs.push({ parseMs: parsedAt - started, importMs: done - parsedAt, totalMs: done - started, suggested: st.counts.suggested, truth });
      console.log(`run ${run}: ${st.lineCount} lines — parse ${parsedAt - started} ms, import+match ${done - parsedAt} ms, total ${done - started} ms; suggested ${st.counts.suggested} (${truth} lines pay something), load ${loadavg()[0]!.toFixed(1)}`);
    }
    const total = median(runs.map((r) => r.totalMs));
    const verdict = total <= targetMsMax ? 'PASS' : 'FAIL';
    console.log(`\nmedian of ${repeat}: ${total} ms for ${linesCount} lines against ${itemsCount} open items (target ≤ ${targetMsMax} ms): ${verdict}`);
    const out = resolve(values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), machine: { cpus: cpus().length, memoryBytes: totalmem() }, backend: bench.description, linesCount, itemsCount, runs, medianTotalMs: total, targetMsMax, verdict }, null, 2));
  } finally {
    await bench.dispose();
  }
}

await main();

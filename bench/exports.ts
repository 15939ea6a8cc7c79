/**
 * XLSX export of 100,000 receipts through HTTP (issue 8): the real server process (`src/server.ts`) on a fresh
 * PostgreSQL database, GET /api/v1/exports/receipts?format=xlsx read to the end by a client, timed; the server's
 * resident memory sampled all along. Then the same export of 200,000 rows: with streaming, peak memory stays
 * about where it was while the rows double. Rows are seeded with one SQL statement, not through the API.
 * Usage and reading: docs/performance.md.
 *
 *   node --import tsx bench/exports.ts [--rows N] [--out FILE]
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { sessionCookie } from '../src/adapters/http/context.js';
import { createSession } from '../src/app/auth/sessions.js';
import { createTenant } from '../src/app/tenants.js';
import { startServer } from '../test/e2e/server-process.js';
import { defaultServerUrl, freshServerDatabase } from './backends.js';

/** Issue 8: an XLSX export of 100,000 rows within this. */
const targetMs = 15_000;
/** Doubling the rows may raise peak memory by at most this factor for "flat" (streamed, not buffered). */
const flatFactorMax = 1.25;

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, out: { type: 'string', default: 'bench/results/exports.json' } } });
const rows = Number(values.rows);

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** CPU time the process has used (user + system), in seconds: on a shared machine, the part of the wall time that was ours. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line (11 and 12 after the command), in clock ticks (100/s on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Run { rows: number; ms: number; bytes: number; rssBeforeMb: number; rssPeakMb: number; serverCpuS: number }

async function exportOnce(baseUrl: string, cookie: string, pid: number, query: string, expectedRows: number): Promise<Run> {
  const rssBefore = rssBytes(pid);
  const cpuBefore = cpuSeconds(pid);
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/exports/receipts?format=xlsx&${query}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  if (response.headers.get('x-export-rows') !== String(expectedRows)) throw new Error(`expected ${expectedRows} rows, the server counted ${response.headers.get('x-export-rows')}`);
  let bytes = 0;
  for await (const chunk of response.body!) bytes += (chunk as Uint8Array).byteLength;
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(pid));
  return { rows: expectedRows, ms, bytes, rssBeforeMb: rssBefore / 2 ** 20, rssPeakMb: peak / 2 ** 20, serverCpuS: cpuSeconds(pid) - cpuBefore };
}

async function main(): Promise<void> {
  console.log(`exports bench: ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  const bench = await freshServerDatabase(process.env.KX_BENCH_DATABASE_URL ?? defaultServerUrl);
  if ('unreachable' in bench) {
    console.log(`skipped: no PostgreSQL server (${bench.unreachable})`);
    return;
  }
  const { db } = bench.database;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const tenantId = await createTenant(db, { slug: 'bench', name: '基准测试', baseCurrency: 'CNY' });
    const userId = randomUUID();
    await db.insertInto('users').values({ tenant_id: tenantId, id: userId, login: 'bench', display_name: 'bench', role: 'finance', department_id: null, password_hash: null, disabled_at: null }).execute();
    const session = await db.transaction().execute((trx) => createSession(trx, tenantId, userId, { ip: '127.0.0.1', userAgent: 'bench' }));

    const seedStarted = performance.now();
    const customers = 2_000;
    await sql`INSERT INTO customers (tenant_id, id, code, name)
      SELECT ${tenantId}::uuid, gen_random_uuid(), 'C' || lpad(i::text, 6, '0'), '上海星河贸易有限公司' || i FROM generate_series(1, ${customers}) i`.execute(db);
    // Twice the rows: the first half received in 2025, the second in 2026, so a date filter selects `rows`.
    await sql`INSERT INTO receipts (tenant_id, id, number, customer_id, kind, currency, amount_minor, channel, received_date, payer_name, payer_account, external_ref, status)
      SELECT ${tenantId}::uuid, gen_random_uuid(), 'RC-BENCH-' || lpad(i::text, 7, '0'), c.id, 'prepayment', 'CNY', 100 + (i * 7919) % 10000000, 'bank_transfer',
             (CASE WHEN i <= ${rows} THEN date '2025-01-01' ELSE date '2026-01-01' END) + (i % 360),
             '付款人' || i, '6222021234' || lpad(i::text, 6, '0'), 'REF' || i, 'pending'
        FROM generate_series(1, ${2 * rows}) i
        JOIN (SELECT id, row_number() OVER (ORDER BY code) AS n FROM customers WHERE tenant_id = ${tenantId}::uuid) c ON c.n = 1 + i % ${customers}`.execute(db);
    await sql`ANALYZE receipts`.execute(db);
    console.log(`seeded ${2 * rows} receipts of ${customers} customers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    server = await startServer({ DATABASE_URL: bench.url!, KX_RATE_LIMIT_PER_MINUTE: '1000000' }, 120_000);
    const pid = server.process.pid!;
    const cookie = `${sessionCookie}=${session.token}`;
    // One small unmeasured export: fonts, JIT and the connection pool warm up.
    await exportOnce(server.baseUrl, cookie, pid, 'receivedFrom=2026-01-01&receivedTo=2026-01-01', Math.ceil(rows / 360));
    const single = await exportOnce(server.baseUrl, cookie, pid, 'receivedFrom=2025-01-01&receivedTo=2025-12-31', rows);
    const double = await exportOnce(server.baseUrl, cookie, pid, '', 2 * rows);
    const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');
    const line = (r: Run) => `${r.rows} rows: ${(r.ms / 1000).toFixed(1)} s, ${(r.bytes / 2 ** 20).toFixed(1)} MiB, ${Math.round(r.rows / (r.ms / 1000))} rows/s; server CPU ${r.serverCpuS.toFixed(1)} s; server RSS ${r.rssBeforeMb.toFixed(0)} MiB before, peak ${r.rssPeakMb.toFixed(0)} MiB`;
    const growth = (double.rssPeakMb - double.rssBeforeMb) / Math.max(1, single.rssPeakMb - single.rssBeforeMb);
    console.log([
      `XLSX export of receipts through HTTP (PostgreSQL ${bench.serverVersion}, server process src/server.ts, client reads the whole body):`,
      `  ${line(single)}   target ≤ ${targetMs / 1000} s: ${verdict(single.ms <= targetMs)}`,
      `  ${line(double)}`,
      `  peak RSS with twice the rows: ${double.rssPeakMb.toFixed(0)} MiB vs ${single.rssPeakMb.toFixed(0)} MiB (×${(double.rssPeakMb / single.rssPeakMb).toFixed(2)}; growth over the baseline ×${growth.toFixed(2)})   target: flat, ≤ ×${flatFactorMax}: ${verdict(double.rssPeakMb <= single.rssPeakMb * flatFactorMax)}`,
      `  load average at the end: ${loadavg().map((n) => n.toFixed(1)).join(' ')} (on a shared machine the wall time is stretched; server CPU is the work itself)`,
    ].join('\n'));
    if (values.out) {
      mkdirSync(dirname(values.out), { recursive: true });
      writeFileSync(values.out, `${JSON.stringify({ date: new Date().toISOString(), cpus: cpus().length, server: bench.serverVersion, targetMs, flatFactorMax, single, double }, null, 2)}\n`);
    }
  } finally {
    await server?.stop('SIGTERM');
    await bench.dispose();
  }
}

await main();

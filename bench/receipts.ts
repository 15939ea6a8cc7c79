/**
 * Confirmed receipts recorded through HTTP (issue 4): `POST /api/v1/receipts` with an allocation to an order and
 * `confirm: true`, from 16 concurrent clients, against the real server running as its own process on a fresh
 * PostgreSQL database — beside the foundation's baseline (a bare transaction inserting an entry and two lines)
 * measured in the same run on the same database. Usage and reading: docs/performance.md.
 *
 *   node --import tsx bench/receipts.ts [--receipts N] [--clients N] [--repeat N] [--out FILE] [--client undici|fetch]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { Pool } from 'undici';
import { createApiKeyRow } from '../src/app/auth/sessions.js';
import { newId } from '../src/app/ids.js';
import type { DB } from '../src/app/schema.js';
import { verifyLedger } from '../src/app/verify.js';
import { defaultServerUrl, freshServerDatabase, type BenchDatabase } from './backends.js';
import { median, summarizeLatencies } from './stats.js';
import { baselineTask, prepareFixture, runWriters } from './workload.js';

/** Issue 4: receipts/s at least this share of the baseline's transactions/s … */
const targetRatioMin = 0.6;
/** … and p99 request latency at most this. */
const targetP99MsMax = 50;
const customersCount = 300;
/** Connections of the client's pool (set from --clients) and which client sends (--client): before the first request. */
let clientsMax = 16;
let clientKind: Options['client'] = 'undici';
const receivedDate = '2026-11-20';

interface Options {
  receipts: number;
  clients: number;
  repeat: number;
  out: string;
  serverUrl: string;
  /** undici's Pool (default), or Node's fetch as before, to compare what the client costs. */
  client: 'undici' | 'fetch';
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      receipts: { type: 'string', default: '3000' },
      clients: { type: 'string', default: '16' },
      repeat: { type: 'string', default: '3' },
      out: { type: 'string', default: 'bench/results/receipts.json' },
      client: { type: 'string', default: 'undici' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('node --import tsx bench/receipts.ts [--receipts N] [--clients N] [--repeat N] [--out FILE] [--client undici|fetch]');
    console.log(`PostgreSQL server: KX_BENCH_DATABASE_URL (default ${defaultServerUrl}).`);
    process.exit(0);
  }
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${JSON.stringify(text)}`);
    return n;
  };
  return {
    receipts: positive('receipts', values.receipts),
    clients: positive('clients', values.clients),
    repeat: positive('repeat', values.repeat),
    out: resolve(values.out),
    client: values.client === 'fetch' || values.client === 'undici' ? values.client : (() => { throw new Error(`--client is undici or fetch, not ${JSON.stringify(values.client)}`); })(),
    serverUrl: process.env.KX_BENCH_DATABASE_URL ?? defaultServerUrl,
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The real server (`npm start`'s entry point) as a child process on the benchmark's database. */
async function startServer(databaseUrl: string): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  // KX_BENCH_SERVER_NODE_ARGS: extra Node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const nodeArgs = (process.env.KX_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', KX_RATE_LIMIT_PER_MINUTE: '10000000', KX_ADMIN_PASSWORD: `bench-${randomUUID()}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let waitedMs = 0; waitedMs < 60_000; waitedMs += 200) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { base, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not become ready within 60 s');
}

interface Tenant {
  apiKey: string;
  /** Per customer: one confirmed order large enough for every receipt of the run. */
  orders: { customerId: string; orderId: string }[];
}

/** A finance user with an API key, on a tenant that lets finance confirm what it enters. */
async function prepareTenant(db: Kysely<DB>, tenantId: string, base: string): Promise<Tenant> {
  const userId = newId();
  await db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
  await db.insertInto('users').values({ tenant_id: tenantId, id: userId, login: 'bench-finance', display_name: 'Bench finance', role: 'finance', department_id: null, password_hash: null, disabled_at: null }).execute();
  const key = await db.transaction().execute((trx) => createApiKeyRow(trx, tenantId, { name: 'bench', permissions: ['customers.view', 'orders.view', 'orders.manage', 'receipts.view', 'receipts.create', 'receipts.confirm'], dataScope: 'all', createdBy: userId }));
  const customers = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).orderBy('code').execute();
  const orders: Tenant['orders'] = [];
  for (const [index, customer] of customers.entries()) {
    const order = await call(base, key.key, 'POST', '/api/v1/orders', {
      customerId: customer.id,
      title: `Bench contract ${index + 1}`,
      currency: 'CNY',
      signedDate: '2026-11-01',
      lines: [{ description: 'Annual licence', quantity: '1', unitPrice: '100000000.00' }],
    });
    await call(base, key.key, 'POST', `/api/v1/orders/${order.id as string}/confirm`, {});
    orders.push({ customerId: customer.id, orderId: order.id as string });
  }
  return { apiKey: key.key, orders };
}

/*
 * The client shares the 2 cores with the server and PostgreSQL, so its CPU per request counts against the
 * receipts: undici's Pool (keep-alive, one connection per client, no WHATWG streams) costs a fraction of
 * what Node's fetch does per request (docs/performance.md).
 */
let pool: Pool | undefined;

function connectionPool(base: string, connections: number): Pool {
  pool ??= new Pool(base, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  return pool;
}

async function call(base: string, apiKey: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  if (clientKind === 'fetch') return callFetch(base, apiKey, method, path, body);
  const response = await connectionPool(base, clientsMax).request({
    method,
    path,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode < 200 || response.statusCode > 299) throw new Error(`${method} ${path} → ${response.statusCode}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function callFetch(base: string, apiKey: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

function receiptTask(base: string, tenant: Tenant): (index: number) => Promise<void> {
  return async () => {
    const target = tenant.orders[Math.floor(Math.random() * tenant.orders.length)]!;
    const cents = 100 + Math.floor(Math.random() * 99_900);
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const receipt = await call(base, tenant.apiKey, 'POST', '/api/v1/receipts', {
      customerId: target.customerId,
      kind: 'order_payment',
      amount,
      currency: 'CNY',
      channel: 'bank_transfer',
      receivedDate,
      payerName: 'Bench payer',
      allocations: [{ orderId: target.orderId, amount }],
      confirm: true,
    });
    if (receipt.status !== 'confirmed') throw new Error(`receipt ${String(receipt.number)} is ${String(receipt.status)}, not confirmed`);
  };
}

interface Round {
  receiptsPerSecond: number;
  baselinePerSecond: number;
  ratio: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU per receipt (user + system, µs) of this process (the client), the server process and PostgreSQL's backends of this database. */
  cpuUs: { client: number; server: number; postgres: number };
}

/**
 * CPU time (user + system, ms) of some processes, from /proc (Linux; 0 elsewhere). The machine is shared and
 * noisy, so wall-clock rates swing with other people's work; CPU per receipt of each side does not.
 */
function procCpuMs(pids: Iterable<number>): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone, or not Linux
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** The backends serving the benchmark's database, and their CPU so far. */
async function backendCpu(db: Kysely<DB>): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db);
  return new Map(rows.map((r) => [r.pid, procCpuMs([r.pid])]));
}

/** Runs the receipts of a round and measures the CPU each side spent on them. */
async function measuredReceipts(db: Kysely<DB>, serverPid: number, run: () => ReturnType<typeof runWriters>) {
  const before = await backendCpu(db);
  const client0 = process.cpuUsage();
  const server0 = procCpuMs([serverPid]);
  const measured = await run();
  const client = process.cpuUsage(client0);
  const serverMs = procCpuMs([serverPid]) - server0;
  // A backend started during the run counts whole; one that ended during it is lost (rare: the pool keeps them).
  const after = await backendCpu(db);
  const postgresMs = [...after].reduce((sum, [pid, ms]) => sum + ms - (before.get(pid) ?? 0), 0);
  const per = (us: number) => us / measured.count;
  return { measured, cpuUs: { client: per(client.user + client.system), server: per(serverMs * 1000), postgres: per(postgresMs * 1000) } };
}

async function main(): Promise<void> {
  const options = parseOptions();
  clientsMax = options.clients;
  clientKind = options.client;
  const created = await freshServerDatabase(options.serverUrl);
  if ('unreachable' in created) {
    console.log(`PostgreSQL unreachable (${created.unreachable}): the receipts benchmark needs a server; skipped.`);
    return;
  }
  const bench: BenchDatabase = created;
  const fixture = await prepareFixture(bench.database.db, customersCount);
  const { base, child } = await startServer(bench.url!);
  const rounds: Round[] = [];
  try {
    console.log(`Receipts through HTTP: ${options.receipts} per round, ${options.clients} clients (${options.client}), ${options.repeat} rounds; ${bench.description}`);
    const tenant = await prepareTenant(bench.database.db, fixture.tenantId, base);
    const warmUp = Math.min(300, Math.ceil(options.receipts / 10));
    await runWriters(options.clients, warmUp, receiptTask(base, tenant));
    await runWriters(options.clients, warmUp, baselineTask(bench.database.db, fixture, 'spread', 'warm'));
    let recorded = warmUp;
    for (let round = 1; round <= options.repeat; round++) {
      // Alternate which goes first, so a machine getting busier or quieter does not favour one side.
      const runReceipts = () => measuredReceipts(bench.database.db, child.pid!, () => runWriters(options.clients, options.receipts, receiptTask(base, tenant)));
      const runBaseline = () => runWriters(options.clients, options.receipts, baselineTask(bench.database.db, fixture, 'spread', `r${round}`));
      let receipts, baseline;
      if (round % 2 === 1) {
        receipts = await runReceipts();
        baseline = await runBaseline();
      } else {
        baseline = await runBaseline();
        receipts = await runReceipts();
      }
      recorded += options.receipts;
      const latency = summarizeLatencies(receipts.measured.latenciesMs);
      rounds.push({ receiptsPerSecond: receipts.measured.perSecond, baselinePerSecond: baseline.perSecond, ratio: receipts.measured.perSecond / baseline.perSecond, p50Ms: latency.p50Ms, p99Ms: latency.p99Ms, cpuUs: receipts.cpuUs });
      const r = rounds.at(-1)!;
      const cpu = `CPU per receipt: client ${r.cpuUs.client.toFixed(0)} µs, server ${r.cpuUs.server.toFixed(0)} µs, PostgreSQL ${r.cpuUs.postgres.toFixed(0)} µs`;
      console.log(`  round ${round}: ${r.receiptsPerSecond.toFixed(0)} receipts/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms), baseline ${r.baselinePerSecond.toFixed(0)}/s, ratio ${r.ratio.toFixed(2)}; ${cpu}; load average ${loadavg()[0]!.toFixed(1)}`);
    }
    await checkAfter(bench.database.db, fixture.tenantId, recorded);
  } finally {
    await pool?.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await bench.dispose();
  }
  report(options, rounds);
}

/** Every receipt confirmed and allocated, and the ledger and sub-ledgers consistent. */
async function checkAfter(db: Kysely<DB>, tenantId: string, expected: number): Promise<void> {
  const counted = await db.selectFrom('receipts').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
  if (Number(counted.n) !== expected) throw new Error(`${counted.n} confirmed receipts after the run, expected ${expected}`);
  // Receipts written by one transaction share its xmin: how many a batch held on average (group commit).
  const { rows } = await sql<{ n: number }>`SELECT count(DISTINCT xmin::text)::int AS n FROM receipts WHERE tenant_id = ${tenantId}`.execute(db);
  console.log(`  ${expected} receipts written by ${rows[0]!.n} transactions: ${(expected / rows[0]!.n).toFixed(1)} receipts per transaction`);
  const verified = await verifyLedger(db, { tenantId });
  const broken = verified.checks.find((c) => c.problems.length > 0);
  if (broken) throw new Error(`verify failed after the run: ${broken.name}: ${broken.problems[0]}`);
}

function report(options: Options, rounds: Round[]): void {
  const pick = (f: (r: Round) => number) => median(rounds.map(f));
  const ratio = pick((r) => r.ratio);
  const p99 = pick((r) => r.p99Ms);
  const pass = ratio >= targetRatioMin && p99 <= targetP99MsMax;
  console.log('');
  console.log('| backend | clients | receipts/s | p50 ms | p99 ms | baseline/s | ratio | CPU µs/receipt: client / server / PostgreSQL | target |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  const cpu = [pick((r) => r.cpuUs.client), pick((r) => r.cpuUs.server), pick((r) => r.cpuUs.postgres)].map((us) => us.toFixed(0)).join(' / ');
  console.log(`| PostgreSQL | ${options.clients} | ${pick((r) => r.receiptsPerSecond).toFixed(0)} | ${pick((r) => r.p50Ms).toFixed(1)} | ${p99.toFixed(1)} | ${pick((r) => r.baselinePerSecond).toFixed(0)} | ${ratio.toFixed(2)} | ${cpu} | ratio ≥ ${targetRatioMin}, p99 ≤ ${targetP99MsMax} ms: ${pass ? 'PASS' : 'FAIL'} |`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify({ when: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryBytes: totalmem(), node: process.version }, options, rounds }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

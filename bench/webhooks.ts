/**
 * Gateway webhook intake end to end (issue 6): signed notifications POSTed by concurrent clients to the real
 * server (its own process, on a fresh PostgreSQL database) — generic-HMAC events and a share of Stripe events
 * signed as the stripe SDK signs them. Reports verified events accepted per second (request → verified → stored
 * → answered 200) and the processing lag: from the last accepted delivery until every event's receipt exists.
 * Usage and reading: docs/performance.md, "Gateway webhooks".
 *
 *   node --import tsx bench/webhooks.ts [--events N] [--clients N] [--stripe-share 0..1] [--repeat N] [--out FILE]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import Stripe from 'stripe';
import { Pool } from 'undici';
import { signGeneric } from '../src/adapters/gateways/index.js';
import { systemActor } from '../src/app/actor.js';
import { createIntegration } from '../src/app/gateways/integrations.js';
import type { DB } from '../src/app/schema.js';
import { verifyLedger } from '../src/app/verify.js';
import { startServer } from '../test/e2e/server-process.js';
import { defaultServerUrl, freshServerDatabase, type BenchDatabase } from './backends.js';
import { median, summarizeLatencies } from './stats.js';
import { prepareFixture } from './workload.js';

/** Issue 6: verified webhook events accepted end to end on PostgreSQL, per second, at least this. */
const targetEventsPerSecondMin = 500;
const customersCount = 300;
/** How long the processing of one round may take before the benchmark gives up on it. */
const processingTimeoutMs = 600_000;

interface Options {
  events: number;
  clients: number;
  stripeShare: number;
  repeat: number;
  out: string;
  serverUrl: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '4000' },
      clients: { type: 'string', default: '32' },
      'stripe-share': { type: 'string', default: '0.2' },
      repeat: { type: 'string', default: '3' },
      out: { type: 'string', default: 'bench/results/webhooks.json' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('node --import tsx bench/webhooks.ts [--events N] [--clients N] [--stripe-share 0..1] [--repeat N] [--out FILE]');
    console.log(`PostgreSQL server: KX_BENCH_DATABASE_URL (default ${defaultServerUrl}).`);
    process.exit(0);
  }
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${JSON.stringify(text)}`);
    return n;
  };
  const share = Number(values['stripe-share']);
  if (!(share >= 0 && share <= 1)) throw new Error('--stripe-share must be between 0 and 1');
  return {
    events: positive('events', values.events), clients: positive('clients', values.clients), stripeShare: share,
    repeat: positive('repeat', values.repeat), out: resolve(values.out), serverUrl: process.env.KX_BENCH_DATABASE_URL ?? defaultServerUrl,
  };
}

interface Delivery {
  path: string;
  body: string;
  headers: Record<string, string>;
}

interface Integrations {
  generic: { path: string; secret: string };
  stripe: { path: string; secret: string } | null;
}

const stripeFixture = resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/extdata/stripe/payment_intent.succeeded.json');

/**
 * The round's deliveries, signed before the clock starts (signing is the sender's cost, not ours). Stripe events
 * are the real payment_intent.succeeded fixture with fresh ids when ../shared/extdata is there.
 */
function deliveries(options: Options, integrations: Integrations, round: string, customerCodes: string[]): Delivery[] {
  const stripe = new Stripe('sk_test_unused');
  const template = integrations.stripe && existsSync(stripeFixture) ? readFileSync(stripeFixture, 'utf8') : null;
  const nowSeconds = Math.floor(Date.now() / 1000);
  return Array.from({ length: options.events }, (_, i): Delivery => {
    const code = customerCodes[i % customerCodes.length]!;
    const cents = 100 + Math.floor(Math.random() * 99_900);
    if (template && integrations.stripe && i % Math.round(1 / options.stripeShare) === 0) {
      const event = JSON.parse(template) as { id: string; data: { object: Record<string, unknown> } };
      event.id = `evt_${round}_${i}`;
      Object.assign(event.data.object, { id: `pi_${round}_${i}`, amount: cents, amount_received: cents, currency: 'cny', metadata: { customer_code: code } });
      const body = JSON.stringify(event);
      return { path: integrations.stripe.path, body, headers: { 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: body, secret: integrations.stripe.secret }) } };
    }
    const body = JSON.stringify({
      id: `evt_${round}_${i}`, type: 'payment.succeeded', occurredAt: new Date().toISOString(), currency: 'CNY',
      amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, paymentRef: `pay_${round}_${i}`, hints: { customerCode: code },
    });
    return { path: integrations.generic.path, body, headers: { 'kx-signature': signGeneric(integrations.generic.secret, body, nowSeconds) } };
  });
}

interface Round {
  acceptedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  processingLagMs: number;
  processedPerSecond: number;
}

async function runRound(pool: Pool, list: Delivery[], clients: number): Promise<{ elapsedMs: number; latenciesMs: number[] }> {
  let next = 0;
  const latenciesMs = new Array<number>(list.length);
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < list.length; i = next++) {
      const d = list[i]!;
      const t0 = performance.now();
      const response = await pool.request({ method: 'POST', path: d.path, body: d.body, headers: { 'content-type': 'application/json', ...d.headers } });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`delivery ${i} → ${response.statusCode}: ${text}`);
      latenciesMs[i] = performance.now() - t0;
    }
  }));
  return { elapsedMs: performance.now() - startedAt, latenciesMs };
}

/** Waits until every event of the tenant is processed; the time it took after the last delivery was answered. */
async function waitProcessed(db: Kysely<DB>, tenantId: string, expected: number): Promise<number> {
  const startedAt = performance.now();
  for (;;) {
    const { rows } = await sql<{ done: string; open: string }>`
      SELECT count(*) FILTER (WHERE status = 'processed') AS done, count(*) FILTER (WHERE status NOT IN ('processed')) AS open
        FROM gateway_events WHERE tenant_id = ${tenantId}`.execute(db);
    const done = Number(rows[0]!.done);
    if (done >= expected) return performance.now() - startedAt;
    if (performance.now() - startedAt > processingTimeoutMs) throw new Error(`only ${done} of ${expected} events processed after ${processingTimeoutMs} ms (${rows[0]!.open} not)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  const created = await freshServerDatabase(options.serverUrl);
  if ('unreachable' in created) {
    console.log(`PostgreSQL unreachable (${created.unreachable}): the webhook benchmark needs a server; skipped.`);
    return;
  }
  const bench: BenchDatabase = created;
  const db = bench.database.db;
  const fixture = await prepareFixture(db, customersCount);
  // Gateway receipts are confirmed as they are entered where the tenant allows it (one transaction, not two).
  await db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', fixture.tenantId).execute();
  const secretKey = randomBytes(32);
  const admin = systemActor(fixture.tenantId, 'bench');
  const generic = await createIntegration(db, admin, secretKey, { provider: 'generic', name: 'bench generic' });
  const stripeSecret = `whsec_${randomBytes(24).toString('base64url')}`;
  const stripe = options.stripeShare > 0 ? await createIntegration(db, admin, secretKey, { provider: 'stripe', name: 'bench stripe', secrets: { webhookSecret: stripeSecret } }) : null;
  const integrations: Integrations = {
    generic: { path: generic.integration.webhookPath, secret: generic.generatedSecret! },
    stripe: stripe ? { path: stripe.integration.webhookPath, secret: stripeSecret } : null,
  };
  const codes = (await db.selectFrom('customers').select('code').where('tenant_id', '=', fixture.tenantId).execute()).map((c) => c.code);
  // The real server (`npm start`'s entry point) as its own process, with the key the integrations are encrypted under.
  const server = await startServer({
    DATABASE_URL: bench.url!, KX_RATE_LIMIT_PER_MINUTE: '10000000', KX_ADMIN_PASSWORD: `bench-${randomUUID()}`, KX_SECRET_KEY: secretKey.toString('base64'),
  });
  const base = server.baseUrl;
  const pool = new Pool(base, { connections: options.clients, pipelining: 1 });
  const rounds: Round[] = [];
  let total = 0;
  try {
    console.log(`Gateway webhooks through HTTP: ${options.events} events per round (${Math.round(options.stripeShare * 100)} % Stripe), ${options.clients} clients, ${options.repeat} rounds; ${bench.description}`);
    const warm = deliveries({ ...options, events: Math.min(300, options.events) }, integrations, 'warm', codes);
    await runRound(pool, warm, options.clients);
    total += warm.length;
    await waitProcessed(db, fixture.tenantId, total);
    for (let round = 1; round <= options.repeat; round++) {
      const list = deliveries(options, integrations, `r${round}`, codes);
      const accepted = await runRound(pool, list, options.clients);
      total += list.length;
      const lagMs = await waitProcessed(db, fixture.tenantId, total);
      const latency = summarizeLatencies(accepted.latenciesMs);
      rounds.push({
        acceptedPerSecond: (list.length * 1000) / accepted.elapsedMs, p50Ms: latency.p50Ms, p99Ms: latency.p99Ms,
        processingLagMs: lagMs, processedPerSecond: (list.length * 1000) / (accepted.elapsedMs + lagMs),
      });
      const r = rounds.at(-1)!;
      console.log(`  round ${round}: ${r.acceptedPerSecond.toFixed(0)} verified events/s accepted (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms); every receipt ${(r.processingLagMs / 1000).toFixed(1)} s after the last delivery (${r.processedPerSecond.toFixed(0)} events/s to receipts)`);
    }
    await checkAfter(db, fixture.tenantId, total);
  } finally {
    await pool.close();
    await server.stop();
    await bench.dispose();
  }
  report(options, rounds);
}

/** One confirmed gateway receipt per event, and the ledger and sub-ledgers consistent. */
async function checkAfter(db: Kysely<DB>, tenantId: string, expected: number): Promise<void> {
  const counted = await db.selectFrom('receipts').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).where('status', '=', 'confirmed').where('source', '=', 'gateway').executeTakeFirstOrThrow();
  if (Number(counted.n) !== expected) throw new Error(`${counted.n} confirmed gateway receipts after the run, expected ${expected}`);
  const verified = await verifyLedger(db, { tenantId });
  const broken = verified.checks.find((c) => c.problems.length > 0);
  if (broken) throw new Error(`verify failed after the run: ${broken.name}: ${broken.problems[0]}`);
}

function report(options: Options, rounds: Round[]): void {
  const pick = (f: (r: Round) => number) => median(rounds.map(f));
  const accepted = pick((r) => r.acceptedPerSecond);
  console.log('');
  console.log('| backend | clients | Stripe share | verified events/s accepted | p50 ms | p99 ms | processing lag s | events/s to receipts | target |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  console.log(`| PostgreSQL | ${options.clients} | ${Math.round(options.stripeShare * 100)} % | ${accepted.toFixed(0)} | ${pick((r) => r.p50Ms).toFixed(1)} | ${pick((r) => r.p99Ms).toFixed(1)} | ${(pick((r) => r.processingLagMs) / 1000).toFixed(1)} | ${pick((r) => r.processedPerSecond).toFixed(0)} | ≥ ${targetEventsPerSecondMin}/s accepted: ${accepted >= targetEventsPerSecondMin ? 'PASS' : 'FAIL'} |`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify({ when: new Date().toISOString(), machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryBytes: totalmem(), node: process.version }, options, rounds }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from '../browser/harness.js';
import { startServer, type RunningServer } from './server-process.js';

/**
 * Live updates across server processes: two `npm start` processes share one PostgreSQL database, a receipt is
 * recorded through the first, and a stream opened on the second hears of it within 2 s — each process tails the
 * shared outbox itself, so it does not matter which process wrote the change or which one holds the stream.
 * The embedded database allows one process per data directory, so this runs against the PostgreSQL server only.
 */
const serverUrl = process.env.KX_TEST_DATABASE_URL;
const password = 'Live-two-processes-2026!';
const name = `kx_e2e_live_${randomUUID().replaceAll('-', '')}`;
let admin: pg.Client | undefined;
const servers: RunningServer[] = [];

if (!serverUrl) console.warn('test/e2e/live-processes: skipped — it needs KX_TEST_DATABASE_URL (two processes cannot share one embedded database)');

beforeAll(async () => {
  if (!serverUrl) return;
  admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const env = { DATABASE_URL: url.toString(), KX_ADMIN_PASSWORD: password, KX_RATE_LIMIT_PER_MINUTE: '100000' };
  // One after the other: the first applies the migrations and creates the tenant.
  servers.push(await startServer(env));
  servers.push(await startServer(env));
}, 240_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGTERM')));
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

interface Change { type: string; aggregateType: string; aggregateId: string; customerId: string | null }

/** Reads `event: change` messages of a text/event-stream until one satisfies `wanted` or the time is up. */
async function waitForChange(response: Response, wanted: (c: Change) => boolean, timeoutMs: number): Promise<Change> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const deadline = setTimeout(() => void reader.cancel(), timeoutMs);
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`no matching change within ${timeoutMs} ms; the stream said:\n${buffer}`);
      buffer += value;
      for (const block of buffer.split('\n\n').slice(0, -1)) {
        if (!/^event: change$/m.test(block)) continue;
        const change = JSON.parse(/^data: (.*)$/m.exec(block)![1]!) as Change;
        if (wanted(change)) return change;
      }
    }
  } finally {
    clearTimeout(deadline);
  }
}

describe.skipIf(!serverUrl)('live updates with two server processes on one PostgreSQL', () => {
  it('a receipt recorded through one process reaches a stream held by the other within 2 s', async () => {
    const [a, b] = servers.map((s) => s.baseUrl.replace('://[::1]', '://127.0.0.1').replace('://0.0.0.0', '://127.0.0.1'));
    const viaA = await ApiSession.signIn(a!, 'default', 'admin', password);
    const viaB = await ApiSession.signIn(b!, 'default', 'admin', password);
    const customer = await viaA.post<{ id: string }>('/customers', { code: 'LIVE-2P', name: '双进程实时公司' });

    // The stream on B, with B's own session (sessions live in the shared database either way).
    const stream = await fetch(`${b}/api/v1/live`, { headers: { cookie: viaB.cookie, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    // Give B's tail a moment to take its starting position before the write it must hear of.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const receipt = await viaA.post<{ id: string }>('/receipts', { customerId: customer.id, kind: 'prepayment', amount: '2345.67', currency: 'CNY', channel: 'bank_transfer', receivedDate: new Date().toISOString().slice(0, 10) });
    const started = Date.now();
    const change = await waitForChange(stream, (c) => c.aggregateType === 'receipt' && c.aggregateId === receipt.id, 2_000);
    expect(change.customerId).toBe(customer.id);
    expect(Date.now() - started).toBeLessThan(2_000);
  }, 120_000);
});

import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/ids.js';
import { limits } from '../src/core/limits.js';
import { createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * Live updates over a real socket: a server-sent event stream per signed-in user, fed from the outbox. A receipt
 * written by any path reaches the streams that may see it within the poll interval, and only those: sales see
 * their own customers' changes, finance sees all, another tenant sees nothing.
 */
let t: TestApp;
let base: string;
let tenantId: string;
let otherTenant: string;
let finance: TestSession;
let salesA: TestSession;
let salesB: TestSession;
let stranger: TestSession;
let customerOfA: string;
let customerOfB: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  tenantId = await newTenant(t.db, 'live');
  otherTenant = await newTenant(t.db, 'live-other');
  finance = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
  const a = await createUser(t.db, tenantId, { login: 'sales-a', role: 'sales' });
  const b = await createUser(t.db, tenantId, { login: 'sales-b', role: 'sales' });
  salesA = await sessionFor(t.db, tenantId, a);
  salesB = await sessionFor(t.db, tenantId, b);
  stranger = await sessionFor(t.db, otherTenant, await createUser(t.db, otherTenant, { login: 'fin', role: 'finance' }));
  customerOfA = newId();
  customerOfB = newId();
  await t.db.insertInto('customers').values([
    { tenant_id: tenantId, id: customerOfA, code: 'LA', name: '甲公司', owner_id: a, department_id: null },
    { tenant_id: tenantId, id: customerOfB, code: 'LB', name: '乙公司', owner_id: b, department_id: null },
  ]).execute();
});
afterAll(async () => t?.close());

interface Change { type: string; aggregateType: string; aggregateId: string; customerId: string | null }

/** An open stream: the changes received so far, and a way to wait for one. */
class Stream {
  readonly changes: Change[] = [];
  status = 0;
  #response: IncomingMessage | null = null;
  #waiters: (() => void)[] = [];
  readonly ready: Promise<void>;

  constructor(session: TestSession) {
    this.ready = new Promise((resolve, reject) => {
      const req = httpRequest(`${base}/api/v1/live`, { headers: { cookie: session.cookie, accept: 'text/event-stream' } }, (res) => {
        this.#response = res;
        this.status = res.statusCode ?? 0;
        if (this.status !== 200) { res.resume(); resolve(); return; }
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event === 'ready') resolve();
            if (event === 'change' && data) {
              this.changes.push(JSON.parse(data) as Change);
              this.#waiters.splice(0).forEach((w) => w());
            }
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  async waitFor(predicate: (c: Change) => boolean, timeoutMs = 2_000): Promise<Change> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.changes.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching change within ${timeoutMs} ms; got ${JSON.stringify(this.changes)}`);
      await new Promise<void>((resolve) => { const timer = setTimeout(resolve, left); this.#waiters.push(() => { clearTimeout(timer); resolve(); }); });
    }
  }

  close(): void {
    this.#response?.destroy();
  }
}

describe('live updates (server-sent events)', () => {
  it('a receipt reaches finance and its owner within 2 s, not the other salesperson nor another tenant', async () => {
    const streams = { finance: new Stream(finance), a: new Stream(salesA), b: new Stream(salesB), stranger: new Stream(stranger) };
    await Promise.all(Object.values(streams).map((s) => s.ready));
    try {
      const started = Date.now();
      const receipt = await seedConfirmedReceipt(t.db, tenantId, { customerId: customerOfA, amount: '800.00' });
      const seen = await streams.finance.waitFor((c) => c.aggregateId === receipt.receiptId && c.type === 'receipt.confirmed');
      expect(seen).toMatchObject({ aggregateType: 'receipt', customerId: customerOfA });
      await streams.a.waitFor((c) => c.aggregateId === receipt.receiptId);
      expect(Date.now() - started).toBeLessThan(2_000);
      // B's own customer pays next: once B hears of that, B has been told everything B will ever be told about A's.
      const other = await seedConfirmedReceipt(t.db, tenantId, { customerId: customerOfB, amount: '5.00' });
      await streams.b.waitFor((c) => c.aggregateId === other.receiptId);
      expect(streams.b.changes.map((c) => c.customerId)).not.toContain(customerOfA);
      await streams.finance.waitFor((c) => c.aggregateId === other.receiptId);
      expect(streams.a.changes.map((c) => c.customerId)).not.toContain(customerOfB);
      expect(streams.stranger.changes).toEqual([]);
      // The change names what changed, never the money: the page refetches through the scoped API.
      expect(Object.keys(seen).sort()).toEqual(['aggregateId', 'aggregateType', 'customerId', 'id', 'occurredAt', 'type']);
    } finally {
      Object.values(streams).forEach((s) => s.close());
    }
  });

  it('refuses a stream without a session (401) and more than the per-user limit (429 too_many_streams)', async () => {
    const anonymous = await fetch(`${base}/api/v1/live`);
    expect(anonymous.status).toBe(401);
    const streams = Array.from({ length: limits.liveStreamsPerUserMax }, () => new Stream(finance));
    await Promise.all(streams.map((s) => s.ready));
    try {
      const extra = await fetch(`${base}/api/v1/live`, { headers: { cookie: finance.cookie } });
      expect(extra.status).toBe(429);
      expect((await extra.json()) as { code: string }).toMatchObject({ code: 'too_many_streams' });
    } finally {
      streams.forEach((s) => s.close());
    }
  });
});

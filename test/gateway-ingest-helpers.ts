import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { signGeneric } from '../src/adapters/gateways/index.js';
import { newId } from '../src/app/ids.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/** A test app with gateway intake (a fixed secrets key, an optional clock), a tenant, an admin and a finance user. */
export interface GatewayWorld {
  t: TestApp;
  tenantId: string;
  admin: TestSession;
  finance: TestSession;
  secretKey: Buffer;
}

export async function gatewayWorld(slug: string, options: { nowMs?: () => number } = {}): Promise<GatewayWorld> {
  const secretKey = randomBytes(32);
  const t = await startTestApp({ gateways: { secretKey, ...(options.nowMs ? { nowMs: options.nowMs } : {}), worker: { pollMs: 200 } } });
  const tenantId = await newTenant(t.db, slug);
  const admin = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'admin', role: 'admin' }));
  const finance = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
  return { t, tenantId, admin, finance, secretKey };
}

export async function addCustomer(w: GatewayWorld, code: string, name = code): Promise<string> {
  const id = newId();
  await w.t.db.insertInto('customers').values({ tenant_id: w.tenantId, id, code, name, owner_id: null, department_id: null }).execute();
  return id;
}

export async function api(w: GatewayWorld, who: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, key: string | null = newId()) {
  return w.t.app.inject(as(who, { method, url, ...(payload ? { payload } : {}), headers: key === null ? {} : { 'idempotency-key': key } }));
}

export async function createIntegration(w: GatewayWorld, body: object): Promise<{ id: string; webhookPath: string; generatedSecret?: string; secretsSet: string[] }> {
  const res = await api(w, w.admin, 'POST', '/api/v1/integrations', body, null);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Posts raw bytes to a webhook path, as a provider would: no session, the provider's own headers. */
export async function deliver(w: GatewayWorld, path: string, body: string | Buffer, headers: Record<string, string>) {
  return w.t.app.inject({ method: 'POST', url: path, payload: body, headers: { 'content-type': 'application/json', ...headers } });
}

/** A generic-HMAC event body and its signature header, signed now (or at `atSeconds`). */
export function genericDelivery(secret: string, event: Record<string, unknown>, atSeconds = Math.floor(Date.now() / 1000)): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ occurredAt: '2026-11-20T08:00:00+08:00', currency: 'CNY', ...event });
  return { body, headers: { 'kx-signature': signGeneric(secret, body, atSeconds) } };
}

/** Waits until the worker has nothing due (events retried later are not waited for). */
export async function settled(w: GatewayWorld, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const due = await w.t.db.selectFrom('gateway_events').select('id').where('tenant_id', '=', w.tenantId).where('status', '=', 'received').where('next_attempt_at', '<=', new Date()).executeTakeFirst();
    if (!due) return;
    if (Date.now() - start > timeoutMs) throw new Error('gateway events still unprocessed');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for one event (by provider event id) to reach a status. */
export async function eventReaches(w: GatewayWorld, eventId: string, status: string, timeoutMs = 15_000) {
  const start = Date.now();
  for (;;) {
    const row = await w.t.db.selectFrom('gateway_events').selectAll().where('tenant_id', '=', w.tenantId).where('event_id', '=', eventId).where('status', '<>', 'conflict').executeTakeFirst();
    if (row?.status === status) return row;
    if (Date.now() - start > timeoutMs) throw new Error(`event ${eventId} is ${row?.status ?? 'absent'}, not ${status}; error ${JSON.stringify(row?.last_error)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { buildApp } from '../src/adapters/http/app.js';
import { createTestDatabase } from './helpers/db.js';
import { createUser, newTenant } from './helpers/http.js';

/** Behind a TLS-terminating proxy (KX_TRUST_PROXY=1) the session cookie must carry Secure; on plain http it must not. */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  const tenantId = await newTenant(database.db, 'proxied');
  await createUser(database.db, tenantId, { login: 'li.na', role: 'finance', password: 'Lotus-pond-2026' });
});
afterAll(async () => database?.close());

async function signInCookie(trustProxy: string | false, headers: Record<string, string>) {
  const app = buildApp({ database, trustProxy, rateLimitPerMinute: 1_000 });
  try {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers, payload: { tenant: 'proxied', login: 'li.na', password: 'Lotus-pond-2026' } });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers['set-cookie']);
  } finally {
    await app.close();
  }
}

describe('session cookie behind a proxy', () => {
  it.each([
    ['trusted proxy says https', '127.0.0.1', { 'x-forwarded-proto': 'https' }, true],
    ['plain http', false, {}, false],
    ['untrusted X-Forwarded-Proto is ignored', false, { 'x-forwarded-proto': 'https' }, false],
    ['a proxy elsewhere is not trusted', '10.0.0.0/8', { 'x-forwarded-proto': 'https' }, false],
  ] as const)('%s → Secure %s', async (_name, trustProxy, headers, secure) => {
    const cookie = await signInCookie(trustProxy, headers);
    expect(cookie).toContain('kx_session=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(/;\s*Secure/i.test(cookie)).toBe(secure);
  });
});

describe('client address behind a trusted proxy', () => {
  it('is the address the proxy saw, not one the client wrote into X-Forwarded-For', async () => {
    await signInCookie('127.0.0.1', { 'x-forwarded-for': '203.0.113.7, 198.51.100.23' });
    const last = await database.db.selectFrom('audit_log').select(['ip', 'action']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(last.action).toBe('auth.signed_in');
    expect(last.ip).toBe('198.51.100.23');
  });
});

import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfHeader, sessionCookie } from '../src/adapters/http/context.js';
import { createApiKey } from '../src/app/auth/api-keys.js';
import { formatApiKey, formatSessionToken, newSecret } from '../src/app/auth/secrets.js';
import { userActor } from '../src/app/auth/sessions.js';
import { newId } from '../src/app/ids.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

let t: TestApp;
let acme: string;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  acme = await newTenant(t.db, 'acme');
  admin = await createUser(t.db, acme, { login: 'admin', role: 'admin' });
});
afterAll(async () => t?.close());

const me = (session: TestSession | null, headers: Record<string, string> = {}) => t.app.inject(as(session, { method: 'GET', url: '/api/v1/auth/me', headers }));
const sessionId = (s: TestSession) => s.token.split('.')[1]!;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function keyFor(userId: string, permissions: string[] = ['api_keys.manage', 'customers.view']) {
  const creator = await userActor(t.db, acme, userId, { ip: null, userAgent: null });
  return (await createApiKey(t.db, creator, { name: `key-${newId()}`, permissions, dataScope: 'all' })).key;
}

function expectProblem(res: Awaited<ReturnType<typeof me>>, status: number, code: string) {
  expect({ status: res.statusCode, type: res.headers['content-type'], code: res.json().code }).toEqual({ status, type: 'application/problem+json; charset=utf-8', code });
}

describe('expiry', () => {
  it('ends a session idle longer than the default 30 minutes (401 session_expired), and deletes it', async () => {
    const session = await sessionFor(t.db, acme, admin);
    expect((await me(session)).statusCode).toBe(200);
    await t.db.updateTable('sessions').set({ last_seen_at: minutesAgo(31) }).where('id', '=', sessionId(session)).execute();
    expectProblem(await me(session), 401, 'session_expired');
    expect(await t.db.selectFrom('sessions').select('id').where('id', '=', sessionId(session)).execute()).toEqual([]);
    expectProblem(await me(session), 401, 'unauthenticated');
  });

  it("follows the tenant's own idle time (tenants.session_idle_minutes)", async () => {
    await t.db.updateTable('tenants').set({ session_idle_minutes: 5 }).where('id', '=', acme).execute();
    try {
      const cases = [
        { idleMinutes: 4, status: 200 },
        { idleMinutes: 6, status: 401 },
      ];
      for (const { idleMinutes, status } of cases) {
        const session = await sessionFor(t.db, acme, admin);
        await t.db.updateTable('sessions').set({ last_seen_at: minutesAgo(idleMinutes) }).where('id', '=', sessionId(session)).execute();
        expect({ idleMinutes, status: (await me(session)).statusCode }).toEqual({ idleMinutes, status });
      }
    } finally {
      await t.db.updateTable('tenants').set({ session_idle_minutes: 30 }).where('id', '=', acme).execute();
    }
  });

  it('keeps an active session alive: a request moves its last-seen time', async () => {
    const session = await sessionFor(t.db, acme, admin);
    await t.db.updateTable('sessions').set({ last_seen_at: minutesAgo(25) }).where('id', '=', sessionId(session)).execute();
    expect((await me(session)).statusCode).toBe(200);
    const row = await t.db.selectFrom('sessions').select('last_seen_at').where('id', '=', sessionId(session)).executeTakeFirstOrThrow();
    expect(Date.now() - row.last_seen_at.getTime()).toBeLessThan(60_000);
  });

  it('ends a session past its absolute expiry however active it is (401 session_expired)', async () => {
    const session = await sessionFor(t.db, acme, admin);
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1_000), last_seen_at: new Date() }).where('id', '=', sessionId(session)).execute();
    expectProblem(await me(session), 401, 'session_expired');
  });

  it("shortens existing sessions when the tenant lowers its absolute session time, not only new ones", async () => {
    const older = await sessionFor(t.db, acme, admin);
    const younger = await sessionFor(t.db, acme, admin);
    const createdAt = { older: minutesAgo(90), younger: minutesAgo(30) };
    await t.db.updateTable('sessions').set({ created_at: createdAt.older }).where('id', '=', sessionId(older)).execute();
    await t.db.updateTable('sessions').set({ created_at: createdAt.younger }).where('id', '=', sessionId(younger)).execute();
    expect((await me(older)).statusCode).toBe(200); // made under the default 12 hours
    const { session_absolute_minutes: original } = await t.db.selectFrom('tenants').select('session_absolute_minutes').where('id', '=', acme).executeTakeFirstOrThrow();
    await t.db.updateTable('tenants').set({ session_absolute_minutes: 60 }).where('id', '=', acme).execute();
    try {
      expectProblem(await me(older), 401, 'session_expired');
      expect(await t.db.selectFrom('sessions').select('id').where('id', '=', sessionId(older)).execute()).toEqual([]);
      const alive = await me(younger);
      expect(alive.statusCode).toBe(200);
      // The expiry reported is the one that now applies: created + 60 minutes, not the stored 12 hours.
      expect(alive.json().expiresAt).toBe(new Date(createdAt.younger.getTime() + 60 * 60_000).toISOString());
    } finally {
      await t.db.updateTable('tenants').set({ session_absolute_minutes: original }).where('id', '=', acme).execute();
    }
  });
});

describe('disabled users', () => {
  it('are refused on their next request, with a session or with a key they created', async () => {
    const user = await createUser(t.db, acme, { login: 'leaver', role: 'admin' });
    const session = await sessionFor(t.db, acme, user);
    const key = await keyFor(user);
    expect((await me(session)).statusCode).toBe(200);
    expect((await me(null, { authorization: `Bearer ${key}` })).statusCode).toBe(200);

    await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', user).execute();
    expectProblem(await me(session), 401, 'unauthenticated');
    expectProblem(await me(null, { authorization: `Bearer ${key}` }), 401, 'unauthenticated');
  });

  it('cannot lose the creator of a key: a user with keys cannot be deleted (so such a key never outlives its creator)', async () => {
    const user = await createUser(t.db, acme, { login: 'keyholder', role: 'admin' });
    await keyFor(user);
    const error = await t.db.deleteFrom('users').where('id', '=', user).execute().catch((e: { code?: string }) => e);
    expect((error as { code?: string }).code).toBe('23503');
  });
});

describe('CSRF', () => {
  let session: TestSession;
  let otherSession: TestSession;
  const createKey = (headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload: { name: 'csrf probe', permissions: ['customers.view'], dataScope: 'all' } as InjectOptions['payload'] });

  beforeAll(async () => {
    session = await sessionFor(t.db, acme, admin);
    otherSession = await sessionFor(t.db, acme, admin);
  });

  it.each([
    { name: 'no token', token: undefined },
    { name: 'a wrong token', token: 'x'.repeat(43) },
    { name: 'an empty token', token: '' },
    { name: "another session's token (same user)", token: 'other' },
  ])('refuses a state change with $name (403 csrf_failed) and changes nothing', async ({ token }) => {
    const before = await t.db.selectFrom('api_keys').select('id').execute();
    const headers: Record<string, string> = { cookie: session.cookie };
    if (token !== undefined) headers[csrfHeader] = token === 'other' ? otherSession.csrf : token;
    expectProblem(await createKey(headers), 403, 'csrf_failed');
    expect(await t.db.selectFrom('api_keys').select('id').execute()).toEqual(before);
  });

  it("accepts the session's own token", async () => {
    expect((await createKey({ cookie: session.cookie, [csrfHeader]: session.csrf })).statusCode).toBe(201);
  });

  it('needs no token to read', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: { cookie: session.cookie } })).statusCode).toBe(200);
  });

  it('needs no token with an API key (no cookie, so no cross-site forgery)', async () => {
    const key = await keyFor(admin);
    const victim = (await keyFor(admin)).split('_')[2]!;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/api-keys/${victim}/revoke`, headers: { authorization: `Bearer ${key}` } });
    expect(res.statusCode).toBe(200);
  });
});

describe('credentials that are not', () => {
  const tenantPart = () => acme;
  const cases: { name: string; headers: () => Promise<Record<string, string>> }[] = [
    { name: 'nothing at all', headers: async () => ({}) },
    { name: 'a garbage cookie', headers: async () => ({ cookie: `${sessionCookie}=garbage` }) },
    { name: 'an empty cookie', headers: async () => ({ cookie: `${sessionCookie}=` }) },
    { name: 'a well-formed cookie of no session', headers: async () => ({ cookie: `${sessionCookie}=${formatSessionToken(tenantPart(), newId(), newSecret())}` }) },
    {
      name: 'a real session id with a forged secret',
      headers: async () => {
        const real = await sessionFor(t.db, acme, admin);
        return { cookie: `${sessionCookie}=${formatSessionToken(acme, sessionId(real), newSecret())}` };
      },
    },
    { name: 'a garbage bearer', headers: async () => ({ authorization: 'Bearer garbage' }) },
    { name: 'an empty bearer', headers: async () => ({ authorization: 'Bearer ' }) },
    { name: 'another scheme', headers: async () => ({ authorization: 'Basic YWRtaW46YWRtaW4=' }) },
    { name: 'a well-formed key that does not exist', headers: async () => ({ authorization: `Bearer ${formatApiKey(acme, newId(), newSecret())}` }) },
    {
      name: 'a real key id with a forged secret',
      headers: async () => {
        const id = (await keyFor(admin)).split('_')[2]!;
        return { authorization: `Bearer ${formatApiKey(acme, id, newSecret())}` };
      },
    },
    {
      name: 'a revoked key',
      headers: async () => {
        const key = await keyFor(admin);
        await t.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', key.split('_')[2]!).execute();
        return { authorization: `Bearer ${key}` };
      },
    },
    {
      name: 'a bad bearer next to a good cookie (the bearer decides)',
      headers: async () => ({ authorization: 'Bearer garbage', cookie: (await sessionFor(t.db, acme, admin)).cookie }),
    },
  ];

  it.each(cases)('$name → 401 problem+json', async ({ headers }) => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: await headers() });
    expectProblem(res, 401, 'unauthenticated');
    expect(res.body).not.toMatch(/stack|at .*\.ts/);
  });
});

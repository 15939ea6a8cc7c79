import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../src/adapters/http/context.js';
import type { Database } from '../src/adapters/db/database.js';
import { createApiKey } from '../src/app/auth/api-keys.js';
import { userActor } from '../src/app/auth/sessions.js';
import { ensureFirstTenant } from '../src/app/bootstrap.js';
import { signinFailuresPerIpMax, signinFailuresPerLoginMax } from '../src/app/auth/signin.js';
import { verifyAuditChain } from '../src/app/audit.js';
import { isKxError } from '../src/core/errors.js';
import { limits } from '../src/core/limits.js';
import { createTestDatabase } from './helpers/db.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

let t: TestApp;
let acme: string;
let alice: string;
const passwords = { alice: 'blue-ledger-7781', bob: 'sales rep 2026!', frederick: 'winter-receipts-42', carol: 'carol-disabled-99' };
/** Every secret this file hands out or types, to search the audit trail for at the end. */
const secretsSeen = new Set<string>(Object.values(passwords));
/** Failures naming an unknown tenant slug are counted under the nil tenant id. */
const unknownTenant = '00000000-0000-0000-0000-000000000000';
/** How much of the login tried the audit trail keeps (signin.ts). */
const auditLoginChars = 100;

// Each test signs in from its own address (documentation range), so the per-address rate limit and the
// per-address failure counter of one test never touch another.
let addressCounter = 0;
const nextAddress = () => `203.0.113.${++addressCounter}`;

beforeAll(async () => {
  t = await startTestApp();
  acme = await newTenant(t.db, 'acme');
  await newTenant(t.db, 'globex');
  alice = await createUser(t.db, acme, { login: 'alice', role: 'finance', password: passwords.alice });
  await createUser(t.db, acme, { login: 'bob', role: 'sales', password: passwords.bob });
  await createUser(t.db, acme, { login: 'frederick', role: 'manager', password: passwords.frederick });
  const carol = await createUser(t.db, acme, { login: 'carol', role: 'finance', password: passwords.carol });
  await t.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', carol).execute();
  await createUser(t.db, acme, { login: 'dave', role: 'finance' }); // never got a password
});
afterAll(async () => t?.close());

function signIn(body: unknown, address: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: body as InjectOptions['payload'], remoteAddress: address, headers });
}

function sessionOf(res: LightMyRequestResponse): TestSession {
  const cookie = res.cookies.find((c) => c.name === sessionCookie);
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  secretsSeen.add(cookie.value).add(csrf);
  return { cookie: `${sessionCookie}=${cookie.value}`, csrf, token: cookie.value };
}

const me = (session: TestSession | null) => t.app.inject(as(session, { method: 'GET', url: '/api/v1/auth/me' }));

async function auditRows(action: string) {
  return t.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', acme).where('action', '=', action).orderBy('seq').execute();
}

describe('sign-in', () => {
  it('opens a session in an HttpOnly, SameSite=Strict cookie and answers the user with a CSRF token', async () => {
    const res = await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, nextAddress());
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === sessionCookie)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy(); // plain http here; 'auto' adds Secure on https
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.user).toMatchObject({ id: alice, login: 'alice', displayName: 'alice', role: 'finance', dataScope: 'all' });
    expect(body.user.permissions).toContain('receipts.confirm');
    expect(body.user.permissions).not.toContain('users.manage');
    const minutesLeft = (Date.parse(body.expiresAt) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(715);
    expect(minutesLeft).toBeLessThanOrEqual(720);

    const session = sessionOf(res);
    const who = await me(session);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ user: { id: alice }, apiKey: null, csrfToken: session.csrf, expiresAt: body.expiresAt });
    const audited = await auditRows('auth.signed_in');
    expect(audited.at(-1)).toMatchObject({ actor_kind: 'user', actor_id: alice, actor_label: 'alice', entity_id: alice });
  });

  it('matches the login and the tenant slug without regard to case or surrounding spaces', async () => {
    const res = await signIn({ tenant: ' ACME', login: 'Alice ', password: passwords.alice }, nextAddress());
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(alice);
  });

  it("expands the admin's '*' into every permission", async () => {
    const root = await createUser(t.db, acme, { login: 'root', role: 'admin', password: 'root-of-all-ledgers' });
    const res = await signIn({ tenant: 'acme', login: 'root', password: 'root-of-all-ledgers' }, nextAddress());
    expect(res.json().user).toMatchObject({ id: root, role: 'admin' });
    expect(res.json().user.permissions).toContain('api_keys.manage');
    expect(res.json().user.permissions).not.toContain('*');
  });
});

describe('session fixation', () => {
  it('a garbage cookie sent with the sign-in is ignored: the session is a new one', async () => {
    const res = await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, nextAddress(), { cookie: `${sessionCookie}=planted-by-someone` });
    expect(sessionOf(res).token).not.toBe('planted-by-someone');
  });

  it("a session planted before sign-in (even a real one, the attacker's own) is ended, and a new one opened", async () => {
    const address = nextAddress();
    const planted = sessionOf(await signIn({ tenant: 'acme', login: 'bob', password: passwords.bob }, address));
    expect((await me(planted)).statusCode).toBe(200);

    const res = await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, address, { cookie: planted.cookie });
    const fresh = sessionOf(res);
    expect(fresh.token).not.toBe(planted.token);
    expect(fresh.token.split('.')[1]).not.toBe(planted.token.split('.')[1]); // a new session id, not a new secret on the old id
    expect(fresh.csrf).not.toBe(planted.csrf);
    expect((await me(planted)).statusCode).toBe(401);
    expect((await me(fresh)).json().user.id).toBe(alice);
  });

  it('signing in again from the same browser replaces that browser\'s session', async () => {
    const address = nextAddress();
    const first = sessionOf(await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, address));
    const second = sessionOf(await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, address, { cookie: first.cookie }));
    expect(second.token).not.toBe(first.token);
    expect((await me(first)).json().code).toBe('unauthenticated');
    expect((await me(second)).statusCode).toBe(200);
  });
});

describe('wrong credentials: one answer that tells nothing', () => {
  const cases = [
    { name: 'unknown tenant', body: { tenant: 'initech', login: 'alice', password: passwords.alice } },
    { name: 'unknown login', body: { tenant: 'acme', login: 'mallory', password: passwords.alice } },
    { name: 'wrong password', body: { tenant: 'acme', login: 'alice', password: 'not-her-password' } },
    { name: 'password of another tenant', body: { tenant: 'globex', login: 'alice', password: passwords.alice } },
    { name: 'disabled user, right password', body: { tenant: 'acme', login: 'carol', password: passwords.carol } },
    { name: 'user without a password', body: { tenant: 'acme', login: 'dave', password: 'anything-at-all' } },
  ];

  it('answers 401 invalid_credentials with byte-identical bodies and headers that differ in nothing telling', async () => {
    const answers = [];
    for (const c of cases) answers.push({ name: c.name, res: await signIn(c.body, nextAddress()) });
    const reference = answers[0]!.res;
    expect(reference.statusCode).toBe(401);
    expect(reference.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(reference.json()).toMatchObject({ status: 401, code: 'invalid_credentials' });
    for (const { name, res } of answers) {
      expect({ name, status: res.statusCode, body: res.body, cookie: res.headers['set-cookie'] }).toEqual({ name, status: 401, body: reference.body, cookie: undefined });
    }
  });

  it('audits each failed sign-in in a known tenant under the login tried, with the reason, never the password', async () => {
    const before = (await auditRows('auth.sign_in_failed')).length;
    await signIn({ tenant: 'acme', login: 'Mallory', password: 'guess-number-one' }, nextAddress());
    await signIn({ tenant: 'acme', login: 'alice', password: 'guess-number-two' }, nextAddress());
    const rows = (await auditRows('auth.sign_in_failed')).slice(before);
    expect(rows.map((r) => ({ label: r.actor_label, actorId: r.actor_id, entity: r.entity_id, after: r.after }))).toEqual([
      { label: 'Mallory', actorId: null, entity: null, after: { outcome: 'unknown_login' } },
      { label: 'alice', actorId: null, entity: alice, after: { outcome: 'wrong_password' } },
    ]);
    expect(rows.every((r) => r.ip?.startsWith('203.0.113.'))).toBe(true);
    secretsSeen.add('guess-number-one').add('guess-number-two');
  });

  it('costs an unknown login about as much time as a wrong password (a dummy hash is verified)', async () => {
    const time = async (login: string) => {
      const started = performance.now();
      await signIn({ tenant: 'acme', login, password: 'timing-probe-000' }, nextAddress());
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    await createUser(t.db, acme, { login: 'timekeeper', role: 'sales', password: 'timekeeper-pass' });
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('timekeeper'));
      unknown.push(await time(`nobody-${i}`));
    }
    // Without the dummy verification an unknown login answers an order of magnitude faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });
});

describe('malformed credentials', () => {
  const cases: { name: string; body: unknown; field: string }[] = [
    { name: 'empty body', body: {}, field: 'tenant' },
    { name: 'no password', body: { tenant: 'acme', login: 'alice' }, field: 'password' },
    { name: 'no tenant', body: { login: 'alice', password: 'x' }, field: 'tenant' },
    { name: 'login is an object', body: { tenant: 'acme', login: { $ne: '' }, password: 'x' }, field: 'login' },
    { name: 'password is a list', body: { tenant: 'acme', login: 'alice', password: ['a', 'b'] }, field: 'password' },
    { name: 'empty login', body: { tenant: 'acme', login: '', password: 'x' }, field: 'login' },
    { name: 'null password', body: { tenant: 'acme', login: 'alice', password: null }, field: 'password' },
    { name: 'a field too many', body: { tenant: 'acme', login: 'alice', password: 'x', role: 'admin' }, field: 'role' },
    { name: 'overlong login', body: { tenant: 'acme', login: 'a'.repeat(201), password: 'x' }, field: 'login' },
  ];

  it.each(cases)('$name → 422 validation_failed naming $field', async ({ body, field }) => {
    const res = await signIn(body, nextAddress());
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('a body that is not JSON is refused as a problem, not parsed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: '{"tenant":', headers: { 'content-type': 'application/json' }, remoteAddress: nextAddress() });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const form = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: 'tenant=acme&login=alice', headers: { 'content-type': 'application/x-www-form-urlencoded' }, remoteAddress: nextAddress() });
    expect(form.statusCode).toBe(415);
  });
});

describe('throttling of failed sign-ins', () => {
  const failures = limits.signinFailuresMax;
  const pair = (address: string, login: string) => `pair:${address}/${login}`;

  async function failTimes(n: number, body: { tenant: string; login: string }, address: string) {
    const statuses = [];
    for (let i = 0; i < n; i++) statuses.push((await signIn({ ...body, password: `wrong-guess-${i}` }, address)).statusCode);
    return statuses;
  }

  /** As if the window had passed: the lock and the window start moved into the past. */
  async function letWindowPass(tenantId: string, subject: string) {
    const past = new Date(Date.now() - limits.signinFailureWindowMs - 1_000);
    await t.db.updateTable('signin_failures').set({ window_started_at: past, locked_until: past }).where('tenant_id', '=', tenantId).where('subject', '=', subject).execute();
  }

  async function failuresOf(tenantId: string, subject: string) {
    const row = await t.db.selectFrom('signin_failures').select('failures').where('tenant_id', '=', tenantId).where('subject', '=', subject).executeTakeFirst();
    return row?.failures;
  }

  it(`locks a login from one address after ${failures} failures, even against the right password, until the window passes`, async () => {
    const address = nextAddress();
    expect(await failTimes(failures, { tenant: 'acme', login: 'frederick' }, address)).toEqual(Array(failures).fill(401));

    const locked = await signIn({ tenant: 'acme', login: 'FREDERICK', password: passwords.frederick }, address);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'too_many_attempts' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(limits.signinFailureWindowMs / 1000 - 60);
    expect(await failuresOf(acme, pair(address, 'frederick'))).toBe(failures); // a refused attempt counts nothing
    // Other logins from that address are not affected.
    expect((await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, address)).statusCode).toBe(200);

    await letWindowPass(acme, pair(address, 'frederick'));
    expect((await signIn({ tenant: 'acme', login: 'frederick', password: passwords.frederick }, address)).statusCode).toBe(200);
    expect(await failuresOf(acme, pair(address, 'frederick'))).toBeUndefined(); // a success starts the pair over
  });

  it("does not lock the owner out: locked from the attacker's address, the right password from another address signs in", async () => {
    const victim = await createUser(t.db, acme, { login: 'victoria', role: 'finance', password: 'victoria-real-pass' });
    const attacker = nextAddress();
    expect(await failTimes(failures + 2, { tenant: 'acme', login: 'victoria' }, attacker)).toEqual([...Array(failures).fill(401), 429, 429]);
    expect((await signIn({ tenant: 'acme', login: 'victoria', password: 'victoria-real-pass' }, attacker)).statusCode).toBe(429);

    const res = await signIn({ tenant: 'acme', login: 'Victoria', password: 'victoria-real-pass' }, nextAddress());
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(victim);
    // The success took back only its own attempt: the attacker's failures still count login-wide.
    expect(await failuresOf(acme, 'login:victoria')).toBe(failures);
    expect((await signIn({ tenant: 'acme', login: 'victoria', password: 'victoria-real-pass' }, attacker)).statusCode).toBe(429);
    secretsSeen.add('victoria-real-pass');
  });

  it(`locks a login everywhere at ${signinFailuresPerLoginMax} failures across addresses, as a last resort`, async () => {
    await createUser(t.db, acme, { login: 'walter', role: 'finance', password: 'walter-real-pass' });
    secretsSeen.add('walter-real-pass');
    // Guesses spread over many addresses, put in place directly (each real one costs an argon2 verification).
    await t.db.insertInto('signin_failures').values({ tenant_id: acme, subject: 'login:walter', failures: signinFailuresPerLoginMax - 1, window_started_at: new Date(), locked_until: null }).execute();
    // Just below the bound the owner still signs in from a clean address, and that takes back only their own attempt.
    expect((await signIn({ tenant: 'acme', login: 'walter', password: 'walter-real-pass' }, nextAddress())).statusCode).toBe(200);
    expect(await failuresOf(acme, 'login:walter')).toBe(signinFailuresPerLoginMax - 1);

    expect(await failTimes(1, { tenant: 'acme', login: 'walter' }, nextAddress())).toEqual([401]);
    const locked = await signIn({ tenant: 'acme', login: 'walter', password: 'walter-real-pass' }, nextAddress());
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'too_many_attempts']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(limits.signinFailureWindowMs / 1000 - 60);
    await letWindowPass(acme, 'login:walter');
    expect((await signIn({ tenant: 'acme', login: 'walter', password: 'walter-real-pass' }, nextAddress())).statusCode).toBe(200);
  });

  it(`checks at most ${failures} of ${3 * failures} parallel wrong passwords; the rest are refused before any check`, async () => {
    await createUser(t.db, acme, { login: 'racer', role: 'sales', password: 'racer-real-pass' });
    const address = nextAddress();
    const before = (await auditRows('auth.sign_in_failed')).length;
    const answers = await Promise.all(Array.from({ length: 3 * failures }, (_, i) => signIn({ tenant: 'acme', login: 'racer', password: `parallel-guess-${i}` }, address)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([...Array(failures).fill(401), ...Array(2 * failures).fill(429)]);
    expect(await failuresOf(acme, pair(address, 'racer'))).toBe(failures);
    expect(await failuresOf(acme, 'login:racer')).toBe(failures);
    const outcomes = (await auditRows('auth.sign_in_failed')).slice(before).map((r) => (r.after as { outcome: string }).outcome).sort();
    expect(outcomes).toEqual([...Array(2 * failures).fill('locked'), ...Array(failures).fill('wrong_password')]);
    secretsSeen.add('racer-real-pass');
  });

  it('locks unknown logins and unknown tenants exactly like real ones, so a lock reveals nothing', async () => {
    const answers = [];
    for (const body of [{ tenant: 'acme', login: 'ghost' }, { tenant: 'nowhere-inc', login: 'alice' }, { tenant: 'acme', login: 'bob' }]) {
      const address = nextAddress();
      expect(await failTimes(failures, body, address)).toEqual(Array(failures).fill(401));
      answers.push(await signIn({ ...body, password: passwords.bob }, address));
    }
    expect(answers.map((a) => a.statusCode)).toEqual([429, 429, 429]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    // The same wait, give or take the seconds that passed between a lock and its answer on a busy machine.
    const waits = answers.map((a) => Number(a.headers['retry-after']));
    expect(Math.max(...waits) - Math.min(...waits)).toBeLessThanOrEqual(2);
  });

  it('a success resets the count: failures before it do not add to failures after it', async () => {
    const address = nextAddress();
    expect(await failTimes(failures - 1, { tenant: 'acme', login: 'bob' }, address)).toEqual(Array(failures - 1).fill(401));
    expect((await signIn({ tenant: 'acme', login: 'bob', password: passwords.bob }, address)).statusCode).toBe(200);
    expect(await failTimes(failures - 1, { tenant: 'acme', login: 'bob' }, address)).toEqual(Array(failures - 1).fill(401));
    expect((await signIn({ tenant: 'acme', login: 'bob', password: passwords.bob }, address)).statusCode).toBe(200);
  });

  it('failures older than the window start a new count', async () => {
    const address = nextAddress();
    await failTimes(failures - 1, { tenant: 'acme', login: 'ghost-two' }, address);
    await t.db.updateTable('signin_failures').set({ window_started_at: new Date(Date.now() - limits.signinFailureWindowMs - 1_000) }).where('tenant_id', '=', acme).where('subject', '=', pair(address, 'ghost-two')).execute();
    await failTimes(1, { tenant: 'acme', login: 'ghost-two' }, address);
    const row = await t.db.selectFrom('signin_failures').selectAll().where('tenant_id', '=', acme).where('subject', '=', pair(address, 'ghost-two')).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 1, locked_until: null });
  });

  it(`locks an address after ${signinFailuresPerIpMax} failures across logins, and only that address`, async () => {
    const address = nextAddress();
    // The first failures of the window are put in place directly (each real one costs an argon2 verification).
    await t.db.insertInto('signin_failures').values({ tenant_id: acme, subject: `ip:${address}`, failures: signinFailuresPerIpMax - 1, window_started_at: new Date(), locked_until: null }).execute();
    expect(await failTimes(1, { tenant: 'acme', login: 'someone-new' }, address)).toEqual([401]);
    const locked = await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, address);
    expect(locked.statusCode).toBe(429);
    expect((await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, nextAddress())).statusCode).toBe(200);
  });

  it("clears away a tenant's rows whose window and lock have both passed when it counts a failure, and no others", async () => {
    const long = new Date(Date.now() - 2 * limits.signinFailureWindowMs);
    const soon = new Date(Date.now() + limits.signinFailureWindowMs);
    const rows = [
      { tenant_id: acme, subject: 'login:expired-plain', failures: 3, window_started_at: long, locked_until: null },
      { tenant_id: acme, subject: 'login:expired-lock', failures: 9, window_started_at: long, locked_until: new Date(Date.now() - 1_000) },
      { tenant_id: acme, subject: 'login:still-locked', failures: 9, window_started_at: long, locked_until: soon },
      { tenant_id: acme, subject: 'login:still-counting', failures: 2, window_started_at: new Date(), locked_until: null },
      { tenant_id: unknownTenant, subject: 'login:made-up-slug/expired', failures: 1, window_started_at: long, locked_until: null },
    ];
    await t.db.insertInto('signin_failures').values(rows).execute();
    const subjects = rows.map((r) => r.subject);
    const left = async () => (await t.db.selectFrom('signin_failures').select('subject').where('subject', 'in', subjects).orderBy('subject').execute()).map((r) => r.subject);

    expect(await failTimes(1, { tenant: 'acme', login: 'sweeper' }, nextAddress())).toEqual([401]);
    expect(await left()).toEqual(['login:made-up-slug/expired', 'login:still-counting', 'login:still-locked']);
    // Failures naming unknown tenants are swept the same way, so random slugs do not pile up either.
    expect(await failTimes(1, { tenant: 'no-such-slug', login: 'sweeper' }, nextAddress())).toEqual([401]);
    expect(await left()).toEqual(['login:still-counting', 'login:still-locked']);
  });

  it('cuts an overlong login for the audit trail by character, never inside an emoji, and the chain still verifies', async () => {
    const login = `${'a'.repeat(auditLoginChars - 1)}😀tail`;
    await signIn({ tenant: 'acme', login, password: 'emoji-probe-pass' }, nextAddress());
    const row = (await auditRows('auth.sign_in_failed')).at(-1)!;
    expect(row.actor_label).toBe(`${'a'.repeat(auditLoginChars - 1)}😀`);
    expect(await verifyAuditChain(t.db, acme)).toEqual([]);
    secretsSeen.add('emoji-probe-pass');
  });

  it(`refuses more than ${limits.signinRequestsPerMinutePerIpMax} sign-in requests a minute from one address, whatever they contain`, async () => {
    const address = nextAddress();
    const statuses = [];
    for (let i = 0; i <= limits.signinRequestsPerMinutePerIpMax; i++) statuses.push((await signIn({}, address)).statusCode);
    expect(statuses.slice(0, -1).every((s) => s === 422)).toBe(true);
    const last = await signIn({ tenant: 'acme', login: 'alice', password: passwords.alice }, address);
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('too_many_requests');
  });
});

describe('sign-out', () => {
  it('ends this session only, clears the cookie and is audited', async () => {
    const address = nextAddress();
    const session = sessionOf(await signIn({ tenant: 'acme', login: 'bob', password: passwords.bob }, address));
    const other = sessionOf(await signIn({ tenant: 'acme', login: 'bob', password: passwords.bob }, address));
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: { cookie: session.cookie } })).json().code).toBe('csrf_failed');

    const res = await t.app.inject(as(session, { method: 'POST', url: '/api/v1/auth/sign-out' }));
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const cleared = res.cookies.find((c) => c.name === sessionCookie)!;
    expect(cleared.value).toBe('');
    expect(cleared.expires!.getTime()).toBeLessThan(Date.now());
    expect((await me(session)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);
    expect((await auditRows('auth.signed_out')).at(-1)).toMatchObject({ actor_label: 'bob', after: { sessionId: session.token.split('.')[1] } });
  });
});

describe('password change', () => {
  const change = (session: TestSession, body: unknown) =>
    t.app.inject(as(session, { method: 'POST', url: '/api/v1/auth/password', payload: body as InjectOptions['payload'] }));

  it('ends every other session of the user, keeps this one, and is audited without the password', async () => {
    const user = await createUser(t.db, acme, { login: 'henrietta', role: 'finance', password: 'first-pass-phrase' });
    const here = sessionOf(await signIn({ tenant: 'acme', login: 'henrietta', password: 'first-pass-phrase' }, nextAddress()));
    const phone = sessionOf(await signIn({ tenant: 'acme', login: 'henrietta', password: 'first-pass-phrase' }, nextAddress()));
    const stolen = await sessionFor(t.db, acme, user);
    const bystander = await sessionFor(t.db, acme, alice);

    const res = await change(here, { currentPassword: 'first-pass-phrase', newPassword: 'second pass phrase' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ otherSessionsEnded: 2 });
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await me(stolen)).statusCode).toBe(401);
    expect((await me(bystander)).statusCode).toBe(200);

    expect((await signIn({ tenant: 'acme', login: 'henrietta', password: 'first-pass-phrase' }, nextAddress())).statusCode).toBe(401);
    expect((await signIn({ tenant: 'acme', login: 'henrietta', password: 'second pass phrase' }, nextAddress())).statusCode).toBe(200);
    const stored = await t.db.selectFrom('users').select(['password_hash', 'password_changed_at']).where('id', '=', user).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.password_changed_at).not.toBeNull();
    secretsSeen.add('first-pass-phrase').add('second pass phrase').add(stored.password_hash!);
    expect((await auditRows('user.password_changed')).at(-1)).toMatchObject({ actor_id: user, entity_id: user, after: { otherSessionsEnded: 2 } });
  });

  it('refuses a wrong current password (422 wrong_password, counted as a failed sign-in)', async () => {
    const user = await createUser(t.db, acme, { login: 'ignatius', role: 'finance', password: 'ignatius-pass-1' });
    const session = await sessionFor(t.db, acme, user);
    const res = await change(session, { currentPassword: 'not-the-password', newPassword: 'fresh-new-phrase' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'wrong_password', errors: [{ field: 'currentPassword', code: 'wrong_password' }] });
    const counted = await t.db.selectFrom('signin_failures').select(['subject', 'failures']).where('tenant_id', '=', acme).where('subject', 'like', '%ignatius').orderBy('subject').execute();
    expect(counted).toEqual([{ subject: 'login:ignatius', failures: 1 }, { subject: 'pair:127.0.0.1/ignatius', failures: 1 }]);
    expect((await auditRows('user.password_change_failed')).at(-1)).toMatchObject({ actor_id: user, after: { outcome: 'wrong_password' } });
    secretsSeen.add('not-the-password').add('fresh-new-phrase');
  });

  it(`locks the login from that address after ${limits.signinFailuresMax} wrong current passwords, for password changes and sign-ins alike`, async () => {
    const user = await createUser(t.db, acme, { login: 'jasper', role: 'finance', password: 'jasper-pass-1234' });
    const session = await sessionFor(t.db, acme, user);
    const statuses = [];
    for (let i = 0; i < limits.signinFailuresMax; i++) statuses.push((await change(session, { currentPassword: `jasper-guess-${i}`, newPassword: 'jasper-new-phrase' })).statusCode);
    expect(statuses).toEqual(Array(limits.signinFailuresMax).fill(422));

    const locked = await change(session, { currentPassword: 'jasper-pass-1234', newPassword: 'jasper-new-phrase' });
    expect([locked.statusCode, locked.json().code]).toEqual([429, 'too_many_attempts']);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn({ tenant: 'acme', login: 'jasper', password: 'jasper-pass-1234' }, '127.0.0.1')).statusCode).toBe(429);
    expect((await signIn({ tenant: 'acme', login: 'jasper', password: 'jasper-pass-1234' }, nextAddress())).statusCode).toBe(200);
    secretsSeen.add('jasper-pass-1234').add('jasper-new-phrase');
  });

  const weak = [
    { name: 'too short', newPassword: 'k3y!abc' },
    { name: 'too long', newPassword: 'x'.repeat(65) },
    { name: 'a common password', newPassword: 'password123' },
    { name: 'a common password in other case', newPassword: 'QwertyUIOP' },
    { name: 'the login', newPassword: 'Frederick' },
    { name: 'one character repeated', newPassword: '00000000' },
    { name: 'the current password', newPassword: passwords.frederick },
  ];
  it.each(weak)('refuses a new password that is $name (422 weak_password on body.newPassword)', async ({ newPassword }) => {
    const frederick = await t.db.selectFrom('users').select('id').where('tenant_id', '=', acme).where('login', '=', 'frederick').executeTakeFirstOrThrow();
    const res = await change(await sessionFor(t.db, acme, frederick.id), { currentPassword: passwords.frederick, newPassword });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'weak_password', errors: [{ field: 'newPassword', code: 'weak_password' }] });
  });

  it('is not possible with an API key', async () => {
    const root = await t.db.selectFrom('users').select('id').where('tenant_id', '=', acme).where('login', '=', 'root').executeTakeFirstOrThrow();
    const creator = await userActor(t.db, acme, root.id, { ip: null, userAgent: null });
    const { key } = await createApiKey(t.db, creator, { name: 'robot', permissions: ['customers.view'], dataScope: 'all' });
    secretsSeen.add(key);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { authorization: `Bearer ${key}` }, payload: { currentPassword: 'root-of-all-ledgers', newPassword: 'robot-chosen-pass' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });
});

describe('the audit trail', () => {
  it('holds no password, password hash, session token, CSRF token or API key anywhere in any record', async () => {
    const hashes = await t.db.selectFrom('users').select('password_hash').where('password_hash', 'is not', null).execute();
    for (const h of hashes) secretsSeen.add(h.password_hash!);
    const rows = await sql<{ text: string }>`select a::text as text from audit_log a`.execute(t.db);
    expect(rows.rows.length).toBeGreaterThan(10);
    const everything = rows.rows.map((r) => r.text).join('\n');
    const found = [...secretsSeen].filter((s) => everything.includes(s));
    expect(found).toEqual([]);
  });
});

describe('first start (KX_ADMIN_PASSWORD) follows the same password policy', () => {
  let empty: Database;
  beforeAll(async () => {
    empty = await createTestDatabase();
  });
  afterAll(async () => empty?.close());

  it.each([
    { name: 'too short', password: 'short', adminLogin: 'admin' },
    { name: 'common', password: 'password123', adminLogin: 'admin' },
    { name: 'the login', password: 'Administrator', adminLogin: 'administrator' },
  ])('refuses one that is $name and creates nothing', async ({ password, adminLogin }) => {
    const error = await ensureFirstTenant(empty.db, { adminPassword: password, adminLogin }).catch((e: unknown) => e);
    expect(isKxError(error, 'weak_password') && error.message.startsWith('KX_ADMIN_PASSWORD')).toBe(true);
    expect(await empty.db.selectFrom('tenants').select('id').execute()).toEqual([]);
  });
});

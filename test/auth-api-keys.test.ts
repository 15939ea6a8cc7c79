import { createHash } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/app/auth/api-keys.js';
import { parseApiKey } from '../src/app/auth/secrets.js';
import { resolveApiKey, userActor } from '../src/app/auth/sessions.js';
import { isKxError } from '../src/core/errors.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

let t: TestApp;
let acme: string;
let globex: string;
let admin: TestSession;
let adminId: string;
let keymaster: TestSession;
let sales: TestSession;
let globexAdmin: TestSession;
const keysSeen: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  acme = await newTenant(t.db, 'acme');
  globex = await newTenant(t.db, 'globex');
  // A custom role that may manage keys but holds only a little itself, and sees only its department.
  await t.db.insertInto('roles').values({ tenant_id: acme, code: 'keymaster', name: 'Key master', permissions: ['api_keys.manage', 'customers.view', 'receipts.view'], data_scope: 'department' }).execute();
  adminId = await createUser(t.db, acme, { login: 'admin', role: 'admin' });
  admin = await sessionFor(t.db, acme, adminId);
  keymaster = await sessionFor(t.db, acme, await createUser(t.db, acme, { login: 'keymaster', role: 'keymaster' }));
  sales = await sessionFor(t.db, acme, await createUser(t.db, acme, { login: 'rep', role: 'sales' }));
  globexAdmin = await sessionFor(t.db, globex, await createUser(t.db, globex, { login: 'admin', role: 'admin' }));
});
afterAll(async () => t?.close());

const post = (session: TestSession, url: string, payload?: unknown) => t.app.inject(as(session, { method: 'POST', url, payload: payload as InjectOptions['payload'] }));
const get = (session: TestSession, url: string) => t.app.inject(as(session, { method: 'GET', url }));
const bearer = (key: string, options: InjectOptions) => t.app.inject({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${key}` } });

async function newKey(session: TestSession, body: { name?: string; permissions: string[]; dataScope?: string }) {
  const res = await post(session, '/api/v1/api-keys', { name: 'integration', dataScope: 'all', ...body });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json() as { id: string; key: string; apiKey: Record<string, unknown> };
  keysSeen.push(created.key);
  return created;
}

describe('creating a key', () => {
  it('shows the key once, stores only its hash, and lists it without any secret', async () => {
    const created = await newKey(admin, { name: 'CRM sync', permissions: ['receipts.view', 'customers.view'] });
    expect(created.key).toMatch(/^kx_[0-9a-f-]{36}_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ id: created.id, name: 'CRM sync', permissions: ['customers.view', 'receipts.view'], dataScope: 'all', createdBy: adminId, createdByLogin: 'admin', lastUsedAt: null, revokedAt: null });

    const secret = parseApiKey(created.key)!.secret;
    const row = await t.db.selectFrom('api_keys').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.secret_hash.equals(createHash('sha256').update(secret).digest())).toBe(true);
    const stored = await sql<{ text: string }>`select k::text as text from api_keys k where id = ${created.id}`.execute(t.db);
    expect(stored.rows[0]!.text).not.toContain(secret);

    const list = await get(admin, '/api/v1/api-keys');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain('secret');
    const listed = list.json().items.find((k: { id: string }) => k.id === created.id);
    expect(Object.keys(listed).sort()).toEqual(['createdAt', 'createdBy', 'createdByLogin', 'dataScope', 'id', 'lastUsedAt', 'name', 'permissions', 'revokedAt']);
  });

  it('works as a Bearer key on any /api/v1 route, acting for its creator with its own permissions, and notes its use', async () => {
    const created = await newKey(admin, { name: 'reader', permissions: ['customers.view'], dataScope: 'department' });
    const res = await bearer(created.key, { method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user: { id: adminId, login: 'admin' }, apiKey: { id: created.id, name: 'reader', permissions: ['customers.view'], dataScope: 'department' }, csrfToken: null, expiresAt: null });
    const row = await t.db.selectFrom('api_keys').select('last_used_at').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
    // A key without api_keys.manage cannot manage keys.
    expect((await bearer(created.key, { method: 'GET', url: '/api/v1/api-keys' })).json().code).toBe('forbidden');
  });

  it.each([
    { name: 'a permission its creator lacks', body: { permissions: ['receipts.confirm'], dataScope: 'department' } },
    { name: 'one lacking among held ones', body: { permissions: ['customers.view', 'ledger.post'], dataScope: 'department' } },
    { name: 'a wider data scope than its creator', body: { permissions: ['customers.view'], dataScope: 'all' } },
  ])('refuses $name (403 forbidden) and creates nothing', async ({ body }) => {
    const before = await t.db.selectFrom('api_keys').select('id').execute();
    const res = await post(keymaster, '/api/v1/api-keys', { name: 'too much', ...body });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect(await t.db.selectFrom('api_keys').select('id').execute()).toEqual(before);
  });

  it('lets a creator give what they hold', async () => {
    const created = await newKey(keymaster, { permissions: ['customers.view'], dataScope: 'own' });
    expect(created.apiKey).toMatchObject({ permissions: ['customers.view'], dataScope: 'own', createdByLogin: 'keymaster' });
  });

  it.each([
    { name: 'an unknown permission', body: { name: 'x', permissions: ['customers.view', 'money.print'], dataScope: 'all' }, field: 'permissions[1]' },
    { name: "the wildcard '*'", body: { name: 'x', permissions: ['*'], dataScope: 'all' }, field: 'permissions[0]' },
    { name: 'no permission', body: { name: 'x', permissions: [], dataScope: 'all' }, field: 'permissions' },
    { name: 'a permission twice', body: { name: 'x', permissions: ['customers.view', 'customers.view'], dataScope: 'all' }, field: 'permissions' },
    { name: 'an unknown data scope', body: { name: 'x', permissions: ['customers.view'], dataScope: 'galaxy' }, field: 'dataScope' },
    { name: 'no name', body: { permissions: ['customers.view'], dataScope: 'all' }, field: 'name' },
    { name: 'a blank name', body: { name: '   ', permissions: ['customers.view'], dataScope: 'all' }, field: 'name' },
  ])('refuses $name (422 naming $field)', async ({ body, field }) => {
    const res = await post(admin, '/api/v1/api-keys', body);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses unknown permissions in the use case too, not only at the HTTP edge', async () => {
    const actor = await userActor(t.db, acme, adminId, { ip: null, userAgent: null });
    const error = await createApiKey(t.db, actor, { name: 'direct', permissions: ['customers.view', 'nope'], dataScope: 'all' }).catch((e: unknown) => e);
    expect(isKxError(error, 'validation_failed') && error.fields.map((f) => f.field)).toEqual(['permissions[1]']);
  });

  it('needs api_keys.manage to create, list or revoke', async () => {
    const someKey = (await newKey(admin, { permissions: ['customers.view'] })).id;
    const answers = await Promise.all([
      post(sales, '/api/v1/api-keys', { name: 'mine', permissions: ['customers.view'], dataScope: 'own' }),
      get(sales, '/api/v1/api-keys'),
      post(sales, `/api/v1/api-keys/${someKey}/revoke`),
    ]);
    expect(answers.map((a) => [a.statusCode, a.json().code])).toEqual([[403, 'forbidden'], [403, 'forbidden'], [403, 'forbidden']]);
  });
});

describe('a key cannot create keys', () => {
  it('refuses a key holding api_keys.manage (403 forbidden) and creates nothing, though it may list and revoke', async () => {
    const manager = await newKey(admin, { name: 'key manager', permissions: ['api_keys.manage', 'customers.view'] });
    const before = await t.db.selectFrom('api_keys').select('id').execute();
    const res = await bearer(manager.key, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'offspring', permissions: ['customers.view'], dataScope: 'all' } });
    expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
    expect(await t.db.selectFrom('api_keys').select('id').execute()).toEqual(before);

    expect((await bearer(manager.key, { method: 'GET', url: '/api/v1/api-keys' })).statusCode).toBe(200);
    const other = await newKey(admin, { permissions: ['customers.view'] });
    expect((await bearer(manager.key, { method: 'POST', url: `/api/v1/api-keys/${other.id}/revoke` })).statusCode).toBe(200);
  });

  it('is refused in the use case too, whatever the key holds', async () => {
    const actor = await resolveApiKey(t.db, (await newKey(admin, { permissions: ['api_keys.manage'] })).key, { ip: null, userAgent: null });
    expect(actor.permissions.has('api_keys.manage')).toBe(true);
    const error = await createApiKey(t.db, actor, { name: 'direct', permissions: ['api_keys.manage'], dataScope: 'all' }).catch((e: unknown) => e);
    expect(isKxError(error, 'forbidden')).toBe(true);
  });
});

describe('a key follows its creator', () => {
  it('loses a permission as soon as its creator’s role does', async () => {
    const created = await newKey(keymaster, { permissions: ['customers.view', 'receipts.view'], dataScope: 'department' });
    await t.db.updateTable('roles').set({ permissions: ['api_keys.manage', 'customers.view'] }).where('tenant_id', '=', acme).where('code', '=', 'keymaster').execute();
    try {
      const res = await bearer(created.key, { method: 'GET', url: '/api/v1/auth/me' });
      expect(res.json().apiKey.permissions).toEqual(['customers.view']);
    } finally {
      await t.db.updateTable('roles').set({ permissions: ['api_keys.manage', 'customers.view', 'receipts.view'] }).where('tenant_id', '=', acme).where('code', '=', 'keymaster').execute();
    }
  });
});

describe('revoking a key', () => {
  it('refuses the key from the next request on, and is audited', async () => {
    const created = await newKey(admin, { permissions: ['customers.view'] });
    expect((await bearer(created.key, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const res = await post(admin, `/api/v1/api-keys/${created.id}/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: created.id, revokedAt: expect.any(String) });
    const refused = await bearer(created.key, { method: 'GET', url: '/api/v1/auth/me' });
    expect([refused.statusCode, refused.json().code]).toEqual([401, 'unauthenticated']);

    const again = await post(admin, `/api/v1/api-keys/${created.id}/revoke`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'invalid_state']);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', acme).where('entity_id', '=', created.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['api_key.created', 'api_key.revoked']);
    expect(audit[1]).toMatchObject({ actor_label: 'admin', before: { revokedAt: null } });
  });

  it("answers 404 for a key of another tenant and leaves it alone; 422 for an id that is not one", async () => {
    const theirs = await newKey(globexAdmin, { permissions: ['customers.view'] });
    const res = await post(admin, `/api/v1/api-keys/${theirs.id}/revoke`);
    expect([res.statusCode, res.json().code]).toEqual([404, 'not_found']);
    expect((await bearer(theirs.key, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await post(admin, '/api/v1/api-keys/not-a-uuid/revoke')).statusCode).toBe(422);
  });
});

describe('listing keys', () => {
  it('pages newest first with an opaque cursor, filters by status, and never shows another tenant', async () => {
    const lister = await sessionFor(t.db, globex, await createUser(t.db, globex, { login: 'lister', role: 'admin' }));
    const made = [];
    for (const name of ['one', 'two', 'three']) made.push((await newKey(lister, { name, permissions: ['customers.view'] })).id);
    await post(lister, `/api/v1/api-keys/${made[0]}/revoke`);

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(lister, `/api/v1/api-keys?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.json().items.length).toBeLessThanOrEqual(2);
      all.push(...res.json().items.map((k: { id: string }) => k.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    const globexKeys = await t.db.selectFrom('api_keys').select('id').where('tenant_id', '=', globex).orderBy('id', 'desc').execute();
    expect(all).toEqual(globexKeys.map((k) => k.id));
    expect(all.slice(0, 3)).toEqual([...made].reverse());

    const active = (await get(lister, '/api/v1/api-keys?status=active')).json().items.map((k: { id: string }) => k.id);
    const revoked = (await get(lister, '/api/v1/api-keys?status=revoked')).json().items.map((k: { id: string }) => k.id);
    expect(revoked).toEqual([made[0]]);
    expect(active).not.toContain(made[0]);
    expect(active).toContain(made[2]);

    const acmeIds = (await t.db.selectFrom('api_keys').select('id').where('tenant_id', '=', acme).execute()).map((k) => k.id);
    expect(all.filter((id) => acmeIds.includes(id))).toEqual([]);
    expect((await get(lister, '/api/v1/api-keys?cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(422);
    expect((await get(lister, '/api/v1/api-keys?limit=100000')).statusCode).toBe(422);
  });
});

describe('the audit trail of keys', () => {
  it('records creation with name, permissions and scope, and never a key or its secret', async () => {
    const created = await newKey(admin, { name: 'audited', permissions: ['ledger.view'] });
    const row = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.id).where('action', '=', 'api_key.created').executeTakeFirstOrThrow();
    expect(row.after).toEqual({ name: 'audited', permissions: ['ledger.view'], dataScope: 'all', createdBy: adminId });
    const text = (await sql<{ text: string }>`select a::text as text from audit_log a`.execute(t.db)).rows.map((r) => r.text).join('\n');
    const leaked = keysSeen.flatMap((k) => [k, parseApiKey(k)!.secret]).filter((s) => text.includes(s));
    expect(leaked).toEqual([]);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/app/actor.js';
import { disableUser, updateUser } from '../src/app/admin/users.js';
import { createApiKeyRow } from '../src/app/auth/sessions.js';
import { verifyAuditChain } from '../src/app/audit.js';
import { isKxError } from '../src/core/errors.js';
import { testDatabaseKind } from './helpers/db.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

let t: TestApp;
let tenantId: string;
let adminId: string;
let admin: TestSession;
let sales: TestSession;
let auditor: TestSession;
let otherTenantId: string;
let otherUserId: string;
let departmentId: string;

const password = 'Lantern-Harbour-42';

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'users-acme');
  adminId = await createUser(t.db, tenantId, { login: 'root', role: 'admin' });
  admin = await sessionFor(t.db, tenantId, adminId);
  sales = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'rep', role: 'sales' }));
  auditor = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'aud', role: 'auditor' }));
  otherTenantId = await newTenant(t.db, 'users-other');
  otherUserId = await createUser(t.db, otherTenantId, { login: 'stranger', role: 'admin' });
  const dept = await call(admin, 'POST', '/api/v1/departments', { code: 'EAST', name: '华东' });
  departmentId = dept.json().id;
});
afterAll(async () => t?.close());

function call(session: TestSession | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject(as(session, { method, url, ...(payload ? { payload } : {}) }));
}

async function counts() {
  const n = async (table: 'users' | 'audit_log' | 'sessions' | 'roles') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);
  return { users: await n('users'), audit: await n('audit_log'), sessions: await n('sessions'), roles: await n('roles') };
}

async function lastAudit() {
  return t.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

let serial = 0;
async function newUser(over: Record<string, unknown> = {}) {
  serial++;
  const res = await call(admin, 'POST', '/api/v1/users', { login: `user${serial}`, displayName: `User ${serial}`, role: 'sales', password, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; login: string; phone: string | null; email: string | null; role: string };
}

describe('creating users', () => {
  it('creates a user with an argon2id hash, shows no hash, and audits the creation', async () => {
    const res = await call(admin, 'POST', '/api/v1/users', { login: 'Zhang.San', displayName: '张三', email: 'zhang@example.com', phone: '13812345678', role: 'sales', departmentId, password });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ login: 'Zhang.San', displayName: '张三', email: 'zhang@example.com', phone: '13812345678', role: 'sales', departmentId, disabled: false, disabledAt: null });
    expect(res.body).not.toMatch(/argon2|password/i);
    const stored = await t.db.selectFrom('users').select('password_hash').where('tenant_id', '=', tenantId).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'user.create', entity_type: 'user', entity_id: user.id, actor_id: adminId, actor_label: 'root', before: null });
    expect(audit.after).toEqual({ login: 'Zhang.San', displayName: '张三', email: 'zhang@example.com', phone: '13812345678', role: 'sales', departmentId, disabledAt: null });
    expect(JSON.stringify(audit.after)).not.toMatch(/argon2/);
  });

  it('refuses a login that exists already in any letter case (409), and writes nothing', async () => {
    const before = await counts();
    const res = await call(admin, 'POST', '/api/v1/users', { login: 'zhang.san', displayName: 'dup', role: 'sales', password });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'already_exists', errors: [{ field: 'login' }] });
    expect(await counts()).toEqual(before);
  });

  it('the same login may exist in another tenant', async () => {
    expect((await call(admin, 'POST', '/api/v1/users', { login: 'stranger', displayName: 'x', role: 'sales', password })).statusCode).toBe(201);
  });

  const bad: [string, Record<string, unknown>, number, string, string[]][] = [
    //  case                          body changes                                        status  code                 fields
    ['password too short',            { password: 'Ab3$xyz' },                              422, 'weak_password',     ['password']],
    ['password too long',             { password: 'x'.repeat(65) },                         422, 'weak_password',     ['password']],
    ['a common password',             { password: 'password123' },                          422, 'weak_password',     ['password']],
    ['login with spaces',             { login: 'li si' },                                   422, 'validation_failed', ['login']],
    ['bad e-mail and phone together', { email: 'not-mail', phone: 'call me' },              422, 'validation_failed', ['email', 'phone']],
    ['blank display name',            { displayName: '   ' },                               422, 'validation_failed', ['displayName']],
    ['unknown role',                  { role: 'wizard' },                                   422, 'validation_failed', ['role']],
    ['unknown department',            { departmentId: '019ac000-0000-7000-8000-00000000dead' }, 422, 'validation_failed', ['departmentId']],
    ['missing password (schema)',     { password: undefined },                              422, 'validation_failed', ['password']],
    ['unknown field (schema)',        { isAdmin: true },                                    422, 'validation_failed', ['isAdmin']],
  ];
  it.each(bad)('%s → %s %s, nothing written', async (_case, changes, status, code, fields) => {
    const before = await counts();
    const body = { login: 'lisi', displayName: '李四', role: 'sales', password, ...changes };
    const res = await call(admin, 'POST', '/api/v1/users', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().code).toBe(code);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(await counts()).toEqual(before);
  });

  it("another tenant's department cannot be assigned", async () => {
    const foreign = await t.db.insertInto('departments').values({ tenant_id: otherTenantId, id: '019ac000-0000-7000-8000-00000000beef', code: 'X', name: 'x', parent_id: null }).returning('id').executeTakeFirstOrThrow();
    const res = await call(admin, 'POST', '/api/v1/users', { login: 'lisi', displayName: '李四', role: 'sales', password, departmentId: foreign.id });
    expect(res.json()).toMatchObject({ status: 422, errors: [{ field: 'departmentId' }] });
  });
});

describe('reading users', () => {
  it('lists with filters and cursor pages', async () => {
    await newUser({ role: 'finance', departmentId });
    await newUser({ role: 'finance' });
    const disabled = await newUser({ role: 'finance' });
    expect((await call(admin, 'POST', `/api/v1/users/${disabled.id}/disable`)).statusCode).toBe(200);

    const finance = (await call(admin, 'GET', '/api/v1/users?role=finance')).json();
    expect(finance.items).toHaveLength(3);
    expect((await call(admin, 'GET', '/api/v1/users?role=finance&disabled=false')).json().items).toHaveLength(2);
    expect((await call(admin, 'GET', '/api/v1/users?disabled=true')).json().items.map((u: { id: string }) => u.id)).toEqual([disabled.id]);
    expect((await call(admin, 'GET', `/api/v1/users?departmentId=${departmentId}&role=finance`)).json().items).toHaveLength(1);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await call(admin, 'GET', `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await t.db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).orderBy('id').execute();
    expect(seen).toEqual(all.map((u) => u.id));
    expect((await call(admin, 'GET', '/api/v1/users?cursor=bm9wZQ')).json()).toMatchObject({ status: 422, errors: [{ field: 'cursor' }] });
  });

  it("another tenant's user is not found (404), never forbidden", async () => {
    for (const [method, url] of [['GET', ''], ['PATCH', ''], ['POST', '/disable'], ['POST', '/enable']] as const) {
      const res = await call(admin, method, `/api/v1/users/${otherUserId}${url}`, method === 'PATCH' ? { displayName: 'pwned' } : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    const stranger = await t.db.selectFrom('users').select(['display_name', 'disabled_at']).where('tenant_id', '=', otherTenantId).where('id', '=', otherUserId).executeTakeFirstOrThrow();
    expect(stranger).toEqual({ display_name: 'stranger', disabled_at: null });
    expect((await call(admin, 'GET', '/api/v1/users/not-a-uuid')).statusCode).toBe(422);
  });
});

describe('masking of contact details', () => {
  let id: string;
  beforeAll(async () => {
    id = (await newUser({ phone: '13812345678', email: 'wang.wu@example.com' })).id;
  });

  it.each([
    //  who       phone shown      e-mail shown
    ['sales',   '138****5678', 'w***@example.com'],
    ['auditor', '13812345678', 'wang.wu@example.com'],
    ['admin',   '13812345678', 'wang.wu@example.com'],
  ])('%s sees phone %s and e-mail %s, in one user and in the list', async (who, phone, email) => {
    const session = { sales, auditor, admin }[who]!;
    expect((await call(session, 'GET', `/api/v1/users/${id}`)).json()).toMatchObject({ phone, email });
    const listed = (await call(session, 'GET', '/api/v1/users?limit=200')).json().items.find((u: { id: string }) => u.id === id);
    expect(listed).toMatchObject({ phone, email });
  });

  it('the audit view masks the phone for a reader without sensitive.view; the trail keeps it whole', async () => {
    expect((await call(admin, 'POST', '/api/v1/roles', { code: 'trail_reader', name: 'Trail reader', permissions: ['audit.view'], dataScope: 'all' })).statusCode).toBe(201);
    const reader = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'reader', role: 'trail_reader' }));
    const shown = async (session: TestSession) => (await call(session, 'GET', `/api/v1/audit?entityType=user&entityId=${id}&action=user.create`)).json().items[0].after;
    expect(await shown(reader)).toMatchObject({ phone: '138****5678', email: 'w***@example.com' });
    expect(await shown(auditor)).toMatchObject({ phone: '13812345678', email: 'wang.wu@example.com' });
  });
});

describe('changing users', () => {
  it('updates fields, audits before/after, and a new role ends the user’s sessions', async () => {
    const user = await newUser({ phone: '021-61234567' });
    const session = await sessionFor(t.db, tenantId, user.id);
    expect((await call(session, 'GET', '/api/v1/settings')).statusCode).toBe(200);

    const renamed = await call(admin, 'PATCH', `/api/v1/users/${user.id}`, { displayName: 'Renamed', phone: null, email: 'r@example.com', departmentId });
    expect(renamed.json()).toMatchObject({ displayName: 'Renamed', phone: null, email: 'r@example.com', departmentId, role: 'sales' });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'user.update', entity_id: user.id, actor_id: adminId });
    expect(audit.before).toMatchObject({ displayName: `User ${serial}`, phone: '021-61234567', email: null, departmentId: null });
    expect(audit.after).toMatchObject({ displayName: 'Renamed', phone: null, email: 'r@example.com', departmentId });
    // Not a role change: the session lives on.
    expect((await call(session, 'GET', '/api/v1/settings')).statusCode).toBe(200);

    const promoted = await call(admin, 'PATCH', `/api/v1/users/${user.id}`, { role: 'manager' });
    expect(promoted.json().role).toBe('manager');
    expect((await lastAudit()).after).toMatchObject({ role: 'manager' });
    expect((await call(session, 'GET', '/api/v1/settings')).statusCode).toBe(401);
  });

  it('a patch that changes nothing writes no audit record', async () => {
    const user = await newUser();
    const before = await counts();
    expect((await call(admin, 'PATCH', `/api/v1/users/${user.id}`, { role: 'sales' })).statusCode).toBe(200);
    expect(await counts()).toEqual(before);
  });

  it('refused changes write nothing', async () => {
    const user = await newUser();
    const before = await counts();
    expect((await call(admin, 'PATCH', `/api/v1/users/${user.id}`, { role: 'wizard' })).json()).toMatchObject({ status: 422, errors: [{ field: 'role' }] });
    expect((await call(admin, 'PATCH', `/api/v1/users/${user.id}`, { email: 'nope' })).json()).toMatchObject({ status: 422, errors: [{ field: 'email' }] });
    expect((await call(admin, 'PATCH', `/api/v1/users/${user.id}`, { password: 'x' })).statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });
});

describe('disabling and enabling', () => {
  it('disabling ends every session of the user at once, and is audited; enabling lets them sign in again', async () => {
    const user = await newUser();
    const first = await sessionFor(t.db, tenantId, user.id);
    const second = await sessionFor(t.db, tenantId, user.id);
    const res = await call(admin, 'POST', `/api/v1/users/${user.id}/disable`);
    expect(res.json()).toMatchObject({ disabled: true });
    expect(res.json().disabledAt).toBeTruthy();
    for (const s of [first, second]) expect((await call(s, 'GET', '/api/v1/users')).statusCode).toBe(401);
    expect(await t.db.selectFrom('sessions').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', user.id).execute()).toEqual([]);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'user.disable', entity_id: user.id, actor_id: adminId });
    expect([(audit.before as { disabledAt: unknown }).disabledAt, typeof (audit.after as { disabledAt: unknown }).disabledAt]).toEqual([null, 'string']);

    const again = await call(admin, 'POST', `/api/v1/users/${user.id}/disable`);
    expect(again.json()).toMatchObject({ status: 409, code: 'invalid_state' });

    expect((await call(admin, 'POST', `/api/v1/users/${user.id}/enable`)).json()).toMatchObject({ disabled: false, disabledAt: null });
    expect((await lastAudit()).action).toBe('user.enable');
    expect((await call(admin, 'POST', `/api/v1/users/${user.id}/enable`)).json()).toMatchObject({ status: 409, code: 'invalid_state' });
    expect((await call(await sessionFor(t.db, tenantId, user.id), 'GET', '/api/v1/users')).statusCode).toBe(200);
  });

  it('an admin cannot disable themselves', async () => {
    const before = await counts();
    const res = await call(admin, 'POST', `/api/v1/users/${adminId}/disable`);
    expect(res.json()).toMatchObject({ status: 409, code: 'invalid_state' });
    expect(await counts()).toEqual(before);
  });

  it('the last enabled admin can be neither disabled nor demoted', async () => {
    const second = await newUser({ role: 'admin' });
    expect((await call(admin, 'POST', `/api/v1/users/${second.id}/disable`)).statusCode).toBe(200);
    const before = await counts();
    // root is now the only enabled admin: demoting them, or disabling them (as the system, which may
    // disable anyone), is refused.
    expect((await call(admin, 'PATCH', `/api/v1/users/${adminId}`, { role: 'finance' })).json()).toMatchObject({ status: 409, code: 'invalid_state' });
    const error = await disableUser(t.db, systemActor(tenantId), adminId).catch((e: unknown) => e);
    expect(isKxError(error, 'invalid_state')).toBe(true);
    expect(await counts()).toEqual(before);
    // With another enabled admin, root may step down.
    expect((await call(admin, 'POST', `/api/v1/users/${second.id}/enable`)).statusCode).toBe(200);
    const stepDown = await updateUser(t.db, systemActor(tenantId), adminId, { role: 'finance' });
    expect(stepDown.role).toBe('finance');
    await updateUser(t.db, systemActor(tenantId), adminId, { role: 'admin' });
    // Both role changes ended root's sessions.
    expect((await call(admin, 'GET', '/api/v1/users')).statusCode).toBe(401);
    admin = await sessionFor(t.db, tenantId, adminId);
  });

  it.skipIf(testDatabaseKind === 'pglite')('two admins disabling each other at the same moment: exactly one succeeds', async () => {
    const a = await newUser({ role: 'admin' });
    const b = await newUser({ role: 'admin' });
    // Make a and b the only enabled admins.
    await sql`update users set disabled_at = now() where tenant_id = ${tenantId} and role = 'admin' and id not in (${a.id}, ${b.id})`.execute(t.db);
    const [sa, sb] = [await sessionFor(t.db, tenantId, a.id), await sessionFor(t.db, tenantId, b.id)];
    const results = await Promise.all([call(sa, 'POST', `/api/v1/users/${b.id}/disable`), call(sb, 'POST', `/api/v1/users/${a.id}/disable`)]);
    // The loser either finds its own session already ended (401) or the other admin already gone (409).
    const [won, lost] = results.map((r) => r.statusCode).sort();
    expect(won).toBe(200);
    expect([401, 409]).toContain(lost);
    const enabled = await t.db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('role', '=', 'admin').where('disabled_at', 'is', null).execute();
    expect(enabled).toHaveLength(1);
    await sql`update users set disabled_at = null where tenant_id = ${tenantId} and id = ${adminId}`.execute(t.db);
  });
});

describe('no escalation through users.manage', () => {
  it('a custom user manager cannot hand out or touch roles with more rights than their own', async () => {
    expect((await call(admin, 'POST', '/api/v1/roles', { code: 'hr', name: 'HR', permissions: ['users.manage'], dataScope: 'own' })).statusCode).toBe(201);
    const hr = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'hr1', role: 'hr' }));
    const before = await counts();
    const asAdmin = await call(hr, 'POST', '/api/v1/users', { login: 'mole', displayName: 'mole', role: 'admin', password });
    expect(asAdmin.json()).toMatchObject({ status: 403, code: 'forbidden' });
    const hrUser = (await t.db.selectFrom('users').select('id').where('tenant_id', '=', tenantId).where('login', '=', 'hr1').executeTakeFirstOrThrow()).id;
    expect((await call(hr, 'PATCH', `/api/v1/users/${hrUser}`, { role: 'admin' })).statusCode).toBe(403);
    expect((await call(hr, 'POST', `/api/v1/users/${adminId}/disable`)).statusCode).toBe(403);
    expect((await call(hr, 'POST', '/api/v1/roles', { code: 'boss', name: 'Boss', permissions: ['settings.manage'], dataScope: 'all' })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    // Within their own rights they can act: another HR person.
    expect((await call(hr, 'POST', '/api/v1/users', { login: 'hr2', displayName: 'HR 2', role: 'hr', password })).statusCode).toBe(201);
  });
});

describe('disabling a user revokes their API keys', () => {
  it('every active key they made is revoked in the same change, audited per key, and stays revoked when they are enabled again', async () => {
    const user = await newUser({ role: 'finance' });
    const make = (name: string) => t.db.transaction().execute((trx) => createApiKeyRow(trx, tenantId, { name, permissions: ['customers.view'], dataScope: 'all', createdBy: user.id }));
    const [first, second, old] = [await make('erp'), await make('bi'), await make('old')];
    const oldRevokedAt = new Date('2026-01-02T03:04:05Z');
    await t.db.updateTable('api_keys').set({ revoked_at: oldRevokedAt }).where('tenant_id', '=', tenantId).where('id', '=', old.id).execute();
    const someoneElses = await t.db.transaction().execute((trx) => createApiKeyRow(trx, tenantId, { name: 'admin-key', permissions: ['customers.view'], dataScope: 'all', createdBy: adminId }));
    const bearer = (key: string) => t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${key}` } });
    expect((await bearer(first.key)).statusCode).toBe(200);
    const seqBefore = (await lastAudit()).seq;

    const res = await call(admin, 'POST', `/api/v1/users/${user.id}/disable`);
    expect(res.statusCode, res.body).toBe(200);
    const keys = await t.db.selectFrom('api_keys').select(['id', 'revoked_at']).where('tenant_id', '=', tenantId).where('id', 'in', [first.id, second.id, old.id, someoneElses.id]).execute();
    const revokedAt = Object.fromEntries(keys.map((k) => [k.id, k.revoked_at?.toISOString() ?? null]));
    expect(revokedAt).toEqual({ [first.id]: res.json().disabledAt, [second.id]: res.json().disabledAt, [old.id]: oldRevokedAt.toISOString(), [someoneElses.id]: null });
    const records = await t.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).where('seq', '>', seqBefore).orderBy('seq').execute();
    expect(records.map((r) => [r.action, r.entity_id])).toEqual([
      ['user.disable', user.id],
      ...[first.id, second.id].sort().map((id) => ['api_key.revoked', id]),
    ]);
    for (const r of records.slice(1)) {
      expect(r).toMatchObject({ entity_type: 'api_key', actor_id: adminId, before: { revokedAt: null }, after: { revokedAt: res.json().disabledAt }, reason: 'its creator was disabled' });
    }

    expect((await call(admin, 'POST', `/api/v1/users/${user.id}/enable`)).statusCode).toBe(200);
    for (const key of [first, second]) expect((await bearer(key.key)).statusCode).toBe(401);
    expect((await bearer(someoneElses.key)).statusCode).toBe(200);
  });
});

describe('a users.manage holder keeps to their own department', () => {
  // dhr: users.manage and customers.view, scope department, in 华北 (with sub-departments 北京 and 天津).
  let dhrId: string;
  let dhr: TestSession;
  const d: Record<string, string> = {};
  beforeAll(async () => {
    for (const [code, parent] of [['NORTH', null], ['BJ', 'NORTH'], ['TJ', 'NORTH'], ['SOUTH', null]] as const) {
      const res = await call(admin, 'POST', '/api/v1/departments', { code, name: code, ...(parent ? { parentId: d[parent] } : {}) });
      expect(res.statusCode, res.body).toBe(201);
      d[code] = res.json().id;
    }
    expect((await call(admin, 'POST', '/api/v1/roles', { code: 'dept_hr', name: 'Dept HR', permissions: ['users.manage', 'customers.view'], dataScope: 'department' })).statusCode).toBe(201);
    expect((await call(admin, 'POST', '/api/v1/roles', { code: 'dept_viewer', name: 'Dept viewer', permissions: ['customers.view'], dataScope: 'department' })).statusCode).toBe(201);
    dhrId = await createUser(t.db, tenantId, { login: 'dhr', role: 'dept_hr', departmentId: d.NORTH! });
    dhr = await sessionFor(t.db, tenantId, dhrId);
  });

  async function departmentOf(userId: string) {
    return (await t.db.selectFrom('users').select('department_id').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirstOrThrow()).department_id;
  }

  it('cannot change their own department, even within their subtree, nor their own role', async () => {
    const before = await counts();
    for (const body of [{ departmentId: d.BJ }, { departmentId: d.SOUTH }, { departmentId: null }, { role: 'dept_viewer' }]) {
      const res = await call(dhr, 'PATCH', `/api/v1/users/${dhrId}`, body);
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([403, 'forbidden']);
    }
    expect(await counts()).toEqual(before);
    expect(await departmentOf(dhrId)).toBe(d.NORTH);
    // Renaming themselves changes no rights.
    expect((await call(dhr, 'PATCH', `/api/v1/users/${dhrId}`, { displayName: 'D. HR' })).statusCode).toBe(200);
  });

  it('cannot move users into or out of their subtree, nor create one outside it', async () => {
    const south = await createUser(t.db, tenantId, { login: 'south1', role: 'dept_viewer', departmentId: d.SOUTH! });
    const bj = await createUser(t.db, tenantId, { login: 'bj1', role: 'dept_viewer', departmentId: d.BJ! });
    const before = await counts();
    const refused: [string, object][] = [
      [`/api/v1/users/${south}`, { departmentId: d.TJ }],
      [`/api/v1/users/${bj}`, { departmentId: d.SOUTH }],
    ];
    for (const [url, body] of refused) expect((await call(dhr, 'PATCH', url, body)).json()).toMatchObject({ status: 403, code: 'forbidden' });
    const created = await call(dhr, 'POST', '/api/v1/users', { login: 'south2', displayName: 's', role: 'dept_viewer', departmentId: d.SOUTH, password });
    expect(created.json()).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await counts()).toEqual(before);
    expect([await departmentOf(south), await departmentOf(bj)]).toEqual([d.SOUTH, d.BJ]);
    // Within the subtree both work.
    expect((await call(dhr, 'PATCH', `/api/v1/users/${bj}`, { departmentId: d.TJ })).json()).toMatchObject({ departmentId: d.TJ });
    expect((await call(dhr, 'POST', '/api/v1/users', { login: 'tj2', displayName: 't', role: 'dept_viewer', departmentId: d.TJ, password })).statusCode).toBe(201);
  });
});

it('every change above left a verifiable audit chain', async () => {
  expect(await verifyAuditChain(t.db, tenantId)).toEqual([]);
});

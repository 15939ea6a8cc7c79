import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kyselyOver, pgTypes } from '../src/adapters/db/database.js';
import * as foundation from '../src/adapters/db/migrations/2026-11-26T1000-foundation.js';
import * as identity from '../src/adapters/db/migrations/2026-11-26T1200-identity-audit-periods.js';
import { migrations } from '../src/adapters/db/migrations/index.js';
import { builtinRoles, permissions } from '../src/core/auth/permissions.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

let t: TestApp;
let tenantId: string;
let adminId: string;
let admin: TestSession;
let otherAdmin: TestSession;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'roles-acme');
  adminId = await createUser(t.db, tenantId, { login: 'root', role: 'admin' });
  admin = await sessionFor(t.db, tenantId, adminId);
  const other = await newTenant(t.db, 'roles-other');
  otherAdmin = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'root', role: 'admin' }));
});
afterAll(async () => t?.close());

function call(session: TestSession, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) {
  return t.app.inject(as(session, { method, url, ...(payload ? { payload } : {}) }));
}

async function counts() {
  const n = async (table: 'roles' | 'audit_log' | 'users') =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);
  return { roles: await n('roles'), audit: await n('audit_log'), users: await n('users') };
}

async function lastAudit() {
  return t.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

describe('roles', () => {
  it('lists the five built-in roles, read-only, with their permissions; only admin holds *', async () => {
    const { items } = (await call(admin, 'GET', '/api/v1/roles')).json();
    expect(items.map((r: { code: string }) => r.code)).toEqual(['admin', 'auditor', 'finance', 'manager', 'sales']);
    for (const role of items) {
      const definition = builtinRoles.find((b) => b.code === role.code)!;
      expect(role).toMatchObject({ builtin: true, dataScope: definition.dataScope, userCount: role.code === 'admin' ? 1 : 0 });
      expect([...role.permissions].sort()).toEqual([...definition.permissions].sort());
      expect(role.permissions.includes('*')).toBe(role.code === 'admin');
    }
    expect((await call(admin, 'GET', '/api/v1/permissions')).json()).toEqual({ permissions: [...permissions], dataScopes: ['own', 'department', 'all'] });
  });

  it('creates a custom role, audited; its permissions work for its users from their next request', async () => {
    const res = await call(admin, 'POST', '/api/v1/roles', { code: 'cashier', name: '出纳', permissions: ['receipts.view', 'receipts.confirm'], dataScope: 'all' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'cashier', name: '出纳', permissions: ['receipts.confirm', 'receipts.view'], dataScope: 'all', builtin: false, userCount: 0 });
    expect(await lastAudit()).toMatchObject({ action: 'role.create', entity_type: 'role', entity_id: 'cashier', actor_id: adminId, before: null, after: { name: '出纳', permissions: ['receipts.confirm', 'receipts.view'], dataScope: 'all' } });

    const cashier = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'cash1', role: 'cashier' }));
    expect((await call(cashier, 'PATCH', '/api/v1/settings', { graceDays: 3 })).statusCode).toBe(403);
    const changed = await call(admin, 'PATCH', '/api/v1/roles/cashier', { permissions: ['receipts.view', 'settings.manage'], name: '出纳员' });
    expect(changed.json()).toMatchObject({ name: '出纳员', permissions: ['receipts.view', 'settings.manage'], userCount: 1 });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'role.update', entity_id: 'cashier', before: { name: '出纳', permissions: ['receipts.confirm', 'receipts.view'] }, after: { name: '出纳员', permissions: ['receipts.view', 'settings.manage'] } });
    expect((await call(cashier, 'PATCH', '/api/v1/settings', { graceDays: 3 })).statusCode).toBe(200);
  });

  const bad: [string, Record<string, unknown>, number, string, string[]][] = [
    //  case                       body                                                                                 status code                 fields
    ['unknown permission',         { code: 'r1', name: 'R', permissions: ['receipts.view', 'money.print'], dataScope: 'own' }, 422, 'validation_failed', ['permissions[1]']],
    ["'*' in a custom role",       { code: 'r1', name: 'R', permissions: ['*'], dataScope: 'own' },                         422, 'validation_failed', ['permissions[0]']],
    ['a permission twice',         { code: 'r1', name: 'R', permissions: ['orders.view', 'orders.view'], dataScope: 'own' }, 422, 'validation_failed', ['permissions[1]']],
    ['bad code',                   { code: 'Bad Code', name: 'R', permissions: [], dataScope: 'own' },                      422, 'validation_failed', ['code']],
    ['blank name',                 { code: 'r1', name: ' ', permissions: [], dataScope: 'own' },                            422, 'validation_failed', ['name']],
    ['unknown data scope (schema)', { code: 'r1', name: 'R', permissions: [], dataScope: 'planet' },                        422, 'validation_failed', ['dataScope']],
    ['the code of a built-in role', { code: 'finance', name: 'Mine', permissions: [], dataScope: 'own' },                   409, 'already_exists', ['code']],
    ['an existing custom code',    { code: 'cashier', name: 'Again', permissions: [], dataScope: 'own' },                   409, 'already_exists', ['code']],
  ];
  it.each(bad)('%s → %s %s, nothing written', async (_case, body, status, code, fields) => {
    const before = await counts();
    const res = await call(admin, 'POST', '/api/v1/roles', body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(fields);
    expect(await counts()).toEqual(before);
  });

  it('built-in roles cannot be changed or deleted (409), and nothing is written', async () => {
    const before = await counts();
    for (const code of ['admin', 'finance', 'sales']) {
      expect((await call(admin, 'PATCH', `/api/v1/roles/${code}`, { name: 'x' })).json()).toMatchObject({ status: 409, code: 'invalid_state' });
      expect((await call(admin, 'DELETE', `/api/v1/roles/${code}`)).json()).toMatchObject({ status: 409, code: 'invalid_state' });
    }
    expect(await counts()).toEqual(before);
  });

  it('a role still assigned to users cannot be deleted; once unassigned it can, audited', async () => {
    await call(admin, 'POST', '/api/v1/roles', { code: 'temp', name: 'Temp', permissions: ['orders.view'], dataScope: 'own' });
    const userId = await createUser(t.db, tenantId, { login: 'temp1', role: 'temp' });
    const before = await counts();
    expect((await call(admin, 'DELETE', '/api/v1/roles/temp')).json()).toMatchObject({ status: 409, code: 'invalid_state' });
    expect(await counts()).toEqual(before);
    expect((await call(admin, 'PATCH', `/api/v1/users/${userId}`, { role: 'sales' })).statusCode).toBe(200);
    const res = await call(admin, 'DELETE', '/api/v1/roles/temp');
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await lastAudit()).toMatchObject({ action: 'role.delete', entity_id: 'temp', before: { name: 'Temp', permissions: ['orders.view'], dataScope: 'own' }, after: null });
    expect((await call(admin, 'GET', '/api/v1/roles/temp')).statusCode).toBe(404);
  });

  it("another tenant's custom role is not found, and is untouched", async () => {
    for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'pwned' }], ['DELETE', undefined]] as const) {
      expect((await call(otherAdmin, method, '/api/v1/roles/cashier', body)).statusCode).toBe(404);
    }
    expect((await call(admin, 'GET', '/api/v1/roles/cashier')).json().name).toBe('出纳员');
  });

  it('pages through roles with a cursor', async () => {
    const first = (await call(admin, 'GET', '/api/v1/roles?limit=3')).json();
    const second = (await call(admin, 'GET', `/api/v1/roles?limit=3&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((r: { code: string }) => r.code)).toEqual(['admin', 'auditor', 'cashier', 'finance', 'manager', 'sales']);
    expect(second.nextCursor).toBeNull();
  });

  it("the database itself refuses '*' in any role but admin", async () => {
    const error = await sql`insert into roles (tenant_id, code, name, permissions, data_scope) values (${tenantId}, 'sneaky', 'x', array['*'], 'all')`.execute(t.db).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('23514');
  });
});

describe("a users.manage holder cannot widen their own rights (role 'hr': users.manage, customers.view, scope own)", () => {
  let hrId: string;
  let hr: TestSession;
  beforeAll(async () => {
    for (const [code, scope] of [['hr', 'own'], ['hr_twin', 'own'], ['hr_all', 'all']] as const) {
      const res = await call(admin, 'POST', '/api/v1/roles', { code, name: code, permissions: ['users.manage', 'customers.view'], dataScope: scope });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await call(admin, 'POST', '/api/v1/roles', { code: 'viewer', name: 'Viewer', permissions: ['customers.view'], dataScope: 'own' })).statusCode).toBe(201);
    expect((await call(admin, 'POST', '/api/v1/roles', { code: 'viewer_all', name: 'Viewer, all', permissions: ['customers.view'], dataScope: 'all' })).statusCode).toBe(201);
    hrId = await createUser(t.db, tenantId, { login: 'hr1', role: 'hr' });
    hr = await sessionFor(t.db, tenantId, hrId);
  });

  const attempts: [string, () => ['POST' | 'PATCH' | 'DELETE', string, object?]][] = [
    //  attempt                                            request
    ['create a role that sees every customer',             () => ['POST', '/api/v1/roles', { code: 'wide', name: 'Wide', permissions: ['customers.view'], dataScope: 'all' }]],
    ['create a department-scoped role',                    () => ['POST', '/api/v1/roles', { code: 'wider', name: 'Wider', permissions: [], dataScope: 'department' }]],
    ['widen the role they hold to scope all',              () => ['PATCH', '/api/v1/roles/hr', { dataScope: 'all' }]],
    ['change the role they hold at all (its name)',        () => ['PATCH', '/api/v1/roles/hr', { name: 'Mine now' }]],
    ['delete the role they hold',                          () => ['DELETE', '/api/v1/roles/hr']],
    ['widen another own-scoped role to scope all',         () => ['PATCH', '/api/v1/roles/viewer', { dataScope: 'all' }]],
    ['touch a role that sees more than they do',           () => ['PATCH', '/api/v1/roles/viewer_all', { name: 'x' }]],
    ['assign themselves a role with scope all',            () => ['PATCH', `/api/v1/users/${hrId}`, { role: 'hr_all' }]],
    ['assign themselves an equal role',                    () => ['PATCH', `/api/v1/users/${hrId}`, { role: 'hr_twin' }]],
    ['give someone else a role with scope all',            () => ['POST', '/api/v1/users', { login: 'puppet', displayName: 'p', role: 'viewer_all', password: 'Lantern-Harbour-42' }]],
  ];
  it.each(attempts)('%s → 403 forbidden, nothing written', async (_case, request) => {
    const before = await counts();
    const roles = await t.db.selectFrom('roles').select(['code', 'name', 'permissions', 'data_scope']).where('tenant_id', '=', tenantId).orderBy('code').execute();
    const [method, url, body] = request();
    const res = await call(hr, method, url, body);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect(await counts()).toEqual(before);
    expect(await t.db.selectFrom('roles').select(['code', 'name', 'permissions', 'data_scope']).where('tenant_id', '=', tenantId).orderBy('code').execute()).toEqual(roles);
    expect(await t.db.selectFrom('users').select('role').where('tenant_id', '=', tenantId).where('id', '=', hrId).executeTakeFirstOrThrow()).toEqual({ role: 'hr' });
  });

  it('within their own rights they still define and change roles, and an admin may change the role hr holds', async () => {
    expect((await call(hr, 'POST', '/api/v1/roles', { code: 'reader', name: 'Reader', permissions: ['customers.view'], dataScope: 'own' })).statusCode).toBe(201);
    expect((await call(hr, 'PATCH', '/api/v1/roles/viewer', { name: 'Viewer 2' })).statusCode).toBe(200);
    expect((await call(admin, 'PATCH', '/api/v1/roles/hr', { name: 'HR' })).json()).toMatchObject({ code: 'hr', name: 'HR', dataScope: 'own' });
  });
});

describe('the identity migration on a database that already has tenants', () => {
  let db: Kysely<unknown>;
  let pglite: PGlite;
  beforeAll(async () => {
    // Always an in-memory PGlite: this replays migrations one by one on purpose (the server run of the
    // other suites covers PostgreSQL 15 for the same SQL).
    pglite = await PGlite.create();
    db = kyselyOver(new pg.Pool({ ...createPgConfig(pglite), max: 1, types: pgTypes })) as unknown as Kysely<unknown>;
  });
  afterAll(async () => {
    await db?.destroy();
    await pglite?.close();
  });

  it('gives existing tenants the built-in roles exactly as new tenants get them (after every later migration), and keeps other roles', async () => {
    await foundation.up(db);
    const tenant = '019ac000-0000-7000-8000-000000000001';
    await sql`insert into tenants (id, slug, name, base_currency) values (${tenant}, 'old', 'Old', 'CNY')`.execute(db);
    for (const [i, role] of ['admin', 'finance', 'sales', 'collector'].entries()) {
      await sql`insert into users (tenant_id, id, login, display_name, role) values (${tenant}, ${`019ac000-0000-7000-8000-00000000010${i}`}, ${`u${i}`}, 'u', ${role})`.execute(db);
    }
    await identity.up(db);
    // The later migrations too: a role's built-in permissions may grow with them (intake-shared gave finance two).
    for (const [name, migration] of Object.entries(migrations).sort(([a], [b]) => a.localeCompare(b))) if (name > '2026-11-26T1200-identity-audit-periods') await migration.up(db);
    const roles = await sql<{ code: string; name: string; permissions: string[]; data_scope: string; builtin: boolean }>`
      select code, name, permissions, data_scope, builtin from roles where tenant_id = ${tenant} order by code`.execute(db);
    const expected = [
      ...builtinRoles.map((r) => ({ code: r.code, name: `${r.nameZh} / ${r.nameEn}`, permissions: [...r.permissions].sort(), data_scope: r.dataScope, builtin: true })),
      { code: 'collector', name: 'collector', permissions: [], data_scope: 'own', builtin: false },
    ].sort((a, b) => a.code.localeCompare(b.code));
    expect(roles.rows.map((r) => ({ ...r, permissions: [...r.permissions].sort() }))).toEqual(expected);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/app/actor.js';
import { createDepartment } from '../src/app/admin/departments.js';
import { addMonths, closePeriod } from '../src/app/admin/periods.js';
import { createRole } from '../src/app/admin/roles.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/**
 * Who may call which administration route, for each built-in role. One row per route; the expected status
 * per role. 403 is always the problem code 'forbidden', and a refused call writes nothing.
 */
const F = 403;
const roles = ['admin', 'finance', 'sales', 'manager', 'auditor'] as const;
const matrix: [route: string, admin: number, finance: number, sales: number, manager: number, auditor: number][] = [
  //  route                                   admin finance sales manager auditor
  ['GET /api/v1/users',                        200,  200,   200,  200,    200],
  ['GET /api/v1/users/{id}',                   200,  200,   200,  200,    200],
  ['POST /api/v1/users',                       201,  F,     F,    F,      F],
  ['PATCH /api/v1/users/{id}',                 200,  F,     F,    F,      F],
  ['POST /api/v1/users/{id}/disable',          200,  F,     F,    F,      F],
  ['POST /api/v1/users/{id}/enable',           200,  F,     F,    F,      F],
  ['GET /api/v1/permissions',                  200,  F,     F,    F,      F],
  ['GET /api/v1/roles',                        200,  F,     F,    F,      F],
  ['GET /api/v1/roles/{code}',                 200,  F,     F,    F,      F],
  ['POST /api/v1/roles',                       201,  F,     F,    F,      F],
  ['PATCH /api/v1/roles/{code}',               200,  F,     F,    F,      F],
  ['DELETE /api/v1/roles/{code}',              204,  F,     F,    F,      F],
  ['GET /api/v1/departments',                  200,  200,   200,  200,    200],
  ['GET /api/v1/departments/{id}',             200,  200,   200,  200,    200],
  ['POST /api/v1/departments',                 201,  F,     F,    F,      F],
  ['PATCH /api/v1/departments/{id}',           200,  F,     F,    F,      F],
  ['DELETE /api/v1/departments/{id}',          204,  F,     F,    F,      F],
  ['GET /api/v1/settings',                     200,  200,   200,  200,    200],
  ['PATCH /api/v1/settings',                   200,  F,     F,    F,      F],
  ['GET /api/v1/periods',                      200,  200,   200,  200,    200],
  ['POST /api/v1/periods/{month}/close',       200,  200,   F,    F,      F],
  ['POST /api/v1/periods/{month}/reopen',      200,  F,     F,    F,      F],
];

let t: TestApp;
let tenantId: string;
const sessions = {} as Record<(typeof roles)[number], TestSession>;
let serial = 0;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'matrix');
  for (const role of roles) sessions[role] = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: `${role}-1`, role }));
});
afterAll(async () => t?.close());

const system = () => systemActor(tenantId);
const user = async (disabled = false) => {
  const id = await createUser(t.db, tenantId, { login: `fixture-${++serial}`, role: 'sales' });
  if (disabled) await t.db.updateTable('users').set({ disabled_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  return id;
};
const role = async () => (await createRole(t.db, system(), { code: `custom_${++serial}`, name: 'c', permissions: ['orders.view'], dataScope: 'own' })).code;
const department = async () => (await createDepartment(t.db, system(), { code: `D${++serial}`, name: 'd' })).id;
/** A month of its own for each call, far enough back to have begun. */
const month = () => addMonths('2000-01', ++serial);

/** A fresh target for each call, so every role meets the same situation. */
const requests: Record<string, () => Promise<{ url: string; payload?: object }>> = {
  'GET /api/v1/users': async () => ({ url: '/api/v1/users' }),
  'GET /api/v1/users/{id}': async () => ({ url: `/api/v1/users/${await user()}` }),
  'POST /api/v1/users': async () => ({ url: '/api/v1/users', payload: { login: `new-${++serial}`, displayName: 'n', role: 'sales', password: 'Lantern-Harbour-42' } }),
  'PATCH /api/v1/users/{id}': async () => ({ url: `/api/v1/users/${await user()}`, payload: { displayName: 'changed' } }),
  'POST /api/v1/users/{id}/disable': async () => ({ url: `/api/v1/users/${await user()}/disable` }),
  'POST /api/v1/users/{id}/enable': async () => ({ url: `/api/v1/users/${await user(true)}/enable` }),
  'GET /api/v1/permissions': async () => ({ url: '/api/v1/permissions' }),
  'GET /api/v1/roles': async () => ({ url: '/api/v1/roles' }),
  'GET /api/v1/roles/{code}': async () => ({ url: '/api/v1/roles/finance' }),
  'POST /api/v1/roles': async () => ({ url: '/api/v1/roles', payload: { code: `new_${++serial}`, name: 'n', permissions: ['orders.view'], dataScope: 'own' } }),
  'PATCH /api/v1/roles/{code}': async () => ({ url: `/api/v1/roles/${await role()}`, payload: { name: 'changed' } }),
  'DELETE /api/v1/roles/{code}': async () => ({ url: `/api/v1/roles/${await role()}` }),
  'GET /api/v1/departments': async () => ({ url: '/api/v1/departments' }),
  'GET /api/v1/departments/{id}': async () => ({ url: `/api/v1/departments/${await department()}` }),
  'POST /api/v1/departments': async () => ({ url: '/api/v1/departments', payload: { code: `N${++serial}`, name: 'n' } }),
  'PATCH /api/v1/departments/{id}': async () => ({ url: `/api/v1/departments/${await department()}`, payload: { name: 'changed' } }),
  'DELETE /api/v1/departments/{id}': async () => ({ url: `/api/v1/departments/${await department()}` }),
  'GET /api/v1/settings': async () => ({ url: '/api/v1/settings' }),
  'PATCH /api/v1/settings': async () => ({ url: '/api/v1/settings', payload: { graceDays: ++serial % 300 } }),
  'GET /api/v1/periods': async () => ({ url: '/api/v1/periods' }),
  'POST /api/v1/periods/{month}/close': async () => ({ url: `/api/v1/periods/${month()}/close` }),
  'POST /api/v1/periods/{month}/reopen': async () => {
    const m = month();
    await closePeriod(t.db, system(), m);
    return { url: `/api/v1/periods/${m}/reopen`, payload: { reason: 'matrix test' } };
  },
};

async function auditCount() {
  const row = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('role × permission matrix of the administration routes', () => {
  it.each(matrix)('%s', async (route, ...expected) => {
    const method = route.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE';
    const got: Record<string, number> = {};
    for (const [i, who] of roles.entries()) {
      const { url, payload } = await requests[route]!();
      const before = await auditCount();
      const res = await t.app.inject(as(sessions[who], { method, url, ...(payload ? { payload } : {}) }));
      got[who] = res.statusCode;
      if (res.statusCode === 403) expect(res.json().code).toBe('forbidden');
      // A change is audited exactly once; a read or a refusal writes nothing.
      expect(await auditCount(), `${who}: ${res.body}`).toBe(before + (method !== 'GET' && res.statusCode < 300 ? 1 : 0));
      expect(res.statusCode, `${who}: ${res.body}`).toBe(expected[i]);
    }
    expect(Object.values(got)).toEqual(expected);
  });

  it('covers every route of these resources in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const mine = new Set(['users', 'roles', 'departments', 'settings', 'periods']);
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).filter(([, op]) => op.tags?.some((tag) => mine.has(tag))).map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(matrix.map((row) => row[0]).sort());
  });

  it('without a session every one of them is 401, and writes nothing', async () => {
    for (const [route] of matrix) {
      const { url, payload } = await requests[route]!();
      const before = await auditCount();
      const res = await t.app.inject({ method: route.split(' ')[0] as 'GET', url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, route).toBe(401);
      expect(await auditCount()).toBe(before);
    }
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/app/actor.js';
import { appendAudit } from '../src/app/audit.js';
import { inTransaction } from '../src/app/transaction.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

let t: TestApp;
let tenantId: string;
let admin: { id: string; session: TestSession };
let auditor: TestSession;
let sales: TestSession;
let plainAuditor: TestSession; // audit.view without sensitive.view
let otherAdmin: TestSession;
let t0: string; // an instant between the first and the later records

interface Record { seq: number; id: string; action: string; actor: { kind: string; id: string | null; label: string }; entity: { type: string; id: string | null }; before: unknown; after: unknown; reason: string | null; occurredAt: string; ip: string | null; userAgent: string | null }

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'audit-api');
  await t.db.insertInto('roles').values({ tenant_id: tenantId, code: 'trail_reader', name: 'Trail reader', permissions: ['audit.view'], data_scope: 'all' }).execute();
  const adminId = await createUser(t.db, tenantId, { login: 'boss', role: 'admin' });
  admin = { id: adminId, session: await sessionFor(t.db, tenantId, adminId) };
  auditor = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'auditor', role: 'auditor' }));
  sales = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'rep', role: 'sales' }));
  plainAuditor = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'reader', role: 'trail_reader' }));
  const otherTenant = await newTenant(t.db, 'audit-api-other');
  otherAdmin = await sessionFor(t.db, otherTenant, await createUser(t.db, otherTenant, { login: 'other-boss', role: 'admin' }));

  // Record 1: a system change carrying a phone number and a payer account.
  await inTransaction(t.db, (trx) =>
    appendAudit(trx, systemActor(tenantId, 'import'), {
      action: 'customer.contact_changed', entityType: 'customer', entityId: 'C-PHONE',
      before: { phone: '13812345678', payer: { payerAccount: '6222021234561234' } }, after: { phone: '13987654321', note: 'kept' }, reason: 'customer called',
    }),
  );
  await new Promise((r) => setTimeout(r, 5));
  t0 = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  // Records 2–6: customers created by the admin through the API.
  for (let i = 1; i <= 5; i++) {
    const res = await t.app.inject(as(admin.session, { method: 'POST', url: '/api/v1/customers', payload: { code: `A${i}`, name: `客户 ${i}` }, headers: { 'user-agent': 'audit-test/1' } }));
    expect(res.statusCode, res.body).toBe(201);
  }
  // One record in the other tenant, which must never show here.
  await t.app.inject(as(otherAdmin, { method: 'POST', url: '/api/v1/customers', payload: { code: 'B1', name: 'other tenant customer' } }));
});
afterAll(async () => t?.close());

async function list(session: TestSession, query = ''): Promise<{ items: Record[]; nextCursor: string | null }> {
  const res = await t.app.inject(as(session, { method: 'GET', url: `/api/v1/audit${query}` }));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('GET /api/v1/audit', () => {
  it('lists the tenant’s records newest first, with who, when, from where, what and why', async () => {
    const { items, nextCursor } = await list(auditor);
    expect(items.map((r) => r.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(nextCursor).toBeNull();
    const created = items[0]!;
    expect(created).toMatchObject({
      action: 'customer.created',
      actor: { kind: 'user', id: admin.id, label: 'boss' },
      userAgent: 'audit-test/1',
      entity: { type: 'customer' },
      before: null,
      after: { code: 'A5', name: '客户 5', ownerId: null, departmentId: null },
      reason: null,
    });
    expect(created.ip).toBeTruthy();
    expect(new Date(created.occurredAt).toISOString()).toBe(created.occurredAt);
    expect(items[5]).toMatchObject({ actor: { kind: 'system', id: null, label: 'import' }, reason: 'customer called', entity: { type: 'customer', id: 'C-PHONE' } });
  });

  it('never shows another tenant’s records', async () => {
    const mine = await list(auditor);
    expect(JSON.stringify(mine)).not.toContain('other tenant customer');
    const theirs = await list(otherAdmin);
    expect(theirs.items.map((r) => r.after)).toEqual([{ code: 'B1', name: 'other tenant customer', ownerId: null, departmentId: null }]);
  });

  it('filters by actor, action, entity and time', async () => {
    expect((await list(auditor, `?actor=${admin.id}`)).items.map((r) => r.seq)).toEqual([6, 5, 4, 3, 2]);
    expect((await list(auditor, '?action=customer.contact_changed')).items.map((r) => r.seq)).toEqual([1]);
    expect((await list(auditor, '?entityType=customer&entityId=C-PHONE')).items.map((r) => r.seq)).toEqual([1]);
    expect((await list(auditor, '?entityType=user')).items).toEqual([]);
    expect((await list(auditor, `?from=${encodeURIComponent(t0)}`)).items.map((r) => r.seq)).toEqual([6, 5, 4, 3, 2]);
    expect((await list(auditor, `?to=${encodeURIComponent(t0)}`)).items.map((r) => r.seq)).toEqual([1]);
  });

  it('pages by cursor without skipping or repeating a record', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(auditor, `?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((r) => r.seq));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('refuses a cursor it did not hand out, and limits beyond the page size', async () => {
    const bad = await t.app.inject(as(auditor, { method: 'GET', url: '/api/v1/audit?cursor=not-a-cursor' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cursor' }] });
    const big = await t.app.inject(as(auditor, { method: 'GET', url: '/api/v1/audit?limit=100000' }));
    expect(big.statusCode).toBe(422);
    const badActor = await t.app.inject(as(auditor, { method: 'GET', url: '/api/v1/audit?actor=1%27%20or%201=1' }));
    expect(badActor.statusCode).toBe(422);
  });

  it.each([
    //  query                                                        field
    ['?from=2026-06-30T23:59:60Z',                                   ['from']], // a leap second: the format admits it, Date does not
    ['?to=2026-12-31T23:59:60%2B08:00',                              ['to']],
    ['?from=2016-12-31T23:59:60Z&to=2016-12-31T23:59:60Z',           ['from', 'to']],
  ])('refuses %s with 422 naming %j, not a 500', async (query, fields) => {
    const res = await t.app.inject(as(auditor, { method: 'GET', url: `/api/v1/audit${query}` }));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().code).toBe('validation_failed');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(fields);
  });

  it('refuses a cursor whose seq does not fit in a bigint (422), and takes the largest one that does', async () => {
    const cursor = (seq: string) => Buffer.from(JSON.stringify([seq])).toString('base64url');
    for (const seq of ['9223372036854775808', '9999999999999999999']) {
      const res = await t.app.inject(as(auditor, { method: 'GET', url: `/api/v1/audit?cursor=${cursor(seq)}` }));
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'cursor' }] });
    }
    expect((await list(auditor, `?cursor=${cursor('9223372036854775807')}`)).items.map((r) => r.seq)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('masks phone numbers and account numbers for readers without sensitive.view', async () => {
    const masked = (await list(plainAuditor, '?entityId=C-PHONE')).items[0]!;
    expect(masked.before).toEqual({ phone: '138****5678', payer: { payerAccount: '6222 **** **** 1234' } });
    expect(masked.after).toEqual({ phone: '139****4321', note: 'kept' });
    const full = (await list(auditor, '?entityId=C-PHONE')).items[0]!;
    expect(full.before).toEqual({ phone: '13812345678', payer: { payerAccount: '6222021234561234' } });
  });

  it('is for audit.view only: a sales rep is forbidden, no session is unauthenticated', async () => {
    const res = await t.app.inject(as(sales, { method: 'GET', url: '/api/v1/audit' }));
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
    expect((await t.app.inject(as(sales, { method: 'GET', url: '/api/v1/audit/verify' }))).statusCode).toBe(403);
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('says ok for an intact trail, and names the altered record after tampering; the other tenant stays ok', async () => {
    const intact = await t.app.inject(as(auditor, { method: 'GET', url: '/api/v1/audit/verify' }));
    expect(intact.json()).toEqual({ ok: true, problems: [] });

    const victim = await t.db.selectFrom('audit_log').select('id').where('tenant_id', '=', tenantId).where('seq', '=', 3n).executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
      await sql`UPDATE audit_log SET reason = 'backdated' WHERE tenant_id = ${tenantId} AND seq = 3`.execute(trx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(trx);
    });
    const broken = await t.app.inject(as(auditor, { method: 'GET', url: '/api/v1/audit/verify' }));
    expect(broken.statusCode).toBe(200);
    expect(broken.json()).toMatchObject({ ok: false, problems: [{ seq: 3, id: victim.id, problem: 'altered' }] });
    expect(broken.json().problems).toHaveLength(1);

    const other = await t.app.inject(as(otherAdmin, { method: 'GET', url: '/api/v1/audit/verify' }));
    expect(other.json()).toEqual({ ok: true, problems: [] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEntry, postValidEntry } from '../src/app/ledger.js';
import { validateEntry } from '../src/core/ledger/entry.js';
import { newId } from '../src/app/ids.js';
import { testDatabaseKind } from './helpers/db.js';
import { invoice } from './helpers/ledger.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

let t: TestApp;
let tenantId: string;
let adminId: string;
let admin: TestSession;
let finance: TestSession;
let sales: TestSession;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'settings-acme');
  adminId = await createUser(t.db, tenantId, { login: 'root', role: 'admin' });
  admin = await sessionFor(t.db, tenantId, adminId);
  finance = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
  sales = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'rep', role: 'sales' }));
});
afterAll(async () => t?.close());

const patch = (session: TestSession, payload: object) => t.app.inject(as(session, { method: 'PATCH', url: '/api/v1/settings', payload }));
const read = async (session: TestSession) => (await t.app.inject(as(session, { method: 'GET', url: '/api/v1/settings' }))).json();

async function snapshot() {
  const tenant = await t.db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirstOrThrow();
  const audit = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return { tenant, audit: Number(audit.n) };
}

async function lastAudit() {
  return t.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}

describe('tenant settings', () => {
  it('every signed-in user reads them; the defaults of a new tenant', async () => {
    expect(await read(sales)).toEqual({
      id: tenantId, slug: 'settings-acme', name: 'settings-acme', timeZone: 'Asia/Shanghai', baseCurrency: 'CNY', graceDays: 0,
      allowSelfConfirm: false, refundSecondApprovalAmount: null, sessionIdleMinutes: 30, sessionAbsoluteMinutes: 720, allowPrivateWebhookTargets: false,
    });
  });

  it('an admin changes them; the refund threshold is stored exactly in minor units; audited with before and after', async () => {
    const res = await patch(admin, { name: '宽象科技', timeZone: 'Europe/Berlin', graceDays: 5, allowSelfConfirm: true, refundSecondApprovalAmount: '5000.05', sessionIdleMinutes: 60, sessionAbsoluteMinutes: 480 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '宽象科技', timeZone: 'Europe/Berlin', graceDays: 5, allowSelfConfirm: true, refundSecondApprovalAmount: '5000.05', sessionIdleMinutes: 60, sessionAbsoluteMinutes: 480 });
    expect((await snapshot()).tenant.refund_second_approval_minor).toBe(500005n);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'settings.update', entity_type: 'tenant', entity_id: tenantId, actor_id: adminId });
    expect(audit.before).toMatchObject({ name: 'settings-acme', timeZone: 'Asia/Shanghai', graceDays: 0, refundSecondApprovalAmount: null });
    expect(audit.after).toMatchObject({ name: '宽象科技', timeZone: 'Europe/Berlin', graceDays: 5, refundSecondApprovalAmount: '5000.05' });
    expect(await read(sales)).toMatchObject({ name: '宽象科技', refundSecondApprovalAmount: '5000.05' });
  });

  const bad: [string, object, string, string][] = [
    //  case                                  body                                                        code                  field
    ['an unknown time zone',                 { timeZone: 'Mars/Olympus_Mons' },                             'validation_failed',  'timeZone'],
    ['an unknown currency',                  { baseCurrency: 'XYZ' },                                       'unknown_currency',   'baseCurrency'],
    ['a threshold with too many decimals',   { refundSecondApprovalAmount: '12.345' },                      'too_many_decimals',  'refundSecondApprovalAmount'],
    ['a threshold that is not a decimal',    { refundSecondApprovalAmount: '1e3' },                         'invalid_amount',     'refundSecondApprovalAmount'],
    ['a threshold of zero',                  { refundSecondApprovalAmount: '0.00' },                        'amount_not_positive', 'refundSecondApprovalAmount'],
    ['a threshold as a number (schema)',     { refundSecondApprovalAmount: 5000.05 },                       'validation_failed',  'refundSecondApprovalAmount'],
    ['grace days out of range (schema)',     { graceDays: 366 },                                            'validation_failed',  'graceDays'],
    ['idle longer than absolute',            { sessionIdleMinutes: 600, sessionAbsoluteMinutes: 300 },      'validation_failed',  'sessionIdleMinutes'],
    ['a blank name',                         { name: '   ' },                                               'validation_failed',  'name'],
    ['an unknown setting (schema)',          { slug: 'renamed' },                                           'validation_failed',  'slug'],
  ];
  it.each(bad)('refuses %s with 422, writing nothing', async (_case, body, code, field) => {
    const before = await snapshot();
    const res = await patch(admin, body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code, errors: [{ field }] });
    expect(await snapshot()).toEqual(before);
  });

  it('changing the currency needs the threshold again in the new one, parsed with its decimals', async () => {
    const before = await snapshot();
    expect((await patch(admin, { baseCurrency: 'JPY' })).json()).toMatchObject({ status: 422, errors: [{ field: 'refundSecondApprovalAmount' }] });
    expect((await patch(admin, { baseCurrency: 'JPY', refundSecondApprovalAmount: '800000.50' })).json()).toMatchObject({ code: 'too_many_decimals' });
    expect(await snapshot()).toEqual(before);
    const res = await patch(admin, { baseCurrency: 'JPY', refundSecondApprovalAmount: '800000' });
    expect(res.json()).toMatchObject({ baseCurrency: 'JPY', refundSecondApprovalAmount: '800000' });
    expect((await snapshot()).tenant.refund_second_approval_minor).toBe(800000n);
    expect((await patch(admin, { baseCurrency: 'CNY', refundSecondApprovalAmount: null })).json()).toMatchObject({ baseCurrency: 'CNY', refundSecondApprovalAmount: null });
  });

  it('the base currency is fixed once anything is posted (409); other settings still change', async () => {
    await postEntry(t.db, { tenantId }, invoice(await customer(), '10.00', 'CNY', '2026-11-02'));
    const before = await snapshot();
    expect((await patch(admin, { baseCurrency: 'USD' })).json()).toMatchObject({ status: 409, code: 'invalid_state' });
    expect(await snapshot()).toEqual(before);
    expect((await patch(admin, { baseCurrency: 'CNY', graceDays: 7 })).json()).toMatchObject({ baseCurrency: 'CNY', graceDays: 7 });
  });

  it('a patch that changes nothing writes no audit record', async () => {
    const before = await snapshot();
    expect((await patch(admin, { graceDays: 7 })).statusCode).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('finance and sales may read but not change settings', async () => {
    const before = await snapshot();
    for (const session of [finance, sales]) expect((await patch(session, { graceDays: 1 })).json()).toMatchObject({ status: 403, code: 'forbidden' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('changing the base currency while a posting is in flight', () => {
  // PGlite has one connection, so two transactions cannot overlap there; the server shows the lock at work.
  it.skipIf(testDatabaseKind === 'pglite')('waits for the first posting to commit, then refuses (409)', async () => {
    const fresh = await newTenant(t.db, 'settings-race');
    const freshAdmin = await sessionFor(t.db, fresh, await createUser(t.db, fresh, { login: 'root', role: 'admin' }));
    const customerId = newId();
    await t.db.insertInto('customers').values({ tenant_id: fresh, id: customerId, code: 'C1', name: 'c', owner_id: null, department_id: null }).execute();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let posted!: () => void;
    const postedInside = new Promise<void>((resolve) => (posted = resolve));
    const posting = t.db.transaction().execute(async (trx) => {
      await postValidEntry(trx, { tenantId: fresh }, validateEntry(invoice(customerId, '1.00', 'CNY', '2026-11-03')));
      posted();
      await held;
    });
    await postedInside;
    let answered = false;
    const changing = patch(freshAdmin, { baseCurrency: 'USD' }).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(answered).toBe(false); // waiting for the posting in flight
    release();
    await posting;
    expect((await changing).json()).toMatchObject({ status: 409, code: 'invalid_state' });
    expect((await t.db.selectFrom('tenants').select('base_currency').where('id', '=', fresh).executeTakeFirstOrThrow()).base_currency).toBe('CNY');
  });
});

async function customer(): Promise<string> {
  const id = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id, code: `C-${id.slice(-6)}`, name: 'c', owner_id: null, department_id: null }).execute();
  return id;
}

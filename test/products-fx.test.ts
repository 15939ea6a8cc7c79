import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/** Products and exchange rates: master data every order line and every foreign-currency booking refers to. */
let t: TestApp;
let tenantId: string;
const s: Record<'admin' | 'finance' | 'sales' | 'auditor', TestSession> = {} as never;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'products-fx');
  for (const role of ['admin', 'finance', 'sales', 'auditor'] as const) s[role] = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: role, role }));
});
afterAll(async () => t?.close());

const call = (who: keyof typeof s, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.app.inject(as(s[who], { method, url, payload }));

async function audits(action: string) {
  return t.db.selectFrom('audit_log').select(['before', 'after']).where('tenant_id', '=', tenantId).where('action', '=', action).orderBy('seq').execute();
}

describe('products', () => {
  let productId: string;

  it('settings.manage creates; everyone who reads orders reads them; nobody else changes them', async () => {
    const created = await call('admin', 'POST', '/api/v1/products', { code: 'SW-01', name: '软件许可', unit: '套' });
    expect(created.statusCode, created.body).toBe(201);
    productId = created.json().id;
    expect(created.json()).toMatchObject({ code: 'SW-01', name: '软件许可', unit: '套', active: true });
    await call('admin', 'POST', '/api/v1/products', { code: 'SV-02', name: '实施服务', unit: '人天' });
    for (const who of ['finance', 'sales', 'auditor'] as const) {
      const list = await call(who, 'GET', '/api/v1/products');
      expect(list.json().items.map((p: { code: string }) => p.code)).toEqual(['SV-02', 'SW-01']);
      const denied = await call(who, 'POST', '/api/v1/products', { code: `X-${who}`, name: 'x' });
      expect([who, denied.statusCode, denied.json().code]).toEqual([who, 403, 'forbidden']);
    }
    expect(await audits('product.created')).toHaveLength(2);
  });

  it('renames and deactivates with an audited before/after; a taken code is 409', async () => {
    const res = await call('admin', 'PATCH', `/api/v1/products/${productId}`, { name: '软件许可 v2', active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '软件许可 v2', active: false });
    expect(await audits('product.updated')).toEqual([{ before: { code: 'SW-01', name: '软件许可', unit: '套', active: true }, after: { code: 'SW-01', name: '软件许可 v2', unit: '套', active: false } }]);
    const taken = await call('admin', 'PATCH', `/api/v1/products/${productId}`, { code: 'SV-02' });
    expect([taken.statusCode, taken.json().code, taken.json().errors[0].field]).toEqual([409, 'already_exists', 'code']);
    const active = await call('sales', 'GET', '/api/v1/products?active=true');
    expect(active.json().items.map((p: { code: string }) => p.code)).toEqual(['SV-02']);
  });

  it('pages by code with an opaque cursor, and refuses a cursor it did not hand out', async () => {
    const first = (await call('sales', 'GET', '/api/v1/products?limit=1')).json();
    expect(first.items.map((p: { code: string }) => p.code)).toEqual(['SV-02']);
    const second = (await call('sales', 'GET', `/api/v1/products?limit=1&cursor=${first.nextCursor}`)).json();
    expect([second.items.map((p: { code: string }) => p.code), second.nextCursor]).toEqual([['SW-01'], null]);
    const bad = await call('sales', 'GET', '/api/v1/products?cursor=bm9wZQ');
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'validation_failed']);
  });

  it('refuses unknown fields, blank names and bad codes, writing nothing; another id is 404', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    for (const body of [{ code: 'A', name: 'a', price: '1.00' }, { code: 'B', name: '   ' }, { code: '-bad code', name: 'x' }, { code: 'C', name: 5 }]) {
      const res = await call('admin', 'POST', '/api/v1/products', body);
      expect([JSON.stringify(body), res.statusCode, res.json().code]).toEqual([JSON.stringify(body), 422, 'validation_failed']);
    }
    const missing = await call('admin', 'PATCH', '/api/v1/products/0190a000-0000-7000-8000-000000000000', { name: 'x' });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'not_found']);
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

describe('exchange rates', () => {
  it('records one rate per currency and day: 201 first, 200 when the same day is replaced, audited with both', async () => {
    const first = await call('finance', 'POST', '/api/v1/fx-rates', { currency: 'USD', rateDate: '2026-11-01', rate: '7.1234' });
    expect(first.statusCode, first.body).toBe(403); // finance has no settings.manage
    const created = await call('admin', 'POST', '/api/v1/fx-rates', { currency: 'USD', rateDate: '2026-11-01', rate: '7.1234' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ currency: 'USD', baseCurrency: 'CNY', rateDate: '2026-11-01', rate: '7.1234', source: 'manual' });
    const replaced = await call('admin', 'POST', '/api/v1/fx-rates', { currency: 'USD', rateDate: '2026-11-01', rate: '7.20' });
    expect([replaced.statusCode, replaced.json().rate]).toEqual([200, '7.2']);
    const same = await call('admin', 'POST', '/api/v1/fx-rates', { currency: 'USD', rateDate: '2026-11-01', rate: '7.2000' });
    expect(same.statusCode).toBe(200);
    await call('admin', 'POST', '/api/v1/fx-rates', { currency: 'USD', rateDate: '2026-11-05', rate: '7.15' });
    await call('admin', 'POST', '/api/v1/fx-rates', { currency: 'EUR', rateDate: '2026-11-05', rate: '7.7' });
    expect(await audits('fx_rate.recorded')).toHaveLength(3);
    // The unchanged repeat is no change, so it is not audited.
    expect(await audits('fx_rate.replaced')).toEqual([{ before: { currency: 'USD', rateDate: '2026-11-01', rate: '7.1234' }, after: { currency: 'USD', rateDate: '2026-11-01', rate: '7.2', baseCurrency: 'CNY' } }]);
  });

  it('lists latest first, by currency, a page at a time', async () => {
    const all = (await call('sales', 'GET', '/api/v1/fx-rates')).json();
    expect(all.items.map((r: { currency: string; rateDate: string; rate: string }) => [r.rateDate, r.currency, r.rate])).toEqual([
      ['2026-11-05', 'EUR', '7.7'],
      ['2026-11-05', 'USD', '7.15'],
      ['2026-11-01', 'USD', '7.2'],
    ]);
    const usd = (await call('auditor', 'GET', '/api/v1/fx-rates?currency=USD&limit=1')).json();
    expect(usd.items.map((r: { rateDate: string }) => r.rateDate)).toEqual(['2026-11-05']);
    const next = (await call('auditor', 'GET', `/api/v1/fx-rates?currency=USD&limit=1&cursor=${usd.nextCursor}`)).json();
    expect([next.items.map((r: { rateDate: string }) => r.rateDate), next.nextCursor]).toEqual([['2026-11-01'], null]);
  });

  it('refuses a number, too many decimals, zero, negative, an impossible date, the base currency or an unknown one, writing nothing', async () => {
    const before = await tenantSnapshot(t.db, tenantId);
    //  body                                                              status  code
    const cases: [object, number, string][] = [
      [{ currency: 'USD', rateDate: '2026-11-02', rate: 7.1 }, 422, 'invalid_amount'],
      [{ currency: 'USD', rateDate: '2026-11-02', rate: '7.12345678901' }, 422, 'validation_failed'],
      [{ currency: 'USD', rateDate: '2026-11-02', rate: '0' }, 422, 'validation_failed'],
      [{ currency: 'USD', rateDate: '2026-11-02', rate: '-7' }, 422, 'validation_failed'],
      [{ currency: 'USD', rateDate: '2026-02-30', rate: '7' }, 422, 'validation_failed'],
      [{ currency: 'CNY', rateDate: '2026-11-02', rate: '1' }, 422, 'validation_failed'],
      [{ currency: 'XYZ', rateDate: '2026-11-02', rate: '1' }, 422, 'unknown_currency'],
      [{ currency: 'USD', rateDate: '2026-11-02', rate: '7', source: 'bank' }, 422, 'validation_failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call('admin', 'POST', '/api/v1/fx-rates', body);
      expect([JSON.stringify(body), res.statusCode, res.json().code]).toEqual([JSON.stringify(body), status, code]);
    }
    expect(await tenantSnapshot(t.db, tenantId)).toEqual(before);
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/app/actor.js';
import { prepareExport } from '../src/app/exports/exports.js';
import { newId } from '../src/app/ids.js';
import { isKxError } from '../src/core/errors.js';
import { addDays, todayIn } from '../src/core/receivables/index.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { exportAudits as exportAuditsOf, pdfText } from './helpers/exports.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * Exports of the lists (CSV, XLSX, PDF) and the statement PDF, read back the way a user's tools read them:
 * CSV as text, XLSX through exceljs, PDF through poppler's pdftotext.
 *
 *   艾克米科技 (department East, owner rep): receipts 1,234.56 CNY (payer "=cmd|' /C calc'!A0", account
 *     6222021234561234), 10.00 CNY (payer "+1+2"), 99.99 USD (payer "-2+3"), 5 JPY (payer "@SUM(A1)"),
 *     pending 7.00 CNY (payer "\tTAB"); order 1,000.00 CNY at D−40 paid 400.00 by the first receipt… see below.
 *   北京测试 (no department): receipt 50.00 CNY (payer "\rCR").
 * The manager is in East without sensitive.view; the finance user sees everything; sales may not export.
 */
let t: TestApp;
let tenantId: string;
let today: string;
const session = {} as Record<'fin' | 'mgr' | 'rep' | 'stranger', TestSession>;
let acme: string;
let beijing: string;
let finActor: Actor;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'exports');
  await t.db.updateTable('tenants').set({ name: '款项示范公司' }).where('id', '=', tenantId).execute();
  const tz = (await t.db.selectFrom('tenants').select('time_zone').where('id', '=', tenantId).executeTakeFirstOrThrow()).time_zone;
  today = todayIn(tz);
  const east = newId();
  await t.db.insertInto('departments').values({ tenant_id: tenantId, id: east, code: 'EAST', name: '华东部', parent_id: null }).execute();
  const users = {} as Record<'fin' | 'mgr' | 'rep', string>;
  for (const [who, role, dept] of [['fin', 'finance', null], ['mgr', 'manager', east], ['rep', 'sales', east]] as const) {
    users[who] = await createUser(t.db, tenantId, { login: who, role, departmentId: dept });
    session[who] = await sessionFor(t.db, tenantId, users[who]);
  }
  const otherTenant = await newTenant(t.db, 'exports-other');
  session.stranger = await sessionFor(t.db, otherTenant, await createUser(t.db, otherTenant, { login: 'stranger', role: 'finance' }));

  acme = newId();
  beijing = newId();
  await t.db.insertInto('customers').values([
    { tenant_id: tenantId, id: acme, code: 'ACME', name: '艾克米科技', owner_id: users.rep, department_id: east },
    { tenant_id: tenantId, id: beijing, code: 'BJ', name: '北京测试', owner_id: null, department_id: null },
  ]).execute();
  const order = await seedConfirmedOrder(t.db, tenantId, { customerId: acme, signedDate: addDays(today, -40), instalments: [[addDays(today, -10), '1000.00']] });
  const receipts: [string, string, string, string, 'confirmed' | 'pending', [string, string][]?][] = [
    [acme, '1234.56', 'CNY', "=cmd|' /C calc'!A0", 'confirmed', [[order.orderId, '400.00']]],
    [acme, '10.00', 'CNY', '+1+2', 'confirmed'],
    [acme, '99.99', 'USD', '-2+3', 'confirmed'],
    [acme, '5', 'JPY', '@SUM(A1)', 'confirmed'],
    [acme, '7.00', 'CNY', '\tTAB', 'pending'],
    [beijing, '50.00', 'CNY', '\rCR', 'confirmed'],
  ];
  for (const [customerId, amount, currency, payer, status, allocations] of receipts) {
    const r = await seedConfirmedReceipt(t.db, tenantId, { customerId, amount, currency, status, receivedDate: addDays(today, -5), allocations });
    await t.db.updateTable('receipts').set({ payer_name: payer, payer_account: '6222021234561234' }).where('tenant_id', '=', tenantId).where('id', '=', r.receiptId).execute();
  }
  finActor = { tenantId, kind: 'user', id: users.fin, label: 'fin', userId: users.fin, departmentId: null, permissions: new Set(['*']), dataScope: 'all', ip: null, userAgent: null };
});
afterAll(async () => {
  await t?.close();
});

const get = (who: keyof typeof session, url: string) => t.app.inject(as(session[who], { method: 'GET', url }));

/** CSV rows split naively: the cells checked here hold no commas. */
const csvRows = (body: string) => body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);


const exportAudits = () => exportAuditsOf(t.db, tenantId);

describe('GET /exports/receipts', () => {
  it('CSV: BOM, Chinese titles, exact amounts, formula cells neutralised, full account for finance', async () => {
    const res = await get('fin', '/api/v1/exports/receipts?format=csv&sort=amount');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="__-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''%E6%94%B6%E6%AC%BE-/);
    expect(res.headers['x-export-rows']).toBe('6');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(res.body);
    expect(rows[0]).toMatch(/^收款编号,收款日期,客户编码,客户名称,类型,状态,渠道,币种,金额,/);
    expect(rows).toHaveLength(7);
    const text = res.body;
    // = + - @ tab CR at the start of a cell get a leading quote (and CR forces quoting).
    expect(text).toContain(`'=cmd|' /C calc'!A0`);
    expect(text).toContain(`,'+1+2,`);
    expect(text).toContain(`,'-2+3,`);
    expect(text).toContain(`,'@SUM(A1),`);
    expect(text).toContain(`,'\tTAB,`);
    expect(text).toContain(`,"'\rCR",`);
    expect(text).not.toMatch(/,[=+@\t]/);
    expect(text).toContain(',艾克米科技,');
    expect(text).toContain(',CNY,1234.56,400.00,834.56,0.00,');
    expect(text).toContain(',JPY,5,0,5,0,');
    expect(text).toContain(',6222021234561234,');
  });

  it('the list filters apply, and a bad filter is refused before anything is written or audited', async () => {
    const before = (await exportAudits()).length;
    const usd = await get('fin', '/api/v1/exports/receipts?format=csv&currency=USD');
    expect(csvRows(usd.body)).toHaveLength(2);
    const pending = await get('fin', '/api/v1/exports/receipts?format=csv&status=pending&lang=en');
    expect(csvRows(pending.body)[0]).toMatch(/^Number,Received,Customer code,Customer,/);
    expect(csvRows(pending.body)).toHaveLength(2);
    const bad = await get('fin', '/api/v1/exports/receipts?format=csv&amountMin=1');
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json().code).toBe('validation_failed');
    const unknown = await get('fin', '/api/v1/exports/receipts?format=docx');
    expect(unknown.statusCode).toBe(422);
    expect((await exportAudits()).length).toBe(before + 2);
  });

  it('data scope and masking: the manager sees East only, the payer account masked', async () => {
    const res = await get('mgr', '/api/v1/exports/receipts?format=csv');
    expect(res.statusCode, res.body).toBe(200);
    const text = res.body;
    expect(csvRows(text)).toHaveLength(6);
    expect(text).not.toContain('北京测试');
    expect(text).not.toContain('6222021234561234');
    expect(text).toContain(',6222 **** **** 1234,');
  });

  it('needs data.export (sales may read the list but not export it); another tenant sees none of it', async () => {
    const res = await get('rep', '/api/v1/exports/receipts?format=csv');
    expect(res.statusCode).toBe(403);
    expect((await get('rep', '/api/v1/receipts')).statusCode).toBe(200);
    const stranger = await get('stranger', '/api/v1/exports/receipts?format=csv');
    expect(csvRows(stranger.body)).toHaveLength(1);
  });

  it('XLSX: typed cells — money numbers with the currency decimals, dates as dates, formulas as plain text', async () => {
    const res = await get('fin', '/api/v1/exports/receipts?format=xlsx&sort=amount');
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('收款');
    expect(sheet.rowCount).toBe(7);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (title: string) => header.indexOf(title) + 1;
    const byPayer = (payer: string) => sheet.getRows(2, 6)!.find((r) => r.getCell(col('付款人')).value === payer)!;
    const big = byPayer("=cmd|' /C calc'!A0");
    expect(big.getCell(col('金额')).value).toBe(1234.56);
    expect(big.getCell(col('金额')).numFmt).toBe('#,##0.00');
    expect(big.getCell(col('收款日期')).value).toEqual(new Date(`${addDays(today, -5)}T00:00:00Z`));
    expect(big.getCell(col('付款人')).type).toBe(ExcelJS.ValueType.String);
    expect(big.getCell(col('客户名称')).value).toBe('艾克米科技');
    const yen = byPayer('@SUM(A1)');
    expect(yen.getCell(col('金额')).value).toBe(5);
    expect(yen.getCell(col('金额')).numFmt).toBe('#,##0');
    expect(byPayer('-2+3').getCell(col('金额')).value).toBe(99.99);
  });

  it('PDF: a table with the Chinese names and amounts', async () => {
    const res = await get('fin', '/api/v1/exports/receipts?format=pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('艾克米科技');
    expect(text).toContain('北京测试');
    expect(text).toContain('1,234.56');
    expect(text).toContain('收款编号');
  });

  it('more rows than the bound: export_too_large before anything is written', async () => {
    const error = await prepareExport(t.db, finActor, { source: 'receipts', format: 'csv', language: 'zh', filter: {} }, 5).catch((e: unknown) => e);
    expect(isKxError(error, 'export_too_large')).toBe(true);
    const exact = await prepareExport(t.db, finActor, { source: 'receipts', format: 'csv', language: 'zh', filter: {} }, 6);
    expect(exact.itemCount).toBe(6);
  });

  it('every export is audited: who, source, format, filters, row count', async () => {
    const audits = await exportAudits();
    expect(audits.length).toBeGreaterThanOrEqual(6);
    expect(audits).toContainEqual(expect.objectContaining({ actor_label: expect.any(String), after: { source: 'receipts', format: 'csv', language: 'zh', filters: { currency: 'USD' }, rowCount: 1 } }));
    expect(audits).toContainEqual(expect.objectContaining({ after: expect.objectContaining({ source: 'receipts', format: 'xlsx', rowCount: 6 }) }));
  });
});

describe('other sources', () => {
  it('orders, refunds and customers (one row per customer and currency)', async () => {
    const orders = await get('fin', '/api/v1/exports/orders?format=csv');
    expect(orders.statusCode, orders.body).toBe(200);
    expect(orders.body).toContain(',艾克米科技,');
    expect(orders.body).toContain(',CNY,1000.00,400.00,0.00,0.00,600.00');
    const refunds = await get('fin', '/api/v1/exports/refunds?format=xlsx');
    expect(refunds.statusCode, refunds.body).toBe(200);
    const customers = await get('mgr', '/api/v1/exports/customers?format=csv');
    expect(customers.statusCode, customers.body).toBe(200);
    const rows = csvRows(customers.body);
    expect(rows[0]).toMatch(/^客户编码,客户名称,/);
    expect(rows.filter((r) => r.startsWith('ACME,')).length).toBeGreaterThanOrEqual(3);
    expect(customers.body).not.toContain('北京测试');
  });
});

describe('GET /customers/:id/statement.pdf', () => {
  it('tenant and customer in Chinese, period, opening and closing balance, movements, per currency', async () => {
    const from = addDays(today, -30);
    const res = await get('rep', `/api/v1/customers/${acme}/statement.pdf?from=${from}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('对账单-艾克米科技')}`);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('款项示范公司');
    expect(text).toContain('客户对账单');
    expect(text).toContain('艾克米科技 (ACME)');
    expect(text).toContain(`${from} – ${today}`);
    // CNY: opening 1,000.00 (the order at D−40); receipts at D−5: 1,234.56 (400.00 to the order, the rest
    // advance), 10.00 → closing 1,000.00 − 1,244.56 = −244.56 (paid ahead).
    expect(text).toMatch(/期初余额: 1,000\.00 CNY/);
    expect(text).toMatch(/期末余额: -244\.56 CNY/);
    expect(text).toContain('1,234.56');
    // USD and JPY sections: the receipts make advances.
    expect(text).toMatch(/期末余额: -99\.99 USD/);
    expect(text).toMatch(/期末余额: -5 JPY/);
    const english = pdfText((await get('fin', `/api/v1/customers/${acme}/statement.pdf?from=${from}&to=${today}&lang=en`)).rawPayload);
    expect(english).toContain('Statement of account');
    expect(english).toContain('艾克米科技');
  });

  it('out of scope or another tenant: 404; a bad period: 422', async () => {
    expect((await get('mgr', `/api/v1/customers/${beijing}/statement.pdf`)).statusCode).toBe(404);
    expect((await get('stranger', `/api/v1/customers/${acme}/statement.pdf`)).statusCode).toBe(404);
    const bad = await get('fin', `/api/v1/customers/${acme}/statement.pdf?from=2026-02-30`);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('invalid_date');
  });
});

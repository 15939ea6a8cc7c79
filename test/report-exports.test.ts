import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/app/actor.js';
import { newId } from '../src/app/ids.js';
import { prepareReportExport } from '../src/app/reports/export.js';
import { isKxError } from '../src/core/errors.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { exportAudits as exportAuditsOf, pdfText } from './helpers/exports.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { seedConfirmedReceipt } from './helpers/receipts-fixture.js';

/**
 * Exports of report results, read back the way a user's tools read them (CSV parsed, XLSX through exceljs, PDF
 * through pdftotext) and compared with the report's own JSON. A ledger small enough to check by hand (CNY):
 *
 *   order  customer (owner)   instalments                          receipts allocated            unpaid
 *   O1     客户A (rep1)        2026-01-20 1,000.00, 2026-02-20 1,000.00   R1 2026-01-30 600.00 (to I1)   400.00 + 1,000.00 = 1,400.00
 *   O2     客户B (rep2)        2026-02-01   500.00                   R2 2026-02-01 300.00 (alipay)       200.00
 *
 * Rows are labelled "code name" (A 客户A), as the reports label them.
 *
 *   pivot by customer, received, 2026-01-01 – 2026-03-31: A 600.00, B 300.00, total 900.00
 *   aging by customer (every instalment long past due): A 1,400.00, B 200.00, total 1,600.00
 *
 * rep1 holds a custom role: viewing customers, orders and receipts plus data.export, own customers only. The built-in
 * sales role lacks data.export; the viewer lacks receipts.view.
 */
let t: TestApp;
let tenantId: string;
const session = {} as Record<'finance' | 'rep1' | 'sales' | 'viewer' | 'stranger', TestSession>;
let financeActor: Actor;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'report-exports');
  await t.db.insertInto('roles').values([
    { tenant_id: tenantId, code: 'sales_export', name: 'Sales who export', permissions: ['customers.view', 'orders.view', 'receipts.view', 'data.export'], data_scope: 'own' },
    { tenant_id: tenantId, code: 'viewer', name: 'Viewer', permissions: ['customers.view', 'data.export'], data_scope: 'all' },
  ]).execute();
  const users: Record<string, string> = {};
  for (const [who, role] of [['finance', 'finance'], ['rep1', 'sales_export'], ['rep2', 'sales'], ['sales', 'sales'], ['viewer', 'viewer']] as const) {
    users[who] = await createUser(t.db, tenantId, { login: who, role });
    if (who !== 'rep2') session[who] = await sessionFor(t.db, tenantId, users[who]);
  }
  const other = await newTenant(t.db, 'report-exports-other');
  session.stranger = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'fin', role: 'finance' }));
  const customer: Record<'A' | 'B', string> = { A: newId(), B: newId() };
  for (const [name, owner] of [['A', 'rep1'], ['B', 'rep2']] as const) {
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: customer[name], code: name, name: `客户${name}`, owner_id: users[owner]!, department_id: null }).execute();
  }
  const o1 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.A, signedDate: '2026-01-05', instalments: [['2026-01-20', '1000.00'], ['2026-02-20', '1000.00']] });
  const o2 = await seedConfirmedOrder(t.db, tenantId, { customerId: customer.B, signedDate: '2026-01-10', instalments: [['2026-02-01', '500.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.A, amount: '600.00', receivedDate: '2026-01-30', allocations: [[o1.orderId, '600.00']] });
  await seedConfirmedReceipt(t.db, tenantId, { customerId: customer.B, amount: '300.00', channel: 'alipay', receivedDate: '2026-02-01', allocations: [[o2.orderId, '300.00']] });
  financeActor = { ...systemActor(tenantId), kind: 'user', id: users.finance!, userId: users.finance!, label: 'finance' };
});
afterAll(async () => {
  await t?.close();
});

const get = (who: keyof typeof session, url: string) => t.app.inject(as(session[who], { method: 'GET', url: `/api/v1${url}` }));
const post = (who: keyof typeof session, url: string, payload: unknown) => t.app.inject(as(session[who], { method: 'POST', url: `/api/v1${url}`, payload: payload as object }));

const pivotBody = { dimensions: ['customer'], measures: ['received'], from: '2026-01-01', to: '2026-03-31', currency: 'CNY' };
const agingQuery = 'currency=CNY&groupBy=customer';

/** The CSV's rows as arrays of cells (the BOM dropped). */
const csvOf = (body: string): string[][] => parse(body.replace(/^\uFEFF/, ''), { relaxColumnCount: false }) as string[][];


const exportAudits = () => exportAuditsOf(t.db, tenantId);

describe('report exports', () => {
  it('aging as CSV holds the figures of the report\'s own JSON, row by row, with the file headers of the list exports', async () => {
    const json = (await get('finance', `/reports/aging?${agingQuery}`)).json() as { buckets: string[]; rows: { label: string; amounts: string[]; total: string }[]; totals: { amounts: string[]; total: string } };
    expect(json.rows.map((r) => [r.label, r.total])).toEqual([['A 客户A', '1400.00'], ['B 客户B', '200.00']]);
    expect(json.totals.total).toBe('1600.00');

    const res = await get('finance', `/reports/aging/export?format=csv&${agingQuery}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[^"]*\.csv"; filename\*=UTF-8''%E8%B4%A6%E9%BE%84%E5%88%86%E6%9E%90-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(res.headers['x-export-rows']).toBe('3');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [head, ...rows] = csvOf(res.body);
    expect(head).toEqual(['客户', '未到期', ...json.buckets.slice(1).map((b) => `${b} 天`), '合计']);
    // Each row: the label, each bucket's amount, the total — exactly the JSON's strings; the totals row last.
    expect(rows).toEqual([
      ...json.rows.map((r) => [r.label, ...r.amounts, r.total]),
      ['合计', ...json.totals.amounts, json.totals.total],
    ]);
  });

  it('the pivot (POST, the report\'s own body) as XLSX: typed numbers that add up, English titles', async () => {
    const json = (await post('finance', '/reports/pivot', pivotBody)).json() as { rows: { labels: { customer: string }; values: { received: string } }[]; totals: { received: string } };
    expect(json.rows.map((r) => [r.labels.customer, r.values.received])).toEqual([['A 客户A', '600.00'], ['B 客户B', '300.00']]);

    const res = await post('finance', '/reports/pivot/export?format=xlsx&lang=en', pivotBody);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''Pivot-`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Customer', 'Received']);
    const cells = [2, 3, 4].map((n) => [sheet.getRow(n).getCell(1).value, sheet.getRow(n).getCell(2).value]);
    // 600.00 + 300.00 = 900.00, as numbers a spreadsheet can add.
    expect(cells).toEqual([['A 客户A', 600], ['B 客户B', 300], ['Total', 900]]);
    expect(typeof sheet.getRow(2).getCell(2).value).toBe('number');
  });

  it('aging as a PDF in Chinese: pdftotext finds the title, a label and the amounts', async () => {
    const res = await get('finance', `/reports/aging/export?format=pdf&lang=zh&${agingQuery}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('账龄分析');
    expect(text).toContain('客户A');
    expect(text).toContain('1,400.00');
    expect(text).toContain('1,600.00');
  });

  it('runs as the caller: rep1 exports only their own customer, and the audit record says what was exported', async () => {
    const res = await get('rep1', `/reports/aging/export?format=csv&${agingQuery}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = csvOf(res.body).slice(1);
    expect(rows.map((r) => [r[0], r.at(-1)])).toEqual([['A 客户A', '1400.00'], ['合计', '1400.00']]);
    expect(res.body).not.toContain('客户B');
    const last = (await exportAudits()).at(-1)!;
    expect(last.actor_label).toBe('rep1');
    expect(last.after).toEqual({ source: 'report', kind: 'aging', format: 'csv', language: 'zh', params: { currency: 'CNY', groupBy: 'customer' }, rowCount: 2 });
  });

  it('every report kind exports, each as its own GET (or POST for the pivot)', async () => {
    for (const url of ['/reports/collection/export?format=csv&from=2026-01-01&to=2026-03-31', '/reports/forecast/export?format=csv', '/reports/refunds/export?format=xlsx&from=2026-01-01&to=2026-03-31',
      '/reports/unallocated/export?format=csv', '/reports/reconciliation/export?format=pdf&lang=en&from=2026-01-01&to=2026-03-31']) {
      const res = await get('finance', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    }
  });

  it('bad kind, format or parameters, and missing permissions: 4xx with stable codes, nothing audited', async () => {
    const before = (await exportAudits()).length;
    const cases: [string, Promise<{ statusCode: number; json: () => { code: string } }>, number, string][] = [
      ['unknown kind', get('finance', '/reports/nope/export?format=csv'), 404, 'not_found'],
      ['no format', get('finance', `/reports/aging/export?${agingQuery}`), 422, 'validation_failed'],
      ['bad format', get('finance', `/reports/aging/export?format=docx&${agingQuery}`), 422, 'validation_failed'],
      ['bad language', get('finance', `/reports/aging/export?format=csv&lang=fr&${agingQuery}`), 422, 'validation_failed'],
      ['a parameter the report does not take', get('finance', '/reports/aging/export?format=csv&colour=red'), 422, 'validation_failed'],
      ['a bad grouping', get('finance', '/reports/aging/export?format=csv&groupBy=planet'), 422, 'validation_failed'],
      ['a bad date (the report\'s own check)', get('finance', '/reports/refunds/export?format=csv&from=2026-13-01&to=2026-12-31'), 422, 'validation_failed'],
      ['the pivot without measures', post('finance', '/reports/pivot/export?format=csv', { ...pivotBody, measures: [] }), 422, 'validation_failed'],
      ['the pivot over too long a range', post('finance', '/reports/pivot/export?format=csv', { ...pivotBody, from: '2000-01-01', to: '2026-03-31' }), 422, 'validation_failed'],
      ['the built-in sales role (no data.export)', get('sales', `/reports/aging/export?format=csv&${agingQuery}`), 403, 'forbidden'],
      ['no receipts.view', get('viewer', `/reports/aging/export?format=csv&${agingQuery}`), 403, 'forbidden'],
      ['reconciliation needs reconciliation.manage', get('rep1', '/reports/reconciliation/export?format=csv'), 403, 'forbidden'],
    ];
    for (const [name, pending, status, code] of cases) {
      const res = await pending;
      expect([res.statusCode, res.json().code], name).toEqual([status, code]);
    }
    expect((await exportAudits()).length).toBe(before);
  });

  it('another tenant\'s finance user exports their own (empty) figures, never ours', async () => {
    const res = await get('stranger', `/reports/aging/export?format=csv&${agingQuery}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain('客户A');
  });

  it('a file over the format\'s row bound is refused (export_too_large) before it is audited', async () => {
    const before = (await exportAudits()).length;
    // 3 rows (A, B, total) against a bound of 2; the PDF's real bound, exportPdfRowsMax, is above any report's own.
    const refused = await prepareReportExport(t.db, financeActor, { kind: 'aging', format: 'pdf', language: 'zh', params: { currency: 'CNY', groupBy: 'customer' } }, 2).catch((e: unknown) => e);
    expect(isKxError(refused, 'export_too_large')).toBe(true);
    expect((refused as { details: unknown }).details).toEqual({ rows: 3, rowsMax: 2, format: 'pdf' });
    expect((await exportAudits()).length).toBe(before);
  });

  it('is documented in the OpenAPI with its query', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, { tags: string[]; summary: string; parameters?: { name: string }[] }>> };
    const aging = doc.paths['/api/v1/reports/aging/export']!.get!;
    expect(aging.tags).toContain('reports');
    expect(aging.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['format', 'lang', 'currency', 'buckets', 'basis', 'groupBy']));
    expect(doc.paths['/api/v1/reports/pivot/export']!.post!.summary).toMatch(/data\.export/);
  });
});

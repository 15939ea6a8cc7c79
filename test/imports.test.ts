import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/app/audit.js';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { limits } from '../src/core/limits.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/**
 * Spreadsheet import through HTTP: upload → validated (every row, errors per row and column) → commit, then
 * what the ledger says: the records made, the balances they post, nothing written where nothing may be.
 */
let t: TestApp;
let tenantId: string;
let fin: TestSession;
let rep: TestSession;
let finId: string;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'imports');
  finId = await createUser(t.db, tenantId, { login: 'fin', role: 'finance' });
  fin = await sessionFor(t.db, tenantId, finId);
  rep = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'rep', role: 'sales' }));
  await t.db.insertInto('departments').values({ tenant_id: tenantId, id: newId(), code: 'EAST', name: '华东', parent_id: null }).execute();
});
afterAll(async () => t?.close());

type Kind = 'customers' | 'orders' | 'receipts';

async function upload(kind: Kind, body: string | Buffer, options: { format?: 'csv' | 'xlsx'; encoding?: string; who?: TestSession } = {}) {
  const format = options.format ?? 'csv';
  const contentType = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
  return t.app.inject(as(options.who ?? fin, {
    method: 'POST', url: `/api/v1/imports?kind=${kind}&format=${format}&filename=${kind}.${format}${options.encoding ? `&encoding=${options.encoding}` : ''}`,
    payload: body, headers: { 'content-type': contentType, 'idempotency-key': randomUUID() },
  }));
}

/** Polls the job until it stops running (background work), with the statuses it went through. */
async function settled(id: string, seen: Set<string> = new Set()) {
  for (let i = 0; i < 4_000; i++) {
    const res = await t.app.inject(as(fin, { method: 'GET', url: `/api/v1/imports/${id}` }));
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    seen.add(`${job.status}:${job.processedRows}`);
    if (!['validating', 'importing'].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('import did not finish');
}

async function validated(kind: Kind, body: string | Buffer, options: Parameters<typeof upload>[2] = {}) {
  const res = await upload(kind, body, options);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('validating');
  return settled(res.json().id);
}

async function commit(id: string, mode: 'all_or_nothing' | 'valid_only') {
  return t.app.inject(as(fin, { method: 'POST', url: `/api/v1/imports/${id}/commit`, payload: { mode }, headers: { 'idempotency-key': randomUUID() } }));
}

async function committed(id: string, mode: 'all_or_nothing' | 'valid_only') {
  const res = await commit(id, mode);
  expect(res.statusCode, res.body).toBe(202);
  return settled(id);
}

const csv = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

async function customerId(code: string): Promise<string> {
  return (await t.db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** A customer's balances as { 'account currency': balance } (debit positive), zero balances left out. */
async function balances(id: string) {
  const res = await t.app.inject(as(fin, { method: 'GET', url: `/api/v1/customers/${id}/balances` }));
  expect(res.statusCode, res.body).toBe(200);
  return Object.fromEntries(res.json().balances.filter((b: Record<string, string>) => !/^-?0(\.0+)?$/.test(b.balance!)).map((b: Record<string, string>) => [`${b.account} ${b.currency}`, b.balance]));
}

describe('customers', () => {
  it('imports a CSV with Chinese headers, English headers and both, and the customers read like typed ones', async () => {
    const job = await validated('customers', csv([
      '*客户编码 / code,客户名称,owner_login,部门编码,标签,联系人,联系电话',
      'C-001,上海甲公司,fin,EAST,VIP;华东,张三,13800000000',
      'C-002,北京乙公司,,,,,',
    ]));
    expect(job).toMatchObject({ status: 'validated', totalRows: 2, validRows: 2, errorRows: 0, errors: [] });
    const done = await committed(job.id, 'all_or_nothing');
    expect(done).toMatchObject({ status: 'done', mode: 'all_or_nothing', importedRows: 2, skippedRows: 0, processedRows: 2 });
    const c1 = await t.app.inject(as(fin, { method: 'GET', url: `/api/v1/customers/${await customerId('C-001')}` }));
    expect(c1.json()).toMatchObject({ code: 'C-001', name: '上海甲公司', ownerId: finId, tags: ['VIP', '华东'], contacts: [{ name: '张三', phone: '13800000000' }] });
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('tenant_id', '=', tenantId).where('action', 'in', ['customer.created', 'import.committed']).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['customer.created', 'customer.created', 'import.committed']);
    expect(audit[2]!.after).toMatchObject({ kind: 'customers', mode: 'all_or_nothing', importedRows: 2, skippedRows: 0 });
  });

  it('reports every bad cell by row and column; all_or_nothing is refused and writes nothing; valid_only writes exactly the valid rows', async () => {
    const job = await validated('customers', csv([
      '客户编码,客户名称,负责人登录名,部门编码,邮箱',
      'C-101,好客户,,,',
      'C-001,已存在,,,',
      'C-102,,nobody,WEST,not-an-email',
      'C-101,文件内重复,,,',
      '"=cmd|\' /C calc\'!A0",公式,,,',
    ]));
    expect(job).toMatchObject({ status: 'validated', totalRows: 5, validRows: 2, errorRows: 3 });
    expect(job.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [3, '客户编码', 'already_exists'],
      [4, '客户名称', 'validation_failed'],
      [4, '负责人登录名', 'not_found'],
      [4, '部门编码', 'not_found'],
      [4, '邮箱', 'validation_failed'],
      [4, '联系人 / contact_name', 'validation_failed'],
      [5, '客户编码', 'already_exists'],
    ]);
    expect(job.errors[6].message).toBe('customer code "C-101" is also in row 2 of this file');

    const before = await tenantSnapshot(t.db, tenantId, { exclude: ['imports', 'import_rows', 'sessions'] });
    const refused = await commit(job.id, 'all_or_nothing');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'import_invalid_rows' });
    expect(await tenantSnapshot(t.db, tenantId, { exclude: ['imports', 'import_rows', 'sessions'] })).toEqual(before);

    const done = await committed(job.id, 'valid_only');
    expect(done).toMatchObject({ status: 'done', mode: 'valid_only', importedRows: 2, skippedRows: 0, errorRows: 3 });
    const made = await t.db.selectFrom('customers').select(['code', 'name']).where('tenant_id', '=', tenantId).where('code', 'in', ['C-101', 'C-102', '=cmd|\' /C calc\'!A0']).orderBy('code').execute();
    expect(made).toEqual([{ code: '=cmd|\' /C calc\'!A0', name: '公式' }, { code: 'C-101', name: '好客户' }]);

    const report = await t.app.inject(as(fin, { method: 'GET', url: `/api/v1/imports/${job.id}/errors.csv` }));
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('行 / row,列 / column,代码 / code,说明 / message');
    expect(lines).toHaveLength(8);
    expect(lines[7]).toBe('5,客户编码,already_exists,"customer code ""C-101"" is also in row 2 of this file"');
  });

  it('reads GBK CSV (as Excel on Chinese Windows saves it) and UTF-8 with a BOM alike', async () => {
    const text = csv(['客户编码,客户名称', 'G-1,广州丙公司']);
    const gbk = await validated('customers', iconv.encode(text, 'gbk'));
    expect(gbk).toMatchObject({ status: 'validated', validRows: 1 });
    await committed(gbk.id, 'all_or_nothing');
    expect(await t.db.selectFrom('customers').select('name').where('tenant_id', '=', tenantId).where('code', '=', 'G-1').executeTakeFirst()).toEqual({ name: '广州丙公司' });
    const bom = await validated('customers', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(['code,name', 'B-1,深圳丁公司']))]));
    expect(bom).toMatchObject({ status: 'validated', validRows: 1, errors: [] });
  });

  it('refuses a broken file whole, before any job: unbalanced quotes, a missing required column, an oversized body', async () => {
    const quotes = await upload('customers', csv(['客户编码,客户名称', 'Q-1,"未闭合的引号']));
    expect(quotes.statusCode).toBe(422);
    expect(quotes.json().code).toBe('import_malformed');
    const missing = await upload('customers', csv(['客户名称', '无编码']));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().detail ?? missing.json().title).toContain('客户编码');
    const big = await upload('customers', Buffer.alloc(limits.importBytesMax + 1, 0x41));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('import_too_large');
    const notXlsx = await upload('customers', Buffer.from('not a zip'), { format: 'xlsx' });
    expect(notXlsx.statusCode).toBe(422);
    expect(notXlsx.json().code).toBe('import_malformed');
  });

  it('is data.import only: a sales rep may not import', async () => {
    const res = await upload('customers', csv(['客户编码,客户名称', 'R-1,x']), { who: rep });
    expect(res.statusCode).toBe(403);
  });

  it('serves templates: CSV with both header names, XLSX with typed cells and a sheet explaining the columns', async () => {
    const csvT = await t.app.inject(as(fin, { method: 'GET', url: '/api/v1/imports/templates/orders?format=csv' }));
    expect(csvT.statusCode).toBe(200);
    expect(csvT.body.replace(/^\uFEFF/, '').split('\r\n')[0]).toContain('*订单参考号 / order_ref,*客户编码 / customer_code');
    const xlsxT = await t.app.inject(as(fin, { method: 'GET', url: '/api/v1/imports/templates/orders?format=xlsx' }));
    expect(xlsxT.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsxT.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['数据 data', '说明 help']);
    const example = wb.worksheets[0]!.getRow(2);
    expect(example.getCell(5).value).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(example.getCell(6).value).toBe(1000);
  });
});

describe('orders with plans', () => {
  it('imports orders (one row per instalment), confirms them and posts the receivable; bad orders are reported per row', async () => {
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: newId(), code: 'OC-1', name: '订单客户', owner_id: null, department_id: null }).execute();
    const header = '订单参考号,客户编码,订单标题,币种,签订日期,订单金额,计划回款日期,计划回款金额,确认';
    const job = await validated('orders', csv([
      header,
      'PO-1,OC-1,年度服务,CNY,2026/11/1,"1,000.00",2026-12-01,600.00,是',
      'PO-1,,,,,,2027/1/1,400,',
      'PO-2,OC-1,单期合同,CNY,2026-11-05,250.5,,,',
      'PO-3,OC-1,合计不符,CNY,2026-11-05,300.00,2026-12-01,100.00,',
      'PO-3,,,,,,2026-12-31,100.00,',
      'PO-4,NOPE,坏行,CNY,2026-02-30,12.345,,,',
      'PO-5,OC-1,草稿,CNY,2026-11-05,99.00,,,否',
    ]));
    expect(job.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [5, '计划回款金额', 'plan_mismatch'],
      [6, '订单参考号', 'validation_failed'],
      [7, '客户编码', 'not_found'],
      [7, '签订日期', 'invalid_date'],
      [7, '订单金额', 'too_many_decimals'],
    ]);
    expect(job.errors[0].message).toBe('the instalments of order "PO-3" add up to 200.00 CNY; they must add up to the order total 300.00 CNY');
    expect(job.errors[3].message).toContain('"2026-02-30" is not a real date');
    expect(job).toMatchObject({ totalRows: 7, validRows: 4, errorRows: 3 });

    const done = await committed(job.id, 'valid_only');
    expect(done).toMatchObject({ status: 'done', importedRows: 4, skippedRows: 0 });
    const orders = await t.db.selectFrom('orders').select(['id', 'title', 'status', 'total_minor', 'signed_date']).where('tenant_id', '=', tenantId).orderBy('number').execute();
    expect(orders.map((o) => [o.title, o.status, o.total_minor, o.signed_date])).toEqual([
      ['年度服务', 'confirmed', 100000n, '2026-11-01'],
      ['单期合同', 'confirmed', 25050n, '2026-11-05'],
      ['草稿', 'draft', 9900n, '2026-11-05'],
    ]);
    const plan = await t.db.selectFrom('instalments').select(['due_date', 'amount_minor']).where('order_id', '=', orders[0]!.id).orderBy('seq').execute();
    expect(plan).toEqual([{ due_date: '2026-12-01', amount_minor: 60000n }, { due_date: '2027-01-01', amount_minor: 40000n }]);
    const single = await t.db.selectFrom('instalments').select(['due_date', 'amount_minor']).where('order_id', '=', orders[1]!.id).execute();
    expect(single).toEqual([{ due_date: '2026-11-05', amount_minor: 25050n }]);
    // Confirmed orders owe 1,000.00 + 250.50; the draft posts nothing.
    expect(await balances(await customerId('OC-1'))).toEqual({ 'accounts_receivable CNY': '1250.50', 'sales CNY': '-1250.50' });
  });
});

describe('receipts', () => {
  it('imports receipts pending (maker-checker) or confirmed when the file says so and the tenant allows it; source is the import row', async () => {
    const cid = newId();
    await t.db.insertInto('customers').values({ tenant_id: tenantId, id: cid, code: 'RC-1', name: '回款客户', owner_id: null, department_id: null }).execute();
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId: cid, signedDate: '2026-11-01', instalments: [['2099-01-01', '800.00']] });
    await t.db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
    const job = await validated('receipts', csv([
      '客户编码,收款金额,币种,收款渠道,收款日期,订单号,分配金额,确认',
      `RC-1,500.00,CNY,银行转账,2026-11-20,${order.number},300.00,是`,
      'RC-1,120,CNY,alipay,2026/11/21,,,',
      `RC-1,900.00,CNY,bank_transfer,2026-11-22,${order.number},,是`,
      'RC-2,1,CNY,cash,2026-11-22,,,',
      'RC-1,1.5,CNY,mail,2026-11-22,,,',
    ]));
    expect(job.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [4, '收款金额', 'exceeds_outstanding'],
      [5, '客户编码', 'not_found'],
      [6, '收款渠道', 'validation_failed'],
    ]);
    expect(job.errors[0].message).toBe(`order ${order.number} still owes 500.00 CNY after the rows above`);
    const done = await committed(job.id, 'valid_only');
    expect(done).toMatchObject({ status: 'done', importedRows: 2 });
    const receipts = await t.db.selectFrom('receipts').select(['status', 'amount_minor', 'allocated_minor', 'channel', 'received_date', 'source', 'source_ref'])
      .where('tenant_id', '=', tenantId).where('customer_id', '=', cid).orderBy('number').execute();
    expect(receipts).toEqual([
      { status: 'confirmed', amount_minor: 50000n, allocated_minor: 30000n, channel: 'bank_transfer', received_date: '2026-11-20', source: 'import', source_ref: `${job.id}:2` },
      { status: 'pending', amount_minor: 12000n, allocated_minor: 0n, channel: 'alipay', received_date: '2026-11-21', source: 'import', source_ref: `${job.id}:3` },
    ]);
    // 800.00 owed − 300.00 allocated; the other 200.00 of the confirmed receipt is an advance; the pending one moves nothing.
    expect(await balances(cid)).toEqual({ 'accounts_receivable CNY': '500.00', 'cash:bank_transfer CNY': '500.00', 'customer_advances CNY': '-200.00', 'sales CNY': '-800.00' });
    await t.db.updateTable('tenants').set({ allow_self_confirm: false }).where('id', '=', tenantId).execute();
  });

  it('reads XLSX typed cells exactly: numbers, Excel dates; a binary fraction that is not the amount written is refused', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('data');
    sheet.addRow(['customer_code', 'amount', 'currency', 'channel', 'received_date']);
    sheet.addRow(['RC-1', 1234.5, 'CNY', 'cash', new Date(Date.UTC(2026, 10, 23))]);
    sheet.addRow(['RC-1', 0.1 + 0.2, 'CNY', 'cash', new Date(Date.UTC(2026, 10, 23))]);
    sheet.addRow(['RC-1', 10, 'CNY', 'cash', 46000]);
    const job = await validated('receipts', Buffer.from(await wb.xlsx.writeBuffer()), { format: 'xlsx' });
    expect(job.errors.map((e: Record<string, unknown>) => [e.row, e.column, e.code])).toEqual([
      [3, 'amount', 'too_many_decimals'],
      [4, 'received_date', 'invalid_date'],
    ]);
    const done = await committed(job.id, 'valid_only');
    expect(done.importedRows).toBe(1);
    const made = await t.db.selectFrom('receipts').select(['amount_minor', 'received_date', 'status']).where('tenant_id', '=', tenantId).where('source_ref', '=', `${job.id}:2`).executeTakeFirstOrThrow();
    expect(made).toEqual({ amount_minor: 123450n, received_date: '2026-11-23', status: 'pending' });
  });

  it('all_or_nothing: one refused row at commit rolls everything back', async () => {
    const cid = await customerId('RC-1');
    const order = await seedConfirmedOrder(t.db, tenantId, { customerId: cid, signedDate: '2026-11-01', instalments: [['2099-01-01', '100.00']] });
    const job = await validated('receipts', csv([
      'customer_code,amount,currency,channel,received_date,order_number',
      'RC-1,10.00,CNY,cash,2026-11-24,',
      `RC-1,100.00,CNY,cash,2026-11-24,${order.number}`,
    ]));
    expect(job.errorRows).toBe(0);
    // Between validation and commit the order is paid by someone else: the use case refuses row 3 at commit.
    await t.db.updateTable('orders').set({ paid_minor: 5000n }).where('id', '=', order.orderId).execute();
    // The accepted commit request keeps its Idempotency-Key: the one row the tenant gains.
    const keys = async () => (await t.db.selectFrom('idempotency_keys').select('key').where('tenant_id', '=', tenantId).execute()).length;
    const keysBefore = await keys();
    const before = await tenantSnapshot(t.db, tenantId, { exclude: ['imports', 'import_rows', 'sessions', 'idempotency_keys'] });
    const failed = await committed(job.id, 'all_or_nothing');
    expect(await keys()).toBe(keysBefore + 1);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatchObject({ code: 'exceeds_outstanding' });
    expect(failed.failure.message).toContain('row 3');
    expect(await tenantSnapshot(t.db, tenantId, { exclude: ['imports', 'import_rows', 'sessions', 'idempotency_keys'] })).toEqual(before);
    await t.db.updateTable('orders').set({ paid_minor: 0n }).where('id', '=', order.orderId).execute();
  });

  it('leaves the ledger and the audit chain intact', async () => {
    const ledger = await verifyLedger(t.db);
    expect(ledger.ok, JSON.stringify(ledger)).toBe(true);
    expect(await verifyAuditChain(t.db, tenantId)).toEqual([]);
  });
});

// Sized to show progress between pages (the commit writes 100 records per transaction), not to measure speed:
// the time of a large import belongs in a benchmark, not in the suite CI runs on a busy machine.
describe('a 1,000-row customers import', () => {
  it('validates and commits, reporting progress on the way', async () => {
    const lines = ['客户编码,客户名称,标签'];
    for (let i = 0; i < 1_000; i++) lines.push(`BULK-${String(i).padStart(5, '0')},批量客户 ${i},批量`);
    const started = performance.now();
    const res = await upload('customers', csv(lines));
    expect(res.statusCode).toBe(202);
    const seen = new Set<string>();
    const job = await settled(res.json().id, seen);
    const validatedMs = performance.now() - started;
    expect(job).toMatchObject({ status: 'validated', totalRows: 1_000, validRows: 1_000, processedRows: 1_000 });
    const commitStarted = performance.now();
    expect((await commit(job.id, 'valid_only')).statusCode).toBe(202);
    const done = await settled(job.id, seen);
    const commitMs = performance.now() - commitStarted;
    expect(done).toMatchObject({ status: 'done', importedRows: 1_000 });
    const partial = [...seen].filter((s) => /^(validating|importing):/.test(s) && !s.endsWith(':0'));
    expect(partial.length, [...seen].join(' ')).toBeGreaterThan(0);
    console.log(`[imports] 1,000 customers: validated in ${Math.round(validatedMs)} ms, committed (valid_only) in ${Math.round(commitMs)} ms; progress seen: ${partial.slice(0, 6).join(' ')}`);
    const count = await t.db.selectFrom('customers').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).where('code', 'like', 'BULK-%').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1_000);
  }, 600_000);
});

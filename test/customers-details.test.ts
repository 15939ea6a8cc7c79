import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/app/actor.js';
import { newId } from '../src/app/ids.js';
import { postFor } from '../src/app/receivables/common.js';
import { verifyLedger } from '../src/app/verify.js';
import { tenantSnapshot } from './helpers/snapshot.js';
import { ledgerOf, orderWorld, type OrderWorld } from './orders-fixture.js';

/** Customers: contacts (masked without sensitive.view), tax id, tags, remarks, edits, and the money view. */
let w: OrderWorld;
let acme: string;
beforeAll(async () => {
  w = await orderWorld('customers-details');
  acme = (await w.ok('salesA', 'POST', '/api/v1/customers', {
    code: 'ACME', name: 'Acme 贸易', taxId: '91310000MA1FL8XQ3J', tags: ['vip', '华东', 'vip'], remarks: '月结 30 天',
    contacts: [{ name: '张三', title: '财务', phone: '13812345678', email: 'zhang.san@acme.cn' }, { name: '李四' }],
  })).id;
});
afterAll(async () => w?.close());

const stored = async () => w.t.db.selectFrom('customers').select(['contacts', 'tags', 'tax_id', 'remarks', 'owner_id', 'department_id']).where('id', '=', acme).executeTakeFirstOrThrow();

describe('contacts and details', () => {
  it('stores them whole (tags without repeats) and shows phone and e-mail only to those with sensitive.view', async () => {
    expect(await stored()).toMatchObject({ tags: ['vip', '华东'], tax_id: '91310000MA1FL8XQ3J', remarks: '月结 30 天' });
    //  who        phone           e-mail
    const seen: [string, string, string][] = [['salesA', '138****5678', 'z***@acme.cn'], ['manager', '138****5678', 'z***@acme.cn'], ['finance', '13812345678', 'zhang.san@acme.cn'], ['auditor', '13812345678', 'zhang.san@acme.cn']];
    for (const [who, phone, email] of seen) {
      const customer = await w.ok(who as never, 'GET', `/api/v1/customers/${acme}`);
      expect([who, customer.contacts]).toEqual([who, [{ name: '张三', title: '财务', phone, email }, { name: '李四' }]]);
    }
  });

  it('keeps the stored number when a masked value comes back unchanged, and takes new ones as sent', async () => {
    const shown = (await w.ok('salesA', 'GET', `/api/v1/customers/${acme}`)).contacts;
    const edited = await w.ok('salesA', 'PATCH', `/api/v1/customers/${acme}`, { contacts: [...shown, { name: '王五', phone: '+86 139 0000 1111' }], tags: ['vip'] });
    expect(edited.contacts.at(-1)).toEqual({ name: '王五', phone: '+86 139 **** 1111' });
    expect((await stored()).contacts).toEqual([
      { name: '张三', title: '财务', phone: '13812345678', email: 'zhang.san@acme.cn' },
      { name: '李四' },
      { name: '王五', phone: '+86 139 0000 1111' },
    ]);
    const audit = await w.t.db.selectFrom('audit_log').select(['before', 'after']).where('tenant_id', '=', w.tenantId).where('action', '=', 'customer.updated').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ tags: ['vip', '华东'] });
    expect(audit.after).toMatchObject({ tags: ['vip'], contacts: [{ name: '张三' }, { name: '李四' }, { name: '王五', phone: '+86 139 0000 1111' }] });
  });

  it('filters the list by tag, within the scope', async () => {
    const codes = async (who: 'salesA' | 'salesS' | 'finance', query: string) => (await w.ok(who, 'GET', `/api/v1/customers${query}`)).items.map((c: { code: string }) => c.code);
    expect(await codes('salesA', '?tag=vip')).toEqual(['ACME']);
    expect(await codes('finance', '?tag=vip')).toEqual(['ACME']);
    expect(await codes('salesS', '?tag=vip')).toEqual([]);
    expect(await codes('finance', '?tag=%E5%8D%8E%E4%B8%9C')).toEqual([]); // 华东 was removed
  });

  it('refuses bad edits with a stable code, writing nothing', async () => {
    const before = await tenantSnapshot(w.t.db, w.tenantId);
    //  who        body                                                         status  code                 field
    const cases: ['salesA' | 'manager' | 'salesS' | 'finance', string, object, number, string, string][] = [
      ['salesA', acme, { ownerId: w.user.salesS }, 403, 'forbidden', 'ownerId'],
      ['manager', acme, { departmentId: w.dept.south }, 403, 'forbidden', 'departmentId'],
      ['salesS', acme, { name: 'mine now' }, 404, 'not_found', ''],
      ['finance', '0190a000-0000-7000-8000-00000000abcd', { name: 'x' }, 404, 'not_found', ''],
      ['salesA', acme, { contacts: [{ name: '张三', phone: '139****0000' }] }, 422, 'validation_failed', 'contacts[0].phone'],
      ['salesA', acme, { contacts: [{ name: '张三', phone: 13812345678 }] }, 422, 'validation_failed', 'contacts[0].phone'],
      ['salesA', acme, { contacts: [{ name: '张三', fax: '021-1234' }] }, 422, 'validation_failed', 'contacts[0].fax'],
      ['salesA', acme, { contacts: [{ name: '   ' }] }, 422, 'validation_failed', 'contacts[0].name'],
      ['salesA', acme, { tags: ['  '] }, 422, 'validation_failed', 'tags[0]'],
      ['salesA', acme, { code: 'A1' }, 409, 'already_exists', 'code'],
      ['salesA', acme, { website: 'acme.cn' }, 422, 'validation_failed', 'website'],
    ];
    for (const [who, id, body, status, code, field] of cases) {
      const res = await w.call(who, 'PATCH', `/api/v1/customers/${id}`, body);
      expect([JSON.stringify(body), res.statusCode, res.json().code]).toEqual([JSON.stringify(body), status, code]);
      if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await tenantSnapshot(w.t.db, w.tenantId)).toEqual(before);
  });

  it('finance hands a customer to another rep; the old rep no longer sees it', async () => {
    const moved = await w.ok('finance', 'PATCH', `/api/v1/customers/${acme}`, { ownerId: w.user.salesS, departmentId: w.dept.south });
    expect(moved).toMatchObject({ ownerId: w.user.salesS, departmentId: w.dept.south });
    expect((await w.call('salesA', 'GET', `/api/v1/customers/${acme}`)).statusCode).toBe(404);
    expect((await w.call('salesS', 'GET', `/api/v1/customers/${acme}`)).statusCode).toBe(200);
    await w.ok('finance', 'PATCH', `/api/v1/customers/${acme}`, { ownerId: w.user.salesA, departmentId: w.dept.east });
  });
});

describe('the money view per currency', () => {
  it('receivable, advance, received (confirmed receipts only) and refunded (paid refunds only)', async () => {
    const actor = systemActor(w.tenantId);
    const dims = { customerId: acme, ownerId: w.user.salesA, departmentId: w.dept.east };
    const receiptId = newId();
    const refundId = newId();
    const requestedId = newId();
    await w.t.db.transaction().execute(async (trx) => {
      // An order of 1,000.00, a prepayment of 300.00, 50.00 of it refunded; a pending receipt and a requested refund beside.
      await postFor(trx, actor, { entryDate: '2026-11-01', source: 'test', lines: [{ account: 'accounts_receivable', side: 'debit', amount: '1000.00', currency: 'CNY', ...dims }, { account: 'sales', side: 'credit', amount: '1000.00', currency: 'CNY', ...dims }] });
      const entryId = await postFor(trx, actor, { entryDate: '2026-11-02', source: 'receipt', lines: [{ account: 'cash:bank_transfer', side: 'debit', amount: '300.00', currency: 'CNY', ...dims, channel: 'bank_transfer' }, { account: 'customer_advances', side: 'credit', amount: '300.00', currency: 'CNY', ...dims }] });
      const receipt = { tenant_id: w.tenantId, customer_id: acme, kind: 'prepayment' as const, currency: 'CNY', channel: 'bank_transfer', received_date: '2026-11-02', created_by: null };
      await trx.insertInto('receipts').values([
        // Held: the paid refund and the requested one (refund_sources below); refunded: the paid one.
        { ...receipt, id: receiptId, number: 'RC-2026-000901', amount_minor: 30000n, status: 'confirmed', entry_id: entryId, refund_held_minor: 6000n, refunded_minor: 5000n },
        { ...receipt, id: newId(), number: 'RC-2026-000902', amount_minor: 99900n, status: 'pending' },
      ]).execute();
      const approve = await postFor(trx, actor, { entryDate: '2026-11-03', source: 'refund', lines: [{ account: 'customer_advances', side: 'debit', amount: '50.00', currency: 'CNY', ...dims }, { account: 'refunds_payable', side: 'credit', amount: '50.00', currency: 'CNY', ...dims }] });
      const pay = await postFor(trx, actor, { entryDate: '2026-11-04', source: 'refund', lines: [{ account: 'refunds_payable', side: 'debit', amount: '50.00', currency: 'CNY', ...dims }, { account: 'cash:bank_transfer', side: 'credit', amount: '50.00', currency: 'CNY', ...dims, channel: 'bank_transfer' }] });
      const refund = { tenant_id: w.tenantId, customer_id: acme, receipt_id: receiptId, currency: 'CNY', reason_code: 'overpayment' as const, approvals_needed: 1, requested_by: null };
      await trx.insertInto('refunds').values([
        { ...refund, id: refundId, number: 'RF-2026-000901', amount_minor: 5000n, status: 'paid', approve_entry_id: approve, pay_entry_id: pay },
        { ...refund, id: requestedId, number: 'RF-2026-000902', amount_minor: 1000n, status: 'requested' },
      ]).execute();
      await trx.insertInto('refund_sources').values([
        { tenant_id: w.tenantId, refund_id: refundId, receipt_id: receiptId, amount_minor: 5000n },
        { tenant_id: w.tenantId, refund_id: requestedId, receipt_id: receiptId, amount_minor: 1000n },
      ]).execute();
    });
    //  account              balance (Dr +)
    expect(await ledgerOf(w, acme)).toEqual([
      ['accounts_receivable', 'CNY', '1000.00'], ['cash:bank_transfer', 'CNY', '250.00'], ['customer_advances', 'CNY', '-250.00'],
      ['refunds_payable', 'CNY', '0.00'], ['sales', 'CNY', '-1000.00'],
    ]);
    const customer = await w.ok('salesA', 'GET', `/api/v1/customers/${acme}`);
    expect(customer.balances).toEqual([{ currency: 'CNY', receivable: '1000.00', advance: '250.00' }]);
    expect(customer.figures).toEqual([{ currency: 'CNY', receivable: '1000.00', overdue: '0.00', advance: '250.00', received: '300.00', refunded: '50.00' }]);
    const listed = (await w.ok('salesA', 'GET', '/api/v1/customers?q=acme')).items;
    expect(listed.map((c: { figures: unknown }) => c.figures)).toEqual([customer.figures]);
    expect((await verifyLedger(w.t.db, { tenantId: w.tenantId })).ok).toBe(true);
  });
});

import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { systemActor } from '../src/app/actor.js';
import { newId } from '../src/app/ids.js';
import { accountBalances } from '../src/app/ledger.js';
import { nextNumber } from '../src/app/numbers.js';
import { postFor } from '../src/app/receivables/common.js';
import { lockOrder, settleOrder } from '../src/app/receivables/settlement.js';
import { formatAmount, parseAmountMinor } from '../src/core/money/index.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/**
 * A small company for the order tests: departments 华东 (with 上海 under it) and 华南; sales reps A (华东)
 * and S (华南), a manager of 华东, finance, an administrator and an auditor; customers A1 and A2 of rep A, S1
 * of rep S; two products. Requests go through HTTP as each of them.
 */
export type Who = 'salesA' | 'salesS' | 'manager' | 'finance' | 'admin' | 'auditor';

export interface OrderWorld {
  t: TestApp;
  tenantId: string;
  dept: { east: string; shanghai: string; south: string };
  user: Record<Who, string>;
  customer: Record<'A1' | 'A2' | 'S1', string>;
  product: Record<'licence' | 'service', string>;
  call: (who: Who, method: InjectOptions['method'], url: string, payload?: object, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  /** Succeeds or fails the test with the answer. */
  ok: (who: Who, method: InjectOptions['method'], url: string, payload?: object, headers?: Record<string, string>) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close: () => Promise<void>;
}

export async function orderWorld(slug: string): Promise<OrderWorld> {
  const t = await startTestApp();
  const tenantId = await newTenant(t.db, slug);
  const dept = { east: newId(), shanghai: newId(), south: newId() };
  await t.db.insertInto('departments').values([
    { tenant_id: tenantId, id: dept.east, code: 'EAST', name: '华东', parent_id: null },
    { tenant_id: tenantId, id: dept.shanghai, code: 'SH', name: '上海', parent_id: dept.east },
    { tenant_id: tenantId, id: dept.south, code: 'SOUTH', name: '华南', parent_id: null },
  ]).execute();
  const people: [Who, string, string | null][] = [
    ['salesA', 'sales', dept.east], ['salesS', 'sales', dept.south], ['manager', 'manager', dept.east],
    ['finance', 'finance', null], ['admin', 'admin', null], ['auditor', 'auditor', null],
  ];
  const user = {} as Record<Who, string>;
  const session = {} as Record<Who, TestSession>;
  for (const [who, role, departmentId] of people) {
    user[who] = await createUser(t.db, tenantId, { login: who, role, departmentId });
    session[who] = await sessionFor(t.db, tenantId, user[who]);
  }
  const call: OrderWorld['call'] = (who, method, url, payload, headers = {}) => t.app.inject(as(session[who], { method, url, payload, headers }));
  const ok: OrderWorld['ok'] = async (who, method, url, payload, headers) => {
    const res = await call(who, method, url, payload, headers);
    expect(res.statusCode, `${who} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const customer = {
    A1: (await ok('salesA', 'POST', '/api/v1/customers', { code: 'A1', name: '甲一' })).id,
    A2: (await ok('salesA', 'POST', '/api/v1/customers', { code: 'A2', name: '甲二' })).id,
    S1: (await ok('salesS', 'POST', '/api/v1/customers', { code: 'S1', name: '南一' })).id,
  };
  const product = {
    licence: (await ok('admin', 'POST', '/api/v1/products', { code: 'LIC', name: '软件许可', unit: '套' })).id,
    service: (await ok('admin', 'POST', '/api/v1/products', { code: 'SVC', name: '实施服务', unit: '人天' })).id,
  };
  return { t, tenantId, dept, user, customer, product, call, ok, close: () => t.close() };
}

/**
 * Money received against an order, booked the way a confirmed receipt with an allocation books it (for
 * tests of plans and views before the receipts API exists): a confirmed receipt, Dr cash:bank_transfer /
 * Cr accounts_receivable, the order settled oldest instalment first (or the one named), one allocation row
 * per instalment.
 */
export async function payOrder(w: OrderWorld, orderId: string, amount: string, receivedDate: string, instalmentId?: string): Promise<string> {
  const actor = systemActor(w.tenantId);
  const number = await nextNumber(w.t.db, w.tenantId, 'RC', receivedDate);
  return w.t.db.transaction().execute(async (trx) => {
    const order = await lockOrder(trx, actor, orderId);
    const amountMinor = parseAmountMinor(amount, order.currency);
    const receiptId = newId();
    const dims = { customerId: order.customerId, ownerId: order.ownerId, departmentId: order.departmentId };
    const entryId = await postFor(trx, actor, {
      entryDate: receivedDate, source: 'receipt', sourceId: receiptId, memo: `Receipt ${number}`,
      lines: [
        { account: 'cash:bank_transfer', side: 'debit', amount: amountMinor, currency: order.currency, ...dims, channel: 'bank_transfer' },
        { account: 'accounts_receivable', side: 'credit', amount: amountMinor, currency: order.currency, ...dims },
      ],
    });
    await trx.insertInto('receipts').values({
      tenant_id: w.tenantId, id: receiptId, number, customer_id: order.customerId, kind: 'order_payment', currency: order.currency, amount_minor: amountMinor,
      channel: 'bank_transfer', received_date: receivedDate, status: 'confirmed', allocated_minor: amountMinor, entry_id: entryId, created_by: null, confirmed_at: new Date(),
    }).execute();
    for (const part of await settleOrder(trx, w.tenantId, order, amountMinor, 'paid', instalmentId === undefined ? {} : { instalmentId })) {
      await trx.insertInto('allocations').values({
        tenant_id: w.tenantId, id: newId(), receipt_id: receiptId, order_id: orderId, instalment_id: part.id, amount_minor: part.amountMinor,
        receipt_amount_minor: part.amountMinor, kind: 'allocate', entry_id: entryId, created_by: null,
      }).execute();
    }
    return number;
  });
}

/** The customer's ledger balances as [account, currency, balance (Dr +)] rows. */
export async function ledgerOf(w: OrderWorld, customerId: string): Promise<[string, string, string][]> {
  const rows = await accountBalances(w.t.db, w.tenantId, { customerId });
  return rows.map((r) => [r.account, r.currency, formatAmount(r.balanceMinor, r.currency)]);
}

export const line = (productId: string | null, description: string, quantity: string, unitPrice: string) => ({ ...(productId ? { productId } : {}), description, quantity, unitPrice });

let keySeq = 0;
export const key = () => ({ 'idempotency-key': `k-${Date.now()}-${++keySeq}` });

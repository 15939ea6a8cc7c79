import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/app/ids.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/**
 * Bad input to every receipt operation: each request answers problem+json with a stable code (and the field
 * at fault), and not one row of the tenant changes — not even a document number.
 */
let t: TestApp;
let tenantId: string;
let fin: TestSession;
const ids = { customer: '', otherCustomer: '', order: '', usdOrder: '', pending: '', confirmed: '', foreignCustomer: '', foreignOrder: '', foreignReceipt: '' };

async function customer(tenant: string, code: string): Promise<string> {
  const id = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenant, id, code, name: code, owner_id: null, department_id: null }).execute();
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'bad-input');
  fin = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin', role: 'finance' }));
  const fin2 = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'fin2', role: 'finance' }));
  ids.customer = await customer(tenantId, 'C1');
  ids.otherCustomer = await customer(tenantId, 'C2');
  ids.order = (await seedConfirmedOrder(t.db, tenantId, { customerId: ids.customer, signedDate: '2026-11-01', instalments: [['2099-01-01', '100.00']] })).orderId;
  ids.usdOrder = (await seedConfirmedOrder(t.db, tenantId, { customerId: ids.customer, currency: 'USD', signedDate: '2026-11-01', instalments: [['2099-01-01', '100.00']] })).orderId;
  const enter = async (session: TestSession) => (await t.app.inject(as(session, { method: 'POST', url: '/api/v1/receipts', headers: { 'idempotency-key': randomUUID() }, payload: { customerId: ids.customer, kind: 'prepayment', amount: '50.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20' } }))).json().id as string;
  ids.pending = await enter(fin);
  ids.confirmed = await enter(fin);
  expect((await t.app.inject(as(fin2, { method: 'POST', url: `/api/v1/receipts/${ids.confirmed}/confirm`, headers: { 'idempotency-key': randomUUID() }, payload: {} }))).statusCode).toBe(200);

  const foreign = await newTenant(t.db, 'bad-input-foreign');
  const foreignFin = await sessionFor(t.db, foreign, await createUser(t.db, foreign, { login: 'fin', role: 'finance' }));
  ids.foreignCustomer = await customer(foreign, 'F1');
  ids.foreignOrder = (await seedConfirmedOrder(t.db, foreign, { customerId: ids.foreignCustomer, signedDate: '2026-11-01', instalments: [['2099-01-01', '100.00']] })).orderId;
  ids.foreignReceipt = (await t.app.inject(as(foreignFin, { method: 'POST', url: '/api/v1/receipts', headers: { 'idempotency-key': randomUUID() }, payload: { customerId: ids.foreignCustomer, kind: 'prepayment', amount: '5.00', currency: 'CNY', channel: 'cash', receivedDate: '2026-11-20' } }))).json().id;
});
afterAll(async () => t?.close());

const receipt = (extra: object = {}) => ({ customerId: ids.customer, kind: 'order_payment', amount: '10.00', currency: 'CNY', channel: 'bank_transfer', receivedDate: '2026-11-20', ...extra });
const alloc = (extra: object = {}) => ({ allocations: [{ orderId: ids.order, amount: '10.00', ...extra }] });

type Case = [name: string, url: () => string, body: () => object | undefined, status: number, code: string, field?: string, headers?: Record<string, string>];

const cases: Case[] = [
  //  what                               where                                          body                                                        status  code                        field
  ['amount as a JSON number', () => '/api/v1/receipts', () => receipt({ amount: 10 }), 422, 'invalid_amount', 'amount'],
  ['allocation amount as a JSON number', () => '/api/v1/receipts', () => receipt({ allocations: [{ orderId: ids.order, amount: 10 }] }), 422, 'invalid_amount', 'allocations[0].amount'],
  ['exchange rate as a JSON number', () => '/api/v1/receipts', () => receipt(alloc({ exchangeRate: 7.1 })), 422, 'invalid_amount', 'allocations[0].exchangeRate'],
  ['wrong type: kind', () => '/api/v1/receipts', () => receipt({ kind: 'gift' }), 422, 'validation_failed', 'kind'],
  ['wrong type: customerId', () => '/api/v1/receipts', () => receipt({ customerId: 42 }), 422, 'validation_failed', 'customerId'],
  ['wrong type: autoAllocate', () => '/api/v1/receipts', () => receipt({ autoAllocate: 'yes' }), 422, 'validation_failed', 'autoAllocate'],
  ['unknown field', () => '/api/v1/receipts', () => receipt({ colour: 'red' }), 422, 'validation_failed', 'colour'],
  ['unknown field in an allocation', () => '/api/v1/receipts', () => receipt(alloc({ note: 'x' })), 422, 'validation_failed', 'allocations[0].note'],
  ['missing field', () => '/api/v1/receipts', () => ({ ...receipt(), channel: undefined }), 422, 'validation_failed', 'channel'],
  ['too many decimals', () => '/api/v1/receipts', () => receipt({ amount: '10.001' }), 422, 'too_many_decimals', 'amount'],
  ['too many decimals for JPY', () => '/api/v1/receipts', () => receipt({ amount: '10.5', currency: 'JPY' }), 422, 'too_many_decimals', 'amount'],
  ['negative amount', () => '/api/v1/receipts', () => receipt({ amount: '-10.00' }), 422, 'amount_not_positive', 'amount'],
  ['zero amount', () => '/api/v1/receipts', () => receipt({ amount: '0.00' }), 422, 'amount_not_positive', 'amount'],
  ['negative allocation', () => '/api/v1/receipts', () => receipt(alloc({ amount: '-1.00' })), 422, 'amount_not_positive', 'allocations[0].amount'],
  ['not a number', () => '/api/v1/receipts', () => receipt({ amount: '1e3' }), 422, 'invalid_amount', 'amount'],
  ['impossible date', () => '/api/v1/receipts', () => receipt({ receivedDate: '2026-02-30' }), 422, 'validation_failed', 'receivedDate'],
  ['unknown currency', () => '/api/v1/receipts', () => receipt({ currency: 'XYZ' }), 422, 'unknown_currency', 'currency'],
  ['unknown channel', () => '/api/v1/receipts', () => receipt({ channel: 'paypal' }), 422, 'validation_failed', 'channel'],
  ['unknown customer', () => '/api/v1/receipts', () => receipt({ customerId: newId() }), 404, 'not_found', 'customerId'],
  ['another tenant’s customer', () => '/api/v1/receipts', () => receipt({ customerId: ids.foreignCustomer }), 404, 'not_found', 'customerId'],
  ['unknown order', () => '/api/v1/receipts', () => receipt(alloc({ orderId: newId() })), 404, 'not_found', 'allocations[0].orderId'],
  ['another tenant’s order', () => '/api/v1/receipts', () => receipt(alloc({ orderId: ids.foreignOrder })), 404, 'not_found', 'allocations[0].orderId'],
  ['unknown instalment', () => '/api/v1/receipts', () => receipt(alloc({ instalmentId: newId() })), 404, 'not_found', 'allocations[0].instalmentId'],
  ['another customer’s receipt for the order', () => '/api/v1/receipts', () => receipt({ customerId: ids.otherCustomer, ...alloc() }), 422, 'validation_failed', 'allocations[0].orderId'],
  ['more than the order owes', () => '/api/v1/receipts', () => receipt({ amount: '500.00', ...alloc({ amount: '100.01' }) }), 409, 'exceeds_outstanding', 'allocations[0].amount'],
  ['allocations beyond the receipt', () => '/api/v1/receipts', () => receipt(alloc({ amount: '10.01' })), 422, 'exceeds_receipt_amount', 'allocations'],
  ['another currency without a rate', () => '/api/v1/receipts', () => receipt(alloc({ orderId: ids.usdOrder, amount: '1.00' })), 422, 'currency_mismatch', 'allocations[0].exchangeRate'],
  ['a rate where none applies', () => '/api/v1/receipts', () => receipt(alloc({ exchangeRate: '1.5' })), 422, 'validation_failed', 'allocations[0].exchangeRate'],
  ['a malformed rate', () => '/api/v1/receipts', () => receipt(alloc({ orderId: ids.usdOrder, amount: '1.00', exchangeRate: '0.12345678901' })), 422, 'validation_failed', 'allocations[0].exchangeRate'],
  ['a prepayment with allocations', () => '/api/v1/receipts', () => receipt({ kind: 'prepayment', ...alloc() }), 422, 'validation_failed', 'allocations'],
  ['allocations and autoAllocate', () => '/api/v1/receipts', () => receipt({ ...alloc(), autoAllocate: true }), 422, 'validation_failed', 'autoAllocate'],
  ['self-confirmation not allowed', () => '/api/v1/receipts', () => receipt({ confirm: true }), 403, 'self_approval_forbidden', 'confirm'],
  ['no Idempotency-Key', () => '/api/v1/receipts', () => receipt(), 428, 'idempotency_key_required', 'Idempotency-Key', {}],
  ['confirm: unknown receipt', () => `/api/v1/receipts/${newId()}/confirm`, () => ({}), 404, 'not_found', 'id'],
  ['confirm: another tenant’s receipt', () => `/api/v1/receipts/${ids.foreignReceipt}/confirm`, () => ({}), 404, 'not_found', 'id'],
  ['confirm: not a uuid', () => '/api/v1/receipts/RC-2026-000001/confirm', () => ({}), 422, 'validation_failed', 'id'],
  ['confirm: own entry', () => `/api/v1/receipts/${ids.pending}/confirm`, () => ({}), 403, 'self_approval_forbidden', 'id'],
  ['confirm: twice', () => `/api/v1/receipts/${ids.confirmed}/confirm`, () => ({}), 409, 'invalid_state', 'id'],
  ['reject: no reason', () => `/api/v1/receipts/${ids.pending}/reject`, () => ({}), 422, 'validation_failed', 'reason'],
  ['reject: blank reason', () => `/api/v1/receipts/${ids.pending}/reject`, () => ({ reason: ' ' }), 422, 'reason_required', 'reason'],
  ['reject: confirmed', () => `/api/v1/receipts/${ids.confirmed}/reject`, () => ({ reason: 'late' }), 409, 'invalid_state', 'id'],
  ['void: pending', () => `/api/v1/receipts/${ids.pending}/void`, () => ({ reason: 'typo' }), 409, 'invalid_state', 'id'],
  ['void: another tenant’s', () => `/api/v1/receipts/${ids.foreignReceipt}/void`, () => ({ reason: 'typo' }), 404, 'not_found', 'id'],
  ['allocate: pending', () => `/api/v1/receipts/${ids.pending}/allocations`, () => alloc(), 409, 'invalid_state', 'id'],
  ['allocate: nothing asked', () => `/api/v1/receipts/${ids.confirmed}/allocations`, () => ({}), 422, 'validation_failed', 'allocations'],
  ['allocate: JSON number', () => `/api/v1/receipts/${ids.confirmed}/allocations`, () => ({ allocations: [{ orderId: ids.order, amount: 1 }] }), 422, 'invalid_amount', 'allocations[0].amount'],
  ['allocate: beyond the advance', () => `/api/v1/receipts/${ids.confirmed}/allocations`, () => alloc({ amount: '50.01' }), 422, 'exceeds_receipt_amount', 'allocations'],
  ['allocate: another tenant’s order', () => `/api/v1/receipts/${ids.confirmed}/allocations`, () => alloc({ orderId: ids.foreignOrder }), 404, 'not_found', 'allocations[0].orderId'],
  ['de-allocate: nothing allocated', () => `/api/v1/receipts/${ids.confirmed}/deallocations`, () => ({}), 409, 'invalid_state', 'orderId'],
  ['de-allocate: amount without order', () => `/api/v1/receipts/${ids.confirmed}/deallocations`, () => ({ amount: '1.00' }), 422, 'validation_failed', 'amount'],
  ['advances: another tenant’s customer', () => `/api/v1/customers/${ids.foreignCustomer}/advances/apply`, () => ({ auto: true }), 404, 'not_found', 'id'],
  ['advances: neither order nor auto', () => `/api/v1/customers/${ids.customer}/advances/apply`, () => ({ currency: 'CNY' }), 422, 'validation_failed', 'orderId'],
  ['advances: more than available', () => `/api/v1/customers/${ids.customer}/advances/apply`, () => ({ orderId: ids.order, currency: 'CNY', amount: '50.01' }), 409, 'exceeds_advance_balance', 'amount'],
  ['advances: another currency', () => `/api/v1/customers/${ids.customer}/advances/apply`, () => ({ orderId: ids.usdOrder, currency: 'CNY' }), 422, 'currency_mismatch', 'currency'],
  ['advances: unknown order', () => `/api/v1/customers/${ids.customer}/advances/apply`, () => ({ orderId: newId(), currency: 'CNY' }), 404, 'not_found', 'orderId'],
];

describe('bad input to receipts: problem+json, a stable code, nothing written', () => {
  it.each(cases)('%s', async (_name, url, body, status, code, field, headers) => {
    const before = await tenantSnapshot(t.db, tenantId, { exclude: ['sessions'] });
    const res = await t.app.inject(as(fin, { method: 'POST', url: url(), payload: body(), headers: headers ?? { 'idempotency-key': randomUUID() } }));
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect([res.statusCode, problem.code], res.body).toEqual([status, code]);
    if (field !== undefined) expect(problem.errors?.map((e: { field: string }) => e.field) ?? [], res.body).toContain(field);
    expect(await tenantSnapshot(t.db, tenantId, { exclude: ['sessions'] })).toEqual(before);
  });

  it('the same request, put right, goes through (the cases above failed for their own reason)', async () => {
    const res = await t.app.inject(as(fin, { method: 'POST', url: '/api/v1/receipts', payload: receipt(alloc()), headers: { 'idempotency-key': randomUUID() } }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', number: expect.stringMatching(/^RC-2026-\d{6}$/) });
  });

  it('a repeated Idempotency-Key answers the first result; the same key with another body is a conflict', async () => {
    const key = randomUUID();
    const send = (body: object) => t.app.inject(as(fin, { method: 'POST', url: '/api/v1/receipts', payload: body, headers: { 'idempotency-key': key } }));
    const first = await send(receipt());
    const again = await send(receipt());
    expect([first.statusCode, again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 201, 'true']);
    expect(again.json()).toEqual(first.json());
    const other = await send(receipt({ amount: '11.00' }));
    expect([other.statusCode, other.json().code]).toEqual([409, 'idempotency_key_reused']);
    const count = await t.db.selectFrom('receipts').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).where('external_ref', '=', '').where('amount_minor', '=', 1000n).where('kind', '=', 'order_payment').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2); // this one and the one put right above
  });
});

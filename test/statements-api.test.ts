import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/app/audit.js';
import { newId } from '../src/app/ids.js';
import { verifyLedger } from '../src/app/verify.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';
import { seedConfirmedOrder } from './helpers/receivables.js';
import { postingsFor, seedConfirmedReceipt } from './helpers/receipts-fixture.js';
import { tenantSnapshot } from './helpers/snapshot.js';

/**
 * Bank statements through HTTP (issue 6 §3–4): a CAMT.053 written here is imported, its lines are matched to
 * what the books expect, finance accepts, and the ledger shows the money exactly once. Statements are built
 * in the test so every figure is visible beside its assertion.
 */
let t: TestApp;
let tenantId: string;
let other: { tenantId: string; session: TestSession };
const session: Record<string, TestSession> = {};
type Who = 'fin' | 'rep';

beforeAll(async () => {
  t = await startTestApp(process.env.KX_TEST_LOG ? { logger: { level: 'error' } } : {});
  tenantId = await newTenant(t.db, 'statements');
  for (const [who, role] of [['fin', 'finance'], ['rep', 'sales']] as const) {
    const id = await createUser(t.db, tenantId, { login: who, role });
    session[who] = await sessionFor(t.db, tenantId, id);
  }
  const otherTenant = await newTenant(t.db, 'statements-other');
  const otherFin = await createUser(t.db, otherTenant, { login: 'ofin', role: 'finance' });
  other = { tenantId: otherTenant, session: await sessionFor(t.db, otherTenant, otherFin) };
});
afterAll(async () => t?.close());

async function call(who: Who | TestSession, method: 'GET' | 'POST', url: string, payload?: object | Buffer, headers: Record<string, string> = {}) {
  const s = typeof who === 'string' ? session[who]! : who;
  const isFile = Buffer.isBuffer(payload);
  return t.app.inject(as(s, {
    method, url, ...(payload ? { payload } : {}),
    headers: { 'idempotency-key': randomUUID(), ...(isFile ? { 'content-type': 'application/xml' } : {}), ...headers },
  }));
}

async function ok(method: 'GET' | 'POST', url: string, payload?: object | Buffer, headers: Record<string, string> = {}) {
  const res = await call('fin', method, url, payload, headers);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

async function customer(code: string, name: string): Promise<string> {
  const id = newId();
  await t.db.insertInto('customers').values({ tenant_id: tenantId, id, code, name, owner_id: null, department_id: null }).execute();
  return id;
}

interface Entry { amount: string; credit: boolean; date: string; name?: string; iban?: string; ref?: string; text?: string }

/** A CAMT.053.001.02 statement with the entries given, balances as stated (so a test can make it not balance). */
function camt(id: string, opening: string, closing: string, entries: Entry[], account = 'CN1234567890123456'): Buffer {
  const ntry = entries.map((e) => `
      <Ntry><Amt Ccy="CNY">${e.amount}</Amt><CdtDbtInd>${e.credit ? 'CRDT' : 'DBIT'}</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>${e.date}</Dt></BookgDt><ValDt><Dt>${e.date}</Dt></ValDt>${e.ref ? `<AcctSvcrRef>${e.ref}</AcctSvcrRef>` : ''}
        <NtryDtls><TxDtls>
          <RltdPties>${e.name ? `<${e.credit ? 'Dbtr' : 'Cdtr'}><Nm>${e.name}</Nm></${e.credit ? 'Dbtr' : 'Cdtr'}>` : ''}${e.iban ? `<${e.credit ? 'DbtrAcct' : 'CdtrAcct'}><Id><Othr><Id>${e.iban}</Id></Othr></Id></${e.credit ? 'DbtrAcct' : 'CdtrAcct'}>` : ''}</RltdPties>
          ${e.text ? `<RmtInf><Ustrd>${e.text}</Ustrd></RmtInf>` : ''}
        </TxDtls></NtryDtls></Ntry>`).join('');
  const dates = entries.map((e) => e.date).sort();
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>${id}</MsgId><CreDtTm>2026-11-25T08:00:00</CreDtTm></GrpHdr>
  <Stmt><Id>${id}</Id><CreDtTm>2026-11-25T08:00:00</CreDtTm>
    <Acct><Id><Othr><Id>${account}</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
    <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">${opening}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${dates[0]}</Dt></Dt></Bal>
    <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">${closing}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${dates[dates.length - 1]}</Dt></Dt></Bal>${ntry}
  </Stmt>
</BkToCstmrStmt></Document>`, 'utf8');
}

describe('a statement imported, matched and accepted', () => {
  let xinghe: string;
  let order: Awaited<ReturnType<typeof seedConfirmedOrder>>;
  let beida: string;
  let recorded: { receiptId: string; number: string };
  let statement: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  let lines: Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const file = () => camt('STMT-2026-11-A', '10000.00', '14685.00', [
    // 1. Pays the first instalment of 星河's order, naming it.
    { amount: '3000.00', credit: true, date: '2026-11-21', name: '上海星河贸易有限公司', iban: '6222000011112222', ref: 'BK-1', text: `货款 ${order.number}` },
    // 2. The money of a receipt finance already recorded by hand (北大方正, ¥1,700.00).
    { amount: '1700.00', credit: true, date: '2026-11-22', name: '北大方正集团', ref: 'BK-2', text: '服务费' },
    // 3. The bank's own fee: money out, nothing to match.
    { amount: '15.00', credit: false, date: '2026-11-23', ref: 'BK-3', text: '手续费' },
  ]);

  beforeAll(async () => {
    xinghe = await customer('XH', '上海星河贸易有限公司');
    beida = await customer('BD', '北大方正集团');
    order = await seedConfirmedOrder(t.db, tenantId, { customerId: xinghe, signedDate: '2026-11-01', instalments: [['2026-11-30', '3000.00'], ['2026-12-31', '2000.00']] });
    recorded = await seedConfirmedReceipt(t.db, tenantId, { customerId: beida, amount: '1700.00', receivedDate: '2026-11-22' });
    const imported = await ok('POST', '/api/v1/statements?format=camt053&filename=nov.xml', file());
    expect(imported.items).toHaveLength(1);
    statement = imported.items[0];
    lines = (await ok('GET', `/api/v1/statements/${statement.id}/lines`)).items;
  });

  it('stores the statement with its balances, and every line in file order', () => {
    expect(statement).toMatchObject({ format: 'camt053', accountId: 'CN1234567890123456', currency: 'CNY', openingBalance: '10000.00', closingBalance: '14685.00', lineCount: 3, newLines: 3, duplicateLines: 0, filename: 'nov.xml', warnings: [] });
    expect(statement.number).toMatch(/^ST-2026-\d{6}$/);
    expect(lines.map((l) => [l.position, l.amount, l.counterpartyName, l.bankRef, l.description])).toEqual([
      [1, '3000.00', '上海星河贸易有限公司', 'BK-1', `货款 ${order.number}`],
      [2, '1700.00', '北大方正集团', 'BK-2', '服务费'],
      [3, '-15.00', '', 'BK-3', '手续费'],
    ]);
  });

  it('suggests the instalment the payment names, and the receipt already recorded, with the signals in words', async () => {
    expect(lines.map((l) => l.status)).toEqual(['suggested', 'suggested', 'unmatched']);
    const first = (await ok('GET', `/api/v1/statement-lines/${lines[0]!.id}/candidates`)).items;
    expect(first[0]).toMatchObject({ customerId: xinghe, customerName: '上海星河贸易有限公司' });
    expect(first[0].items[0]).toMatchObject({ kind: 'instalment', id: order.instalmentIds[0], amount: '3000.00', open: true });
    expect(first[0].signals.map((s: { kind: string }) => s.kind), JSON.stringify(first[0].signals)).toEqual(expect.arrayContaining(['reference']));
    expect(first[0].signals.find((s: { kind: string }) => s.kind === 'reference').detail).toContain(order.number);
    const second = (await ok('GET', `/api/v1/statement-lines/${lines[1]!.id}/candidates`)).items;
    expect(second[0]).toMatchObject({ customerId: beida });
    expect(second[0].items[0]).toMatchObject({ kind: 'receipt', id: recorded.receiptId, amount: '1700.00', open: true });
  });

  it('accepting the instalment match records a confirmed receipt from the bank line: Dr bank / Cr receivable, reconciled', async () => {
    const line = await ok('POST', `/api/v1/statement-lines/${lines[0]!.id}/match`, { customerId: xinghe, items: [{ kind: 'instalment', id: order.instalmentIds[0] }] });
    expect(line).toMatchObject({ status: 'matched', customerId: xinghe });
    expect(line.matchedReceipts).toHaveLength(1);
    const receipt = await ok('GET', `/api/v1/receipts/${line.matchedReceipts[0].id}`);
    expect(receipt).toMatchObject({ status: 'confirmed', amount: '3000.00', allocated: '3000.00', channel: 'bank_transfer', receivedDate: '2026-11-21', payerName: '上海星河贸易有限公司', payerAccount: '6222000011112222', externalRef: 'BK-1', source: 'statement', sourceRef: lines[0]!.id });
    expect(receipt.reconciledAt).not.toBeNull();
    expect(await postingsFor(t.db, tenantId, receipt.id)).toEqual([[['cash:bank_transfer', 'Dr', '3000.00'], ['accounts_receivable', 'Cr', '3000.00']]]);
    const inst = await t.db.selectFrom('instalments').select('settled_minor').where('id', '=', order.instalmentIds[0]!).executeTakeFirstOrThrow();
    expect(inst.settled_minor).toBe(300000n);
  });

  it('learns the payer: the account and name now point to the customer', async () => {
    const aliases = await t.db.selectFrom('payer_aliases').select(['alias_key', 'customer_id', 'confirmations']).where('tenant_id', '=', tenantId).orderBy('alias_key').execute();
    expect(aliases).toEqual([
      { alias_key: 'a:6222000011112222', customer_id: xinghe, confirmations: 1 },
      { alias_key: 'n:上海星河贸易', customer_id: xinghe, confirmations: 1 },
    ]);
  });

  it('accepting the recorded receipt reconciles it and posts nothing new', async () => {
    const before = await postingsFor(t.db, tenantId, recorded.receiptId);
    const line = await ok('POST', `/api/v1/statement-lines/${lines[1]!.id}/match`, { items: [{ kind: 'receipt', id: recorded.receiptId }] });
    expect(line).toMatchObject({ status: 'matched', customerId: beida, matchedReceipts: [{ id: recorded.receiptId, number: recorded.number, amount: '1700.00' }] });
    expect((await ok('GET', `/api/v1/receipts/${recorded.receiptId}`)).reconciledAt).not.toBeNull();
    expect(await postingsFor(t.db, tenantId, recorded.receiptId)).toEqual(before);
  });

  it('the bank fee is ignored with its reason; a line cannot be matched twice', async () => {
    const fee = await ok('POST', `/api/v1/statement-lines/${lines[2]!.id}/ignore`, { reason: '银行手续费' });
    expect(fee).toMatchObject({ status: 'ignored', statusReason: '银行手续费' });
    const again = await call('fin', 'POST', `/api/v1/statement-lines/${lines[1]!.id}/match`, { items: [{ kind: 'receipt', id: recorded.receiptId }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_state');
    expect((await ok('GET', `/api/v1/statements/${statement.id}`)).counts).toEqual({ unmatched: 0, suggested: 0, matched: 2, ignored: 1 });
  });

  it('the same file again is recognised line by line: nothing is doubled', async () => {
    const again = await ok('POST', '/api/v1/statements?format=camt053', file());
    expect(again.items[0]).toMatchObject({ lineCount: 3, newLines: 0, duplicateLines: 3 });
    const count = await t.db.selectFrom('statement_lines').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(3);
  });

  it('the same Idempotency-Key replays the first answer', async () => {
    const key = randomUUID();
    const body = camt('STMT-2026-11-K', '0.00', '1.00', [{ amount: '1.00', credit: true, date: '2026-11-24', ref: 'BK-K' }], 'CN-K');
    const first = await call('fin', 'POST', '/api/v1/statements?format=camt053', body, { 'idempotency-key': key });
    const second = await call('fin', 'POST', '/api/v1/statements?format=camt053', body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json()).toEqual(first.json());
  });

  it('undoing a match opens the receipt again (the receipt it recorded stays); then it can be matched again', async () => {
    const undone = await ok('POST', `/api/v1/statement-lines/${lines[1]!.id}/unmatch`, { reason: '对错了' });
    expect(undone).toMatchObject({ status: 'unmatched', matchedReceipts: [] });
    expect((await ok('GET', `/api/v1/receipts/${recorded.receiptId}`)).reconciledAt).toBeNull();
    const redone = await ok('POST', `/api/v1/statement-lines/${lines[1]!.id}/match`, { items: [{ kind: 'receipt', id: recorded.receiptId }] });
    expect(redone.status).toBe('matched');
  });

  it('the ledger and the audit chain verify', async () => {
    expect(await verifyLedger(t.db, { tenantId })).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.db, tenantId)).toEqual([]);
  });
});

describe('checks on a statement', () => {
  it('warns when a statement does not balance, and when it does not continue the previous one', async () => {
    const first = await ok('POST', '/api/v1/statements?format=camt053', camt('C-1', '100.00', '150.00', [{ amount: '50.00', credit: true, date: '2026-10-05', ref: 'C1' }], 'CN-CONT'));
    expect(first.items[0].warnings).toEqual([]);
    const unbalanced = await ok('POST', '/api/v1/statements?format=camt053', camt('C-2', '150.00', '999.00', [{ amount: '20.00', credit: true, date: '2026-10-10', ref: 'C2' }], 'CN-CONT'));
    expect(unbalanced.items[0].warnings.map((w: { code: string }) => w.code)).toEqual(['statement_unbalanced']);
    const gap = await ok('POST', '/api/v1/statements?format=camt053', camt('C-3', '500.00', '510.00', [{ amount: '10.00', credit: true, date: '2026-10-20', ref: 'C3' }], 'CN-CONT'));
    const warning = gap.items[0].warnings.find((w: { code: string }) => w.code === 'statement_discontinuous');
    expect(warning.message).toContain('999.00');
    expect(warning.message).toContain('500.00');
  });
});

describe('bad input: a clear error, nothing written', () => {
  const cases: [string, string, Buffer, number, string][] = [
    ['not a statement', 'auto', Buffer.from('hello, this is not a statement'), 422, 'statement_format_unknown'],
    ['an empty body', 'auto', Buffer.alloc(0), 422, 'statement_empty'],
    ['broken XML', 'camt053', Buffer.from('<Document><BkToCstmrStmt><Stmt>'), 422, 'statement_malformed'],
  ];
  it.each(cases)('%s → %i %s', async (_label, format, body, status, code) => {
    const before = await tenantSnapshot(t.db, tenantId, { exclude: ['idempotency_keys', 'document_numbers'] });
    const res = await call('fin', 'POST', `/api/v1/statements?format=${format}`, body, { 'content-type': 'application/octet-stream' });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
    expect(await tenantSnapshot(t.db, tenantId, { exclude: ['idempotency_keys', 'document_numbers'] })).toEqual(before);
  });

  it('sales may not import statements; another tenant cannot see or match ours (404)', async () => {
    const res = await call('rep', 'POST', '/api/v1/statements?format=camt053', camt('X', '0.00', '1.00', [{ amount: '1.00', credit: true, date: '2026-11-01' }]));
    expect(res.statusCode).toBe(403);
    const ours = (await ok('GET', '/api/v1/statements')).items[0];
    expect((await call(other.session, 'GET', `/api/v1/statements/${ours.id}`)).statusCode).toBe(404);
    const line = (await ok('GET', `/api/v1/statements/${ours.id}/lines`)).items[0];
    expect((await call(other.session, 'POST', `/api/v1/statement-lines/${line.id}/match`, { customerId: newId(), items: [] })).statusCode).toBe(404);
  });

  it('a match naming too much money, another customer’s items, or money out is refused', async () => {
    const a = await customer('A1', '甲公司');
    const b = await customer('B1', '乙公司');
    const orderA = await seedConfirmedOrder(t.db, tenantId, { customerId: a, signedDate: '2026-11-01', instalments: [['2026-12-01', '500.00']] });
    const rb = await seedConfirmedReceipt(t.db, tenantId, { customerId: b, amount: '100.00' });
    const st = (await ok('POST', '/api/v1/statements?format=camt053', camt('BAD-1', '0.00', '380.00', [
      { amount: '400.00', credit: true, date: '2026-11-25', ref: 'BAD-1a' },
      { amount: '20.00', credit: false, date: '2026-11-25', ref: 'BAD-1b' },
    ], 'CN-BAD'))).items[0];
    const [inLine, outLine] = (await ok('GET', `/api/v1/statements/${st.id}/lines`)).items;
    const tooMuch = await call('fin', 'POST', `/api/v1/statement-lines/${inLine.id}/match`, { items: [{ kind: 'instalment', id: orderA.instalmentIds[0], amount: '450.00' }] });
    expect([tooMuch.statusCode, tooMuch.json().code]).toEqual([422, 'exceeds_receipt_amount']);
    const mixed = await call('fin', 'POST', `/api/v1/statement-lines/${inLine.id}/match`, { items: [{ kind: 'instalment', id: orderA.instalmentIds[0], amount: '300.00' }, { kind: 'receipt', id: rb.receiptId }] });
    expect([mixed.statusCode, mixed.json().code]).toEqual([422, 'validation_failed']);
    const out = await call('fin', 'POST', `/api/v1/statement-lines/${outLine.id}/match`, { customerId: a, items: [] });
    expect([out.statusCode, out.json().code]).toEqual([409, 'invalid_state']);
    const unknown = await call('fin', 'POST', `/api/v1/statement-lines/${inLine.id}/match`, { items: [{ kind: 'receipt', id: newId() }] });
    expect(unknown.statusCode).toBe(404);
    expect((await ok('GET', `/api/v1/statement-lines/${inLine.id}`)).status).not.toBe('matched');
  });
});

describe('bulk acceptance', () => {
  it('accepts every unambiguous suggestion above the score, line by line', async () => {
    const c1 = await customer('BULK1', '杭州云栖科技有限公司');
    const c2 = await customer('BULK2', 'Acme Trading Ltd.');
    const o1 = await seedConfirmedOrder(t.db, tenantId, { customerId: c1, signedDate: '2026-11-01', instalments: [['2026-11-15', '1234.56']] });
    const o2 = await seedConfirmedOrder(t.db, tenantId, { customerId: c2, signedDate: '2026-11-01', instalments: [['2026-11-16', '987.65']] });
    const st = (await ok('POST', '/api/v1/statements?format=camt053', camt('BULK', '0.00', '2222.21', [
      { amount: '1234.56', credit: true, date: '2026-11-20', name: '杭州云栖科技有限公司', ref: 'BU-1', text: o1.number },
      { amount: '987.65', credit: true, date: '2026-11-20', name: 'ACME TRADING LTD', ref: 'BU-2', text: `invoice ${o2.number}` },
    ], 'CN-BULK'))).items[0];
    const result = await ok('POST', `/api/v1/statements/${st.id}/accept`, { minScore: 60 });
    expect(result).toEqual({ accepted: 2, skipped: [] });
    expect((await ok('GET', `/api/v1/statements/${st.id}`)).counts).toMatchObject({ matched: 2 });
    const paid = await t.db.selectFrom('orders').select(['number', 'status']).where('id', 'in', [o1.orderId, o2.orderId]).orderBy('number').execute();
    expect(paid.map((o) => o.status)).toEqual(['completed', 'completed']);
    expect(await verifyLedger(t.db, { tenantId })).toMatchObject({ ok: true });
  });
});

describe('column mappings', () => {
  // Every field validateMapping admits, so the answer's schema (which lists them: the serializer drops any other)
  // is shown to give back exactly what was saved. The description joins two columns, the delimiter is a tab.
  const definition = {
    name: 'Sparkasse CSV', encoding: 'utf-8', skipRows: 2, delimiter: '\t', dateFormat: 'DD.MM.YYYY', defaultCurrency: 'EUR', decimalSeparator: ',',
    columns: { bookingDate: 'Buchungstag', valueDate: 'Valuta', amount: 'Betrag', direction: 'S/H', currency: 'Währung', counterpartyName: 'Name',
      counterpartyAccount: 'IBAN', bankRef: 'Referenz', endToEndRef: 'EREF', description: ['Verwendungszweck', 'Info'], balance: 'Saldo' },
  };

  async function send(method: 'POST' | 'PATCH', url: string, payload: object) {
    return t.app.inject(as(session.fin!, { method, url, payload }));
  }

  it('answers a saved definition as it was sent, on create, list and change', async () => {
    const created = await send('POST', '/api/v1/statement-mappings', { name: 'Sparkasse', definition });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().definition).toEqual(definition);
    const listed = await ok('GET', '/api/v1/statement-mappings');
    expect(listed.items.find((m: { id: string }) => m.id === created.json().id).definition).toEqual(definition);

    const preset = { preset: 'alipay', columns: { description: '备注' } };
    const changed = await send('PATCH', `/api/v1/statement-mappings/${created.json().id}`, { definition: preset });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Sparkasse', definition: preset });
    expect(Object.keys(changed.json().definition).sort()).toEqual(['columns', 'preset']);
  });

  it('refuses a definition it cannot read with mapping_invalid and a field per problem (not a schema error)', async () => {
    const bad = await send('POST', '/api/v1/statement-mappings', { name: 'bad', definition: { preset: null, delimiter: '#', columns: { bookingDate: 'D', amount: 'A' } } });
    expect([bad.statusCode, bad.json().code]).toEqual([422, 'mapping_invalid']);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['delimiter', 'preset']);
  });
});

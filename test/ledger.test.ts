import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { accountBalances, loadEntry, postEntry, reverseEntry, trialBalance } from '../src/app/ledger.js';
import { verifyLedger } from '../src/app/verify.js';
import { isKxError, type ErrorCode } from '../src/core/errors.js';
import type { EntryDraft } from '../src/core/ledger/entry.js';
import { createTestDatabase } from './helpers/db.js';
import { countRows, invoice, receipt, tenantWithCustomers } from './helpers/ledger.js';

let database: Database;
let tenantId: string;
let alice: string; // customer C001
let bob: string; // customer C002
let otherTenantId: string;
let otherCustomer: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const acme = await tenantWithCustomers(database.db, 'acme');
  [tenantId, alice, bob] = [acme.tenantId, acme.customers[0]!, acme.customers[1]!];
  const other = await tenantWithCustomers(database.db, 'other', 1);
  [otherTenantId, otherCustomer] = [other.tenantId, other.customers[0]!];
});
afterAll(async () => database?.close());

const balanceOf = async (account: string, customerId: string | null, currency = 'CNY') => {
  const rows = await accountBalances(database.db, tenantId, { account });
  return rows.find((r) => r.customerId === customerId && r.currency === currency)?.balanceMinor ?? 0n;
};

async function expectRefused(work: () => Promise<unknown>, code: ErrorCode) {
  const before = await countRows(database.db);
  const error = await work().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKxError(error) ? error.code : error).toBe(code);
  expect(await countRows(database.db)).toEqual(before);
}

describe('posting', () => {
  it('an order of ¥1,000.00 then a receipt of ¥400.00 leaves ¥600.00 receivable', async () => {
    await postEntry(database.db, { tenantId }, invoice(alice, '1000.00'));
    await postEntry(database.db, { tenantId }, receipt(alice, '400.00'));

    //  account                    customer  balance (Dr +)
    expect(await balanceOf('accounts_receivable', alice)).toBe(60000n);
    expect(await balanceOf('sales', alice)).toBe(-100000n);
    expect(await balanceOf('cash:bank_transfer', alice)).toBe(40000n);
    const tb = await trialBalance(database.db, tenantId);
    expect(tb.totals.get('CNY')).toBe(0n);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it('keeps currencies apart: a USD entry balances in USD and leaves CNY untouched', async () => {
    await postEntry(database.db, { tenantId }, invoice(bob, '250.5', 'USD'));
    expect(await balanceOf('accounts_receivable', bob, 'USD')).toBe(25050n);
    expect(await balanceOf('accounts_receivable', bob, 'CNY')).toBe(0n);
  });

  it('posts zero-decimal and three-decimal currencies exactly', async () => {
    await postEntry(database.db, { tenantId }, invoice(bob, '1500', 'JPY'));
    await postEntry(database.db, { tenantId }, invoice(bob, '0.125', 'KWD'));
    expect(await balanceOf('accounts_receivable', bob, 'JPY')).toBe(1500n);
    expect(await balanceOf('accounts_receivable', bob, 'KWD')).toBe(125n);
  });

  it('an entry may carry several currencies as long as each balances', async () => {
    const { entryId } = await postEntry(database.db, { tenantId }, {
      entryDate: '2026-11-02',
      source: 'test',
      lines: [...invoice(alice, '10.00').lines, ...invoice(alice, '3', 'JPY').lines],
    });
    expect((await loadEntry(database.db, tenantId, entryId)).lines).toHaveLength(4);
  });
});

describe('bad input is refused with a stable code and nothing is written', () => {
  const line = (over: Partial<EntryDraft['lines'][number]>) => ({ account: 'accounts_receivable', side: 'debit' as const, amount: '1.00', currency: 'CNY', ...over });
  const cases: [string, EntryDraft, ErrorCode][] = [
    ['unknown currency', { ...invoice('x', '1.00'), lines: [line({ currency: 'ABC' }), line({ side: 'credit', currency: 'ABC', account: 'sales' })] }, 'unknown_currency'],
    ['lower-case currency', { ...invoice('x', '1.00'), lines: [line({ currency: 'cny' }), line({ side: 'credit', currency: 'cny', account: 'sales' })] }, 'unknown_currency'],
    ['too many decimals for CNY', { entryDate: '2026-11-01', source: 'test', lines: [line({ amount: '1.001' }), line({ side: 'credit', account: 'sales', amount: '1.001' })] }, 'too_many_decimals'],
    ['decimals on JPY', { entryDate: '2026-11-01', source: 'test', lines: [line({ amount: '1.5', currency: 'JPY' }), line({ side: 'credit', account: 'sales', amount: '1.5', currency: 'JPY' })] }, 'too_many_decimals'],
    ['zero amount', { entryDate: '2026-11-01', source: 'test', lines: [line({ amount: '0.00' }), line({ side: 'credit', account: 'sales', amount: '0.00' })] }, 'amount_not_positive'],
    ['negative amount', { entryDate: '2026-11-01', source: 'test', lines: [line({ amount: '-5.00' }), line({ side: 'credit', account: 'sales', amount: '-5.00' })] }, 'amount_not_positive'],
    ['garbage amount', { entryDate: '2026-11-01', source: 'test', lines: [line({ amount: '1e3' }), line({ side: 'credit', account: 'sales', amount: '1e3' })] }, 'invalid_amount'],
    ['unbalanced', { entryDate: '2026-11-01', source: 'test', lines: [line({ amount: '10.00' }), line({ side: 'credit', account: 'sales', amount: '9.99' })] }, 'entry_unbalanced'],
    ['balanced only across currencies', { entryDate: '2026-11-01', source: 'test', lines: [line({ amount: '10.00' }), line({ side: 'credit', account: 'sales', amount: '10.00', currency: 'USD' })] }, 'entry_unbalanced'],
    ['a single line', { entryDate: '2026-11-01', source: 'test', lines: [line({})] }, 'entry_too_few_lines'],
    ['no lines', { entryDate: '2026-11-01', source: 'test', lines: [] }, 'entry_too_few_lines'],
    ['impossible date', { ...invoice('x', '1.00'), lines: [line({}), line({ side: 'credit', account: 'sales' })], entryDate: '2026-02-30' }, 'invalid_date'],
    ['unknown account', { entryDate: '2026-11-01', source: 'test', lines: [line({ account: 'petty_cash' }), line({ side: 'credit', account: 'sales' })] }, 'unknown_account'],
  ];
  it.each(cases)('%s', async (_name, draft, code) => {
    await expectRefused(() => postEntry(database.db, { tenantId }, draft), code);
  });

  it("another tenant's customer cannot be named, and the database refuses it too", async () => {
    await expectRefused(() => postEntry(database.db, { tenantId }, invoice(otherCustomer, '5.00')), 'unknown_dimension');
    const error = await postEntry(database.db, { tenantId }, invoice(otherCustomer, '5.00')).catch((e: unknown) => e);
    expect(isKxError(error) && error.fields[0]?.field).toBe('lines[0].customerId');
  });

  it("another tenant's account cannot be used: accounts are resolved within the posting tenant", async () => {
    const foreignAccount = await database.db.selectFrom('accounts').select('id').where('tenant_id', '=', otherTenantId).where('code', '=', 'sales').executeTakeFirstOrThrow();
    // Even SQL that bypasses the application cannot point a line at another tenant's account.
    const error = await database.db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into journal_entries (tenant_id, id, entry_date, source) values (${tenantId}, '019ac000-0000-7000-8000-000000000001', '2026-11-01', 'sql')`.execute(trx);
        await sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor)
                  values (${tenantId}, '019ac000-0000-7000-8000-000000000001', 1, ${foreignAccount.id}, 'CNY', 100)`.execute(trx);
      })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('23503');
  });

  it('a posting for a tenant that does not exist', async () => {
    await expectRefused(() => postEntry(database.db, { tenantId: '019ac000-0000-7000-8000-00000000dead' }, invoice(alice, '1.00')), 'tenant_not_found');
  });
});

describe('idempotency', () => {
  it('the same key and the same request give the first result again and post once', async () => {
    const first = await postEntry(database.db, { tenantId }, receipt(bob, '12.34'), { idempotencyKey: 'rcpt-1' });
    const before = await countRows(database.db);
    const again = await postEntry(database.db, { tenantId }, receipt(bob, '12.34'), { idempotencyKey: 'rcpt-1' });
    expect(again).toEqual({ entryId: first.entryId, replayed: true });
    expect(await countRows(database.db)).toEqual(before);
  });

  it('the same key with a different request is a conflict', async () => {
    await postEntry(database.db, { tenantId }, receipt(bob, '1.00'), { idempotencyKey: 'rcpt-2' });
    await expectRefused(() => postEntry(database.db, { tenantId }, receipt(bob, '1.01'), { idempotencyKey: 'rcpt-2' }), 'idempotency_key_reused');
  });

  it('keys are per tenant', async () => {
    const mine = await postEntry(database.db, { tenantId }, receipt(bob, '2.00'), { idempotencyKey: 'shared-key' });
    const theirs = await postEntry(database.db, { tenantId: otherTenantId }, receipt(otherCustomer, '2.00'), { idempotencyKey: 'shared-key' });
    expect(theirs.replayed).toBe(false);
    expect(theirs.entryId).not.toBe(mine.entryId);
  });

  it('a replay still answers after the month was closed, and a conflict is still a conflict', async () => {
    const first = await postEntry(database.db, { tenantId }, receipt(bob, '3.00', 'CNY', '2026-09-15'), { idempotencyKey: 'before-close' });
    await sql`insert into accounting_periods (tenant_id, month, closed) values (${tenantId}, '2026-09-01', true)`.execute(database.db);
    expect(await postEntry(database.db, { tenantId }, receipt(bob, '3.00', 'CNY', '2026-09-15'), { idempotencyKey: 'before-close' })).toEqual({ entryId: first.entryId, replayed: true });
    await expectRefused(() => postEntry(database.db, { tenantId }, receipt(bob, '3.01', 'CNY', '2026-09-15'), { idempotencyKey: 'before-close' }), 'idempotency_key_reused');
    await expectRefused(() => postEntry(database.db, { tenantId }, receipt(bob, '3.00', 'CNY', '2026-09-16')), 'period_closed');
  });

  it('concurrent requests with one key post exactly once', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => postEntry(database.db, { tenantId }, receipt(alice, '7.77'), { idempotencyKey: 'race-1' })),
    );
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  });
});

describe('reversal', () => {
  it('a reversal restores every balance and can only happen once', async () => {
    const before = await balanceOf('accounts_receivable', alice);
    const { entryId } = await postEntry(database.db, { tenantId }, receipt(alice, '99.99'));
    expect(await balanceOf('accounts_receivable', alice)).toBe(before - 9999n);
    const reversal = await reverseEntry(database.db, { tenantId }, entryId, { entryDate: '2026-11-21', idempotencyKey: 'rev-1' });
    expect(await balanceOf('accounts_receivable', alice)).toBe(before);
    expect((await loadEntry(database.db, tenantId, reversal.entryId)).reversesEntryId).toBe(entryId);
    // Retrying the same reversal request is a replay, a new reversal is refused.
    expect(await reverseEntry(database.db, { tenantId }, entryId, { entryDate: '2026-11-21', idempotencyKey: 'rev-1' })).toEqual({ entryId: reversal.entryId, replayed: true });
    await expectRefused(() => reverseEntry(database.db, { tenantId }, entryId, { entryDate: '2026-11-21' }), 'entry_already_reversed');
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });

  it("an unknown entry, or another tenant's, cannot be reversed", async () => {
    const { entryId } = await postEntry(database.db, { tenantId: otherTenantId }, receipt(otherCustomer, '1.00'));
    await expectRefused(() => reverseEntry(database.db, { tenantId }, entryId, { entryDate: '2026-11-21' }), 'entry_not_found');
    await expectRefused(() => reverseEntry(database.db, { tenantId }, 'not-a-uuid', { entryDate: '2026-11-21' }), 'entry_not_found');
  });
});

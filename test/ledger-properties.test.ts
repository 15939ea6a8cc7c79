import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { accountBalances, postEntry, trialBalance } from '../src/app/ledger.js';
import { verifyLedger } from '../src/app/verify.js';
import { isKxError } from '../src/core/errors.js';
import type { LineDraft } from '../src/core/ledger/entry.js';
import { allocate, formatAmount } from '../src/core/money/index.js';
import { createTestDatabase } from './helpers/db.js';
import { countRows, tenantWithCustomers } from './helpers/ledger.js';

let database: Database;
let tenantId: string;
let customers: string[];
beforeAll(async () => {
  database = await createTestDatabase();
  ({ tenantId, customers } = await tenantWithCustomers(database.db, 'props', 3));
});
afterAll(async () => database?.close());

const accountCodes = ['accounts_receivable', 'cash:bank_transfer', 'cash:alipay', 'customer_advances', 'sales', 'refunds_payable', 'gateway_fees'];
const currencies = ['CNY', 'USD', 'JPY', 'KWD'];

/** A balanced entry: a total split into debit parts and, independently, credit parts. */
const balancedEntry = fc
  .record({
    currency: fc.constantFrom(...currencies),
    total: fc.bigInt({ min: 2n, max: 10n ** 12n }),
    debitWeights: fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 4 }),
    creditWeights: fc.array(fc.bigInt({ min: 1n, max: 1000n }), { minLength: 1, maxLength: 4 }),
    accounts: fc.array(fc.constantFrom(...accountCodes), { minLength: 8, maxLength: 8 }),
    customers: fc.array(fc.option(fc.nat({ max: 2 }), { nil: undefined }), { minLength: 8, maxLength: 8 }),
  })
  .map(({ currency, total, debitWeights, creditWeights, accounts, customers: who }) => {
    const parts = (side: 'debit' | 'credit', weights: bigint[], offset: number): LineDraft[] =>
      allocate(total, weights)
        .map((amountMinor, i) => ({ amountMinor, i }))
        .filter(({ amountMinor }) => amountMinor > 0n)
        .map(({ amountMinor, i }) => ({
          account: accounts[offset + i]!,
          side,
          amount: formatAmount(amountMinor, currency),
          currency,
          customerId: who[offset + i] === undefined ? null : customers[who[offset + i]!]!,
        }));
    return [...parts('debit', debitWeights, 0), ...parts('credit', creditWeights, 4)];
  });

/** What every balance should be: the model the database is compared with. */
const model = new Map<string, bigint>();
const modelKey = (account: string, customerId: string | null | undefined, currency: string) => `${account}|${customerId ?? '-'}|${currency}`;

describe('property: random entries', () => {
  it('balanced entries post and move balances exactly; unbalanced ones are refused and leave nothing', async () => {
    await fc.assert(
      fc.asyncProperty(balancedEntry, fc.bigInt({ min: -3n, max: 3n }), async (lines, skew) => {
        const skewed = skew === 0n ? lines : lines.map((l, i) => (i === 0 ? { ...l, amount: bump(l.amount, skew) } : l));
        const before = await countRows(database.db);
        const outcome = await postEntry(database.db, { tenantId }, { entryDate: '2026-06-30', source: 'property', lines: skewed }).catch((e: unknown) => e);
        if (skew === 0n) {
          expect(outcome).toHaveProperty('entryId');
          for (const l of lines) {
            const key = modelKey(l.account, l.customerId, l.currency);
            const minor = BigInt(String(l.amount).replace('.', ''));
            model.set(key, (model.get(key) ?? 0n) + (l.side === 'debit' ? minor : -minor));
          }
        } else {
          // Either the skew made the amount invalid (≤ 0) or the entry no longer balances.
          expect(isKxError(outcome) && ['entry_unbalanced', 'amount_not_positive'].includes(outcome.code)).toBe(true);
          expect(await countRows(database.db)).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
    for (const row of await accountBalances(database.db, tenantId)) {
      expect(row.balanceMinor).toBe(model.get(modelKey(row.account, row.customerId, row.currency)) ?? 0n);
    }
    for (const total of (await trialBalance(database.db, tenantId)).totals.values()) expect(total).toBe(0n);
    expect((await verifyLedger(database.db)).ok).toBe(true);
  });
});

/** Adds `skew` minor units to a decimal amount string, keeping its scale. */
function bump(amount: string | bigint, skew: bigint): string {
  const text = String(amount);
  const scale = text.includes('.') ? text.split('.')[1]!.length : 0;
  const minor = BigInt(text.replace('.', '')) + skew;
  if (minor <= 0n) return scale ? `0.${'0'.repeat(scale)}` : '0';
  const digits = minor.toString().padStart(scale + 1, '0');
  return scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
}

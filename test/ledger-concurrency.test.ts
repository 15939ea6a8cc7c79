import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { accountBalances, postEntry, postValidEntry, reverseEntry, trialBalance } from '../src/app/ledger.js';
import { inTransaction } from '../src/app/transaction.js';
import { verifyLedger } from '../src/app/verify.js';
import { isKxError } from '../src/core/errors.js';
import { validateEntry } from '../src/core/ledger/entry.js';
import { createTestDatabase, testDatabaseKind } from './helpers/db.js';
import { countRows, receipt, tenantWithCustomers } from './helpers/ledger.js';

/**
 * Many writers on the same balance rows. On the PostgreSQL server this is real concurrency (a pool of
 * 12 connections); on PGlite the writers queue on its single connection, which still exercises the code.
 */
const workers = 8;
const postingsPerWorker = testDatabaseKind === 'postgres' ? 500 : 150;

let database: Database;
let tenantId: string;
let customers: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ tenantId, customers } = await tenantWithCustomers(database.db, 'busy', 2));
});
afterAll(async () => database?.close());

describe(`${workers} workers × ${postingsPerWorker} postings on the same accounts (${testDatabaseKind})`, () => {
  it('loses no update, deadlocks never, leaves no half-written entry, and balances to zero', async () => {
    const [a, b] = customers as [string, string];
    let expectedReceivableA = 0n;
    let expectedReceivableB = 0n;
    let committed = 0n;
    let replays = 0;

    const worker = async (w: number) => {
      for (let i = 0; i < postingsPerWorker; i++) {
        const cents = BigInt(1 + ((w * 7919 + i * 104729) % 100_000));
        const amount = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
        switch (i % 5) {
          case 0: {
            // Two customers in one entry, in opposite orders on alternate workers: a classic deadlock shape
            // that the ordered balance upsert must prevent.
            const lines = [
              { account: 'accounts_receivable', side: 'debit' as const, amount, currency: 'CNY', customerId: w % 2 ? a : b },
              { account: 'accounts_receivable', side: 'credit' as const, amount, currency: 'CNY', customerId: w % 2 ? b : a },
            ];
            await postEntry(database.db, { tenantId }, { entryDate: '2026-11-20', source: 'test', lines });
            if (w % 2) { expectedReceivableA += cents; expectedReceivableB -= cents; } else { expectedReceivableB += cents; expectedReceivableA -= cents; }
            committed += 1n;
            break;
          }
          case 1: {
            // A use case that fails after posting: its transaction must leave nothing behind.
            const failed = await inTransaction(database.db, async (trx) => {
              await postValidEntry(trx, { tenantId }, validateEntry(receipt(a, amount)));
              throw new Error('business rule failed after posting');
            }).catch((e: unknown) => e);
            expect((failed as Error).message).toBe('business rule failed after posting');
            break;
          }
          case 2: {
            // The same request twice with one key: posted once.
            const key = `w${w}-i${i}`;
            await postEntry(database.db, { tenantId }, receipt(a, amount), { idempotencyKey: key });
            const again = await postEntry(database.db, { tenantId }, receipt(a, amount), { idempotencyKey: key });
            replays += again.replayed ? 1 : 0;
            expectedReceivableA -= cents;
            committed += 1n;
            break;
          }
          case 3: {
            const posted = await postEntry(database.db, { tenantId }, receipt(b, amount));
            await reverseEntry(database.db, { tenantId }, posted.entryId, { entryDate: '2026-11-21' });
            committed += 2n;
            break;
          }
          default: {
            const refused = await postEntry(database.db, { tenantId }, { ...receipt(a, amount), lines: [receipt(a, amount).lines[0]!, { ...receipt(a, '0.01').lines[1]! }] }).catch((e: unknown) => e);
            expect(isKxError(refused, 'entry_unbalanced')).toBe(true);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));

    expect(replays).toBe(workers * Math.ceil((postingsPerWorker - 2) / 5));
    expect((await countRows(database.db)).entries).toBe(committed);
    const receivable = await accountBalances(database.db, tenantId, { account: 'accounts_receivable' });
    expect(receivable.find((r) => r.customerId === a)?.balanceMinor).toBe(expectedReceivableA);
    expect(receivable.find((r) => r.customerId === b)?.balanceMinor ?? 0n).toBe(expectedReceivableB);
    expect((await trialBalance(database.db, tenantId)).totals.get('CNY')).toBe(0n);
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
  });
});

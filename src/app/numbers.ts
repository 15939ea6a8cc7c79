import { sql, type Kysely } from 'kysely';
import { prepared } from './prepared.js';
import type { DB } from './schema.js';

/** Prefixes of human document numbers: OD-2026-000123 (order), RC (receipt), RF (refund), CN (credit note), WO (write-off), ST (bank statement). */
export type DocumentPrefix = 'OD' | 'RC' | 'RF' | 'CN' | 'WO' | 'ST';

/**
 * The next number for a kind of document in the year of `date`. Taken in a transaction of its own, BEFORE
 * the business transaction, so the counter row is locked for one statement and not for a whole use case
 * (receipts from sixteen clients would otherwise queue on it). That transaction is the one statement below,
 * sent without BEGIN/COMMIT (one round trip instead of four); its set_config makes its commit asynchronous:
 * losing this commit in a crash is harmless, because any business transaction that used the number flushes
 * the WAL past it when it commits. A request that fails after taking a number leaves a gap; numbers are
 * unique and increasing, not gapless. Must be called with the database, not inside a transaction.
 */
export async function nextNumber(db: Kysely<DB>, tenantId: string, prefix: DocumentPrefix, date: string): Promise<string> {
  return (await nextNumbers(db, tenantId, prefix, date, 1))[0]!;
}

/** `count` consecutive numbers in one statement (a batch of receipts), in increasing order; as nextNumber. */
export async function nextNumbers(db: Kysely<DB>, tenantId: string, prefix: DocumentPrefix, date: string, count: number): Promise<string[]> {
  // Inside a transaction the set_config below would make the caller's whole commit asynchronous.
  if (db.isTransaction) throw new Error('nextNumber takes its number in a transaction of its own: call it with the database, not a transaction');
  if (!Number.isInteger(count) || count < 1) throw new Error(`nextNumbers: count must be a positive integer, not ${count}`);
  const year = Number(date.slice(0, 4));
  const { rows } = await sql<{ last_value: bigint }>`${prepared}
    WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO document_numbers AS d (tenant_id, prefix, year, last_value)
    SELECT ${tenantId}::uuid, ${prefix}::text, ${year}::int, ${count}::int8 FROM async_commit
    ON CONFLICT (tenant_id, prefix, year) DO UPDATE SET last_value = d.last_value + EXCLUDED.last_value
    RETURNING d.last_value`.execute(db);
  const last = rows[0]!.last_value;
  return Array.from({ length: count }, (_, i) => `${prefix}-${year}-${(last - BigInt(count - 1 - i)).toString().padStart(6, '0')}`);
}

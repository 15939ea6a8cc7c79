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
  // Inside a transaction the set_config below would make the caller's whole commit asynchronous.
  if (db.isTransaction) throw new Error('nextNumber takes its number in a transaction of its own: call it with the database, not a transaction');
  const year = Number(date.slice(0, 4));
  const { rows } = await sql<{ last_value: bigint }>`${prepared}
    WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
    INSERT INTO document_numbers AS d (tenant_id, prefix, year, last_value)
    SELECT ${tenantId}::uuid, ${prefix}::text, ${year}::int, 1 FROM async_commit
    ON CONFLICT (tenant_id, prefix, year) DO UPDATE SET last_value = d.last_value + 1
    RETURNING d.last_value`.execute(db);
  return `${prefix}-${year}-${rows[0]!.last_value.toString().padStart(6, '0')}`;
}

import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** Prefixes of human document numbers: OD-2026-000123 (order), RC (receipt), RF (refund), CN (credit note), WO (write-off). */
export type DocumentPrefix = 'OD' | 'RC' | 'RF' | 'CN' | 'WO';

/**
 * The next number for a kind of document in the year of `date`. Taken in a short transaction of its own,
 * BEFORE the business transaction, so the counter row is locked for one statement and not for a whole
 * use case (receipts from sixteen clients would otherwise queue on it). Commit is asynchronous: losing this
 * commit in a crash is harmless, because any business transaction that used the number flushes the WAL
 * past it when it commits. A request that fails after taking a number leaves a gap; numbers are unique and
 * increasing, not gapless. Must be called with the database, not inside a transaction.
 */
export async function nextNumber(db: Kysely<DB>, tenantId: string, prefix: DocumentPrefix, date: string): Promise<string> {
  const year = Number(date.slice(0, 4));
  const value = await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL synchronous_commit TO off`.execute(trx);
    const row = await trx
      .insertInto('document_numbers')
      .values({ tenant_id: tenantId, prefix, year, last_value: 1n })
      .onConflict((oc) => oc.columns(['tenant_id', 'prefix', 'year']).doUpdateSet({ last_value: sql`document_numbers.last_value + 1` }))
      .returning('last_value')
      .executeTakeFirstOrThrow();
    return row.last_value;
  });
  return `${prefix}-${year}-${value.toString().padStart(6, '0')}`;
}

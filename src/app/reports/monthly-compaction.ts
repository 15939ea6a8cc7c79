import { sql, type Kysely } from 'kysely';
import { limits } from '../../core/limits.js';
import type { ScheduledJob } from '../scheduler.js';
import type { DB } from '../schema.js';

/**
 * Folds the monthly roll-up's connection stripes (1–15, written by postings: migration 2026-11-29T0700) into
 * stripe 0, so a key is about one row again for the readers, who sum over the stripes. One statement per batch:
 * the rows it deletes and the sums it adds to stripe 0 commit together, so every key's total is the same before
 * and after at every instant — exact, as `verify` checks it (per key, whatever the stripes). Rows a posting
 * holds are skipped (SKIP LOCKED) and folded next time; postings never write stripe 0, so the fold waits for
 * nobody. Bounded per statement and per run, like the pruning.
 */
export async function compactMonthlyFigures(db: Kysely<DB>, bounds: { perStatement: number; perRun: number } = { perStatement: limits.compactRowsPerStatementMax, perRun: limits.compactRowsPerRunMax }): Promise<number> {
  let total = 0;
  while (total < bounds.perRun) {
    const batch = Math.min(bounds.perStatement, bounds.perRun - total);
    const { rows } = await sql<{ folded: string }>`
      WITH picked AS (
        SELECT ctid FROM ledger_monthly WHERE stripe <> 0 LIMIT ${batch} FOR UPDATE SKIP LOCKED
      ), moved AS (
        DELETE FROM ledger_monthly m WHERE m.ctid = ANY (ARRAY(SELECT ctid FROM picked))
        RETURNING m.tenant_id, m.month, m.account_id, m.source, m.owner_key, m.department_key, m.product_key, m.channel_key, m.currency,
                  m.debit_minor, m.credit_minor, m.line_count
      ), folded AS (
        INSERT INTO ledger_monthly AS t
               (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe,
                debit_minor, credit_minor, line_count)
        SELECT tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, 0,
               sum(debit_minor), sum(credit_minor), sum(line_count)
          FROM moved
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
         ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
        ON CONFLICT (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe) DO UPDATE
           SET debit_minor = t.debit_minor + excluded.debit_minor,
               credit_minor = t.credit_minor + excluded.credit_minor,
               line_count = t.line_count + excluded.line_count
      )
      SELECT count(*)::text AS folded FROM moved`.execute(db);
    const n = Number(rows[0]!.folded);
    total += n;
    if (n < batch) break;
  }
  return total;
}

export const compactionJobs: readonly ScheduledJob[] = [
  {
    name: 'reports.compact',
    everyMs: limits.compactEveryMs,
    run: async (db) => `${await compactMonthlyFigures(db)} monthly figure rows folded into stripe 0`,
  },
];

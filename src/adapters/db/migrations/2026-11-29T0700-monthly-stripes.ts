import { sql, type Kysely } from 'kysely';

/**
 * The monthly roll-up's stripes by connection, folded by a job (issue 8, item 7; docs/reports.md "The monthly
 * roll-up"). FROZEN once landed.
 *
 * ledger_monthly spread one key's postings over four rows by the customer id's last byte. Measured on a quiet
 * machine (`npm run bench:posting -- --backends postgres`, 8 writers on customers without owner or department,
 * so every posting of the day met on the same two accounts' rows): 3,053 postings/s, against 4,054/s with the
 * daily figures alone — writers queued on the four rows until commit. Keyed by the writing connection instead
 * (`1 + pg_backend_pid() % 15`, stripes 1–15), concurrent writers hold different rows: 3,859/s in the same
 * measurement. Postings never write stripe 0: the job `reports.compact` (src/app/reports/monthly-compaction.ts)
 * moves the other stripes' figures into it, in one statement per batch, so readers — who sum over the stripes
 * anyway — read about one row per key again, and the fold never waits for a posting.
 *
 * This migration: stripes 0–15, the trigger function with the connection's stripe, and the existing rows folded
 * into stripe 0.
 */
const nil = `'00000000-0000-0000-0000-000000000000'::uuid`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE ledger_monthly DROP CONSTRAINT ledger_monthly_stripe_check;
    ALTER TABLE ledger_monthly ADD CONSTRAINT ledger_monthly_stripe_check CHECK (stripe BETWEEN 0 AND 15);

    -- As in 2026-11-29T0400, but the roll-up row's stripe is the writing connection's (1–15).
    CREATE OR REPLACE FUNCTION kx_apply_ledger_daily() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      WITH grouped AS (
        SELECT l.tenant_id, e.entry_date AS day, l.account_id, e.source,
               coalesce(l.customer_id, ${sql.raw(nil)}) AS customer_key,
               coalesce(l.owner_id, ${sql.raw(nil)}) AS owner_key,
               coalesce(l.department_id, ${sql.raw(nil)}) AS department_key,
               coalesce(l.product_id, ${sql.raw(nil)}) AS product_key,
               coalesce(l.channel, '') AS channel_key, l.currency,
               coalesce(sum(l.amount_minor) FILTER (WHERE l.amount_minor > 0), 0) AS debit_minor,
               coalesce(-sum(l.amount_minor) FILTER (WHERE l.amount_minor < 0), 0) AS credit_minor,
               count(*) AS line_count
          FROM inserted_lines l
          JOIN (SELECT g.tenant_id, g.entry_id,
                       (SELECT x.entry_date FROM journal_entries x WHERE x.tenant_id = g.tenant_id AND x.id = g.entry_id) AS entry_date,
                       (SELECT x.source FROM journal_entries x WHERE x.tenant_id = g.tenant_id AND x.id = g.entry_id) AS source
                  FROM (SELECT DISTINCT tenant_id, entry_id FROM inserted_lines) g) e
            ON e.tenant_id = l.tenant_id AND e.entry_id = l.entry_id
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      ), daily AS (
        INSERT INTO ledger_daily AS d
               (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency,
                debit_minor, credit_minor, line_count)
        SELECT * FROM grouped
         ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        ON CONFLICT (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency) DO UPDATE
           SET debit_minor = d.debit_minor + excluded.debit_minor,
               credit_minor = d.credit_minor + excluded.credit_minor,
               line_count = d.line_count + excluded.line_count
      )
      INSERT INTO ledger_monthly AS m
             (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe,
              debit_minor, credit_minor, line_count)
      SELECT tenant_id, date_trunc('month', day)::date, account_id, source, owner_key, department_key, product_key, channel_key, currency,
             (1 + pg_backend_pid() % 15)::smallint, sum(debit_minor), sum(credit_minor), sum(line_count)
        FROM grouped
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
       ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      ON CONFLICT (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe) DO UPDATE
         SET debit_minor = m.debit_minor + excluded.debit_minor,
             credit_minor = m.credit_minor + excluded.credit_minor,
             line_count = m.line_count + excluded.line_count;
      RETURN NULL;
    END $$;

    WITH moved AS (
      DELETE FROM ledger_monthly WHERE stripe <> 0
      RETURNING tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, debit_minor, credit_minor, line_count
    )
    INSERT INTO ledger_monthly AS m
           (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe,
            debit_minor, credit_minor, line_count)
    SELECT tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, 0,
           sum(debit_minor), sum(credit_minor), sum(line_count)
      FROM moved
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe) DO UPDATE
       SET debit_minor = m.debit_minor + excluded.debit_minor,
           credit_minor = m.credit_minor + excluded.credit_minor,
           line_count = m.line_count + excluded.line_count;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

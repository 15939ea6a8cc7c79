import { sql, type Kysely } from 'kysely';

/**
 * Reports that stay fast as the journal grows (issue 8, item 7; docs/performance.md "Reports at scale").
 * FROZEN once landed.
 *
 * - ledger_monthly: the daily figures summed per calendar month, without the customer. The pivot reads it
 *   whenever neither a customer dimension, a customer filter nor a customer scope is involved: a year of a
 *   1,000,000-receipt tenant is a few thousand rows here instead of millions in ledger_daily. It is written
 *   by the same trigger statement as ledger_daily (one pass over the inserted lines feeds both), so it is
 *   exact by construction, and `verify` re-derives it from the journal.
 * - `stripe` (0–3, from the customer id's last byte) spreads postings for different customers over four rows:
 *   without it every posting of an owner's customers in a month would queue on the same roll-up row until
 *   commit. Four, not more: readers sum over the stripes; the 1,000,000-receipt demo's roll-up holds 229,000
 *   rows with 16 stripes, 72,000 with 4, 22,000 with none, and the pivot's time follows (docs/performance.md).
 * - Aging reads open instalments of confirmed orders only: partial indexes on the confirmed orders (an order
 *   becomes `completed` once nothing is owed) and on the open instalments, each carrying what aging groups by
 *   and sums, so the join can run on the two indexes alone.
 */
const nil = `'00000000-0000-0000-0000-000000000000'::uuid`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ledger_monthly (
      tenant_id uuid NOT NULL,
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      account_id uuid NOT NULL,
      source text NOT NULL,
      owner_key uuid NOT NULL,
      department_key uuid NOT NULL,
      product_key uuid NOT NULL,
      channel_key text NOT NULL,
      currency char(3) NOT NULL,
      stripe smallint NOT NULL CHECK (stripe BETWEEN 0 AND 3),
      debit_minor bigint NOT NULL,
      credit_minor bigint NOT NULL,
      line_count bigint NOT NULL,
      PRIMARY KEY (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe),
      FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
    );

    -- Same statement, one pass: the lines grouped per daily key feed ledger_daily, and the same groups summed
    -- per month (customer folded into its stripe) feed ledger_monthly. Both upsert in key order, so
    -- concurrent postings queue instead of deadlocking.
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
             get_byte(uuid_send(customer_key), 15) & 3, sum(debit_minor), sum(credit_minor), sum(line_count)
        FROM grouped
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
       ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      ON CONFLICT (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe) DO UPDATE
         SET debit_minor = m.debit_minor + excluded.debit_minor,
             credit_minor = m.credit_minor + excluded.credit_minor,
             line_count = m.line_count + excluded.line_count;
      RETURN NULL;
    END $$;

    -- What the daily figures already hold (they equal the journal; verify checks both against it).
    INSERT INTO ledger_monthly
           (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency, stripe,
            debit_minor, credit_minor, line_count)
    SELECT tenant_id, date_trunc('month', day)::date, account_id, source, owner_key, department_key, product_key, channel_key, currency,
           get_byte(uuid_send(customer_key), 15) & 3, sum(debit_minor), sum(credit_minor), sum(line_count)
      FROM ledger_daily
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;

    CREATE INDEX orders_confirmed_aging ON orders (tenant_id, id)
      INCLUDE (customer_id, currency, owner_id, department_id, signed_date)
      WHERE status = 'confirmed';
    -- The open instalments with what aging sums, so the scan needs no instalment heap rows once vacuumed.
    CREATE INDEX instalments_open_aging ON instalments (tenant_id, order_id)
      INCLUDE (due_date, amount_minor, settled_minor)
      WHERE voided_at IS NULL AND settled_minor < amount_minor;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

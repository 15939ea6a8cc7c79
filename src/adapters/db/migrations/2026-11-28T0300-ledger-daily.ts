import { sql, type Kysely } from 'kysely';

/**
 * Pre-aggregated figures for reports (issue 8, item 7): the journal summed per business day and per every
 * dimension a line carries, kept by the database in the same statement as the lines — so no code path can
 * post without moving them, and they are exact by construction. `verify` re-derives them from the journal
 * (verify-analytics.ts). FROZEN once landed.
 *
 * - One row per (day, account, entry source, customer, owner, department, product, channel, currency):
 *   per-day-per-customer rows, never a per-tenant total, so concurrent postings for different customers do
 *   not queue on one hot row. NULL dimensions count under the nil UUID / '' because a primary key cannot
 *   hold NULL (as account_balances does).
 * - The entry source is a key column, so a report can tell an order's receivable from a credit note's and a
 *   receipt's cash from a refund's, without reading the journal.
 * - A statement trigger named after journal_lines_apply, so it fires after that one's guards (triggers of
 *   the same event fire in name order); it upserts in key order, like the balances, so postings never deadlock.
 */
/** A line's dimensions (NULL as the nil key) and its debit, credit and count, grouped by the first ten columns. */
const lineFigures = sql.raw(`coalesce(l.customer_id, '00000000-0000-0000-0000-000000000000'::uuid),
             coalesce(l.owner_id, '00000000-0000-0000-0000-000000000000'::uuid),
             coalesce(l.department_id, '00000000-0000-0000-0000-000000000000'::uuid),
             coalesce(l.product_id, '00000000-0000-0000-0000-000000000000'::uuid),
             coalesce(l.channel, ''), l.currency,
             coalesce(sum(l.amount_minor) FILTER (WHERE l.amount_minor > 0), 0),
             coalesce(-sum(l.amount_minor) FILTER (WHERE l.amount_minor < 0), 0),
             count(*)`);

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE ledger_daily (
      tenant_id uuid NOT NULL,
      day date NOT NULL,
      account_id uuid NOT NULL,
      source text NOT NULL,
      customer_key uuid NOT NULL,
      owner_key uuid NOT NULL,
      department_key uuid NOT NULL,
      product_key uuid NOT NULL,
      channel_key text NOT NULL,
      currency char(3) NOT NULL,
      debit_minor bigint NOT NULL,
      credit_minor bigint NOT NULL,
      line_count bigint NOT NULL,
      PRIMARY KEY (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency),
      FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id)
    );
    -- Customer-first reads (a customer's or a scope's figures over a range).
    CREATE INDEX ledger_daily_customer ON ledger_daily (tenant_id, customer_key, day);

    CREATE FUNCTION kx_apply_ledger_daily() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- The entry's date and source by one index probe per entry (correlated subqueries, whatever plan the
      -- session caches); journal_lines_apply has already refused lines without their entry.
      INSERT INTO ledger_daily AS d
             (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency,
              debit_minor, credit_minor, line_count)
      SELECT l.tenant_id, e.entry_date, l.account_id, e.source,
             ${lineFigures}
        FROM inserted_lines l
        JOIN (SELECT g.tenant_id, g.entry_id,
                     (SELECT x.entry_date FROM journal_entries x WHERE x.tenant_id = g.tenant_id AND x.id = g.entry_id) AS entry_date,
                     (SELECT x.source FROM journal_entries x WHERE x.tenant_id = g.tenant_id AND x.id = g.entry_id) AS source
                FROM (SELECT DISTINCT tenant_id, entry_id FROM inserted_lines) g) e
          ON e.tenant_id = l.tenant_id AND e.entry_id = l.entry_id
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
       ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
      ON CONFLICT (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency) DO UPDATE
         SET debit_minor = d.debit_minor + excluded.debit_minor,
             credit_minor = d.credit_minor + excluded.credit_minor,
             line_count = d.line_count + excluded.line_count;
      RETURN NULL;
    END $$;

    CREATE TRIGGER journal_lines_daily AFTER INSERT ON journal_lines
      REFERENCING NEW TABLE AS inserted_lines
      FOR EACH STATEMENT EXECUTE FUNCTION kx_apply_ledger_daily();

    -- What the journal already holds.
    INSERT INTO ledger_daily
           (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency,
            debit_minor, credit_minor, line_count)
    SELECT l.tenant_id, e.entry_date, l.account_id, e.source,
           ${lineFigures}
      FROM journal_lines l
      JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

import { sql, type Kysely } from 'kysely';

/**
 * A cheaper posting, same guarantees (docs/performance.md, "Posting speed"). FROZEN once landed.
 *
 * - The balance trigger's two guards (lines only in the entry's creating transaction; all of an entry's lines
 *   in one statement) become one query, and that query also refuses lines whose entry does not exist. That
 *   makes the foreign key journal_lines → journal_entries redundant, so it goes: it ran one lookup and took one
 *   key-share lock (a WAL record) per line, on a row the posting itself had just written. An entry can only
 *   receive lines from the transaction that created it, and entries are append-only, so no other transaction
 *   can remove it in between: the lock protected nothing. A missing entry still fails with SQLSTATE 23503 and
 *   the constraint name the foreign key had.
 * - The guard's lookups are correlated subqueries, so each is an index probe whatever the plan cache holds: a
 *   join here was planned once per session, and a session that began on a small journal kept a hash join over
 *   a sequential scan of journal_entries.
 * - The closed-period trigger checks the period first and looks up the idempotency key only when the period
 *   is closed: one index probe less per posting, same outcome.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION kx_apply_journal_lines() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      stray record;
    BEGIN
      -- Per entry in this statement: its creating transaction (NULL: no such entry) and how many lines the
      -- journal holds for it, which must be exactly this statement's. All lines of an entry arrive in one
      -- statement; otherwise SET CONSTRAINTS ALL IMMEDIATE could run the balance check after the first
      -- balanced lines, and a later statement could add an unbalancing one.
      SELECT s.tenant_id, s.entry_id, s.txid INTO stray
        FROM (SELECT g.tenant_id, g.entry_id, g.n,
                     (SELECT e.created_txid FROM journal_entries e WHERE e.tenant_id = g.tenant_id AND e.id = g.entry_id) AS txid,
                     (SELECT count(*) FROM journal_lines l WHERE l.tenant_id = g.tenant_id AND l.entry_id = g.entry_id) AS stored
                FROM (SELECT tenant_id, entry_id, count(*) AS n FROM inserted_lines GROUP BY 1, 2) g) s
       WHERE s.txid IS DISTINCT FROM pg_current_xact_id() OR s.stored <> s.n
       LIMIT 1;
      IF FOUND THEN
        IF stray.txid IS NULL THEN
          RAISE EXCEPTION 'insert or update on table "journal_lines" violates foreign key constraint "journal_lines_tenant_id_entry_id_fkey"'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'journal_lines_tenant_id_entry_id_fkey',
                  DETAIL = format('Key (tenant_id, entry_id)=(%s, %s) is not present in table "journal_entries".', stray.tenant_id, stray.entry_id);
        END IF;
        RAISE EXCEPTION 'lines are added to an entry only in the transaction that created it, all in one statement (entry %)', stray.entry_id
          USING ERRCODE = 'KX002';
      END IF;

      -- Aggregating first and upserting in key order means concurrent postings lock balance rows in one
      -- global order, so they queue instead of deadlocking.
      INSERT INTO account_balances AS b
             (tenant_id, account_id, customer_key, currency, balance_minor, debit_minor, credit_minor, line_count)
      SELECT tenant_id, account_id, coalesce(customer_id, '00000000-0000-0000-0000-000000000000'::uuid), currency,
             sum(amount_minor),
             coalesce(sum(amount_minor) FILTER (WHERE amount_minor > 0), 0),
             coalesce(-sum(amount_minor) FILTER (WHERE amount_minor < 0), 0),
             count(*)
        FROM inserted_lines
       GROUP BY 1, 2, 3, 4
       ORDER BY 1, 2, 3, 4
      ON CONFLICT (tenant_id, account_id, customer_key, currency) DO UPDATE
         SET balance_minor = b.balance_minor + excluded.balance_minor,
             debit_minor = b.debit_minor + excluded.debit_minor,
             credit_minor = b.credit_minor + excluded.credit_minor,
             line_count = b.line_count + excluded.line_count;
      RETURN NULL;
    END $$;

    -- Checked by kx_apply_journal_lines above, for every statement that writes lines.
    ALTER TABLE journal_lines DROP CONSTRAINT journal_lines_tenant_id_entry_id_fkey;

    -- Same rule and same lock as before (migration 2026-11-26T1200): the period is looked up first, because
    -- it is almost always open, and the idempotency key only when it is closed.
    CREATE OR REPLACE FUNCTION kx_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(hashtextextended('kx.postings:' || NEW.tenant_id::text, 0));
      IF EXISTS (SELECT 1 FROM accounting_periods
                  WHERE tenant_id = NEW.tenant_id AND month = date_trunc('month', NEW.entry_date)::date AND closed) THEN
        -- A repeated idempotency key is answered from the first posting (or refused as a conflict) by
        -- ON CONFLICT after this trigger; a period closed since then must not turn that into an error.
        IF NEW.idempotency_key IS NOT NULL AND EXISTS (SELECT 1 FROM journal_entries
            WHERE tenant_id = NEW.tenant_id AND idempotency_key = NEW.idempotency_key) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'the period % is closed; post into an open period', to_char(NEW.entry_date, 'YYYY-MM')
          USING ERRCODE = 'KX005';
      END IF;
      RETURN NEW;
    END $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

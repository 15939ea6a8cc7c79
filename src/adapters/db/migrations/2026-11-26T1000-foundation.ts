import { sql, type Kysely } from 'kysely';

/**
 * Foundation: tenants, the dimension tables the ledger refers to, the chart of accounts, the journal and
 * the balances it maintains. FROZEN once landed: change the schema in a new migration.
 *
 * Rules (DESIGN.md): tenant_id leads every key and index; ids are UUIDv7 made by the app; instants are
 * timestamptz and business dates are date. Foreign keys include tenant_id, so a row can only ever point at
 * rows of its own tenant: cross-tenant references are impossible by construction, not by care.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tenants (
      id uuid PRIMARY KEY,
      slug text NOT NULL,
      name text NOT NULL,
      base_currency char(3) NOT NULL CHECK (base_currency ~ '^[A-Z]{3}$'),
      time_zone text NOT NULL DEFAULT 'Asia/Shanghai',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);

    CREATE TABLE departments (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      parent_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, code),
      FOREIGN KEY (tenant_id, parent_id) REFERENCES departments (tenant_id, id)
    );

    CREATE TABLE users (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      login text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL,
      department_id uuid,
      password_hash text,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id)
    );
    CREATE UNIQUE INDEX users_login_key ON users (tenant_id, lower(login));

    CREATE TABLE products (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, code)
    );

    CREATE TABLE customers (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      owner_id uuid,
      department_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, code),
      FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id)
    );

    CREATE TABLE accounts (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('asset', 'liability', 'equity', 'income', 'expense')),
      name_zh text NOT NULL,
      name_en text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, code)
    );

    CREATE TABLE journal_entries (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      entry_date date NOT NULL,
      memo text NOT NULL DEFAULT '',
      source text NOT NULL,
      source_id uuid,
      reverses_entry_id uuid,
      idempotency_key text,
      request_hash text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- The transaction that wrote the entry; lines may only be added by that same transaction.
      created_txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, reverses_entry_id) REFERENCES journal_entries (tenant_id, id),
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
      CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
    );
    CREATE UNIQUE INDEX journal_entries_idempotency_key ON journal_entries (tenant_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL;
    -- An entry is reversed at most once.
    CREATE UNIQUE INDEX journal_entries_reverses_key ON journal_entries (tenant_id, reverses_entry_id)
      WHERE reverses_entry_id IS NOT NULL;
    -- (date, id) orders entries completely, so exports and lists can page by it.
    CREATE INDEX journal_entries_date ON journal_entries (tenant_id, entry_date, id);

    CREATE TABLE journal_lines (
      tenant_id uuid NOT NULL,
      entry_id uuid NOT NULL,
      line_no smallint NOT NULL CHECK (line_no >= 1),
      account_id uuid NOT NULL,
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      -- Debit positive, credit negative, in minor units of the currency. Never zero.
      amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
      customer_id uuid,
      department_id uuid,
      owner_id uuid,
      product_id uuid,
      channel text,
      memo text NOT NULL DEFAULT '',
      PRIMARY KEY (tenant_id, entry_id, line_no),
      FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
      FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
      FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
      FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id),
      FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
    );
    CREATE INDEX journal_lines_customer ON journal_lines (tenant_id, customer_id) WHERE customer_id IS NOT NULL;

    -- Balance per (account, customer, currency), kept by the database itself (trigger below) in the same
    -- statement as the lines: no code path can post without moving the balance. A line without a
    -- customer counts under the nil UUID, because a primary key cannot hold NULL.
    CREATE TABLE account_balances (
      tenant_id uuid NOT NULL,
      account_id uuid NOT NULL,
      customer_key uuid NOT NULL,
      currency char(3) NOT NULL,
      balance_minor bigint NOT NULL,
      debit_minor bigint NOT NULL,
      credit_minor bigint NOT NULL,
      line_count bigint NOT NULL,
      PRIMARY KEY (tenant_id, account_id, customer_key, currency),
      FOREIGN KEY (tenant_id, account_id) REFERENCES accounts (tenant_id, id),
      CHECK (balance_minor = debit_minor - credit_minor)
    );
  `.execute(db);

  await sql`
    -- Journal rows are append-only: corrections are reversing entries.
    CREATE FUNCTION kx_refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'journal rows are append-only (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'KX001', HINT = 'post a reversing entry instead';
    END $$;

    CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
      FOR EACH ROW EXECUTE FUNCTION kx_refuse_journal_change();
    CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
      FOR EACH STATEMENT EXECUTE FUNCTION kx_refuse_journal_change();
    CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
      FOR EACH ROW EXECUTE FUNCTION kx_refuse_journal_change();
    CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
      FOR EACH STATEMENT EXECUTE FUNCTION kx_refuse_journal_change();

    -- Once per INSERT statement on journal_lines: refuse lines added to an entry written by another
    -- transaction or by an earlier statement, then move the balances. Aggregating first and upserting in key order means
    -- concurrent postings lock balance rows in one global order, so they queue instead of deadlocking.
    CREATE FUNCTION kx_apply_journal_lines() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      stray record;
    BEGIN
      SELECT l.entry_id INTO stray
        FROM inserted_lines l
        JOIN journal_entries e ON e.tenant_id = l.tenant_id AND e.id = l.entry_id
       WHERE e.created_txid <> pg_current_xact_id()
       LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'lines can only be added to an entry in the transaction that created it (entry %)', stray.entry_id
          USING ERRCODE = 'KX002';
      END IF;
      -- All lines of an entry arrive in one statement. Otherwise SET CONSTRAINTS ALL IMMEDIATE could run the
      -- balance check after the first balanced lines, and a later statement could add an unbalancing one.
      SELECT i.entry_id INTO stray
        FROM (SELECT tenant_id, entry_id, count(*) AS n FROM inserted_lines GROUP BY 1, 2) i
       WHERE (SELECT count(*) FROM journal_lines l WHERE l.tenant_id = i.tenant_id AND l.entry_id = i.entry_id) <> i.n
       LIMIT 1;
      IF FOUND THEN
        RAISE EXCEPTION 'all lines of an entry are written in one statement (entry %)', stray.entry_id
          USING ERRCODE = 'KX002';
      END IF;

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

    CREATE TRIGGER journal_lines_apply AFTER INSERT ON journal_lines
      REFERENCING NEW TABLE AS inserted_lines
      FOR EACH STATEMENT EXECUTE FUNCTION kx_apply_journal_lines();

    -- At commit, once per entry: at least two lines, and debits equal credits in every currency.
    -- Deferred, because the entry row is written before its lines.
    CREATE FUNCTION kx_check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      line_total bigint := 0;
      per_currency record;
      off_currency text;
      off_total numeric;
    BEGIN
      -- One pass over the entry's lines (one index range scan): it runs for every entry at every commit.
      FOR per_currency IN
        SELECT currency, sum(amount_minor) AS total, count(*) AS n FROM journal_lines
         WHERE tenant_id = NEW.tenant_id AND entry_id = NEW.id
         GROUP BY currency
      LOOP
        line_total := line_total + per_currency.n;
        IF per_currency.total <> 0 AND off_currency IS NULL THEN
          off_currency := per_currency.currency;
          off_total := per_currency.total;
        END IF;
      END LOOP;
      IF line_total < 2 THEN
        RAISE EXCEPTION 'journal entry % has % line(s); at least 2 are required', NEW.id, line_total
          USING ERRCODE = 'KX003';
      END IF;
      IF off_currency IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % does not balance in %: debits minus credits = % minor units', NEW.id, off_currency, off_total
          USING ERRCODE = 'KX004';
      END IF;
      RETURN NULL;
    END $$;

    -- The posting itself: the entry, then all its lines in one statement. A function because PL/pgSQL keeps
    -- the plans of its statements for the whole session, where the same SQL sent as text is parsed and
    -- planned on every call — most of a posting's cost on a busy server (docs/performance.md). Returns NULL
    -- when the idempotency key already posted (the caller then replays or reports the conflict).
    CREATE FUNCTION kx_post_entry(
      p_tenant_id uuid, p_id uuid, p_entry_date date, p_memo text, p_source text, p_source_id uuid,
      p_reverses_entry_id uuid, p_idempotency_key text, p_request_hash text, p_created_by uuid,
      p_line_no smallint[], p_account_id uuid[], p_currency text[], p_amount_minor int8[], p_customer_id uuid[],
      p_department_id uuid[], p_owner_id uuid[], p_product_id uuid[], p_channel text[], p_line_memo text[]
    ) RETURNS uuid LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO journal_entries
             (tenant_id, id, entry_date, memo, source, source_id, reverses_entry_id, idempotency_key, request_hash, created_by)
      VALUES (p_tenant_id, p_id, p_entry_date, p_memo, p_source, p_source_id, p_reverses_entry_id, p_idempotency_key, p_request_hash, p_created_by)
      ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING;
      IF NOT FOUND THEN
        RETURN NULL;
      END IF;
      INSERT INTO journal_lines
             (tenant_id, entry_id, line_no, account_id, currency, amount_minor, customer_id, department_id, owner_id, product_id, channel, memo)
      SELECT p_tenant_id, p_id, l.line_no, l.account_id, l.currency, l.amount_minor, l.customer_id, l.department_id, l.owner_id, l.product_id, l.channel, l.memo
        FROM unnest(p_line_no, p_account_id, p_currency, p_amount_minor, p_customer_id, p_department_id, p_owner_id, p_product_id, p_channel, p_line_memo)
             AS l (line_no, account_id, currency, amount_minor, customer_id, department_id, owner_id, product_id, channel, memo);
      RETURN p_id;
    END $$;

    CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW EXECUTE FUNCTION kx_check_entry_balanced();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be reverted');
}

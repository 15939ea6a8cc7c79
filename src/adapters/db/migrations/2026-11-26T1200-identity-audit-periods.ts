import { sql, type Kysely } from 'kysely';

/**
 * Identity, roles and data scopes, sessions and API keys, sign-in throttling, the hash-chained audit trail,
 * and accounting periods. FROZEN once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Tenant settings used across features. Money thresholds are minor units of the base currency.
    ALTER TABLE tenants
      ADD COLUMN grace_days integer NOT NULL DEFAULT 0 CHECK (grace_days BETWEEN 0 AND 365),
      ADD COLUMN allow_self_confirm boolean NOT NULL DEFAULT false,
      ADD COLUMN refund_second_approval_minor bigint CHECK (refund_second_approval_minor > 0),
      ADD COLUMN session_idle_minutes integer NOT NULL DEFAULT 30 CHECK (session_idle_minutes BETWEEN 5 AND 1440),
      ADD COLUMN session_absolute_minutes integer NOT NULL DEFAULT 720 CHECK (session_absolute_minutes BETWEEN 15 AND 43200);

    CREATE TABLE roles (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name text NOT NULL,
      permissions text[] NOT NULL,
      data_scope text NOT NULL CHECK (data_scope IN ('own', 'department', 'all')),
      builtin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, code),
      -- '*' grants every permission, including future ones: only the built-in admin role may hold it.
      CHECK (code = 'admin' OR NOT ('*' = ANY (permissions)))
    );

    -- Every existing tenant gets the built-in roles before users.role becomes a reference to them. The
    -- definitions are copied here as they are today (src/core/auth/permissions.ts), not imported: a migration
    -- must do the same thing whenever it runs. Any other role a user already has becomes an empty custom role
    -- for an administrator to fill in.
    INSERT INTO roles (tenant_id, code, name, permissions, data_scope, builtin)
    SELECT t.id, r.code, r.name, r.permissions, r.data_scope, true
      FROM tenants t,
           (VALUES
             ('admin', '管理员 / Administrator', ARRAY['*'], 'all'),
             ('finance', '财务 / Finance', ARRAY['customers.view', 'orders.view', 'receipts.view', 'ledger.view', 'customers.manage', 'orders.manage', 'receipts.create', 'receipts.confirm', 'refunds.request', 'refunds.approve', 'records.void', 'receivables.write_off', 'ledger.post', 'data.export', 'sensitive.view', 'periods.close'], 'all'),
             ('sales', '销售 / Sales', ARRAY['customers.view', 'customers.manage', 'orders.view', 'orders.manage', 'receipts.view', 'receipts.create', 'refunds.request'], 'own'),
             ('manager', '主管 / Manager', ARRAY['customers.view', 'orders.view', 'receipts.view', 'ledger.view', 'customers.manage', 'orders.manage', 'receipts.create', 'refunds.request', 'data.export'], 'department'),
             ('auditor', '审计 / Auditor', ARRAY['customers.view', 'orders.view', 'receipts.view', 'ledger.view', 'audit.view', 'data.export', 'sensitive.view'], 'all')
           ) AS r (code, name, permissions, data_scope);
    INSERT INTO roles (tenant_id, code, name, permissions, data_scope, builtin)
    SELECT DISTINCT u.tenant_id, u.role, u.role, ARRAY[]::text[], 'own', false
      FROM users u
     WHERE u.role NOT IN ('admin', 'finance', 'sales', 'manager', 'auditor');

    ALTER TABLE users
      ADD COLUMN email text,
      ADD COLUMN phone text,
      ADD COLUMN password_changed_at timestamptz,
      ADD FOREIGN KEY (tenant_id, role) REFERENCES roles (tenant_id, code);

    CREATE TABLE sessions (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      -- SHA-256 of the secret half of the cookie; the cookie itself is never stored.
      secret_hash bytea NOT NULL,
      user_id uuid NOT NULL,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
    );
    CREATE INDEX sessions_user ON sessions (tenant_id, user_id);

    CREATE TABLE api_keys (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      name text NOT NULL,
      secret_hash bytea NOT NULL,
      permissions text[] NOT NULL,
      data_scope text NOT NULL DEFAULT 'all' CHECK (data_scope IN ('own', 'department', 'all')),
      created_by uuid NOT NULL,
      created_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
    );

    -- Failed sign-ins per tenant and subject ('login:<name>' or 'ip:<address>'), for throttling.
    CREATE TABLE signin_failures (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      subject text NOT NULL,
      failures integer NOT NULL,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz,
      PRIMARY KEY (tenant_id, subject)
    );

    -- The audit trail: one row per change, chained per tenant by hash (see src/core/audit/chain.ts).
    CREATE TABLE audit_log (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      seq bigint NOT NULL CHECK (seq >= 1),
      id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system')),
      actor_id uuid,
      actor_label text NOT NULL,
      ip text,
      user_agent text,
      action text NOT NULL,
      entity_type text NOT NULL,
      entity_id text,
      before jsonb,
      after jsonb,
      reason text,
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (tenant_id, seq)
    );
    CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity_type, entity_id);
    CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_id, occurred_at);
    CREATE INDEX audit_log_time ON audit_log (tenant_id, occurred_at);

    -- The head of each tenant's chain. Appending locks this one row, which orders a tenant's audit records
    -- exactly as their transactions commit.
    CREATE TABLE audit_heads (
      tenant_id uuid PRIMARY KEY REFERENCES tenants (id),
      seq bigint NOT NULL,
      hash text NOT NULL
    );
    INSERT INTO audit_heads (tenant_id, seq, hash) SELECT id, 0, repeat('0', 64) FROM tenants;

    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION kx_refuse_journal_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION kx_refuse_journal_change();

    -- Accounting periods (结账): a closed month accepts no posting dated inside it.
    CREATE TABLE accounting_periods (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      closed boolean NOT NULL,
      closed_at timestamptz,
      closed_by uuid,
      reopened_at timestamptz,
      reopened_by uuid,
      reopen_reason text,
      PRIMARY KEY (tenant_id, month),
      FOREIGN KEY (tenant_id, closed_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, reopened_by) REFERENCES users (tenant_id, id)
    );

    -- Every posting first takes its tenant's posting lock in shared mode, held to the end of its transaction.
    -- Closing a month (and changing the base currency) takes the same key exclusively
    -- (lockTenantPostings in src/app/admin/periods.ts, which must compute the key the same way): it waits
    -- for the tenant's postings in flight and holds off its new ones, while other tenants post on.
    CREATE FUNCTION kx_refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(hashtextextended('kx.postings:' || NEW.tenant_id::text, 0));
      -- A repeated idempotency key is answered from the first posting (or refused as a conflict) by
      -- ON CONFLICT after this trigger; a period closed since then must not turn that into an error.
      IF NEW.idempotency_key IS NOT NULL AND EXISTS (SELECT 1 FROM journal_entries
          WHERE tenant_id = NEW.tenant_id AND idempotency_key = NEW.idempotency_key) THEN
        RETURN NEW;
      END IF;
      IF EXISTS (SELECT 1 FROM accounting_periods
                  WHERE tenant_id = NEW.tenant_id AND month = date_trunc('month', NEW.entry_date)::date AND closed) THEN
        RAISE EXCEPTION 'the period % is closed; post into an open period', to_char(NEW.entry_date, 'YYYY-MM')
          USING ERRCODE = 'KX005';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER journal_entries_open_period BEFORE INSERT ON journal_entries
      FOR EACH ROW EXECUTE FUNCTION kx_refuse_closed_period();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

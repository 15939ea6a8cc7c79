import { sql, type Kysely } from 'kysely';

/**
 * Bank statements and reconciliation (issue 6 §3–4). FROZEN once landed.
 *
 * - statements: one imported statement (a file may hold several), its balances and the checks' warnings.
 * - statement_lines: its lines. (tenant, account, fingerprint) is unique: a line imported again — the same file,
 *   or an overlapping period — is recognised and skipped, not doubled. status: unmatched → suggested (the matcher
 *   found candidates) → matched (accepted: a receipt was recorded or existing receipts were reconciled), or
 *   ignored (with a reason: bank fees, internal transfers …). suggestions keeps the matcher's best candidates with
 *   their signals, so the workbench shows them without re-running the matcher.
 * - statement_line_receipts: which receipts a matched line stands for (one line ↔ several receipts, and several
 *   lines ↔ one receipt), with the amount of the line each takes.
 * - statement_mappings: saved CSV/XLSX column mappings per bank.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE statements (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      number text NOT NULL,
      format text NOT NULL,
      statement_ref text NOT NULL,
      account_id text NOT NULL,
      currency char(3) NOT NULL,
      opening_minor int8,
      closing_minor int8,
      from_date date,
      to_date date,
      filename text NOT NULL DEFAULT '',
      file_sha256 text NOT NULL,
      line_count integer NOT NULL CHECK (line_count >= 0),
      new_lines integer NOT NULL CHECK (new_lines >= 0),
      duplicate_lines integer NOT NULL CHECK (duplicate_lines >= 0),
      warnings jsonb NOT NULL DEFAULT '[]',
      imported_by uuid,
      imported_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, number)
    )
  `.execute(db);
  await sql`CREATE INDEX statements_account ON statements (tenant_id, account_id, currency, to_date)`.execute(db);
  await sql`
    CREATE TABLE statement_lines (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      statement_id uuid NOT NULL,
      position integer NOT NULL,
      account_id text NOT NULL,
      booking_date date NOT NULL,
      value_date date,
      amount_minor int8 NOT NULL CHECK (amount_minor <> 0),
      currency char(3) NOT NULL,
      counterparty_name text NOT NULL DEFAULT '',
      counterparty_account text NOT NULL DEFAULT '',
      bank_ref text NOT NULL DEFAULT '',
      end_to_end_ref text NOT NULL DEFAULT '',
      description text NOT NULL DEFAULT '',
      fingerprint text NOT NULL,
      status text NOT NULL DEFAULT 'unmatched' CHECK (status IN ('unmatched', 'suggested', 'matched', 'ignored')),
      best_score smallint,
      suggestions jsonb NOT NULL DEFAULT '[]',
      customer_id uuid,
      status_reason text,
      matched_by uuid,
      matched_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, account_id, fingerprint),
      FOREIGN KEY (tenant_id, statement_id) REFERENCES statements (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX statement_lines_statement ON statement_lines (tenant_id, statement_id, position)`.execute(db);
  await sql`CREATE INDEX statement_lines_open ON statement_lines (tenant_id, status, booking_date) WHERE status IN ('unmatched', 'suggested')`.execute(db);
  await sql`
    CREATE TABLE statement_line_receipts (
      tenant_id uuid NOT NULL,
      line_id uuid NOT NULL,
      receipt_id uuid NOT NULL,
      amount_minor int8 NOT NULL CHECK (amount_minor > 0),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, line_id, receipt_id),
      FOREIGN KEY (tenant_id, line_id) REFERENCES statement_lines (tenant_id, id),
      FOREIGN KEY (tenant_id, receipt_id) REFERENCES receipts (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX statement_line_receipts_receipt ON statement_line_receipts (tenant_id, receipt_id)`.execute(db);
  await sql`
    CREATE TABLE statement_mappings (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      definition jsonb NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, name)
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE statement_mappings, statement_line_receipts, statement_lines, statements`.execute(db);
}

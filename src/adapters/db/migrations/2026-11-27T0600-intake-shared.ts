import { sql, type Kysely } from 'kysely';

/**
 * What automatic entry (issue 6) shares between gateway webhooks, bank statements and spreadsheet import.
 * FROZEN once landed.
 *
 * - receipts.source / source_ref: where a receipt came from (typed by hand, a gateway event, a statement line,
 *   an import row), so finance can tell machine-recorded money from keyed money and trace it back.
 * - receipts.reconciled_at / reconciled_by / statement_line_id: the receipt was matched to a bank statement line
 *   (reconciliation status per receipt).
 * - payer_aliases: payer name/account → customer, learned from confirmed matches and used by gateway-event and
 *   statement matching alike.
 * - the builtin finance role gains reconciliation.manage and data.import (new permissions); admin has '*'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE receipts
      ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'gateway', 'statement', 'import')),
      ADD COLUMN source_ref text,
      ADD COLUMN reconciled_at timestamptz,
      ADD COLUMN reconciled_by uuid,
      ADD COLUMN statement_line_id uuid
  `.execute(db);
  await sql`
    CREATE TABLE payer_aliases (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      alias_key text NOT NULL CHECK (length(alias_key) BETWEEN 1 AND 400),
      customer_id uuid NOT NULL,
      payer_name text NOT NULL DEFAULT '',
      payer_account text NOT NULL DEFAULT '',
      confirmations integer NOT NULL DEFAULT 1 CHECK (confirmations > 0),
      last_confirmed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, alias_key),
      FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX payer_aliases_customer ON payer_aliases (tenant_id, customer_id)`.execute(db);
  await sql`
    UPDATE roles SET permissions = permissions || ARRAY['reconciliation.manage', 'data.import']
     WHERE code = 'finance' AND builtin AND NOT ('data.import' = ANY (permissions))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE payer_aliases`.execute(db);
  await sql`ALTER TABLE receipts DROP COLUMN source, DROP COLUMN source_ref, DROP COLUMN reconciled_at, DROP COLUMN reconciled_by, DROP COLUMN statement_line_id`.execute(db);
}

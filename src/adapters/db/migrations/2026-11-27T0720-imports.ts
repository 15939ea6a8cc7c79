import { sql, type Kysely } from 'kysely';

/**
 * Spreadsheet import jobs (issue 6 §5). FROZEN once landed.
 *
 * - imports: one job per uploaded file: its kind, where it stands (validating → validated → importing → done,
 *   or failed), the counts the progress bar shows, the first errors (the full list is in import_rows), and a
 *   heartbeat so a job whose process died is recognised as interrupted rather than shown running forever.
 * - import_rows: every data row as parsed (cells by column key, as text), its errors, and what became of it
 *   (valid, invalid, imported with the id of the record made, skipped), and the first row of the record it
 *   belongs to (unit_row: an order's instalment rows share their order's first row). One row per file row keeps the
 *   per-row outcome queryable and the commit resumable; bounded by limits.importRowsMax per job.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE imports (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('customers', 'orders', 'receipts')),
      format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
      filename text NOT NULL DEFAULT '' CHECK (length(filename) <= 255),
      content_sha256 text NOT NULL,
      status text NOT NULL CHECK (status IN ('validating', 'validated', 'importing', 'done', 'failed')),
      mode text CHECK (mode IN ('all_or_nothing', 'valid_only')),
      total_rows integer NOT NULL DEFAULT 0 CHECK (total_rows >= 0),
      processed_rows integer NOT NULL DEFAULT 0 CHECK (processed_rows >= 0),
      valid_rows integer NOT NULL DEFAULT 0 CHECK (valid_rows >= 0),
      error_rows integer NOT NULL DEFAULT 0 CHECK (error_rows >= 0),
      imported_rows integer NOT NULL DEFAULT 0 CHECK (imported_rows >= 0),
      skipped_rows integer NOT NULL DEFAULT 0 CHECK (skipped_rows >= 0),
      errors jsonb NOT NULL DEFAULT '[]',
      error_count integer NOT NULL DEFAULT 0 CHECK (error_count >= 0),
      failure jsonb,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      heartbeat_at timestamptz NOT NULL DEFAULT now(),
      validated_at timestamptz,
      committed_by uuid,
      finished_at timestamptz,
      PRIMARY KEY (tenant_id, id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE import_rows (
      tenant_id uuid NOT NULL,
      import_id uuid NOT NULL,
      row_no integer NOT NULL CHECK (row_no > 0),
      unit_row integer NOT NULL CHECK (unit_row > 0 AND unit_row <= row_no),
      data jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('valid', 'invalid', 'imported', 'skipped')),
      errors jsonb NOT NULL DEFAULT '[]',
      entity_id uuid,
      PRIMARY KEY (tenant_id, import_id, row_no),
      FOREIGN KEY (tenant_id, import_id) REFERENCES imports (tenant_id, id) ON DELETE CASCADE
    )
  `.execute(db);
  await sql`CREATE INDEX import_rows_unit ON import_rows (tenant_id, import_id, unit_row, row_no)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE import_rows`.execute(db);
  await sql`DROP TABLE imports`.execute(db);
}

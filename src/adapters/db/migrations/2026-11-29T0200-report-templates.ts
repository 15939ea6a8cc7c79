import { sql, type Kysely } from 'kysely';

/**
 * Report templates (issue 8 §4). FROZEN once landed.
 *
 * - report_templates: a saved report definition (kind, the report's own params and a date range, the chart)
 *   owned by one person and shared with roles. Built-in templates are code (src/app/reports/builtin-templates.ts),
 *   not rows.
 * - report_schedules: at most one per template; when and in what format it is delivered, to whom, whether to
 *   webhooks too; next_run_at (null while disabled), the claim of the process delivering it (claimed_until), and
 *   the last run's outcome. The due index is global over tenants, like the notification queues: one delivery
 *   pass claims due schedules of every tenant with FOR UPDATE SKIP LOCKED.
 * - report_deliveries: each recipient's file of each run (or why they got none), kept so the bell and the email
 *   can link to it and only that recipient can download it. One row per (template, run, recipient): a run that
 *   is repeated after a crash cannot deliver twice.
 * - email_deliveries.attachment_id: the report delivery an email carries as its attachment.
 * - the built-in finance and manager roles of existing tenants get reports.manage, as their definitions now do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_templates (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      owner_id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
      kind text NOT NULL CHECK (kind IN ('pivot', 'aging', 'collection', 'forecast', 'refunds', 'unallocated', 'reconciliation')),
      definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
      chart text NOT NULL CHECK (chart IN ('table', 'bar', 'line', 'pie', 'heatmap')),
      shared_roles text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX report_templates_by_owner ON report_templates (tenant_id, owner_id)`.execute(db);

  await sql`
    CREATE TABLE report_schedules (
      tenant_id uuid NOT NULL,
      template_id uuid NOT NULL,
      frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
      hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
      weekday smallint CHECK (weekday BETWEEN 1 AND 7),
      day_of_month smallint CHECK (day_of_month BETWEEN 1 AND 28),
      format text NOT NULL CHECK (format IN ('xlsx', 'csv', 'pdf')),
      recipient_users uuid[] NOT NULL DEFAULT '{}',
      recipient_roles text[] NOT NULL DEFAULT '{}',
      webhook boolean NOT NULL DEFAULT false,
      enabled boolean NOT NULL DEFAULT true,
      next_run_at timestamptz,
      claimed_by text,
      claimed_until timestamptz,
      last_run_at timestamptz,
      last_run_outcome text CHECK (last_run_outcome IN ('done', 'failed')),
      last_run_detail text CHECK (length(last_run_detail) <= 2000),
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, template_id),
      FOREIGN KEY (tenant_id, template_id) REFERENCES report_templates (tenant_id, id) ON DELETE CASCADE,
      CHECK ((frequency = 'weekly') = (weekday IS NOT NULL)),
      CHECK ((frequency = 'monthly') = (day_of_month IS NOT NULL)),
      CHECK (enabled OR next_run_at IS NULL)
    )
  `.execute(db);
  await sql`CREATE INDEX report_schedules_due ON report_schedules (next_run_at) WHERE enabled`.execute(db);

  await sql`
    CREATE TABLE report_deliveries (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      template_id uuid NOT NULL,
      template_name text NOT NULL,
      run_at timestamptz NOT NULL,
      recipient_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('delivered', 'skipped', 'failed')),
      detail text CHECK (length(detail) <= 500),
      format text NOT NULL CHECK (format IN ('xlsx', 'csv', 'pdf')),
      file_name text NOT NULL DEFAULT '' CHECK (length(file_name) <= 200),
      content_type text NOT NULL DEFAULT '',
      content bytea CHECK (octet_length(content) <= 5242880),
      row_count integer,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, template_id, run_at, recipient_id),
      FOREIGN KEY (tenant_id, recipient_id) REFERENCES users (tenant_id, id),
      CHECK ((status = 'delivered') = (content IS NOT NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX report_deliveries_by_recipient ON report_deliveries (tenant_id, recipient_id, id DESC)`.execute(db);

  await sql`ALTER TABLE email_deliveries ADD COLUMN attachment_id uuid`.execute(db);

  await sql`UPDATE roles SET permissions = permissions || ARRAY['reports.manage'] WHERE builtin AND code IN ('finance', 'manager') AND NOT ('reports.manage' = ANY (permissions))`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

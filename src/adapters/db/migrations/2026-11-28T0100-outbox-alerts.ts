import { sql, type Kysely } from 'kysely';

/**
 * Outbox, scheduler and alerts (issue 7 §1, §3, §4). FROZEN once landed.
 *
 * - outbox_events: what other parts of the system (alert evaluation, live stream, notifications, outbound
 *   webhooks) must learn from a write, written in the writing transaction. The rows of receipts, refunds and
 *   statements are written by triggers, so every path that writes them (one receipt, the group-commit batch,
 *   gateway intake, imports, statement matching) emits without knowing about it — one INSERT per statement.
 *   Readers order by (tx, id) and only read rows with tx < the oldest transaction of this database still
 *   running (src/app/outbox/dispatcher.ts): those are final, and every row committed later sorts after them, so a cursor never skips a late commit (a bare
 *   bigserial would: ids are taken at insert, not at commit).
 *   The dispatcher is global over tenants, so its index does not lead with tenant_id (a Citus deployment runs
 *   a dispatcher per shard).
 * - outbox_consumers: one row per consumer with its cursor; a dispatcher holds the row locked (FOR UPDATE SKIP
 *   LOCKED) while it handles a batch and advances the cursor in the same transaction.
 * - scheduled_runs: one row per (job, slot) — whoever inserts it runs the slot; a lease lets another process
 *   take over a slot whose runner died.
 * - alert_rule_settings: a tenant's overrides of a rule's defaults (src/core/alerts/rules.ts).
 * - alerts: one row per condition raised; the partial unique index keeps a condition to one open alert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE outbox_events (
      tenant_id uuid NOT NULL,
      id bigserial NOT NULL,
      tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
      type text NOT NULL,
      aggregate_type text NOT NULL,
      aggregate_id text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX outbox_events_order ON outbox_events (tx, id)`.execute(db);
  await sql`
    CREATE TABLE outbox_consumers (
      consumer text PRIMARY KEY CHECK (length(consumer) BETWEEN 1 AND 100),
      tx xid8 NOT NULL DEFAULT '0',
      last_id bigint NOT NULL DEFAULT 0,
      handled bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);

  // Receipts: recorded on insert (and confirmed when inserted confirmed), then each change of status.
  await sql`
    CREATE FUNCTION kx_outbox_receipts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload)
      SELECT n.tenant_id, t.type, 'receipt', n.id::text,
             jsonb_build_object('number', n.number, 'customerId', n.customer_id, 'amountMinor', n.amount_minor::text, 'currency', n.currency,
                                'status', n.status, 'receivedDate', n.received_date, 'channel', n.channel)
        FROM new_rows n
       CROSS JOIN LATERAL (VALUES ('receipt.recorded', 1), ('receipt.confirmed', 2)) AS t(type, k)
       WHERE t.k = 1 OR n.status = 'confirmed'
       ORDER BY n.id, t.k;
      RETURN NULL;
    END $$;
    CREATE TRIGGER receipts_outbox_insert AFTER INSERT ON receipts REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kx_outbox_receipts_inserted();

    CREATE FUNCTION kx_outbox_receipt_status() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload)
      VALUES (NEW.tenant_id, 'receipt.' || NEW.status, 'receipt', NEW.id::text,
              jsonb_build_object('number', NEW.number, 'customerId', NEW.customer_id, 'amountMinor', NEW.amount_minor::text, 'currency', NEW.currency,
                                 'status', NEW.status, 'previousStatus', OLD.status, 'receivedDate', NEW.received_date, 'channel', NEW.channel));
      RETURN NULL;
    END $$;
    CREATE TRIGGER receipts_outbox_status AFTER UPDATE OF status ON receipts
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION kx_outbox_receipt_status();

    CREATE FUNCTION kx_outbox_refunds_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload)
      SELECT n.tenant_id, 'refund.' || n.status, 'refund', n.id::text,
             jsonb_build_object('number', n.number, 'customerId', n.customer_id, 'receiptId', n.receipt_id, 'amountMinor', n.amount_minor::text,
                                'currency', n.currency, 'status', n.status)
        FROM new_rows n ORDER BY n.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER refunds_outbox_insert AFTER INSERT ON refunds REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kx_outbox_refunds_inserted();

    CREATE FUNCTION kx_outbox_refund_status() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload)
      VALUES (NEW.tenant_id, 'refund.' || NEW.status, 'refund', NEW.id::text,
              jsonb_build_object('number', NEW.number, 'customerId', NEW.customer_id, 'receiptId', NEW.receipt_id, 'amountMinor', NEW.amount_minor::text,
                                 'currency', NEW.currency, 'status', NEW.status, 'previousStatus', OLD.status));
      RETURN NULL;
    END $$;
    CREATE TRIGGER refunds_outbox_status AFTER UPDATE OF status ON refunds
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION kx_outbox_refund_status();

    CREATE FUNCTION kx_outbox_statements_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload)
      SELECT n.tenant_id, 'statement.imported', 'statement', n.id::text,
             jsonb_build_object('number', n.number, 'currency', n.currency, 'lineCount', n.line_count, 'newLines', n.new_lines,
                                'warnings', jsonb_array_length(n.warnings))
        FROM new_rows n ORDER BY n.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER statements_outbox_insert AFTER INSERT ON statements REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION kx_outbox_statements_inserted();
  `.execute(db);

  await sql`
    CREATE TABLE scheduled_runs (
      job text NOT NULL CHECK (length(job) BETWEEN 1 AND 100),
      slot text NOT NULL CHECK (length(slot) BETWEEN 1 AND 40),
      runner text NOT NULL,
      started_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz NOT NULL,
      finished_at timestamptz,
      outcome text CHECK (outcome IN ('done', 'failed')),
      detail text NOT NULL DEFAULT '',
      attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
      PRIMARY KEY (job, slot)
    )
  `.execute(db);

  await sql`
    CREATE TABLE alert_rule_settings (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      rule text NOT NULL,
      enabled boolean NOT NULL,
      severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
      recipients jsonb NOT NULL DEFAULT '{"users":[],"roles":[]}' CHECK (jsonb_typeof(recipients) = 'object'),
      updated_by uuid,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, rule)
    )
  `.execute(db);
  await sql`
    CREATE TABLE alerts (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      rule text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
      dedupe_key text NOT NULL CHECK (length(dedupe_key) <= 300),
      -- What raised it: the scope a re-evaluation of the same subject reconciles (a receipt, a customer, ...).
      subject_type text NOT NULL,
      subject_id text NOT NULL,
      message_key text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      links jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links) = 'array'),
      customer_id uuid,
      recipients jsonb NOT NULL DEFAULT '{"users":[],"roles":[]}',
      assignee_id uuid,
      raised_at timestamptz NOT NULL DEFAULT now(),
      acknowledged_by uuid,
      acknowledged_at timestamptz,
      resolved_by uuid,
      resolved_at timestamptz,
      resolution text CHECK (resolution IN ('manual', 'auto')),
      resolution_note text,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
      FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
      CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX alerts_one_open ON alerts (tenant_id, dedupe_key) WHERE status <> 'resolved'`.execute(db);
  // A condition resolved by hand is not raised again (src/app/alerts/store.ts looks here).
  await sql`CREATE INDEX alerts_manual ON alerts (tenant_id, dedupe_key) WHERE resolution = 'manual'`.execute(db);
  await sql`CREATE INDEX alerts_list ON alerts (tenant_id, raised_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX alerts_open_subject ON alerts (tenant_id, subject_type, subject_id) WHERE status <> 'resolved'`.execute(db);
  await sql`CREATE INDEX alerts_open_rule ON alerts (tenant_id, rule) WHERE status <> 'resolved'`.execute(db);

  await sql`
    CREATE FUNCTION kx_outbox_alerts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR (OLD.status <> 'resolved' AND NEW.status = 'resolved') THEN
        INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload)
        VALUES (NEW.tenant_id, CASE WHEN TG_OP = 'INSERT' THEN 'alert.raised' ELSE 'alert.resolved' END, 'alert', NEW.id::text,
                jsonb_build_object('rule', NEW.rule, 'severity', NEW.severity, 'customerId', NEW.customer_id, 'messageKey', NEW.message_key,
                                   'params', NEW.params, 'links', NEW.links, 'recipients', NEW.recipients, 'resolution', NEW.resolution));
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER alerts_outbox AFTER INSERT OR UPDATE OF status ON alerts
      FOR EACH ROW EXECUTE FUNCTION kx_outbox_alerts();
  `.execute(db);

  // Existing tenants' built-in roles get the new permissions their definitions now carry.
  await sql`UPDATE roles SET permissions = permissions || ARRAY['alerts.view', 'alerts.handle', 'alerts.manage'] WHERE builtin AND code = 'finance'`.execute(db);
  await sql`UPDATE roles SET permissions = permissions || ARRAY['alerts.view', 'alerts.handle'] WHERE builtin AND code IN ('sales', 'manager')`.execute(db);
  await sql`UPDATE roles SET permissions = permissions || ARRAY['alerts.view'] WHERE builtin AND code = 'auditor'`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

import { sql, type Kysely } from 'kysely';

/**
 * Payment-gateway intake (issue 6 §1–2). FROZEN once landed.
 *
 * - integrations: one tenant's account at a provider. Public settings in `config`; the secrets (webhook
 *   secret, API v3 key, public keys) only as AES-256-GCM ciphertext, with the names of the set ones beside it
 *   so listing never decrypts.
 * - gateway_events: every verified delivery, stored once per (integration, provider event id) before anything
 *   is done with it; processing works from this row. A later delivery of the same id with other bytes is
 *   kept as a second row in status 'conflict' (the partial unique index leaves conflict rows out, and one row
 *   per distinct body is enough). `lease_until` lets several server processes share the queue without
 *   holding a row lock across the several transactions one event may take.
 * - gateway_payments: one row per provider payment (payment_ref): the event that owns it, its receipt and its
 *   fee entry. Two events about one payment (charge.succeeded and payment_intent.succeeded) make one receipt.
 * - gateway_disputes: a chargeback opened against a receipt and the amount held on it.
 * - webhook_rejections: deliveries refused (bad signature, stale, unknown or disabled integration), kept for a
 *   bounded time so an attacker cannot fill the disk; unknown integrations have no tenant and are kept under
 *   the nil tenant, seen by operators only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE integrations (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      provider text NOT NULL CHECK (provider IN ('stripe', 'alipay', 'wechatpay', 'generic')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      enabled boolean NOT NULL DEFAULT true,
      config jsonb NOT NULL DEFAULT '{}',
      secrets_ciphertext text NOT NULL,
      secret_names text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE gateway_events (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      integration_id uuid NOT NULL,
      provider text NOT NULL,
      event_id text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 255),
      provider_type text NOT NULL,
      payload_sha256 text NOT NULL,
      payload text NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      verification jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('received', 'processed', 'ignored', 'unmatched', 'failed', 'conflict')),
      kind text,
      normalized jsonb,
      payment_ref text,
      occurred_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      last_error jsonb,
      receipt_id uuid,
      refund_id uuid,
      conflict_of uuid,
      received_at timestamptz NOT NULL DEFAULT now(),
      processed_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, integration_id) REFERENCES integrations (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX gateway_events_once ON gateway_events (tenant_id, integration_id, event_id) WHERE status <> 'conflict'`.execute(db);
  await sql`CREATE UNIQUE INDEX gateway_events_bodies ON gateway_events (tenant_id, integration_id, event_id, payload_sha256)`.execute(db);
  // The worker's queue: only rows still to do, so the scan across tenants stays as small as the backlog.
  await sql`CREATE INDEX gateway_events_due ON gateway_events (tenant_id, next_attempt_at) WHERE status = 'received'`.execute(db);
  await sql`CREATE INDEX gateway_events_list ON gateway_events (tenant_id, id)`.execute(db);
  await sql`CREATE INDEX gateway_events_payment ON gateway_events (tenant_id, integration_id, payment_ref) WHERE payment_ref IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE gateway_payments (
      tenant_id uuid NOT NULL,
      integration_id uuid NOT NULL,
      payment_ref text NOT NULL CHECK (length(payment_ref) BETWEEN 1 AND 255),
      owner_event uuid NOT NULL,
      receipt_id uuid,
      fee_entry_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, integration_id, payment_ref),
      FOREIGN KEY (tenant_id, owner_event) REFERENCES gateway_events (tenant_id, id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE gateway_disputes (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      integration_id uuid NOT NULL,
      dispute_ref text NOT NULL,
      payment_ref text NOT NULL,
      event_id uuid NOT NULL,
      receipt_id uuid,
      currency text NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      held_minor bigint NOT NULL CHECK (held_minor >= 0 AND held_minor <= amount_minor),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
      reason text NOT NULL DEFAULT '',
      opened_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, integration_id, dispute_ref)
    )
  `.execute(db);
  await sql`CREATE INDEX gateway_disputes_receipt ON gateway_disputes (tenant_id, receipt_id) WHERE status = 'open'`.execute(db);
  await sql`
    CREATE TABLE webhook_rejections (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      integration_id uuid,
      provider text NOT NULL,
      reason text NOT NULL,
      detail text NOT NULL DEFAULT '',
      ip text,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX webhook_rejections_age ON webhook_rejections (tenant_id, received_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE webhook_rejections, gateway_disputes, gateway_payments, gateway_events, integrations`.execute(db);
}

import { sql, type Kysely } from 'kysely';

/**
 * Notifications (issue 7 §5): in-app, email and outbound webhooks. FROZEN once landed.
 *
 * - notification_events: one row per event a tenant was notified of; its primary key is what makes
 *   enqueueNotification idempotent (a second call with the same event id fans out nothing).
 * - notifications: the bell, one row per recipient user; unread while read_at is null.
 * - notification_preferences: per user, whether they want email and in which language.
 * - webhook_subscriptions: a tenant's receiver URLs with the event types they want and their signing secret
 *   (AES-GCM ciphertext, the id bound in as additional data).
 * - webhook_deliveries / webhook_attempts: one delivery per (subscription, event), its retry state and lease,
 *   and every attempt with status code, duration, error and the start of the answer.
 * - email_deliveries: one mail per (user, event), rendered in the user's language when enqueued.
 * The two queues are claimed across tenants by the worker (like gateway_events), hence their due-time indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_events (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      event_id uuid NOT NULL,
      type text NOT NULL CHECK (length(type) BETWEEN 1 AND 100),
      occurred_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, event_id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE notifications (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      user_id uuid NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      message_key text NOT NULL,
      params jsonb NOT NULL DEFAULT '{}',
      payload jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      read_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, user_id, event_id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX notifications_by_user ON notifications (tenant_id, user_id, id DESC)`.execute(db);
  await sql`CREATE INDEX notifications_unread ON notifications (tenant_id, user_id) WHERE read_at IS NULL`.execute(db);
  await sql`
    CREATE TABLE notification_preferences (
      tenant_id uuid NOT NULL,
      user_id uuid NOT NULL,
      email_enabled boolean NOT NULL DEFAULT false,
      language text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, user_id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE webhook_subscriptions (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      url text NOT NULL CHECK (length(url) <= 2048),
      description text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
      event_types text[] NOT NULL,
      active boolean NOT NULL DEFAULT true,
      secret_ciphertext text NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    )
  `.execute(db);
  await sql`
    CREATE TABLE webhook_deliveries (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      subscription_id uuid NOT NULL,
      event_id uuid NOT NULL,
      type text NOT NULL,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      give_up_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_status_code integer,
      last_error text,
      created_at timestamptz NOT NULL,
      finished_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, subscription_id, event_id),
      FOREIGN KEY (tenant_id, subscription_id) REFERENCES webhook_subscriptions (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (tenant_id, subscription_id, id DESC)`.execute(db);
  await sql`
    CREATE TABLE webhook_attempts (
      tenant_id uuid NOT NULL,
      delivery_id uuid NOT NULL,
      attempt_no integer NOT NULL CHECK (attempt_no > 0),
      started_at timestamptz NOT NULL,
      duration_ms integer NOT NULL CHECK (duration_ms >= 0),
      status_code integer,
      error text,
      response_body text,
      PRIMARY KEY (tenant_id, delivery_id, attempt_no),
      FOREIGN KEY (tenant_id, delivery_id) REFERENCES webhook_deliveries (tenant_id, id) ON DELETE CASCADE
    )
  `.execute(db);
  await sql`
    CREATE TABLE email_deliveries (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      user_id uuid NOT NULL,
      event_id uuid NOT NULL,
      to_address text NOT NULL,
      subject text NOT NULL,
      body text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at timestamptz NOT NULL,
      give_up_at timestamptz NOT NULL,
      lease_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL,
      sent_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, user_id, event_id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
    )
  `.execute(db);
  await sql`CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status = 'pending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['email_deliveries', 'webhook_attempts', 'webhook_deliveries', 'webhook_subscriptions', 'notification_preferences', 'notifications', 'notification_events']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}

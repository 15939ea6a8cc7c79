import { sql, type Kysely } from 'kysely';

/**
 * Issue 7, operations. FROZEN once landed.
 *
 * - tenants.allow_private_webhook_targets: a tenant administrator's switch letting this tenant's webhook
 *   subscriptions reach loopback and private addresses — effective only where the operator allows tenants to
 *   (KX_WEBHOOK_ALLOW_PRIVATE=tenant; docs/webhooks.md).
 * - alerts_open_customer: the date rules and the customer rules resolve the open alerts of a page's customers
 *   in one statement (src/app/alerts/store.ts); without it that statement reads every open alert of the rule.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE tenants ADD COLUMN allow_private_webhook_targets boolean NOT NULL DEFAULT false`.execute(db);
  await sql`CREATE INDEX alerts_open_customer ON alerts (tenant_id, customer_id, rule) WHERE status <> 'resolved'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS alerts_open_customer`.execute(db);
  await sql`ALTER TABLE tenants DROP COLUMN IF EXISTS allow_private_webhook_targets`.execute(db);
}

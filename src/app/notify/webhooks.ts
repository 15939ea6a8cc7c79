import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { limits } from '../../core/limits.js';
import { isSubscribableType, notificationEventTypes } from '../../core/notify/event-types.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { encryptSecrets } from '../gateways/secrets.js';
import { newId } from '../ids.js';
import { decodeCursor, toPage, uuidPattern, type Page } from '../pagination.js';
import { fail } from '../receivables/common.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import type { WebhookSender } from './ports.js';
import type { WebhookDeliveryStatus } from './tables.js';

/**
 * Outbound webhook subscriptions (出站 Webhook 订阅), managed with integrations.manage. The signing secret is
 * generated here, answered once at creation and stored AES-GCM encrypted with the installation's key (the same
 * secret box as gateway integrations), bound to the subscription's id. Every URL is checked against SSRF when it
 * is set; the worker checks it again before each delivery.
 */

export interface Subscription {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SubscriptionInput {
  url: string;
  eventTypes: string[];
  description?: string;
}

export interface SubscriptionPatch {
  url?: string;
  eventTypes?: string[];
  description?: string;
  active?: boolean;
}

export function subscriptionSecretAad(id: string): string {
  return `webhook-subscription:${id}`;
}

const columns = ['id', 'url', 'description', 'event_types', 'active', 'created_at', 'updated_at'] as const;
type Row = { id: string; url: string; description: string; event_types: string[]; active: boolean; created_at: Date; updated_at: Date };

function viewOf(r: Row): Subscription {
  return { id: r.id, url: r.url, description: r.description, eventTypes: [...r.event_types], active: r.active, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
}

function checkedTypes(types: readonly string[]): string[] {
  const unique = [...new Set(types)];
  if (unique.length === 0 || unique.length > limits.webhookSubscriptionEventTypesMax) throw fail('validation_failed', 'eventTypes', `1–${limits.webhookSubscriptionEventTypesMax} event types`);
  const unknown = unique.find((t) => !isSubscribableType(t));
  if (unknown !== undefined) throw fail('validation_failed', 'eventTypes', `${unknown.slice(0, 60)} is not an event type; one of * or ${notificationEventTypes.join(', ')}`);
  return unique.sort();
}

/** The URL, checked against SSRF with the tenant's own switch on private targets (within the operator's ceiling). */
async function checkedUrl(db: Kysely<DB>, tenantId: string, sender: WebhookSender, url: string): Promise<string> {
  const trimmed = url.trim();
  if (trimmed.length === 0 || trimmed.length > limits.webhookUrlCharsMax) throw fail('validation_failed', 'url', `a URL of 1–${limits.webhookUrlCharsMax} characters`);
  const tenant = await db.selectFrom('tenants').select('allow_private_webhook_targets').where('id', '=', tenantId).executeTakeFirst();
  await sender.checkTarget(trimmed, tenant?.allow_private_webhook_targets ?? false);
  return trimmed;
}

function checkedDescription(text: string | undefined): string {
  const trimmed = (text ?? '').trim();
  if (trimmed.length > 200) throw fail('validation_failed', 'description', 'at most 200 characters');
  return trimmed;
}

export async function listSubscriptions(db: Kysely<DB>, actor: Actor): Promise<{ items: Subscription[] }> {
  requirePermission(actor, 'integrations.manage');
  const rows = await db.selectFrom('webhook_subscriptions').select(columns).where('tenant_id', '=', actor.tenantId).orderBy('id').limit(limits.webhookSubscriptionsPerTenantMax).execute();
  return { items: rows.map(viewOf) };
}

export async function createSubscription(db: Kysely<DB>, actor: Actor, key: Buffer, sender: WebhookSender, input: SubscriptionInput): Promise<{ subscription: Subscription; secret: string }> {
  requirePermission(actor, 'integrations.manage');
  const eventTypes = checkedTypes(input.eventTypes);
  const description = checkedDescription(input.description);
  const url = await checkedUrl(db, actor.tenantId, sender, input.url);
  const id = newId();
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const subscription = await inTransaction(db, async (trx) => {
    const { n } = await trx.selectFrom('webhook_subscriptions').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', actor.tenantId).executeTakeFirstOrThrow();
    if (Number(n) >= limits.webhookSubscriptionsPerTenantMax) throw fail('validation_failed', 'url', `a tenant may have at most ${limits.webhookSubscriptionsPerTenantMax} webhook subscriptions`);
    const row = await trx.insertInto('webhook_subscriptions').values({
      tenant_id: actor.tenantId, id, url, description, event_types: eventTypes, created_by: actor.userId,
      secret_ciphertext: encryptSecrets(key, subscriptionSecretAad(id), { secret }),
    }).returning(columns).executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'webhook_subscription.created', entityType: 'webhook_subscription', entityId: id, after: { url, eventTypes, description, active: true } });
    return viewOf(row);
  });
  return { subscription, secret };
}

export async function updateSubscription(db: Kysely<DB>, actor: Actor, sender: WebhookSender, id: string, patch: SubscriptionPatch): Promise<Subscription> {
  requirePermission(actor, 'integrations.manage');
  const eventTypes = patch.eventTypes === undefined ? undefined : checkedTypes(patch.eventTypes);
  const description = patch.description === undefined ? undefined : checkedDescription(patch.description);
  const url = patch.url === undefined ? undefined : await checkedUrl(db, actor.tenantId, sender, patch.url);
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('webhook_subscriptions').select(columns).where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw fail('not_found', 'id', 'no such webhook subscription', { subscriptionId: id });
    const after = await trx.updateTable('webhook_subscriptions').set({
      ...(url !== undefined ? { url } : {}), ...(eventTypes !== undefined ? { event_types: eventTypes } : {}),
      ...(description !== undefined ? { description } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}), updated_at: new Date(),
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).returning(columns).executeTakeFirstOrThrow();
    const summary = (r: Row) => ({ url: r.url, eventTypes: r.event_types, description: r.description, active: r.active });
    await appendAudit(trx, actor, { action: 'webhook_subscription.updated', entityType: 'webhook_subscription', entityId: id, before: summary(before), after: summary(after) });
    return viewOf(after);
  });
}

export interface DeliveryView {
  id: string;
  eventId: string;
  type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface AttemptView {
  attemptNo: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
}

async function requireSubscription(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const found = await db.selectFrom('webhook_subscriptions').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!found) throw fail('not_found', 'id', 'no such webhook subscription', { subscriptionId: id });
}

const deliveryColumns = ['id', 'event_id', 'type', 'status', 'attempts', 'next_attempt_at', 'last_status_code', 'last_error', 'created_at', 'finished_at'] as const;

function deliveryView(r: { id: string; event_id: string; type: string; status: WebhookDeliveryStatus; attempts: number; next_attempt_at: Date; last_status_code: number | null; last_error: string | null; created_at: Date; finished_at: Date | null }): DeliveryView {
  return {
    id: r.id, eventId: r.event_id, type: r.type, status: r.status, attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null, lastStatusCode: r.last_status_code, lastError: r.last_error,
    createdAt: r.created_at.toISOString(), finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/** The delivery log of one subscription, newest first. */
export async function listDeliveries(db: Kysely<DB>, actor: Actor, subscriptionId: string, query: { cursor?: string; limit?: number; status?: WebhookDeliveryStatus }): Promise<Page<DeliveryView>> {
  requirePermission(actor, 'integrations.manage');
  await requireSubscription(db, actor, subscriptionId);
  const size = Math.min(Math.max(query.limit ?? 20, 1), limits.webhookDeliveriesPageSizeMax);
  const after = decodeCursor(query.cursor, (p) => uuidPattern.test(p));
  let q = db.selectFrom('webhook_deliveries').select(deliveryColumns).where('tenant_id', '=', actor.tenantId).where('subscription_id', '=', subscriptionId);
  if (after !== undefined) q = q.where('id', '<', after);
  if (query.status !== undefined) q = q.where('status', '=', query.status);
  const rows = await q.orderBy('id', 'desc').limit(size + 1).execute();
  return toPage(rows, size, deliveryView, (r) => r.id);
}

/** One delivery with every attempt (status code, duration, error, the start of the answer) and the body sent. */
export async function getDelivery(db: Kysely<DB>, actor: Actor, subscriptionId: string, deliveryId: string): Promise<DeliveryView & { body: string; attemptLog: AttemptView[] }> {
  requirePermission(actor, 'integrations.manage');
  const row = await db.selectFrom('webhook_deliveries').select([...deliveryColumns, 'body']).where('tenant_id', '=', actor.tenantId)
    .where('subscription_id', '=', subscriptionId).where('id', '=', deliveryId).executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such delivery', { deliveryId });
  const attempts = await db.selectFrom('webhook_attempts').selectAll().where('tenant_id', '=', actor.tenantId).where('delivery_id', '=', deliveryId)
    .orderBy('attempt_no').limit(200).execute();
  return {
    ...deliveryView(row), body: row.body,
    attemptLog: attempts.map((a) => ({ attemptNo: a.attempt_no, startedAt: a.started_at.toISOString(), durationMs: a.duration_ms, statusCode: a.status_code, error: a.error, responseBody: a.response_body })),
  };
}

/**
 * Manual resend (重发): the delivery is due again now, whatever its state. A failed one gets one more attempt
 * (its retry window is not reopened: a receiver that is still down makes it failed again, and finance resends
 * once it is fixed); a pending one is simply brought forward.
 */
export async function resendDelivery(db: Kysely<DB>, actor: Actor, subscriptionId: string, deliveryId: string, now: Date = new Date()): Promise<DeliveryView> {
  requirePermission(actor, 'integrations.manage');
  return inTransaction(db, async (trx) => {
    const row = await trx.updateTable('webhook_deliveries')
      .set((eb) => ({ status: 'pending', next_attempt_at: now, lease_until: null, finished_at: null, give_up_at: eb.fn('greatest', [eb.ref('give_up_at'), eb.val(now)]) }))
      .where('tenant_id', '=', actor.tenantId).where('subscription_id', '=', subscriptionId).where('id', '=', deliveryId)
      .returning(deliveryColumns).executeTakeFirst();
    if (!row) throw fail('not_found', 'id', 'no such delivery', { deliveryId });
    await appendAudit(trx, actor, { action: 'webhook_delivery.resent', entityType: 'webhook_delivery', entityId: deliveryId, after: { subscriptionId, eventId: row.event_id, type: row.type } });
    return deliveryView(row);
  });
}

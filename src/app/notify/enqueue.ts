import { sql, type Kysely } from 'kysely';
import { limits } from '../../core/limits.js';
import { renderMessage, type Language, type MessageParams } from '../../core/notify/messages.js';
import { newId } from '../ids.js';
import { fail } from '../receivables/common.js';
import type { DB } from '../schema.js';

/** One event to tell people and systems about. */
export interface NotificationInput {
  tenantId: string;
  /** Unique per tenant: a second call with the same id does nothing (the caller may retry its transaction). */
  eventId: string;
  /** The event type, e.g. `receipt.confirmed`; webhook subscriptions select on it. */
  type: string;
  occurredAt: Date;
  /** The event's details: the webhook's `data`, and kept with each in-app notification. */
  payload: unknown;
  /** Who sees it in the app (and by email, if they opted in). Without recipients only webhooks are sent. */
  recipients?: { userIds?: readonly string[]; roleIds?: readonly string[] };
  /** What the bell and the email say (src/core/notify/messages.ts); the key defaults to the type. */
  message?: { key: string; params?: MessageParams };
  /** false: no webhook deliveries (a message for its recipients only, e.g. one person's own report file). */
  webhooks?: boolean;
  /** A report delivery (report_deliveries.id) each email carries as its attachment, within emailAttachmentBytesMax. */
  attachmentId?: string;
}

export interface EnqueueOutcome {
  /** The event was notified before: nothing was added. */
  duplicate: boolean;
  notifications: number;
  emails: number;
  webhooks: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * The one entry point of notifications: called inside the caller's transaction, so the notifications exist
 * exactly when the change that caused them commits. Fans out to the bell of each recipient, an email for each
 * recipient who opted in (rendered now, in their language), and a delivery for every active webhook
 * subscription of the tenant that wants this type. Sending happens later, in the notification worker.
 */
export async function enqueueNotification(tx: Kysely<DB>, input: NotificationInput, now: Date = new Date()): Promise<EnqueueOutcome> {
  const checked = checkInput(input);
  const first = await tx.insertInto('notification_events')
    .values({ tenant_id: input.tenantId, event_id: input.eventId, type: input.type, occurred_at: input.occurredAt, created_at: now })
    .onConflict((oc) => oc.doNothing()).returning('event_id').executeTakeFirst();
  if (!first) return { duplicate: true, notifications: 0, emails: 0, webhooks: 0 };

  const users = await recipientsOf(tx, input);
  const key = input.message?.key ?? input.type;
  const params = input.message?.params ?? {};
  if (users.length > 0) {
    await tx.insertInto('notifications').values(users.map((u) => ({
      tenant_id: input.tenantId, id: newId(), user_id: u.id, event_id: input.eventId, type: input.type, message_key: key,
      params: JSON.stringify(params), payload: checked.payloadJson, created_at: now,
    }))).execute();
    // The recipients' open screens hear of it at once (live updates deliver these to that user only).
    await sql`INSERT INTO outbox_events (tenant_id, type, aggregate_type, aggregate_id, payload)
              SELECT ${input.tenantId}::uuid, 'notification.created', 'notification', u::text, jsonb_build_object('userId', u)
                FROM unnest(${users.map((u) => u.id)}::uuid[]) AS u`.execute(tx);
  }
  const giveUpAt = new Date(now.getTime() + limits.notifyRetryWindowMs);
  const mailed = users.filter((u) => u.email_enabled === true && u.email !== null && u.email !== '');
  if (mailed.length > 0) {
    await tx.insertInto('email_deliveries').values(mailed.map((u) => {
      const text = renderMessage(key, params, (u.language ?? 'zh') as Language, input.type);
      return {
        tenant_id: input.tenantId, id: newId(), user_id: u.id, event_id: input.eventId, to_address: u.email!, subject: text.subject, body: text.body,
        status: 'pending' as const, next_attempt_at: now, give_up_at: giveUpAt, created_at: now, attachment_id: input.attachmentId ?? null,
      };
    })).execute();
  }
  const subscriptions = input.webhooks === false ? [] : await tx.selectFrom('webhook_subscriptions').select('id')
    .where('tenant_id', '=', input.tenantId).where('active', '=', true)
    .where(sql<boolean>`event_types && ARRAY[${input.type}::text, '*']`)
    .execute();
  if (subscriptions.length > 0) {
    const body = JSON.stringify({ id: input.eventId, type: input.type, occurredAt: input.occurredAt.toISOString(), tenantId: input.tenantId, data: checked.payload });
    await tx.insertInto('webhook_deliveries').values(subscriptions.map((s) => ({
      tenant_id: input.tenantId, id: newId(), subscription_id: s.id, event_id: input.eventId, type: input.type, body,
      status: 'pending' as const, next_attempt_at: now, give_up_at: giveUpAt, created_at: now,
    }))).execute();
  }
  return { duplicate: false, notifications: users.length, emails: mailed.length, webhooks: subscriptions.length };
}

function checkInput(input: NotificationInput): { payload: unknown; payloadJson: string } {
  if (!UUID.test(input.eventId)) throw fail('validation_failed', 'eventId', 'eventId must be a lower-case UUID');
  if (input.type.length > 100 || !EVENT_TYPE.test(input.type)) throw fail('validation_failed', 'type', 'type must look like receipt.confirmed');
  if (!(input.occurredAt instanceof Date) || Number.isNaN(input.occurredAt.getTime())) throw fail('validation_failed', 'occurredAt', 'occurredAt must be a valid instant');
  const payload = input.payload ?? {};
  const payloadJson = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  if (Buffer.byteLength(payloadJson) > limits.notifyPayloadBytesMax) throw fail('validation_failed', 'payload', `payload over ${limits.notifyPayloadBytesMax} bytes`);
  const ids = [...(input.recipients?.userIds ?? []), ...(input.recipients?.roleIds ?? [])];
  if (ids.length > limits.notifyRecipientsMax) throw fail('validation_failed', 'recipients', `at most ${limits.notifyRecipientsMax} recipients`);
  const userIds = input.recipients?.userIds ?? [];
  if (userIds.some((id) => !UUID.test(id))) throw fail('validation_failed', 'recipients.userIds', 'user ids are UUIDs');
  if (input.attachmentId !== undefined && !UUID.test(input.attachmentId)) throw fail('validation_failed', 'attachmentId', 'attachmentId must be a lower-case UUID');
  return { payload: JSON.parse(payloadJson) as unknown, payloadJson };
}

/** Enabled users of the tenant named directly or by their role, with their email preference; each once. */
async function recipientsOf(tx: Kysely<DB>, input: NotificationInput) {
  const userIds = [...new Set(input.recipients?.userIds ?? [])];
  const roles = [...new Set(input.recipients?.roleIds ?? [])];
  if (userIds.length === 0 && roles.length === 0) return [];
  const rows = await tx.selectFrom('users as u')
    .leftJoin('notification_preferences as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.user_id', '=', 'u.id'))
    .select(['u.id', 'u.email', 'p.email_enabled', 'p.language'])
    .where('u.tenant_id', '=', input.tenantId).where('u.disabled_at', 'is', null)
    .where((eb) => eb.or([
      ...(userIds.length > 0 ? [eb('u.id', 'in', userIds)] : []),
      ...(roles.length > 0 ? [eb('u.role', 'in', roles)] : []),
    ]))
    .orderBy('u.id').limit(limits.notifyRecipientsMax).execute();
  return rows;
}

import { sql } from 'kysely';
import { formatAmount, isCurrency } from '../../core/money/index.js';
import { notificationEventTypes } from '../../core/notify/event-types.js';
import type { MessageParams } from '../../core/notify/messages.js';
import { idFor } from '../ids.js';
import type { OutboxEvent, OutboxHandler } from '../outbox/dispatcher.js';
import { enqueueNotification, type NotificationInput } from './enqueue.js';

/**
 * From the outbox to people and systems (issue 7 §5): each domain event of a type a webhook may subscribe to is
 * handed to enqueueNotification in the dispatcher's transaction, so it is notified exactly once per event (the
 * notification event id is derived from the outbox position). Who is told in the app and by email:
 * - an alert, raised or resolved: the rule's recipients (users and roles) — the alert's own explanation in the
 *   reader's language;
 * - a refund requested: the roles that may approve it;
 * - everything else: only the webhook subscriptions that asked for it (the lists and live updates show it).
 */
export const notifyConsumerName = 'notifications';

const subscribable = new Set<string>(notificationEventTypes);

export function notifyOutboxHandler(): OutboxHandler {
  return async (trx, events) => {
    const wanted = events.filter((e) => subscribable.has(e.type));
    if (wanted.length === 0) return;
    const names = await customerNames(trx, wanted);
    const approvers = wanted.some((e) => e.type === 'refund.requested') ? await approverRoles(trx, wanted) : new Map<string, string[]>();
    for (const event of wanted) await enqueueNotification(trx, notificationOf(event, names, approvers), new Date());
  };
}

type Trx = Parameters<OutboxHandler>[0];

/** The notification's id: the same outbox row always gives the same id (a re-run batch adds nothing). */
function eventIdOf(e: OutboxEvent): string {
  return idFor(`outbox:${e.tenantId}:${e.tx}:${e.id}`);
}

function notificationOf(e: OutboxEvent, names: Map<string, string>, approvers: Map<string, string[]>): NotificationInput {
  const p = e.payload;
  const base = { tenantId: e.tenantId, eventId: eventIdOf(e), type: e.type, occurredAt: e.occurredAt, payload: { id: e.aggregateId, ...p } };
  if (e.type === 'alert.raised' || e.type === 'alert.resolved') {
    const recipients = (p.recipients ?? {}) as { users?: string[]; roles?: string[] };
    const params = (p.params ?? {}) as MessageParams;
    return {
      ...base, recipients: { userIds: recipients.users ?? [], roleIds: recipients.roles ?? [] },
      message: { key: `${e.type}:${String(p.messageKey ?? p.rule)}`, params },
    };
  }
  const customerId = typeof p.customerId === 'string' ? p.customerId : null;
  const currency = typeof p.currency === 'string' ? p.currency : '';
  const amount = typeof p.amountMinor === 'string' && isCurrency(currency) ? `${formatAmount(BigInt(p.amountMinor), currency)} ${currency}` : '';
  const params: MessageParams = {
    number: String(p.number ?? ''), amount, customer: customerId ? names.get(`${e.tenantId}:${customerId}`) ?? '' : '',
    reason: String(p.reason ?? ''), lines: Number(p.lineCount ?? 0),
  };
  const roles = e.type === 'refund.requested' ? approvers.get(e.tenantId) ?? [] : [];
  return { ...base, ...(roles.length > 0 ? { recipients: { roleIds: roles } } : {}), message: { key: e.type, params } };
}

async function customerNames(trx: Trx, events: readonly OutboxEvent[]): Promise<Map<string, string>> {
  const keys = events.filter((e) => typeof e.payload.customerId === 'string');
  if (keys.length === 0) return new Map();
  const { rows } = await sql<{ tenant_id: string; id: string; name: string }>`
    SELECT DISTINCT c.tenant_id, c.id, c.name
      FROM unnest(${keys.map((e) => e.tenantId)}::uuid[], ${keys.map((e) => e.payload.customerId as string)}::uuid[]) AS k(tenant_id, id)
      JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.id`.execute(trx);
  return new Map(rows.map((r) => [`${r.tenant_id}:${r.id}`, r.name]));
}

/** Per tenant, the roles whose permissions let them approve a refund. */
async function approverRoles(trx: Trx, events: readonly OutboxEvent[]): Promise<Map<string, string[]>> {
  const tenants = [...new Set(events.map((e) => e.tenantId))];
  const { rows } = await sql<{ tenant_id: string; code: string }>`
    SELECT tenant_id, code FROM roles
     WHERE tenant_id = ANY(${tenants}::uuid[]) AND (permissions && ARRAY['refunds.approve', '*']::text[])`.execute(trx);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.tenant_id, [...(out.get(r.tenant_id) ?? []), r.code]);
  return out;
}

import { type Kysely } from 'kysely';
import type { GatewayProvider, NormalizedGatewayEvent, PaymentSucceeded } from '../../core/gateways/event.js';
import { formatAmount, isCurrency } from '../../core/money/index.js';
import { customerScope, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import { decodeCursor, pageSize, toPage, uuidPattern, type Page } from '../pagination.js';
import { fail } from '../receivables/common.js';
import type { DB, GatewayEventStatus } from '../schema.js';
import { normalizedFromStored } from './intake.js';
import { gatewayProviders } from './integrations.js';
import { learnPayer } from '../payer-aliases.js';
import { assignedMatch } from './matching.js';
import { loadEvent, takePayment } from './process.js';

/** The gateway event log (finance's view of what came in and what became of it), replay, and assignment. */
export const gatewayEventStatuses = ['received', 'processed', 'ignored', 'unmatched', 'failed', 'conflict'] as const satisfies readonly GatewayEventStatus[];

export interface GatewayEventItem {
  id: string;
  integrationId: string;
  provider: GatewayProvider;
  eventId: string;
  providerType: string;
  status: GatewayEventStatus;
  kind: NormalizedGatewayEvent['kind'] | null;
  amount: string | null;
  currency: string | null;
  receivedAt: string;
  processedAt: string | null;
  receiptId: string | null;
  receiptNumber: string | null;
  refundId: string | null;
  error: { code: string; message: string } | null;
  attempts: number;
}

export interface GatewayEventDetail extends GatewayEventItem {
  payload: string;
  verification: { ok: boolean; method: string; detail: string };
}

function eventsOf(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom('gateway_events as g')
    .leftJoin('receipts as r', (j) => j.onRef('r.tenant_id', '=', 'g.tenant_id').onRef('r.id', '=', 'g.receipt_id'))
    .select(['g.id', 'g.integration_id', 'g.provider', 'g.event_id', 'g.provider_type', 'g.status', 'g.kind', 'g.normalized', 'g.received_at', 'g.processed_at'])
    .select(['g.receipt_id', 'r.number as receipt_number', 'g.refund_id', 'g.last_error', 'g.attempts'])
    .where('g.tenant_id', '=', tenantId);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof eventsOf>['executeTakeFirstOrThrow']>>;

/**
 * Events are stored only from the webhook route, whose path admits the known providers alone (the column has no
 * CHECK of its own): another value is a bug, not an input to answer.
 */
function providerOf(value: string): GatewayProvider {
  if (!(gatewayProviders as readonly string[]).includes(value)) throw new Error(`gateway event with unknown provider ${JSON.stringify(value)}`);
  return value as GatewayProvider;
}

function itemOf(r: EventRow): GatewayEventItem {
  const n = r.normalized === null ? null : normalizedFromStored(r.normalized);
  return {
    id: r.id, integrationId: r.integration_id, provider: providerOf(r.provider), eventId: r.event_id, providerType: r.provider_type, status: r.status,
    kind: n?.kind ?? null, amount: n && isCurrency(n.currency) ? formatAmount(n.amountMinor, n.currency) : null, currency: n?.currency ?? null,
    receivedAt: r.received_at.toISOString(), processedAt: r.processed_at?.toISOString() ?? null,
    receiptId: r.receipt_id, receiptNumber: r.receipt_number, refundId: r.refund_id, error: r.last_error, attempts: r.attempts,
  };
}

export interface EventFilter {
  status?: GatewayEventStatus;
  provider?: string;
  integrationId?: string;
  cursor?: string;
  limit?: number;
}

/** Newest first. */
export async function listGatewayEvents(db: Kysely<DB>, actor: Actor, filter: EventFilter): Promise<Page<GatewayEventItem>> {
  requirePermission(actor, 'reconciliation.manage');
  const size = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (p) => uuidPattern.test(p));
  let query = eventsOf(db, actor.tenantId);
  if (filter.status) query = query.where('g.status', '=', filter.status);
  if (filter.provider) query = query.where('g.provider', '=', filter.provider);
  if (filter.integrationId) query = query.where('g.integration_id', '=', filter.integrationId);
  if (after) query = query.where('g.id', '<', after);
  const rows = await query.orderBy('g.id', 'desc').limit(size + 1).execute();
  return toPage(rows, size, itemOf, (r) => r.id);
}

export async function getGatewayEvent(db: Kysely<DB>, actor: Actor, id: string): Promise<GatewayEventDetail> {
  requirePermission(actor, 'reconciliation.manage');
  const row = await eventsOf(db, actor.tenantId).select(['g.payload', 'g.verification']).where('g.id', '=', id).executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such gateway event', { eventId: id });
  return { ...itemOf(row), payload: row.payload, verification: row.verification };
}

async function itemById(db: Kysely<DB>, tenantId: string, id: string): Promise<GatewayEventItem> {
  return itemOf(await eventsOf(db, tenantId).where('g.id', '=', id).executeTakeFirstOrThrow());
}

/**
 * Puts a failed or unmatched event back in the queue (after finance recorded the missing exchange rate, freed
 * the money a refund needs, …). Its effects are keyed by the provider's ids, so a replay never doubles one.
 */
export async function replayGatewayEvent(db: Kysely<DB>, actor: Actor, id: string, key: string | undefined, wake: () => void): Promise<IdempotentOutcome<GatewayEventItem>> {
  requirePermission(actor, 'reconciliation.manage');
  requireKey(key);
  const outcome = await idempotent(db, actor, key, 'gateway_event.replay', { id }, async (trx) => {
    const row = await trx.selectFrom('gateway_events').select(['status']).where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw fail('not_found', 'id', 'no such gateway event', { eventId: id });
    if (row.status !== 'failed' && row.status !== 'unmatched') {
      throw fail('invalid_state', 'id', `the event is ${row.status}; only a failed or unmatched event can be replayed`, { status: row.status });
    }
    await trx.updateTable('gateway_events').set({ status: 'received', attempts: 0, next_attempt_at: new Date(), lease_until: null, last_error: null, processed_at: null })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await appendAudit(trx, actor, { action: 'gateway_event.replayed', entityType: 'gateway_event', entityId: id, before: { status: row.status }, after: { status: 'received' } });
    return { status: 200, body: await itemById(trx, actor.tenantId, id) };
  });
  wake();
  return outcome;
}

/**
 * Finance names the customer (and maybe the order) of an unmatched payment: the receipt is made as the worker
 * would have made it, and the payer is remembered (payer_aliases), so the next payment from them matches.
 */
export async function assignGatewayEvent(db: Kysely<DB>, actor: Actor, id: string, input: { customerId: string; orderId?: string }, key: string | undefined): Promise<IdempotentOutcome<GatewayEventItem>> {
  requirePermission(actor, 'reconciliation.manage');
  requirePermission(actor, 'receipts.create');
  requireKey(key);
  const request = { id, customerId: input.customerId, orderId: input.orderId ?? null };
  const event = await loadEvent(db, actor.tenantId, id);
  if (!event) throw fail('not_found', 'id', 'no such gateway event', { eventId: id });
  const customer = await db.selectFrom('customers as c').select(['c.id']).where(customerScope(actor, 'c')).where('c.id', '=', input.customerId).executeTakeFirst();
  if (!customer) throw fail('not_found', 'customerId', 'no such customer', { customerId: input.customerId });
  if (event.status !== 'unmatched' || event.normalized?.kind !== 'payment_succeeded') {
    // A repeat of an assignment that went through answers as the first time.
    return idempotent(db, actor, key, 'gateway_event.assign', request, () => Promise.reject(fail('invalid_state', 'id', `the event is ${event.status}; only an unmatched payment can be assigned`, { status: event.status })));
  }
  const n = event.normalized;
  const match = await assignedMatch(db, actor.tenantId, input.customerId, input.orderId, n.currency, n.amountMinor);
  if ('error' in match) throw fail(match.field === 'orderId' ? 'not_found' : 'validation_failed', match.field, match.error);
  await takePayment(db, { ...event, normalized: n }, n, match, 'unmatched');
  return idempotent(db, actor, key, 'gateway_event.assign', request, async (trx) => {
    const after = await itemById(trx, actor.tenantId, id);
    if (after.status === 'unmatched') throw fail('invalid_state', 'id', 'the receipt could not be made; see the event\'s error');
    await learnPayerOf(trx, actor.tenantId, n, input.customerId);
    await appendAudit(trx, actor, { action: 'gateway_event.assigned', entityType: 'gateway_event', entityId: id, after: { customerId: input.customerId, orderId: input.orderId ?? null, receiptId: after.receiptId } });
    return { status: 200, body: after };
  });
}

async function learnPayerOf(db: Kysely<DB>, tenantId: string, n: PaymentSucceeded, customerId: string): Promise<void> {
  await learnPayer(db, tenantId, { name: n.hints.payerName ?? '', account: n.hints.payerAccount ?? '' }, customerId);
}

export interface RejectionItem {
  id: string;
  integrationId: string | null;
  provider: string;
  reason: string;
  detail: string;
  receivedAt: string;
  ip: string | null;
}

export async function listWebhookRejections(db: Kysely<DB>, actor: Actor, filter: { integrationId?: string; cursor?: string; limit?: number }): Promise<Page<RejectionItem>> {
  requirePermission(actor, 'reconciliation.manage');
  const size = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (p) => uuidPattern.test(p));
  let query = db.selectFrom('webhook_rejections').select(['id', 'integration_id', 'provider', 'reason', 'detail', 'received_at', 'ip']).where('tenant_id', '=', actor.tenantId);
  if (filter.integrationId) query = query.where('integration_id', '=', filter.integrationId);
  if (after) query = query.where('id', '<', after);
  const rows = await query.orderBy('id', 'desc').limit(size + 1).execute();
  return toPage(rows, size, (r) => ({ id: r.id, integrationId: r.integration_id, provider: r.provider, reason: r.reason, detail: r.detail, receivedAt: r.received_at.toISOString(), ip: r.ip }), (r) => r.id);
}

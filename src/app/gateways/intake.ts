import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import type { NormalizedGatewayEvent, VerifiedGatewayEvent } from '../../core/gateways/event.js';
import { limits } from '../../core/limits.js';
import { newId } from '../ids.js';
import { preparedFirst } from '../prepared.js';
import { NO_CUSTOMER, type DB, type GatewayEventStatus } from '../schema.js';
import type { WebhookIntegration } from './integrations.js';

/**
 * The request path of a webhook, after verification: the event is stored, and that insert is the only write.
 * Everything with money happens later, from the stored row (process.ts), so the provider gets its answer in
 * one round trip and a crash after the answer loses nothing.
 */

/** Headers worth keeping beside the payload: the ones a signature check reads, to re-check or explain it later. */
const keptHeader = /signature|timestamp|nonce|serial|^content-type$|^x-kx-|^webhook-/i;
const headerCharsMax = 2_000;

export function keptHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && keptHeader.test(name)) out[name.toLowerCase()] = value.slice(0, headerCharsMax);
  }
  return out;
}

/**
 * The body as text for storage and display. Verified bytes are stored as they came; only text PostgreSQL cannot
 * hold (not UTF-8 in the declared charset, or a NUL) is refused — no provider sends such a body.
 */
export function payloadText(rawBody: Buffer, contentType: string | undefined): string {
  const charset = /charset=([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  let text: string;
  try {
    text = new TextDecoder(charset === 'gbk' || charset === 'gb2312' || charset === 'gb18030' ? 'gb18030' : 'utf-8', { fatal: true }).decode(rawBody);
  } catch {
    throw new KxError('webhook_body_invalid', `the body is not valid ${charset} text`);
  }
  if (text.includes('\u0000')) throw new KxError('webhook_body_invalid', 'the body contains a NUL character');
  return text;
}

/** The normalized event as stored (jsonb): bigint minor units as decimal strings, exact. */
export function storedNormalized(event: NormalizedGatewayEvent): Record<string, unknown> {
  return JSON.parse(JSON.stringify(event, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))) as Record<string, unknown>;
}

/** Back from jsonb: the amounts are bigint again. */
export function normalizedFromStored(stored: Record<string, unknown>): NormalizedGatewayEvent {
  const event = { ...stored } as Record<string, unknown>;
  event.amountMinor = BigInt(stored.amountMinor as string);
  if (stored.feeMinor !== undefined) event.feeMinor = BigInt(stored.feeMinor as string);
  if (stored.refundedTotalMinor !== undefined) event.refundedTotalMinor = BigInt(stored.refundedTotalMinor as string);
  return event as unknown as NormalizedGatewayEvent;
}

export type StoreOutcome = { outcome: 'stored' | 'duplicate' | 'conflict'; eventRowId: string; status: GatewayEventStatus };

/**
 * Stores a verified event once per (integration, provider event id). The same id with the same bytes is a
 * duplicate delivery: nothing happens. The same id with other bytes is a conflict: kept as its own row, flagged,
 * never processed — a provider does not change an event, so one of the two is not what it claims to be.
 */
export async function storeEvent(
  db: Kysely<DB>,
  integration: WebhookIntegration,
  verified: VerifiedGatewayEvent,
  delivery: { rawBody: Buffer; headers: Readonly<Record<string, string | undefined>>; verification: { ok: boolean; method: string; detail: string } },
): Promise<StoreOutcome> {
  const sha = createHash('sha256').update(delivery.rawBody).digest('hex');
  // The readable form where the provider encrypts (WeChat Pay's resource): what finance needs to see; the hash
  // still identifies the exact bytes received.
  const raw = payloadText(delivery.rawBody, delivery.headers['content-type']);
  const payload = verified.readablePayload !== undefined && !verified.readablePayload.includes('\u0000') ? verified.readablePayload : raw;
  if (verified.eventId.length < 1 || verified.eventId.length > 255) throw new KxError('webhook_body_invalid', 'the event id is missing or longer than 255 characters');
  const normalized = verified.normalized;
  // Failed payments and types we do not act on are kept and shown, with nothing to do.
  const status: GatewayEventStatus = normalized === null || normalized.kind === 'payment_failed' ? 'ignored' : 'received';
  const id = newId();
  const row = {
    tenant_id: integration.tenantId, id, integration_id: integration.id, provider: integration.provider, event_id: verified.eventId,
    provider_type: verified.providerType.slice(0, limits.referenceCharsMax), payload_sha256: sha, payload,
    headers: JSON.stringify(keptHeaders(delivery.headers)), verification: JSON.stringify(delivery.verification),
    kind: normalized?.kind ?? null, normalized: normalized === null ? null : JSON.stringify(storedNormalized(normalized)),
    payment_ref: normalized?.paymentRef ?? null, occurred_at: validInstant(verified.occurredAt),
    last_error: null, next_attempt_at: new Date(),
  };
  const inserted = await preparedFirst(db, db.insertInto('gateway_events')
    .values({ ...row, status, processed_at: status === 'ignored' ? new Date() : null })
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'status']));
  if (inserted) return { outcome: 'stored', eventRowId: inserted.id, status: inserted.status };
  const first = await db.selectFrom('gateway_events').select(['id', 'payload_sha256', 'status', 'received_at'])
    .where('tenant_id', '=', integration.tenantId).where('integration_id', '=', integration.id).where('event_id', '=', verified.eventId)
    .where('status', '<>', 'conflict').executeTakeFirstOrThrow();
  if (first.payload_sha256 === sha) return { outcome: 'duplicate', eventRowId: first.id, status: first.status };
  const error = { code: 'webhook_event_conflict', message: `event ${verified.eventId} was first received at ${first.received_at.toISOString()} with other content; this copy is kept and not processed` };
  // One conflict row per distinct body: the provider retrying the same bad copy adds nothing.
  const conflict = await db.insertInto('gateway_events')
    .values({ ...row, status: 'conflict', conflict_of: first.id, last_error: JSON.stringify(error), processed_at: new Date() })
    .onConflict((oc) => oc.doNothing())
    .returning('id').executeTakeFirst();
  return { outcome: 'conflict', eventRowId: conflict?.id ?? first.id, status: 'conflict' };
}

function validInstant(text: string): Date | null {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A refused delivery, for the tenant's log (or, with no integration to name a tenant, the operators'). */
export async function recordRejection(db: Kysely<DB>, input: { tenantId: string | null; integrationId: string | null; provider: string; reason: string; detail: string; ip: string | null }): Promise<void> {
  await db.insertInto('webhook_rejections').values({
    tenant_id: input.tenantId ?? NO_CUSTOMER, id: newId(), integration_id: input.integrationId, provider: input.provider.slice(0, 40),
    reason: input.reason, detail: input.detail.slice(0, limits.remarksCharsMax), ip: input.ip,
  }).execute();
}

/**
 * Keeps the rejection log bounded: older than the retention goes, and beyond the per-tenant cap the oldest go.
 * Run by the worker between batches; one bounded statement each.
 */
export async function pruneRejections(db: Kysely<DB>, nowMs: number): Promise<void> {
  const cutoff = new Date(nowMs - limits.webhookRejectionsRetentionMs);
  await sql`DELETE FROM webhook_rejections WHERE (tenant_id, id) IN (
      SELECT tenant_id, id FROM webhook_rejections WHERE received_at < ${cutoff} LIMIT 10000)`.execute(db);
  await sql`DELETE FROM webhook_rejections w USING (
      SELECT tenant_id, id FROM (
        SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY received_at DESC, id DESC) AS n
          FROM webhook_rejections WHERE tenant_id IN (
            SELECT tenant_id FROM webhook_rejections GROUP BY tenant_id HAVING count(*) > ${limits.webhookRejectionsPerTenantMax})) ranked
       WHERE n > ${limits.webhookRejectionsPerTenantMax}) old
    WHERE w.tenant_id = old.tenant_id AND w.id = old.id`.execute(db);
}

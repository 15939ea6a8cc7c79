import { sql, type Kysely, type Transaction } from 'kysely';
import { isKxError } from '../../core/errors.js';
import type { DisputeOpened, FeeCharged, GatewayProvider, NormalizedGatewayEvent, PaymentSucceeded, RefundSucceeded } from '../../core/gateways/event.js';
import type { ReceiptChannel } from '../../core/ledger/chart.js';
import { limits } from '../../core/limits.js';
import { formatAmount, isCurrency } from '../../core/money/index.js';
import { systemActor, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { fail, postFor } from '../receivables/common.js';
import { createReceipt } from '../receivables/receipts.js';
import type { DB, GatewayEventStatus } from '../schema.js';
import { prepared, preparedFirst } from '../prepared.js';
import { BackgroundLoop } from '../background-loop.js';
import { inTransaction } from '../transaction.js';
import { channelOf, type IntegrationConfig } from './integrations.js';
import { normalizedFromStored, pruneRejections } from './intake.js';
import { matchPayment, type PaymentMatch } from './matching.js';
import { refundPaidByGateway } from './refund.js';

/**
 * From a stored gateway event to money (issue 6 §2). A worker claims events still 'received', a batch at a time,
 * with FOR UPDATE SKIP LOCKED and a lease, so several server processes share the queue and none takes an event
 * another is working on. Each effect is one of the receivables use cases, run by the system actor under an
 * idempotency key derived from the gateway's own ids; the event is then finished in one transaction of its own
 * that re-checks its status under a row lock. Any of these steps may run twice (a crash, a lease run out, two
 * deliveries racing): the keys make the second run a replay, the status check makes the second finish a no-op.
 */

export interface StoredEvent {
  tenantId: string;
  id: string;
  integrationId: string;
  provider: GatewayProvider;
  eventId: string;
  providerType: string;
  attempts: number;
  normalized: NormalizedGatewayEvent;
  config: IntegrationConfig;
}

/** Why an event waits: its payment has not been taken in yet (a refund or dispute that overtook it). */
class NotYet extends Error {}

const claimSql = (batch: number) => sql<{ tenant_id: string; id: string; integration_id: string; provider: string; event_id: string; provider_type: string; attempts: number; normalized: Record<string, unknown> | null; config: IntegrationConfig }>`
  UPDATE gateway_events g
     SET lease_until = now() + ${`${limits.gatewayEventLeaseMs} milliseconds`}::interval, attempts = g.attempts + 1
    FROM (SELECT tenant_id, id FROM gateway_events
           WHERE status = 'received' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
           ORDER BY next_attempt_at LIMIT ${batch}
             FOR UPDATE SKIP LOCKED) c, integrations i
   WHERE g.tenant_id = c.tenant_id AND g.id = c.id AND i.tenant_id = g.tenant_id AND i.id = g.integration_id
  RETURNING g.tenant_id, g.id, g.integration_id, g.provider, g.event_id, g.provider_type, g.attempts, g.normalized, i.config`;

/** Claims up to `batch` due events for this process (the claim is a lease, not a held lock). */
export async function claimEvents(db: Kysely<DB>, batch: number = limits.gatewayEventsPerBatchMax): Promise<StoredEvent[]> {
  const { rows } = await claimSql(batch).execute(db);
  return rows.filter((r) => r.normalized !== null).map((r) => ({
    tenantId: r.tenant_id, id: r.id, integrationId: r.integration_id, provider: r.provider as GatewayProvider, eventId: r.event_id,
    providerType: r.provider_type, attempts: r.attempts, normalized: normalizedFromStored(r.normalized!), config: r.config,
  }));
}

/** Processes one claimed event to its end state, or back to 'received' for a later attempt. */
export async function processEvent(db: Kysely<DB>, event: StoredEvent): Promise<void> {
  try {
    await effectOf(db, event);
  } catch (error) {
    if (error instanceof NotYet) return retryLater(db, event, { code: 'payment_not_received', message: error.message });
    // An expected refusal (no exchange rate, more than is refundable, a closed period …) will not change by
    // itself: the event fails with the reason, and finance fixes the cause and replays it.
    if (isKxError(error)) return finish(db, event, 'failed', { error: { code: error.code, message: error.message } });
    // Anything else (the database went away) is tried again, a bounded number of times.
    return retryLater(db, event, { code: 'internal_error', message: (error as Error).message.slice(0, 500) });
  }
}

async function effectOf(db: Kysely<DB>, event: StoredEvent): Promise<void> {
  const n = event.normalized;
  if (!isCurrency(n.currency)) throw fail('unknown_currency', 'currency', `the gateway sent the currency ${JSON.stringify(n.currency)}, which is not ISO 4217`);
  switch (n.kind) {
    case 'payment_succeeded': return takePayment(db, event, n, null);
    case 'refund_succeeded': return takeRefund(db, event, n);
    case 'dispute_opened': return takeDispute(db, event, n);
    case 'fee_charged': return takeFee(db, event, n);
    case 'payment_failed': return finish(db, event, 'ignored', {});
  }
}

export function gatewayActor(tenantId: string, provider: string): Actor {
  return systemActor(tenantId, `gateway:${provider}`);
}

/** The idempotency key of an event's effect: the integration and the provider's id. */
export function effectKey(integrationId: string, ref: string): string {
  return `gateway:${integrationId}:${ref}`;
}

// ---------------------------------------------------------------- payments

/**
 * One receipt per provider payment: the first event about a payment owns it (gateway_payments), and the
 * receipt's idempotency key is the owner event's, so two events of one payment racing each other still make
 * one receipt. A later event of the same payment is 'ignored' as a duplicate, pointing at the same receipt.
 * `assigned`: finance's match for an unmatched payment (then the event is 'unmatched', not 'received').
 */
export async function takePayment(db: Kysely<DB>, event: StoredEvent, n: PaymentSucceeded, assigned: PaymentMatch | null, from: GatewayEventStatus = 'received'): Promise<void> {
  const owner = await ownerOf(db, event, n.paymentRef);
  if (owner.ownerEvent !== event.id) {
    const first = await db.selectFrom('gateway_events').select('event_id').where('tenant_id', '=', event.tenantId).where('id', '=', owner.ownerEvent).executeTakeFirstOrThrow();
    return finish(db, event, 'ignored', {
      receiptId: owner.receiptId,
      error: { code: 'duplicate_payment', message: `payment ${n.paymentRef} was taken in from event ${first.event_id}` },
      feeMinor: n.feeMinor, paymentRef: n.paymentRef,
    });
  }
  const match = assigned ?? (await matchPayment(db, event.tenantId, n.hints, n.currency, n.amountMinor));
  if (!match) return finish(db, event, 'unmatched', { error: { code: 'unmatched', message: 'no order number, customer or known payer matched: assign a customer' } });
  const receiptId = await receiptFor(db, event, n, match);
  return finish(db, event, 'processed', { receiptId, feeMinor: n.feeMinor, paymentRef: n.paymentRef, linkReceipt: true, from });
}

/**
 * Which event owns the payment: this one if it is the first to ask. One statement, committed asynchronously like a
 * document number (src/app/numbers.ts): should a crash lose the commit, nothing made from it can have been
 * committed either (a later synchronous commit flushes the WAL past it), and the event is simply processed again.
 */
async function ownerOf(db: Kysely<DB>, event: StoredEvent, paymentRef: string): Promise<{ ownerEvent: string; receiptId: string | null }> {
  const { rows } = await sql<{ owner_event: string; receipt_id: string | null }>`${prepared}
    WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true)),
         claimed AS (
           INSERT INTO gateway_payments (tenant_id, integration_id, payment_ref, owner_event)
           SELECT ${event.tenantId}::uuid, ${event.integrationId}::uuid, ${paymentRef}::text, ${event.id}::uuid FROM async_commit
           ON CONFLICT DO NOTHING
           RETURNING owner_event, receipt_id)
    SELECT owner_event, receipt_id FROM claimed
    UNION ALL
    SELECT owner_event, receipt_id FROM gateway_payments
     WHERE tenant_id = ${event.tenantId}::uuid AND integration_id = ${event.integrationId}::uuid AND payment_ref = ${paymentRef}::text`.execute(db);
  if (rows[0]) return { ownerEvent: rows[0].owner_event, receiptId: rows[0].receipt_id };
  // Another event claimed it after this statement's snapshot was taken: its row is committed now.
  const row = await db.selectFrom('gateway_payments').select(['owner_event', 'receipt_id'])
    .where('tenant_id', '=', event.tenantId).where('integration_id', '=', event.integrationId).where('payment_ref', '=', paymentRef).executeTakeFirstOrThrow();
  return { ownerEvent: row.owner_event, receiptId: row.receipt_id };
}

/** A confirmed receipt for the payment, made by the receipts module; on a repeat, the same receipt again. */
async function receiptFor(db: Kysely<DB>, event: StoredEvent, n: PaymentSucceeded, match: PaymentMatch): Promise<string> {
  const system = gatewayActor(event.tenantId, event.provider);
  const key = effectKey(event.integrationId, event.eventId);
  const created = await createReceipt(db, system, {
    customerId: match.customerId,
    kind: 'order_payment',
    amount: formatAmount(n.amountMinor, n.currency),
    currency: n.currency,
    channel: channelOf(event.provider, event.config),
    receivedDate: n.date,
    payerName: (n.hints.payerName ?? '').slice(0, limits.nameCharsMax),
    payerAccount: (n.hints.payerAccount ?? '').slice(0, limits.referenceCharsMax),
    externalRef: n.paymentRef.slice(0, limits.referenceCharsMax),
    remarks: `${event.provider} ${event.providerType} ${event.eventId}`.slice(0, limits.remarksCharsMax),
    ...(match.order ? { allocations: [{ orderId: match.order.id, amount: formatAmount(match.order.allocateMinor, n.currency) }] } : event.config.autoAllocate ? { autoAllocate: true } : {}),
    // A receipt the gateway signed needs no second pair of eyes: it is evidenced money, confirmed as it is
    // entered, in the same transaction, whatever the tenant's maker-checker rule for people.
    confirm: true,
    origin: { source: 'gateway', ref: event.eventId, evidenced: true },
  }, key);
  return created.body.id;
}

// ---------------------------------------------------------------- refunds, disputes, fees

/** The receipt a payment became, or NotYet: the refund or dispute overtook its payment. */
async function paymentReceipt(db: Kysely<DB>, event: StoredEvent, paymentRef: string) {
  const row = await db.selectFrom('gateway_payments as p')
    .innerJoin('receipts as r', (j) => j.onRef('r.tenant_id', '=', 'p.tenant_id').onRef('r.id', '=', 'p.receipt_id'))
    .select(['r.id', 'r.customer_id', 'r.number', 'r.currency', 'r.channel', 'r.refunded_minor'])
    .where('p.tenant_id', '=', event.tenantId).where('p.integration_id', '=', event.integrationId).where('p.payment_ref', '=', paymentRef)
    .executeTakeFirst();
  if (!row) throw new NotYet(`payment ${paymentRef} has not been taken in yet; tried ${event.attempts} time(s)`);
  return row;
}

async function takeRefund(db: Kysely<DB>, event: StoredEvent, n: RefundSucceeded): Promise<void> {
  const receipt = await paymentReceipt(db, event, n.paymentRef);
  if (receipt.currency !== n.currency) throw fail('currency_mismatch', 'currency', `the refund is in ${n.currency}, receipt ${receipt.number} in ${receipt.currency}`);
  // Alipay reports the payment's refunded total: this refund is what the total adds to what is already paid back.
  // (A refund of ours between its steps after a crash is not counted: the retry computes the same amount and
  // its idempotency keys carry it on.)
  const amountMinor = n.refundedTotalMinor === undefined ? n.amountMinor : n.refundedTotalMinor - receipt.refunded_minor;
  if (amountMinor <= 0n) {
    return finish(db, event, 'ignored', { receiptId: receipt.id, error: { code: 'duplicate_refund', message: `the refunded total ${formatAmount(n.refundedTotalMinor ?? 0n, n.currency)} is already recorded on receipt ${receipt.number}` } });
  }
  // Keyed by the provider's refund id, not the event: charge.refunded and charge.refund.updated of one refund
  // make one refund (same request → a replay; another amount under the same refund id → refused, shown as failed).
  const refund = await refundPaidByGateway(db, gatewayActor(event.tenantId, event.provider), {
    customerId: receipt.customer_id, receiptId: receipt.id, amount: formatAmount(amountMinor, n.currency), currency: n.currency,
    text: `refunded at ${event.provider}: ${n.refundRef}`.slice(0, limits.remarksCharsMax), channel: receipt.channel as ReceiptChannel,
    paidDate: n.date, externalRef: n.refundRef.slice(0, limits.referenceCharsMax),
  }, effectKey(event.integrationId, `refund:${n.refundRef}`));
  return finish(db, event, 'processed', { receiptId: receipt.id, refundId: refund.id });
}

/**
 * A chargeback opened: recorded once per dispute id, and as much of the disputed amount as the receipt still
 * has unapplied is held on it (refund_held_minor), so nobody refunds money the card network may take back.
 */
async function takeDispute(db: Kysely<DB>, event: StoredEvent, n: DisputeOpened): Promise<void> {
  const receipt = await paymentReceipt(db, event, n.paymentRef);
  return finish(db, event, 'processed', { receiptId: receipt.id, dispute: { n, receiptId: receipt.id } });
}

async function takeFee(db: Kysely<DB>, event: StoredEvent, n: FeeCharged): Promise<void> {
  return finish(db, event, 'processed', { fee: n });
}

// ---------------------------------------------------------------- finishing

interface Finish {
  receiptId?: string | null;
  refundId?: string;
  error?: { code: string; message: string };
  /** Post the payment's fee, once per payment. */
  feeMinor?: bigint;
  paymentRef?: string;
  /** Record the receipt on the payment and mark the receipt as the gateway's. */
  linkReceipt?: boolean;
  dispute?: { n: DisputeOpened; receiptId: string };
  fee?: FeeCharged;
  /** The status the event must still be in (the worker's 'received', finance's 'unmatched'). */
  from?: GatewayEventStatus;
}

/**
 * Ends an event in one transaction: its row locked and still in the expected status (else another worker
 * finished it, and this is a no-op), the bookkeeping that belongs to it, the audit record, the new status.
 */
async function finish(db: Kysely<DB>, event: StoredEvent, status: GatewayEventStatus, f: Finish): Promise<void> {
  const system = gatewayActor(event.tenantId, event.provider);
  await inTransaction(db, async (trx) => {
    // The status guard and the row lock in one statement: another worker that finished the event first wins,
    // and this finish does nothing.
    const from = f.from ?? 'received';
    const current = await preparedFirst(trx, trx.updateTable('gateway_events')
      .set({
        status, processed_at: new Date(), lease_until: null, last_error: f.error ? JSON.stringify(f.error) : null,
        ...(f.receiptId !== undefined ? { receipt_id: f.receiptId } : {}), ...(f.refundId !== undefined ? { refund_id: f.refundId } : {}),
      })
      .where('tenant_id', '=', event.tenantId).where('id', '=', event.id).where('status', '=', from)
      .returning('id'));
    if (!current) return;
    const n = event.normalized;
    let feeEntryId: string | null = null;
    if (f.linkReceipt && f.receiptId) {
      // The payment given its receipt (marked as the gateway's when it was made), and a refund or dispute that
      // overtook the payment made due at once rather than at its next retry: one round trip.
      await sql`${prepared}
        WITH linked AS (
               UPDATE gateway_payments SET receipt_id = ${f.receiptId}::uuid
                WHERE tenant_id = ${event.tenantId}::uuid AND integration_id = ${event.integrationId}::uuid AND payment_ref = ${n.paymentRef}::text RETURNING 1)
        UPDATE gateway_events SET next_attempt_at = now()
         WHERE tenant_id = ${event.tenantId}::uuid AND integration_id = ${event.integrationId}::uuid AND payment_ref = ${n.paymentRef}::text
           AND status = 'received' AND id <> ${event.id}::uuid
           AND EXISTS (SELECT 1 FROM linked)`.execute(trx);
    }
    if (f.feeMinor !== undefined && f.feeMinor > 0n && f.paymentRef !== undefined) feeEntryId = await paymentFee(trx, system, event, f.paymentRef, f.feeMinor);
    if (f.fee) feeEntryId = await postFee(trx, system, event, f.fee.amountMinor, f.fee.date, `Gateway fee ${event.eventId}`);
    const dispute = f.dispute ? await holdDispute(trx, event, f.dispute.n, f.dispute.receiptId) : null;
    await appendAudit(trx, system, {
      action: `gateway_event.${status}`, entityType: 'gateway_event', entityId: event.id, before: { status: from },
      after: {
        status, eventId: event.eventId, kind: n.kind, amount: isCurrency(n.currency) ? formatAmount(n.amountMinor, n.currency) : n.amountMinor.toString(), currency: n.currency,
        receiptId: f.receiptId ?? null, refundId: f.refundId ?? null, feeEntryId, ...(dispute ? { disputeId: dispute.id, held: formatAmount(dispute.heldMinor, n.currency) } : {}),
        error: f.error?.code ?? null,
      },
    });
  });
}

/** The fee of a payment, posted once however many events of the payment carry it. */
async function paymentFee(trx: Transaction<DB>, system: Actor, event: StoredEvent, paymentRef: string, feeMinor: bigint): Promise<string | null> {
  const payment = await trx.selectFrom('gateway_payments').select(['fee_entry_id', 'receipt_id']).where('tenant_id', '=', event.tenantId).where('integration_id', '=', event.integrationId).where('payment_ref', '=', paymentRef).forUpdate().executeTakeFirst();
  // Without a receipt the money has not reached the clearing account in our books: its fee waits with it.
  if (!payment || payment.fee_entry_id !== null || payment.receipt_id === null) return null;
  const entryId = await postFee(trx, system, event, feeMinor, event.normalized.date, `Gateway fee on payment ${paymentRef}`);
  await trx.updateTable('gateway_payments').set({ fee_entry_id: entryId }).where('tenant_id', '=', event.tenantId).where('integration_id', '=', event.integrationId).where('payment_ref', '=', paymentRef).execute();
  return entryId;
}

/** Dr gateway_fees / Cr cash:<channel>: the provider kept part of the money. */
async function postFee(trx: Transaction<DB>, system: Actor, event: StoredEvent, amountMinor: bigint, date: string, memo: string): Promise<string> {
  const channel = channelOf(event.provider, event.config);
  const currency = event.normalized.currency;
  return postFor(trx, system, {
    entryDate: date, source: 'gateway_fee', sourceId: event.id, memo,
    lines: [
      { account: 'gateway_fees', side: 'debit', amount: amountMinor, currency, channel },
      { account: `cash:${channel}`, side: 'credit', amount: amountMinor, currency, channel },
    ],
  });
}

async function holdDispute(trx: Transaction<DB>, event: StoredEvent, n: DisputeOpened, receiptId: string): Promise<{ id: string; heldMinor: bigint } | null> {
  const receipt = await trx.selectFrom('receipts').select(['amount_minor', 'allocated_minor', 'refund_held_minor']).where('tenant_id', '=', event.tenantId).where('id', '=', receiptId).forUpdate().executeTakeFirstOrThrow();
  const unapplied = receipt.amount_minor - receipt.allocated_minor - receipt.refund_held_minor;
  const heldMinor = unapplied < n.amountMinor ? (unapplied > 0n ? unapplied : 0n) : n.amountMinor;
  const inserted = await trx.insertInto('gateway_disputes').values({
    tenant_id: event.tenantId, id: event.id, integration_id: event.integrationId, dispute_ref: n.disputeRef.slice(0, 255), payment_ref: n.paymentRef, event_id: event.id,
    receipt_id: receiptId, currency: n.currency, amount_minor: n.amountMinor, held_minor: heldMinor, reason: n.reason.slice(0, limits.remarksCharsMax),
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) return null;
  if (heldMinor > 0n) {
    await trx.updateTable('receipts').set({ refund_held_minor: sql`refund_held_minor + ${heldMinor}` }).where('tenant_id', '=', event.tenantId).where('id', '=', receiptId).execute();
  }
  return { id: inserted.id, heldMinor };
}

/** Back to the queue with a growing delay (1 s, 2 s, 4 s … at most a minute); failed once attempts run out. */
async function retryLater(db: Kysely<DB>, event: StoredEvent, error: { code: string; message: string }): Promise<void> {
  if (event.attempts >= limits.gatewayEventAttemptsMax) {
    return finish(db, event, 'failed', { error: { ...error, message: `${error.message} (gave up after ${event.attempts} attempts)` } });
  }
  const delayMs = Math.min(60_000, 1_000 * 2 ** (event.attempts - 1));
  await db.updateTable('gateway_events').set({ lease_until: null, next_attempt_at: new Date(Date.now() + delayMs), last_error: JSON.stringify(error) })
    .where('tenant_id', '=', event.tenantId).where('id', '=', event.id).where('status', '=', 'received').execute();
}

// ---------------------------------------------------------------- the worker

export interface WorkerOptions {
  /** Poll for due events this often (crashed workers' leases, retries, other processes' inserts). */
  pollMs?: number;
  /**
   * Events processed at once (each is a few short transactions). Kept below the connection pool's size, so the
   * webhook path always finds a connection for its insert while the worker catches up.
   */
  concurrency?: number;
  onError?: (error: unknown) => void;
}

/**
 * The in-process worker: woken right after an insert on the request path, and polling every few seconds for
 * what no wake-up announced. One pass at a time per process; passes claim batches until none is due.
 */
export class GatewayWorker {
  private readonly loop: BackgroundLoop;
  private lastPruneMs = 0;

  constructor(private readonly db: Kysely<DB>, private readonly options: WorkerOptions = {}) {
    this.loop = new BackgroundLoop(() => this.pass(), options.pollMs ?? 3_000, options.onError, true);
  }

  start(): void {
    this.loop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  /** Resolves when no pass is running or due (tests wait on it). */
  async idle(): Promise<void> {
    await this.loop.idle();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  private async pass(): Promise<void> {
    const concurrency = Math.max(1, this.options.concurrency ?? 6);
    for (;;) {
      if (this.loop.stopped) return;
      const events = await claimEvents(this.db);
      if (events.length === 0) break;
      // Events of one payment run in claim order on one lane, so a payment and its duplicates do not race.
      const lanes = new Map<string, StoredEvent[]>();
      for (const e of events) {
        const lane = `${e.integrationId}:${e.normalized.paymentRef}`;
        lanes.set(lane, [...(lanes.get(lane) ?? []), e]);
      }
      const queue = [...lanes.values()];
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let lane = queue.shift(); lane; lane = queue.shift()) {
          for (const e of lane) await processEvent(this.db, e).catch((error: unknown) => this.options.onError?.(error));
        }
      }));
    }
    const now = Date.now();
    if (now - this.lastPruneMs > 60_000) {
      this.lastPruneMs = now;
      await pruneRejections(this.db, now);
    }
  }
}

export type LoadedEvent = Omit<StoredEvent, 'normalized'> & { normalized: NormalizedGatewayEvent | null; status: GatewayEventStatus };

/** For replay and assignment: the stored event as the processor sees it. */
export async function loadEvent(db: Kysely<DB>, tenantId: string, id: string): Promise<LoadedEvent | undefined> {
  const row = await db.selectFrom('gateway_events as g').innerJoin('integrations as i', (j) => j.onRef('i.tenant_id', '=', 'g.tenant_id').onRef('i.id', '=', 'g.integration_id'))
    .select(['g.tenant_id', 'g.id', 'g.integration_id', 'g.provider', 'g.event_id', 'g.provider_type', 'g.attempts', 'g.normalized', 'g.status', 'i.config'])
    .where('g.tenant_id', '=', tenantId).where('g.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return {
    tenantId, id, integrationId: row.integration_id, provider: row.provider as GatewayProvider, eventId: row.event_id, providerType: row.provider_type,
    attempts: row.attempts, status: row.status, config: row.config as IntegrationConfig, normalized: row.normalized === null ? null : normalizedFromStored(row.normalized),
  };
}


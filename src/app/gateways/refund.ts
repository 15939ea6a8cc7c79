import type { Kysely } from 'kysely';
import type { Actor } from '../actor.js';
import { approveRefund, payRefund, requestRefund, type RefundChannel, type RefundView } from '../receivables/refunds.js';
import type { DB } from '../schema.js';

/**
 * A refund the gateway has already paid out: requested, approved (twice if the tenant's threshold asks for it)
 * and paid, each step by the system actor through the refunds module's own use cases, so holds, postings,
 * audit and status rules are theirs. Every step has its own idempotency key derived from `keyBase`: after a
 * crash between steps, running it again replays the steps done and carries on from there.
 */
export async function refundPaidByGateway(
  db: Kysely<DB>,
  system: Actor,
  input: { customerId: string; receiptId: string; amount: string; currency: string; text: string; channel: RefundChannel; paidDate: string; externalRef: string },
  keyBase: string,
): Promise<RefundView> {
  let refund = (await requestRefund(db, system, {
    customerId: input.customerId, receiptId: input.receiptId, amount: input.amount, currency: input.currency, reasonCode: 'other', reasonText: input.text,
  }, `${keyBase}:request`)).body;
  for (let approval = 1; refund.status === 'requested' && approval <= 2; approval++) {
    refund = (await approveRefund(db, system, refund.id, `${keyBase}:approve:${approval}`)).body;
  }
  if (refund.status === 'approved') {
    refund = (await payRefund(db, system, refund.id, { channel: input.channel, externalRef: input.externalRef, paidDate: input.paidDate }, `${keyBase}:pay`)).body;
  }
  return refund;
}

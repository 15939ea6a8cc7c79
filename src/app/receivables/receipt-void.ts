import type { Kysely } from 'kysely';
import { cashAccountCode, type ReceiptChannel } from '../../core/ledger/chart.js';
import { formatAmount } from '../../core/money/index.js';
import { nowFor, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import type { DB } from '../schema.js';
import { applyTakeback, auditedMoves, customerLine, insertAllocationRows, netAllocations, receiptTotal, receivableLines, rowsOf } from './allocation.js';
import { fail, postFor, tenantRules } from './common.js';
import { sideOf } from './receipt-allocations.js';
import { laterPostingDate, lockReceipt, receiptView, requireConfirmed, type ReceiptView } from './receipt-model.js';

/**
 * Void (作废) of a confirmed receipt, with a reason: every allocation still standing is taken back
 * (negative 'void' rows, the orders owe again) and one entry undoes the money — Dr accounts_receivable per
 * order, Dr customer_advances for the unapplied rest, Cr cash:<channel>. Refused while refunds hold money
 * on it (they must be settled or cancelled first); a pending receipt is rejected, not voided.
 */
export async function voidReceipt(db: Kysely<DB>, actor: Actor, receiptId: string, input: { reason: string }, key: string | undefined): Promise<IdempotentOutcome<ReceiptView>> {
  requirePermission(actor, 'records.void');
  requireKey(key);
  const reason = input.reason.trim();
  if (reason === '') throw fail('reason_required', 'reason', 'say why the receipt is voided');
  const rules = await tenantRules(db, actor.tenantId);
  return idempotent(db, actor, key, 'receipt.void', { receiptId, reason }, async (trx) => {
    const receipt = await lockReceipt(trx, actor, receiptId);
    requireConfirmed(receipt, 'voided');
    if (receipt.refundHeldMinor > 0n) {
      throw fail('invalid_state', 'id', `refunds hold ${formatAmount(receipt.refundHeldMinor, receipt.currency)} ${receipt.currency} of receipt ${receipt.number}: settle or cancel them first`, { refundHeld: formatAmount(receipt.refundHeldMinor, receipt.currency) });
    }
    const moves = await applyTakeback(trx, actor, await netAllocations(trx, actor.tenantId, receipt.id));
    const allocated = receiptTotal(moves);
    if (allocated !== receipt.allocatedMinor) throw new Error(`receipt ${receipt.id}: allocation rows sum to ${allocated}, allocated_minor is ${receipt.allocatedMinor}`);
    const restMinor = receipt.amountMinor - allocated;
    const side = sideOf(receipt);
    const entryId = await postFor(trx, actor, {
      entryDate: laterPostingDate(rules.timeZone, receipt.receivedDate, nowFor(actor)),
      source: 'receipt_void',
      sourceId: receipt.id,
      memo: `Receipt ${receipt.number} voided`,
      lines: [
        ...receivableLines(side, moves, 'unsettle'),
        ...(restMinor > 0n ? [customerLine(side, 'customer_advances', 'debit', restMinor)] : []),
        customerLine(side, cashAccountCode(receipt.channel as ReceiptChannel), 'credit', receipt.amountMinor, { channel: receipt.channel }),
      ],
    });
    await insertAllocationRows(trx, actor, rowsOf(receipt.id, moves), 'void', entryId);
    await trx
      .updateTable('receipts')
      .set({ status: 'voided', voided_by: actor.userId, voided_at: new Date(), status_reason: reason, void_entry_id: entryId, allocated_minor: 0n })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', receipt.id)
      .execute();
    const body = await receiptView(trx, actor, receipt.id);
    await appendAudit(trx, actor, {
      action: 'receipt.voided', entityType: 'receipt', entityId: receipt.id, before: { status: 'confirmed' },
      after: { status: 'voided', entryId, takenBack: auditedMoves(moves, receipt.currency) }, reason,
    });
    return { status: 200, body };
  });
}

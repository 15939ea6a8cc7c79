import { sql, type Kysely } from 'kysely';
import type { AuditValue } from '../../core/audit/chain.js';
import { formatAmount } from '../../core/money/index.js';
import { nowFor, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import type { DB } from '../schema.js';
import {
  applyPlanned,
  applyTakeback,
  auditedMoves,
  chooseTakeback,
  customerLine,
  insertAllocationRows,
  lockOrders,
  netAllocations,
  planAutomatic,
  planRequested,
  receiptTotal,
  receivableLines,
  rowsOf,
  type ReceiptSide,
} from './allocation.js';
import { amountField, fail, postFor, tenantRules } from './common.js';
import { canonicalRate, laterPostingDate, lockReceipt, receiptView, requireConfirmed, summaryQuery, unappliedOf, type ReceiptRow, type ReceiptView } from './receipt-model.js';
import type { AllocationChoice } from './receipts.js';

/**
 * Re-allocation of a confirmed receipt: its advance part (预收) allocated to orders later (Dr
 * customer_advances / Cr accounts_receivable), and allocations taken back to the advance (the mirror).
 * Re-allocating is a take-back plus a new allocation: rows are never edited.
 */
export async function allocateReceipt(db: Kysely<DB>, actor: Actor, receiptId: string, choice: AllocationChoice, key: string | undefined): Promise<IdempotentOutcome<ReceiptView>> {
  requirePermission(actor, 'receipts.confirm');
  requireKey(key);
  const manual = choice.allocations ?? [];
  if (manual.length === 0 && choice.autoAllocate !== true) throw fail('validation_failed', 'allocations', 'give allocations, or autoAllocate: true');
  if (manual.length > 0 && choice.autoAllocate) throw fail('validation_failed', 'autoAllocate', 'give allocations or autoAllocate, not both');
  const rules = await tenantRules(db, actor.tenantId);
  return idempotent(db, actor, key, 'receipt.allocate', { receiptId, ...choice } as unknown as AuditValue, async (trx) => {
    const receipt = await lockReceipt(trx, actor, receiptId);
    requireConfirmed(receipt, 'allocated');
    const side = sideOf(receipt);
    const available = unappliedOf(receipt);
    const { orders, planned } = choice.autoAllocate
      ? await planAutomatic(trx, actor, side, available)
      : { orders: await lockOrders(trx, actor, manual.map((a) => a.orderId)), planned: [] };
    const plans = choice.autoAllocate ? planned : await planRequested(trx, actor.tenantId, orders, side, manual, available);
    const moves = await applyPlanned(trx, actor.tenantId, orders, plans);
    if (moves.length === 0) throw fail('invalid_state', 'autoAllocate', `receipt ${receipt.number} has no advance left, or its customer no open order in ${receipt.currency}`);
    const total = receiptTotal(moves);
    const entryId = await postFor(trx, actor, {
      entryDate: laterPostingDate(rules.timeZone, receipt.receivedDate, nowFor(actor)),
      source: 'allocation',
      sourceId: receipt.id,
      memo: `Receipt ${receipt.number} allocated`,
      lines: [customerLine(side, 'customer_advances', 'debit', total), ...receivableLines(side, moves, 'settle')],
    });
    await insertAllocationRows(trx, actor, rowsOf(receipt.id, moves), 'allocate', entryId);
    await moveAllocated(trx, actor.tenantId, receipt.id, total);
    const body = await receiptView(trx, actor, receipt.id);
    await appendAudit(trx, actor, { action: 'receipt.allocated', entityType: 'receipt', entityId: receipt.id, after: { entryId, allocations: auditedMoves(moves, receipt.currency) } });
    return { status: 200, body };
  });
}

export interface Deallocation {
  orderId?: string;
  instalmentId?: string;
  /** In the order's currency; without it, everything allocated where orderId / instalmentId point. */
  amount?: string;
}

export async function deallocateReceipt(db: Kysely<DB>, actor: Actor, receiptId: string, input: Deallocation, key: string | undefined): Promise<IdempotentOutcome<ReceiptView>> {
  requirePermission(actor, 'receipts.confirm');
  requireKey(key);
  if (input.amount !== undefined && input.orderId === undefined && input.instalmentId === undefined) {
    throw fail('validation_failed', 'amount', 'an amount is in the currency of an order: name the orderId (or instalmentId) too');
  }
  const rules = await tenantRules(db, actor.tenantId);
  return idempotent(db, actor, key, 'receipt.deallocate', { receiptId, ...input } as unknown as AuditValue, async (trx) => {
    const receipt = await lockReceipt(trx, actor, receiptId);
    requireConfirmed(receipt, 'de-allocated');
    const nets = await netAllocations(trx, actor.tenantId, receipt.id);
    const target = nets.find((n) => (input.orderId === undefined || n.orderId === input.orderId) && (input.instalmentId === undefined || n.instalmentId === input.instalmentId));
    const amountMinor = input.amount === undefined || target === undefined ? undefined : amountField(input.amount, target.orderCurrency, 'amount');
    const portions = chooseTakeback(nets, { ...input, ...(amountMinor !== undefined ? { amountMinor } : {}) });
    const moves = await applyTakeback(trx, actor, portions);
    const total = receiptTotal(moves);
    const side = sideOf(receipt);
    const entryId = await postFor(trx, actor, {
      entryDate: laterPostingDate(rules.timeZone, receipt.receivedDate, nowFor(actor)),
      source: 'allocation',
      sourceId: receipt.id,
      memo: `Receipt ${receipt.number}: allocation taken back`,
      lines: [...receivableLines(side, moves, 'unsettle'), customerLine(side, 'customer_advances', 'credit', total)],
    });
    await insertAllocationRows(trx, actor, rowsOf(receipt.id, moves), 'deallocate', entryId);
    await moveAllocated(trx, actor.tenantId, receipt.id, -total);
    const body = await receiptView(trx, actor, receipt.id);
    await appendAudit(trx, actor, { action: 'receipt.deallocated', entityType: 'receipt', entityId: receipt.id, after: { entryId, taken: auditedMoves(moves, receipt.currency) } });
    return { status: 200, body };
  });
}

export function sideOf(receipt: ReceiptRow): ReceiptSide {
  return { customerId: receipt.customerId, currency: receipt.currency, ownerId: receipt.customerOwnerId, departmentId: receipt.customerDepartmentId };
}

async function moveAllocated(trx: Kysely<DB>, tenantId: string, receiptId: string, deltaMinor: bigint): Promise<void> {
  await trx.updateTable('receipts').set({ allocated_minor: sql`allocated_minor + ${deltaMinor}` }).where('tenant_id', '=', tenantId).where('id', '=', receiptId).execute();
}

export interface AllocationHistoryRow {
  id: string;
  kind: 'allocate' | 'deallocate' | 'void';
  orderId: string;
  orderNumber: string;
  instalmentId: string | null;
  instalmentSeq: number | null;
  instalmentDueDate: string | null;
  /** Signed: negative rows take back. In the order's currency. */
  amount: string;
  currency: string;
  /** Signed, in the receipt's currency. */
  receiptAmount: string;
  receiptCurrency: string;
  rate: string | null;
  entryId: string;
  createdBy: string | null;
  createdByLogin: string | null;
  createdAt: string;
}

/** Every allocation row of a receipt, oldest first: what was allocated, taken back or voided, by whom, when. */
export async function allocationHistory(db: Kysely<DB>, actor: Actor, receiptId: string): Promise<{ receiptId: string; receiptNumber: string; items: AllocationHistoryRow[] }> {
  requirePermission(actor, 'receipts.view');
  const receipt = await summaryQuery(db, actor).where('r.id', '=', receiptId).executeTakeFirst();
  if (!receipt) throw fail('not_found', 'id', 'no such receipt', { receiptId });
  const rows = await db
    .selectFrom('allocations as a')
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.order_id'))
    .leftJoin('instalments as i', (j) => j.onRef('i.tenant_id', '=', 'a.tenant_id').onRef('i.id', '=', 'a.instalment_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.created_by'))
    .select(['a.id', 'a.kind', 'a.order_id', 'o.number', 'o.currency', 'a.instalment_id', 'i.seq', 'i.due_date', 'a.amount_minor', 'a.receipt_amount_minor', 'a.entry_id', 'a.created_by', 'u.login', 'a.created_at'])
    .select(sql<string | null>`a.rate::text`.as('rate'))
    .where('a.tenant_id', '=', actor.tenantId)
    .where('a.receipt_id', '=', receiptId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return {
    receiptId,
    receiptNumber: receipt.number,
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, orderId: r.order_id, orderNumber: r.number, instalmentId: r.instalment_id, instalmentSeq: r.seq, instalmentDueDate: r.due_date,
      amount: formatAmount(r.amount_minor, r.currency), currency: r.currency,
      receiptAmount: formatAmount(r.receipt_amount_minor, receipt.currency), receiptCurrency: receipt.currency,
      rate: canonicalRate(r.rate), entryId: r.entry_id, createdBy: r.created_by, createdByLogin: r.login, createdAt: r.created_at.toISOString(),
    })),
  };
}

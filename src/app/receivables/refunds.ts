import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import { reversalOf } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { applyOldestFirst, convertMinor, todayIn } from '../../core/receivables/index.js';
import { can, customerScope, departmentTree, nowFor, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, type IdempotentOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { loadEntry, postValidEntry } from '../ledger.js';
import { nextNumber } from '../numbers.js';
import { pageSize, toPage, type Page } from '../pagination.js';
import type { DB, RefundReason, RefundStatus } from '../schema.js';
import { amountField, baseRateFor, fail, pgConstraintOf, postFor, requireCurrency, tenantRules, visibleCustomer, type TenantRules } from './common.js';
import { amountRange, answeredBefore, cursorId, iso, localDate, neverRuns, reasonTextFor, requireReason, requireStatus, type ListWindow } from './requests.js';

/**
 * Refunds (退款): money going back to a customer, from one receipt's unapplied part or from the customer's
 * advance balance (their receipts' unapplied parts, oldest first). A request holds the money on its receipts
 * (receipts.refund_held_minor, under the receipt's row lock; the receipts_not_overdrawn CHECK refuses any
 * excess even so), approval moves it from customer_advances to refunds_payable, payment pays it out of cash.
 * Rejecting or cancelling releases the holds; cancelling an approved refund also reverses its approval entry.
 */

export const refundReasons: readonly RefundReason[] = ['duplicate_payment', 'overpayment', 'order_cancelled', 'goodwill', 'other'];
export const refundChannels = ['bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other'] as const;
export type RefundChannel = (typeof refundChannels)[number];

export interface RefundInput {
  customerId: string;
  receiptId?: string;
  amount: string;
  currency: string;
  reasonCode: RefundReason;
  reasonText?: string;
}

export interface RefundView {
  id: string;
  number: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  receiptId: string | null;
  receiptNumber: string | null;
  currency: string;
  amount: string;
  reasonCode: RefundReason;
  reasonText: string;
  status: RefundStatus;
  approvalsNeeded: number;
  approvals: number;
  requestedBy: string | null;
  requestedAt: string;
  firstApprovedBy: string | null;
  firstApprovedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
  paidChannel: string | null;
  paidExternalRef: string | null;
  paidDate: string | null;
  approveEntryId: string | null;
  payEntryId: string | null;
  /** The receipts the refund holds money on, and how much on each. */
  sources: { receiptId: string; receiptNumber: string; amount: string }[];
}

type Outcome = Promise<IdempotentOutcome<RefundView>>;

// ---------------------------------------------------------------- request

interface RefundDraft {
  customerId: string;
  receiptId: string | undefined;
  currency: string;
  amountMinor: bigint;
  reasonCode: RefundReason;
  reasonText: string;
}

/** Requests a refund (→ requested), holding its amount on the receipts it comes from. */
export async function requestRefund(db: Kysely<DB>, actor: Actor, input: RefundInput, key: string | undefined): Outcome {
  requirePermission(actor, 'refunds.request');
  const draft = draftOf(input);
  const request = { ...input, receiptId: input.receiptId ?? null, reasonText: draft.reasonText };
  if (await answeredBefore(db, actor.tenantId, key)) return idempotent(db, actor, key, 'refund.request', request, neverRuns);
  const rules = await tenantRules(db, actor.tenantId);
  // Checked before a number is taken, so a refusal writes nothing; checked again under the locks below.
  await visibleCustomer(db, actor, draft.customerId);
  await approvalsFor(db, actor.tenantId, rules, draft.currency, await drawSources(db, actor, draft, false));
  const number = await nextNumber(db, actor.tenantId, 'RF', todayIn(rules.timeZone, nowFor(actor)));
  return idempotent(db, actor, key, 'refund.request', request, async (trx) => {
    const sources = await drawSources(trx, actor, draft, true);
    const approvalsNeeded = await approvalsFor(trx, actor.tenantId, rules, draft.currency, sources);
    const id = newId();
    await trx.insertInto('refunds').values({
      tenant_id: actor.tenantId, id, number, customer_id: draft.customerId, receipt_id: draft.receiptId ?? null, currency: draft.currency,
      amount_minor: draft.amountMinor, reason_code: draft.reasonCode, reason_text: draft.reasonText, status: 'requested',
      approvals_needed: approvalsNeeded, requested_by: actor.userId,
    }).execute();
    await hold(trx, actor.tenantId, id, sources);
    const view = await refundView(trx, actor, id);
    await appendAudit(trx, actor, { action: 'refund.requested', entityType: 'refund', entityId: id, after: audited(view) });
    return { status: 201, body: view };
  }).catch((error: unknown) => {
    // The row lock makes the check above exact; the CHECK is the last word if anything slipped past it.
    if (pgConstraintOf(error) === 'receipts_not_overdrawn') throw fail('exceeds_refundable_amount', 'amount', 'that is more than the receipt has left to refund');
    throw error;
  });
}

function draftOf(input: RefundInput): RefundDraft {
  const currency = requireCurrency(input.currency);
  return {
    customerId: input.customerId,
    receiptId: input.receiptId,
    currency,
    amountMinor: amountField(input.amount, currency, 'amount'),
    reasonCode: input.reasonCode,
    reasonText: reasonTextFor(input.reasonCode, input.reasonText),
  };
}

interface OpenReceipt {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  status: string;
  receivedDate: string;
  amountMinor: bigint;
  allocatedMinor: bigint;
  heldMinor: bigint;
  baseRate: string | null;
}

interface Source {
  receipt: OpenReceipt;
  amountMinor: bigint;
}

/** What is left of a receipt to refund or apply: its advance part. */
const unapplied = (r: OpenReceipt) => r.amountMinor - r.allocatedMinor - r.heldMinor;

/** Where the refund's money comes from: the named receipt, or the customer's receipts oldest first. */
async function drawSources(db: Kysely<DB>, actor: Actor, draft: RefundDraft, lock: boolean): Promise<Source[]> {
  if (draft.receiptId !== undefined) {
    const receipt = await receiptFor(db, actor, draft.receiptId, lock);
    requireRefundable(receipt, draft);
    return [{ receipt, amountMinor: draft.amountMinor }];
  }
  const receipts = await advanceReceipts(db, actor, draft.customerId, draft.currency, lock);
  const { applied, remainderMinor } = applyOldestFirst(receipts.map((r) => ({ id: r.id, dueDate: r.receivedDate, openMinor: unapplied(r) })), draft.amountMinor);
  if (remainderMinor > 0n) {
    const advance = formatAmount(draft.amountMinor - remainderMinor, draft.currency);
    throw fail('exceeds_advance_balance', 'amount', `the customer's advance balance in ${draft.currency} is ${advance}`, { advance, currency: draft.currency });
  }
  const byId = new Map(receipts.map((r) => [r.id, r]));
  return applied.map((part) => ({ receipt: byId.get(part.id)!, amountMinor: part.amountMinor }));
}

function requireRefundable(receipt: OpenReceipt, draft: RefundDraft): void {
  if (receipt.customerId !== draft.customerId) throw fail('validation_failed', 'receiptId', `receipt ${receipt.number} is not from this customer`);
  if (receipt.status !== 'confirmed') throw fail('invalid_state', 'receiptId', `receipt ${receipt.number} is ${receipt.status}; only a confirmed receipt can be refunded`, { status: receipt.status });
  if (receipt.currency !== draft.currency) throw fail('currency_mismatch', 'currency', `receipt ${receipt.number} is in ${receipt.currency}`);
  const refundable = unapplied(receipt);
  if (draft.amountMinor > refundable) {
    const left = formatAmount(refundable, receipt.currency);
    throw fail('exceeds_refundable_amount', 'amount', `receipt ${receipt.number} has ${left} ${receipt.currency} left to refund`, { refundable: left, currency: receipt.currency });
  }
}

function receiptsOf(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'r.currency', 'r.status', 'r.received_date', 'r.amount_minor', 'r.allocated_minor', 'r.refund_held_minor'])
    .select(sql<string | null>`r.base_rate::text`.as('base_rate'))
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'));
}

type ReceiptRow = Awaited<ReturnType<ReturnType<typeof receiptsOf>['execute']>>[number];

function openReceipt(r: ReceiptRow): OpenReceipt {
  return {
    id: r.id, number: r.number, customerId: r.customer_id, currency: r.currency, status: r.status, receivedDate: r.received_date,
    amountMinor: r.amount_minor, allocatedMinor: r.allocated_minor, heldMinor: r.refund_held_minor, baseRate: r.base_rate,
  };
}

async function receiptFor(db: Kysely<DB>, actor: Actor, receiptId: string, lock: boolean): Promise<OpenReceipt> {
  let query = receiptsOf(db, actor).where('r.id', '=', receiptId);
  if (lock) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  if (!row) throw fail('not_found', 'receiptId', 'no such receipt', { receiptId });
  return openReceipt(row);
}

/** The customer's confirmed receipts in a currency with an unapplied part, oldest first (locked in that order). */
async function advanceReceipts(db: Kysely<DB>, actor: Actor, customerId: string, currency: string, lock: boolean): Promise<OpenReceipt[]> {
  let query = receiptsOf(db, actor)
    .where('r.customer_id', '=', customerId)
    .where('r.currency', '=', currency)
    .where('r.status', '=', 'confirmed')
    .where(sql<SqlBool>`r.allocated_minor + r.refund_held_minor < r.amount_minor`)
    .orderBy('r.received_date')
    .orderBy('r.id')
    .limit(limits.refundSourcesMax);
  if (lock) query = query.forUpdate('r');
  return (await query.execute()).map(openReceipt);
}

/** Above the tenant's threshold (in base currency, at each receipt's own rate) a refund needs two approvers. */
async function approvalsFor(db: Kysely<DB>, tenantId: string, rules: TenantRules, currency: string, sources: Source[]): Promise<1 | 2> {
  if (rules.refundSecondApprovalMinor === null) return 1;
  let baseMinor = 0n;
  for (const { receipt, amountMinor } of sources) {
    const rate = receipt.baseRate ?? (await baseRateFor(db, tenantId, rules, currency, receipt.receivedDate, undefined, 'currency'));
    baseMinor += convertMinor(amountMinor, currency, rules.baseCurrency, rate);
  }
  return baseMinor > rules.refundSecondApprovalMinor ? 2 : 1;
}

async function hold(trx: Transaction<DB>, tenantId: string, refundId: string, sources: Source[]): Promise<void> {
  for (const { receipt, amountMinor } of sources) {
    await trx.updateTable('receipts').set({ refund_held_minor: sql`refund_held_minor + ${amountMinor}` }).where('tenant_id', '=', tenantId).where('id', '=', receipt.id).execute();
  }
  await trx.insertInto('refund_sources').values(sources.map((s) => ({ tenant_id: tenantId, refund_id: refundId, receipt_id: s.receipt.id, amount_minor: s.amountMinor }))).execute();
}

// ---------------------------------------------------------------- steps

interface LockedRefund {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  amountMinor: bigint;
  status: RefundStatus;
  approvalsNeeded: number;
  requestedBy: string | null;
  firstApprovedBy: string | null;
  approveEntryId: string | null;
  ownerId: string | null;
  departmentId: string | null;
}

async function lockRefund(trx: Transaction<DB>, actor: Actor, refundId: string): Promise<LockedRefund> {
  const row = await trx
    .selectFrom('refunds as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'r.currency', 'r.amount_minor', 'r.status', 'r.approvals_needed', 'r.requested_by', 'r.first_approved_by', 'r.approve_entry_id', 'c.owner_id', 'c.department_id'])
    .where('r.tenant_id', '=', actor.tenantId)
    .where('r.id', '=', refundId)
    .where(customerScope(actor, 'c'))
    .forUpdate('r')
    .executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such refund', { refundId });
  return {
    id: row.id, number: row.number, customerId: row.customer_id, currency: row.currency, amountMinor: row.amount_minor, status: row.status,
    approvalsNeeded: row.approvals_needed, requestedBy: row.requested_by, firstApprovedBy: row.first_approved_by, approveEntryId: row.approve_entry_id,
    ownerId: row.owner_id, departmentId: row.department_id,
  };
}

/** One status step on one refund: locked, changed and answered in one idempotent transaction. */
async function step(
  db: Kysely<DB>,
  actor: Actor,
  key: string | undefined,
  operation: string,
  refundId: string,
  request: Record<string, string | null>,
  work: (trx: Transaction<DB>, refund: LockedRefund, rules: TenantRules) => Promise<void>,
): Outcome {
  const rules = await tenantRules(db, actor.tenantId);
  return idempotent(db, actor, key, operation, { refundId, ...request }, async (trx) => {
    await work(trx, await lockRefund(trx, actor, refundId), rules);
    return { status: 200, body: await refundView(trx, actor, refundId) };
  });
}

/** Maker-checker: nobody approves (or rejects) their own request, and two approvals come from two people. */
function requireOtherApprover(refund: LockedRefund, actor: Actor): void {
  if (actor.userId === null) return;
  if (refund.requestedBy === actor.userId) throw fail('self_approval_forbidden', 'id', `you requested ${refund.number}: someone else must decide on it`);
  if (refund.firstApprovedBy === actor.userId) throw fail('self_approval_forbidden', 'id', `you gave ${refund.number} its first approval: the second must come from someone else`);
}

/** Approves; the last approval needed posts Dr customer_advances / Cr refunds_payable. */
export async function approveRefund(db: Kysely<DB>, actor: Actor, refundId: string, key: string | undefined): Outcome {
  requirePermission(actor, 'refunds.approve');
  return step(db, actor, key, 'refund.approve', refundId, {}, async (trx, refund, rules) => {
    requireStatus(refund.status, ['requested'], 'approval', refund.number);
    requireOtherApprover(refund, actor);
    const now = new Date();
    if (refund.approvalsNeeded === 2 && refund.firstApprovedBy === null) {
      await trx.updateTable('refunds').set({ first_approved_by: actor.userId, first_approved_at: now }).where('tenant_id', '=', actor.tenantId).where('id', '=', refund.id).execute();
      await appendAudit(trx, actor, { action: 'refund.first_approved', entityType: 'refund', entityId: refund.id, after: { number: refund.number, approvalsNeeded: 2 } });
      return;
    }
    const entryId = await postFor(trx, actor, {
      entryDate: todayIn(rules.timeZone, nowFor(actor)),
      source: 'refund',
      sourceId: refund.id,
      memo: `Refund ${refund.number} approved`,
      lines: [
        { account: 'customer_advances', side: 'debit', amount: refund.amountMinor, currency: refund.currency, ...dimensionsOf(refund) },
        { account: 'refunds_payable', side: 'credit', amount: refund.amountMinor, currency: refund.currency, ...dimensionsOf(refund) },
      ],
    });
    await trx.updateTable('refunds').set({ status: 'approved', approved_by: actor.userId, approved_at: now, approve_entry_id: entryId }).where('tenant_id', '=', actor.tenantId).where('id', '=', refund.id).execute();
    await appendAudit(trx, actor, { action: 'refund.approved', entityType: 'refund', entityId: refund.id, after: { number: refund.number, entryId } });
  });
}

/** Rejects a requested or approved (unpaid) refund: by an approver who did not request it. */
export async function rejectRefund(db: Kysely<DB>, actor: Actor, refundId: string, input: { reason: string }, key: string | undefined): Outcome {
  requirePermission(actor, 'refunds.approve');
  const reason = requireReason(input.reason);
  return step(db, actor, key, 'refund.reject', refundId, { reason }, async (trx, refund, rules) => {
    requireStatus(refund.status, ['requested', 'approved'], 'rejection', refund.number);
    if (actor.userId !== null && refund.requestedBy === actor.userId) throw fail('self_approval_forbidden', 'id', `you requested ${refund.number}: cancel it instead`);
    await close(trx, actor, refund, rules, 'rejected', reason);
  });
}

/** Cancels: the requester while it waits for approval; an approver at any point before it is paid. */
export async function cancelRefund(db: Kysely<DB>, actor: Actor, refundId: string, input: { reason: string }, key: string | undefined): Outcome {
  requirePermission(actor, 'refunds.request');
  const reason = requireReason(input.reason);
  return step(db, actor, key, 'refund.cancel', refundId, { reason }, async (trx, refund, rules) => {
    requireStatus(refund.status, ['requested', 'approved'], 'cancellation', refund.number);
    const ownRequest = actor.userId !== null && refund.requestedBy === actor.userId;
    if (!can(actor, 'refunds.approve') && !(ownRequest && refund.status === 'requested')) {
      throw fail('forbidden', 'id', 'only the requester may cancel a refund waiting for approval; an approved one needs refunds.approve');
    }
    await close(trx, actor, refund, rules, 'cancelled', reason);
  });
}

/** Ends a refund unpaid: its holds are released and, if it was approved, its approval entry is reversed. */
async function close(trx: Transaction<DB>, actor: Actor, refund: LockedRefund, rules: TenantRules, status: 'rejected' | 'cancelled', reason: string): Promise<void> {
  for (const source of await sourcesFor(trx, actor.tenantId, refund.id)) {
    await trx.updateTable('receipts').set({ refund_held_minor: sql`refund_held_minor - ${source.amount_minor}` }).where('tenant_id', '=', actor.tenantId).where('id', '=', source.receipt_id).execute();
  }
  let reversalId: string | null = null;
  if (refund.approveEntryId !== null) {
    const original = await loadEntry(trx, actor.tenantId, refund.approveEntryId);
    const reversal = { ...reversalOf(original.id, original.lines, todayIn(rules.timeZone, nowFor(actor)), `Refund ${refund.number} ${status}`), source: 'refund', sourceId: refund.id };
    reversalId = (await postValidEntry(trx, { tenantId: actor.tenantId, actorId: actor.userId }, reversal)).entryId;
  }
  await trx.updateTable('refunds').set({ status, closed_by: actor.userId, closed_at: new Date(), close_reason: reason }).where('tenant_id', '=', actor.tenantId).where('id', '=', refund.id).execute();
  await appendAudit(trx, actor, { action: `refund.${status}`, entityType: 'refund', entityId: refund.id, before: { status: refund.status }, after: { number: refund.number, reversalEntryId: reversalId }, reason });
}

export interface PayInput {
  channel: RefundChannel;
  externalRef?: string;
  paidDate: string;
}

/** Pays an approved refund: Dr refunds_payable / Cr cash:<channel>; each source receipt counts it refunded. */
export async function payRefund(db: Kysely<DB>, actor: Actor, refundId: string, input: PayInput, key: string | undefined): Outcome {
  requirePermission(actor, 'refunds.approve');
  const externalRef = (input.externalRef ?? '').trim();
  return step(db, actor, key, 'refund.pay', refundId, { channel: input.channel, externalRef, paidDate: input.paidDate }, async (trx, refund) => {
    requireStatus(refund.status, ['approved'], 'payment', refund.number);
    const entryId = await postFor(trx, actor, {
      entryDate: input.paidDate,
      source: 'refund',
      sourceId: refund.id,
      memo: `Refund ${refund.number} paid${externalRef === '' ? '' : ` (${externalRef})`}`,
      lines: [
        { account: 'refunds_payable', side: 'debit', amount: refund.amountMinor, currency: refund.currency, ...dimensionsOf(refund) },
        { account: `cash:${input.channel}`, side: 'credit', amount: refund.amountMinor, currency: refund.currency, channel: input.channel, ...dimensionsOf(refund) },
      ],
    });
    for (const source of await sourcesFor(trx, actor.tenantId, refund.id)) {
      await trx.updateTable('receipts').set({ refunded_minor: sql`refunded_minor + ${source.amount_minor}` }).where('tenant_id', '=', actor.tenantId).where('id', '=', source.receipt_id).execute();
    }
    await trx.updateTable('refunds').set({ status: 'paid', paid_channel: input.channel, paid_external_ref: externalRef === '' ? null : externalRef, paid_date: input.paidDate, pay_entry_id: entryId })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', refund.id).execute();
    await appendAudit(trx, actor, { action: 'refund.paid', entityType: 'refund', entityId: refund.id, after: { number: refund.number, channel: input.channel, externalRef, paidDate: input.paidDate, entryId } });
  });
}

function dimensionsOf(refund: LockedRefund) {
  return { customerId: refund.customerId, ownerId: refund.ownerId, departmentId: refund.departmentId };
}

async function sourcesFor(trx: Transaction<DB>, tenantId: string, refundId: string) {
  return trx.selectFrom('refund_sources').select(['receipt_id', 'amount_minor']).where('tenant_id', '=', tenantId).where('refund_id', '=', refundId).orderBy('receipt_id').execute();
}

// ---------------------------------------------------------------- reading

function refundsOf(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('refunds as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .leftJoin('receipts as rc', (j) => j.onRef('rc.tenant_id', '=', 'r.tenant_id').onRef('rc.id', '=', 'r.receipt_id'))
    .selectAll('r')
    .select(['c.code as customer_code', 'c.name as customer_name', 'rc.number as receipt_number'])
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'));
}

type RefundRow = Awaited<ReturnType<ReturnType<typeof refundsOf>['execute']>>[number];
type SourceView = RefundView['sources'][number];

async function refundView(db: Kysely<DB>, actor: Actor, refundId: string): Promise<RefundView> {
  const row = await refundsOf(db, actor).where('r.id', '=', refundId).executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such refund', { refundId });
  return viewOf(row, (await sourceViews(db, actor.tenantId, [row.id])).get(row.id) ?? []);
}

async function sourceViews(db: Kysely<DB>, tenantId: string, refundIds: string[]): Promise<Map<string, SourceView[]>> {
  const result = new Map<string, SourceView[]>();
  if (refundIds.length === 0) return result;
  const rows = await db
    .selectFrom('refund_sources as s')
    .innerJoin('receipts as rc', (j) => j.onRef('rc.tenant_id', '=', 's.tenant_id').onRef('rc.id', '=', 's.receipt_id'))
    .select(['s.refund_id', 's.receipt_id', 's.amount_minor', 'rc.number', 'rc.currency'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.refund_id', 'in', refundIds)
    .orderBy('rc.received_date')
    .orderBy('rc.id')
    .execute();
  for (const r of rows) {
    const list = result.get(r.refund_id) ?? [];
    list.push({ receiptId: r.receipt_id, receiptNumber: r.number, amount: formatAmount(r.amount_minor, r.currency) });
    result.set(r.refund_id, list);
  }
  return result;
}

function viewOf(r: RefundRow, sources: SourceView[]): RefundView {
  return {
    id: r.id, number: r.number, customerId: r.customer_id, customerCode: r.customer_code, customerName: r.customer_name,
    receiptId: r.receipt_id, receiptNumber: r.receipt_number, currency: r.currency, amount: formatAmount(r.amount_minor, r.currency),
    reasonCode: r.reason_code, reasonText: r.reason_text, status: r.status, approvalsNeeded: r.approvals_needed,
    approvals: (r.first_approved_by === null ? 0 : 1) + (r.approved_by === null ? 0 : 1),
    requestedBy: r.requested_by, requestedAt: r.requested_at.toISOString(), firstApprovedBy: r.first_approved_by, firstApprovedAt: iso(r.first_approved_at),
    approvedBy: r.approved_by, approvedAt: iso(r.approved_at), closedBy: r.closed_by, closedAt: iso(r.closed_at), closeReason: r.close_reason,
    paidChannel: r.paid_channel, paidExternalRef: r.paid_external_ref, paidDate: r.paid_date, approveEntryId: r.approve_entry_id, payEntryId: r.pay_entry_id,
    sources,
  };
}

/** What the audit trail keeps of a new refund: decimal strings, so the record hashes exactly. */
function audited(view: RefundView) {
  return {
    number: view.number, customerId: view.customerId, receiptId: view.receiptId, amount: view.amount, currency: view.currency,
    reasonCode: view.reasonCode, reasonText: view.reasonText, approvalsNeeded: view.approvalsNeeded,
    sources: view.sources.map((s) => ({ receiptId: s.receiptId, amount: s.amount })),
  };
}

export async function getRefund(db: Kysely<DB>, actor: Actor, refundId: string): Promise<RefundView> {
  requirePermission(actor, 'receipts.view');
  return refundView(db, actor, refundId);
}

export interface RefundFilter extends ListWindow {
  customer?: string;
  owner?: string;
  department?: string;
  receipt?: string;
  status?: RefundStatus;
  reasonCode?: RefundReason;
  channel?: RefundChannel;
  /** Only refunds the actor could approve now: requested, not theirs, not already approved by them. */
  awaitingMyApproval?: boolean;
  limit?: number;
}

/** The refunds the list would show under these filters, unordered and unpaged (exports count them first). */
export async function refundListQuery(db: Kysely<DB>, actor: Actor, filter: RefundFilter) {
  const { timeZone } = await tenantRules(db, actor.tenantId);
  const range = amountRange(filter);
  let query = refundsOf(db, actor);
  if (filter.customer !== undefined) query = query.where('r.customer_id', '=', filter.customer);
  if (filter.owner !== undefined) query = query.where('c.owner_id', '=', filter.owner);
  if (filter.department !== undefined) query = query.where('c.department_id', 'in', departmentTree(actor.tenantId, filter.department));
  if (filter.receipt !== undefined) query = query.where('r.receipt_id', '=', filter.receipt);
  if (filter.status !== undefined) query = query.where('r.status', '=', filter.status);
  if (filter.reasonCode !== undefined) query = query.where('r.reason_code', '=', filter.reasonCode);
  if (filter.channel !== undefined) query = query.where('r.paid_channel', '=', filter.channel);
  if (filter.currency !== undefined) query = query.where('r.currency', '=', requireCurrency(filter.currency));
  if (range.min !== undefined) query = query.where('r.amount_minor', '>=', range.min);
  if (range.max !== undefined) query = query.where('r.amount_minor', '<=', range.max);
  if (filter.from !== undefined) query = query.where(localDate('r.requested_at', timeZone), '>=', filter.from);
  if (filter.to !== undefined) query = query.where(localDate('r.requested_at', timeZone), '<=', filter.to);
  if (filter.awaitingMyApproval) query = query.where(awaitingApprovalBy(actor));
  return query;
}

/** Refunds of the customers the actor may see, newest first (or oldest), filtered, by cursor. */
export async function listRefunds(db: Kysely<DB>, actor: Actor, filter: RefundFilter): Promise<Page<RefundView>> {
  requirePermission(actor, 'receipts.view');
  const size = pageSize(filter.limit);
  const after = cursorId(filter.cursor);
  let query = await refundListQuery(db, actor, filter);
  const newest = filter.sort !== 'oldest';
  if (after !== undefined) query = query.where('r.id', newest ? '<' : '>', after);
  const rows = await query.orderBy('r.id', newest ? 'desc' : 'asc').limit(size + 1).execute();
  const page = toPage(rows, size, (r) => r, (r) => r.id);
  const sources = await sourceViews(db, actor.tenantId, page.items.map((r) => r.id));
  return { items: page.items.map((r) => viewOf(r, sources.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

/** Requested refunds (alias r) this actor may approve now: not their own request, not already approved by them. */
export function awaitingApprovalBy(actor: Actor) {
  return sql<SqlBool>`(${can(actor, 'refunds.approve')} and r.status = 'requested'
    and r.requested_by is distinct from ${actor.userId}::uuid and r.first_approved_by is distinct from ${actor.userId}::uuid)`;
}

export interface RefundableView {
  customerId: string;
  currency: string;
  receiptId: string | null;
  refundable: string;
  receipts: { receiptId: string; number: string; receivedDate: string; amount: string; allocated: string; held: string; refundable: string }[];
}

/** What can still be refunded: from one receipt (receiptId), or from a customer's advance in a currency. */
export async function refundableOf(db: Kysely<DB>, actor: Actor, query: { receiptId?: string; customerId?: string; currency?: string }): Promise<RefundableView> {
  requirePermission(actor, 'receipts.view');
  if (query.receiptId !== undefined) {
    const receipt = await receiptFor(db, actor, query.receiptId, false);
    return refundableView(receipt.customerId, receipt.currency, receipt.id, receipt.status === 'confirmed' ? [receipt] : []);
  }
  if (query.customerId === undefined || query.currency === undefined) {
    throw fail('validation_failed', query.customerId === undefined ? 'customerId' : 'currency', 'give receiptId, or customerId and currency');
  }
  const currency = requireCurrency(query.currency);
  await visibleCustomer(db, actor, query.customerId);
  return refundableView(query.customerId, currency, null, await advanceReceipts(db, actor, query.customerId, currency, false));
}

function refundableView(customerId: string, currency: string, receiptId: string | null, receipts: OpenReceipt[]): RefundableView {
  const total = receipts.reduce((sum, r) => sum + unapplied(r), 0n);
  return {
    customerId, currency, receiptId, refundable: formatAmount(total, currency),
    receipts: receipts.map((r) => ({
      receiptId: r.id, number: r.number, receivedDate: r.receivedDate, amount: formatAmount(r.amountMinor, currency),
      allocated: formatAmount(r.allocatedMinor, currency), held: formatAmount(r.heldMinor, currency), refundable: formatAmount(unapplied(r), currency),
    })),
  };
}

import type { Kysely, Transaction } from 'kysely';
import type { AuditValue } from '../../core/audit/chain.js';
import type { ReceiptChannel } from '../../core/ledger/chart.js';
import { cashAccountCode } from '../../core/ledger/chart.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { formatAmount } from '../../core/money/index.js';
import { convertMinor, formatRate, parseRate } from '../../core/receivables/index.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit, type AuditEvent } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { nextNumber } from '../numbers.js';
import { preparedRows } from '../prepared.js';
import type { DB, ReceiptKind, ReceiptSource, RequestedAllocation } from '../schema.js';
import {
  applyPlanned,
  auditedMoves,
  customerLine,
  allocationValues,
  insertAllocationRows,
  lockOrders,
  planAutomatic,
  planRequested,
  readOrders,
  receiptTotal,
  receivableLines,
  rowsOf,
  type AllocationInput,
  type OrderMove,
  type PlannedAllocation,
  type ReceiptSide,
} from './allocation.js';
import { amountField, baseRateFor, fail, postFor, requireCurrency, requireVisible, tenantRules, tenantRulesAndCustomer, type TenantRules, type VisibleCustomer } from './common.js';
import { lockReceipt, receiptView, type ReceiptRow, type ReceiptView } from './receipt-model.js';
import type { LockedOrder } from './settlement.js';

/**
 * Receipts (回款): entered → pending; confirmed by someone else (maker-checker) → posted with its
 * allocations; or rejected. Only a confirmed receipt moves money.
 */
export interface Attachment {
  name: string;
  url?: string;
  sizeBytes?: number;
  contentType?: string;
}

export interface NewReceipt {
  customerId: string;
  kind: ReceiptKind;
  amount: string;
  currency: string;
  channel: ReceiptChannel;
  receivedDate: string;
  payerName?: string;
  payerAccount?: string;
  externalRef?: string;
  remarks?: string;
  attachments?: Attachment[];
  allocations?: AllocationInput[];
  autoAllocate?: boolean;
  /** Base-currency units per unit of the receipt's currency; else the recorded rate of the day. */
  exchangeRate?: string;
  /** Confirm at once: self-confirmation, only where the tenant allows it. */
  confirm?: boolean;
  /**
   * Machine-recorded money, never from the HTTP body (its schema has no such field): a verified gateway event, a
   * bank statement line, an import row. `evidenced` money (a signed gateway event, a bank's own statement line) is
   * its own second pair of eyes, so confirming it at entry needs receipts.confirm but not the self-confirm rule.
   */
  origin?: { source: Exclude<ReceiptSource, 'manual'>; ref: string; evidenced: boolean };
}

/** How the confirmer allocates, overriding what was asked when the receipt was entered. */
export interface AllocationChoice {
  allocations?: AllocationInput[];
  autoAllocate?: boolean;
}

export async function createReceipt(db: Kysely<DB>, actor: Actor, input: NewReceipt, key: string | undefined): Promise<IdempotentOutcome<ReceiptView>> {
  requirePermission(actor, 'receipts.create');
  requireKey(key);
  const request = input as unknown as AuditValue;
  const { rules, customer: found } = await tenantRulesAndCustomer(db, actor, input.customerId);
  // A repeat of a request that succeeded may no longer pass the checks (the order it paid owes nothing now):
  // then the stored answer is the answer, and idempotent() gives it; for a new key the refusal stands.
  const checked = await checkNewReceipt(db, actor, rules, input, found).catch((error: unknown) => idempotent<ReceiptView>(db, actor, key, 'receipt.create', request, () => Promise.reject(error)));
  if ('replayed' in checked) return checked;
  const { currency, amountMinor, explicitRate, customer, planned } = checked;
  const number = await nextNumber(db, actor.tenantId, 'RC', input.receivedDate);
  const id = newId();
  return idempotent(db, actor, key, 'receipt.create', request, async (trx) => {
    const requested = planned.map(requestedOf);
    const entered: ReceiptRow = {
      id, number, customerId: customer.id, customerOwnerId: customer.owner_id, customerDepartmentId: customer.department_id, kind: input.kind, currency, amountMinor,
      channel: input.channel, receivedDate: input.receivedDate, status: 'pending', allocatedMinor: 0n, refundHeldMinor: 0n, refundedMinor: 0n, createdBy: actor.userId,
      requested, autoAllocate: input.autoAllocate ?? false, baseRate: explicitRate ?? null,
    };
    // Confirmed at once: the allocations are settled and posted first, then the receipt is written already
    // confirmed, with its allocation rows in the same statement — the same rows as entering and then
    // confirming would leave, in three round trips fewer.
    const confirmation = input.confirm ? await confirmEntered(trx, actor, rules, entered, {}, input.origin?.evidenced === true) : undefined;
    const receipt = trx.insertInto('receipts').values({
      tenant_id: actor.tenantId, id, number, customer_id: customer.id, kind: input.kind, currency, amount_minor: amountMinor, channel: input.channel,
      received_date: input.receivedDate, payer_name: input.payerName ?? '', payer_account: input.payerAccount ?? '', external_ref: input.externalRef ?? '',
      remarks: input.remarks ?? '', attachments: JSON.stringify(input.attachments ?? []), status: 'pending',
      requested_allocations: JSON.stringify(requested), auto_allocate: entered.autoAllocate,
      base_rate: explicitRate ?? null, created_by: actor.userId,
      ...(input.origin ? { source: input.origin.source, source_ref: input.origin.ref } : {}),
      ...(confirmation ? confirmedColumns(actor, confirmation) : {}),
    });
    const allocationRows = confirmation ? allocationValues(actor, rowsOf(id, confirmation.moves), 'allocate', confirmation.entryId) : [];
    if (allocationRows.length > 0) await preparedRows(trx, trx.with('receipt', () => receipt).insertInto('allocations').values(allocationRows));
    else await preparedRows(trx, receipt);
    const body = await receiptView(trx, actor, id);
    // Audit last and in one go: the chain head stays locked until commit.
    const created: AuditEvent = {
      action: 'receipt.created', entityType: 'receipt', entityId: id,
      after: { number, customerId: customer.id, kind: input.kind, amount: formatAmount(amountMinor, currency), currency, channel: input.channel, receivedDate: input.receivedDate, status: 'pending' },
    };
    return { status: 201, body, audit: confirmation ? [created, confirmation.audit] : [created] };
  });
}

/**
 * Everything about a new receipt that can be checked before anything is written — so that bad input takes
 * no document number either: amount, date, rate, the customer, and the maker's allocations.
 */
async function checkNewReceipt(db: Kysely<DB>, actor: Actor, rules: TenantRules, input: NewReceipt, found: VisibleCustomer | undefined) {
  if (input.confirm && input.origin?.evidenced) requirePermission(actor, 'receipts.confirm');
  else if (input.confirm) requireSelfConfirm(actor, rules, 'confirm');
  const currency = requireCurrency(input.currency);
  const amountMinor = amountField(input.amount, currency, 'amount');
  if (!isBusinessDate(input.receivedDate)) throw fail('invalid_date', 'receivedDate', 'not a real date (YYYY-MM-DD)');
  requireAllocationChoice(input.kind, input, '');
  const explicitRate = input.exchangeRate === undefined ? undefined : formatRate(parseRate(input.exchangeRate, 'exchangeRate'));
  if (explicitRate !== undefined && currency === rules.baseCurrency) throw fail('validation_failed', 'exchangeRate', `the receipt is in the base currency ${currency}: no exchange rate applies`);
  if (input.confirm) await baseRateFor(db, actor.tenantId, rules, currency, input.receivedDate, explicitRate);
  const customer = requireVisible(found, input.customerId);
  const side: ReceiptSide = { customerId: customer.id, currency, ownerId: customer.owner_id, departmentId: customer.department_id };
  const inputs = input.allocations ?? [];
  const orders = await readOrders(db, actor, inputs.map((a) => a.orderId));
  const planned = await planRequested(db, actor.tenantId, orders, side, inputs, amountMinor);
  return { currency, amountMinor, explicitRate, customer, planned };
}

export async function confirmReceipt(db: Kysely<DB>, actor: Actor, receiptId: string, choice: AllocationChoice, key: string | undefined): Promise<IdempotentOutcome<ReceiptView>> {
  requirePermission(actor, 'receipts.confirm');
  requireKey(key);
  const rules = await tenantRules(db, actor.tenantId);
  return idempotent(db, actor, key, 'receipt.confirm', { receiptId, ...choice } as unknown as AuditValue, async (trx) => {
    const confirmed = await confirmIn(trx, actor, rules, receiptId, choice);
    return { status: 200, body: await receiptView(trx, actor, receiptId), audit: [confirmed] };
  });
}

export async function rejectReceipt(db: Kysely<DB>, actor: Actor, receiptId: string, input: { reason: string }, key: string | undefined): Promise<IdempotentOutcome<ReceiptView>> {
  requirePermission(actor, 'receipts.confirm');
  requireKey(key);
  const reason = input.reason.trim();
  if (reason === '') throw fail('reason_required', 'reason', 'say why the receipt is rejected');
  return idempotent(db, actor, key, 'receipt.reject', { receiptId, reason }, async (trx) => {
    const receipt = await lockReceipt(trx, actor, receiptId);
    requirePending(receipt, 'rejected');
    await trx.updateTable('receipts').set({ status: 'rejected', rejected_by: actor.userId, rejected_at: new Date(), status_reason: reason }).where('tenant_id', '=', actor.tenantId).where('id', '=', receipt.id).execute();
    const body = await receiptView(trx, actor, receiptId);
    await appendAudit(trx, actor, { action: 'receipt.rejected', entityType: 'receipt', entityId: receipt.id, before: { status: 'pending' }, after: { status: 'rejected' }, reason });
    return { status: 200, body };
  });
}

function requireSelfConfirm(actor: Actor, rules: TenantRules, field: string): void {
  requirePermission(actor, 'receipts.confirm');
  if (!rules.allowSelfConfirm) {
    throw fail('self_approval_forbidden', field, 'someone else must confirm a receipt you entered (this tenant does not allow self-confirmation)');
  }
}

function requirePending(receipt: ReceiptRow, goal: string): void {
  if (receipt.status !== 'pending') {
    throw fail('invalid_state', 'id', `receipt ${receipt.number} is ${receipt.status}; only a pending receipt can be ${goal}`, { status: receipt.status });
  }
}

/** A prepayment goes wholly to the advance balance; manual allocations and automatic allocation exclude each other. */
function requireAllocationChoice(kind: ReceiptKind, choice: AllocationChoice, prefix: string): void {
  const manual = (choice.allocations?.length ?? 0) > 0;
  if (kind === 'prepayment' && (manual || choice.autoAllocate)) {
    throw fail('validation_failed', `${prefix}${manual ? 'allocations' : 'autoAllocate'}`, 'a prepayment goes wholly to the advance balance; apply it to orders once confirmed');
  }
  if (manual && choice.autoAllocate) throw fail('validation_failed', `${prefix}autoAllocate`, 'give allocations or autoAllocate, not both');
}

function requestedOf(p: PlannedAllocation): RequestedAllocation {
  return { orderId: p.orderId, ...(p.instalmentId !== undefined ? { instalmentId: p.instalmentId } : {}), amountMinor: p.amountMinor.toString(), ...(p.rate !== null ? { rate: p.rate } : {}) };
}

/** What confirming a receipt settled and posted, for the caller to record on the receipt. */
interface Confirmation {
  entryId: string;
  baseRate: string;
  baseAmountMinor: bigint;
  allocatedMinor: bigint;
  moves: OrderMove[];
  audit: AuditEvent;
}

/**
 * Confirms a pending receipt inside the caller's transaction: fixes its base-currency rate, applies the
 * allocations (the confirmer's choice, else what was asked at entry), posts one entry — Dr cash:<channel>
 * / Cr accounts_receivable per order / Cr customer_advances for the rest. Returns the audit event for the
 * caller to append last.
 */
async function confirmIn(trx: Transaction<DB>, actor: Actor, rules: TenantRules, receiptId: string, choice: AllocationChoice): Promise<AuditEvent> {
  const receipt = await lockReceipt(trx, actor, receiptId);
  const confirmation = await confirmEntered(trx, actor, rules, receipt, choice);
  await insertAllocationRows(trx, actor, rowsOf(receipt.id, confirmation.moves), 'allocate', confirmation.entryId);
  await trx
    .updateTable('receipts')
    .set(confirmedColumns(actor, confirmation))
    .where('tenant_id', '=', actor.tenantId)
    .where('id', '=', receipt.id)
    .execute();
  return confirmation.audit;
}

/** The receipt's columns once confirmed. */
function confirmedColumns(actor: Actor, c: Confirmation) {
  return { status: 'confirmed' as const, confirmed_by: actor.userId, confirmed_at: new Date(), base_rate: c.baseRate, base_amount_minor: c.baseAmountMinor, allocated_minor: c.allocatedMinor, entry_id: c.entryId };
}

/**
 * The checks and the money of a confirmation, on a pending receipt locked (or written) by this transaction:
 * settles the allocations on their orders and posts the entry. Writing the receipt's own row and its
 * allocation rows is the caller's (confirmIn, or createReceipt in one statement with the receipt).
 */
async function confirmEntered(trx: Transaction<DB>, actor: Actor, rules: TenantRules, receipt: ReceiptRow, choice: AllocationChoice, evidenced = false): Promise<Confirmation> {
  requirePending(receipt, 'confirmed');
  if (!evidenced && receipt.createdBy !== null && receipt.createdBy === actor.userId && !rules.allowSelfConfirm) {
    throw fail('self_approval_forbidden', 'id', 'someone else must confirm a receipt you entered');
  }
  requireAllocationChoice(receipt.kind, choice, '');
  const side: ReceiptSide = { customerId: receipt.customerId, currency: receipt.currency, ownerId: receipt.customerOwnerId, departmentId: receipt.customerDepartmentId };
  const baseRate = await baseRateFor(trx, actor.tenantId, rules, receipt.currency, receipt.receivedDate, receipt.baseRate ?? undefined);
  const { orders, planned } = await chooseAllocations(trx, actor, receipt, side, choice);
  const moves = await applyPlanned(trx, actor.tenantId, orders, planned);
  const allocatedMinor = receiptTotal(moves);
  const restMinor = receipt.amountMinor - allocatedMinor;
  const entryId = await postFor(trx, actor, {
    entryDate: receipt.receivedDate,
    source: 'receipt',
    sourceId: receipt.id,
    memo: `Receipt ${receipt.number} confirmed`,
    lines: [
      customerLine(side, cashAccountCode(receipt.channel as ReceiptChannel), 'debit', receipt.amountMinor, { channel: receipt.channel }),
      ...receivableLines(side, moves, 'settle'),
      ...(restMinor > 0n ? [customerLine(side, 'customer_advances', 'credit', restMinor)] : []),
    ],
  });
  const baseAmountMinor = convertMinor(receipt.amountMinor, receipt.currency, rules.baseCurrency, baseRate);
  return {
    entryId, baseRate, baseAmountMinor, allocatedMinor, moves,
    audit: {
      action: 'receipt.confirmed', entityType: 'receipt', entityId: receipt.id, before: { status: 'pending' },
      after: { status: 'confirmed', entryId, baseRate, allocations: auditedMoves(moves, receipt.currency), advance: formatAmount(restMinor, receipt.currency) },
    },
  };
}

/** The confirmer's allocations, else the ones asked at entry; automatic when either says so; none: all to advance. */
async function chooseAllocations(trx: Transaction<DB>, actor: Actor, receipt: ReceiptRow, side: ReceiptSide, choice: AllocationChoice): Promise<{ orders: Map<string, LockedOrder>; planned: PlannedAllocation[] }> {
  const overridden = choice.allocations !== undefined || choice.autoAllocate !== undefined;
  const auto = overridden ? choice.autoAllocate === true : receipt.autoAllocate;
  if (auto) return planAutomatic(trx, actor, side, receipt.amountMinor);
  const asked = overridden ? (choice.allocations ?? []) : receipt.requested;
  const orders = await lockOrders(trx, actor, asked.map((a) => a.orderId));
  const inputs: AllocationInput[] = overridden ? (choice.allocations ?? []) : receipt.requested.map((a) => storedInput(a, orders, receipt.currency));
  const planned = await planRequested(trx, actor.tenantId, orders, side, inputs, receipt.amountMinor, overridden ? 'allocations' : 'requestedAllocations');
  return { orders, planned };
}

function storedInput(a: RequestedAllocation, orders: Map<string, LockedOrder>, receiptCurrency: string): AllocationInput {
  const currency = orders.get(a.orderId)?.currency ?? receiptCurrency;
  return { orderId: a.orderId, amount: formatAmount(BigInt(a.amountMinor), currency), ...(a.instalmentId !== undefined ? { instalmentId: a.instalmentId } : {}), ...(a.rate !== undefined ? { exchangeRate: a.rate } : {}) };
}

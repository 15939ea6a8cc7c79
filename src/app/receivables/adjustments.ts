import type { Kysely, Transaction } from 'kysely';
import { formatAmount } from '../../core/money/index.js';
import { convertMinor, todayIn } from '../../core/receivables/index.js';
import { can, customerScope, departmentTree, nowFor, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, type IdempotentOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { nextNumber } from '../numbers.js';
import { pageSize, toPage, type Page } from '../pagination.js';
import type { AdjustmentKind, AdjustmentStatus, DB, OrderStatus } from '../schema.js';
import { amountField, baseRateFor, fail, postFor, requireCurrency, tenantRules, type TenantRules } from './common.js';
import { amountRange, answeredBefore, cursorId, iso, localDate, neverRuns, reasonTextFor, requireReason, requireStatus, type ListWindow } from './requests.js';
import { lockOrder, outstandingOf, reduceOrder, requireSettleable, settleOrder, type LockedOrder } from './settlement.js';

/**
 * Credit notes (an order cancelled or reduced: Dr sales_returns / Cr accounts_receivable) and write-offs of
 * small differences (核销: Dr bad_debt / Cr accounts_receivable). Each is requested, then approved by someone
 * else holding receivables.write_off; only the approval touches the order and the ledger, after re-checking
 * what the order still owes under its row lock. A write-off is bounded by tenants.write_off_max_minor.
 */

export const creditNoteReasons = ['order_cancelled', 'order_reduced', 'price_adjustment', 'other'] as const;
export const writeOffReasons = ['small_difference', 'bad_debt', 'other'] as const;
export const adjustmentReasons = [...new Set([...creditNoteReasons, ...writeOffReasons])];
export type AdjustmentReason = (typeof adjustmentReasons)[number];

export interface AdjustmentInput {
  kind: AdjustmentKind;
  orderId: string;
  amount: string;
  reasonCode: AdjustmentReason;
  reasonText?: string;
}

export interface AdjustmentView {
  id: string;
  number: string;
  kind: AdjustmentKind;
  orderId: string;
  orderNumber: string;
  orderStatus: OrderStatus;
  customerId: string;
  customerCode: string;
  customerName: string;
  currency: string;
  amount: string;
  reasonCode: string;
  reasonText: string;
  status: AdjustmentStatus;
  requestedBy: string | null;
  requestedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
  entryId: string | null;
}

type Outcome = Promise<IdempotentOutcome<AdjustmentView>>;

const kinds = {
  credit_note: { prefix: 'CN', requestPermission: 'orders.manage', reasons: creditNoteReasons as readonly string[], account: 'sales_returns', label: 'Credit note' },
  write_off: { prefix: 'WO', requestPermission: 'receivables.write_off', reasons: writeOffReasons as readonly string[], account: 'bad_debt', label: 'Write-off' },
} as const;

// ---------------------------------------------------------------- request

/** Requests a credit note (orders.manage) or a write-off (receivables.write_off) on an order (→ requested). */
export async function requestAdjustment(db: Kysely<DB>, actor: Actor, input: AdjustmentInput, key: string | undefined): Outcome {
  const kind = kinds[input.kind];
  requirePermission(actor, kind.requestPermission);
  if (!kind.reasons.includes(input.reasonCode)) {
    throw fail('validation_failed', 'reasonCode', `a ${input.kind} takes the reasons ${kind.reasons.join(', ')}`);
  }
  const reasonText = reasonTextFor(input.reasonCode, input.reasonText);
  const request = { ...input, reasonText };
  if (await answeredBefore(db, actor.tenantId, key)) return idempotent(db, actor, key, 'adjustment.request', request, neverRuns);
  const rules = await tenantRules(db, actor.tenantId);
  // Checked before a number is taken, so a refusal writes nothing; checked again under the order's lock.
  await db.transaction().execute(async (trx) => requireAdjustable(trx, actor.tenantId, rules, input, await lockOrder(trx, actor, input.orderId)));
  const number = await nextNumber(db, actor.tenantId, kind.prefix, todayIn(rules.timeZone, nowFor(actor)));
  return idempotent(db, actor, key, 'adjustment.request', request, async (trx) => {
    const order = await lockOrder(trx, actor, input.orderId);
    const amountMinor = await requireAdjustable(trx, actor.tenantId, rules, input, order);
    const id = newId();
    await trx.insertInto('adjustments').values({
      tenant_id: actor.tenantId, id, number, kind: input.kind, order_id: order.id, customer_id: order.customerId, currency: order.currency,
      amount_minor: amountMinor, reason_code: input.reasonCode, reason_text: reasonText, status: 'requested', requested_by: actor.userId,
    }).execute();
    const view = await adjustmentView(trx, actor, id);
    await appendAudit(trx, actor, {
      action: `${input.kind}.requested`, entityType: 'adjustment', entityId: id,
      after: { number, kind: input.kind, orderId: order.id, amount: view.amount, currency: view.currency, reasonCode: input.reasonCode, reasonText },
    });
    return { status: 201, body: view };
  });
}

/** The amount in the order's currency, if the order can take it now: open, owing that much, within the write-off limit. */
async function requireAdjustable(db: Kysely<DB>, tenantId: string, rules: TenantRules, input: { kind: AdjustmentKind; amount: string }, order: LockedOrder): Promise<bigint> {
  requireSettleable(order);
  const amountMinor = amountField(input.amount, order.currency, 'amount');
  const outstanding = outstandingOf(order);
  if (amountMinor > outstanding) {
    const owed = formatAmount(outstanding, order.currency);
    throw fail('exceeds_outstanding', 'amount', `order ${order.number} still owes ${owed} ${order.currency}`, { outstanding: owed, currency: order.currency });
  }
  if (input.kind === 'write_off') await requireWithinWriteOffLimit(db, tenantId, rules, order, amountMinor);
  return amountMinor;
}

async function requireWithinWriteOffLimit(db: Kysely<DB>, tenantId: string, rules: TenantRules, order: LockedOrder, amountMinor: bigint): Promise<void> {
  const rate = order.baseRate ?? (await baseRateFor(db, tenantId, rules, order.currency, todayIn(rules.timeZone), undefined, 'amount'));
  const baseMinor = convertMinor(amountMinor, order.currency, rules.baseCurrency, rate);
  if (baseMinor > rules.writeOffMaxMinor) {
    const max = formatAmount(rules.writeOffMaxMinor, rules.baseCurrency);
    throw fail('write_off_limit_exceeded', 'amount', `a write-off may be at most ${max} ${rules.baseCurrency}; use a credit note or keep collecting`, { max, currency: rules.baseCurrency });
  }
}

// ---------------------------------------------------------------- steps

interface LockedAdjustment {
  id: string;
  number: string;
  kind: AdjustmentKind;
  orderId: string;
  currency: string;
  amountMinor: bigint;
  status: AdjustmentStatus;
  requestedBy: string | null;
}

async function lockAdjustment(trx: Transaction<DB>, actor: Actor, adjustmentId: string): Promise<LockedAdjustment> {
  const row = await trx
    .selectFrom('adjustments as a')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.customer_id'))
    .select(['a.id', 'a.number', 'a.kind', 'a.order_id', 'a.currency', 'a.amount_minor', 'a.status', 'a.requested_by'])
    .where('a.tenant_id', '=', actor.tenantId)
    .where('a.id', '=', adjustmentId)
    .where(customerScope(actor, 'c'))
    .forUpdate('a')
    .executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such credit note or write-off', { adjustmentId });
  return { id: row.id, number: row.number, kind: row.kind, orderId: row.order_id, currency: row.currency, amountMinor: row.amount_minor, status: row.status, requestedBy: row.requested_by };
}

/** One status step on one adjustment: locked, changed and answered in one idempotent transaction. */
async function step(
  db: Kysely<DB>,
  actor: Actor,
  key: string | undefined,
  operation: string,
  adjustmentId: string,
  request: Record<string, string>,
  work: (trx: Transaction<DB>, adjustment: LockedAdjustment, rules: TenantRules) => Promise<void>,
): Outcome {
  const rules = await tenantRules(db, actor.tenantId);
  return idempotent(db, actor, key, operation, { adjustmentId, ...request }, async (trx) => {
    const adjustment = await lockAdjustment(trx, actor, adjustmentId);
    requireStatus(adjustment.status, ['requested'], operation.split('.')[1]!, adjustment.number);
    await work(trx, adjustment, rules);
    return { status: 200, body: await adjustmentView(trx, actor, adjustmentId) };
  });
}

function requireOtherPerson(adjustment: LockedAdjustment, actor: Actor): void {
  if (actor.userId !== null && adjustment.requestedBy === actor.userId) {
    throw fail('self_approval_forbidden', 'id', `you requested ${adjustment.number}: someone else must decide on it`);
  }
}

/**
 * Approves: under the order's lock, a credit note reduces what the order owes (its last instalments first)
 * and posts Dr sales_returns; a write-off settles it (oldest instalment first) and posts Dr bad_debt.
 */
export async function approveAdjustment(db: Kysely<DB>, actor: Actor, adjustmentId: string, key: string | undefined): Outcome {
  requirePermission(actor, 'receivables.write_off');
  return step(db, actor, key, 'adjustment.approve', adjustmentId, {}, async (trx, adjustment, rules) => {
    requireOtherPerson(adjustment, actor);
    const order = await lockOrder(trx, actor, adjustment.orderId);
    requireSettleable(order);
    if (adjustment.kind === 'credit_note') await reduceOrder(trx, actor.tenantId, order, adjustment.amountMinor);
    else {
      await requireWithinWriteOffLimit(trx, actor.tenantId, rules, order, adjustment.amountMinor);
      await settleOrder(trx, actor.tenantId, order, adjustment.amountMinor, 'written_off');
    }
    const kind = kinds[adjustment.kind];
    const dims = { customerId: order.customerId, ownerId: order.ownerId, departmentId: order.departmentId };
    const entryId = await postFor(trx, actor, {
      entryDate: todayIn(rules.timeZone, nowFor(actor)),
      source: adjustment.kind,
      sourceId: adjustment.id,
      memo: `${kind.label} ${adjustment.number} on order ${order.number}`,
      lines: [
        { account: kind.account, side: 'debit', amount: adjustment.amountMinor, currency: adjustment.currency, ...dims },
        { account: 'accounts_receivable', side: 'credit', amount: adjustment.amountMinor, currency: adjustment.currency, ...dims },
      ],
    });
    await trx.updateTable('adjustments').set({ status: 'approved', approved_by: actor.userId, approved_at: new Date(), entry_id: entryId }).where('tenant_id', '=', actor.tenantId).where('id', '=', adjustment.id).execute();
    await appendAudit(trx, actor, { action: `${adjustment.kind}.approved`, entityType: 'adjustment', entityId: adjustment.id, after: { number: adjustment.number, entryId, orderStatus: order.status } });
  });
}

/** Rejects a requested adjustment: by an approver who did not request it, with a reason. */
export async function rejectAdjustment(db: Kysely<DB>, actor: Actor, adjustmentId: string, input: { reason: string }, key: string | undefined): Outcome {
  requirePermission(actor, 'receivables.write_off');
  const reason = requireReason(input.reason);
  return step(db, actor, key, 'adjustment.reject', adjustmentId, { reason }, async (trx, adjustment) => {
    requireOtherPerson(adjustment, actor);
    await close(trx, actor, adjustment, 'rejected', reason);
  });
}

/** Cancels a requested adjustment: its requester, or an approver, with a reason. */
export async function cancelAdjustment(db: Kysely<DB>, actor: Actor, adjustmentId: string, input: { reason: string }, key: string | undefined): Outcome {
  if (!can(actor, 'orders.manage')) requirePermission(actor, 'receivables.write_off');
  const reason = requireReason(input.reason);
  return step(db, actor, key, 'adjustment.cancel', adjustmentId, { reason }, async (trx, adjustment) => {
    const ownRequest = actor.userId !== null && adjustment.requestedBy === actor.userId;
    if (!can(actor, 'receivables.write_off') && !(ownRequest && can(actor, kinds[adjustment.kind].requestPermission))) {
      throw fail('forbidden', 'id', 'only the requester or an approver (receivables.write_off) may cancel this');
    }
    await close(trx, actor, adjustment, 'cancelled', reason);
  });
}

async function close(trx: Transaction<DB>, actor: Actor, adjustment: LockedAdjustment, status: 'rejected' | 'cancelled', reason: string): Promise<void> {
  await trx.updateTable('adjustments').set({ status, closed_by: actor.userId, closed_at: new Date(), close_reason: reason }).where('tenant_id', '=', actor.tenantId).where('id', '=', adjustment.id).execute();
  await appendAudit(trx, actor, { action: `${adjustment.kind}.${status}`, entityType: 'adjustment', entityId: adjustment.id, before: { status: adjustment.status }, after: { number: adjustment.number }, reason });
}

// ---------------------------------------------------------------- reading

function adjustmentsOf(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('adjustments as a')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.customer_id'))
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.order_id'))
    .selectAll('a')
    .select(['c.code as customer_code', 'c.name as customer_name', 'o.number as order_number', 'o.status as order_status'])
    .where('a.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'));
}

type AdjustmentRow = Awaited<ReturnType<ReturnType<typeof adjustmentsOf>['execute']>>[number];

async function adjustmentView(db: Kysely<DB>, actor: Actor, adjustmentId: string): Promise<AdjustmentView> {
  const row = await adjustmentsOf(db, actor).where('a.id', '=', adjustmentId).executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such credit note or write-off', { adjustmentId });
  return viewOf(row);
}

function viewOf(r: AdjustmentRow): AdjustmentView {
  return {
    id: r.id, number: r.number, kind: r.kind, orderId: r.order_id, orderNumber: r.order_number, orderStatus: r.order_status,
    customerId: r.customer_id, customerCode: r.customer_code, customerName: r.customer_name, currency: r.currency,
    amount: formatAmount(r.amount_minor, r.currency), reasonCode: r.reason_code, reasonText: r.reason_text, status: r.status,
    requestedBy: r.requested_by, requestedAt: r.requested_at.toISOString(), approvedBy: r.approved_by, approvedAt: iso(r.approved_at),
    closedBy: r.closed_by, closedAt: iso(r.closed_at), closeReason: r.close_reason, entryId: r.entry_id,
  };
}

export async function getAdjustment(db: Kysely<DB>, actor: Actor, adjustmentId: string): Promise<AdjustmentView> {
  requirePermission(actor, 'orders.view');
  return adjustmentView(db, actor, adjustmentId);
}

export interface AdjustmentFilter extends ListWindow {
  kind?: AdjustmentKind;
  status?: AdjustmentStatus;
  customer?: string;
  owner?: string;
  department?: string;
  order?: string;
  reasonCode?: string;
  limit?: number;
}

/** Credit notes and write-offs of the customers the actor may see, newest first (or oldest), by cursor. */
export async function listAdjustments(db: Kysely<DB>, actor: Actor, filter: AdjustmentFilter): Promise<Page<AdjustmentView>> {
  requirePermission(actor, 'orders.view');
  const size = pageSize(filter.limit);
  const after = cursorId(filter.cursor);
  const range = amountRange(filter);
  const { timeZone } = await tenantRules(db, actor.tenantId);
  let query = adjustmentsOf(db, actor);
  if (filter.kind !== undefined) query = query.where('a.kind', '=', filter.kind);
  if (filter.status !== undefined) query = query.where('a.status', '=', filter.status);
  if (filter.customer !== undefined) query = query.where('a.customer_id', '=', filter.customer);
  if (filter.owner !== undefined) query = query.where('o.owner_id', '=', filter.owner);
  if (filter.department !== undefined) query = query.where('o.department_id', 'in', departmentTree(actor.tenantId, filter.department));
  if (filter.order !== undefined) query = query.where('a.order_id', '=', filter.order);
  if (filter.reasonCode !== undefined) query = query.where('a.reason_code', '=', filter.reasonCode);
  if (filter.currency !== undefined) query = query.where('a.currency', '=', requireCurrency(filter.currency));
  if (range.min !== undefined) query = query.where('a.amount_minor', '>=', range.min);
  if (range.max !== undefined) query = query.where('a.amount_minor', '<=', range.max);
  if (filter.from !== undefined) query = query.where(localDate('a.requested_at', timeZone), '>=', filter.from);
  if (filter.to !== undefined) query = query.where(localDate('a.requested_at', timeZone), '<=', filter.to);
  const newest = filter.sort !== 'oldest';
  if (after !== undefined) query = query.where('a.id', newest ? '<' : '>', after);
  const rows = await query.orderBy('a.id', newest ? 'desc' : 'asc').limit(size + 1).execute();
  return toPage(rows, size, viewOf, (r) => r.id);
}

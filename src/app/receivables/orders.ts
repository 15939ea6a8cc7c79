import type { Kysely, Transaction } from 'kysely';
import type { AuditValue } from '../../core/audit/chain.js';
import { formatAmount } from '../../core/money/index.js';
import { convertMinor, formatQuantity, validatePlan } from '../../core/receivables/index.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { nextNumber } from '../numbers.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { baseRateFor, fail, postFor, requireCurrency, tenantRules } from './common.js';
import { parseLines, parsePlan, requireDate, resolvePlacement, type InstalmentInput, type OrderLineInput, type ParsedInstalment, type ParsedLine } from './order-input.js';
import { orderView, type OrderView } from './order-views.js';
import { lockOrder, type LockedOrder } from './settlement.js';

/**
 * Orders (订单/合同) through their life: a draft is created and edited freely; confirming it posts the
 * receivable (Dr accounts_receivable / Cr sales per line) and fixes its base-currency figures; a draft may
 * be cancelled. A confirmed order changes only through payments, credit notes and write-offs.
 */
export interface NewOrder {
  customerId: string;
  title: string;
  currency: string;
  signedDate: string;
  ownerId?: string | null;
  departmentId?: string | null;
  remarks?: string;
  lines: OrderLineInput[];
  instalments?: InstalmentInput[];
}

export type DraftChanges = Partial<NewOrder>;

/** Creates a draft once per Idempotency-Key. The number is taken first, in its own short transaction. */
export async function createOrder(db: Kysely<DB>, actor: Actor, input: NewOrder, idempotencyKey: string | undefined): Promise<IdempotentOutcome<OrderView>> {
  requirePermission(actor, 'orders.manage');
  const key = requireKey(idempotencyKey);
  const currency = requireCurrency(input.currency);
  const signedDate = requireDate(input.signedDate, 'signedDate');
  const { lines, totalMinor } = parseLines(input.lines, currency);
  const plan = input.instalments?.length ? parsePlan(input.instalments, currency, totalMinor) : [];
  // Everything that can be refused is refused before a number is taken: bad input leaves no trace.
  const placement = await resolvePlacement(db, actor, input, lines.map((l) => l.productId));
  const number = await nextNumber(db, actor.tenantId, 'OD', signedDate);
  const id = newId();
  return idempotent(db, actor, key, 'order.create', plainJson(input), async (trx) => {
    await trx.insertInto('orders').values({
      tenant_id: actor.tenantId, id, number, customer_id: placement.customerId, title: input.title.trim(), currency, status: 'draft',
      owner_id: placement.ownerId, department_id: placement.departmentId, signed_date: signedDate, total_minor: totalMinor,
      remarks: input.remarks?.trim() ?? '', created_by: actor.userId,
    }).execute();
    await writeLines(trx, actor.tenantId, id, lines);
    await writePlan(trx, actor.tenantId, id, plan);
    await appendAudit(trx, actor, { action: 'order.created', entityType: 'order', entityId: id, after: auditedDraft(await draftOf(trx, actor.tenantId, id)) });
    return { status: 201, body: await orderView(trx, actor, id) };
  });
}

/** Edits a draft: any field; lines and plan are replaced as a whole. A confirmed order is invalid_state. */
export async function updateDraft(db: Kysely<DB>, actor: Actor, orderId: string, changes: DraftChanges): Promise<OrderView> {
  requirePermission(actor, 'orders.manage');
  return inTransaction(db, async (trx) => {
    const order = await lockOrder(trx, actor, orderId, 'id');
    requireDraft(order, 'edited');
    const before = await draftOf(trx, actor.tenantId, orderId);
    const next = await mergeDraft(trx, actor, before, changes);
    await trx.updateTable('orders').set({
      customer_id: next.customerId, title: next.title, currency: next.currency, signed_date: next.signedDate, owner_id: next.ownerId,
      department_id: next.departmentId, remarks: next.remarks, total_minor: next.totalMinor, updated_at: new Date(),
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', orderId).execute();
    if (changes.lines !== undefined) {
      await trx.deleteFrom('order_lines').where('tenant_id', '=', actor.tenantId).where('order_id', '=', orderId).execute();
      await writeLines(trx, actor.tenantId, orderId, next.lines);
    }
    if (changes.instalments !== undefined) {
      await trx.deleteFrom('instalments').where('tenant_id', '=', actor.tenantId).where('order_id', '=', orderId).execute();
      await writePlan(trx, actor.tenantId, orderId, next.plan);
    }
    await appendAudit(trx, actor, { action: 'order.updated', entityType: 'order', entityId: orderId, before: auditedDraft(before), after: auditedDraft(next) });
    return orderView(trx, actor, orderId);
  });
}

/**
 * Confirms a draft once per Idempotency-Key: posts Dr accounts_receivable (total) / Cr sales (each line, with
 * its product) on the signed date, and fixes the rate to the base currency (given, or the latest recorded on
 * or before the signed date). Without a plan, the whole total falls due on the signed date.
 */
export async function confirmOrder(db: Kysely<DB>, actor: Actor, orderId: string, input: { exchangeRate?: string }, idempotencyKey: string | undefined): Promise<IdempotentOutcome<OrderView>> {
  requirePermission(actor, 'orders.manage');
  const key = requireKey(idempotencyKey);
  return idempotent(db, actor, key, 'order.confirm', plainJson({ orderId, ...input }), async (trx) => {
    const order = await lockOrder(trx, actor, orderId, 'id');
    requireDraft(order, 'confirmed');
    const draft = await draftOf(trx, actor.tenantId, orderId);
    const rules = await tenantRules(trx, actor.tenantId);
    const baseRate = await baseRateFor(trx, actor.tenantId, rules, order.currency, draft.signedDate, input.exchangeRate);
    const baseTotalMinor = order.currency === rules.baseCurrency ? order.totalMinor : convertMinor(order.totalMinor, order.currency, rules.baseCurrency, baseRate);
    if (draft.plan.length === 0) await writePlan(trx, actor.tenantId, orderId, [{ dueDate: draft.signedDate, amountMinor: order.totalMinor }]);
    const entryId = await postFor(trx, actor, receivableEntry(order, draft));
    const now = new Date();
    await trx.updateTable('orders').set({
      status: 'confirmed', base_rate: baseRate, base_total_minor: baseTotalMinor, confirm_entry_id: entryId, confirmed_at: now, confirmed_by: actor.userId, updated_at: now,
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', orderId).execute();
    await appendAudit(trx, actor, {
      action: 'order.confirmed', entityType: 'order', entityId: orderId, before: { status: 'draft' },
      after: { status: 'confirmed', number: order.number, total: formatAmount(order.totalMinor, order.currency), currency: order.currency, baseRate, baseTotal: formatAmount(baseTotalMinor, rules.baseCurrency), entryId },
    });
    return { status: 200, body: await orderView(trx, actor, orderId) };
  });
}

/** Cancels a draft, with a reason. A confirmed order is reduced or cancelled by a credit note instead. */
export async function cancelDraft(db: Kysely<DB>, actor: Actor, orderId: string, input: { reason: string }): Promise<OrderView> {
  requirePermission(actor, 'orders.manage');
  const reason = input.reason.trim();
  if (reason === '') throw fail('reason_required', 'reason', 'say why the order is cancelled');
  return inTransaction(db, async (trx) => {
    const order = await lockOrder(trx, actor, orderId, 'id');
    requireDraft(order, 'cancelled (a confirmed order is cancelled by a credit note)');
    const now = new Date();
    await trx.updateTable('orders').set({ status: 'cancelled', cancelled_at: now, cancel_reason: reason, updated_at: now }).where('tenant_id', '=', actor.tenantId).where('id', '=', orderId).execute();
    await appendAudit(trx, actor, { action: 'order.cancelled', entityType: 'order', entityId: orderId, before: { status: 'draft' }, after: { status: 'cancelled' }, reason });
    return orderView(trx, actor, orderId);
  });
}

function requireDraft(order: LockedOrder, step: string): void {
  if (order.status !== 'draft') {
    throw fail('invalid_state', 'id', `order ${order.number} is ${order.status}; only a draft can be ${step}`, { orderId: order.id, status: order.status });
  }
}

interface Draft {
  customerId: string;
  title: string;
  currency: string;
  signedDate: string;
  ownerId: string | null;
  departmentId: string | null;
  remarks: string;
  totalMinor: bigint;
  lines: ParsedLine[];
  plan: ParsedInstalment[];
}

async function draftOf(trx: Transaction<DB>, tenantId: string, orderId: string): Promise<Draft> {
  const o = await trx.selectFrom('orders').selectAll().where('tenant_id', '=', tenantId).where('id', '=', orderId).executeTakeFirstOrThrow();
  const lines = await trx.selectFrom('order_lines').selectAll().where('tenant_id', '=', tenantId).where('order_id', '=', orderId).orderBy('line_no').execute();
  const plan = await trx.selectFrom('instalments').selectAll().where('tenant_id', '=', tenantId).where('order_id', '=', orderId).where('voided_at', 'is', null).orderBy('seq').execute();
  return {
    customerId: o.customer_id, title: o.title, currency: o.currency, signedDate: o.signed_date, ownerId: o.owner_id, departmentId: o.department_id,
    remarks: o.remarks, totalMinor: o.total_minor,
    lines: lines.map((l) => ({ productId: l.product_id, description: l.description, quantityMilli: l.quantity_milli, unitPriceMinor: l.unit_price_minor, amountMinor: l.amount_minor })),
    plan: plan.map((i) => ({ id: i.id, dueDate: i.due_date, amountMinor: i.amount_minor })),
  };
}

/**
 * A draft with changes applied and checked as a whole. Amounts are minor units of the order's currency, so
 * a new currency needs the lines (and a plan, if there is one) sent again in it; a new total needs a plan
 * that adds up to it, or none.
 */
async function mergeDraft(trx: Transaction<DB>, actor: Actor, before: Draft, changes: DraftChanges): Promise<Draft> {
  const currency = changes.currency === undefined ? before.currency : requireCurrency(changes.currency);
  const signedDate = changes.signedDate === undefined ? before.signedDate : requireDate(changes.signedDate, 'signedDate');
  const currencyChanged = currency !== before.currency;
  if (currencyChanged && changes.lines === undefined) throw fail('validation_failed', 'lines', `the order is now in ${currency}: send its lines again in ${currency}`);
  const { lines, totalMinor } = changes.lines === undefined ? { lines: before.lines, totalMinor: before.totalMinor } : parseLines(changes.lines, currency);
  let plan = before.plan;
  if (changes.instalments !== undefined) plan = changes.instalments.length === 0 ? [] : parsePlan(changes.instalments, currency, totalMinor);
  else if (plan.length > 0 && currencyChanged) throw fail('plan_mismatch', 'instalments', `the order is now in ${currency}: send its plan again in ${currency}, or [] for none`);
  else if (plan.length > 0) validatePlan(plan, totalMinor, currency, 'instalments');
  // Owner and department follow a new customer (or a new owner) unless given; otherwise they stay.
  const customerChanged = changes.customerId !== undefined && changes.customerId !== before.customerId;
  const ownerId = changes.ownerId !== undefined ? changes.ownerId : customerChanged ? undefined : before.ownerId;
  const departmentId = changes.departmentId !== undefined ? changes.departmentId : customerChanged || changes.ownerId !== undefined ? undefined : before.departmentId;
  const productIds = changes.lines === undefined ? [] : lines.map((l) => l.productId);
  const placement = await resolvePlacement(trx, actor, { customerId: changes.customerId ?? before.customerId, ownerId, departmentId }, productIds, before.ownerId);
  return {
    ...placement, currency, signedDate, lines, totalMinor, plan,
    title: changes.title === undefined ? before.title : changes.title.trim(),
    remarks: changes.remarks === undefined ? before.remarks : changes.remarks.trim(),
  };
}

async function writeLines(trx: Transaction<DB>, tenantId: string, orderId: string, lines: readonly ParsedLine[]): Promise<void> {
  await trx.insertInto('order_lines').values(lines.map((l, index) => ({
    tenant_id: tenantId, order_id: orderId, line_no: index + 1, product_id: l.productId, description: l.description,
    quantity_milli: l.quantityMilli, unit_price_minor: l.unitPriceMinor, amount_minor: l.amountMinor,
  }))).execute();
}

export async function writePlan(trx: Transaction<DB>, tenantId: string, orderId: string, plan: readonly ParsedInstalment[], firstSeq = 1): Promise<void> {
  if (plan.length === 0) return;
  await trx.insertInto('instalments').values(plan.map((i, index) => ({
    tenant_id: tenantId, id: newId(), order_id: orderId, seq: firstSeq + index, due_date: i.dueDate, amount_minor: i.amountMinor,
  }))).execute();
}

/** The receivable: the customer owes the total; sales earned it line by line, each with its product. */
function receivableEntry(order: LockedOrder, draft: Draft) {
  const dims = { customerId: order.customerId, ownerId: order.ownerId, departmentId: order.departmentId };
  return {
    entryDate: draft.signedDate,
    source: 'order',
    sourceId: order.id,
    memo: `Order ${order.number} confirmed`,
    lines: [
      { account: 'accounts_receivable', side: 'debit' as const, amount: order.totalMinor, currency: order.currency, ...dims },
      ...draft.lines.filter((l) => l.amountMinor > 0n).map((l) => ({
        account: 'sales', side: 'credit' as const, amount: l.amountMinor, currency: order.currency, ...dims, productId: l.productId,
        memo: l.description.slice(0, 500),
      })),
    ],
  };
}

function auditedDraft(d: Draft) {
  const f = (minor: bigint) => formatAmount(minor, d.currency);
  return {
    customerId: d.customerId, title: d.title, currency: d.currency, signedDate: d.signedDate, ownerId: d.ownerId, departmentId: d.departmentId, remarks: d.remarks,
    total: f(d.totalMinor),
    lines: d.lines.map((l) => ({ productId: l.productId, description: l.description, quantity: formatQuantity(l.quantityMilli), unitPrice: f(l.unitPriceMinor), amount: f(l.amountMinor) })),
    plan: d.plan.map((i) => ({ dueDate: i.dueDate, amount: f(i.amountMinor) })),
  };
}

/** A request as JSON values only (what the idempotency store hashes): optional fields left out, not undefined. */
function plainJson(value: object): AuditValue {
  return JSON.parse(JSON.stringify(value)) as AuditValue;
}

import type { Kysely, Transaction } from 'kysely';
import { formatAmount } from '../../core/money/index.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { newId } from '../ids.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { fail } from './common.js';
import { Issues, parsePlan, type InstalmentInput, type ParsedInstalment } from './order-input.js';
import { orderView, type OrderView } from './order-views.js';
import { lockOrder, type LockedOrder } from './settlement.js';

type Instalment = { id: string; seq: number; due_date: string; amount_minor: bigint; settled_minor: bigint };

/**
 * Replaces an order's payment plan (回款计划). A draft's plan is replaced freely. On a confirmed order only
 * the unpaid part may change: an instalment with money on it stays (named by id) with at least that money,
 * a fully paid one stays exactly as it is, and unpaid ones left out are voided (kept as history). The live
 * instalments always add up to exactly what the order is owed in total (total − credited). The order row is
 * locked first, so an allocation cannot settle an instalment while it is being re-planned.
 */
export async function replacePlan(db: Kysely<DB>, actor: Actor, orderId: string, input: { instalments: InstalmentInput[] }): Promise<OrderView> {
  requirePermission(actor, 'orders.manage');
  return inTransaction(db, async (trx) => {
    const order = await lockOrder(trx, actor, orderId, 'id');
    if (order.status === 'cancelled') throw fail('invalid_state', 'id', `order ${order.number} is cancelled; it has no plan to change`, { orderId, status: order.status });
    const plan = parsePlan(input.instalments, order.currency, order.totalMinor - order.creditedMinor);
    const current = await trx
      .selectFrom('instalments')
      .select(['id', 'seq', 'due_date', 'amount_minor', 'settled_minor'])
      .where('tenant_id', '=', actor.tenantId)
      .where('order_id', '=', orderId)
      .where('voided_at', 'is', null)
      .orderBy('seq')
      .forUpdate()
      .execute();
    checkKept(order, current, plan);
    await apply(trx, actor.tenantId, order, current, plan);
    const audited = (rows: { id?: string; dueDate: string; amountMinor: bigint; settledMinor?: bigint }[]) =>
      rows.map((r) => ({ id: r.id ?? null, dueDate: r.dueDate, amount: formatAmount(r.amountMinor, order.currency), settled: formatAmount(r.settledMinor ?? 0n, order.currency) }));
    const settledOf = new Map(current.map((i) => [i.id, i.settled_minor]));
    await appendAudit(trx, actor, {
      action: 'order.plan_replaced', entityType: 'order', entityId: orderId,
      before: { instalments: audited(current.map((i) => ({ id: i.id, dueDate: i.due_date, amountMinor: i.amount_minor, settledMinor: i.settled_minor }))) },
      after: { instalments: audited(plan.map((p) => ({ ...p, settledMinor: p.id === undefined ? 0n : settledOf.get(p.id) }))) },
    });
    return orderView(trx, actor, orderId);
  });
}

/** What money already settled may not lose: its instalment, its amount, and (fully paid) its due date. */
function checkKept(order: LockedOrder, current: readonly Instalment[], plan: readonly ParsedInstalment[]): void {
  const issues = new Issues();
  const byId = new Map(current.map((i) => [i.id, i]));
  const named = new Set<string>();
  plan.forEach((p, index) => {
    if (p.id === undefined) return;
    const field = `instalments[${index}]`;
    const was = byId.get(p.id);
    if (named.has(p.id)) issues.add(`${field}.id`, 'validation_failed', 'this instalment is named twice');
    named.add(p.id);
    if (!was) return issues.add(`${field}.id`, 'not_found', `no live instalment of order ${order.number} has this id`);
    const money = formatAmount(was.settled_minor, order.currency);
    if (was.settled_minor > 0n && was.settled_minor === was.amount_minor && (p.amountMinor !== was.amount_minor || p.dueDate !== was.due_date)) {
      issues.add(field, 'plan_locked', `instalment ${was.seq} is paid in full (${money} ${order.currency}): it cannot change`);
    } else if (p.amountMinor < was.settled_minor) {
      issues.add(`${field}.amount`, 'plan_locked', `instalment ${was.seq} has ${money} ${order.currency} paid: its amount cannot go below that`);
    }
  });
  current.forEach((was) => {
    if (was.settled_minor > 0n && !named.has(was.id)) {
      issues.add('instalments', 'plan_locked', `instalment ${was.seq} has ${formatAmount(was.settled_minor, order.currency)} ${order.currency} paid: keep it (name it by id)`);
    }
  });
  issues.throwIfAny();
}

/** Writes the new plan in the order given: named instalments updated, new ones added, the rest voided (or, on a draft, deleted). */
async function apply(trx: Transaction<DB>, tenantId: string, order: LockedOrder, current: readonly Instalment[], plan: readonly ParsedInstalment[]): Promise<void> {
  const kept = new Set(plan.flatMap((p) => (p.id === undefined ? [] : [p.id])));
  const dropped = current.filter((i) => !kept.has(i.id)).map((i) => i.id);
  if (dropped.length > 0) {
    const drop = order.status === 'draft'
      ? trx.deleteFrom('instalments').where('tenant_id', '=', tenantId).where('id', 'in', dropped)
      : trx.updateTable('instalments').set({ voided_at: new Date() }).where('tenant_id', '=', tenantId).where('id', 'in', dropped);
    await drop.execute();
  }
  // The live plan is numbered 1…n in the order given; voided instalments keep the numbers they had.
  for (const [index, p] of plan.entries()) {
    const seq = index + 1;
    if (p.id !== undefined) {
      await trx.updateTable('instalments').set({ seq, due_date: p.dueDate, amount_minor: p.amountMinor }).where('tenant_id', '=', tenantId).where('id', '=', p.id).execute();
    } else {
      await trx.insertInto('instalments').values({ tenant_id: tenantId, id: newId(), order_id: order.id, seq, due_date: p.dueDate, amount_minor: p.amountMinor }).execute();
    }
  }
}

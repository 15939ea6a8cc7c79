import { sql, type Kysely, type QueryCreator, type Transaction } from 'kysely';
import { KxError } from '../../core/errors.js';
import { formatAmount } from '../../core/money/index.js';
import { applyOldestFirst, takeLatestFirst, type Applied } from '../../core/receivables/index.js';
import { customerScope, type Actor } from '../actor.js';
import { preparedFirst, preparedRows } from '../prepared.js';
import type { DB, OrderStatus } from '../schema.js';
import { fail } from './common.js';

/**
 * What settles or reduces an order, shared by receipts (allocation), write-offs and credit notes. Every
 * function runs inside the caller's transaction on an order row it has locked with lockOrder, and keeps the
 * order's running figures, its instalments and its status in step. The CHECK constraints of the receivables
 * migration refuse any breach the code would miss (an order settled beyond its total, an instalment beyond
 * its amount), so a race can fail a request but never corrupt the figures.
 */
export interface LockedOrder {
  id: string;
  number: string;
  customerId: string;
  currency: string;
  status: OrderStatus;
  ownerId: string | null;
  departmentId: string | null;
  totalMinor: bigint;
  paidMinor: bigint;
  creditedMinor: bigint;
  writtenOffMinor: bigint;
  baseRate: string | null;
}

/** What the order still owes: total less paid, credited and written off. */
export function outstandingOf(order: LockedOrder): bigint {
  return order.totalMinor - order.paidMinor - order.creditedMinor - order.writtenOffMinor;
}

/** Orders the actor may see (tenant and data scope through their customer), with the figures settlement needs. */
export function visibleOrders(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('orders as o')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['o.id', 'o.number', 'o.customer_id', 'o.currency', 'o.status', 'o.owner_id', 'o.department_id', 'o.total_minor', 'o.paid_minor', 'o.credited_minor', 'o.written_off_minor'])
    .select(sql<string | null>`o.base_rate::text`.as('base_rate'))
    .where('o.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'));
}

type OrderRow = Awaited<ReturnType<ReturnType<typeof visibleOrders>['executeTakeFirstOrThrow']>>;

export function orderOf(row: OrderRow): LockedOrder {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    currency: row.currency,
    status: row.status,
    ownerId: row.owner_id,
    departmentId: row.department_id,
    totalMinor: row.total_minor,
    paidMinor: row.paid_minor,
    creditedMinor: row.credited_minor,
    writtenOffMinor: row.written_off_minor,
    baseRate: row.base_rate,
  };
}

/**
 * Locks an order the actor may see (FOR UPDATE) and returns it; not_found for another tenant's, an unknown
 * id or one outside the actor's data scope — the same answer, so nothing tells them apart.
 */
export async function lockOrder(trx: Transaction<DB>, actor: Actor, orderId: string, field = 'orderId'): Promise<LockedOrder> {
  const row = await preparedFirst(trx, visibleOrders(trx, actor).where('o.id', '=', orderId).forUpdate('o'));
  if (!row) throw fail('not_found', field, 'no such order', { orderId });
  return orderOf(row);
}

/** Orders take money only once confirmed (or completed, when money is taken back and given again). */
export function requireSettleable(order: LockedOrder, field = 'orderId'): void {
  if (order.status !== 'confirmed' && order.status !== 'completed') {
    throw fail('invalid_state', field, `order ${order.number} is ${order.status}; only a confirmed order takes payments`, { orderId: order.id, status: order.status });
  }
}

type Settlement = 'paid' | 'written_off';

/**
 * Settles `amountMinor` of the order: on the named instalment, or over its open instalments oldest due first.
 * Returns the amount per instalment (what an allocation or write-off records). exceeds_outstanding when the
 * order, or the named instalment, lacks less than that.
 */
export async function settleOrder(
  trx: Transaction<DB>,
  tenantId: string,
  order: LockedOrder,
  amountMinor: bigint,
  how: Settlement,
  options: { instalmentId?: string; field?: string } = {},
): Promise<Applied[]> {
  requireOwed(order, amountMinor, options.field ?? 'amount');
  const open = await lockOpenInstalments(trx, tenantId, order.id);
  const applied = settleOpen(order, open, amountMinor, how, options);
  await saveFigures(trx, tenantId, order, applied);
  return applied;
}

/** An instalment that still lacks money, as locked (settled_minor is kept current by settleOpen). */
export interface OpenInstalment {
  id: string;
  due_date: string;
  amount_minor: bigint;
  settled_minor: bigint;
}

function requireOwed(order: LockedOrder, amountMinor: bigint, field: string): void {
  const outstanding = outstandingOf(order);
  if (amountMinor > outstanding) {
    throw fail('exceeds_outstanding', field, `order ${order.number} still owes ${formatAmount(outstanding, order.currency)} ${order.currency}; ${formatAmount(amountMinor, order.currency)} is more`, {
      orderId: order.id,
      outstanding: formatAmount(outstanding, order.currency),
      currency: order.currency,
    });
  }
}

/**
 * settleOrder's rules without the database, on instalments already locked: the same checks and the same
 * oldest-due-first split, applied to `order` and `open` in memory (the order's figures, the instalments'
 * settled amounts). The receipt batch settles several receipts on one order this way, each seeing the
 * ones before it, and writes the result once.
 */
export function settleOpen(order: LockedOrder, open: readonly OpenInstalment[], amountMinor: bigint, how: Settlement, options: { instalmentId?: string; field?: string } = {}): Applied[] {
  const field = options.field ?? 'amount';
  requireOwed(order, amountMinor, field);
  let items = open.filter((i) => i.settled_minor < i.amount_minor).map((i) => ({ id: i.id, dueDate: i.due_date, openMinor: i.amount_minor - i.settled_minor }));
  if (options.instalmentId !== undefined) {
    items = items.filter((i) => i.id === options.instalmentId);
    const lacking = items[0]?.openMinor ?? 0n;
    if (amountMinor > lacking) {
      throw fail('exceeds_outstanding', field, `that instalment of order ${order.number} still lacks ${formatAmount(lacking, order.currency)} ${order.currency}`, {
        orderId: order.id,
        instalmentId: options.instalmentId,
        outstanding: formatAmount(lacking, order.currency),
      });
    }
  }
  const { applied, remainderMinor } = applyOldestFirst(items, amountMinor);
  // The plan always sums to total − credited (validatePlan, reduceOrder), so what the order lacks is on its instalments.
  if (remainderMinor !== 0n) throw new Error(`order ${order.id}: instalments lack less than the order's outstanding`);
  if (how === 'paid') order.paidMinor += amountMinor;
  else order.writtenOffMinor += amountMinor;
  const byId = new Map(open.map((i) => [i.id, i]));
  for (const part of applied) byId.get(part.id)!.settled_minor += part.amountMinor;
  return applied;
}

/** Takes back settlements made earlier, instalment by instalment (a de-allocation or a void). */
export async function unsettleOrder(trx: Transaction<DB>, tenantId: string, order: LockedOrder, parts: readonly Applied[], how: Settlement): Promise<void> {
  const total = parts.reduce((sum, part) => sum + part.amountMinor, 0n);
  if (how === 'paid') order.paidMinor -= total;
  else order.writtenOffMinor -= total;
  await saveFigures(trx, tenantId, order, parts.map((part) => ({ id: part.id, amountMinor: -part.amountMinor })));
}

/**
 * A credit note: the order owes `amountMinor` less. Its open instalments shrink latest due first; one left
 * with nothing to pay and nothing paid is voided. An order credited in full with nothing paid is cancelled.
 */
export async function reduceOrder(trx: Transaction<DB>, tenantId: string, order: LockedOrder, amountMinor: bigint, field = 'amount'): Promise<void> {
  const outstanding = outstandingOf(order);
  if (amountMinor > outstanding) {
    throw fail('exceeds_outstanding', field, `order ${order.number} still owes ${formatAmount(outstanding, order.currency)} ${order.currency}; a credit note cannot exceed that (take back allocations first)`, {
      orderId: order.id,
      outstanding: formatAmount(outstanding, order.currency),
    });
  }
  const open = await lockOpenInstalments(trx, tenantId, order.id);
  const byId = new Map(open.map((i) => [i.id, i]));
  const { taken, remainderMinor } = takeLatestFirst(open.map((i) => ({ id: i.id, dueDate: i.due_date, openMinor: i.amount_minor - i.settled_minor })), amountMinor);
  if (remainderMinor !== 0n) throw new Error(`order ${order.id}: instalments lack less than the order's outstanding`);
  for (const part of taken) {
    const inst = byId.get(part.id)!;
    const left = inst.amount_minor - part.amountMinor;
    if (left === 0n) {
      // Nothing left to pay and nothing paid (settled < amount and the whole open part was taken, so settled = 0).
      await trx.updateTable('instalments').set({ voided_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', part.id).execute();
    } else {
      await trx.updateTable('instalments').set({ amount_minor: left }).where('tenant_id', '=', tenantId).where('id', '=', part.id).execute();
    }
  }
  order.creditedMinor += amountMinor;
  await saveFigures(trx, tenantId, order);
}

/** The order's instalments that still lack money, locked, in due order (a total order: no deadlock between two settlers). */
async function lockOpenInstalments(trx: Transaction<DB>, tenantId: string, orderId: string) {
  return preparedRows(trx, trx
    .selectFrom('instalments')
    .select(['id', 'due_date', 'amount_minor', 'settled_minor'])
    .where('tenant_id', '=', tenantId)
    .where('order_id', '=', orderId)
    .where('voided_at', 'is', null)
    .whereRef('settled_minor', '<', 'amount_minor')
    .orderBy('due_date')
    .orderBy('id')
    .forUpdate());
}

/**
 * The status the order's figures imply (completed when nothing is owed, cancelled when credited in full with
 * nothing paid), set on the order and returned; refuses figures that owe less than nothing.
 */
export function settleStatus(order: LockedOrder): OrderStatus {
  const owed = outstandingOf(order);
  if (owed < 0n) throw new KxError('exceeds_outstanding', `order ${order.number} would owe less than nothing`);
  let status = order.status;
  if (status === 'confirmed' || status === 'completed') {
    if (owed > 0n) status = 'confirmed';
    else if (order.paidMinor === 0n && order.writtenOffMinor === 0n) status = 'cancelled';
    else status = 'completed';
  }
  order.status = status;
  return status;
}

/**
 * Writes the order's running figures and the status they imply (completed when nothing is owed), and adds
 * `settled` to its instalments' settled amounts in the same statement: one round trip for the whole
 * settlement, whatever the number of instalments.
 */
async function saveFigures(trx: Transaction<DB>, tenantId: string, order: LockedOrder, settled: readonly Applied[] = []): Promise<void> {
  const status = settleStatus(order);
  // Per instalment once (a take-back may name one instalment twice, at two rates): UPDATE … FROM would
  // apply only one of two rows joining the same instalment.
  const deltas = new Map<string, bigint>();
  for (const part of settled) deltas.set(part.id, (deltas.get(part.id) ?? 0n) + part.amountMinor);
  // The CTE's type only adds a name the main statement does not use.
  const query: QueryCreator<DB> = deltas.size === 0 ? trx : (trx.with('settled', () => sql`(
    UPDATE instalments i SET settled_minor = i.settled_minor + v.delta
      FROM (VALUES ${sql.join([...deltas].map(([id, delta]) => sql`(${id}::uuid, ${delta.toString()}::int8)`))}) AS v(id, delta)
     WHERE i.tenant_id = ${tenantId} AND i.id = v.id)`) as unknown as QueryCreator<DB>);
  await preparedRows(trx, query
    .updateTable('orders')
    .set({
      paid_minor: order.paidMinor,
      credited_minor: order.creditedMinor,
      written_off_minor: order.writtenOffMinor,
      status,
      updated_at: new Date(),
      ...(status === 'cancelled' ? { cancelled_at: new Date() } : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', order.id));
}

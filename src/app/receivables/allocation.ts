import { sql, type Kysely, type Transaction } from 'kysely';
import { isKxError } from '../../core/errors.js';
import type { LineDraft } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { allocate, currencyExponent, formatAmount } from '../../core/money/index.js';
import { applyOldestFirst, formatRate, parseRate, takeLatestFirst, type Applied } from '../../core/receivables/index.js';
import type { Actor } from '../actor.js';
import { newId } from '../ids.js';
import { preparedRows } from '../prepared.js';
import type { DB } from '../schema.js';
import { amountField, fail } from './common.js';
import { lockOrder, orderOf, outstandingOf, requireSettleable, settleOrder, unsettleOrder, visibleOrders, type LockedOrder } from './settlement.js';

/**
 * Allocation of a receipt's money to orders (N:M, per instalment), shared by confirming a receipt,
 * allocating its advance part later, applying a customer's advance balance, de-allocating and voiding.
 * Amounts of an allocation are in the order's currency; across currencies an explicit rate (order-currency
 * units per receipt-currency unit) gives the receipt's share. Rows are append-only: taking back writes
 * negative rows.
 */
export interface AllocationInput {
  orderId: string;
  instalmentId?: string;
  amount: string;
  exchangeRate?: string;
}

/** The side of the receipt the allocation lines need: its currency and the customer's dimensions. */
export interface ReceiptSide {
  customerId: string;
  currency: string;
  ownerId: string | null;
  departmentId: string | null;
}

export interface PlannedAllocation {
  orderId: string;
  instalmentId?: string;
  /** Order currency. */
  amountMinor: bigint;
  /** Receipt currency. */
  receiptMinor: bigint;
  rate: string | null;
  field: string;
}

/** What one order received (or gave back), instalment by instalment. */
export interface OrderMove {
  order: LockedOrder;
  amountMinor: bigint;
  receiptMinor: bigint;
  rate: string | null;
  parts: { instalmentId: string; amountMinor: bigint; receiptMinor: bigint }[];
}

const rateScale = 10n ** 10n;

/**
 * The receipt-currency share of an order-currency amount at `rate` (order units per receipt unit): the
 * inverse of convertMinor, rounded half to even.
 */
export function receiptShareOf(amountMinor: bigint, orderCurrency: string, receiptCurrency: string, rate: string): bigint {
  const shift = currencyExponent(receiptCurrency) - currencyExponent(orderCurrency);
  let numerator = amountMinor * rateScale;
  let denominator = parseRate(rate);
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return halfEven(numerator, denominator);
}

function halfEven(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const r = numerator % denominator;
  return r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n) ? q + 1n : q;
}

/** Orders the actor may see, without locks (checks before anything is written). */
export async function readOrders(db: Kysely<DB>, actor: Actor, orderIds: readonly string[]): Promise<Map<string, LockedOrder>> {
  const ids = [...new Set(orderIds)];
  if (ids.length === 0) return new Map();
  // = ANY(array), not IN (…): one SQL text for any number of orders, so it can stay prepared.
  const rows = await preparedRows(db, visibleOrders(db, actor).where('o.id', '=', sql<string>`ANY(${ids}::uuid[])`));
  return new Map(rows.map((r) => [r.id, orderOf(r)]));
}

/** Locks the orders in id order, so two requests touching the same orders never wait on each other in a circle. */
export async function lockOrders(trx: Transaction<DB>, actor: Actor, orderIds: readonly string[]): Promise<Map<string, LockedOrder>> {
  const locked = new Map<string, LockedOrder>();
  for (const id of [...new Set(orderIds)].sort()) {
    // An order the actor may not see is simply absent: the caller names it not_found at its field.
    const order = await lockOrder(trx, actor, id).catch((error: unknown) => {
      if (isKxError(error, 'not_found')) return undefined;
      throw error;
    });
    if (order) locked.set(id, order);
  }
  return locked;
}

/**
 * Checks requested allocations against the orders (visible, the receipt's customer's, confirmed, currency
 * rules, not beyond what each order owes) and the receipt (together not beyond `availableMinor`).
 * Instalments named must belong to their order.
 */
export async function planRequested(
  db: Kysely<DB>,
  tenantId: string,
  orders: Map<string, LockedOrder>,
  receipt: ReceiptSide,
  inputs: readonly AllocationInput[],
  availableMinor: bigint,
  prefix = 'allocations',
): Promise<PlannedAllocation[]> {
  const instalmentOrder = await instalmentOwners(db, tenantId, orders, inputs);
  const owedLeft = new Map([...orders].map(([id, order]) => [id, outstandingOf(order)]));
  const planned = inputs.map((input, index): PlannedAllocation => {
    const at = `${prefix}[${index}]`;
    const order = orders.get(input.orderId);
    if (!order) throw fail('not_found', `${at}.orderId`, 'no such order', { orderId: input.orderId });
    if (order.customerId !== receipt.customerId) throw fail('validation_failed', `${at}.orderId`, `order ${order.number} is another customer's`);
    requireSettleable(order, `${at}.orderId`);
    if (input.instalmentId !== undefined && instalmentOrder.get(input.instalmentId) !== order.id) {
      throw fail('not_found', `${at}.instalmentId`, `no such instalment of order ${order.number}`, { instalmentId: input.instalmentId });
    }
    const rate = rateFor(order, receipt, input.exchangeRate, at);
    const amountMinor = amountField(input.amount, order.currency, `${at}.amount`);
    const left = owedLeft.get(order.id)!;
    if (amountMinor > left) {
      throw fail('exceeds_outstanding', `${at}.amount`, `order ${order.number} still owes ${formatAmount(left, order.currency)} ${order.currency}`, { orderId: order.id, outstanding: formatAmount(left, order.currency), currency: order.currency });
    }
    owedLeft.set(order.id, left - amountMinor);
    const receiptMinor = rate === null ? amountMinor : receiptShareOf(amountMinor, order.currency, receipt.currency, rate);
    if (receiptMinor <= 0n) throw fail('validation_failed', `${at}.amount`, 'too small to convert into the receipt’s currency at that rate');
    return { orderId: order.id, ...(input.instalmentId !== undefined ? { instalmentId: input.instalmentId } : {}), amountMinor, receiptMinor, rate, field: `${at}.amount` };
  });
  const total = planned.reduce((sum, p) => sum + p.receiptMinor, 0n);
  if (total > availableMinor) {
    throw fail('exceeds_receipt_amount', prefix, `the allocations take ${formatAmount(total, receipt.currency)} ${receipt.currency}; the receipt has ${formatAmount(availableMinor, receipt.currency)} ${receipt.currency} to give`, {
      allocated: formatAmount(total, receipt.currency),
      available: formatAmount(availableMinor, receipt.currency),
      currency: receipt.currency,
    });
  }
  return planned;
}

function rateFor(order: LockedOrder, receipt: ReceiptSide, exchangeRate: string | undefined, at: string): string | null {
  if (order.currency === receipt.currency) {
    if (exchangeRate !== undefined) throw fail('validation_failed', `${at}.exchangeRate`, `order ${order.number} is in the receipt’s currency: no exchange rate applies`);
    return null;
  }
  if (exchangeRate === undefined) {
    throw fail('currency_mismatch', `${at}.exchangeRate`, `order ${order.number} is in ${order.currency}, the receipt in ${receipt.currency}: give exchangeRate (${order.currency} per ${receipt.currency})`, { orderCurrency: order.currency, receiptCurrency: receipt.currency });
  }
  return formatRate(parseRate(exchangeRate, `${at}.exchangeRate`));
}

async function instalmentOwners(db: Kysely<DB>, tenantId: string, orders: Map<string, LockedOrder>, inputs: readonly AllocationInput[]): Promise<Map<string, string>> {
  const ids = inputs.flatMap((i) => (i.instalmentId === undefined ? [] : [i.instalmentId]));
  if (ids.length === 0 || orders.size === 0) return new Map();
  const rows = await db
    .selectFrom('instalments')
    .select(['id', 'order_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('order_id', 'in', [...orders.keys()])
    .where('voided_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.order_id]));
}

/** Orders the automatic allocation considers: leaves room in one journal entry for a line per order. */
const autoOrdersMax = Math.min(limits.autoAllocateOrdersMax, limits.journalLinesPerEntryMax - 10);

/**
 * Automatic allocation (oldest due first): the customer's open confirmed orders in the receipt's currency,
 * locked in id order, then `availableMinor` spread over all their open instalments by due date. Planned per
 * order: settleOrder spends each order's share on the same instalments, oldest first.
 */
export async function planAutomatic(trx: Transaction<DB>, actor: Actor, receipt: ReceiptSide, availableMinor: bigint): Promise<{ orders: Map<string, LockedOrder>; planned: PlannedAllocation[] }> {
  const candidates = await trx
    .selectFrom('orders as o')
    .innerJoin('instalments as i', (j) => j.onRef('i.tenant_id', '=', 'o.tenant_id').onRef('i.order_id', '=', 'o.id'))
    .select('o.id')
    .where('o.tenant_id', '=', actor.tenantId)
    .where('o.customer_id', '=', receipt.customerId)
    .where('o.currency', '=', receipt.currency)
    .where('o.status', '=', 'confirmed')
    .where('i.voided_at', 'is', null)
    .whereRef('i.settled_minor', '<', 'i.amount_minor')
    .groupBy('o.id')
    .orderBy(sql`min(i.due_date)`)
    .orderBy('o.id')
    .limit(autoOrdersMax)
    .execute();
  const orders = await lockOrders(trx, actor, candidates.map((c) => c.id));
  if (orders.size === 0 || availableMinor <= 0n) return { orders, planned: [] };
  const open = await trx
    .selectFrom('instalments')
    .select(['id', 'order_id', 'due_date', 'amount_minor', 'settled_minor'])
    .where('tenant_id', '=', actor.tenantId)
    .where('order_id', 'in', [...orders.keys()])
    .where('voided_at', 'is', null)
    .whereRef('settled_minor', '<', 'amount_minor')
    .execute();
  const eligible = open.filter((i) => orders.get(i.order_id)!.status === 'confirmed');
  const orderOf = new Map(eligible.map((i) => [i.id, i.order_id]));
  const { applied } = applyOldestFirst(eligible.map((i) => ({ id: i.id, dueDate: i.due_date, openMinor: i.amount_minor - i.settled_minor })), availableMinor);
  const perOrder = new Map<string, bigint>();
  for (const part of applied) perOrder.set(orderOf.get(part.id)!, (perOrder.get(orderOf.get(part.id)!) ?? 0n) + part.amountMinor);
  const planned = [...perOrder].map(([orderId, amountMinor]) => ({ orderId, amountMinor, receiptMinor: amountMinor, rate: null, field: 'autoAllocate' }));
  return { orders, planned };
}

/** Settles each planned allocation on its locked order; the receipt's share follows the instalments in proportion. */
export async function applyPlanned(trx: Transaction<DB>, tenantId: string, orders: Map<string, LockedOrder>, planned: readonly PlannedAllocation[]): Promise<OrderMove[]> {
  return movesOf(orders, planned, (order, plan, options) => settleOrder(trx, tenantId, order, plan.amountMinor, 'paid', options));
}

/**
 * applyPlanned with the settling of each order given: settleOrder on the database, or settleOpen on
 * instalments the receipt batch has locked and keeps in memory.
 */
export async function movesOf(
  orders: Map<string, LockedOrder>,
  planned: readonly PlannedAllocation[],
  settle: (order: LockedOrder, plan: PlannedAllocation, options: { field: string; instalmentId?: string }) => Promise<Applied[]> | Applied[],
): Promise<OrderMove[]> {
  const moves = new Map<string, OrderMove>();
  for (const plan of planned) {
    const order = orders.get(plan.orderId)!;
    const parts = await settle(order, plan, { field: plan.field, ...(plan.instalmentId !== undefined ? { instalmentId: plan.instalmentId } : {}) });
    const shares = parts.length === 1 ? [plan.receiptMinor] : allocate(plan.receiptMinor, parts.map((p) => p.amountMinor));
    if (shares.some((s) => s <= 0n)) throw fail('validation_failed', plan.field, 'too small to split over the instalments in the receipt’s currency at that rate');
    const move = moveFor(moves, order, plan.rate);
    move.amountMinor += plan.amountMinor;
    move.receiptMinor += plan.receiptMinor;
    parts.forEach((p, i) => move.parts.push({ instalmentId: p.id, amountMinor: p.amountMinor, receiptMinor: shares[i]! }));
  }
  return [...moves.values()];
}

function moveFor(moves: Map<string, OrderMove>, order: LockedOrder, rate: string | null): OrderMove {
  const key = `${order.id} ${rate ?? ''}`;
  let move = moves.get(key);
  if (!move) {
    move = { order, amountMinor: 0n, receiptMinor: 0n, rate, parts: [] };
    moves.set(key, move);
  }
  return move;
}

/**
 * The receivable side of a settlement: Cr accounts_receivable per order ('settle'), or Dr ('unsettle').
 * Across currencies fx_gain_loss carries the position: Cr in the receipt's currency for its share, Dr in
 * the order's for what the order received, so each currency balances on its own.
 */
export function receivableLines(receipt: ReceiptSide, moves: readonly OrderMove[], direction: 'settle' | 'unsettle'): LineDraft[] {
  const toward = direction === 'settle' ? 'credit' : 'debit';
  const away = direction === 'settle' ? 'debit' : 'credit';
  return moves.flatMap((m): LineDraft[] => {
    const dims = { customerId: receipt.customerId, ownerId: m.order.ownerId, departmentId: m.order.departmentId };
    const memo = `order ${m.order.number}`;
    const receivable: LineDraft = { account: 'accounts_receivable', side: toward, amount: m.amountMinor, currency: m.order.currency, memo, ...dims };
    if (m.rate === null) return [receivable];
    return [
      { account: 'fx_gain_loss', side: toward, amount: m.receiptMinor, currency: receipt.currency, memo: `${memo} at ${m.rate}`, ...dims },
      { account: 'fx_gain_loss', side: away, amount: m.amountMinor, currency: m.order.currency, memo: `${memo} at ${m.rate}`, ...dims },
      receivable,
    ];
  });
}

/** One line of the customer's own money (cash or advances) on the receipt's side. */
export function customerLine(receipt: ReceiptSide, account: string, side: 'debit' | 'credit', amountMinor: bigint, extra: Partial<LineDraft> = {}): LineDraft {
  return { account, side, amount: amountMinor, currency: receipt.currency, customerId: receipt.customerId, ownerId: receipt.ownerId, departmentId: receipt.departmentId, ...extra };
}

/** One allocation row to write: positive amounts, the kind gives the sign. */
export interface AllocationRow {
  receiptId: string;
  orderId: string;
  instalmentId: string;
  amountMinor: bigint;
  receiptMinor: bigint;
  rate: string | null;
}

/** The rows of one receipt's moves, one per instalment. */
export function rowsOf(receiptId: string, moves: readonly OrderMove[]): AllocationRow[] {
  return moves.flatMap((m) => m.parts.map((p) => ({ receiptId, orderId: m.order.id, instalmentId: p.instalmentId, amountMinor: p.amountMinor, receiptMinor: p.receiptMinor, rate: m.rate })));
}

/** Appends allocation rows: positive for 'allocate', negative for 'deallocate' and 'void'. */
export async function insertAllocationRows(trx: Transaction<DB>, actor: Actor, rows: readonly AllocationRow[], kind: 'allocate' | 'deallocate' | 'void', entryId: string): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('allocations').values(allocationValues(actor, rows, kind, entryId)).execute();
}

/** The allocations table's values for some rows (for a caller that inserts them within a larger statement). */
export function allocationValues(actor: Actor, rows: readonly AllocationRow[], kind: 'allocate' | 'deallocate' | 'void', entryId: string) {
  const sign = kind === 'allocate' ? 1n : -1n;
  return rows.map((r) => ({
    tenant_id: actor.tenantId, id: newId(), receipt_id: r.receiptId, order_id: r.orderId, instalment_id: r.instalmentId,
    amount_minor: sign * r.amountMinor, receipt_amount_minor: sign * r.receiptMinor, rate: r.rate, kind, entry_id: entryId, created_by: actor.userId,
  }));
}

/** What a receipt still pays, per order, instalment and rate (allocations net of what was taken back). */
export interface NetAllocation {
  orderId: string;
  orderCurrency: string;
  instalmentId: string;
  dueDate: string;
  rate: string | null;
  amountMinor: bigint;
  receiptMinor: bigint;
}

export async function netAllocations(trx: Transaction<DB>, tenantId: string, receiptId: string): Promise<NetAllocation[]> {
  const rows = await trx
    .selectFrom('allocations as a')
    .innerJoin('instalments as i', (j) => j.onRef('i.tenant_id', '=', 'a.tenant_id').onRef('i.id', '=', 'a.instalment_id'))
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.order_id'))
    .select(['a.order_id', 'o.currency', 'a.instalment_id', 'i.due_date'])
    .select(sql<string | null>`a.rate::text`.as('rate'))
    .select(sql<string>`sum(a.amount_minor)::text`.as('amount'))
    .select(sql<string>`sum(a.receipt_amount_minor)::text`.as('receipt_amount'))
    .where('a.tenant_id', '=', tenantId)
    .where('a.receipt_id', '=', receiptId)
    .groupBy(['a.order_id', 'o.currency', 'a.instalment_id', 'i.due_date', 'a.rate'])
    .having(sql<boolean>`sum(a.amount_minor) <> 0`)
    .orderBy('i.due_date')
    .orderBy('a.instalment_id')
    .execute();
  return rows.map((r) => ({ orderId: r.order_id, orderCurrency: r.currency, instalmentId: r.instalment_id!, dueDate: r.due_date, rate: r.rate === null ? null : formatRate(parseRate(r.rate)), amountMinor: BigInt(r.amount), receiptMinor: BigInt(r.receipt_amount) }));
}

/**
 * What a de-allocation takes back: everything allocated where the filter points, or `amountMinor` of it
 * (order currency) from the latest due instalments first. The receipt's share of a partial take-back is
 * in proportion; taking back all of a part returns exactly its share, so nothing is left over.
 */
export function chooseTakeback(nets: readonly NetAllocation[], filter: { orderId?: string; instalmentId?: string; amountMinor?: bigint }): NetAllocation[] {
  const selected = nets.filter((n) => (filter.orderId === undefined || n.orderId === filter.orderId) && (filter.instalmentId === undefined || n.instalmentId === filter.instalmentId));
  if (selected.length === 0) throw fail('invalid_state', filter.instalmentId !== undefined ? 'instalmentId' : 'orderId', 'nothing of this receipt is allocated there');
  if (filter.amountMinor === undefined) return selected;
  const total = selected.reduce((sum, n) => sum + n.amountMinor, 0n);
  if (filter.amountMinor > total) {
    const currency = selected[0]!.orderCurrency;
    throw fail('exceeds_receipt_amount', 'amount', `this receipt has only ${formatAmount(total, currency)} ${currency} allocated there to take back`, { allocated: formatAmount(total, currency), currency });
  }
  const { taken } = takeLatestFirst(selected.map((n, i) => ({ id: String(i), dueDate: n.dueDate, openMinor: n.amountMinor })), filter.amountMinor);
  return taken.map((t) => {
    const net = selected[Number(t.id)]!;
    if (t.amountMinor === net.amountMinor) return net;
    const share = halfEven(net.receiptMinor * t.amountMinor, net.amountMinor);
    if (share <= 0n || share >= net.receiptMinor) throw fail('validation_failed', 'amount', 'too small a part to take back at that rate: take back all of it');
    return { ...net, amountMinor: t.amountMinor, receiptMinor: share };
  });
}

/** Takes the chosen parts back from their orders (locked in id order) and returns them as moves. */
export async function applyTakeback(trx: Transaction<DB>, actor: Actor, portions: readonly NetAllocation[]): Promise<OrderMove[]> {
  const orders = await lockOrders(trx, actor, portions.map((p) => p.orderId));
  const moves = new Map<string, OrderMove>();
  const perOrder = new Map<string, Applied[]>();
  for (const p of portions) {
    const order = orders.get(p.orderId);
    if (!order) throw fail('not_found', 'orderId', 'no such order', { orderId: p.orderId });
    const move = moveFor(moves, order, p.rate);
    move.amountMinor += p.amountMinor;
    move.receiptMinor += p.receiptMinor;
    move.parts.push({ instalmentId: p.instalmentId, amountMinor: p.amountMinor, receiptMinor: p.receiptMinor });
    perOrder.set(order.id, [...(perOrder.get(order.id) ?? []), { id: p.instalmentId, amountMinor: p.amountMinor }]);
  }
  for (const [orderId, parts] of perOrder) await unsettleOrder(trx, actor.tenantId, orders.get(orderId)!, parts, 'paid');
  return [...moves.values()];
}

/** Sum of the receipt's shares of some moves. */
export function receiptTotal(moves: readonly OrderMove[]): bigint {
  return moves.reduce((sum, m) => sum + m.receiptMinor, 0n);
}

/** Allocations as the audit trail keeps them: decimal strings, so the record hashes exactly. */
export function auditedMoves(moves: readonly OrderMove[], receiptCurrency: string) {
  return moves.map((m) => ({
    orderId: m.order.id,
    orderNumber: m.order.number,
    amount: formatAmount(m.amountMinor, m.order.currency),
    currency: m.order.currency,
    receiptAmount: formatAmount(m.receiptMinor, receiptCurrency),
    rate: m.rate,
  }));
}

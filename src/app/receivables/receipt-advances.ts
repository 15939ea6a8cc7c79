import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditValue } from '../../core/audit/chain.js';
import { formatAmount } from '../../core/money/index.js';
import { nowFor, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import type { DB } from '../schema.js';
import {
  applyPlanned,
  customerLine,
  insertAllocationRows,
  lockOrders,
  planAutomatic,
  receivableLines,
  type AllocationRow,
  type OrderMove,
  type PlannedAllocation,
  type ReceiptSide,
} from './allocation.js';
import { amountField, fail, postFor, requireCurrency, tenantRules, visibleCustomer } from './common.js';
import { laterPostingDate } from './receipt-model.js';
import { outstandingOf, requireSettleable, type LockedOrder } from './settlement.js';

/**
 * Prepayments (预收款): a customer's advance balance per currency is what their confirmed receipts brought
 * in and did not apply to orders — and it is applied to orders by drawing on those receipts oldest first
 * (FIFO), with allocation rows per receipt and instalment, so every yuan stays traceable to its receipt.
 */
export interface AdvanceReceipt {
  id: string;
  number: string;
  receivedDate: string;
  amount: string;
  allocated: string;
  refundHeld: string;
  refunded: string;
  /** Free to apply or refund now. */
  available: string;
}

export interface AdvanceBalance {
  currency: string;
  /** Not applied to orders and not refunded: Σ (amount − allocated − refunded). */
  balance: string;
  /** Held by refunds requested or approved, not yet paid. */
  held: string;
  /** balance − held: what may be applied or refunded. */
  available: string;
  receipts: AdvanceReceipt[];
}

export async function customerAdvances(db: Kysely<DB>, actor: Actor, customerId: string): Promise<{ customerId: string; advances: AdvanceBalance[] }> {
  requirePermission(actor, 'receipts.view');
  await visibleCustomer(db, actor, customerId, 'id');
  return { customerId, advances: await advancesOf(db, actor.tenantId, customerId) };
}

async function advancesOf(db: Kysely<DB>, tenantId: string, customerId: string): Promise<AdvanceBalance[]> {
  const rows = await db
    .selectFrom('receipts')
    .select(['id', 'number', 'currency', 'received_date', 'amount_minor', 'allocated_minor', 'refund_held_minor', 'refunded_minor'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'confirmed')
    .where(sql<boolean>`allocated_minor + refunded_minor < amount_minor`)
    .orderBy('currency')
    .orderBy('received_date')
    .orderBy('id')
    .execute();
  const byCurrency = new Map<string, { balance: bigint; held: bigint; receipts: AdvanceReceipt[] }>();
  for (const r of rows) {
    const sums = byCurrency.get(r.currency) ?? { balance: 0n, held: 0n, receipts: [] };
    const money = (minor: bigint) => formatAmount(minor, r.currency);
    sums.balance += r.amount_minor - r.allocated_minor - r.refunded_minor;
    sums.held += r.refund_held_minor - r.refunded_minor;
    sums.receipts.push({
      id: r.id, number: r.number, receivedDate: r.received_date, amount: money(r.amount_minor), allocated: money(r.allocated_minor),
      refundHeld: money(r.refund_held_minor), refunded: money(r.refunded_minor), available: money(r.amount_minor - r.allocated_minor - r.refund_held_minor),
    });
    byCurrency.set(r.currency, sums);
  }
  return [...byCurrency].map(([currency, s]) => ({
    currency, balance: formatAmount(s.balance, currency), held: formatAmount(s.held, currency), available: formatAmount(s.balance - s.held, currency), receipts: s.receipts,
  }));
}

export interface AdvanceApplication {
  orderId?: string;
  /** In the currency; without it, as much as the order owes and the advance covers. */
  amount?: string;
  currency?: string;
  /** Every open order of the customer, oldest due first (in `currency`, or in every currency with an advance). */
  auto?: boolean;
}

export interface AppliedAdvance {
  customerId: string;
  entryId: string;
  applied: { receiptId: string; receiptNumber: string; orderId: string; orderNumber: string; instalmentId: string; amount: string; currency: string }[];
  advances: AdvanceBalance[];
}

export async function applyAdvance(db: Kysely<DB>, actor: Actor, customerId: string, input: AdvanceApplication, key: string | undefined): Promise<IdempotentOutcome<AppliedAdvance>> {
  requirePermission(actor, 'receipts.confirm');
  requireKey(key);
  if (input.auto === true && (input.orderId !== undefined || input.amount !== undefined)) throw fail('validation_failed', 'auto', 'give orderId (and amount), or auto: true, not both');
  if (input.auto !== true && input.orderId === undefined) throw fail('validation_failed', 'orderId', 'name the order to apply the advance to, or give auto: true');
  if (input.auto !== true && input.currency === undefined) throw fail('validation_failed', 'currency', 'the currency of the advance to apply');
  if (input.currency !== undefined) requireCurrency(input.currency);
  const customer = await visibleCustomer(db, actor, customerId, 'id');
  const rules = await tenantRules(db, actor.tenantId);
  return idempotent(db, actor, key, 'advance.apply', { customerId, ...input } as unknown as AuditValue, async (trx) => {
    const currencies = input.currency !== undefined ? [input.currency] : await advanceCurrencies(trx, actor.tenantId, customerId);
    const sources: Source[] = [];
    const rows: AllocationRow[] = [];
    const moves: OrderMove[] = [];
    for (const currency of currencies) {
      const side: ReceiptSide = { customerId, currency, ownerId: customer.owner_id, departmentId: customer.department_id };
      const drawn = await lockAdvanceReceipts(trx, actor.tenantId, customerId, currency);
      const available = drawn.reduce((sum, s) => sum + s.leftMinor, 0n);
      const { orders, planned } = input.auto ? await planAutomatic(trx, actor, side, available) : await planOne(trx, actor, side, input, available);
      const applied = await applyPlanned(trx, actor.tenantId, orders, planned);
      rows.push(...drawFifo(drawn, applied));
      moves.push(...applied);
      sources.push(...drawn);
    }
    if (moves.length === 0) throw fail('exceeds_advance_balance', 'auto', 'no advance to apply, or no open order it could pay');
    const entryId = await postApplication(trx, actor, customer, rules.timeZone, sources, moves);
    await insertAllocationRows(trx, actor, rows, 'allocate', entryId);
    for (const s of sources.filter((x) => x.takenMinor > 0n)) {
      await trx.updateTable('receipts').set({ allocated_minor: sql`allocated_minor + ${s.takenMinor}` }).where('tenant_id', '=', actor.tenantId).where('id', '=', s.id).execute();
    }
    const body = applicationView(customerId, entryId, rows, sources, moves, await advancesOf(trx, actor.tenantId, customerId));
    await appendAudit(trx, actor, { action: 'advance.applied', entityType: 'customer', entityId: customerId, after: { entryId, applied: body.applied } });
    return { status: 200, body };
  });
}

/** A receipt with an unapplied part, locked, and what this application takes from it. */
interface Source {
  id: string;
  number: string;
  currency: string;
  receivedDate: string;
  leftMinor: bigint;
  takenMinor: bigint;
}

async function advanceCurrencies(trx: Transaction<DB>, tenantId: string, customerId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('receipts')
    .select('currency')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'confirmed')
    .where(sql<boolean>`allocated_minor + refund_held_minor < amount_minor`)
    .orderBy('currency')
    .execute();
  return rows.map((r) => r.currency);
}

/** The customer's receipts with an unapplied part in a currency, oldest first (index receipts_unapplied), locked. */
async function lockAdvanceReceipts(trx: Transaction<DB>, tenantId: string, customerId: string, currency: string): Promise<Source[]> {
  const rows = await trx
    .selectFrom('receipts')
    .select(['id', 'number', 'currency', 'received_date', 'amount_minor', 'allocated_minor', 'refund_held_minor'])
    .where('tenant_id', '=', tenantId)
    .where('customer_id', '=', customerId)
    .where('currency', '=', currency)
    .where('status', '=', 'confirmed')
    .where(sql<boolean>`allocated_minor + refund_held_minor < amount_minor`)
    .orderBy('received_date')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((r) => ({ id: r.id, number: r.number, currency: r.currency, receivedDate: r.received_date, leftMinor: r.amount_minor - r.allocated_minor - r.refund_held_minor, takenMinor: 0n }));
}

/** One named order: the amount asked, else as much as it owes and the advance covers. */
async function planOne(trx: Transaction<DB>, actor: Actor, side: ReceiptSide, input: AdvanceApplication, available: bigint): Promise<{ orders: Map<string, LockedOrder>; planned: PlannedAllocation[] }> {
  const orders = await lockOrders(trx, actor, [input.orderId!]);
  const order = orders.get(input.orderId!);
  if (!order) throw fail('not_found', 'orderId', 'no such order', { orderId: input.orderId });
  if (order.customerId !== side.customerId) throw fail('validation_failed', 'orderId', `order ${order.number} is another customer's`);
  requireSettleable(order);
  if (order.currency !== side.currency) throw fail('currency_mismatch', 'currency', `order ${order.number} is in ${order.currency}; an advance in ${side.currency} cannot pay it`);
  const owed = outstandingOf(order);
  if (owed === 0n) throw fail('exceeds_outstanding', 'orderId', `order ${order.number} owes nothing`, { orderId: order.id });
  const amountMinor = input.amount !== undefined ? amountField(input.amount, side.currency, 'amount') : owed < available ? owed : available;
  if (amountMinor > available || amountMinor <= 0n) {
    throw fail('exceeds_advance_balance', 'amount', `the customer has ${formatAmount(available, side.currency)} ${side.currency} of advance available`, { available: formatAmount(available, side.currency), currency: side.currency });
  }
  return { orders, planned: [{ orderId: order.id, amountMinor, receiptMinor: amountMinor, rate: null, field: 'amount' }] };
}

/** Pairs the instalments paid with the receipts drawn, oldest receipt first: one row per receipt and instalment. */
function drawFifo(sources: Source[], moves: readonly OrderMove[]): AllocationRow[] {
  const rows: AllocationRow[] = [];
  let index = 0;
  for (const move of moves) {
    for (const part of move.parts) {
      let left = part.amountMinor;
      while (left > 0n) {
        const source = sources[index];
        if (!source) throw new Error('advance drawn beyond the receipts locked for it');
        const room = source.leftMinor - source.takenMinor;
        const take = room < left ? room : left;
        if (take > 0n) rows.push({ receiptId: source.id, orderId: move.order.id, instalmentId: part.instalmentId, amountMinor: take, receiptMinor: take, rate: null });
        source.takenMinor += take;
        left -= take;
        if (source.takenMinor === source.leftMinor) index++;
      }
    }
  }
  return rows;
}

/** One entry for the whole application: Dr customer_advances per currency / Cr accounts_receivable per order. */
async function postApplication(trx: Transaction<DB>, actor: Actor, customer: { id: string; owner_id: string | null; department_id: string | null }, timeZone: string, sources: Source[], moves: OrderMove[]): Promise<string> {
  const lines = [...new Set(moves.map((m) => m.order.currency))].flatMap((currency) => {
    const side: ReceiptSide = { customerId: customer.id, currency, ownerId: customer.owner_id, departmentId: customer.department_id };
    const inCurrency = moves.filter((m) => m.order.currency === currency);
    const total = inCurrency.reduce((sum, m) => sum + m.amountMinor, 0n);
    return [customerLine(side, 'customer_advances', 'debit', total), ...receivableLines(side, inCurrency, 'settle')];
  });
  const latestReceipt = sources.filter((s) => s.takenMinor > 0n).reduce((latest, s) => (s.receivedDate > latest ? s.receivedDate : latest), '1900-01-01');
  return postFor(trx, actor, { entryDate: laterPostingDate(timeZone, latestReceipt, nowFor(actor)), source: 'allocation', sourceId: customer.id, memo: 'Advance applied to orders', lines });
}

function applicationView(customerId: string, entryId: string, rows: AllocationRow[], sources: Source[], moves: OrderMove[], advances: AdvanceBalance[]): AppliedAdvance {
  const receipt = new Map(sources.map((s) => [s.id, s]));
  const order = new Map(moves.map((m) => [m.order.id, m.order]));
  return {
    customerId,
    entryId,
    applied: rows.map((r) => {
      const o = order.get(r.orderId)!;
      return { receiptId: r.receiptId, receiptNumber: receipt.get(r.receiptId)!.number, orderId: r.orderId, orderNumber: o.number, instalmentId: r.instalmentId, amount: formatAmount(r.amountMinor, o.currency), currency: o.currency };
    }),
    advances,
  };
}

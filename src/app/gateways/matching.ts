import type { Kysely } from 'kysely';
import type { MatchHints } from '../../core/gateways/event.js';
import { payerAliasKeys } from '../payer-aliases.js';
import { uuidPattern } from '../pagination.js';
import type { DB } from '../schema.js';

/**
 * Who a gateway payment is from, and which order it pays: the order number it carries, else our customer code
 * or id, else a payer alias finance confirmed before. Nothing found: the event waits as 'unmatched' for finance.
 */
export interface PaymentMatch {
  customerId: string;
  /** The order to allocate to, and how much of the payment it still takes (in the payment's currency). */
  order?: { id: string; number: string; allocateMinor: bigint };
  via: 'order_number' | 'customer_code' | 'customer_id' | 'payer_alias' | 'assigned';
}

function aliasKeysOf(hints: MatchHints): string[] {
  return payerAliasKeys(hints.payerName ?? '', hints.payerAccount ?? '');
}

export async function matchPayment(db: Kysely<DB>, tenantId: string, hints: MatchHints, currency: string, amountMinor: bigint): Promise<PaymentMatch | null> {
  if (hints.orderNumber) {
    const order = await orderByNumber(db, tenantId, hints.orderNumber.trim());
    if (order) return { customerId: order.customer_id, ...allocationTo(order, currency, amountMinor), via: 'order_number' };
  }
  if (hints.customerCode) {
    const customer = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('code', '=', hints.customerCode.trim()).executeTakeFirst();
    if (customer) return { customerId: customer.id, via: 'customer_code' };
  }
  if (hints.customerId && uuidPattern.test(hints.customerId)) {
    const customer = await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', '=', hints.customerId).executeTakeFirst();
    if (customer) return { customerId: customer.id, via: 'customer_id' };
  }
  const keys = aliasKeysOf(hints);
  if (keys.length > 0) {
    const aliases = await db.selectFrom('payer_aliases').select(['alias_key', 'customer_id']).where('tenant_id', '=', tenantId).where('alias_key', 'in', keys).execute();
    const best = keys.map((k) => aliases.find((a) => a.alias_key === k)).find((a) => a !== undefined);
    if (best) return { customerId: best.customer_id, via: 'payer_alias' };
  }
  return null;
}

/** Finance's choice for an unmatched payment: the customer, and the order if one was named (it must be theirs). */
export async function assignedMatch(db: Kysely<DB>, tenantId: string, customerId: string, orderId: string | undefined, currency: string, amountMinor: bigint): Promise<PaymentMatch | { error: string; field: string }> {
  if (orderId === undefined) return { customerId, via: 'assigned' };
  const order = await openOrders(db, tenantId).where('id', '=', orderId).executeTakeFirst();
  if (!order) return { error: 'no such order', field: 'orderId' };
  if (order.customer_id !== customerId) return { error: `order ${order.number} is not this customer's`, field: 'orderId' };
  return { customerId, ...allocationTo(order, currency, amountMinor), via: 'assigned' };
}

function openOrders(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom('orders')
    .select(['id', 'number', 'customer_id', 'currency', 'status', 'total_minor', 'paid_minor', 'credited_minor', 'written_off_minor'])
    .where('tenant_id', '=', tenantId);
}

async function orderByNumber(db: Kysely<DB>, tenantId: string, number: string) {
  return openOrders(db, tenantId).where('number', '=', number).executeTakeFirst();
}

type OrderRow = NonNullable<Awaited<ReturnType<typeof orderByNumber>>>;

/**
 * What of the payment goes to the order: what it still owes, at most the payment, only for a confirmed order
 * in the payment's currency (a cross-currency allocation needs a rate decision a person makes). The rest is
 * the customer's advance.
 */
function allocationTo(order: OrderRow, currency: string, amountMinor: bigint): { order?: PaymentMatch['order'] } {
  if (order.status !== 'confirmed' || order.currency !== currency) return {};
  const owed = order.total_minor - order.paid_minor - order.credited_minor - order.written_off_minor;
  const allocateMinor = owed < amountMinor ? owed : amountMinor;
  return allocateMinor > 0n ? { order: { id: order.id, number: order.number, allocateMinor } } : {};
}

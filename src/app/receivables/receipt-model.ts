import { sql, type Kysely, type Transaction } from 'kysely';
import { formatAmount } from '../../core/money/index.js';
import { formatRate, parseRate, todayIn } from '../../core/receivables/index.js';
import { customerScope, type Actor } from '../actor.js';
import { preparedFirst } from '../prepared.js';
import type { DB, ReceiptKind, ReceiptSource, ReceiptStatus, RequestedAllocation } from '../schema.js';
import { fail } from './common.js';

/**
 * A receipt as the use cases work on it, and as the API shows it. Shared by entering, confirming,
 * allocating, voiding and listing receipts, so every answer describes a receipt the same way.
 */
export interface ReceiptRow {
  id: string;
  number: string;
  customerId: string;
  customerOwnerId: string | null;
  customerDepartmentId: string | null;
  kind: ReceiptKind;
  currency: string;
  amountMinor: bigint;
  channel: string;
  receivedDate: string;
  status: ReceiptStatus;
  allocatedMinor: bigint;
  refundHeldMinor: bigint;
  refundedMinor: bigint;
  createdBy: string | null;
  requested: RequestedAllocation[];
  autoAllocate: boolean;
  /** The rate to the base currency given when it was entered (or fixed when confirmed). */
  baseRate: string | null;
}

/** What of the receipt is neither allocated to orders nor held by refunds: its advance part (预收). */
export function unappliedOf(receipt: Pick<ReceiptRow, 'amountMinor' | 'allocatedMinor' | 'refundHeldMinor'>): bigint {
  return receipt.amountMinor - receipt.allocatedMinor - receipt.refundHeldMinor;
}

/**
 * Locks a receipt the actor may see (FOR UPDATE). A receipt is visible when its customer is; another
 * tenant's, an unknown id and one out of scope all answer not_found.
 */
export async function lockReceipt(trx: Transaction<DB>, actor: Actor, receiptId: string): Promise<ReceiptRow> {
  const row = await trx
    .selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'c.owner_id', 'c.department_id', 'r.kind', 'r.currency', 'r.amount_minor', 'r.channel', 'r.received_date', 'r.status'])
    .select(['r.allocated_minor', 'r.refund_held_minor', 'r.refunded_minor', 'r.created_by', 'r.requested_allocations', 'r.auto_allocate'])
    .select(sql<string | null>`r.base_rate::text`.as('base_rate'))
    .where('r.tenant_id', '=', actor.tenantId)
    .where('r.id', '=', receiptId)
    .where(customerScope(actor, 'c'))
    .forUpdate('r')
    .executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such receipt', { receiptId });
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    customerOwnerId: row.owner_id,
    customerDepartmentId: row.department_id,
    kind: row.kind,
    currency: row.currency,
    amountMinor: row.amount_minor,
    channel: row.channel,
    receivedDate: row.received_date,
    status: row.status,
    allocatedMinor: row.allocated_minor,
    refundHeldMinor: row.refund_held_minor,
    refundedMinor: row.refunded_minor,
    createdBy: row.created_by,
    requested: row.requested_allocations,
    autoAllocate: row.auto_allocate,
    baseRate: row.base_rate,
  };
}

export interface ReceiptSummary {
  id: string;
  number: string;
  customer: { id: string; code: string; name: string; ownerId: string | null; departmentId: string | null };
  kind: ReceiptKind;
  status: ReceiptStatus;
  currency: string;
  amount: string;
  channel: string;
  receivedDate: string;
  payerName: string;
  payerAccount: string;
  externalRef: string;
  /** Applied to orders (net of de-allocations). */
  allocated: string;
  /** The advance part (预收): amount − allocated − held by refunds. */
  advance: string;
  /** Held by refunds requested, approved or paid; refunded is the paid part. */
  refundHeld: string;
  refunded: string;
  /** What a new refund of this receipt may take: its advance part. */
  refundable: string;
  /** Typed by hand, or recorded from a gateway event, a statement line or an import row (sourceRef says which). */
  source: ReceiptSource;
  sourceRef: string | null;
  /** When it was matched to a bank statement line (reconciliation), else null. */
  reconciledAt: string | null;
  baseRate: string | null;
  baseAmount: string | null;
  createdAt: string;
}

export interface ReceiptView extends ReceiptSummary {
  remarks: string;
  attachments: { name: string; url?: string; sizeBytes?: number; contentType?: string }[];
  baseCurrency: string;
  requestedAllocations: { orderId: string; orderNumber: string; instalmentId: string | null; amount: string; currency: string; exchangeRate: string | null }[];
  autoAllocate: boolean;
  /** What the receipt pays now, per order (allocations net of de-allocations and voids). */
  allocations: { orderId: string; orderNumber: string; currency: string; amount: string; receiptAmount: string }[];
  entryId: string | null;
  voidEntryId: string | null;
  statusReason: string | null;
  createdBy: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  voidedBy: string | null;
  voidedAt: string | null;
}

/** The columns a summary is made of (receipts r joined with customers c). */
export function summaryQuery(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'c.code as customer_code', 'c.name as customer_name', 'c.owner_id', 'c.department_id', 'r.kind', 'r.status', 'r.currency'])
    .select(['r.amount_minor', 'r.channel', 'r.received_date', 'r.payer_name', 'r.payer_account', 'r.external_ref', 'r.allocated_minor', 'r.refund_held_minor', 'r.refunded_minor'])
    .select(['r.base_amount_minor', 'r.created_at', 'r.source', 'r.source_ref', 'r.reconciled_at'])
    .select(sql<string | null>`r.base_rate::text`.as('base_rate'))
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export function summaryOf(r: SummaryRow, baseCurrency: string): ReceiptSummary {
  const money = (minor: bigint) => formatAmount(minor, r.currency);
  const unapplied = r.amount_minor - r.allocated_minor - r.refund_held_minor;
  return {
    id: r.id,
    number: r.number,
    customer: { id: r.customer_id, code: r.customer_code, name: r.customer_name, ownerId: r.owner_id, departmentId: r.department_id },
    kind: r.kind,
    status: r.status,
    currency: r.currency,
    amount: money(r.amount_minor),
    channel: r.channel,
    receivedDate: r.received_date,
    payerName: r.payer_name,
    payerAccount: r.payer_account,
    externalRef: r.external_ref,
    allocated: money(r.allocated_minor),
    advance: money(r.status === 'confirmed' ? unapplied : 0n),
    refundHeld: money(r.refund_held_minor),
    refunded: money(r.refunded_minor),
    refundable: money(r.status === 'confirmed' ? unapplied : 0n),
    source: r.source,
    sourceRef: r.source_ref,
    reconciledAt: r.reconciled_at === null ? null : r.reconciled_at.toISOString(),
    baseRate: canonicalRate(r.base_rate),
    baseAmount: r.base_amount_minor === null ? null : formatAmount(r.base_amount_minor, baseCurrency),
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Everything about one receipt the actor may see; not_found otherwise. One query (the tenant's base
 * currency, the orders asked for and the net allocations per order as correlated subqueries): every answer
 * about a receipt ends with this read, so its round trips count on every write.
 */
export async function receiptView(db: Kysely<DB>, actor: Actor, receiptId: string): Promise<ReceiptView> {
  const row = await preparedFirst(db, summaryQuery(db, actor)
    .select(['r.remarks', 'r.attachments', 'r.requested_allocations', 'r.auto_allocate', 'r.entry_id', 'r.void_entry_id', 'r.status_reason', 'r.created_by'])
    .select(['r.confirmed_by', 'r.confirmed_at', 'r.rejected_by', 'r.rejected_at', 'r.voided_by', 'r.voided_at'])
    .select(sql<string>`(SELECT t.base_currency FROM tenants t WHERE t.id = r.tenant_id)`.as('base_currency'))
    .select(sql<OrderFact[]>`(
      SELECT coalesce(json_agg(json_build_object('id', o.id, 'number', o.number, 'currency', o.currency)), '[]')
        FROM orders o
       WHERE o.tenant_id = r.tenant_id
         AND o.id IN (SELECT (a->>'orderId')::uuid FROM jsonb_array_elements(r.requested_allocations) a))`.as('requested_orders'))
    .select(sql<NetRow[]>`(
      SELECT coalesce(json_agg(n ORDER BY n.number), '[]')
        FROM (SELECT a.order_id, o.number, o.currency, sum(a.amount_minor)::text AS amount, sum(a.receipt_amount_minor)::text AS receipt_amount
                FROM allocations a
                JOIN orders o ON o.tenant_id = a.tenant_id AND o.id = a.order_id
               WHERE a.tenant_id = r.tenant_id AND a.receipt_id = r.id
               GROUP BY a.order_id, o.number, o.currency
              HAVING sum(a.amount_minor) <> 0) n)`.as('net_allocations'))
    .where('r.id', '=', receiptId));
  if (!row) throw fail('not_found', 'id', 'no such receipt', { receiptId });
  const orders = new Map(row.requested_orders.map((o) => [o.id, o]));
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    ...summaryOf(row, row.base_currency),
    remarks: row.remarks,
    attachments: row.attachments,
    baseCurrency: row.base_currency,
    requestedAllocations: row.requested_allocations.map((a) => {
      const order = orders.get(a.orderId);
      const currency = order?.currency ?? row.currency;
      return { orderId: a.orderId, orderNumber: order?.number ?? '', instalmentId: a.instalmentId ?? null, amount: formatAmount(BigInt(a.amountMinor), currency), currency, exchangeRate: a.rate ?? null };
    }),
    autoAllocate: row.auto_allocate,
    allocations: row.net_allocations.map((n) => ({
      orderId: n.order_id,
      orderNumber: n.number,
      currency: n.currency,
      amount: formatAmount(BigInt(n.amount), n.currency),
      receiptAmount: formatAmount(BigInt(n.receipt_amount), row.currency),
    })),
    entryId: row.entry_id,
    voidEntryId: row.void_entry_id,
    statusReason: row.status_reason,
    createdBy: row.created_by,
    confirmedBy: row.confirmed_by,
    confirmedAt: iso(row.confirmed_at),
    rejectedBy: row.rejected_by,
    rejectedAt: iso(row.rejected_at),
    voidedBy: row.voided_by,
    voidedAt: iso(row.voided_at),
  };
}

interface OrderFact {
  id: string;
  number: string;
  currency: string;
}

/** What the receipt pays now, per order: allocations net of de-allocations and voids (sums as text: exact). */
interface NetRow {
  order_id: string;
  number: string;
  currency: string;
  amount: string;
  receipt_amount: string;
}

/** The date of a later posting about a receipt (allocation, void): today where the tenant is, never before the receipt. */
export function laterPostingDate(timeZone: string, receivedDate: string, now: Date): string {
  const today = todayIn(timeZone, now);
  return today > receivedDate ? today : receivedDate;
}

/** Only a confirmed receipt's money can be allocated, taken back or voided. */
export function requireConfirmed(receipt: ReceiptRow, goal: string): void {
  if (receipt.status !== 'confirmed') {
    const hint = receipt.status === 'pending' ? ' (a pending receipt is confirmed or rejected)' : '';
    throw fail('invalid_state', 'id', `receipt ${receipt.number} is ${receipt.status}; only a confirmed receipt can be ${goal}${hint}`, { status: receipt.status });
  }
}

/** A stored numeric(24,10) rate as the API writes rates: "7.1", not "7.1000000000". */
export function canonicalRate(stored: string | null): string | null {
  return stored === null ? null : formatRate(parseRate(stored));
}

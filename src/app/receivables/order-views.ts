import { sql, type Kysely } from 'kysely';
import { formatAmount } from '../../core/money/index.js';
import { formatQuantity, instalmentStatus, type InstalmentStatus, type StatusRules } from '../../core/receivables/index.js';
import { customerScope, requirePermission, type Actor } from '../actor.js';
import type { DB, OrderStatus } from '../schema.js';
import { fail, statusRules, tenantRules } from './common.js';

/** What an order looks like through the API: plain JSON (idempotent answers are stored and replayed verbatim). */
export interface OrderSummary {
  id: string;
  number: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  title: string;
  currency: string;
  status: OrderStatus;
  ownerId: string | null;
  departmentId: string | null;
  signedDate: string;
  total: string;
  paid: string;
  credited: string;
  writtenOff: string;
  /** total − paid − credited − written off. */
  outstanding: string;
  baseRate: string | null;
  baseTotal: string | null;
  createdAt: string;
}

export interface OrderLineView {
  lineNo: number;
  productId: string | null;
  productCode: string | null;
  productName: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface InstalmentView {
  id: string;
  seq: number;
  dueDate: string;
  amount: string;
  /** Paid by allocated receipts or written off. */
  settled: string;
  outstanding: string;
  /** Derived now, in the tenant's time zone. */
  status: InstalmentStatus;
  voidedAt: string | null;
}

export interface AllocationView {
  id: string;
  receiptId: string;
  receiptNumber: string;
  instalmentId: string | null;
  kind: 'allocate' | 'deallocate' | 'void';
  /** In the order's currency; negative for a de-allocation or a void. */
  amount: string;
  receiptCurrency: string;
  receiptAmount: string;
  rate: string | null;
  createdAt: string;
}

export interface OrderView extends OrderSummary {
  baseCurrency: string;
  /** Unpaid parts of instalments past due plus grace days. */
  overdue: string;
  remarks: string;
  confirmEntryId: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdBy: string | null;
  updatedAt: string;
  lines: OrderLineView[];
  /** Live instalments in plan order, then voided ones (kept as history). */
  plan: InstalmentView[];
  allocations: AllocationView[];
}

/** One order the actor may see: not_found for another tenant's, an unknown id, or one outside their scope. */
export async function getOrder(db: Kysely<DB>, actor: Actor, orderId: string, now: Date = new Date()): Promise<OrderView> {
  requirePermission(actor, 'orders.view');
  return orderView(db, actor, orderId, now);
}

/** The full view, for use cases that return the order they changed (inside their transaction). */
export async function orderView(db: Kysely<DB>, actor: Actor, orderId: string, now: Date = new Date()): Promise<OrderView> {
  const row = await summaryQuery(db, actor)
    .select(['o.remarks', 'o.confirm_entry_id', 'o.confirmed_at', 'o.confirmed_by', 'o.cancelled_at', 'o.cancel_reason', 'o.created_by', 'o.updated_at'])
    .where('o.id', '=', orderId)
    .executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such order', { orderId });
  const rules = await tenantRules(db, actor.tenantId);
  const [lines, plan, allocations] = await Promise.all([linesOf(db, actor.tenantId, orderId), planOf(db, actor.tenantId, orderId, row.currency, statusRules(rules, now)), allocationsOf(db, actor.tenantId, orderId, row.currency)]);
  const overdueMinor = plan.filter((i) => i.status === 'overdue').reduce((sum, i) => sum + i.outstandingMinor, 0n);
  const f = (minor: bigint) => formatAmount(minor, row.currency);
  return {
    ...summaryOf(row, rules.baseCurrency),
    baseCurrency: rules.baseCurrency,
    overdue: row.status === 'confirmed' ? f(overdueMinor) : f(0n),
    remarks: row.remarks,
    confirmEntryId: row.confirm_entry_id,
    confirmedAt: row.confirmed_at?.toISOString() ?? null,
    confirmedBy: row.confirmed_by,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    cancelReason: row.cancel_reason,
    createdBy: row.created_by,
    updatedAt: row.updated_at.toISOString(),
    lines,
    plan: plan.map(({ outstandingMinor: _, ...view }) => view),
    allocations,
  };
}

/** Orders joined with their customer under the actor's data scope: the base of every order read. */
export function summaryQuery(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('orders as o')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.customer_id'))
    .select([
      'o.id', 'o.number', 'o.customer_id', 'c.code as customer_code', 'c.name as customer_name', 'o.title', 'o.currency', 'o.status', 'o.owner_id',
      'o.department_id', 'o.signed_date', 'o.total_minor', 'o.paid_minor', 'o.credited_minor', 'o.written_off_minor', 'o.base_total_minor', 'o.created_at',
    ])
    .select(sql<string | null>`o.base_rate::text`.as('base_rate'))
    .where('o.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'));
}

type SummaryRow = {
  id: string; number: string; customer_id: string; customer_code: string; customer_name: string; title: string; currency: string; status: OrderStatus;
  owner_id: string | null; department_id: string | null; signed_date: string; total_minor: bigint; paid_minor: bigint; credited_minor: bigint;
  written_off_minor: bigint; base_total_minor: bigint | null; base_rate: string | null; created_at: Date;
};

export function summaryOf(r: SummaryRow, baseCurrency: string): OrderSummary {
  const f = (minor: bigint) => formatAmount(minor, r.currency);
  const outstanding = r.total_minor - r.paid_minor - r.credited_minor - r.written_off_minor;
  return {
    id: r.id,
    number: r.number,
    customerId: r.customer_id,
    customerCode: r.customer_code,
    customerName: r.customer_name,
    title: r.title,
    currency: r.currency,
    status: r.status,
    ownerId: r.owner_id,
    departmentId: r.department_id,
    signedDate: r.signed_date,
    total: f(r.total_minor),
    paid: f(r.paid_minor),
    credited: f(r.credited_minor),
    writtenOff: f(r.written_off_minor),
    outstanding: f(outstanding),
    baseRate: r.base_rate === null ? null : trimRate(r.base_rate),
    baseTotal: r.base_total_minor === null ? null : formatAmount(r.base_total_minor, baseCurrency),
    createdAt: r.created_at.toISOString(),
  };
}

/** numeric(24,10) as text carries ten decimals; the API shows a rate the way it was entered. */
function trimRate(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

async function linesOf(db: Kysely<DB>, tenantId: string, orderId: string): Promise<OrderLineView[]> {
  const rows = await db
    .selectFrom('order_lines as l')
    .leftJoin('products as p', (j) => j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'))
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'l.tenant_id').onRef('o.id', '=', 'l.order_id'))
    .select(['l.line_no', 'l.product_id', 'p.code', 'p.name', 'l.description', 'l.quantity_milli', 'l.unit_price_minor', 'l.amount_minor', 'o.currency'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
  return rows.map((r) => ({
    lineNo: r.line_no,
    productId: r.product_id,
    productCode: r.code,
    productName: r.name,
    description: r.description,
    quantity: formatQuantity(r.quantity_milli),
    unitPrice: formatAmount(r.unit_price_minor, r.currency),
    amount: formatAmount(r.amount_minor, r.currency),
  }));
}

async function planOf(db: Kysely<DB>, tenantId: string, orderId: string, currency: string, rules: StatusRules) {
  const rows = await db
    .selectFrom('instalments')
    .select(['id', 'seq', 'due_date', 'amount_minor', 'settled_minor', 'voided_at'])
    .where('tenant_id', '=', tenantId)
    .where('order_id', '=', orderId)
    .orderBy(sql`voided_at is not null`)
    .orderBy('seq')
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const outstandingMinor = r.voided_at === null ? r.amount_minor - r.settled_minor : 0n;
    return {
      id: r.id,
      seq: r.seq,
      dueDate: r.due_date,
      amount: formatAmount(r.amount_minor, currency),
      settled: formatAmount(r.settled_minor, currency),
      outstanding: formatAmount(outstandingMinor, currency),
      status: instalmentStatus({ dueDate: r.due_date, amountMinor: r.amount_minor, settledMinor: r.settled_minor, voided: r.voided_at !== null }, rules),
      voidedAt: r.voided_at?.toISOString() ?? null,
      outstandingMinor,
    };
  });
}

/** The order's allocation history, oldest first: every row, including the negative ones that took money back. */
async function allocationsOf(db: Kysely<DB>, tenantId: string, orderId: string, currency: string): Promise<AllocationView[]> {
  const rows = await db
    .selectFrom('allocations as a')
    .innerJoin('receipts as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.receipt_id'))
    .select(['a.id', 'a.receipt_id', 'r.number', 'a.instalment_id', 'a.kind', 'a.amount_minor', 'a.receipt_amount_minor', 'r.currency', 'a.created_at'])
    .select(sql<string | null>`a.rate::text`.as('rate'))
    .where('a.tenant_id', '=', tenantId)
    .where('a.order_id', '=', orderId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receiptId: r.receipt_id,
    receiptNumber: r.number,
    instalmentId: r.instalment_id,
    kind: r.kind,
    amount: formatAmount(r.amount_minor, currency),
    receiptCurrency: r.currency,
    receiptAmount: formatAmount(r.receipt_amount_minor, r.currency),
    rate: r.rate === null ? null : trimRate(r.rate),
    createdAt: r.created_at.toISOString(),
  }));
}

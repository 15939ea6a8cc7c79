import { sql, type Expression, type Kysely } from 'kysely';
import type { ExportColumn, ExportLanguage } from '../../core/export/table.js';
import type { Permission } from '../../core/auth/permissions.js';
import type { Actor } from '../actor.js';
import { customerListQuery, listCustomers, type CustomerFilter, type CustomerView } from '../customers-read.js';
import type { Page } from '../pagination.js';
import { listOrders, orderListQuery, type OrderFilter } from '../receivables/order-list.js';
import type { OrderSummary } from '../receivables/order-views.js';
import { listReceipts, receiptListQuery, type ReceiptFilter } from '../receivables/receipt-list.js';
import type { ReceiptSummary } from '../receivables/receipt-model.js';
import { listRefunds, refundListQuery, type RefundFilter, type RefundView } from '../receivables/refunds.js';
import type { DB } from '../schema.js';

/**
 * The lists that can be exported. Each reuses its list's own code: the same filters and data scope (count
 * from the list's filtered query, rows by paging the list itself with its cursor), so an export holds exactly
 * what the screen would show page after page, and one place decides what a role sees.
 */
export interface ExportSource<Filter, Item, Row = Item> {
  title: Record<ExportLanguage, string>;
  /** The permission to read the list (the list checks it again). */
  permission: Permission;
  /** How many items the filters select, counting no further than `atMost`. */
  count: (db: Kysely<DB>, actor: Actor, filter: Filter, atMost: number) => Promise<number>;
  page: (db: Kysely<DB>, actor: Actor, filter: Filter & { cursor?: string; limit?: number }) => Promise<Page<Item>>;
  /** The rows of one item (a customer has one per currency it has money in). */
  rowsOf: (item: Item) => Row[];
  columns: readonly ExportColumn<Row>[];
}

type Countable = { limit: (n: number) => Expression<unknown> };

/**
 * Counts the list's own query (scope and filters included) up to a bound: the limit inside stops the scan as
 * soon as the bound is passed, so asking about a huge set costs no more than the bound.
 */
async function countUpTo(db: Kysely<DB>, query: Countable, atMost: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${query.limit(atMost)}) as x`.execute(db);
  return rows[0]!.n;
}

const col = <Row>(key: string, zh: string, en: string, type: ExportColumn<Row>['type'], value: ExportColumn<Row>['value'], extra: Partial<ExportColumn<Row>> = {}): ExportColumn<Row> =>
  ({ key, title: { zh, en }, type, value, ...extra });

const receipts: ExportSource<ReceiptFilter, ReceiptSummary> = {
  title: { zh: '收款', en: 'Receipts' },
  permission: 'receipts.view',
  count: (db, actor, filter, atMost) => countUpTo(db, receiptListQuery(db, actor, filter).clearSelect().select('r.id'), atMost),
  page: listReceipts,
  rowsOf: (item) => [item],
  columns: [
    col('number', '收款编号', 'Number', 'text', (r) => r.number, { width: 18 }),
    col('receivedDate', '收款日期', 'Received', 'date', (r) => r.receivedDate),
    col('customerCode', '客户编码', 'Customer code', 'text', (r) => r.customer.code, { width: 14 }),
    col('customerName', '客户名称', 'Customer', 'text', (r) => r.customer.name, { width: 28 }),
    col('kind', '类型', 'Kind', 'text', (r) => r.kind, { width: 14 }),
    col('status', '状态', 'Status', 'text', (r) => r.status, { width: 11 }),
    col('channel', '渠道', 'Channel', 'text', (r) => r.channel, { width: 14 }),
    col('currency', '币种', 'Currency', 'text', (r) => r.currency, { width: 7 }),
    col('amount', '金额', 'Amount', 'money', (r) => r.amount, { currency: (r) => r.currency }),
    col('allocated', '已核销', 'Allocated', 'money', (r) => r.allocated, { currency: (r) => r.currency }),
    col('advance', '预收', 'Advance', 'money', (r) => r.advance, { currency: (r) => r.currency }),
    col('refunded', '已退款', 'Refunded', 'money', (r) => r.refunded, { currency: (r) => r.currency }),
    col('payerName', '付款人', 'Payer', 'text', (r) => r.payerName),
    col('payerAccount', '付款账号', 'Payer account', 'text', (r) => r.payerAccount),
    col('externalRef', '外部流水号', 'External ref', 'text', (r) => r.externalRef),
    col('reconciledAt', '对账时间', 'Reconciled at', 'instant', (r) => r.reconciledAt),
  ],
};

const orders: ExportSource<OrderFilter, OrderSummary> = {
  title: { zh: '订单', en: 'Orders' },
  permission: 'orders.view',
  count: (db, actor, filter, atMost) => countUpTo(db, orderListQuery(db, actor, filter).clearSelect().select('o.id'), atMost),
  page: listOrders,
  rowsOf: (item) => [item],
  columns: [
    col('number', '订单编号', 'Number', 'text', (o) => o.number, { width: 18 }),
    col('signedDate', '签约日期', 'Signed', 'date', (o) => o.signedDate),
    col('customerCode', '客户编码', 'Customer code', 'text', (o) => o.customerCode, { width: 14 }),
    col('customerName', '客户名称', 'Customer', 'text', (o) => o.customerName, { width: 28 }),
    col('title', '标题', 'Title', 'text', (o) => o.title, { width: 28 }),
    col('status', '状态', 'Status', 'text', (o) => o.status, { width: 11 }),
    col('currency', '币种', 'Currency', 'text', (o) => o.currency, { width: 7 }),
    col('total', '订单金额', 'Total', 'money', (o) => o.total, { currency: (o) => o.currency }),
    col('paid', '已回款', 'Paid', 'money', (o) => o.paid, { currency: (o) => o.currency }),
    col('credited', '红冲', 'Credited', 'money', (o) => o.credited, { currency: (o) => o.currency }),
    col('writtenOff', '核销坏账', 'Written off', 'money', (o) => o.writtenOff, { currency: (o) => o.currency }),
    col('outstanding', '未回款', 'Outstanding', 'money', (o) => o.outstanding, { currency: (o) => o.currency }),
  ],
};

const refunds: ExportSource<RefundFilter, RefundView> = {
  title: { zh: '退款', en: 'Refunds' },
  permission: 'receipts.view',
  count: async (db, actor, filter, atMost) => countUpTo(db, (await refundListQuery(db, actor, filter)).clearSelect().select('r.id'), atMost),
  page: listRefunds,
  rowsOf: (item) => [item],
  columns: [
    col('number', '退款编号', 'Number', 'text', (r) => r.number, { width: 18 }),
    col('requestedAt', '申请时间', 'Requested at', 'instant', (r) => r.requestedAt),
    col('customerCode', '客户编码', 'Customer code', 'text', (r) => r.customerCode, { width: 14 }),
    col('customerName', '客户名称', 'Customer', 'text', (r) => r.customerName, { width: 28 }),
    col('receiptNumber', '原收款', 'Receipt', 'text', (r) => r.receiptNumber, { width: 18 }),
    col('status', '状态', 'Status', 'text', (r) => r.status, { width: 11 }),
    col('reasonCode', '原因', 'Reason', 'text', (r) => r.reasonCode, { width: 14 }),
    col('currency', '币种', 'Currency', 'text', (r) => r.currency, { width: 7 }),
    col('amount', '金额', 'Amount', 'money', (r) => r.amount, { currency: (r) => r.currency }),
    col('paidDate', '付款日期', 'Paid', 'date', (r) => r.paidDate),
    col('paidChannel', '付款渠道', 'Paid via', 'text', (r) => r.paidChannel, { width: 14 }),
    col('paidExternalRef', '付款流水号', 'Payment ref', 'text', (r) => r.paidExternalRef),
  ],
};

/** One row per customer and currency: money stays typed (one currency per cell) instead of "CNY 1.00; USD 2.00". */
type CustomerRow = { customer: CustomerView; figures: CustomerView['figures'][number] | null };

const customers: ExportSource<CustomerFilter, CustomerView, CustomerRow> = {
  title: { zh: '客户', en: 'Customers' },
  permission: 'customers.view',
  count: (db, actor, filter, atMost) => countUpTo(db, customerListQuery(db, actor, filter).clearSelect().select('c.id'), atMost),
  page: listCustomers,
  rowsOf: (customer) => (customer.figures.length ? customer.figures.map((figures) => ({ customer, figures })) : [{ customer, figures: null }]),
  columns: [
    col('code', '客户编码', 'Code', 'text', (r) => r.customer.code, { width: 14 }),
    col('name', '客户名称', 'Name', 'text', (r) => r.customer.name, { width: 28 }),
    col('taxId', '税号', 'Tax ID', 'text', (r) => r.customer.taxId),
    col('tags', '标签', 'Tags', 'text', (r) => r.customer.tags.join(', ')),
    // Contacts come masked from the list for anyone without sensitive.view.
    col('contacts', '联系人', 'Contacts', 'text', (r) => r.customer.contacts.map((c) => [c.name, c.phone, c.email].filter(Boolean).join(' ')).join('; '), { width: 36 }),
    col('currency', '币种', 'Currency', 'text', (r) => r.figures?.currency ?? null, { width: 7 }),
    col('receivable', '应收', 'Receivable', 'money', (r) => r.figures?.receivable ?? null, { currency: (r) => r.figures?.currency ?? 'CNY' }),
    col('overdue', '逾期', 'Overdue', 'money', (r) => r.figures?.overdue ?? null, { currency: (r) => r.figures?.currency ?? 'CNY' }),
    col('advance', '预收', 'Advance', 'money', (r) => r.figures?.advance ?? null, { currency: (r) => r.figures?.currency ?? 'CNY' }),
    col('received', '已收', 'Received', 'money', (r) => r.figures?.received ?? null, { currency: (r) => r.figures?.currency ?? 'CNY' }),
    col('refunded', '已退', 'Refunded', 'money', (r) => r.figures?.refunded ?? null, { currency: (r) => r.figures?.currency ?? 'CNY' }),
  ],
};

export const exportSources = { receipts, orders, refunds, customers } as const;
export type ExportSourceName = keyof typeof exportSources;

import { api, type Page } from './client';

/** Receipts (回款) as the API answers them; amounts are decimal strings in major units of `currency`. */
export type ReceiptStatus = 'pending' | 'confirmed' | 'rejected' | 'voided';
export type ReceiptKind = 'order_payment' | 'prepayment';
export const receiptStatuses: ReceiptStatus[] = ['pending', 'confirmed', 'rejected', 'voided'];
export const receiptKinds: ReceiptKind[] = ['order_payment', 'prepayment'];
export const receiptChannels = ['bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other'] as const;
export type ReceiptChannel = (typeof receiptChannels)[number];

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
  /** Applied to orders, net of take-backs. */
  allocated: string;
  /** The advance part (预收): amount − allocated − held by refunds. */
  advance: string;
  refundHeld: string;
  refunded: string;
  refundable: string;
  /** Typed by hand, or recorded from a gateway event, a statement line or an import row (sourceRef says which). */
  source: 'manual' | 'gateway' | 'statement' | 'import';
  sourceRef: string | null;
  /** When it was matched to a bank statement line, else null. */
  reconciledAt: string | null;
  baseRate: string | null;
  baseAmount: string | null;
  createdAt: string;
}

export interface Receipt extends ReceiptSummary {
  remarks: string;
  baseCurrency: string;
  requestedAllocations: { orderId: string; orderNumber: string; instalmentId: string | null; amount: string; currency: string; exchangeRate: string | null }[];
  autoAllocate: boolean;
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

export interface AllocationHistoryItem {
  id: string;
  kind: 'allocate' | 'deallocate' | 'void';
  orderId: string;
  orderNumber: string;
  instalmentId: string | null;
  instalmentSeq: number | null;
  instalmentDueDate: string | null;
  /** Signed, in the order's currency. */
  amount: string;
  currency: string;
  receiptAmount: string;
  receiptCurrency: string;
  rate: string | null;
  entryId: string;
  createdBy: string | null;
  createdByLogin: string | null;
  createdAt: string;
}

export interface AllocationInput {
  orderId: string;
  instalmentId?: string;
  amount: string;
}

export interface NewReceipt {
  customerId: string;
  kind: ReceiptKind;
  amount: string;
  currency: string;
  channel: ReceiptChannel;
  receivedDate: string;
  payerName?: string;
  payerAccount?: string;
  externalRef?: string;
  remarks?: string;
  allocations?: AllocationInput[];
  confirm?: boolean;
}

/** The parts of an order the receipt form needs: its open instalments. */
export interface OrderSummary {
  id: string;
  number: string;
  title: string;
  currency: string;
  status: string;
  signedDate: string;
  total: string;
  outstanding: string;
}

export interface OrderInstalment {
  id: string;
  seq: number;
  dueDate: string;
  amount: string;
  settled: string;
  outstanding: string;
  status: string;
  voidedAt: string | null;
}

export interface OrderWithPlan extends OrderSummary {
  plan: OrderInstalment[];
}

export const receiptsApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Receipt>(`/receipts/${id}`, undefined, signal),
  history: (id: string, signal?: AbortSignal) => api.get<{ receiptId: string; receiptNumber: string; items: AllocationHistoryItem[] }>(`/receipts/${id}/allocations`, undefined, signal),
  create: (body: NewReceipt, key: string) => api.post<Receipt>('/receipts', body, key),
  /** Without a body: as the maker asked when entering it. */
  confirm: (id: string, key?: string) => api.post<Receipt>(`/receipts/${id}/confirm`, {}, key),
  reject: (id: string, reason: string, key?: string) => api.post<Receipt>(`/receipts/${id}/reject`, { reason }, key),
  void: (id: string, reason: string, key?: string) => api.post<Receipt>(`/receipts/${id}/void`, { reason }, key),
  allocate: (id: string, body: { allocations?: AllocationInput[]; autoAllocate?: boolean }, key?: string) => api.post<Receipt>(`/receipts/${id}/allocations`, body, key),
  deallocate: (id: string, body: { orderId?: string; instalmentId?: string; amount?: string }, key?: string) => api.post<Receipt>(`/receipts/${id}/deallocations`, body, key),
};

/** Confirmed orders of a customer in a currency that still owe something, each with its plan. */
export async function openOrdersOf(customerId: string, currency: string, signal?: AbortSignal): Promise<OrderWithPlan[]> {
  const orders: OrderSummary[] = [];
  let cursor: string | null = null;
  // A customer rarely has more than a page of open orders; the bound keeps a pathological one from looping long.
  for (let pages = 0; pages < 5; pages++) {
    const page: Page<OrderSummary> = await api.get<Page<OrderSummary>>('/orders', { customer: customerId, currency, status: 'confirmed', limit: 200, cursor: cursor ?? undefined }, signal);
    orders.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const open = orders.filter((o) => !/^0*(\.0*)?$/.test(o.outstanding));
  return Promise.all(open.map((o) => api.get<OrderWithPlan>(`/orders/${o.id}`, undefined, signal)));
}

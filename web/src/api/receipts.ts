import { api, type Page } from './client';
import { valuesOf, type ItemOf, type RequestJson, type ResponseJson } from './openapi-types';

/**
 * Receipts (回款) as the API answers them (aliases of the generated types); amounts are decimal strings in major
 * units of `currency`. A receipt's allocated is applied to orders net of take-backs; advance (预收) is amount −
 * allocated − held by refunds; source says whether it was typed by hand or recorded from a gateway event, a
 * statement line or an import row (sourceRef says which); reconciledAt: when it was matched to a bank statement line.
 */
export type ReceiptSummary = ItemOf<'get', '/receipts'>;
export type Receipt = ResponseJson<'get', '/receipts/{id}'>;
export type ReceiptStatus = Receipt['status'];
export type ReceiptKind = Receipt['kind'];
export const receiptStatuses = valuesOf<ReceiptStatus>()(['pending', 'confirmed', 'rejected', 'voided']);
export const receiptKinds = valuesOf<ReceiptKind>()(['order_payment', 'prepayment']);

export type NewReceipt = RequestJson<'post', '/receipts'>;
export type ReceiptChannel = NewReceipt['channel'];
export const receiptChannels = valuesOf<ReceiptChannel>()(['bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other']);
export type AllocationInput = NonNullable<NewReceipt['allocations']>[number];
export type AllocateInput = RequestJson<'post', '/receipts/{id}/allocations'>;
export type DeallocateInput = RequestJson<'post', '/receipts/{id}/deallocations'>;

export type AllocationHistory = ResponseJson<'get', '/receipts/{id}/allocations'>;
/** amount: signed, in the order's currency. */
export type AllocationHistoryItem = AllocationHistory['items'][number];

/** The parts of an order the receipt form needs: its open instalments. */
export type OrderSummary = ItemOf<'get', '/orders'>;
export type OrderWithPlan = ResponseJson<'get', '/orders/{id}'>;
export type OrderInstalment = OrderWithPlan['plan'][number];

export const receiptsApi = {
  get: (id: string, signal?: AbortSignal) => api.get<Receipt>(`/receipts/${id}`, undefined, signal),
  history: (id: string, signal?: AbortSignal) => api.get<AllocationHistory>(`/receipts/${id}/allocations`, undefined, signal),
  create: (body: NewReceipt, key: string) => api.post<Receipt>('/receipts', body, key),
  /** Without a body: as the maker asked when entering it. */
  confirm: (id: string, key?: string) => api.post<Receipt>(`/receipts/${id}/confirm`, {}, key),
  reject: (id: string, reason: string, key?: string) => api.post<Receipt>(`/receipts/${id}/reject`, { reason }, key),
  void: (id: string, reason: string, key?: string) => api.post<Receipt>(`/receipts/${id}/void`, { reason }, key),
  allocate: (id: string, body: AllocateInput, key?: string) => api.post<Receipt>(`/receipts/${id}/allocations`, body, key),
  deallocate: (id: string, body: DeallocateInput, key?: string) => api.post<Receipt>(`/receipts/${id}/deallocations`, body, key),
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

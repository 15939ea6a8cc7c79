import { api } from './client';

/** Refunds (退款) as the API answers them; amounts are decimal strings in major units of `currency`. */
export type RefundStatus = 'requested' | 'approved' | 'paid' | 'rejected' | 'cancelled';
export const refundStatuses: RefundStatus[] = ['requested', 'approved', 'paid', 'rejected', 'cancelled'];
export const refundReasons = ['duplicate_payment', 'overpayment', 'order_cancelled', 'goodwill', 'other'] as const;
export type RefundReason = (typeof refundReasons)[number];
export const refundChannels = ['bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other'] as const;
export type RefundChannel = (typeof refundChannels)[number];

export interface Refund {
  id: string;
  number: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  /** null: drawn from the customer's advance balance (see sources). */
  receiptId: string | null;
  receiptNumber: string | null;
  currency: string;
  amount: string;
  reasonCode: RefundReason;
  reasonText: string;
  status: RefundStatus;
  approvalsNeeded: number;
  approvals: number;
  requestedBy: string | null;
  requestedAt: string;
  firstApprovedBy: string | null;
  firstApprovedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
  paidChannel: string | null;
  paidExternalRef: string | null;
  paidDate: string | null;
  approveEntryId: string | null;
  payEntryId: string | null;
  sources: { receiptId: string; receiptNumber: string; amount: string }[];
}

export interface Refundable {
  customerId: string;
  currency: string;
  receiptId: string | null;
  refundable: string;
  receipts: { receiptId: string; number: string; receivedDate: string; amount: string; allocated: string; held: string; refundable: string }[];
}

export interface AdvanceBalance {
  currency: string;
  balance: string;
  held: string;
  available: string;
}

export interface NewRefund {
  customerId: string;
  receiptId?: string;
  amount: string;
  currency: string;
  reasonCode: RefundReason;
  reasonText?: string;
}

export const refundsApi = {
  refundable: (query: { receiptId?: string; customerId?: string; currency?: string }, signal?: AbortSignal) => api.get<Refundable>('/refunds/refundable', query, signal),
  advances: (customerId: string, signal?: AbortSignal) => api.get<{ customerId: string; advances: AdvanceBalance[] }>(`/customers/${customerId}/advances`, undefined, signal),
  request: (body: NewRefund, key: string) => api.post<Refund>('/refunds', body, key),
  approve: (id: string, key?: string) => api.post<Refund>(`/refunds/${id}/approve`, undefined, key),
  reject: (id: string, reason: string, key?: string) => api.post<Refund>(`/refunds/${id}/reject`, { reason }, key),
  cancel: (id: string, reason: string, key?: string) => api.post<Refund>(`/refunds/${id}/cancel`, { reason }, key),
  pay: (id: string, body: { channel: RefundChannel; externalRef?: string; paidDate: string }, key?: string) => api.post<Refund>(`/refunds/${id}/pay`, body, key),
};

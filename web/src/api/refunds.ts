import { api } from './client';
import { valuesOf, type QueryOf, type RequestJson, type ResponseJson } from './openapi-types';

/**
 * Refunds (退款) as the API answers them (aliases of the generated types); amounts are decimal strings in major
 * units of `currency`. receiptId null: drawn from the customer's advance balance (see sources).
 */
export type Refund = ResponseJson<'get', '/refunds/{id}'>;
export type RefundStatus = Refund['status'];
export const refundStatuses = valuesOf<RefundStatus>()(['requested', 'approved', 'paid', 'rejected', 'cancelled']);
export type RefundReason = Refund['reasonCode'];
export const refundReasons = valuesOf<RefundReason>()(['duplicate_payment', 'overpayment', 'order_cancelled', 'goodwill', 'other']);

export type RefundableQuery = QueryOf<'get', '/refunds/refundable'>;
export type Refundable = ResponseJson<'get', '/refunds/refundable'>;
export type CustomerAdvances = ResponseJson<'get', '/customers/{id}/advances'>;
export type AdvanceBalance = CustomerAdvances['advances'][number];

export type NewRefund = RequestJson<'post', '/refunds'>;
export type PayInput = RequestJson<'post', '/refunds/{id}/pay'>;
export type RefundChannel = PayInput['channel'];
export const refundChannels = valuesOf<RefundChannel>()(['bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other']);

export const refundsApi = {
  refundable: (query: RefundableQuery, signal?: AbortSignal) => api.get<Refundable>('/refunds/refundable', query, signal),
  advances: (customerId: string, signal?: AbortSignal) => api.get<CustomerAdvances>(`/customers/${customerId}/advances`, undefined, signal),
  request: (body: NewRefund, key: string) => api.post<Refund>('/refunds', body, key),
  approve: (id: string, key?: string) => api.post<Refund>(`/refunds/${id}/approve`, undefined, key),
  reject: (id: string, reason: string, key?: string) => api.post<Refund>(`/refunds/${id}/reject`, { reason }, key),
  cancel: (id: string, reason: string, key?: string) => api.post<Refund>(`/refunds/${id}/cancel`, { reason }, key),
  pay: (id: string, body: PayInput, key?: string) => api.post<Refund>(`/refunds/${id}/pay`, body, key),
};

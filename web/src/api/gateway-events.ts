/** Gateway events and rejected webhook deliveries (src/adapters/http/routes/gateway-events.ts). */
import { api } from './client';
import type { Provider } from './integrations';

export const gatewayEventStatuses = ['received', 'processed', 'ignored', 'unmatched', 'failed', 'conflict'] as const;
export type GatewayEventStatus = (typeof gatewayEventStatuses)[number];
export const gatewayEventKinds = ['payment_succeeded', 'payment_failed', 'refund_succeeded', 'dispute_opened', 'fee_charged'] as const;

export interface GatewayEvent {
  id: string;
  integrationId: string;
  provider: Provider;
  eventId: string;
  providerType: string;
  status: GatewayEventStatus;
  kind: string | null;
  /** Decimal string in major units of `currency`. */
  amount: string | null;
  currency: string | null;
  receivedAt: string;
  processedAt: string | null;
  receiptId: string | null;
  receiptNumber: string | null;
  refundId: string | null;
  error: { code: string; message: string } | null;
  attempts: number;
}

export interface GatewayEventDetail extends GatewayEvent {
  /** The body as received (verified bytes, as text). */
  payload: string;
  verification: { ok: boolean; method: string; detail: string };
}

export interface WebhookRejection {
  id: string;
  integrationId: string | null;
  provider: string;
  /** A stable code: webhook_signature_invalid, webhook_timestamp_stale … */
  reason: string;
  detail: string;
  receivedAt: string;
  ip: string;
}

export const gatewayEventsApi = {
  get: (id: string, signal?: AbortSignal) => api.get<GatewayEventDetail>(`/gateway-events/${id}`, undefined, signal),
  replay: (id: string, key: string) => api.post<GatewayEvent>(`/gateway-events/${id}/replay`, {}, key),
  assign: (id: string, body: { customerId: string; orderId?: string }, key: string) => api.post<GatewayEvent>(`/gateway-events/${id}/assign`, body, key),
};

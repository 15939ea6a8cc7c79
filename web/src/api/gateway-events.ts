/**
 * Gateway events and rejected webhook deliveries (src/adapters/http/routes/gateway-events.ts): aliases of the
 * types generated from the server's OpenAPI document.
 */
import { api } from './client';
import { valuesOf, type ItemOf, type RequestJson, type ResponseJson } from './openapi-types';

/** amount: decimal string in major units of `currency`. */
export type GatewayEvent = ItemOf<'get', '/gateway-events'>;
export type GatewayEventStatus = GatewayEvent['status'];
export const gatewayEventStatuses = valuesOf<GatewayEventStatus>()(['received', 'processed', 'ignored', 'unmatched', 'failed', 'conflict']);
export const gatewayEventKinds = valuesOf<NonNullable<GatewayEvent['kind']>>()(['payment_succeeded', 'payment_failed', 'refund_succeeded', 'dispute_opened', 'fee_charged']);

/** payload: the body as received (verified bytes, as text). */
export type GatewayEventDetail = ResponseJson<'get', '/gateway-events/{id}'>;

/** reason: a stable code (webhook_signature_invalid, webhook_timestamp_stale …); provider: as the address named it. */
export type WebhookRejection = ItemOf<'get', '/webhook-rejections'>;

export type AssignInput = RequestJson<'post', '/gateway-events/{id}/assign'>;

export const gatewayEventsApi = {
  get: (id: string, signal?: AbortSignal) => api.get<GatewayEventDetail>(`/gateway-events/${id}`, undefined, signal),
  replay: (id: string, key: string) => api.post<GatewayEvent>(`/gateway-events/${id}/replay`, {}, key),
  assign: (id: string, body: AssignInput, key: string) => api.post<GatewayEvent>(`/gateway-events/${id}/assign`, body, key),
};

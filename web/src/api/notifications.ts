/**
 * Notifications (issue 7, src/adapters/http/routes/notifications.ts and webhook-subscriptions.ts): the bell's
 * list and unread count, one's email preference, and outbound webhook subscriptions with their delivery log.
 */
import { api } from './client';
import type { ItemOf, QueryOf, RequestJson, ResponseJson } from './openapi-types';

export type NotificationPage = ResponseJson<'get', '/notifications'>;
export type AppNotification = NotificationPage['items'][number];
export type NotificationQuery = QueryOf<'get', '/notifications'>;

/** email: the address on the user's profile; null: no email can be sent. */
export type NotificationPreferences = ResponseJson<'get', '/notification-preferences'>;
export type PreferenceChanges = RequestJson<'put', '/notification-preferences'>;

/**
 * The event types a subscription may name besides '*'. The schema says string (the server refuses an unknown one
 * with its own message), so this list is not checked against the server's (src/core/notify/event-types.ts).
 */
export const eventTypes = [
  'receipt.recorded', 'receipt.confirmed', 'receipt.voided', 'refund.requested', 'refund.approved', 'refund.paid', 'refund.rejected',
  'statement.imported', 'alert.raised', 'alert.resolved', 'instalment.overdue', 'report.delivered', 'notification.test',
] as const;

/** privateTargets: the operator's ceiling (KX_WEBHOOK_ALLOW_PRIVATE) — never, where the tenant allows it, always. */
export type WebhookSubscriptionList = ResponseJson<'get', '/webhook-subscriptions'>;
export type WebhookSubscription = WebhookSubscriptionList['items'][number];
export type NewWebhookSubscription = RequestJson<'post', '/webhook-subscriptions'>;
/** secret: in this answer only. */
export type CreatedWebhookSubscription = ResponseJson<'post', '/webhook-subscriptions'>;
export type WebhookSubscriptionChanges = RequestJson<'patch', '/webhook-subscriptions/{id}'>;

export type WebhookDelivery = ItemOf<'get', '/webhook-subscriptions/{id}/deliveries'>;
export type DeliveryQuery = QueryOf<'get', '/webhook-subscriptions/{id}/deliveries'>;
export type WebhookDeliveryDetail = ResponseJson<'get', '/webhook-subscriptions/{id}/deliveries/{deliveryId}'>;
export type WebhookAttempt = WebhookDeliveryDetail['attemptLog'][number];

export const notificationsApi = {
  list: (query: NotificationQuery, signal?: AbortSignal) => api.get<NotificationPage>('/notifications', query, signal),
  unreadCount: (signal?: AbortSignal) => api.get<ResponseJson<'get', '/notifications/unread-count'>>('/notifications/unread-count', undefined, signal),
  markRead: (ids: string[]) => api.post<ResponseJson<'post', '/notifications/read'>>('/notifications/read', { ids }),
  markAllRead: () => api.post<ResponseJson<'post', '/notifications/read-all'>>('/notifications/read-all'),
  preferences: (signal?: AbortSignal) => api.get<NotificationPreferences>('/notification-preferences', undefined, signal),
  setPreferences: (changes: PreferenceChanges) => api.put<NotificationPreferences>('/notification-preferences', changes),
};

export const webhooksApi = {
  list: (signal?: AbortSignal) => api.get<WebhookSubscriptionList>('/webhook-subscriptions', undefined, signal),
  create: (body: NewWebhookSubscription) => api.post<CreatedWebhookSubscription>('/webhook-subscriptions', body),
  update: (id: string, changes: WebhookSubscriptionChanges) => api.patch<WebhookSubscription>(`/webhook-subscriptions/${id}`, changes),
  deliveries: (id: string, query: DeliveryQuery, signal?: AbortSignal) => api.get<ResponseJson<'get', '/webhook-subscriptions/{id}/deliveries'>>(`/webhook-subscriptions/${id}/deliveries`, query, signal),
  delivery: (id: string, deliveryId: string, signal?: AbortSignal) => api.get<WebhookDeliveryDetail>(`/webhook-subscriptions/${id}/deliveries/${deliveryId}`, undefined, signal),
  resend: (id: string, deliveryId: string) => api.post<WebhookDelivery>(`/webhook-subscriptions/${id}/deliveries/${deliveryId}/resend`),
};

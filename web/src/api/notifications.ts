/**
 * Notifications (issue 7, src/adapters/http/routes/notifications.ts and webhook-subscriptions.ts): the bell's
 * list and unread count, one's email preference, and outbound webhook subscriptions with their delivery log.
 */
import { api, type Page } from './client';

export interface AppNotification {
  id: string;
  type: string;
  eventId: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  payload: unknown;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPreferences {
  emailEnabled: boolean;
  language: 'zh' | 'en';
  /** The address on the user's profile; null: no email can be sent. */
  email: string | null;
}

export const eventTypes = [
  'receipt.recorded', 'receipt.confirmed', 'receipt.voided', 'refund.requested', 'refund.approved', 'refund.paid', 'refund.rejected',
  'statement.imported', 'alert.raised', 'alert.resolved', 'instalment.overdue', 'report.delivered', 'notification.test',
] as const;

export interface WebhookSubscription {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  type: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WebhookAttempt {
  attemptNo: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  responseBody: string | null;
}

export const notificationsApi = {
  list: (query: { cursor?: string; limit?: number; unread?: boolean }, signal?: AbortSignal) => api.get<Page<AppNotification>>('/notifications', query, signal),
  unreadCount: (signal?: AbortSignal) => api.get<{ unread: number }>('/notifications/unread-count', undefined, signal),
  markRead: (ids: string[]) => api.post<{ marked: number }>('/notifications/read', { ids }),
  markAllRead: () => api.post<{ marked: number }>('/notifications/read-all'),
  preferences: (signal?: AbortSignal) => api.get<NotificationPreferences>('/notification-preferences', undefined, signal),
  setPreferences: (changes: Partial<Pick<NotificationPreferences, 'emailEnabled' | 'language'>>) => api.put<NotificationPreferences>('/notification-preferences', changes),
};

export const webhooksApi = {
  /** privateTargets: the operator's ceiling (KX_WEBHOOK_ALLOW_PRIVATE) — never, where the tenant allows it, always. */
  list: (signal?: AbortSignal) => api.get<{ items: WebhookSubscription[]; privateTargets: 'never' | 'tenant' | 'always' }>('/webhook-subscriptions', undefined, signal),
  create: (body: { url: string; eventTypes: string[]; description?: string }) => api.post<WebhookSubscription & { secret: string }>('/webhook-subscriptions', body),
  update: (id: string, changes: Partial<Pick<WebhookSubscription, 'url' | 'eventTypes' | 'description' | 'active'>>) => api.patch<WebhookSubscription>(`/webhook-subscriptions/${id}`, changes),
  deliveries: (id: string, query: { cursor?: string; status?: string }, signal?: AbortSignal) => api.get<Page<WebhookDelivery>>(`/webhook-subscriptions/${id}/deliveries`, query, signal),
  delivery: (id: string, deliveryId: string, signal?: AbortSignal) => api.get<WebhookDelivery & { body: string; attemptLog: WebhookAttempt[] }>(`/webhook-subscriptions/${id}/deliveries/${deliveryId}`, undefined, signal),
  resend: (id: string, deliveryId: string) => api.post<WebhookDelivery>(`/webhook-subscriptions/${id}/deliveries/${deliveryId}/resend`),
};

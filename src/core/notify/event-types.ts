/**
 * The event types a webhook subscription may ask for (the outbox's domain events), plus `*` for all of them,
 * including types added later. Kept as a list so a typo in a subscription is refused, not silently never sent.
 */
export const notificationEventTypes = [
  'receipt.recorded',
  'receipt.confirmed',
  'receipt.voided',
  'refund.requested',
  'refund.approved',
  'refund.paid',
  'refund.rejected',
  'statement.imported',
  'alert.raised',
  'alert.resolved',
  'instalment.overdue',
  'report.delivered',
  'notification.test',
] as const;

export const ALL_EVENT_TYPES = '*';

export function isSubscribableType(type: string): boolean {
  return type === ALL_EVENT_TYPES || (notificationEventTypes as readonly string[]).includes(type);
}

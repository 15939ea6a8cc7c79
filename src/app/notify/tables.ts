import type { ColumnType } from 'kysely';

/*
 * Row types of the notification tables (migration 2026-11-28T0200-notifications), kept beside the code that
 * owns them; src/app/schema.ts lists them in the DB interface.
 */

type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface NotificationEventsTable {
  tenant_id: string;
  event_id: string;
  type: string;
  occurred_at: Date;
  created_at: Defaulted<Date>;
}

export interface NotificationsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  event_id: string;
  type: string;
  message_key: string;
  params: Json<Record<string, string | number>>;
  payload: Json<unknown>;
  created_at: Date;
  read_at: Defaulted<Date | null>;
}

export interface NotificationPreferencesTable {
  tenant_id: string;
  user_id: string;
  email_enabled: Defaulted<boolean>;
  language: Defaulted<'zh' | 'en'>;
  updated_at: Defaulted<Date>;
}

export interface WebhookSubscriptionsTable {
  tenant_id: string;
  id: string;
  url: string;
  description: Defaulted<string>;
  event_types: string[];
  active: Defaulted<boolean>;
  secret_ciphertext: string;
  created_by: string | null;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDeliveriesTable {
  tenant_id: string;
  id: string;
  subscription_id: string;
  event_id: string;
  type: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: Defaulted<number>;
  next_attempt_at: Date;
  give_up_at: Date;
  lease_until: Defaulted<Date | null>;
  last_status_code: Defaulted<number | null>;
  last_error: Defaulted<string | null>;
  created_at: Date;
  finished_at: Defaulted<Date | null>;
}

export interface WebhookAttemptsTable {
  tenant_id: string;
  delivery_id: string;
  attempt_no: number;
  started_at: Date;
  duration_ms: number;
  status_code: number | null;
  error: string | null;
  response_body: string | null;
}

export type EmailDeliveryStatus = 'pending' | 'sent' | 'failed';

export interface EmailDeliveriesTable {
  tenant_id: string;
  id: string;
  user_id: string;
  event_id: string;
  to_address: string;
  subject: string;
  body: string;
  status: EmailDeliveryStatus;
  attempts: Defaulted<number>;
  next_attempt_at: Date;
  give_up_at: Date;
  lease_until: Defaulted<Date | null>;
  last_error: Defaulted<string | null>;
  created_at: Date;
  sent_at: Defaulted<Date | null>;
  /** A report delivery whose file the email carries (migration 2026-11-29T0200-report-templates). */
  attachment_id: Defaulted<string | null>;
}

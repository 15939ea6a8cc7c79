import type { ColumnType, Generated } from 'kysely';
import type * as notify from './notify/tables.js';
import type * as reports from './reports/tables.js';

/** A column the database fills in when it is left out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** int8 columns come back as bigint (one type parser, see database.ts). */
type Int8 = ColumnType<bigint, bigint | string | number, bigint | string | number>;
/** date columns come back as 'YYYY-MM-DD' strings: a business date has no time zone to shift. */
type BusinessDate = string;
type Instant = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  base_currency: string;
  time_zone: Defaulted<string>;
  created_at: Instant;
  grace_days: Defaulted<number>;
  allow_self_confirm: Defaulted<boolean>;
  /** Webhook subscriptions may target private addresses, where the operator lets tenants decide (KX_WEBHOOK_ALLOW_PRIVATE=tenant). */
  allow_private_webhook_targets: Defaulted<boolean>;
  refund_second_approval_minor: ColumnType<bigint | null, bigint | string | null | undefined, bigint | string | null>;
  session_idle_minutes: Defaulted<number>;
  session_absolute_minutes: Defaulted<number>;
  due_soon_days: Defaulted<number>;
  write_off_max_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
}

export interface DepartmentsTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  parent_id: string | null;
  created_at: Instant;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  login: string;
  display_name: string;
  role: string;
  department_id: string | null;
  password_hash: string | null;
  disabled_at: Date | null;
  created_at: Instant;
  email: Defaulted<string | null>;
  phone: Defaulted<string | null>;
  password_changed_at: Defaulted<Date | null>;
}

export interface RolesTable {
  tenant_id: string;
  code: string;
  name: string;
  permissions: string[];
  data_scope: 'own' | 'department' | 'all';
  builtin: Defaulted<boolean>;
  created_at: Instant;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  secret_hash: Buffer;
  user_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  tenant_id: string;
  id: string;
  name: string;
  secret_hash: Buffer;
  permissions: string[];
  data_scope: Defaulted<'own' | 'department' | 'all'>;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SigninFailuresTable {
  tenant_id: string;
  subject: string;
  failures: number;
  window_started_at: Date;
  locked_until: Date | null;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: Int8;
  id: string;
  occurred_at: Date;
  actor_kind: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  actor_label: string;
  ip: string | null;
  user_agent: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** jsonb: written as JSON text, read back parsed. */
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  tenant_id: string;
  seq: Int8;
  hash: string;
}

export interface AccountingPeriodsTable {
  tenant_id: string;
  month: BusinessDate;
  closed: boolean;
  closed_at: Date | null;
  closed_by: string | null;
  reopened_at: Date | null;
  reopened_by: string | null;
  reopen_reason: string | null;
}

export interface ProductsTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  created_at: Instant;
  unit: Defaulted<string>;
  active: Defaulted<boolean>;
}

export interface CustomersTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  owner_id: string | null;
  department_id: string | null;
  created_at: Instant;
  tax_id: Defaulted<string | null>;
  /** jsonb array of { name, title?, phone?, email? }: written as JSON text, read back parsed. */
  contacts: ColumnType<CustomerContact[], string | undefined, string>;
  tags: Defaulted<string[]>;
  remarks: Defaulted<string>;
  updated_at: Instant;
}

export interface CustomerContact {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface AccountsTable {
  tenant_id: string;
  id: string;
  code: string;
  kind: 'asset' | 'liability' | 'equity' | 'income' | 'expense';
  name_zh: string;
  name_en: string;
  created_at: Instant;
}

export interface JournalEntriesTable {
  tenant_id: string;
  id: string;
  entry_date: BusinessDate;
  memo: Defaulted<string>;
  source: string;
  source_id: string | null;
  reverses_entry_id: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  created_by: string | null;
  created_at: Instant;
  created_txid: Generated<string>;
}

export interface JournalLinesTable {
  tenant_id: string;
  entry_id: string;
  line_no: number;
  account_id: string;
  currency: string;
  amount_minor: Int8;
  customer_id: string | null;
  department_id: string | null;
  owner_id: string | null;
  product_id: string | null;
  channel: string | null;
  memo: Defaulted<string>;
}

export interface AccountBalancesTable {
  tenant_id: string;
  account_id: string;
  customer_key: string;
  currency: string;
  balance_minor: Int8;
  debit_minor: Int8;
  credit_minor: Int8;
  line_count: Int8;
}

/** numeric columns (exchange rates) come back as decimal strings: exact, never a float. */
type Numeric = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | undefined, string>;

export interface DocumentNumbersTable {
  tenant_id: string;
  prefix: string;
  year: number;
  last_value: Int8;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key: string;
  operation: string;
  request_hash: string;
  status_code: number | null;
  response: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Instant;
}

export interface FxRatesTable {
  tenant_id: string;
  currency: string;
  rate_date: BusinessDate;
  rate: Numeric;
  source: Defaulted<string>;
  created_by: string | null;
  created_at: Instant;
}

export type OrderStatus = 'draft' | 'confirmed' | 'completed' | 'cancelled';

export interface OrdersTable {
  tenant_id: string;
  id: string;
  number: string;
  customer_id: string;
  title: Defaulted<string>;
  currency: string;
  status: OrderStatus;
  owner_id: string | null;
  department_id: string | null;
  signed_date: BusinessDate;
  total_minor: Int8;
  paid_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  credited_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  written_off_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  base_rate: ColumnType<string | null, string | null | undefined, string | null>;
  base_total_minor: ColumnType<bigint | null, bigint | string | null | undefined, bigint | string | null>;
  remarks: Defaulted<string>;
  confirm_entry_id: Defaulted<string | null>;
  confirmed_at: Defaulted<Date | null>;
  confirmed_by: Defaulted<string | null>;
  cancelled_at: Defaulted<Date | null>;
  cancel_reason: Defaulted<string | null>;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrderLinesTable {
  tenant_id: string;
  order_id: string;
  line_no: number;
  product_id: string | null;
  description: Defaulted<string>;
  quantity_milli: Int8;
  unit_price_minor: Int8;
  amount_minor: Int8;
}

export interface InstalmentsTable {
  tenant_id: string;
  id: string;
  order_id: string;
  seq: number;
  due_date: BusinessDate;
  amount_minor: Int8;
  settled_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  voided_at: Defaulted<Date | null>;
  created_at: Instant;
}

export type ReceiptStatus = 'pending' | 'confirmed' | 'rejected' | 'voided';
export type ReceiptKind = 'order_payment' | 'prepayment';

/** What the person entering a receipt asked for, applied when it is confirmed (amounts in minor units, as text). */
export interface RequestedAllocation {
  orderId: string;
  instalmentId?: string;
  /** Minor units of the order's currency, as a decimal integer string. */
  amountMinor: string;
  /** Units of the order's currency per unit of the receipt's, for an allocation across currencies. */
  rate?: string;
}

export interface ReceiptsTable {
  tenant_id: string;
  id: string;
  number: string;
  customer_id: string;
  kind: ReceiptKind;
  currency: string;
  amount_minor: Int8;
  channel: string;
  received_date: BusinessDate;
  payer_name: Defaulted<string>;
  payer_account: Defaulted<string>;
  external_ref: Defaulted<string>;
  remarks: Defaulted<string>;
  attachments: Json<{ name: string; url?: string; sizeBytes?: number; contentType?: string }[]>;
  status: ReceiptStatus;
  requested_allocations: Json<RequestedAllocation[]>;
  auto_allocate: Defaulted<boolean>;
  allocated_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  refund_held_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  refunded_minor: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  base_rate: ColumnType<string | null, string | null | undefined, string | null>;
  base_amount_minor: ColumnType<bigint | null, bigint | string | null | undefined, bigint | string | null>;
  entry_id: Defaulted<string | null>;
  created_by: string | null;
  created_at: Instant;
  confirmed_by: Defaulted<string | null>;
  confirmed_at: Defaulted<Date | null>;
  rejected_by: Defaulted<string | null>;
  rejected_at: Defaulted<Date | null>;
  voided_by: Defaulted<string | null>;
  voided_at: Defaulted<Date | null>;
  status_reason: Defaulted<string | null>;
  void_entry_id: Defaulted<string | null>;
  /** Where the receipt came from: typed by hand, a gateway event, a statement line, an import row. */
  source: Defaulted<ReceiptSource>;
  /** The gateway event, statement line or import row it came from. */
  source_ref: Defaulted<string | null>;
  reconciled_at: Defaulted<Date | null>;
  reconciled_by: Defaulted<string | null>;
  statement_line_id: Defaulted<string | null>;
}

export type ReceiptSource = 'manual' | 'gateway' | 'statement' | 'import';

/** Payer name/account → customer, learned from confirmed matches (statements and gateway events). */
export interface PayerAliasesTable {
  tenant_id: string;
  alias_key: string;
  customer_id: string;
  payer_name: Defaulted<string>;
  payer_account: Defaulted<string>;
  confirmations: Defaulted<number>;
  last_confirmed_at: Instant;
}

export interface AllocationsTable {
  tenant_id: string;
  id: string;
  receipt_id: string;
  order_id: string;
  instalment_id: string | null;
  amount_minor: Int8;
  receipt_amount_minor: Int8;
  rate: ColumnType<string | null, string | null | undefined, string | null>;
  kind: 'allocate' | 'deallocate' | 'void';
  entry_id: string;
  created_by: string | null;
  created_at: Instant;
}

export type RefundStatus = 'requested' | 'approved' | 'paid' | 'rejected' | 'cancelled';
export type RefundReason = 'duplicate_payment' | 'overpayment' | 'order_cancelled' | 'goodwill' | 'other';

export interface RefundsTable {
  tenant_id: string;
  id: string;
  number: string;
  customer_id: string;
  receipt_id: string | null;
  currency: string;
  amount_minor: Int8;
  reason_code: RefundReason;
  reason_text: Defaulted<string>;
  status: RefundStatus;
  approvals_needed: number;
  requested_by: string | null;
  requested_at: Instant;
  first_approved_by: Defaulted<string | null>;
  first_approved_at: Defaulted<Date | null>;
  approved_by: Defaulted<string | null>;
  approved_at: Defaulted<Date | null>;
  closed_by: Defaulted<string | null>;
  closed_at: Defaulted<Date | null>;
  close_reason: Defaulted<string | null>;
  paid_channel: Defaulted<string | null>;
  paid_external_ref: Defaulted<string | null>;
  paid_date: Defaulted<BusinessDate | null>;
  approve_entry_id: Defaulted<string | null>;
  pay_entry_id: Defaulted<string | null>;
}

export interface RefundSourcesTable {
  tenant_id: string;
  refund_id: string;
  receipt_id: string;
  amount_minor: Int8;
}

export type AdjustmentKind = 'credit_note' | 'write_off';
export type AdjustmentStatus = 'requested' | 'approved' | 'rejected' | 'cancelled';

export interface AdjustmentsTable {
  tenant_id: string;
  id: string;
  number: string;
  kind: AdjustmentKind;
  order_id: string;
  customer_id: string;
  currency: string;
  amount_minor: Int8;
  reason_code: string;
  reason_text: Defaulted<string>;
  status: AdjustmentStatus;
  requested_by: string | null;
  requested_at: Instant;
  approved_by: Defaulted<string | null>;
  approved_at: Defaulted<Date | null>;
  closed_by: Defaulted<string | null>;
  closed_at: Defaulted<Date | null>;
  close_reason: Defaulted<string | null>;
  entry_id: Defaulted<string | null>;
}

/** The journal summed per day and dimension, kept by a trigger (migration 2026-11-28T0300-ledger-daily). */
export interface LedgerDailyTable {
  tenant_id: string;
  day: BusinessDate;
  account_id: string;
  source: string;
  customer_key: string;
  owner_key: string;
  department_key: string;
  product_key: string;
  channel_key: string;
  currency: string;
  debit_minor: Int8;
  credit_minor: Int8;
  line_count: Int8;
}

/** ledger_daily summed per month without the customer; stripe 1–15 = the writing connection's, 0 = folded (migrations 2026-11-29T0400, 0700). */
export interface LedgerMonthlyTable {
  tenant_id: string;
  month: BusinessDate;
  account_id: string;
  source: string;
  owner_key: string;
  department_key: string;
  product_key: string;
  channel_key: string;
  currency: string;
  stripe: number;
  debit_minor: Int8;
  credit_minor: Int8;
  line_count: Int8;
}

/** Live instalments of confirmed orders per (currency, basis, day, owner, department, stripe): unpaid by due/signed date, plan by due date (migration 2026-11-29T0500). */
export interface InstalmentFiguresTable {
  tenant_id: string;
  currency: string;
  basis: 'due' | 'signed' | 'plan';
  day: BusinessDate;
  owner_key: string;
  department_key: string;
  stripe: number;
  amount_minor: Int8;
  instalment_count: number;
}

export interface DB {
  instalment_figures: InstalmentFiguresTable;
  ledger_daily: LedgerDailyTable;
  ledger_monthly: LedgerMonthlyTable;
  tenants: TenantsTable;
  departments: DepartmentsTable;
  users: UsersTable;
  products: ProductsTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  account_balances: AccountBalancesTable;
  roles: RolesTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  signin_failures: SigninFailuresTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  accounting_periods: AccountingPeriodsTable;
  document_numbers: DocumentNumbersTable;
  idempotency_keys: IdempotencyKeysTable;
  fx_rates: FxRatesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  instalments: InstalmentsTable;
  receipts: ReceiptsTable;
  allocations: AllocationsTable;
  refunds: RefundsTable;
  refund_sources: RefundSourcesTable;
  adjustments: AdjustmentsTable;
  payer_aliases: PayerAliasesTable;
  statements: StatementsTable;
  statement_lines: StatementLinesTable;
  statement_line_receipts: StatementLineReceiptsTable;
  statement_mappings: StatementMappingsTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  integrations: IntegrationsTable;
  gateway_events: GatewayEventsTable;
  gateway_payments: GatewayPaymentsTable;
  gateway_disputes: GatewayDisputesTable;
  webhook_rejections: WebhookRejectionsTable;
  outbox_events: OutboxEventsTable;
  outbox_consumers: OutboxConsumersTable;
  scheduled_runs: ScheduledRunsTable;
  alert_rule_settings: AlertRuleSettingsTable;
  alerts: AlertsTable;
  notification_events: notify.NotificationEventsTable;
  notifications: notify.NotificationsTable;
  notification_preferences: notify.NotificationPreferencesTable;
  webhook_subscriptions: notify.WebhookSubscriptionsTable;
  webhook_deliveries: notify.WebhookDeliveriesTable;
  webhook_attempts: notify.WebhookAttemptsTable;
  email_deliveries: notify.EmailDeliveriesTable;
  report_templates: reports.ReportTemplatesTable;
  report_schedules: reports.ReportSchedulesTable;
  report_deliveries: reports.ReportDeliveriesTable;
}

export interface StatementsTable {
  tenant_id: string;
  id: string;
  number: string;
  format: string;
  statement_ref: string;
  account_id: string;
  currency: string;
  opening_minor: ColumnType<bigint | null, bigint | string | null, bigint | string | null>;
  closing_minor: ColumnType<bigint | null, bigint | string | null, bigint | string | null>;
  from_date: BusinessDate | null;
  to_date: BusinessDate | null;
  filename: Defaulted<string>;
  file_sha256: string;
  line_count: number;
  new_lines: number;
  duplicate_lines: number;
  warnings: Json<{ code: string; message: string; position?: number; details?: Record<string, string> }[]>;
  imported_by: string | null;
  imported_at: Instant;
}

export type StatementLineStatus = 'unmatched' | 'suggested' | 'matched' | 'ignored';

export interface StatementLinesTable {
  tenant_id: string;
  id: string;
  statement_id: string;
  position: number;
  account_id: string;
  booking_date: BusinessDate;
  value_date: BusinessDate | null;
  amount_minor: Int8;
  currency: string;
  counterparty_name: Defaulted<string>;
  counterparty_account: Defaulted<string>;
  bank_ref: Defaulted<string>;
  end_to_end_ref: Defaulted<string>;
  description: Defaulted<string>;
  fingerprint: string;
  status: Defaulted<StatementLineStatus>;
  best_score: Defaulted<number | null>;
  suggestions: Json<StoredSuggestion[]>;
  customer_id: Defaulted<string | null>;
  status_reason: Defaulted<string | null>;
  matched_by: Defaulted<string | null>;
  matched_at: Defaulted<Date | null>;
}

/** A matcher's suggestion as kept on its line: amounts as minor-unit strings (JSON has no bigint). */
export interface StoredSuggestion {
  customerId: string;
  score: number;
  signals: { kind: string; weight: number; detail: string }[];
  items: { kind: 'receipt' | 'instalment'; id: string; amountMinor: string }[];
  lineIds: string[];
}

export interface StatementLineReceiptsTable {
  tenant_id: string;
  line_id: string;
  receipt_id: string;
  amount_minor: Int8;
  created_by: string | null;
  created_at: Instant;
}

export interface StatementMappingsTable {
  tenant_id: string;
  id: string;
  name: string;
  definition: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The customer key under which lines without a customer are balanced. */
export const NO_CUSTOMER = '00000000-0000-0000-0000-000000000000';

export type ImportKind = 'customers' | 'orders' | 'receipts';
export type ImportStatus = 'validating' | 'validated' | 'importing' | 'done' | 'failed';
export type ImportMode = 'all_or_nothing' | 'valid_only';
/** One problem of one cell (or of the row, column ''), as the import reports it. */
export interface ImportRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** A spreadsheet import job (src/app/imports). */
export interface ImportsTable {
  tenant_id: string;
  id: string;
  kind: ImportKind;
  format: 'csv' | 'xlsx';
  filename: Defaulted<string>;
  content_sha256: string;
  status: ImportStatus;
  mode: Defaulted<ImportMode | null>;
  total_rows: Defaulted<number>;
  processed_rows: Defaulted<number>;
  valid_rows: Defaulted<number>;
  error_rows: Defaulted<number>;
  imported_rows: Defaulted<number>;
  skipped_rows: Defaulted<number>;
  errors: Json<ImportRowError[]>;
  error_count: Defaulted<number>;
  failure: ColumnType<{ code: string; message: string } | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Instant;
  heartbeat_at: Instant;
  validated_at: Defaulted<Date | null>;
  committed_by: Defaulted<string | null>;
  finished_at: Defaulted<Date | null>;
}

export interface ImportRowsTable {
  tenant_id: string;
  import_id: string;
  row_no: number;
  /** The first row of the record this row belongs to (an order's instalment rows share their order's). */
  unit_row: number;
  data: Json<Record<string, string>>;
  status: 'valid' | 'invalid' | 'imported' | 'skipped';
  errors: Json<ImportRowError[]>;
  entity_id: Defaulted<string | null>;
}

// ---------------------------------------------------------------- gateway intake (issue 6)

/** A jsonb column that may be null: written as JSON text or null, read back parsed. */
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type GatewayEventStatus = 'received' | 'processed' | 'ignored' | 'unmatched' | 'failed' | 'conflict';

export interface IntegrationsTable {
  tenant_id: string;
  id: string;
  provider: 'stripe' | 'alipay' | 'wechatpay' | 'generic';
  name: string;
  enabled: Defaulted<boolean>;
  config: Json<Record<string, unknown>>;
  /** AES-256-GCM ciphertext of the secrets' JSON (src/app/gateways/secrets.ts). */
  secrets_ciphertext: string;
  secret_names: Defaulted<string[]>;
  created_at: Instant;
  updated_at: Instant;
}

export interface GatewayEventsTable {
  tenant_id: string;
  id: string;
  integration_id: string;
  provider: string;
  event_id: string;
  provider_type: string;
  payload_sha256: string;
  payload: string;
  headers: Json<Record<string, string>>;
  verification: Json<{ ok: boolean; method: string; detail: string }>;
  status: GatewayEventStatus;
  kind: string | null;
  /** The normalized event with amounts as decimal strings of minor units. */
  normalized: NullableJson<Record<string, unknown>>;
  payment_ref: string | null;
  occurred_at: Date | null;
  attempts: Defaulted<number>;
  next_attempt_at: Instant;
  lease_until: Defaulted<Date | null>;
  last_error: NullableJson<{ code: string; message: string }>;
  receipt_id: Defaulted<string | null>;
  refund_id: Defaulted<string | null>;
  conflict_of: Defaulted<string | null>;
  received_at: Instant;
  processed_at: Defaulted<Date | null>;
}

export interface GatewayPaymentsTable {
  tenant_id: string;
  integration_id: string;
  payment_ref: string;
  owner_event: string;
  receipt_id: Defaulted<string | null>;
  fee_entry_id: Defaulted<string | null>;
  created_at: Instant;
}

export interface GatewayDisputesTable {
  tenant_id: string;
  id: string;
  integration_id: string;
  dispute_ref: string;
  payment_ref: string;
  event_id: string;
  receipt_id: string | null;
  currency: string;
  amount_minor: Int8;
  held_minor: Int8;
  status: Defaulted<'open' | 'won' | 'lost'>;
  reason: Defaulted<string>;
  opened_at: Instant;
}

export interface WebhookRejectionsTable {
  tenant_id: string;
  id: string;
  integration_id: string | null;
  provider: string;
  reason: string;
  detail: Defaulted<string>;
  ip: string | null;
  received_at: Instant;
}

/** Outbox (issue 7): see migration 2026-11-28T0100-outbox-alerts. tx is an xid8, read as a decimal string. */
export interface OutboxEventsTable {
  tenant_id: string;
  id: Generated<bigint>;
  tx: Generated<string>;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Json<Record<string, unknown>>;
  occurred_at: Generated<Date>;
}

export interface OutboxConsumersTable {
  consumer: string;
  tx: Defaulted<string>;
  last_id: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  handled: ColumnType<bigint, bigint | string | undefined, bigint | string>;
  updated_at: Generated<Date>;
}

export interface ScheduledRunsTable {
  job: string;
  slot: string;
  runner: string;
  started_at: Generated<Date>;
  lease_until: Instant;
  finished_at: Instant | null;
  outcome: 'done' | 'failed' | null;
  detail: Defaulted<string>;
  attempts: Defaulted<number>;
}

export interface AlertRecipients {
  users: string[];
  roles: string[];
}

export interface AlertRuleSettingsTable {
  tenant_id: string;
  rule: string;
  enabled: boolean;
  severity: 'info' | 'warning' | 'critical';
  params: Json<Record<string, number>>;
  recipients: Json<AlertRecipients>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface AlertLink {
  type: string;
  id: string;
  label: string;
}

export interface AlertsTable {
  tenant_id: string;
  id: string;
  rule: string;
  severity: 'info' | 'warning' | 'critical';
  status: Defaulted<'open' | 'acknowledged' | 'resolved'>;
  dedupe_key: string;
  subject_type: string;
  subject_id: string;
  message_key: string;
  params: Json<Record<string, string>>;
  links: Json<AlertLink[]>;
  customer_id: string | null;
  recipients: Json<AlertRecipients>;
  assignee_id: string | null;
  raised_at: Generated<Date>;
  acknowledged_by: string | null;
  acknowledged_at: Instant | null;
  resolved_by: string | null;
  resolved_at: Instant | null;
  resolution: 'manual' | 'auto' | null;
  resolution_note: string | null;
}

import type { ColumnType, Generated } from 'kysely';

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
  refund_second_approval_minor: ColumnType<bigint | null, bigint | string | null | undefined, bigint | string | null>;
  session_idle_minutes: Defaulted<number>;
  session_absolute_minutes: Defaulted<number>;
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
}

export interface CustomersTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  owner_id: string | null;
  department_id: string | null;
  created_at: Instant;
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

export interface DB {
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
}

/** The customer key under which lines without a customer are balanced. */
export const NO_CUSTOMER = '00000000-0000-0000-0000-000000000000';

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
}

/** The customer key under which lines without a customer are balanced. */
export const NO_CUSTOMER = '00000000-0000-0000-0000-000000000000';

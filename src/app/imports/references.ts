import { sql, type Kysely } from 'kysely';
import { customerScope, type Actor } from '../actor.js';
import type { DB } from '../schema.js';

/**
 * The records a file names by code, looked up in bulk (a few statements per kind of reference, whatever the
 * number of rows), as the importing actor may see them: a customer outside their data scope is as unknown as
 * one that does not exist, exactly as in the API.
 */
const chunkSize = 5_000;

async function inChunks<T>(values: Iterable<string>, read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set([...values].filter((v) => v !== ''))];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += chunkSize) out.push(...(await read(unique.slice(i, i + chunkSize))));
  return out;
}

const any = (values: string[]) => sql<string>`ANY(${values}::text[])`;

export interface CustomerRef {
  id: string;
  code: string;
  owner_id: string | null;
  department_id: string | null;
}

export async function visibleCustomersByCode(db: Kysely<DB>, actor: Actor, codes: Iterable<string>): Promise<Map<string, CustomerRef>> {
  const rows = await inChunks(codes, (chunk) =>
    db.selectFrom('customers as c').select(['c.id', 'c.code', 'c.owner_id', 'c.department_id']).where(customerScope(actor, 'c')).where('c.code', '=', any(chunk)).execute());
  return new Map(rows.map((r) => [r.code, r]));
}

/** Codes already taken in the tenant, in or out of the actor's scope: a code is unique per tenant. */
export async function takenCustomerCodes(db: Kysely<DB>, tenantId: string, codes: Iterable<string>): Promise<Set<string>> {
  const rows = await inChunks(codes, (chunk) => db.selectFrom('customers').select('code').where('tenant_id', '=', tenantId).where('code', '=', any(chunk)).execute());
  return new Set(rows.map((r) => r.code));
}

export async function usersByLogin(db: Kysely<DB>, tenantId: string, logins: Iterable<string>): Promise<Map<string, { id: string; disabled: boolean }>> {
  const rows = await inChunks(logins, (chunk) => db.selectFrom('users').select(['id', 'login', 'disabled_at']).where('tenant_id', '=', tenantId).where('login', '=', any(chunk)).execute());
  return new Map(rows.map((r) => [r.login, { id: r.id, disabled: r.disabled_at !== null }]));
}

export async function departmentsByCode(db: Kysely<DB>, tenantId: string, codes: Iterable<string>): Promise<Map<string, string>> {
  const rows = await inChunks(codes, (chunk) => db.selectFrom('departments').select(['id', 'code']).where('tenant_id', '=', tenantId).where('code', '=', any(chunk)).execute());
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function productsByCode(db: Kysely<DB>, tenantId: string, codes: Iterable<string>): Promise<Map<string, { id: string; active: boolean }>> {
  const rows = await inChunks(codes, (chunk) => db.selectFrom('products').select(['id', 'code', 'active']).where('tenant_id', '=', tenantId).where('code', '=', any(chunk)).execute());
  return new Map(rows.map((r) => [r.code, { id: r.id, active: r.active }]));
}

export interface OrderRef {
  id: string;
  number: string;
  customer_id: string;
  currency: string;
  status: string;
  outstandingMinor: bigint;
}

/** Orders the actor may see (through their customer), by number, with what each still owes. */
export async function visibleOrdersByNumber(db: Kysely<DB>, actor: Actor, numbers: Iterable<string>): Promise<Map<string, OrderRef>> {
  const rows = await inChunks(numbers, (chunk) =>
    db.selectFrom('orders as o')
      .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.customer_id'))
      .select(['o.id', 'o.number', 'o.customer_id', 'o.currency', 'o.status', 'o.total_minor', 'o.paid_minor', 'o.credited_minor', 'o.written_off_minor'])
      .where(customerScope(actor, 'c'))
      .where('o.number', '=', any(chunk))
      .execute());
  return new Map(rows.map((r) => [r.number, {
    id: r.id, number: r.number, customer_id: r.customer_id, currency: r.currency, status: r.status,
    outstandingMinor: r.total_minor - r.paid_minor - r.credited_minor - r.written_off_minor,
  }]));
}

/** Whether a rate to the base currency is recorded on or before each (currency, date) asked about. */
export async function hasRecordedRate(db: Kysely<DB>, tenantId: string, currency: string, date: string): Promise<boolean> {
  const row = await db.selectFrom('fx_rates').select('currency').where('tenant_id', '=', tenantId).where('currency', '=', currency).where('rate_date', '<=', date).limit(1).executeTakeFirst();
  return row !== undefined;
}

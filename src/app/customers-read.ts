import { sql, type Kysely, type Transaction } from 'kysely';
import { isKxError, KxError, type ErrorCode, type FieldIssue } from '../core/errors.js';
import { formatAmount } from '../core/money/index.js';
import { customerScope, requireCustomerInScope, requirePermission, type Actor } from './actor.js';
import { appendAudit } from './audit.js';
import { newId } from './ids.js';
import { accountBalances } from './ledger.js';
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from './pagination.js';
import type { DB } from './schema.js';
import { inTransaction } from './transaction.js';

export interface CustomerMoney {
  currency: string;
  /** What the customer owes: the accounts_receivable balance. */
  receivable: string;
  /** What the customer paid ahead: the customer_advances balance, shown positive. */
  advance: string;
}

export interface CustomerView {
  id: string;
  code: string;
  name: string;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: string;
  balances: CustomerMoney[];
}

export interface CustomerFilter {
  owner?: string;
  /** A department and its sub-departments. */
  department?: string;
  /** Part of the name or code, any case. */
  q?: string;
  cursor?: string;
  limit?: number;
}

type CustomerRow = { id: string; code: string; name: string; owner_id: string | null; department_id: string | null; created_at: Date };

/** The customers the actor may see, in code order, each with its receivable and advance per currency. */
export async function listCustomers(db: Kysely<DB>, actor: Actor, filter: CustomerFilter): Promise<Page<CustomerView>> {
  requirePermission(actor, 'customers.view');
  const size = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (code) => isCustomerCursor(filter.cursor!, code));
  let query = db
    .selectFrom('customers as c')
    .select(['c.id', 'c.code', 'c.name', 'c.owner_id', 'c.department_id', 'c.created_at'])
    .where(customerScope(actor, 'c'));
  if (filter.owner !== undefined) query = query.where('c.owner_id', '=', filter.owner);
  if (filter.department !== undefined) query = query.where('c.department_id', 'in', departmentTree(actor.tenantId, filter.department));
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('c.name', 'ilike', pattern), eb('c.code', 'ilike', pattern)]));
  }
  if (after !== undefined) query = query.where('c.code', '>', after);
  const rows = await query.orderBy('c.code').limit(size + 1).execute();
  const page = toPage(rows, size, (r) => r, (r) => r.code);
  const money = await moneyOf(db, actor.tenantId, page.items.map((r) => r.id));
  return { items: page.items.map((r) => customerView(r, money.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

/**
 * Only the exact cursors listCustomers hands out: the canonical encoding of one customer code. A code is
 * never empty and, being stored text, holds no NUL (PostgreSQL would refuse the query: a 500) and no
 * unpaired surrogate (no UTF-8 for it); base64 or JSON written another way is not ours either.
 */
function isCustomerCursor(cursor: string, code: string): boolean {
  return code.length > 0 && !code.includes('\u0000') && !unpairedSurrogate.test(code) && encodeCursor(code) === cursor;
}

const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One customer; not_found when it is in another tenant or outside the actor's data scope. */
export async function getCustomer(db: Kysely<DB>, actor: Actor, customerId: string): Promise<CustomerView> {
  requirePermission(actor, 'customers.view');
  const row = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.code', 'c.name', 'c.owner_id', 'c.department_id', 'c.created_at'])
    .where(customerScope(actor, 'c'))
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  if (!row) throw new KxError('not_found', 'no such customer', { details: { customerId } });
  const money = await moneyOf(db, actor.tenantId, [row.id]);
  return customerView(row, money.get(row.id) ?? []);
}

export interface CustomerBalance {
  account: string;
  kind: string;
  currency: string;
  debit: string;
  credit: string;
  balance: string;
}

/** Every account the customer's lines touched, per currency (debit-positive balances, as the ledger keeps them). */
export async function customerBalances(db: Kysely<DB>, actor: Actor, customerId: string): Promise<{ customerId: string; balances: CustomerBalance[] }> {
  requirePermission(actor, 'customers.view');
  await requireCustomerInScope(db, actor, customerId);
  const rows = await accountBalances(db, actor.tenantId, { customerId });
  return {
    customerId,
    balances: rows.map((r) => ({
      account: r.account,
      kind: r.kind,
      currency: r.currency,
      debit: formatAmount(r.debitMinor, r.currency),
      credit: formatAmount(r.creditMinor, r.currency),
      balance: formatAmount(r.balanceMinor, r.currency),
    })),
  };
}

export interface NewCustomer {
  code: string;
  name: string;
  ownerId?: string;
  departmentId?: string;
}

/**
 * Creates a customer, audited. An own-scoped actor (a sales rep) always owns what they create; anyone
 * else may assign it, but nobody may create a customer their own data scope would hide from them.
 */
export async function createCustomer(db: Kysely<DB>, actor: Actor, input: NewCustomer): Promise<CustomerView> {
  requirePermission(actor, 'customers.manage');
  const code = input.code.trim();
  const name = input.name.trim();
  const blank = [...(code === '' ? ['code'] : []), ...(name === '' ? ['name'] : [])];
  if (blank.length > 0) {
    throw new KxError('validation_failed', `${blank.join(' and ')} must not be blank`, { fields: blank.map((field) => fieldIssue(field, 'validation_failed', 'blank')) });
  }
  const codeTaken = () => new KxError('already_exists', `a customer with the code ${code} exists`, { fields: [fieldIssue('code', 'already_exists', 'code taken')] });
  const id = newId();
  return inTransaction(db, async (trx) => {
    const { ownerId, departmentId } = await placement(trx, actor, input);
    const clash = await trx.selectFrom('customers').select('id').where('tenant_id', '=', actor.tenantId).where('code', '=', code).executeTakeFirst();
    if (clash) throw codeTaken();
    await trx.insertInto('customers').values({ tenant_id: actor.tenantId, id, code, name, owner_id: ownerId, department_id: departmentId }).execute();
    await requireCustomerInScope(trx, actor, id).catch((error: unknown) => {
      if (!isKxError(error, 'not_found')) throw error;
      throw new KxError('forbidden', 'this customer would be outside your data scope', { fields: [fieldIssue('departmentId', 'forbidden', 'outside your data scope')] });
    });
    await appendAudit(trx, actor, { action: 'customer.created', entityType: 'customer', entityId: id, after: { code, name, ownerId, departmentId } });
    return getCustomer(trx, actor, id);
  }).catch((error: unknown) => {
    // Two creators racing for one code: the loser gets the same answer as if it had come second.
    throw (error as { code?: string }).code === '23505' ? codeTaken() : error;
  });
}

function fieldIssue(field: string, code: ErrorCode, message: string): FieldIssue {
  return { field, code, message };
}

/** Owner and department of a new customer: own-scoped actors get themselves; a given owner brings their department. */
async function placement(trx: Transaction<DB>, actor: Actor, input: NewCustomer): Promise<{ ownerId: string | null; departmentId: string | null }> {
  if (actor.dataScope === 'own') return { ownerId: actor.userId, departmentId: actor.departmentId };
  let departmentId = input.departmentId ?? null;
  if (input.ownerId !== undefined) {
    const owner = await trx.selectFrom('users').select('department_id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.ownerId).executeTakeFirst();
    if (!owner) throw new KxError('validation_failed', 'ownerId does not name a user of this tenant', { fields: [fieldIssue('ownerId', 'validation_failed', 'no such user')] });
    departmentId ??= owner.department_id;
  }
  if (input.departmentId !== undefined) {
    const department = await trx.selectFrom('departments').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.departmentId).executeTakeFirst();
    if (!department) throw new KxError('validation_failed', 'departmentId does not name a department of this tenant', { fields: [fieldIssue('departmentId', 'validation_failed', 'no such department')] });
  }
  if (actor.dataScope === 'department') departmentId ??= actor.departmentId;
  return { ownerId: input.ownerId ?? null, departmentId };
}

/** A department and all its sub-departments, as a subquery. */
function departmentTree(tenantId: string, departmentId: string) {
  return sql<string>`(
    with recursive tree as (
      select id from departments where tenant_id = ${tenantId} and id = ${departmentId}
      union all
      select d.id from departments d join tree on d.parent_id = tree.id where d.tenant_id = ${tenantId}
    ) select id from tree)`;
}

/** Receivable and advance per customer and currency, straight from the balances the ledger maintains. */
async function moneyOf(db: Kysely<DB>, tenantId: string, customerIds: string[]): Promise<Map<string, CustomerMoney[]>> {
  const result = new Map<string, CustomerMoney[]>();
  if (customerIds.length === 0) return result;
  const rows = await db
    .selectFrom('account_balances as b')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'b.tenant_id').onRef('a.id', '=', 'b.account_id'))
    .select(['b.customer_key', 'b.currency', 'a.code', 'b.balance_minor'])
    .where('b.tenant_id', '=', tenantId)
    .where('a.code', 'in', ['accounts_receivable', 'customer_advances'])
    .where('b.customer_key', 'in', customerIds)
    .orderBy('b.currency')
    .execute();
  const byKey = new Map<string, { customerId: string; currency: string; receivable: bigint; advance: bigint }>();
  for (const r of rows) {
    const key = `${r.customer_key} ${r.currency}`;
    const sums = byKey.get(key) ?? { customerId: r.customer_key, currency: r.currency, receivable: 0n, advance: 0n };
    if (r.code === 'accounts_receivable') sums.receivable += r.balance_minor;
    else sums.advance -= r.balance_minor; // a liability: credit balance, negative in debit-positive terms
    byKey.set(key, sums);
  }
  for (const s of byKey.values()) {
    const list = result.get(s.customerId) ?? [];
    list.push({ currency: s.currency, receivable: formatAmount(s.receivable, s.currency), advance: formatAmount(s.advance, s.currency) });
    result.set(s.customerId, list);
  }
  return result;
}

function customerView(r: CustomerRow, balances: CustomerMoney[]): CustomerView {
  return { id: r.id, code: r.code, name: r.name, ownerId: r.owner_id, departmentId: r.department_id, createdAt: r.created_at.toISOString(), balances };
}

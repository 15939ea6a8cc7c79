import { sql, type Kysely, type Transaction } from 'kysely';
import { isKxError, KxError, type ErrorCode, type FieldIssue } from '../core/errors.js';
import { formatAmount } from '../core/money/index.js';
import { customerScope, departmentTree, requireCustomerInScope, requirePermission, type Actor } from './actor.js';
import { limits } from '../core/limits.js';
import { appendAudit } from './audit.js';
import { newId } from './ids.js';
import { accountBalances } from './ledger.js';
import { cleanContacts, cleanTags, contactsFor, type ContactInput } from './receivables/customer-details.js';
import { figuresOf, type CustomerFigures, type CustomerMoney } from './receivables/customer-figures.js';

export type { CustomerMoney };
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from './pagination.js';
import type { CustomerContact, DB } from './schema.js';
import { inTransaction } from './transaction.js';


export interface CustomerView {
  id: string;
  code: string;
  name: string;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: string;
  updatedAt: string;
  taxId: string | null;
  /** Phone and e-mail masked for anyone without sensitive.view. */
  contacts: CustomerContact[];
  tags: string[];
  remarks: string;
  balances: CustomerMoney[];
  /** Per currency: receivable, overdue, advance, received and refunded to date. */
  figures: CustomerFigures[];
}

export interface CustomerFilter {
  owner?: string;
  /** A department and its sub-departments. */
  department?: string;
  /** Customers carrying this tag. */
  tag?: string;
  /** Part of the name or code, any case. */
  q?: string;
  cursor?: string;
  limit?: number;
}

const customerColumns = ['c.id', 'c.code', 'c.name', 'c.owner_id', 'c.department_id', 'c.created_at', 'c.updated_at', 'c.tax_id', 'c.contacts', 'c.tags', 'c.remarks'] as const;
type CustomerRow = {
  id: string; code: string; name: string; owner_id: string | null; department_id: string | null; created_at: Date; updated_at: Date;
  tax_id: string | null; contacts: CustomerContact[]; tags: string[]; remarks: string;
};

/** The customers the list would show under these filters, unordered and unpaged (exports count them first). */
export function customerListQuery(db: Kysely<DB>, actor: Actor, filter: CustomerFilter) {
  let query = db
    .selectFrom('customers as c')
    .select(customerColumns)
    .where(customerScope(actor, 'c'));
  if (filter.owner !== undefined) query = query.where('c.owner_id', '=', filter.owner);
  if (filter.department !== undefined) query = query.where('c.department_id', 'in', departmentTree(actor.tenantId, filter.department));
  if (filter.tag !== undefined) query = query.where(sql<boolean>`${filter.tag} = any(c.tags)`);
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('c.name', 'ilike', pattern), eb('c.code', 'ilike', pattern)]));
  }
  return query;
}

/** The customers the actor may see, in code order, each with its receivable and advance per currency. */
export async function listCustomers(db: Kysely<DB>, actor: Actor, filter: CustomerFilter): Promise<Page<CustomerView>> {
  requirePermission(actor, 'customers.view');
  const size = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (code) => isCustomerCursor(filter.cursor!, code));
  let query = customerListQuery(db, actor, filter);
  if (after !== undefined) query = query.where('c.code', '>', after);
  const rows = await query.orderBy('c.code').limit(size + 1).execute();
  const page = toPage(rows, size, (r) => r, (r) => r.code);
  const ids = page.items.map((r) => r.id);
  const { balances, figures } = await figuresOf(db, actor.tenantId, ids);
  return { items: page.items.map((r) => customerView(actor, r, balances.get(r.id) ?? [], figures.get(r.id) ?? [])), nextCursor: page.nextCursor };
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
    .select(customerColumns)
    .where(customerScope(actor, 'c'))
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  if (!row) throw new KxError('not_found', 'no such customer', { details: { customerId } });
  const { balances, figures } = await figuresOf(db, actor.tenantId, [row.id]);
  return customerView(actor, row, balances.get(row.id) ?? [], figures.get(row.id) ?? []);
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
  taxId?: string | null;
  contacts?: ContactInput[];
  tags?: string[];
  remarks?: string;
}

export interface CustomerChanges {
  code?: string;
  name?: string;
  ownerId?: string | null;
  departmentId?: string | null;
  taxId?: string | null;
  contacts?: ContactInput[];
  tags?: string[];
  remarks?: string;
}

/**
 * Creates a customer, audited. An own-scoped actor (a sales rep) always owns what they create; anyone
 * else may assign it, but nobody may create a customer their own data scope would hide from them.
 */
export async function createCustomer(db: Kysely<DB>, actor: Actor, input: NewCustomer): Promise<CustomerView> {
  requirePermission(actor, 'customers.manage');
  const details = cleanDetails(actor, input, []);
  const code = details.code!;
  const name = details.name!;
  const id = newId();
  return inTransaction(db, async (trx) => {
    const { ownerId, departmentId } = await placement(trx, actor, input);
    await requireFreeCode(trx, actor.tenantId, code);
    await trx.insertInto('customers').values({
      tenant_id: actor.tenantId, id, code, name, owner_id: ownerId, department_id: departmentId,
      tax_id: details.taxId ?? null, contacts: JSON.stringify(details.contacts ?? []), tags: details.tags ?? [], remarks: details.remarks ?? '',
    }).execute();
    await requireStillInScope(trx, actor, id);
    await appendAudit(trx, actor, { action: 'customer.created', entityType: 'customer', entityId: id, after: { code, name, ownerId, departmentId, ...auditedDetails(details) } });
    return getCustomer(trx, actor, id);
  }).catch(codeRace(code));
}

/**
 * Changes a customer the actor may see (not_found otherwise), audited with before and after. An own-scoped
 * actor may not hand the customer to someone else, and nobody may move it out of their own data scope.
 * Orders keep the owner and department they were booked with.
 */
export async function updateCustomer(db: Kysely<DB>, actor: Actor, customerId: string, changes: CustomerChanges): Promise<CustomerView> {
  requirePermission(actor, 'customers.manage');
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('customers as c').select(customerColumns).where(customerScope(actor, 'c')).where('c.id', '=', customerId).forUpdate().executeTakeFirst();
    if (!before) throw new KxError('not_found', 'no such customer', { details: { customerId } });
    const details = cleanDetails(actor, changes, before.contacts);
    const ownerId = changes.ownerId === undefined ? before.owner_id : changes.ownerId;
    const departmentId = changes.departmentId === undefined ? before.department_id : changes.departmentId;
    await requireMayPlace(trx, actor, before, ownerId, departmentId);
    if (details.code !== undefined && details.code !== before.code) await requireFreeCode(trx, actor.tenantId, details.code);
    const after = { ...auditedRow(before), ...auditedDetails(details), ownerId, departmentId };
    if (JSON.stringify(after) === JSON.stringify(auditedRow(before))) return getCustomer(trx, actor, customerId);
    await trx.updateTable('customers').set({
      code: after.code, name: after.name, owner_id: ownerId, department_id: departmentId, tax_id: after.taxId,
      contacts: JSON.stringify(after.contacts), tags: after.tags, remarks: after.remarks, updated_at: new Date(),
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', customerId).execute();
    await requireStillInScope(trx, actor, customerId);
    await appendAudit(trx, actor, { action: 'customer.updated', entityType: 'customer', entityId: customerId, before: auditedRow(before), after });
    return getCustomer(trx, actor, customerId);
  }).catch(codeRace(changes.code?.trim() ?? ''));
}

type Details = { code?: string; name?: string; taxId?: string | null; contacts?: CustomerContact[]; tags?: string[]; remarks?: string };

/** Trimmed text, cleaned contacts and tags; every problem reported at once. */
function cleanDetails(actor: Actor, input: CustomerChanges, storedContacts: readonly CustomerContact[]): Details {
  const issues: FieldIssue[] = [];
  const out: Details = {};
  for (const field of ['code', 'name'] as const) {
    if (input[field] === undefined) continue;
    out[field] = input[field].trim();
    if (out[field] === '') issues.push(fieldIssue(field, 'validation_failed', 'blank'));
  }
  if (input.taxId !== undefined) out.taxId = input.taxId === null || input.taxId.trim() === '' ? null : input.taxId.trim();
  if (input.contacts !== undefined) {
    if (input.contacts.length > limits.customerContactsMax) issues.push(fieldIssue('contacts', 'validation_failed', `at most ${limits.customerContactsMax} contacts`));
    out.contacts = cleanContacts(actor, input.contacts, storedContacts, issues);
  }
  if (input.tags !== undefined) out.tags = cleanTags(input.tags, issues);
  if (input.remarks !== undefined) out.remarks = input.remarks.trim();
  if (issues.length > 0) throw new KxError(issues[0]!.code, issues.map((i) => `${i.field}: ${i.message}`).join('; '), { fields: issues });
  return out;
}

function auditedRow(r: CustomerRow) {
  return { code: r.code, name: r.name, ownerId: r.owner_id, departmentId: r.department_id, taxId: r.tax_id, contacts: auditedContacts(r.contacts), tags: r.tags, remarks: r.remarks };
}

/** The fields a change sets, in the audit's terms (an unset field is left out, not written as null). */
function auditedDetails(d: Details): Partial<ReturnType<typeof auditedRow>> {
  const { contacts, ...rest } = d;
  const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return contacts === undefined ? set : { ...set, contacts: auditedContacts(contacts) };
}

/** In one key order (jsonb hands keys back in its own), so an unchanged list compares equal. */
function auditedContacts(contacts: readonly CustomerContact[]): Record<string, string>[] {
  return contacts.map((c) => Object.fromEntries((['name', 'title', 'phone', 'email'] as const).flatMap((k) => (c[k] === undefined ? [] : [[k, c[k]]]))));
}

/** Who may own a customer: own-scoped actors keep what they have; a named owner or department must exist. */
async function requireMayPlace(trx: Transaction<DB>, actor: Actor, before: CustomerRow, ownerId: string | null, departmentId: string | null): Promise<void> {
  if (actor.dataScope === 'own' && (ownerId !== before.owner_id || departmentId !== before.department_id)) {
    throw new KxError('forbidden', 'your data scope is your own customers: you cannot hand one to someone else', {
      fields: [fieldIssue(ownerId !== before.owner_id ? 'ownerId' : 'departmentId', 'forbidden', 'not yours to reassign')],
    });
  }
  if (ownerId !== null && ownerId !== before.owner_id) await requireUser(trx, actor.tenantId, ownerId);
  if (departmentId !== null && departmentId !== before.department_id) await requireDepartment(trx, actor.tenantId, departmentId);
}

async function requireUser(trx: Transaction<DB>, tenantId: string, userId: string) {
  const owner = await trx.selectFrom('users').select('department_id').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  if (!owner) throw new KxError('validation_failed', 'ownerId does not name a user of this tenant', { fields: [fieldIssue('ownerId', 'validation_failed', 'no such user')] });
  return owner;
}

async function requireDepartment(trx: Transaction<DB>, tenantId: string, departmentId: string): Promise<void> {
  const department = await trx.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where('id', '=', departmentId).executeTakeFirst();
  if (!department) throw new KxError('validation_failed', 'departmentId does not name a department of this tenant', { fields: [fieldIssue('departmentId', 'validation_failed', 'no such department')] });
}

async function requireStillInScope(trx: Transaction<DB>, actor: Actor, customerId: string): Promise<void> {
  await requireCustomerInScope(trx, actor, customerId).catch((error: unknown) => {
    if (!isKxError(error, 'not_found')) throw error;
    throw new KxError('forbidden', 'this customer would be outside your data scope', { fields: [fieldIssue('departmentId', 'forbidden', 'outside your data scope')] });
  });
}

function codeTaken(code: string): KxError {
  return new KxError('already_exists', `a customer with the code ${code} exists`, { fields: [fieldIssue('code', 'already_exists', 'code taken')] });
}

async function requireFreeCode(trx: Transaction<DB>, tenantId: string, code: string): Promise<void> {
  const clash = await trx.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
  if (clash) throw codeTaken(code);
}

/** Two writers racing for one code: the loser gets the same answer as if it had come second. */
function codeRace(code: string) {
  return (error: unknown): never => {
    throw (error as { code?: string }).code === '23505' ? codeTaken(code) : error;
  };
}

function fieldIssue(field: string, code: ErrorCode, message: string): FieldIssue {
  return { field, code, message };
}

/** Owner and department of a new customer: own-scoped actors get themselves; a given owner brings their department. */
async function placement(trx: Transaction<DB>, actor: Actor, input: NewCustomer): Promise<{ ownerId: string | null; departmentId: string | null }> {
  if (actor.dataScope === 'own') return { ownerId: actor.userId, departmentId: actor.departmentId };
  let departmentId = input.departmentId ?? null;
  if (input.ownerId !== undefined) departmentId ??= (await requireUser(trx, actor.tenantId, input.ownerId)).department_id;
  if (input.departmentId !== undefined) await requireDepartment(trx, actor.tenantId, input.departmentId);
  if (actor.dataScope === 'department') departmentId ??= actor.departmentId;
  return { ownerId: input.ownerId ?? null, departmentId };
}

function customerView(actor: Actor, r: CustomerRow, balances: CustomerMoney[], figures: CustomerFigures[]): CustomerView {
  return {
    id: r.id, code: r.code, name: r.name, ownerId: r.owner_id, departmentId: r.department_id, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    taxId: r.tax_id, contacts: contactsFor(actor, r.contacts), tags: r.tags, remarks: r.remarks, balances, figures,
  };
}

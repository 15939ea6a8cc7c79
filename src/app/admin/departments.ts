import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { KxError, type FieldIssue } from '../../core/errors.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { newId } from '../ids.js';
import type { DB, DepartmentsTable } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { isAdministrator, isAtOrBelow, issue, pgErrorOf, requireInOwnSubtree, throwIfInvalid, trimmed, uuidShape, type PageRequest } from './common.js';
import { decodeCursor, pageSize, toPage, type Page } from '../pagination.js';

export interface DepartmentView {
  id: string;
  code: string;
  name: string;
  /** null for a top-level department; the list is a tree by this link. */
  parentId: string | null;
  createdAt: string;
}

export interface NewDepartment {
  code: string;
  name: string;
  parentId?: string | null;
}

export type DepartmentChanges = Partial<NewDepartment>;

const columns = ['id', 'code', 'name', 'parent_id', 'created_at'] as const;
type DepartmentRow = Pick<Selectable<DepartmentsTable>, (typeof columns)[number]>;

const codeShape = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const nameCharsMax = 100;

/** Every signed-in user may read the department tree (filters and pickers everywhere need it). */
export async function listDepartments(db: Kysely<DB>, actor: Actor, request: PageRequest): Promise<Page<DepartmentView>> {
  const limit = pageSize(request.limit);
  const after = decodeCursor(request.cursor, (k) => codeShape.test(k));
  let query = db.selectFrom('departments').select(columns).where('tenant_id', '=', actor.tenantId);
  if (after !== undefined) query = query.where('code', '>', after);
  const rows = await query.orderBy('code').limit(limit + 1).execute();
  return toPage(rows, limit, view, (r) => r.code);
}

export async function getDepartment(db: Kysely<DB>, actor: Actor, departmentId: string): Promise<DepartmentView> {
  return view(await findDepartment(db, actor.tenantId, departmentId));
}

export async function createDepartment(db: Kysely<DB>, actor: Actor, input: NewDepartment): Promise<DepartmentView> {
  requirePermission(actor, 'users.manage');
  const values = normalize({ ...input, parentId: input.parentId ?? null });
  return inTransaction(db, async (trx) => {
    if (values.parent_id) await requireDepartment(trx, actor.tenantId, values.parent_id, 'parentId');
    const row = await trx
      .insertInto('departments')
      .values({ tenant_id: actor.tenantId, id: newId(), code: values.code!, name: values.name!, parent_id: values.parent_id ?? null })
      .returning(columns)
      .executeTakeFirstOrThrow()
      .catch(translateWriteError);
    await appendAudit(trx, actor, { action: 'department.create', entityType: 'department', entityId: row.id, after: auditOf(row) });
    return view(row);
  });
}

export async function updateDepartment(db: Kysely<DB>, actor: Actor, departmentId: string, changes: DepartmentChanges): Promise<DepartmentView> {
  requirePermission(actor, 'users.manage');
  const values = normalize(changes);
  return inTransaction(db, async (trx) => {
    if (values.parent_id !== undefined) await lockTree(trx, actor.tenantId);
    const before = await findDepartment(trx, actor.tenantId, departmentId, 'no key update');
    if (values.parent_id) await requireDepartment(trx, actor.tenantId, values.parent_id, 'parentId');
    if (values.parent_id !== undefined && values.parent_id !== before.parent_id) await requireMayMove(trx, actor, departmentId, values.parent_id);
    if (values.parent_id && (await isAtOrBelow(trx, actor.tenantId, values.parent_id, departmentId))) {
      throw new KxError('validation_failed', 'a department cannot be moved under itself or one of its sub-departments', {
        fields: [issue('parentId', 'this would make a cycle')],
      });
    }
    const after = { ...before, ...values };
    if (JSON.stringify(auditOf(after)) === JSON.stringify(auditOf(before))) return view(before);
    await trx.updateTable('departments').set(values).where('tenant_id', '=', actor.tenantId).where('id', '=', departmentId).execute().catch(translateWriteError);
    await appendAudit(trx, actor, { action: 'department.update', entityType: 'department', entityId: departmentId, before: auditOf(before), after: auditOf(after) });
    return view(after);
  });
}

/** Only an unused department may go: no sub-departments, users, customers or postings refer to it. */
export async function deleteDepartment(db: Kysely<DB>, actor: Actor, departmentId: string): Promise<void> {
  requirePermission(actor, 'users.manage');
  await inTransaction(db, async (trx) => {
    const before = await findDepartment(trx, actor.tenantId, departmentId, 'update');
    const t = actor.tenantId;
    const [children, users, customers] = await Promise.all([
      countWhere(trx, 'departments', t, 'parent_id', departmentId),
      countWhere(trx, 'users', t, 'department_id', departmentId),
      countWhere(trx, 'customers', t, 'department_id', departmentId),
    ]);
    if (children + users + customers > 0) {
      throw new KxError('invalid_state', 'this department still has sub-departments, users or customers', { details: { children, users, customers } });
    }
    await trx
      .deleteFrom('departments')
      .where('tenant_id', '=', t)
      .where('id', '=', departmentId)
      .execute()
      .catch((error: unknown) => {
        // Something else refers to it (a posting's department dimension, or a user added this instant).
        if (pgErrorOf(error).code === '23503') throw new KxError('invalid_state', 'this department is still referred to and cannot be deleted');
        throw error;
      });
    await appendAudit(trx, actor, { action: 'department.delete', entityType: 'department', entityId: departmentId, before: auditOf(before) });
  });
}

/** Throws a field error unless the department exists in the tenant (for ids given in a request body). */
export async function requireDepartment(trx: Kysely<DB>, tenantId: string, departmentId: string, field: string): Promise<void> {
  const found = uuidShape.test(departmentId)
    ? await trx.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).where('id', '=', departmentId).executeTakeFirst()
    : undefined;
  if (!found) throw new KxError('validation_failed', 'no such department', { fields: [issue(field, 'no such department')] });
}

/**
 * Loads a department, optionally locked: a delete locks it FOR UPDATE so nothing can start referring to it
 * meanwhile; an update only FOR NO KEY UPDATE, which lets users and customers be assigned to it meanwhile.
 */
async function findDepartment(db: Kysely<DB>, tenantId: string, departmentId: string, lock?: 'update' | 'no key update'): Promise<DepartmentRow> {
  let query = db.selectFrom('departments').select(columns).where('tenant_id', '=', tenantId).where('id', '=', departmentId);
  if (lock === 'update') query = query.forUpdate();
  if (lock === 'no key update') query = query.forNoKeyUpdate();
  const row = uuidShape.test(departmentId) ? await query.executeTakeFirst() : undefined;
  if (!row) throw new KxError('not_found', 'no such department', { details: { departmentId } });
  return row;
}

/**
 * Moves within one tenant's tree are serialized: two moves that are each fine alone (A under B, B under A)
 * would make a cycle together if both checked before either committed.
 */
async function lockTree(trx: Transaction<DB>, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`kx.departments:${tenantId}`}, 0))`.execute(trx);
}

/**
 * Moving a department changes who sees its customers. A department-scoped actor may move only what lies
 * below its own department, to somewhere below it too (never to the top level): otherwise it could pull
 * another department under its own and see its customers. Its own department is not its to move.
 */
async function requireMayMove(trx: Transaction<DB>, actor: Actor, departmentId: string, parentId: string | null): Promise<void> {
  if (isAdministrator(actor) || actor.dataScope !== 'department') return;
  await requireInOwnSubtree(trx, actor, departmentId, 'this department', true);
  if (parentId === null) throw new KxError('forbidden', 'a top-level department is outside your own department', { details: { departmentId } });
  await requireInOwnSubtree(trx, actor, parentId, 'the new parent department');
}

async function countWhere(trx: Transaction<DB>, table: 'departments' | 'users' | 'customers', tenantId: string, column: 'parent_id' | 'department_id', id: string): Promise<number> {
  const row = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where tenant_id = ${tenantId} and ${sql.ref(column)} = ${id}`.execute(trx);
  return Number(row.rows[0]?.n ?? 0);
}

function translateWriteError(error: unknown): never {
  const { code, constraint } = pgErrorOf(error);
  if (constraint === 'departments_tenant_id_code_key') {
    throw new KxError('already_exists', 'a department with this code already exists', { fields: [issue('code', 'code already taken')] });
  }
  if (code === '23503') throw new KxError('validation_failed', 'no such department', { fields: [issue('parentId', 'no such department')] });
  throw error;
}

function normalize(input: DepartmentChanges) {
  const issues: FieldIssue[] = [];
  const name = trimmed(input.name);
  if (input.code !== undefined && !codeShape.test(input.code)) issues.push(issue('code', 'a code is 1–40 letters, digits, ".", "_" or "-"'));
  if (name !== undefined && (name.length === 0 || name.length > nameCharsMax)) issues.push(issue('name', `a name is 1–${nameCharsMax} characters`));
  if (input.parentId && !uuidShape.test(input.parentId)) issues.push(issue('parentId', 'no such department'));
  throwIfInvalid(issues);
  const values: Partial<Pick<DepartmentRow, 'code' | 'name' | 'parent_id'>> = {};
  if (input.code !== undefined) values.code = input.code;
  if (name !== undefined) values.name = name;
  if (input.parentId !== undefined) values.parent_id = input.parentId;
  return values;
}

function view(row: DepartmentRow): DepartmentView {
  return { id: row.id, code: row.code, name: row.name, parentId: row.parent_id, createdAt: new Date(row.created_at).toISOString() };
}

function auditOf(row: Omit<DepartmentRow, 'id' | 'created_at'>) {
  return { code: row.code, name: row.name, parentId: row.parent_id };
}

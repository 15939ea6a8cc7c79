import { sql, type Kysely, type Transaction } from 'kysely';
import { KxError, type FieldIssue } from '../../core/errors.js';
import { dataScopes, isPermission, permissions, type DataScope, type Permission } from '../../core/auth/permissions.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { isAdministrator, issue, pgErrorOf, requireCanGrant, roleOfActor, throwIfInvalid, trimmed, type PageRequest } from './common.js';
import { decodeCursor, pageSize, toPage, type Page } from '../pagination.js';

export interface RoleView {
  code: string;
  name: string;
  /** Permission codes; the built-in admin role holds '*' (everything, including permissions added later). */
  permissions: string[];
  dataScope: DataScope;
  /** Built-in roles are defined by the product and cannot be changed or deleted. */
  builtin: boolean;
  /** Users who have this role (enabled or not). */
  userCount: number;
  createdAt: string;
}

export interface NewRole {
  code: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
}

export type RoleChanges = Partial<Omit<NewRole, 'code'>>;

/** The same rule as the database's check on roles.code. */
const codeShape = /^[a-z][a-z0-9_]{1,39}$/;
const nameCharsMax = 100;

interface RoleRow {
  code: string;
  name: string;
  permissions: string[];
  data_scope: DataScope;
  builtin: boolean;
  created_at: Date | string;
  user_count: string | number | bigint;
}

/** What a custom role can be built from, for role editors. */
export function roleCatalog(actor: Actor): { permissions: Permission[]; dataScopes: DataScope[] } {
  requirePermission(actor, 'users.manage');
  return { permissions: [...permissions], dataScopes: [...dataScopes] };
}

export async function listRoles(db: Kysely<DB>, actor: Actor, request: PageRequest): Promise<Page<RoleView>> {
  requirePermission(actor, 'users.manage');
  const limit = pageSize(request.limit);
  const after = decodeCursor(request.cursor, (k) => codeShape.test(k));
  const rows = await roleQuery(db, actor.tenantId)
    .$if(after !== undefined, (q) => q.where('r.code', '>', after!))
    .orderBy('r.code')
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, view, (r) => r.code);
}

export async function getRole(db: Kysely<DB>, actor: Actor, code: string): Promise<RoleView> {
  requirePermission(actor, 'users.manage');
  return view(await findRole(db, actor.tenantId, code));
}

export async function createRole(db: Kysely<DB>, actor: Actor, input: NewRole): Promise<RoleView> {
  requirePermission(actor, 'users.manage');
  const issues: FieldIssue[] = [];
  if (!codeShape.test(input.code)) issues.push(issue('code', 'a role code is 2–40 lower-case letters, digits or "_", starting with a letter'));
  const values = normalize(input, issues);
  requireCanGrant(actor, { permissions: values.permissions!, dataScope: values.data_scope! }, 'this role');
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('roles')
      .values({ tenant_id: actor.tenantId, code: input.code, name: values.name!, permissions: values.permissions!, data_scope: values.data_scope!, builtin: false })
      .execute()
      .catch((error: unknown) => {
        if (pgErrorOf(error).code === '23505') throw new KxError('already_exists', `a role ${input.code} already exists`, { fields: [issue('code', 'code already taken')] });
        throw error;
      });
    const row = await findRole(trx, actor.tenantId, input.code);
    await appendAudit(trx, actor, { action: 'role.create', entityType: 'role', entityId: input.code, after: auditOf(row) });
    return view(row);
  });
}

/** A role's new permissions apply from the next request of each of its users: actors are built per request. */
export async function updateRole(db: Kysely<DB>, actor: Actor, code: string, changes: RoleChanges): Promise<RoleView> {
  requirePermission(actor, 'users.manage');
  const values = normalize(changes);
  return inTransaction(db, async (trx) => {
    const before = await lockCustomRole(trx, actor, code);
    const after = { ...before, ...values };
    requireCanGrant(actor, { permissions: after.permissions, dataScope: after.data_scope }, 'this role');
    if (JSON.stringify(auditOf(after)) === JSON.stringify(auditOf(before))) return view(before);
    await trx.updateTable('roles').set(values).where('tenant_id', '=', actor.tenantId).where('code', '=', code).execute();
    await appendAudit(trx, actor, { action: 'role.update', entityType: 'role', entityId: code, before: auditOf(before), after: auditOf(after) });
    return view(after);
  });
}

export async function deleteRole(db: Kysely<DB>, actor: Actor, code: string): Promise<void> {
  requirePermission(actor, 'users.manage');
  await inTransaction(db, async (trx) => {
    const before = await lockCustomRole(trx, actor, code);
    if (Number(before.user_count) > 0) {
      throw new KxError('invalid_state', 'this role is still assigned to users: give them another role first', { details: { userCount: Number(before.user_count) } });
    }
    await trx
      .deleteFrom('roles')
      .where('tenant_id', '=', actor.tenantId)
      .where('code', '=', code)
      .execute()
      .catch((error: unknown) => {
        // A user was given the role after the count (the foreign key from users.role refuses the delete).
        if (pgErrorOf(error).code === '23503') throw new KxError('invalid_state', 'this role is still assigned to users: give them another role first');
        throw error;
      });
    await appendAudit(trx, actor, { action: 'role.delete', entityType: 'role', entityId: code, before: auditOf(before) });
  });
}

function roleQuery(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('roles as r')
    .select(['r.code', 'r.name', 'r.permissions', 'r.data_scope', 'r.builtin', 'r.created_at'])
    .select(sql<string>`(select count(*) from users u where u.tenant_id = r.tenant_id and u.role = r.code)`.as('user_count'))
    .where('r.tenant_id', '=', tenantId);
}

async function findRole(db: Kysely<DB>, tenantId: string, code: string): Promise<RoleRow> {
  const row = codeShape.test(code) ? await roleQuery(db, tenantId).where('r.code', '=', code).executeTakeFirst() : undefined;
  if (!row) throw new KxError('not_found', 'no such role', { details: { code } });
  return row;
}

/**
 * Built-in roles are part of the product (and of the migration that created them): they are read-only.
 * A custom role may be changed only by someone who could grant it, and never by its own holders (unless
 * administrators): whoever edits the role they hold edits their own rights.
 */
async function lockCustomRole(trx: Transaction<DB>, actor: Actor, code: string): Promise<RoleRow> {
  if (codeShape.test(code)) {
    await trx.selectFrom('roles').select('code').where('tenant_id', '=', actor.tenantId).where('code', '=', code).forUpdate().execute();
  }
  const row = await findRole(trx, actor.tenantId, code);
  if (row.builtin) throw new KxError('invalid_state', 'built-in roles cannot be changed or deleted; create a custom role instead');
  requireCanGrant(actor, { permissions: row.permissions, dataScope: row.data_scope }, 'this role');
  if (!isAdministrator(actor) && (await roleOfActor(trx, actor)) === code) {
    throw new KxError('forbidden', 'you cannot change the role you hold yourself; ask an administrator');
  }
  return row;
}

function normalize(input: RoleChanges, issues: FieldIssue[] = []) {
  const name = trimmed(input.name);
  if (name !== undefined && (name.length === 0 || name.length > nameCharsMax)) issues.push(issue('name', `a name is 1–${nameCharsMax} characters`));
  input.permissions?.forEach((p, index) => {
    if (!isPermission(p)) issues.push(issue(`permissions[${index}]`, p === '*' ? "only the built-in admin role holds '*'" : `there is no permission ${p}`));
    else if (input.permissions!.indexOf(p) !== index) issues.push(issue(`permissions[${index}]`, `${p} is listed twice`));
  });
  if (input.dataScope !== undefined && !(dataScopes as readonly string[]).includes(input.dataScope)) {
    issues.push(issue('dataScope', `a data scope is one of ${dataScopes.join(', ')}`));
  }
  throwIfInvalid(issues);
  const values: { name?: string; permissions?: string[]; data_scope?: DataScope } = {};
  if (name !== undefined) values.name = name;
  if (input.permissions !== undefined) values.permissions = [...input.permissions].sort();
  if (input.dataScope !== undefined) values.data_scope = input.dataScope;
  return values;
}

function view(row: RoleRow): RoleView {
  return {
    code: row.code,
    name: row.name,
    permissions: row.permissions,
    dataScope: row.data_scope,
    builtin: row.builtin,
    userCount: Number(row.user_count),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function auditOf(row: Pick<RoleRow, 'name' | 'permissions' | 'data_scope'>) {
  return { name: row.name, permissions: row.permissions, dataScope: row.data_scope };
}

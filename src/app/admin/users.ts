import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DataScope } from '../../core/auth/permissions.js';
import { KxError, type FieldIssue } from '../../core/errors.js';
import { maskEmail, maskPhone } from '../../core/auth/masking.js';
import { can, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { endAllSessions } from '../auth/sessions.js';
import { hashPassword, passwordProblem } from '../auth/passwords.js';
import { newId } from '../ids.js';
import type { DB, UsersTable } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { isAdministrator, issue, pgErrorOf, requireCanGrant, requireInOwnSubtree, throwIfInvalid, trimmed, uuidShape, type Grantable, type PageRequest } from './common.js';
import { decodeCursor, pageSize, toPage, type Page } from '../pagination.js';
import { requireDepartment } from './departments.js';

/** A user as the API shows them: never the password hash; phone and e-mail masked without sensitive.view. */
export interface UserView {
  id: string;
  login: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  role: string;
  departmentId: string | null;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
}

export interface NewUser {
  login: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  role: string;
  departmentId?: string | null;
  password: string;
}

export type UserChanges = Partial<Pick<NewUser, 'displayName' | 'email' | 'phone' | 'role' | 'departmentId'>>;

export interface UserFilter extends PageRequest {
  role?: string;
  departmentId?: string;
  disabled?: boolean;
}

const userColumns = ['id', 'login', 'display_name', 'email', 'phone', 'role', 'department_id', 'disabled_at', 'created_at'] as const;
type UserRow = Pick<Selectable<UsersTable>, (typeof userColumns)[number]>;

/** The role that holds '*'. Only it can administer everything, so the tenant must always keep one enabled. */
const adminRole = 'admin';

/**
 * The tenant's user directory. Any signed-in user may read it (owners are picked from it, and every screen
 * names who did what); contact details are masked for those without sensitive.view.
 */
export async function listUsers(db: Kysely<DB>, actor: Actor, filter: UserFilter): Promise<Page<UserView>> {
  const limit = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (k) => uuidShape.test(k));
  let query = db.selectFrom('users').select(userColumns).where('tenant_id', '=', actor.tenantId);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  if (filter.departmentId !== undefined) query = query.where('department_id', '=', filter.departmentId);
  if (filter.disabled !== undefined) query = query.where('disabled_at', filter.disabled ? 'is not' : 'is', null);
  if (after !== undefined) query = query.where('id', '>', after);
  const rows = await query.orderBy('id').limit(limit + 1).execute();
  return toPage(rows, limit, (r) => userView(r, actor), (r) => r.id);
}

export async function getUser(db: Kysely<DB>, actor: Actor, userId: string): Promise<UserView> {
  return userView(await findUser(db, actor.tenantId, userId), actor);
}

export async function createUser(db: Kysely<DB>, actor: Actor, input: NewUser): Promise<UserView> {
  requirePermission(actor, 'users.manage');
  const values = normalizeNewUser(input);
  // Hashing is deliberately slow: do it before the transaction, so no lock waits on it.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    await requireAssignableRole(trx, actor, values.role);
    if (values.department_id) {
      await requireDepartment(trx, actor.tenantId, values.department_id, 'departmentId');
      // The creator sets the password: a user placed elsewhere would be a window onto another department.
      await requireInOwnSubtree(trx, actor, values.department_id, 'the department of the new user');
    }
    const row = await trx
      .insertInto('users')
      .values({ tenant_id: actor.tenantId, id: newId(), ...values, password_hash: passwordHash, disabled_at: null, password_changed_at: new Date() })
      .returning(userColumns)
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if (pgErrorOf(error).constraint === 'users_login_key') {
          throw new KxError('already_exists', 'a user with this login already exists', { fields: [issue('login', 'login already taken')] });
        }
        throw error;
      });
    await appendAudit(trx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: auditOf(row) });
    return userView(row, actor);
  });
}

export async function updateUser(db: Kysely<DB>, actor: Actor, userId: string, changes: UserChanges): Promise<UserView> {
  requirePermission(actor, 'users.manage');
  const values = normalizeChanges(changes);
  return inTransaction(db, async (trx) => {
    const before = await lockUser(trx, actor, userId);
    const roleChanges = values.role !== undefined && values.role !== before.role;
    const departmentChanges = values.department_id !== undefined && values.department_id !== before.department_id;
    requireNotOwnRights(actor, userId, roleChanges, departmentChanges);
    if (roleChanges) {
      await requireAssignableRole(trx, actor, values.role!);
      if (before.role === adminRole && !before.disabled_at) await requireAnotherEnabledAdmin(trx, actor.tenantId, userId);
    }
    if (values.department_id) await requireDepartment(trx, actor.tenantId, values.department_id, 'departmentId');
    if (departmentChanges) await requireMoveInOwnSubtree(trx, actor, before.department_id, values.department_id ?? null);
    const after = { ...before, ...values };
    if (JSON.stringify(auditOf(after)) === JSON.stringify(auditOf(before))) return userView(before, actor);
    await trx.updateTable('users').set(values).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).execute();
    // A new role means new rights: whoever holds a session must sign in again under them.
    if (after.role !== before.role) await endAllSessions(trx, actor.tenantId, userId);
    await appendAudit(trx, actor, { action: 'user.update', entityType: 'user', entityId: userId, before: auditOf(before), after: auditOf(after) });
    return userView(after, actor);
  });
}

/**
 * Disabling ends every session of the user at once and revokes every API key they made (for good: enabling
 * the user again does not bring the keys back), each revocation audited in the same transaction.
 */
export async function disableUser(db: Kysely<DB>, actor: Actor, userId: string): Promise<UserView> {
  requirePermission(actor, 'users.manage');
  return inTransaction(db, async (trx) => {
    const before = await lockUser(trx, actor, userId);
    if (before.disabled_at) throw new KxError('invalid_state', 'this user is already disabled');
    if (actor.userId === userId) throw new KxError('invalid_state', 'you cannot disable yourself');
    if (before.role === adminRole) await requireAnotherEnabledAdmin(trx, actor.tenantId, userId);
    const after = { ...before, disabled_at: new Date() };
    await trx.updateTable('users').set({ disabled_at: after.disabled_at }).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).execute();
    await endAllSessions(trx, actor.tenantId, userId);
    await appendAudit(trx, actor, { action: 'user.disable', entityType: 'user', entityId: userId, before: auditOf(before), after: auditOf(after) });
    await revokeApiKeysOf(trx, actor, userId, after.disabled_at);
    return userView(after, actor);
  });
}

export async function enableUser(db: Kysely<DB>, actor: Actor, userId: string): Promise<UserView> {
  requirePermission(actor, 'users.manage');
  return inTransaction(db, async (trx) => {
    const before = await lockUser(trx, actor, userId);
    if (!before.disabled_at) throw new KxError('invalid_state', 'this user is not disabled');
    const after = { ...before, disabled_at: null };
    await trx.updateTable('users').set({ disabled_at: null }).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).execute();
    await appendAudit(trx, actor, { action: 'user.enable', entityType: 'user', entityId: userId, before: auditOf(before), after: auditOf(after) });
    return userView(after, actor);
  });
}

async function findUser(db: Kysely<DB>, tenantId: string, userId: string): Promise<UserRow> {
  const row = uuidShape.test(userId)
    ? await db.selectFrom('users').select(userColumns).where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst()
    : undefined;
  if (!row) throw new KxError('not_found', 'no such user', { details: { userId } });
  return row;
}

/**
 * Locks the user against concurrent changes (NO KEY UPDATE: rows that merely reference the user, such as
 * new sessions or customers they own, are not held up), and refuses to touch a user whose role carries
 * more than the actor holds: someone with users.manage alone cannot disable or re-role an administrator.
 */
async function lockUser(trx: Transaction<DB>, actor: Actor, userId: string): Promise<UserRow> {
  const row = uuidShape.test(userId)
    ? await trx.selectFrom('users').select(userColumns).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).forNoKeyUpdate().executeTakeFirst()
    : undefined;
  if (!row) throw new KxError('not_found', 'no such user', { details: { userId } });
  // users.role references roles, so the role exists.
  requireCanGrant(actor, (await roleGrants(trx, actor.tenantId, row.role))!, `the role of this user (${row.role})`);
  return row;
}

async function roleGrants(trx: Transaction<DB>, tenantId: string, code: string): Promise<Grantable | undefined> {
  const role = await trx.selectFrom('roles').select(['permissions', 'data_scope']).where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
  return role && { permissions: role.permissions, dataScope: role.data_scope as DataScope };
}

async function requireAssignableRole(trx: Transaction<DB>, actor: Actor, code: string): Promise<void> {
  const role = await roleGrants(trx, actor.tenantId, code);
  if (!role) throw new KxError('validation_failed', `there is no role ${code}`, { fields: [issue('role', 'no such role')] });
  requireCanGrant(actor, role, `the role ${code}`);
}

/** Only an administrator may change their own role or department: anyone else would be choosing their own rights. */
function requireNotOwnRights(actor: Actor, userId: string, roleChanges: boolean, departmentChanges: boolean): void {
  if (isAdministrator(actor) || actor.userId !== userId || (!roleChanges && !departmentChanges)) return;
  throw new KxError('forbidden', `you cannot change your own ${roleChanges ? 'role' : 'department'}; ask an administrator`);
}

/** A department-scoped manager of users moves people only within their own subtree, from and to. */
async function requireMoveInOwnSubtree(trx: Transaction<DB>, actor: Actor, from: string | null, to: string | null): Promise<void> {
  if (from !== null) await requireInOwnSubtree(trx, actor, from, "the user's current department");
  if (to !== null) await requireInOwnSubtree(trx, actor, to, 'the new department');
}

/**
 * Revokes the keys a disabled user made. A key acts for its creator, so it must not outlive their access;
 * revoked, it stays revoked if the user is enabled again (they can make new keys).
 */
async function revokeApiKeysOf(trx: Transaction<DB>, actor: Actor, userId: string, now: Date): Promise<void> {
  const revoked = await trx
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('tenant_id', '=', actor.tenantId)
    .where('created_by', '=', userId)
    .where('revoked_at', 'is', null)
    .returning(['id'])
    .execute();
  for (const key of revoked.sort((a, b) => a.id.localeCompare(b.id))) {
    await appendAudit(trx, actor, {
      action: 'api_key.revoked', entityType: 'api_key', entityId: key.id,
      before: { revokedAt: null }, after: { revokedAt: now.toISOString() }, reason: 'its creator was disabled',
    });
  }
}

/**
 * Refuses to disable or demote the last enabled administrator. All such changes first lock the admin role
 * row, so two administrators disabling each other at the same moment are serialized and the second one
 * sees the first one's change. (NO KEY UPDATE: assigning users to the role, which only key-shares the row
 * through the foreign key, still goes ahead.)
 */
async function requireAnotherEnabledAdmin(trx: Transaction<DB>, tenantId: string, userId: string): Promise<void> {
  await trx.selectFrom('roles').select('code').where('tenant_id', '=', tenantId).where('code', '=', adminRole).forNoKeyUpdate().execute();
  const other = await trx
    .selectFrom('users')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('role', '=', adminRole)
    .where('disabled_at', 'is', null)
    .where('id', '<>', userId)
    .limit(1)
    .executeTakeFirst();
  if (!other) throw new KxError('invalid_state', 'this is the last enabled administrator: enable or appoint another one first');
}

function userView(row: UserRow, actor: Actor): UserView {
  const sensitive = can(actor, 'sensitive.view');
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    email: row.email === null || sensitive ? row.email : maskEmail(row.email),
    phone: row.phone === null || sensitive ? row.phone : maskPhone(row.phone),
    role: row.role,
    departmentId: row.department_id,
    disabled: row.disabled_at !== null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** The audit trail keeps the full values; the audit view masks them by field name (core/auth/masking). */
function auditOf(row: Omit<UserRow, 'id' | 'created_at'>) {
  return {
    login: row.login,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    role: row.role,
    departmentId: row.department_id,
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

const loginShape = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phoneShape = /^\+?[0-9 ()-]+$/;
const displayNameCharsMax = 100;

function normalizeNewUser(input: NewUser) {
  const issues: FieldIssue[] = [];
  if (!loginShape.test(input.login)) issues.push(issue('login', 'a login is 2–64 letters, digits, ".", "_", "-" or "@", starting with a letter or digit'));
  const weak = passwordProblem(input.password, input.login);
  if (weak) issues.push(weak);
  const values = normalizeChanges({ displayName: input.displayName, email: input.email, phone: input.phone, departmentId: input.departmentId, role: input.role }, issues);
  return { login: input.login, display_name: values.display_name!, email: values.email ?? null, phone: values.phone ?? null, role: values.role!, department_id: values.department_id ?? null };
}

function normalizeChanges(changes: UserChanges, issues: FieldIssue[] = []) {
  const displayName = trimmed(changes.displayName);
  if (displayName !== undefined && (displayName.length === 0 || displayName.length > displayNameCharsMax)) {
    issues.push(issue('displayName', `a display name is 1–${displayNameCharsMax} characters`));
  }
  const email = optionalText(changes.email);
  if (email && (email.length > 254 || !emailShape.test(email))) issues.push(issue('email', 'not an e-mail address'));
  const phone = optionalText(changes.phone);
  const phoneDigits = phone?.replace(/\D/g, '').length ?? 0;
  if (phone && (!phoneShape.test(phone) || phoneDigits < 5 || phoneDigits > 20 || phone.length > 32)) issues.push(issue('phone', 'a phone number is 5–20 digits, optionally with "+", spaces, hyphens and parentheses'));
  if (changes.departmentId && !uuidShape.test(changes.departmentId)) issues.push(issue('departmentId', 'no such department'));
  throwIfInvalid(issues);
  const values: Partial<Pick<UserRow, 'display_name' | 'email' | 'phone' | 'role' | 'department_id'>> = {};
  if (displayName !== undefined) values.display_name = displayName;
  if (email !== undefined) values.email = email;
  if (phone !== undefined) values.phone = phone;
  if (changes.role !== undefined) values.role = changes.role;
  if (changes.departmentId !== undefined) values.department_id = changes.departmentId;
  return values;
}

/** Left out: unchanged; null or blank: cleared; otherwise trimmed. */
function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  return value.trim() === '' ? null : value.trim();
}

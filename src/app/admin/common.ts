import { sql, type Kysely } from 'kysely';
import { KxError, type FieldIssue } from '../../core/errors.js';
import { grants, type DataScope, type Grant } from '../../core/auth/permissions.js';
import type { Actor } from '../actor.js';
import type { DB } from '../schema.js';

/** Throws one error (with the first issue's code) naming every bad field, so a form can show them all at once. */
export function throwIfInvalid(issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new KxError(issues[0]!.code, issues[0]!.message, { fields: [...issues] });
}

export function issue(field: string, message: string, code: FieldIssue['code'] = 'validation_failed'): FieldIssue {
  return { field, code, message };
}

export { uuidPattern as uuidShape } from '../pagination.js';

/** What every list takes: a page size (clamped to limits.pageSizeMax) and the cursor of the page before. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** What a role hands out: permissions, and how many customers' records its holders see. */
export interface Grantable {
  permissions: readonly string[];
  dataScope: DataScope;
}

/** own < department < all: each sees at least what the one before it sees. */
const scopeBreadth: Record<DataScope, number> = { own: 0, department: 1, all: 2 };

export function isAdministrator(actor: Actor): boolean {
  return actor.permissions.has('*');
}

/**
 * Nobody hands out more than they hold: assigning a role, defining one, or touching a user who has one
 * needs every permission the role carries and a data scope at least as wide as the role's. Without this,
 * anyone with users.manage could make themselves an admin, or give themselves a role that sees every
 * customer. Holders of '*' may grant anything; '*' itself only they may hand out.
 */
export function requireCanGrant(actor: Actor, role: Grantable, what: string): void {
  if (isAdministrator(actor)) return;
  const missing = role.permissions.filter((p) => p === '*' || !grants(actor.permissions, p as Exclude<Grant, '*'>));
  if (missing.length > 0) {
    throw new KxError('forbidden', `${what} carries permissions you do not hold yourself`, { details: { missing } });
  }
  if (scopeBreadth[role.dataScope] > scopeBreadth[actor.dataScope]) {
    throw new KxError('forbidden', `${what} sees more customers (data scope ${role.dataScope}) than you do (${actor.dataScope})`, {
      details: { dataScope: role.dataScope, yours: actor.dataScope },
    });
  }
}

/**
 * The role code of the person acting (an API key acts for its creator), or undefined for the system.
 * Read in the caller's transaction, so it is the role the change is checked against.
 */
export async function roleOfActor(trx: Kysely<DB>, actor: Actor): Promise<string | undefined> {
  if (actor.userId === null) return undefined;
  const row = await trx.selectFrom('users').select('role').where('tenant_id', '=', actor.tenantId).where('id', '=', actor.userId).executeTakeFirst();
  return row?.role;
}

/**
 * What a department-scoped actor sees is its department's subtree, so letting it move departments or
 * people into or out of that subtree would let it widen its own view (or a puppet account's). Such an
 * actor, unless an administrator, may only work inside its subtree; `strict` also refuses the subtree's
 * root, its own department. Other scopes do not depend on the tree, so they are not limited here.
 */
export async function requireInOwnSubtree(trx: Kysely<DB>, actor: Actor, departmentId: string, what: string, strict = false): Promise<void> {
  if (isAdministrator(actor) || actor.dataScope !== 'department') return;
  const root = actor.departmentId;
  const inside = root !== null && !(strict && departmentId === root) && (await isAtOrBelow(trx, actor.tenantId, departmentId, root));
  if (!inside) {
    throw new KxError('forbidden', `${what} is outside your own department${strict ? "'s sub-departments" : ' and its sub-departments'}`, {
      details: { departmentId },
    });
  }
}

/** True when walking up the tree from `departmentId` reaches `ancestor` (or it is `ancestor`). */
export async function isAtOrBelow(trx: Kysely<DB>, tenantId: string, departmentId: string, ancestor: string): Promise<boolean> {
  const result = await sql<{ found: number }>`
    with recursive up (id, parent_id) as (
      select id, parent_id from departments where tenant_id = ${tenantId} and id = ${departmentId}
      union
      select d.id, d.parent_id from departments d join up on d.id = up.parent_id where d.tenant_id = ${tenantId}
    )
    select 1 as found from up where id = ${ancestor} limit 1`.execute(trx);
  return result.rows.length > 0;
}

/** The SQLSTATE and constraint of a database error, for turning known refusals into stable codes. */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  return (error ?? {}) as { code?: string; constraint?: string };
}

export function trimmed(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.trim();
}

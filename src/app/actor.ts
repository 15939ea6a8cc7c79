import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { KxError } from '../core/errors.js';
import { grants, type DataScope, type Grant, type Permission } from '../core/auth/permissions.js';
import type { DB } from './schema.js';

/**
 * Who is acting: a signed-in user, an API key, or the system itself (start-up, CLI, scheduled jobs).
 * Every use case takes one; it carries the tenant, so no use case can be called without a tenant.
 */
export interface Actor {
  readonly tenantId: string;
  readonly kind: 'user' | 'api_key' | 'system';
  /** The user's id, or the API key's id. */
  readonly id: string | null;
  /** Login or key name, as shown in the audit trail. */
  readonly label: string;
  /** The person whose "own" customers an own-scoped actor sees (an API key acts for its creator). */
  readonly userId: string | null;
  readonly departmentId: string | null;
  readonly permissions: ReadonlySet<Grant>;
  readonly dataScope: DataScope;
  readonly ip: string | null;
  readonly userAgent: string | null;
  /**
   * The instant this actor's actions happen at, when it is not now: only code that replays history sets it
   * (the demo seed carries out 18 months of business as it happened). Requests never do.
   */
  readonly asOf?: Date;
}

/** Now, for an actor: the real time, or the instant a replay of history has put it at. */
export function nowFor(actor: Actor): Date {
  return actor.asOf ?? new Date();
}

export function systemActor(tenantId: string, label = 'system'): Actor {
  return { tenantId, kind: 'system', id: null, label, userId: null, departmentId: null, permissions: new Set(['*']), dataScope: 'all', ip: null, userAgent: null };
}

export function can(actor: Actor, permission: Permission): boolean {
  return grants(actor.permissions, permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) {
    throw new KxError('forbidden', `this needs the permission ${permission}`, { details: { permission } });
  }
}

/**
 * The customers an actor may see, as a condition on a table aliased `alias` that has tenant_id, owner_id
 * and department_id columns (customers). Department scope includes every sub-department.
 */
export function customerScope<Alias extends string>(
  actor: Actor,
  alias: Alias,
): (eb: ExpressionBuilder<any, any>) => Expression<SqlBool> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return (eb) => {
    const tenant = eb(sql.ref(`${alias}.tenant_id`), '=', actor.tenantId);
    if (actor.dataScope === 'all') return tenant;
    if (actor.dataScope === 'own') return eb.and([tenant, eb(sql.ref(`${alias}.owner_id`), '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')]);
    if (!actor.departmentId) return eb.and([tenant, eb(sql.ref(`${alias}.owner_id`), '=', actor.userId ?? '00000000-0000-0000-0000-000000000000')]);
    return eb.and([
      tenant,
      eb(sql.ref(`${alias}.department_id`), 'in', departmentTree(actor.tenantId, actor.departmentId)),
    ]);
  };
}

/** A department and all its sub-departments, as a subquery (data scopes and department filters). */
export function departmentTree(tenantId: string, departmentId: string) {
  return sql<string>`(
    with recursive tree as (
      select id from departments where tenant_id = ${tenantId} and id = ${departmentId}
      union all
      select d.id from departments d join tree on d.parent_id = tree.id where d.tenant_id = ${tenantId}
    ) select id from tree)`;
}

/** Throws not_found unless the customer exists in the actor's tenant and scope (never forbidden: no leak of existence). */
export async function requireCustomerInScope(db: Kysely<DB>, actor: Actor, customerId: string): Promise<void> {
  const found = await db
    .selectFrom('customers as c')
    .select('c.id')
    .where(customerScope(actor, 'c'))
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  if (!found) throw new KxError('not_found', 'no such customer', { details: { customerId } });
}

import type { Kysely, Transaction } from 'kysely';
import { KxError } from '../../core/errors.js';
import type { DataScope, Grant } from '../../core/auth/permissions.js';
import type { Actor } from '../actor.js';
import { newId } from '../ids.js';
import { preparedFirst } from '../prepared.js';
import type { DB } from '../schema.js';
import { csrfTokenFor, formatApiKey, formatSessionToken, newSecret, parseApiKey, parseSessionToken, secretHash, secretMatches } from './secrets.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

/** last_seen_at / last_used_at are written at most this often, so reads do not each cost a write. */
const touchIntervalMs = 60_000;

export interface NewSession {
  /** The session's id (not secret: the token's secret half is what proves it). */
  id: string;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Opens a session for a user who has just proved who they are. Always a new id (no fixation). */
export async function createSession(trx: Transaction<DB>, tenantId: string, userId: string, client: ClientInfo, now = new Date()): Promise<NewSession> {
  const tenant = await trx.selectFrom('tenants').select(['session_absolute_minutes']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const id = newId();
  const secret = newSecret();
  const expiresAt = new Date(now.getTime() + tenant.session_absolute_minutes * 60_000);
  await trx
    .insertInto('sessions')
    .values({ tenant_id: tenantId, id, secret_hash: secretHash(secret), user_id: userId, created_at: now, last_seen_at: now, expires_at: expiresAt, ip: client.ip, user_agent: client.userAgent?.slice(0, 300) ?? null })
    .execute();
  return { id, token: formatSessionToken(tenantId, id, secret), csrfToken: csrfTokenFor(secret), expiresAt };
}

export async function endSession(db: Kysely<DB>, token: string): Promise<void> {
  const parsed = parseSessionToken(token);
  if (!parsed) return;
  const row = await db.selectFrom('sessions').select('secret_hash').where('tenant_id', '=', parsed.tenantId).where('id', '=', parsed.sessionId).executeTakeFirst();
  if (row && secretMatches(parsed.secret, row.secret_hash)) {
    await db.deleteFrom('sessions').where('tenant_id', '=', parsed.tenantId).where('id', '=', parsed.sessionId).execute();
  }
}

/** Ends every session of a user (disabled, password changed), but the one named; returns how many ended. */
export async function endAllSessions(trx: Kysely<DB>, tenantId: string, userId: string, exceptSessionId?: string): Promise<number> {
  let query = trx.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * When a session ends at the latest: its own expiry, or sooner if the tenant has since shortened its sessions
 * (lowering session_absolute_minutes must cut existing sessions too, not only new ones).
 */
export function sessionDeadline(row: { created_at: Date; expires_at: Date; session_absolute_minutes: number }): Date {
  return new Date(Math.min(row.expires_at.getTime(), row.created_at.getTime() + row.session_absolute_minutes * 60_000));
}

export interface SessionActor {
  actor: Actor;
  sessionId: string;
  secret: string;
}

/**
 * The actor behind a session cookie, or a 401 error: unknown or forged tokens are `unauthenticated`,
 * sessions past their idle or absolute limit are `session_expired` (and are deleted).
 */
/** `touch: false` checks without counting as activity (a live stream's periodic re-check must not keep a session from going idle). */
export async function resolveSession(db: Kysely<DB>, token: string, client: ClientInfo, now = new Date(), touch = true): Promise<SessionActor> {
  const parsed = parseSessionToken(token);
  if (!parsed) throw new KxError('unauthenticated', 'sign in first');
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('tenants as t', 't.id', 's.tenant_id')
    .select(['s.secret_hash', 's.user_id', 's.created_at', 's.last_seen_at', 's.expires_at', 't.session_idle_minutes', 't.session_absolute_minutes'])
    .where('s.tenant_id', '=', parsed.tenantId)
    .where('s.id', '=', parsed.sessionId)
    .executeTakeFirst();
  if (!row || !secretMatches(parsed.secret, row.secret_hash)) throw new KxError('unauthenticated', 'sign in first');
  const idleDeadline = row.last_seen_at.getTime() + row.session_idle_minutes * 60_000;
  if (now.getTime() >= sessionDeadline(row).getTime() || now.getTime() >= idleDeadline) {
    await db.deleteFrom('sessions').where('tenant_id', '=', parsed.tenantId).where('id', '=', parsed.sessionId).execute();
    throw new KxError('session_expired', 'the session has expired; sign in again');
  }
  const actor = await userActor(db, parsed.tenantId, row.user_id, client);
  if (touch && now.getTime() - row.last_seen_at.getTime() >= touchIntervalMs) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('tenant_id', '=', parsed.tenantId).where('id', '=', parsed.sessionId).execute();
  }
  return { actor, sessionId: parsed.sessionId, secret: parsed.secret };
}

/** A user of a tenant with what their role grants, or undefined when there is no such user. */
export function userWithRole(db: Kysely<DB>, tenantId: string, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.code', '=', 'u.role'))
    .select(['u.id', 'u.login', 'u.display_name', 'u.role', 'u.department_id', 'u.disabled_at', 'r.permissions', 'r.data_scope'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** A user as an actor: their role's permissions and data scope. Disabled users cannot act. */
export async function userActor(db: Kysely<DB>, tenantId: string, userId: string, client: ClientInfo): Promise<Actor> {
  const user = await userWithRole(db, tenantId, userId);
  if (!user || user.disabled_at) throw new KxError('unauthenticated', 'sign in first');
  return {
    tenantId,
    kind: 'user',
    id: user.id,
    label: user.login,
    userId: user.id,
    departmentId: user.department_id,
    permissions: new Set(user.permissions as Grant[]),
    dataScope: user.data_scope as DataScope,
    ip: client.ip,
    userAgent: client.userAgent,
  };
}

export interface NewApiKey {
  id: string;
  /** Shown once; only its hash is kept. */
  key: string;
}

export async function createApiKeyRow(
  trx: Transaction<DB>,
  tenantId: string,
  input: { name: string; permissions: string[]; dataScope: DataScope; createdBy: string },
  now = new Date(),
): Promise<NewApiKey> {
  const id = newId();
  const secret = newSecret();
  await trx
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, id, name: input.name, secret_hash: secretHash(secret), permissions: input.permissions, data_scope: input.dataScope, created_by: input.createdBy, created_at: now, last_used_at: null, revoked_at: null })
    .execute();
  return { id, key: formatApiKey(tenantId, id, secret) };
}

/**
 * The actor behind an API key. A key acts with its own permissions, but never more than its creator
 * still has: disabling the creator, or taking a permission from their role, disarms their keys too.
 */
export async function resolveApiKey(db: Kysely<DB>, key: string, client: ClientInfo, now = new Date()): Promise<Actor> {
  const parsed = parseApiKey(key);
  if (!parsed) throw new KxError('unauthenticated', 'invalid API key');
  // The key and its creator's standing (role, permissions, scope, disabled) in one round trip: every API
  // request pays for this lookup, and it stays exact (no cache: a revoked key or a disabled creator stops
  // working at once, in every app process).
  const row = await preparedFirst(db, db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'k.tenant_id').onRef('u.id', '=', 'k.created_by'))
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.code', '=', 'u.role'))
    .select(['k.id', 'k.name', 'k.secret_hash', 'k.permissions', 'k.data_scope', 'k.created_by', 'k.revoked_at', 'k.last_used_at'])
    .select(['u.department_id', 'u.disabled_at', 'r.permissions as role_permissions', 'r.data_scope as role_data_scope'])
    .where('k.tenant_id', '=', parsed.tenantId)
    .where('k.id', '=', parsed.keyId));
  if (!row || row.revoked_at || !secretMatches(parsed.secret, row.secret_hash)) throw new KxError('unauthenticated', 'invalid API key');
  // A disabled creator disarms their keys (userActor's rule for people).
  if (row.disabled_at) throw new KxError('unauthenticated', 'invalid API key');
  const creatorPermissions = new Set(row.role_permissions as Grant[]);
  const held = creatorPermissions.has('*') ? new Set(row.permissions as Grant[]) : new Set((row.permissions as Grant[]).filter((p) => creatorPermissions.has(p)));
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= touchIntervalMs) {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('tenant_id', '=', parsed.tenantId).where('id', '=', parsed.keyId).execute();
  }
  return {
    tenantId: parsed.tenantId,
    kind: 'api_key',
    id: row.id,
    label: `api-key:${row.name}`,
    userId: row.created_by,
    departmentId: row.department_id,
    permissions: held,
    dataScope: narrowerScope(row.data_scope, row.role_data_scope as DataScope),
    ip: client.ip,
    userAgent: client.userAgent,
  };
}

const scopeRank: Record<DataScope, number> = { own: 0, department: 1, all: 2 };
function narrowerScope(a: DataScope, b: DataScope): DataScope {
  return scopeRank[a] <= scopeRank[b] ? a : b;
}

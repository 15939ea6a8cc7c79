import { sql, type Kysely, type Transaction } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { permissions as allPermissions, type DataScope } from '../../core/auth/permissions.js';
import type { Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { hashPassword, passwordNeedsRehash, requireAcceptablePassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { createSession, endAllSessions, endSession, userActor, type ClientInfo, type NewSession } from './sessions.js';

/**
 * Failed sign-ins from one address are bounded too, more loosely than per login: an office behind one
 * address has many people, while one attacker trying many logins has one address.
 */
export const signinFailuresPerIpMax = limits.signinFailuresMax * 4;

/** Failures naming a tenant slug that does not exist are counted under this tenant id (see migration 1300). */
const unknownTenantId = '00000000-0000-0000-0000-000000000000';

/** The login as written into the audit trail: whatever was typed, cut to a readable length. */
const auditLoginCharsMax = 100;

export interface UserView {
  id: string;
  login: string;
  displayName: string;
  role: string;
  /** Every permission the role grants, '*' spelled out, so clients need no special case. */
  permissions: string[];
  dataScope: DataScope;
}

export interface SignInInput {
  /** The tenant's slug. */
  tenant: string;
  login: string;
  password: string;
}

export interface SignedIn {
  user: UserView;
  session: NewSession;
}

/** One answer for every wrong tenant, login, password or disabled account: it tells nothing about which. */
function invalidCredentials(): KxError {
  return new KxError('invalid_credentials', 'the tenant, login or password is wrong');
}

/**
 * Signs a person in and opens a NEW session. A session cookie that came with the request is ended, never
 * reused, so a session id planted before sign-in is worthless after it (no fixation).
 */
export async function signIn(db: Kysely<DB>, input: SignInInput, client: ClientInfo, presentedToken?: string, now = new Date()): Promise<SignedIn> {
  const slug = input.tenant.trim().toLowerCase();
  const login = input.login.trim();
  const tenant = await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
  const subjects = throttleSubjects(tenant?.id ?? null, slug, login, client.ip);
  const failureActor = tenant ? attemptActor(tenant.id, login, client) : null;
  await requireNotLocked(db, subjects, now, failureActor);
  const user = tenant ? await findUser(db, tenant.id, login) : undefined;
  const outcome = await checkCredentials(user, input.password);
  if (!tenant || !user || outcome !== 'ok') {
    const audit = failureActor && { actor: failureActor, action: 'auth.sign_in_failed', entityId: user?.id ?? null, outcome };
    await recordFailure(db, subjects, now, audit);
    throw invalidCredentials();
  }
  const session = await openSession(db, tenant.id, user, { password: input.password, loginSubject: subjects.login, client, presentedToken, now });
  return { user: await loadUserView(db, tenant.id, user.id), session };
}

interface CandidateUser {
  id: string;
  password_hash: string | null;
  disabled_at: Date | null;
}

async function findUser(db: Kysely<DB>, tenantId: string, login: string): Promise<CandidateUser | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb(eb.fn('lower', ['login']), '=', eb.fn('lower', [eb.val(login)])))
    .executeTakeFirst();
}

/** Always one argon2 verification, whoever the user is or is not; the outcome is for the audit trail only. */
async function checkCredentials(user: CandidateUser | undefined, password: string): Promise<'ok' | 'unknown_login' | 'no_password' | 'wrong_password' | 'disabled'> {
  if (!user?.password_hash) {
    await verifyAgainstDummy(password);
    return user ? 'no_password' : 'unknown_login';
  }
  if (!(await verifyPassword(user.password_hash, password))) return 'wrong_password';
  return user.disabled_at ? 'disabled' : 'ok';
}

interface OpenSessionContext {
  password: string;
  loginSubject: string;
  client: ClientInfo;
  presentedToken: string | undefined;
  now: Date;
}

/** Ends the presented session, resets the login's failure count, and opens and audits the new session. */
async function openSession(db: Kysely<DB>, tenantId: string, user: CandidateUser, c: OpenSessionContext): Promise<NewSession> {
  const rehashed = user.password_hash && passwordNeedsRehash(user.password_hash) ? await hashPassword(c.password) : null;
  return inTransaction(db, async (trx) => {
    if (c.presentedToken) await endSession(trx, c.presentedToken);
    await trx.deleteFrom('signin_failures').where('tenant_id', '=', tenantId).where('subject', '=', c.loginSubject).execute();
    if (rehashed) await trx.updateTable('users').set({ password_hash: rehashed }).where('tenant_id', '=', tenantId).where('id', '=', user.id).execute();
    const created = await createSession(trx, tenantId, user.id, c.client, c.now);
    const actor = await userActor(trx, tenantId, user.id, c.client);
    await appendAudit(trx, actor, { action: 'auth.signed_in', entityType: 'user', entityId: user.id, after: { sessionId: created.id } });
    return created;
  });
}

/** Ends the actor's current session. */
export async function signOut(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<void> {
  const userId = actor.userId;
  if (actor.kind !== 'user' || !userId) return;
  await inTransaction(db, async (trx) => {
    const ended = await trx.deleteFrom('sessions').where('tenant_id', '=', actor.tenantId).where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
    if (ended.numDeletedRows > 0n) await appendAudit(trx, actor, { action: 'auth.signed_out', entityType: 'user', entityId: userId, after: { sessionId } });
  });
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/**
 * Changes the signed-in person's password and ends every OTHER session of theirs (a thief's included); the
 * session making the change stays. Wrong current passwords count as failed sign-ins, so a stolen session
 * cannot be used to guess the password faster than the sign-in form allows.
 */
export async function changePassword(db: Kysely<DB>, actor: Actor, currentSessionId: string | null, input: ChangePasswordInput, now = new Date()): Promise<{ otherSessionsEnded: number }> {
  if (actor.kind !== 'user' || !actor.userId) throw new KxError('forbidden', 'a password is changed by its signed-in owner, not with an API key');
  const userId = actor.userId;
  const user = await db.selectFrom('users').select(['login', 'password_hash']).where('tenant_id', '=', actor.tenantId).where('id', '=', userId).executeTakeFirstOrThrow();
  const subjects = throttleSubjects(actor.tenantId, '', user.login, actor.ip);
  await requireNotLocked(db, subjects, now, null);
  const currentOk = user.password_hash ? await verifyPassword(user.password_hash, input.currentPassword) : await verifyAgainstDummy(input.currentPassword);
  if (!currentOk || !user.password_hash) {
    await recordFailure(db, subjects, now, { actor, action: 'user.password_change_failed', entityId: userId, outcome: 'wrong_password' });
    const message = 'the current password is wrong';
    throw new KxError('wrong_password', message, { fields: [{ field: 'currentPassword', code: 'wrong_password', message }] });
  }
  requireAcceptablePassword(input.newPassword, user.login, 'newPassword');
  if (input.newPassword === input.currentPassword) {
    const message = 'the new password must differ from the current one';
    throw new KxError('weak_password', message, { fields: [{ field: 'newPassword', code: 'weak_password', message }] });
  }
  const newHash = await hashPassword(input.newPassword);
  const storedHash = user.password_hash;
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set({ password_hash: newHash, password_changed_at: now })
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', userId)
      .where('password_hash', '=', storedHash) // a concurrent change wins; this one must not silently undo it
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) throw new KxError('invalid_state', 'the password was changed meanwhile; sign in again');
    const otherSessionsEnded = await endAllSessions(trx, actor.tenantId, userId, currentSessionId ?? undefined);
    await appendAudit(trx, actor, { action: 'user.password_changed', entityType: 'user', entityId: userId, after: { otherSessionsEnded } });
    return { otherSessionsEnded };
  });
}

export interface ActorView {
  /** The signed-in person, or the person an API key acts for. */
  user: UserView;
  /** Set when the request came with an API key: what the key itself may do. */
  apiKey: { id: string; name: string; permissions: string[]; dataScope: DataScope } | null;
  /** The session's absolute expiry (null for API keys). */
  expiresAt: Date | null;
}

/** Who the actor is, for GET /auth/me. */
export async function describeActor(db: Kysely<DB>, actor: Actor, sessionId: string | null): Promise<ActorView> {
  if (!actor.userId || actor.kind === 'system') throw new KxError('unauthenticated', 'sign in first');
  const user = await loadUserView(db, actor.tenantId, actor.userId);
  if (actor.kind === 'api_key' && actor.id) {
    const key = await db.selectFrom('api_keys').select('name').where('tenant_id', '=', actor.tenantId).where('id', '=', actor.id).executeTakeFirstOrThrow();
    return { user, apiKey: { id: actor.id, name: key.name, permissions: expandGrants([...actor.permissions]), dataScope: actor.dataScope }, expiresAt: null };
  }
  const session = sessionId
    ? await db.selectFrom('sessions').select('expires_at').where('tenant_id', '=', actor.tenantId).where('id', '=', sessionId).executeTakeFirst()
    : undefined;
  return { user, apiKey: null, expiresAt: session?.expires_at ?? null };
}

async function loadUserView(db: Kysely<DB>, tenantId: string, userId: string): Promise<UserView> {
  const row = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.code', '=', 'u.role'))
    .select(['u.id', 'u.login', 'u.display_name', 'u.role', 'r.permissions', 'r.data_scope'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { id: row.id, login: row.login, displayName: row.display_name, role: row.role, permissions: expandGrants(row.permissions), dataScope: row.data_scope };
}

function expandGrants(grants: readonly string[]): string[] {
  return grants.includes('*') ? [...allPermissions] : [...grants].sort();
}

// ---- throttling of failed sign-ins -------------------------------------------------------------------

interface ThrottleSubjects {
  tenantId: string;
  /** 'login:<lower login>'; for an unknown tenant 'login:<slug>/<lower login>'. */
  login: string;
  /** 'ip:<address>' (per slug for an unknown tenant, as each real tenant counts its own), or null without one. */
  ip: string | null;
}

function throttleSubjects(tenantId: string | null, slug: string, login: string, ip: string | null): ThrottleSubjects {
  const prefix = tenantId ? '' : `${slug}/`;
  return { tenantId: tenantId ?? unknownTenantId, login: `login:${prefix}${login.toLowerCase()}`, ip: ip ? `ip:${prefix}${ip}` : null };
}

/** The actor of a failed attempt in the audit trail: nobody yet, labelled with the login that was tried. */
function attemptActor(tenantId: string, login: string, client: ClientInfo): Actor {
  return { tenantId, kind: 'user', id: null, label: login.slice(0, auditLoginCharsMax), userId: null, departmentId: null, permissions: new Set(), dataScope: 'own', ip: client.ip, userAgent: client.userAgent };
}

/** Refuses with too_many_attempts while the login or the address is locked (checked before any password). */
async function requireNotLocked(db: Kysely<DB>, subjects: ThrottleSubjects, now: Date, auditAs: Actor | null): Promise<void> {
  const names = subjects.ip ? [subjects.login, subjects.ip] : [subjects.login];
  const lock = await db
    .selectFrom('signin_failures')
    .select('locked_until')
    .where('tenant_id', '=', subjects.tenantId)
    .where('subject', 'in', names)
    .where('locked_until', '>', now)
    .orderBy('locked_until', 'desc')
    .executeTakeFirst();
  if (!lock?.locked_until) return;
  if (auditAs) {
    await inTransaction(db, (trx) => appendAudit(trx, auditAs, { action: 'auth.sign_in_failed', entityType: 'user', after: { outcome: 'locked' } }));
  }
  const retryAfterSeconds = Math.max(1, Math.ceil((lock.locked_until.getTime() - now.getTime()) / 1000));
  throw new KxError('too_many_attempts', 'too many failed sign-ins; try again later', { details: { retryAfterSeconds } });
}

interface FailureAudit {
  actor: Actor;
  action: string;
  entityId: string | null;
  outcome: string;
}

/** Counts one failure against the login and the address, and audits it, in one transaction. */
async function recordFailure(db: Kysely<DB>, subjects: ThrottleSubjects, now: Date, audit: FailureAudit | null): Promise<void> {
  await inTransaction(db, async (trx) => {
    await countFailure(trx, subjects.tenantId, subjects.login, limits.signinFailuresMax, now);
    if (subjects.ip) await countFailure(trx, subjects.tenantId, subjects.ip, signinFailuresPerIpMax, now);
    if (audit) await appendAudit(trx, audit.actor, { action: audit.action, entityType: 'user', entityId: audit.entityId, after: { outcome: audit.outcome } });
  });
}

/**
 * One failure for a subject, in one statement (exact under concurrent attempts): a window older than
 * signinFailureWindowMs starts over; reaching `bound` failures within it locks the subject for a window.
 */
async function countFailure(trx: Transaction<DB>, tenantId: string, subject: string, bound: number, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - limits.signinFailureWindowMs);
  const lockUntil = new Date(now.getTime() + limits.signinFailureWindowMs);
  const stale = sql<boolean>`signin_failures.window_started_at <= ${windowStart}::timestamptz`;
  await trx
    .insertInto('signin_failures')
    .values({ tenant_id: tenantId, subject, failures: 1, window_started_at: now, locked_until: bound <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'subject']).doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 else signin_failures.failures + 1 end`,
        window_started_at: sql<Date>`case when ${stale} then ${now}::timestamptz else signin_failures.window_started_at end`,
        locked_until: sql<Date | null>`case when ${stale} then null
          when signin_failures.failures + 1 >= ${bound}::integer then ${lockUntil}::timestamptz
          else signin_failures.locked_until end`,
      }),
    )
    .execute();
}

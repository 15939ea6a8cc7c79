import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import { isKxError, KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { permissions as allPermissions, type DataScope } from '../../core/auth/permissions.js';
import type { Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { hashPassword, passwordNeedsRehash, requireAcceptablePassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { createSession, endAllSessions, endSession, sessionDeadline, userActor, userWithRole, type ClientInfo, type NewSession } from './sessions.js';

/*
 * Failed sign-ins are bounded per (login, address) at limits.signinFailuresMax: that lock stops a guesser
 * without locking the owner out, who signs in from another address. Failures from one address across logins
 * are bounded more loosely (an office behind one address has many people, while one attacker trying many
 * logins has one address). A login-wide bound, much higher still, is the last resort against guessing spread
 * over many addresses; below it, failures elsewhere never lock a right password from a clean address.
 */
export const signinFailuresPerIpMax = limits.signinFailuresMax * 4;
export const signinFailuresPerLoginMax = limits.signinFailuresMax * 10;

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
  await admitAttempt(db, subjects, now, failureActor);
  const user = tenant ? await findUser(db, tenant.id, login) : undefined;
  const outcome = await checkCredentials(user, input.password);
  if (!tenant || !user || outcome !== 'ok') {
    if (failureActor) await auditFailure(db, failureActor, 'auth.sign_in_failed', user?.id ?? null, outcome);
    throw invalidCredentials();
  }
  const session = await openSession(db, tenant.id, user, { password: input.password, subjects, client, presentedToken, now });
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
  subjects: ThrottleSubjects;
  client: ClientInfo;
  presentedToken: string | undefined;
  now: Date;
}

/** Ends the presented session, takes back this attempt's count, and opens and audits the new session. */
async function openSession(db: Kysely<DB>, tenantId: string, user: CandidateUser, c: OpenSessionContext): Promise<NewSession> {
  const rehashed = user.password_hash && passwordNeedsRehash(user.password_hash) ? await hashPassword(c.password) : null;
  return inTransaction(db, async (trx) => {
    if (c.presentedToken) await endSession(trx, c.presentedToken);
    await releaseAttempt(trx, c.subjects);
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
  await admitAttempt(db, subjects, now, null);
  const currentOk = user.password_hash ? await verifyPassword(user.password_hash, input.currentPassword) : await verifyAgainstDummy(input.currentPassword);
  if (!currentOk || !user.password_hash) {
    await auditFailure(db, actor, 'user.password_change_failed', userId, 'wrong_password');
    const message = 'the current password is wrong';
    throw new KxError('wrong_password', message, { fields: [{ field: 'currentPassword', code: 'wrong_password', message }] });
  }
  await inTransaction(db, (trx) => releaseAttempt(trx, subjects));
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
  /** The session's absolute expiry under the tenant's current setting (null for API keys). */
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
    ? await db
        .selectFrom('sessions as s')
        .innerJoin('tenants as t', 't.id', 's.tenant_id')
        .select(['s.expires_at', 's.created_at', 't.session_absolute_minutes'])
        .where('s.tenant_id', '=', actor.tenantId)
        .where('s.id', '=', sessionId)
        .executeTakeFirst()
    : undefined;
  return { user, apiKey: null, expiresAt: session ? sessionDeadline(session) : null };
}

async function loadUserView(db: Kysely<DB>, tenantId: string, userId: string): Promise<UserView> {
  const row = await userWithRole(db, tenantId, userId);
  if (!row) throw new Error(`user ${userId} vanished while signing in`);
  return { id: row.id, login: row.login, displayName: row.display_name, role: row.role, permissions: expandGrants(row.permissions), dataScope: row.data_scope };
}

function expandGrants(grants: readonly string[]): string[] {
  return grants.includes('*') ? [...allPermissions] : [...grants].sort();
}

// ---- throttling of failed sign-ins -------------------------------------------------------------------
//
// Every attempt is counted BEFORE its password is verified, in one transaction over all its subjects, so
// parallel attempts cannot all slip past a bound while the slow verifications run: at most `bound` of them
// are ever verified per window. An attempt that is refused is rolled back (it checked nothing, so it must
// not count, or refusals alone would push the login-wide count up). A success takes back what it added.

interface Subject {
  /** 'pair:<address>/<lower login>', 'ip:<address>' or 'login:<lower login>' (see throttleSubjects). */
  name: string;
  /** Attempts counted within the window before further ones are refused. */
  bound: number;
}

interface ThrottleSubjects {
  tenantId: string;
  /** The login from this address: the lock a guesser meets, and the one that does not lock the owner out elsewhere. */
  pair: Subject;
  /** Every login from this address, or null without an address. */
  ip: Subject | null;
  /** The login from everywhere: a last resort against guessing spread over many addresses. */
  login: Subject;
}

/** Subjects of an unknown tenant carry the slug (as each real tenant counts its own), so a made-up slug is throttled alike. */
function throttleSubjects(tenantId: string | null, slug: string, login: string, ip: string | null): ThrottleSubjects {
  const prefix = tenantId ? '' : `${slug}/`;
  const lower = login.toLowerCase();
  return {
    tenantId: tenantId ?? unknownTenantId,
    pair: { name: `pair:${prefix}${ip ?? '-'}/${lower}`, bound: limits.signinFailuresMax },
    ip: ip ? { name: `ip:${prefix}${ip}`, bound: signinFailuresPerIpMax } : null,
    login: { name: `login:${prefix}${lower}`, bound: signinFailuresPerLoginMax },
  };
}

/** Always in the same order, so two attempts locking overlapping rows never deadlock. */
function orderedSubjects(subjects: ThrottleSubjects): Subject[] {
  const all = subjects.ip ? [subjects.pair, subjects.ip, subjects.login] : [subjects.pair, subjects.login];
  return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The actor of a failed attempt in the audit trail: nobody yet, labelled with the login that was tried. */
function attemptActor(tenantId: string, login: string, client: ClientInfo): Actor {
  return { tenantId, kind: 'user', id: null, label: codePoints(login, auditLoginCharsMax), userId: null, departmentId: null, permissions: new Set(), dataScope: 'own', ip: client.ip, userAgent: client.userAgent };
}

/** The first `max` characters counted by code point: cutting UTF-16 units could leave half an emoji. */
export function codePoints(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}

/**
 * Counts this attempt against each subject, or refuses it with too_many_attempts (counting nothing) when a
 * subject's bound is already reached. An admitted attempt also clears away some of the tenant's expired rows.
 */
async function admitAttempt(db: Kysely<DB>, subjects: ThrottleSubjects, now: Date, auditAs: Actor | null): Promise<void> {
  try {
    await inTransaction(db, async (trx) => {
      const refusals = [];
      for (const subject of orderedSubjects(subjects)) {
        const row = await countAttempt(trx, subjects.tenantId, subject, now);
        if (row.failures > subject.bound) refusals.push((row.locked_until ?? new Date(row.window_started_at.getTime() + limits.signinFailureWindowMs)).getTime());
      }
      if (refusals.length === 0) return;
      const retryAfterSeconds = Math.max(1, Math.ceil((Math.max(...refusals) - now.getTime()) / 1000));
      throw new KxError('too_many_attempts', 'too many failed sign-ins; try again later', { details: { retryAfterSeconds } });
    });
  } catch (error) {
    if (isKxError(error, 'too_many_attempts') && auditAs) await auditFailure(db, auditAs, 'auth.sign_in_failed', null, 'locked');
    throw error;
  }
  await removeExpiredFailures(db, subjects.tenantId, now);
}

/**
 * One attempt for a subject, in one statement that locks the row: a window older than signinFailureWindowMs
 * (with no live lock) starts over; reaching `bound` locks the subject for a window from now. Returns the count.
 */
async function countAttempt(trx: Transaction<DB>, tenantId: string, subject: Subject, now: Date) {
  const windowStart = new Date(now.getTime() - limits.signinFailureWindowMs);
  const lockUntil = new Date(now.getTime() + limits.signinFailureWindowMs);
  const lockOnFirst = subject.bound <= 1 ? lockUntil : null;
  const stale = sql<boolean>`signin_failures.window_started_at <= ${windowStart}::timestamptz
    and (signin_failures.locked_until is null or signin_failures.locked_until <= ${now}::timestamptz)`;
  return trx
    .insertInto('signin_failures')
    .values({ tenant_id: tenantId, subject: subject.name, failures: 1, window_started_at: now, locked_until: lockOnFirst })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'subject']).doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 else signin_failures.failures + 1 end`,
        window_started_at: sql<Date>`case when ${stale} then ${now}::timestamptz else signin_failures.window_started_at end`,
        locked_until: sql<Date | null>`case when ${stale} then ${lockOnFirst}::timestamptz
          when signin_failures.locked_until > ${now}::timestamptz then signin_failures.locked_until
          when signin_failures.failures + 1 >= ${subject.bound}::integer then ${lockUntil}::timestamptz
          else null end`,
      }),
    )
    .returning(['failures', 'window_started_at', 'locked_until'])
    .executeTakeFirstOrThrow();
}

/**
 * Takes back what a successful attempt counted. The pair starts over (the password was proven from this
 * address); the address and the login-wide counts only lose this attempt, so signing in to one's own account
 * cannot wipe out the traces of guessing at others, nor the owner's sign-in those of a distributed guesser.
 */
async function releaseAttempt(trx: Transaction<DB>, subjects: ThrottleSubjects): Promise<void> {
  for (const subject of orderedSubjects(subjects)) {
    const row = trx.deleteFrom('signin_failures').where('tenant_id', '=', subjects.tenantId).where('subject', '=', subject.name);
    if (subject === subjects.pair) {
      await row.execute();
      continue;
    }
    await row.where('failures', '<=', 1).execute();
    await trx
      .updateTable('signin_failures')
      .set({
        failures: sql<number>`failures - 1`,
        locked_until: sql<Date | null>`case when failures - 1 < ${subject.bound}::integer then null else locked_until end`,
      })
      .where('tenant_id', '=', subjects.tenantId)
      .where('subject', '=', subject.name)
      .execute();
  }
}

/** Rows of the tenant removed at most per admitted attempt: enough to keep up, never a long statement. */
const expiredFailureRowsDeletedMax = 200;

/**
 * Deletes some of the tenant's rows whose window and lock have both passed (they count nothing any more), so
 * made-up slugs and logins do not grow the table forever. Rows another attempt holds are skipped, not waited for.
 */
async function removeExpiredFailures(db: Kysely<DB>, tenantId: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - limits.signinFailureWindowMs);
  const expired = (eb: ExpressionBuilder<DB, 'signin_failures'>) =>
    eb.and([eb('window_started_at', '<=', windowStart), eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)])]);
  const victims = db.selectFrom('signin_failures').select('subject').where('tenant_id', '=', tenantId).where(expired).limit(expiredFailureRowsDeletedMax).forUpdate().skipLocked();
  await db.deleteFrom('signin_failures').where('tenant_id', '=', tenantId).where('subject', 'in', victims).where(expired).execute();
}

/** Audits a failed or refused attempt in its own transaction (the attempt itself changed nothing). */
async function auditFailure(db: Kysely<DB>, actor: Actor, action: string, entityId: string | null, outcome: string): Promise<void> {
  await inTransaction(db, (trx) => appendAudit(trx, actor, { action, entityType: 'user', entityId, after: { outcome } }));
}

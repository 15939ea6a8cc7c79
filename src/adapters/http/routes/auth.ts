import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { passwordCharsMax, passwordCharsMin } from '../../../app/auth/passwords.js';
import { csrfTokenFor } from '../../../app/auth/secrets.js';
import { changePassword, describeActor, signIn, signOut } from '../../../app/auth/signin.js';
import { dataScopes } from '../../../core/auth/permissions.js';
import { isKxError } from '../../../core/errors.js';
import { limits } from '../../../core/limits.js';
import { actorOf, clientOf, sessionCookie, type KxApp, type RouteDeps } from '../context.js';

const tags = ['auth'];
const DateTime = Type.String({ format: 'date-time' });

const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  login: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  permissions: Type.Array(Type.String(), { description: "every permission the role grants ('*' spelled out)" }),
  dataScope: Type.Enum([...dataScopes]),
});

const SignedIn = Type.Object({
  user: User,
  csrfToken: Type.String({ description: 'send it as the x-csrf-token header on every POST, PUT, PATCH and DELETE of this session' }),
  expiresAt: Type.String({ format: 'date-time', description: 'absolute end of the session; it also ends after the tenant\'s idle time' }),
});

const Me = Type.Object({
  user: User,
  apiKey: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), permissions: Type.Array(Type.String()), dataScope: Type.Enum([...dataScopes]) }), Type.Null()]),
  csrfToken: Type.Union([Type.String(), Type.Null()], { description: 'null when authenticated with an API key' }),
  expiresAt: Type.Union([DateTime, Type.Null()]),
});

/** The session cookie: script cannot read it, other sites never send it, and over https it is Secure. */
const cookieOptions = { httpOnly: true, sameSite: 'strict', path: '/', secure: 'auto' } as const;

/** Sign-in, sign-out, who am I, and password change. */
export async function authRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.post('/api/v1/auth/sign-in', {
    config: { public: true, rateLimit: { max: limits.signinRequestsPerMinutePerIpMax, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'Sign in with tenant, login and password; opens a new session (cookie kx_session)',
      description: 'A wrong tenant, login or password, or a disabled account, all answer 401 invalid_credentials alike. After repeated failures the login is locked from that address for a while (with wider bounds per address and per login against spraying): 429 too_many_attempts.',
      security: [],
      body: Type.Object({
        tenant: Type.String({ minLength: 1, maxLength: 63, description: "the tenant's slug" }),
        login: Type.String({ minLength: 1, maxLength: 200 }),
        password: Type.String({ minLength: 1, maxLength: 1024 }),
      }, { additionalProperties: false }),
      response: { 200: SignedIn },
    },
  }, async (request, reply) => {
    const result = await withRetryAfter(reply, () => signIn(db, request.body, clientOf(request), request.cookies[sessionCookie]));
    reply.setCookie(sessionCookie, result.session.token, cookieOptions).header('cache-control', 'no-store');
    return { user: result.user, csrfToken: result.session.csrfToken, expiresAt: result.session.expiresAt.toISOString() };
  });

  app.post('/api/v1/auth/sign-out', {
    schema: { tags, summary: 'End this session and clear its cookie', response: { 204: Type.Null({ description: 'signed out' }) } },
  }, async (request, reply) => {
    if (request.session) await signOut(db, actorOf(request), request.session.id);
    return reply.clearCookie(sessionCookie, cookieOptions).code(204).send(null);
  });

  app.get('/api/v1/auth/me', {
    schema: { tags, summary: 'Who is signed in (or which API key), with the CSRF token of this session', response: { 200: Me } },
  }, async (request, reply) => {
    const view = await describeActor(db, actorOf(request), request.session?.id ?? null);
    reply.header('cache-control', 'no-store');
    return { ...view, csrfToken: request.session ? csrfTokenFor(request.session.secret) : null, expiresAt: view.expiresAt?.toISOString() ?? null };
  });

  app.post('/api/v1/auth/password', {
    schema: {
      tags,
      summary: 'Change your password; every other session of yours ends',
      description: `The new password: ${passwordCharsMin}–${passwordCharsMax} characters, not a common password, not the login. A wrong current password counts as a failed sign-in.`,
      body: Type.Object({
        currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
        newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ otherSessionsEnded: Type.Integer() }) },
    },
  }, async (request, reply) => withRetryAfter(reply, () => changePassword(db, actorOf(request), request.session?.id ?? null, request.body)));
}

/** A lock answer tells the client when to come back (Retry-After), like the rate limiter's 429 does. */
async function withRetryAfter<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const seconds = isKxError(error, 'too_many_attempts') ? error.details.retryAfterSeconds : undefined;
    if (typeof seconds === 'number') reply.header('retry-after', String(seconds));
    throw error;
  }
}

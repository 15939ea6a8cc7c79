import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { KxError } from '../../core/errors.js';
import type { Kysely } from 'kysely';
import type { Actor } from '../../app/actor.js';
import type { DB } from '../../app/schema.js';
import { resolveApiKey, resolveSession } from '../../app/auth/sessions.js';
import { csrfTokenMatches } from '../../app/auth/secrets.js';
import type { Database } from '../db/database.js';
import type { GatewayIntake } from '../../app/gateways/service.js';
import type { NotifyService } from '../notify/service.js';

/** The Fastify instance routes are registered on: TypeBox schemas give typed params, bodies and replies. */
export type KxApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export interface RouteDeps {
  database: Database;
  /** Payment-gateway intake: webhook verification and storage, the processing worker (issue 6). */
  gateways: GatewayIntake;
  /** Notifications: the SSRF-checked webhook sender and the delivery worker (issue 7 §5). */
  notify: NotifyService;
}

export const sessionCookie = 'kx_session';
export const csrfHeader = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for authenticated requests to /api/v1 (not for routes marked public). */
    actor: Actor | null;
    /** Set when the request came with a session cookie: the session's id and secret. */
    session: { id: string; secret: string } | null;
  }
  interface FastifyContextConfig {
    /** No sign-in needed (sign-in itself, health). */
    public?: boolean;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function clientOf(request: FastifyRequest) {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null };
}

/**
 * Authenticates every /api/v1 request that is not public: an API key in `Authorization: Bearer …`, or the
 * session cookie — then, for state-changing methods, the CSRF header bound to that session too.
 */
export function registerAuthentication(app: KxApp, deps: RouteDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  // preValidation: who is asking is settled before what they sent is judged, so an anonymous request with
  // a bad body gets 401, not a validation answer about a resource it may not see.
  app.addHook('preValidation', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.url.startsWith('/api/v1/') || request.routeOptions.config?.public) return;
    const resolved = await authenticate(deps.database.db, request);
    if (resolved.kind === 'api_key') {
      request.actor = resolved.actor;
      return;
    }
    if (unsafeMethods.has(request.method)) {
      const presented = request.headers[csrfHeader];
      if (typeof presented !== 'string' || !csrfTokenMatches(resolved.secret, presented)) {
        throw new KxError('csrf_failed', `state-changing requests need the ${csrfHeader} header of this session`);
      }
    }
    request.actor = resolved.actor;
    request.session = { id: resolved.sessionId, secret: resolved.secret };
  });
}

/**
 * Who a request's credentials name: an API key in `Authorization: Bearer …`, else the session cookie. `touch:
 * false` checks a session without counting it as activity (a live stream's periodic re-check).
 */
export async function authenticate(db: Kysely<DB>, request: FastifyRequest, options: { touch?: boolean } = {}): Promise<
  { kind: 'api_key'; actor: Actor } | ({ kind: 'session' } & Awaited<ReturnType<typeof resolveSession>>)
> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer (\S+)$/.exec(authorization);
    if (!match) throw new KxError('unauthenticated', 'the Authorization header must be "Bearer <API key>"');
    return { kind: 'api_key', actor: await resolveApiKey(db, match[1]!, clientOf(request)) };
  }
  const token = request.cookies?.[sessionCookie];
  if (!token) throw new KxError('unauthenticated', 'sign in first');
  return { kind: 'session', ...(await resolveSession(db, token, clientOf(request), new Date(), options.touch ?? true)) };
}

/** The authenticated actor of a request (the preValidation hook guarantees one on non-public routes). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new KxError('unauthenticated', 'sign in first');
  return request.actor;
}

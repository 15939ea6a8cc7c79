import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { isKxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { problemFromKxError, problemOf, sendProblem } from './problem.js';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  version?: string;
}

/** Time /readyz waits for the database before it calls it unreachable. */
const readinessTimeoutMs = 2_000;

export function buildApp(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.httpBodyBytesMax,
    // Request ids in logs and responses make a user's report traceable to the log line.
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
  });

  app.setErrorHandler((error: Error, request, reply) => {
    if (isKxError(error)) return sendProblem(reply, problemFromKxError(error));
    const status = (error as { statusCode?: number }).statusCode;
    if ((error as { validation?: unknown }).validation) {
      return sendProblem(reply, problemOf(422, 'validation_failed', 'the request is not valid', error.message));
    }
    if (status && status >= 400 && status < 500) {
      return sendProblem(reply, problemOf(status, (error as { code?: string }).code?.toLowerCase() ?? 'bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    // Never a stack trace or driver message to the client: the request id finds it in the log.
    return sendProblem(reply, { ...problemOf(500, 'internal_error', 'something went wrong on our side'), instance: request.id });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf(404, 'not_found', 'no such resource', `${request.method} ${request.url.split('?')[0]}`)),
  );

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });

  /** Liveness: the process answers. Says nothing about the database on purpose. */
  app.get('/healthz', async () => ({ status: 'ok' }));

  /** Readiness: the database answers and its schema is the one this build expects. */
  app.get('/readyz', async (_request, reply) => {
    try {
      const pending = await withTimeout(
        (async () => {
          await sql`select 1`.execute(options.database.db);
          return pendingMigrations(options.database.db);
        })(),
        readinessTimeoutMs,
      );
      if (pending.length > 0) {
        return sendProblem(reply, problemOf(503, 'migrations_pending', 'the database schema is not current', `pending: ${pending.join(', ')}`));
      }
      return { status: 'ready', database: options.database.kind };
    } catch (error) {
      app.log.warn({ err: error }, 'readiness check failed');
      return sendProblem(reply, problemOf(503, 'database_unreachable', 'the database does not answer'));
    }
  });

  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Kuanxiang 款项</title>` +
        `<body style="font-family:system-ui;margin:3rem"><h1>Kuanxiang 款项</h1>` +
        `<p>The service is running${options.version ? ` (version ${options.version})` : ''}. ` +
        `The web workbench is not built yet; see <a href="/readyz">/readyz</a>.</p></body></html>`,
    ),
  );

  return app;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

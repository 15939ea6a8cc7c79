import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormats from 'ajv-formats';
import { sql } from 'kysely';
import { GatewayIntake, type GatewaySettings } from '../../app/gateways/service.js';
import { isKxError, KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { NotifyService, type NotifySettings } from '../notify/service.js';
import { registerAuthentication, type KxApp } from './context.js';
import { problemFromKxError, problemOf, sendProblem } from './problem.js';
import { apiRoutes } from './routes/index.js';
import { Background, backgroundJobs, type BackgroundSettings } from '../../app/background.js';
import { reportDeliveryJobs } from '../../app/reports/delivery.js';
import { renderToBuffer } from '../export/buffer.js';

export interface AppOptions {
  database: Database;
  logger?: FastifyServerOptions['logger'];
  version?: string;
  /** Requests per minute per IP; tests that fire many requests raise it. */
  rateLimitPerMinute?: number;
  /** Behind a reverse proxy: the proxy addresses/CIDRs whose X-Forwarded-* headers are believed. */
  trustProxy?: string | false;
  /** The built web workbench (web/dist), served at `/`; without it `/` explains that it is not built. */
  webRoot?: string;
  /**
   * Gateway intake: the key integration secrets are encrypted with, the worker. server.ts always gives the
   * installation's key; without one (tests of other features) a random key serves this app's lifetime only.
   */
  gateways?: GatewaySettings;
  /** Outbox dispatcher and scheduler (alert evaluation, date rules): server.ts turns them on; tests that need them too. */
  background?: BackgroundSettings;
  /** Notifications: SMTP, private webhook targets, the worker (issue 7 §5). */
  notify?: NotifySettings;
  /** KX_PUBLIC_URL: where people open the app, for absolute links in emails (scheduled reports). */
  publicUrl?: string;
}

/** Time /readyz waits for the database before it calls it unreachable. */
const readinessTimeoutMs = 2_000;

export function buildApp(options: AppOptions): FastifyInstance {
  const serverOptions: FastifyServerOptions = {
    logger: options.logger ?? false,
    bodyLimit: limits.httpBodyBytesMax,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    trustProxy: options.trustProxy ?? false,
  };
  const app = Fastify(serverOptions).withTypeProvider<TypeBoxTypeProvider>() as KxApp;

  // Query strings, path parameters and headers arrive as text, so they are coerced to the schema's types.
  // Bodies are JSON and are taken as sent: a number where a decimal string is expected (an amount) or a
  // null where text is expected must be refused, not quietly converted.
  const ajvOptions: AjvOptions = { removeAdditional: false, useDefaults: true, allErrors: true, strict: false };
  const bodyAjv = addFormats.default(new Ajv({ ...ajvOptions, coerceTypes: false }));
  const textAjv = addFormats.default(new Ajv({ ...ajvOptions, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isKxError(error)) return sendProblem(reply, problemFromKxError(error));
    if (error.validation) {
      const problem = problemOf(422, 'validation_failed', 'the request is not valid', error.message);
      problem.errors = error.validation.map((v) => ({
        field: fieldPath(v.instancePath, (v.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (v.params as { additionalProperty?: string }).additionalProperty),
        code: 'validation_failed',
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, problem);
    }
    const status = error.statusCode;
    if (status === 429) return sendProblem(reply, problemOf(429, 'too_many_requests', 'too many requests; slow down'));
    if (status && status >= 400 && status < 500) {
      return sendProblem(reply, problemOf(status, error.code?.toLowerCase() ?? 'bad_request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    // Never a stack trace or driver message to the client: the request id finds it in the log.
    return sendProblem(reply, { ...problemOf(500, 'internal_error', 'something went wrong on our side'), instance: request.id });
  });

  // Text the database cannot store as sent (NUL) or that JavaScript and PostgreSQL would each read differently
  // (an unpaired UTF-16 surrogate) is refused before any handler sees it, wherever it is in the request.
  app.addHook('preHandler', async (request) => {
    for (const [part, value] of [['query', request.query], ['params', request.params], ['body', request.body]] as const) {
      const bad = findUnstorableText(value);
      if (bad !== undefined) {
        const field = bad || part;
        throw new KxError('validation_failed', 'text may not contain NUL characters or unpaired surrogates', {
          fields: [{ field, code: 'validation_failed', message: 'contains a NUL character or an unpaired surrogate' }],
        });
      }
    }
  });

  const webIndex = options.webRoot && existsSync(join(options.webRoot, 'index.html')) ? options.webRoot : null;
  app.setNotFoundHandler((request, reply) => {
    // The workbench routes in the browser (/customers/…): a page load of such a path gets the app's index.html.
    // API paths, files that do not exist and non-GET requests stay a problem+json 404.
    const path = request.url.split('?')[0]!;
    if (webIndex && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/assets/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, problemOf(404, 'not_found', 'no such resource', `${request.method} ${path}`));
  });

  void app.register(helmet, { contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } });
  void app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? limits.httpRequestsPerMinutePerIpMax,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'too_many_requests', message: `more than ${context.max} requests a minute` }),
  });
  void app.register(cookie);
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kuanxiang API', version: options.version ?? '0', description: 'Receivables, receipts, prepayments and refunds. Amounts are decimal strings in major units with an ISO 4217 currency.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kx_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'kx_… API key' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
  });
  void app.register(swaggerUi, { routePrefix: '/api/docs' });

  const gateways = new GatewayIntake(options.database.db, options.gateways ?? { secretKey: randomBytes(32) });
  app.addHook('onReady', async () => gateways.start());
  app.addHook('onClose', async () => gateways.stop());
  // The scheduler's jobs: the app's own (alerting, pruning), and the report templates' deliveries (rendered with
  // the export writers, which live in the adapters).
  const jobs = [...backgroundJobs, ...reportDeliveryJobs(renderToBuffer, { publicUrl: options.publicUrl })];
  const background = new Background(options.database.db, options.background ?? { outbox: false, scheduler: false }, (message, error) => app.log.error({ err: error }, message), jobs);
  app.addHook('onReady', async () => background.start());
  app.addHook('onClose', async () => background.stop());
  const notify = new NotifyService(options.database.db, gateways.settings.secretKey, options.notify, (error) => app.log.error({ err: error }, 'notification worker'));
  app.addHook('onReady', async () => notify.start());
  app.addHook('onClose', async () => notify.stop());
  void app.register(async (scoped) => {
    registerAuthentication(scoped as KxApp, { database: options.database, gateways, notify });
    for (const routes of apiRoutes) await routes(scoped as KxApp, { database: options.database, gateways, notify });
  });

  /** Liveness: the process answers. Says nothing about the database on purpose. */
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  /** Readiness: the database answers and its schema is the one this build expects. */
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
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

  if (webIndex) {
    // Hashed file names under /assets never change content: cached for a year. index.html is revalidated, so a
    // new release is picked up on the next page load.
    void app.register(fastifyStatic, {
      root: webIndex,
      wildcard: true,
      index: ['index.html'],
      setHeaders: (res, filePath) => {
        res.header('cache-control', filePath.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  } else {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Kuanxiang 款项</title>` +
          `<body style="font-family:system-ui;margin:3rem"><h1>Kuanxiang 款项</h1>` +
          `<p>The service is running${options.version ? ` (version ${options.version})` : ''}. ` +
          `The web workbench is not built yet; the API is described at <a href="/api/docs">/api/docs</a>.</p></body></html>`,
      ),
    );
  }

  return app;
}

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (or key) in `value` that holds unstorable text, '' for `value` itself; undefined if none. */
export function findUnstorableText(value: unknown): string | undefined {
  // Iterative, so a deeply nested body cannot exhaust the stack.
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (unstorable.test(item)) return path;
    } else if (Array.isArray(item)) {
      item.forEach((child, i) => pending.push([child, `${path}[${i}]`]));
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (unstorable.test(key)) return childPath;
        pending.push([child, childPath]);
      }
    }
  }
  return undefined;
}

/**
 * A JSON pointer from the validator ('/lines/0/amount') as the field names the app layer uses
 * ('lines[0].amount'), so a client maps every field error the same way whichever layer found it.
 */
export function fieldPath(pointer: string, namedProperty?: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  // A missing or an unexpected property is reported on its parent; name the property itself.
  if (namedProperty) parts.push(namedProperty);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') || '(request)';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

import argon2 from 'argon2';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/adapters/db/database.js';
import { buildApp, type AppOptions } from '../../src/adapters/http/app.js';
import { csrfHeader, sessionCookie } from '../../src/adapters/http/context.js';
import { createSession } from '../../src/app/auth/sessions.js';
import { newId } from '../../src/app/ids.js';
import type { DB } from '../../src/app/schema.js';
import { createTenant } from '../../src/app/tenants.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  db: Kysely<DB>;
  close: () => Promise<void>;
}

/** The real HTTP app (all plugins and routes) over a fresh test database; no port is opened. */
export async function startTestApp(options: Omit<AppOptions, 'database'> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = buildApp({ database, rateLimitPerMinute: 1_000_000, ...options });
  await app.ready();
  return { app, database, db: database.db, close: async () => { await app.close(); await database.close(); } };
}

export async function newTenant(db: Kysely<DB>, slug: string): Promise<string> {
  return createTenant(db, { slug, name: slug, baseCurrency: 'CNY' });
}

export async function createUser(
  db: Kysely<DB>,
  tenantId: string,
  input: { login: string; role: string; departmentId?: string | null; password?: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({
      tenant_id: tenantId,
      id,
      login: input.login,
      display_name: input.login,
      role: input.role,
      department_id: input.departmentId ?? null,
      password_hash: input.password ? await argon2.hash(input.password, { type: argon2.argon2id }) : null,
      disabled_at: null,
    })
    .execute();
  return id;
}

export interface TestSession {
  cookie: string;
  csrf: string;
  token: string;
}

/** A signed-in session for a user, made directly (tests of other features need not go through sign-in). */
export async function sessionFor(db: Kysely<DB>, tenantId: string, userId: string): Promise<TestSession> {
  const session = await db.transaction().execute((trx) => createSession(trx, tenantId, userId, { ip: '127.0.0.1', userAgent: 'vitest' }));
  return { cookie: `${sessionCookie}=${session.token}`, csrf: session.csrfToken, token: session.token };
}

/** app.inject as a signed-in browser would send it: cookie always, CSRF header on state changes. */
export function as(session: TestSession | null, options: InjectOptions): InjectOptions {
  const headers: Record<string, string> = { ...(options.headers as Record<string, string> | undefined) };
  if (session) {
    headers.cookie = session.cookie;
    if (options.method && options.method !== 'GET') headers[csrfHeader] = session.csrf;
  }
  return { ...options, headers };
}

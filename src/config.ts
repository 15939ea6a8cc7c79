import type { DatabaseConfig } from './adapters/db/database.js';

/**
 * Settings from the environment. Only the entry points (server.ts, cli.ts) call this; everything else
 * receives plain values, so tests never depend on the process environment.
 */
export interface Settings {
  database: DatabaseConfig;
  port: number;
  host: string;
  adminPassword?: string;
  logLevel: string;
  /**
   * Reverse proxies whose X-Forwarded-* headers are believed (client address for throttling and audit, https
   * for Secure cookies): their addresses or CIDRs, or the names loopback / linklocal / uniquelocal. Never
   * "every hop" and never a bare hop count (Fastify cannot check the peer then): a client could name any
   * address it likes.
   */
  trustProxy: string | false;
  /** Requests per minute from one client address to the API (raise it for integrations and load tests). */
  rateLimitPerMinute?: number;
  /**
   * Where integration secrets' encryption key comes from: KX_SECRET_KEY (base64 of 32 bytes), else a key file
   * made once in the data directory (KX_DATA_DIR, also with DATABASE_URL).
   */
  secretKey: { kind: 'given'; key: Buffer } | { kind: 'file'; dataDir: string };
  /**
   * KX_BACKGROUND=off runs a process that only serves requests (another process does the background work).
   * KX_SCHEDULER_TICK_MS: how often the scheduler looks for due jobs; KX_SCHEDULER_PERIOD_MS: run every job at
   * this period instead of its own (tests and demos watch several slots pass in seconds, not hours).
   */
  background: { outbox: boolean; scheduler: boolean; schedulerTickMs?: number; schedulerPeriodMs?: number };
  /** Email notifications: KX_SMTP_URL (smtp:// or smtps://) and KX_SMTP_FROM; unset: emails wait in their queue. */
  smtp?: { url: string; from: string };
  /**
   * KX_WEBHOOK_ALLOW_PRIVATE, the operator's ceiling on webhook subscriptions to loopback and private networks:
   * false (default) — never; tenant — where the tenant's administrator has switched it on; true — always.
   */
  webhookAllowPrivate: boolean | 'tenant';
  /**
   * KX_PUBLIC_URL: where people reach the app (https://kx.example.com, or with a path prefix), so the links in
   * emails can be absolute. Unset: emails carry the path and say where in the app the file is.
   */
  publicUrl?: string;
}

export function settingsFrom(env: NodeJS.ProcessEnv): Settings {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer 0–65535, not ${JSON.stringify(env.PORT)}`);
  const url = env.DATABASE_URL?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  return {
    database: url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: env.KX_DATA_DIR?.trim() || './data' },
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    adminPassword: env.KX_ADMIN_PASSWORD === '' ? undefined : env.KX_ADMIN_PASSWORD,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    trustProxy: trustProxyFrom(env.KX_TRUST_PROXY),
    ...rateLimitFrom(env.KX_RATE_LIMIT_PER_MINUTE),
    secretKey: secretKeyFrom(env.KX_SECRET_KEY, env.KX_DATA_DIR?.trim() || './data'),
    background: { ...backgroundFrom(env.KX_BACKGROUND), ...msFrom('schedulerTickMs', 'KX_SCHEDULER_TICK_MS', env.KX_SCHEDULER_TICK_MS), ...msFrom('schedulerPeriodMs', 'KX_SCHEDULER_PERIOD_MS', env.KX_SCHEDULER_PERIOD_MS) },
    ...smtpFrom(env.KX_SMTP_URL, env.KX_SMTP_FROM),
    webhookAllowPrivate: privateTargetsFrom(env.KX_WEBHOOK_ALLOW_PRIVATE),
    ...publicUrlFrom(env.KX_PUBLIC_URL),
  };
}

/** An http(s) origin with an optional path, without credentials, query or fragment; kept without its trailing slash. */
function publicUrlFrom(value: string | undefined): { publicUrl?: string } {
  const text = (value ?? '').trim();
  if (text === '') return {};
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || /[?#]/.test(text)) {
    throw new Error(`KX_PUBLIC_URL must be the http(s) address people open the app at, e.g. https://kx.example.com (no query, fragment or credentials), not ${JSON.stringify(value)}`);
  }
  return { publicUrl: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}

function smtpFrom(url: string | undefined, from: string | undefined): { smtp?: { url: string; from: string } } {
  const u = (url ?? '').trim();
  if (u === '') return {};
  if (!/^smtps?:\/\//.test(u)) throw new Error('KX_SMTP_URL must start with smtp:// or smtps://');
  const sender = (from ?? '').trim();
  if (!/^[^\s@<>]+@[^\s@<>]+$|^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(sender)) throw new Error('KX_SMTP_FROM must be the sender address (kuanxiang@example.com or "Kuanxiang <kuanxiang@example.com>") when KX_SMTP_URL is set');
  return { smtp: { url: u, from: sender } };
}

function booleanFrom(name: string, value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0' || text === 'no') return false;
  if (text === 'true' || text === '1' || text === 'yes') return true;
  throw new Error(`${name} must be true or false, not ${JSON.stringify(value)}`);
}

function privateTargetsFrom(value: string | undefined): boolean | 'tenant' {
  if ((value ?? '').trim().toLowerCase() === 'tenant') return 'tenant';
  try {
    return booleanFrom('KX_WEBHOOK_ALLOW_PRIVATE', value);
  } catch {
    throw new Error(`KX_WEBHOOK_ALLOW_PRIVATE must be true, false or tenant, not ${JSON.stringify(value)}`);
  }
}

function secretKeyFrom(value: string | undefined, dataDir: string): Settings['secretKey'] {
  const text = (value ?? '').trim();
  if (text === '') return { kind: 'file', dataDir };
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) throw new Error('KX_SECRET_KEY must be the base64 of 32 random bytes (e.g. openssl rand -base64 32)');
  return { kind: 'given', key };
}

function trustProxyFrom(value: string | undefined): string | false {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false' || text === 'no') return false;
  const entries = text.split(',').map((e) => e.trim());
  const valid = (e: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(e) || /^(?=.*[.:])[0-9a-f.:]+(\/\d{1,3})?$/.test(e);
  if (entries.every(valid)) return entries.join(', ');
  throw new Error('KX_TRUST_PROXY must list the proxy addresses or CIDRs (e.g. 127.0.0.1 or 10.0.0.0/8), or loopback / linklocal / uniquelocal');
}

function rateLimitFrom(value: string | undefined): { rateLimitPerMinute?: number } {
  const text = (value ?? '').trim();
  if (text === '') return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw new Error(`KX_RATE_LIMIT_PER_MINUTE must be an integer 1–10000000, not ${JSON.stringify(value)}`);
  return { rateLimitPerMinute: n };
}

/** A whole number of milliseconds, 100 ms to one day, or nothing when unset. */
function msFrom<K extends string>(key: K, name: string, value: string | undefined): Partial<Record<K, number>> {
  const text = (value ?? '').trim();
  if (text === '') return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < 100 || n > 86_400_000) throw new Error(`${name} must be a whole number of milliseconds from 100 to 86400000, not ${JSON.stringify(value)}`);
  return { [key]: n } as Partial<Record<K, number>>;
}

function backgroundFrom(value: string | undefined): { outbox: boolean; scheduler: boolean } {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'on') return { outbox: true, scheduler: true };
  if (text === 'off') return { outbox: false, scheduler: false };
  throw new Error(`KX_BACKGROUND must be on or off, not ${JSON.stringify(value)}`);
}

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
  /** Trust X-Forwarded-* from a reverse proxy (client IP for throttling and audit, https for Secure cookies). */
  trustProxy: boolean;
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
    trustProxy: ['1', 'true', 'yes'].includes((env.KX_TRUST_PROXY ?? '').trim().toLowerCase()),
  };
}

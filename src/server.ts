import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { openDatabase, type Database } from './adapters/db/database.js';
import { migrateToLatest } from './adapters/db/migrate.js';
import { buildApp } from './adapters/http/app.js';
import { ensureFirstTenant } from './app/bootstrap.js';
import { secretKeyFromFile } from './app/gateways/secrets.js';
import { settingsFrom } from './config.js';
import { isKxError } from './core/errors.js';
import { limits } from './core/limits.js';

/**
 * `npm start`: open the database (embedded PGlite in ./data unless DATABASE_URL is set), migrate, make the
 * first tenant and admin on a fresh database, serve HTTP, and shut down cleanly on SIGTERM/SIGINT.
 * The only module that reads process.env.
 */
async function main(): Promise<void> {
  let settings: ReturnType<typeof settingsFrom>;
  try {
    settings = settingsFrom(process.env);
    if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(settings.logLevel)) {
      throw new Error(`LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent, not ${JSON.stringify(settings.logLevel)}`);
    }
  } catch (error) {
    console.error(`cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const logger = {
    level: settings.logLevel,
    // Credentials never reach a log line, whatever a handler logs.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'],
  };

  let database: Database;
  try {
    database = await openDatabase(settings.database);
  } catch (error) {
    console.error(isKxError(error) ? `cannot start (${error.code}): ${error.message}` : `cannot open the database: ${(error as Error).message}`);
    process.exit(1);
  }
  const webRoot = fileURLToPath(new URL('../web/dist', import.meta.url));
  let secretKey: Buffer;
  try {
    secretKey = settings.secretKey.kind === 'given' ? settings.secretKey.key : secretKeyFromFile(settings.secretKey.dataDir);
  } catch (error) {
    console.error(`cannot start: the secret key: ${(error as Error).message}`);
    process.exit(1);
  }
  const app = buildApp({ database, logger, version, webRoot, trustProxy: settings.trustProxy, gateways: { secretKey }, background: settings.background, ...(settings.publicUrl ? { publicUrl: settings.publicUrl } : {}), notify: { allowPrivateTargets: settings.webhookAllowPrivate, ...(settings.smtp ? { smtp: settings.smtp } : {}) }, ...(settings.rateLimitPerMinute ? { rateLimitPerMinute: settings.rateLimitPerMinute } : {}) });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      console.error(`shutdown took longer than ${limits.shutdownTimeoutMs} ms; exiting`);
      process.exit(1);
    }, limits.shutdownTimeoutMs);
    force.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await sql`select 1`.execute(database.db).catch((error: unknown) => {
      throw new Error(`cannot reach the database at ${database.location}: ${(error as Error).message}`);
    });
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
    const boot = await ensureFirstTenant(database.db, { adminPassword: settings.adminPassword });
    if (boot.created) announceFirstStart(boot.adminLogin, boot.generatedPassword);
    const address = await app.listen({ port: settings.port, host: settings.host });
    console.log(`Kuanxiang ${version} listening on ${address} (database: ${database.kind} at ${database.location})`);
  } catch (error) {
    console.error(isKxError(error) ? `cannot start (${error.code}): ${error.message}` : `cannot start: ${(error as Error).message}`);
    await app.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(1);
  }
}

/** Printed to the terminal once, on the very first start; deliberately not a log line. */
function announceFirstStart(login: string, generatedPassword: string | undefined): void {
  const lines = [
    'First start: created tenant "default" and an administrator.',
    `  login:    ${login}`,
    generatedPassword
      ? `  password: ${generatedPassword}\n  This password is shown only now. Write it down.`
      : '  password: the one in KX_ADMIN_PASSWORD',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

await main();

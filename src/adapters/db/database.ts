import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { limits } from '../../core/limits.js';
import { preparedMarker } from '../../app/prepared.js';
import type { DB } from '../../app/schema.js';
import { lockDataDir } from './dir-lock.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: DatabaseKind;
  /** Where the data lives, without credentials: safe for logs. */
  readonly location: string;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | { kind: 'postgres'; url: string; poolMax?: number }
  | { kind: 'pglite'; dataDir: string };

const PG_INT8 = 20;
const PG_DATE = 1082;

/**
 * The one place database values are converted: int8 (money in minor units, counts) becomes bigint,
 * and a date stays the 'YYYY-MM-DD' string it is, never a Date shifted by the process time zone.
 */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === PG_INT8) return (value: string) => BigInt(value);
    if (oid === PG_DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/*
 * Names of marked texts, remembered so a hot statement is not hashed on every call. A marked multi-row insert
 * has one text per row count, so the memo is bounded like every other cache here: past the bound it starts over.
 */
const statementNamesMax = 1_000;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `kx_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    if (statementNames.size >= statementNamesMax) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/** Distinct prepared statements a connection keeps at most; past that, marked statements are sent unnamed. */
const preparedPerConnectionMax = 200;

/** pg's client, naming the statements marked with preparedMarker (src/app/prepared.ts). */
class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads; the arguments pass through unchanged
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && config.startsWith(preparedMarker)) {
      const name = statementName(config);
      if (this.#prepared.has(name) || this.#prepared.size < preparedPerConnectionMax) {
        this.#prepared.add(name);
        return super.query({ name, text: config, values }, callback);
      }
    }
    return super.query(config, values, callback);
  }
}

export function kyselyOver(pool: pg.Pool): Kysely<DB> {
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, config.poolMax) : openPglite(config.dataDir);
}

function openPostgres(url: string, poolMax: number = limits.dbPoolConnectionsMax): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, types: pgTypes, Client: PreparingClient });
  // An idle connection can be cut by the server (restart, admin termination). pg reports it on the pool;
  // unheard, that event would end the process. The pool replaces the connection on the next query.
  pool.on('error', (error) => console.warn(`database connection lost (${(error as { code?: string }).code ?? error.message}); it will be replaced`));
  const db = kyselyOver(pool);
  return { db, kind: 'postgres', location: describeUrl(url), close: () => db.destroy() };
}

export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `postgres://${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** How long PGlite may take to start (first start runs initdb, about 5 s here). */
const pgliteStartTimeoutMs = 120_000;

async function openPglite(dataDirInput: string): Promise<Database> {
  const dataDir = resolve(dataDirInput);
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  // The socket lives in a fresh private directory: only this user can connect, and a stale socket from
  // a crashed run can never be picked up.
  const socketDir = mkdtempSync(join(tmpdir(), 'kx-pglite-'));
  const socketPath = join(socketDir, '.s.PGSQL.5432');
  const worker = new Worker(new URL('./pglite-host.mjs', import.meta.url), {
    workerData: { dataDir: join(dataDir, 'pgdata'), socketPath },
  });
  const cleanup = async () => {
    rmSync(socketDir, { recursive: true, force: true });
    release();
  };
  try {
    await waitForWorker(worker, 'ready', pgliteStartTimeoutMs);
  } catch (error) {
    await worker.terminate();
    await cleanup();
    throw error;
  }
  // PGlite has one session whatever connects to its socket: a client the pool replaces (after an idle timeout, or
  // an error) would find the statements its predecessor prepared still there, and naming one again fails with
  // "prepared statement … already exists". So the one connection is kept, and a new one starts from a clean slate.
  const pool = new pg.Pool({ host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0, types: pgTypes, Client: PreparingClient });
  pool.on('connect', (client) => {
    client.query('DEALLOCATE ALL').catch((error: unknown) => console.warn(`embedded database: could not reset prepared statements (${(error as Error).message})`));
  });
  const db = kyselyOver(pool);
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    close: () =>
      (closing ??= (async () => {
        await db.destroy();
        worker.postMessage({ type: 'close' });
        await waitForWorker(worker, 'closed', limits.shutdownTimeoutMs).catch(() => undefined);
        await worker.terminate();
        await cleanup();
      })()),
  };
}

function waitForWorker(worker: Worker, type: 'ready' | 'closed', timeoutMs: number): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => done(new Error(`embedded database did not become ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: { type: string; message?: string }) => {
      if (message.type === type) done();
      else if (message.type === 'failed') done(new Error(`embedded database failed to start: ${message.message}`));
    };
    const onError = (error: Error) => done(error);
    const onExit = (code: number) => done(new Error(`embedded database worker exited with code ${code}`));
    function done(error?: Error) {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (error) reject(error);
      else resolvePromise();
    }
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}

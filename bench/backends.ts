import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { describeUrl, openDatabase, type Database } from '../src/adapters/db/database.js';
import { migrateToLatest } from '../src/adapters/db/migrate.js';

/** A fresh, migrated database that exists for one benchmark run and is removed by `dispose`. */
export interface BenchDatabase {
  database: Database;
  /** Human-readable description: backend, version, where. */
  description: string;
  serverVersion: string;
  /** Connection URL of a server database (for a server process started by a benchmark); null for PGlite. */
  url: string | null;
  dispose(): Promise<void>;
}

export const defaultServerUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** How long to wait for the server before reporting it unreachable. */
const serverConnectTimeoutMs = 3_000;
/** How long closed pool connections may take to leave before the database is dropped anyway. */
const disconnectWaitMsMax = 5_000;

/**
 * Creates kx_bench_<random> on the server behind `adminUrl`, opens it through the app's own
 * openDatabase (same pg.Pool, same type parsers) and migrates it. Returns the reason instead when the
 * server cannot be reached, so the caller can skip the server part with a clear message.
 */
export async function freshServerDatabase(adminUrl: string): Promise<BenchDatabase | { unreachable: string }> {
  const name = `kx_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: serverConnectTimeoutMs });
  let serverVersion: string;
  try {
    await admin.connect();
    serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    return { unreachable: `${describeUrl(adminUrl)}: ${(error as Error).message}` };
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  const dispose = async () => {
    await database.close();
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    // pg.Pool's end() resolves before its clients' sockets have closed; terminating those backends with
    // FORCE would surface as an unhandled pool error here, so let them leave first.
    for (let waitedMs = 0; waitedMs < disconnectWaitMsMax; waitedMs += 50) {
      const { rows } = await dropper.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0]!.n === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  };
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await dispose();
    throw error;
  }
  return { database, description: `PostgreSQL ${serverVersion} at ${database.location}`, serverVersion, url: url.toString(), dispose };
}

/**
 * A fresh file-backed PGlite in a temporary folder, through the same worker thread + Unix socket +
 * pg.Pool of one connection the server process uses.
 */
export async function freshPglite(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kx-bench-pglite-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  const dispose = async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrateToLatest(database.db);
    const { rows } = await sql<{ server_version: string }>`show server_version`.execute(database.db);
    const serverVersion = rows[0]!.server_version;
    return { database, description: `PGlite (PostgreSQL ${serverVersion}) in ${dataDir}`, serverVersion, url: null, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { kyselyOver, openDatabase, pgTypes, type Database } from '../../src/adapters/db/database.js';
import { migrateToLatest } from '../../src/adapters/db/migrate.js';

/**
 * A fresh, migrated database for one test file. With KX_TEST_DATABASE_URL set, a new database is created
 * on that PostgreSQL server and dropped afterwards; otherwise an in-memory PGlite runs in this process
 * (tests may block their own event loop; the server never runs PGlite this way).
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.KX_TEST_DATABASE_URL;
  const database = serverUrl ? await freshServerDatabase(serverUrl) : await freshPglite();
  await migrateToLatest(database.db);
  return database;
}

export const testDatabaseKind = process.env.KX_TEST_DATABASE_URL ? 'postgres' : 'pglite';

async function freshServerDatabase(serverUrl: string): Promise<Database> {
  const name = `kx_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolMax: 12 });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function freshPglite(): Promise<Database> {
  const pglite = await PGlite.create();
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, types: pgTypes });
  const db = kyselyOver(pool);
  return {
    db,
    kind: 'pglite',
    location: 'memory://',
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

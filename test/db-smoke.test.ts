import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { pendingMigrations } from '../src/adapters/db/migrate.js';
import { createTestDatabase } from './helpers/db.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('database', () => {
  it('is migrated and converts int8 to bigint and date to string', async () => {
    expect(await pendingMigrations(database.db)).toEqual([]);
    const row = await sql<{ n: bigint; d: string }>`select 9007199254740993::int8 as n, '2026-02-28'::date as d`.execute(database.db);
    expect(row.rows[0]).toEqual({ n: 9007199254740993n, d: '2026-02-28' });
  });
});

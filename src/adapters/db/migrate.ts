import { Migrator, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from './migrations/index.js';
import type { DB } from '../../app/schema.js';

function migratorFor(db: Kysely<DB>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name and error. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  const result: MigrationResultSet = await migratorFor(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`, {
      cause: result.error,
    });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of known migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Kysely<DB>): Promise<string[]> {
  const applied = new Set<string>();
  const table = await sql<{ exists: boolean }>`select to_regclass('public.kysely_migration') is not null as exists`.execute(db);
  if (table.rows[0]?.exists) {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    for (const row of rows.rows) applied.add(row.name);
  }
  return Object.keys(migrations)
    .sort()
    .filter((name) => !applied.has(name));
}

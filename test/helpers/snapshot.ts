import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/app/schema.js';

export type TenantSnapshot = Record<string, { rows: number; hash: string }>;

/**
 * Row count and a content hash of every row a tenant owns, in every table that has a tenant_id column
 * (found in the catalogue, so tables added later are covered), plus the tenant's own row.
 */
export async function tenantSnapshot(db: Kysely<DB>, tenantId: string, options: { exclude?: string[] } = {}): Promise<TenantSnapshot> {
  const tables = await sql<{ table_name: string }>`
    SELECT c.table_name FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name`.execute(db);
  const snapshot: TenantSnapshot = {};
  const targets = [...tables.rows.map((r) => [r.table_name, 'tenant_id'] as const), ['tenants', 'id'] as const];
  for (const [table, column] of targets) {
    if (options.exclude?.includes(table)) continue;
    const result = await sql<{ rows: string; hash: string | null }>`
      SELECT count(*)::text AS rows, md5(string_agg(x::text, E'\n' ORDER BY x::text)) AS hash
        FROM ${sql.table(table)} x WHERE ${sql.ref(`x.${column}`)} = ${tenantId}`.execute(db);
    snapshot[table] = { rows: Number(result.rows[0]!.rows), hash: result.rows[0]!.hash ?? '' };
  }
  return snapshot;
}

import { sql, type Compilable, type Kysely } from 'kysely';

/**
 * SQL that starts with this comment is sent as a named (prepared) statement: parsed and planned once per
 * connection instead of on every call, which is a large part of the server's cost of a short statement (see
 * docs/performance.md). Kysely passes SQL text straight to pg and cannot name a statement itself, so the
 * database adapter's pool client does it (src/adapters/db/database.ts), for a bounded number of distinct
 * texts per connection. Meant for the hot statements of the busiest requests, whose text does not vary.
 */
export const preparedMarker = '/* kx:prepared */';

/** The marker as a raw SQL fragment, to start a `sql` template with. */
export const prepared = sql.raw(preparedMarker);

/** Runs a Kysely query as a prepared statement (on `db`, or on a transaction) and returns its rows. */
export async function preparedRows<R>(db: Kysely<any>, query: Compilable<R>): Promise<R[]> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any database
  const compiled = query.compile();
  const { rows } = await db.executeQuery<R>({ ...compiled, sql: `${preparedMarker} ${compiled.sql}` });
  return rows;
}

/** preparedRows' first row, if any. */
export async function preparedFirst<R>(db: Kysely<any>, query: Compilable<R>): Promise<R | undefined> { // eslint-disable-line @typescript-eslint/no-explicit-any -- any database
  return (await preparedRows(db, query))[0];
}

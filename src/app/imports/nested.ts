import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../schema.js';

/**
 * The use cases (createCustomer, createOrder, confirmOrder, createReceipt) each take a Kysely and run their
 * own transaction on it (inTransaction / idempotent), and nextNumber refuses a Transaction because it wants its
 * own short commit. An import must run many of them inside ONE transaction of its own (all-or-nothing, and
 * each row written together with its import_rows mark), without copying their rules.
 *
 * Kysely's Transaction refuses `.transaction()`, so this hands them the import's transaction dressed as a
 * database whose `.transaction().execute(work)` is a SAVEPOINT on the same connection: the use case's work
 * either happens whole or is rolled back to the savepoint, and a deadlock or serialization failure inside it
 * can be retried by inTransaction (rolling back to a savepoint clears the error, on PostgreSQL and PGlite
 * alike), while the outer transaction decides the commit. `isTransaction` reads false so nextNumber runs its
 * statement here too: the number is then taken inside the import's transaction (and given back on rollback:
 * no gaps from a refused import). That statement sets synchronous_commit off for the transaction it runs in;
 * `restoreDurableCommit` sets it back before the import commits, so an import reported done survives a crash.
 */
export function nestable(trx: Transaction<DB>): Kysely<DB> {
  let depth = 0;
  const savepoint = {
    setIsolationLevel: () => {
      throw new Error('a nested transaction cannot choose its isolation level');
    },
    execute: async <T>(work: (inner: Transaction<DB>) => Promise<T>): Promise<T> => {
      const name = sql.raw(`kx_import_sp_${++depth}`);
      await sql`SAVEPOINT ${name}`.execute(trx);
      try {
        const result = await work(trx);
        await sql`RELEASE SAVEPOINT ${name}`.execute(trx);
        return result;
      } catch (error) {
        await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(trx);
        await sql`RELEASE SAVEPOINT ${name}`.execute(trx);
        throw error;
      } finally {
        depth--;
      }
    },
  };
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => savepoint;
      if (property === 'isTransaction') return false;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in #private fields, which only the real object may read: methods run on it.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  }) as unknown as Kysely<DB>;
}

/** Undoes what nextNumber's asynchronous commit setting did to the import's transaction (see nestable). */
export async function restoreDurableCommit(trx: Transaction<DB>): Promise<void> {
  await sql`SET LOCAL synchronous_commit TO DEFAULT`.execute(trx);
}

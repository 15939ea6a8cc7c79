import type { Kysely, Transaction } from 'kysely';
import { KxError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { DB } from './schema.js';

/** SQLSTATEs after which the whole transaction may simply be run again. */
const retryableStates = new Set(['40001', '40P01']);

export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && retryableStates.has(code);
}

/**
 * Runs one use case in one transaction, retrying a bounded number of times when PostgreSQL aborts it for
 * a serialization failure or a deadlock. The jittered back-off spreads retries so they do not collide again.
 */
export async function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return withRetries(() => db.transaction().execute(work));
}

/** Runs `run` (a whole transaction, or one statement that is its own) with inTransaction's bounded retries. */
export async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= limits.transactionAttemptsMax) {
        throw new KxError('concurrency_retries_exhausted', `gave up after ${attempt} attempts under contention`, {
          cause: error,
        });
      }
      await new Promise((r) => setTimeout(r, Math.random() * limits.transactionRetryBackoffMsMax * attempt));
    }
  }
}

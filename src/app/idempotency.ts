import { createHash } from 'node:crypto';
import type { Kysely, QueryCreator, Transaction } from 'kysely';
import { canonicalJson, type AuditValue } from '../core/audit/chain.js';
import { KxError } from '../core/errors.js';
import { limits } from '../core/limits.js';
import type { Actor } from './actor.js';
import { auditAppend, type AuditEvent } from './audit.js';
import { preparedFirst, preparedRows } from './prepared.js';
import type { DB } from './schema.js';
import { inTransaction } from './transaction.js';

export interface IdempotentOutcome<T> {
  /** HTTP-style status of the first answer (201 created, 200 changed). */
  status: number;
  body: T;
  /** True when this is a repeat of a key: the first answer, and nothing new was written. */
  replayed: boolean;
}

/**
 * Runs a money-moving use case once per Idempotency-Key (DESIGN.md invariant 5). The key row is inserted
 * first, in the use case's own transaction, and the answer is stored in it before commit. A concurrent
 * request with the same key waits on the key's unique index until the first commits, then answers from it:
 * ten identical requests at once give one effect and ten identical answers. If the first fails, its key
 * goes with its rollback and a retry runs afresh. The same key with another request is a conflict.
 */
export async function idempotent<T>(
  db: Kysely<DB>,
  actor: Actor,
  key: string | undefined,
  operation: string,
  request: AuditValue,
  work: (trx: Transaction<DB>) => Promise<{ status: number; body: T; audit?: readonly AuditEvent[] }>,
): Promise<IdempotentOutcome<T>> {
  const checked = requireKey(key);
  const hash = requestHashOf(operation, request);
  return inTransaction(db, async (trx) => {
    const inserted = await preparedFirst(trx, trx
      .insertInto('idempotency_keys')
      .values({ tenant_id: actor.tenantId, key: checked, operation, request_hash: hash })
      .onConflict((oc) => oc.columns(['tenant_id', 'key']).doNothing())
      .returning('key'));
    if (!inserted) {
      const first = await trx
        .selectFrom('idempotency_keys')
        .select(['operation', 'request_hash', 'status_code', 'response'])
        .where('tenant_id', '=', actor.tenantId)
        .where('key', '=', checked)
        .executeTakeFirstOrThrow();
      if (first.request_hash !== hash || first.status_code === null) {
        throw new KxError('idempotency_key_reused', 'this Idempotency-Key was already used for a different request', {
          details: { operation: first.operation },
        });
      }
      return { status: first.status_code, body: first.response as T, replayed: true };
    }
    const result = await work(trx);
    const answer = (qc: QueryCreator<DB>) => qc
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, response: JSON.stringify(result.body) })
      .where('tenant_id', '=', actor.tenantId)
      .where('key', '=', checked);
    if (!result.audit || result.audit.length === 0) {
      await answer(trx).execute();
      return { status: result.status, body: result.body, replayed: false };
    }
    // Audit records the work hands back are appended after everything else: the chain head, which every
    // audited change of the tenant queues on, is then locked only for the rest of this one statement (which
    // also stores the answer) and the commit.
    await preparedRows(trx, trx.with('answered', (qc) => answer(qc)).selectNoFrom(auditAppend(actor, result.audit).as('seq')));
    return { status: result.status, body: result.body, replayed: false };
  });
}

/** What a key remembers of its request, to tell a repeat from a different request under the same key. */
export function requestHashOf(operation: string, request: AuditValue): string {
  return createHash('sha256').update(canonicalJson({ operation, request })).digest('hex');
}

/** The Idempotency-Key header of a money-moving request: required, 1–200 visible ASCII characters. */
export function requireKey(key: string | undefined): string {
  if (key === undefined || key === '') {
    throw new KxError('idempotency_key_required', 'this request moves money: send an Idempotency-Key header (a fresh UUID per intended effect)', {
      fields: [{ field: 'Idempotency-Key', code: 'idempotency_key_required', message: 'missing' }],
    });
  }
  if (key.length > limits.idempotencyKeyCharsMax || !/^[\x21-\x7e]+$/.test(key)) {
    throw new KxError('validation_failed', `an Idempotency-Key is 1–${limits.idempotencyKeyCharsMax} visible ASCII characters`, {
      fields: [{ field: 'Idempotency-Key', code: 'validation_failed', message: 'malformed' }],
    });
  }
  return key;
}

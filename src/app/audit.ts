import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { auditHashTail, ChainVerifier, genesisHash, type AuditContent, type AuditValue, type ChainProblem } from '../core/audit/chain.js';
import type { Actor } from './actor.js';
import { newId } from './ids.js';
import { preparedRows } from './prepared.js';
import type { DB } from './schema.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: AuditValue | null;
  after?: AuditValue | null;
  reason?: string | null;
}

/**
 * Appends one record to the tenant's audit chain inside the caller's transaction, so the record exists
 * exactly when the change does. Locking the chain head orders records by commit.
 */
export async function appendAudit(trx: Transaction<DB>, actor: Actor, event: AuditEvent): Promise<bigint> {
  return appendAudits(trx, actor, [event]);
}

/**
 * Appends several records at once, in one statement (kx_append_audit: lock the chain head, chain the
 * records to it, write them and the new head). The head stays locked until commit, so use cases append last
 * and in one go — the head is the one row every audited change of a tenant queues on.
 */
export async function appendAudits(trx: Transaction<DB>, actor: Actor, events: readonly AuditEvent[]): Promise<bigint> {
  const rows = await preparedRows(trx, trx.selectNoFrom(auditAppend(actor, events).as('seq')));
  return rows[0]!.seq;
}

/**
 * The call of kx_append_audit for these records, as an expression, for a caller that makes it part of its
 * own last statement (idempotent() stores its answer in the same round trip). Returns the new head's seq.
 * Each record's content but its seq is fixed here, and hashed as far as it can be before its place in the
 * chain is known (auditHashTail); the function finishes the hash under the head's lock.
 */
export function auditAppend(actor: Actor, events: readonly AuditEvent[]): RawBuilder<bigint> {
  const records = events.map((event) => {
    const content: Omit<AuditContent, 'seq'> = {
      id: newId(),
      // Millisecond precision, so the instant reads back exactly as it was hashed.
      occurredAt: new Date(),
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      ip: actor.ip,
      userAgent: actor.userAgent,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
      reason: event.reason ?? null,
    };
    return { content, tail: auditHashTail(content) };
  });
  const json = (value: AuditValue | null) => (value === null ? null : JSON.stringify(value));
  const column = <T>(pick: (r: (typeof records)[number]) => T) => records.map(pick);
  return sql<bigint>`kx_append_audit(
    ${actor.tenantId}, ${actor.kind}, ${actor.id}, ${actor.label}, ${actor.ip}, ${actor.userAgent},
    ${column((r) => r.content.id)}::uuid[], ${column((r) => r.content.occurredAt.toISOString())}::timestamptz[],
    ${column((r) => r.content.action)}::text[], ${column((r) => r.content.entityType)}::text[], ${column((r) => r.content.entityId)}::text[],
    ${column((r) => json(r.content.before))}::jsonb[], ${column((r) => json(r.content.after))}::jsonb[],
    ${column((r) => r.content.reason)}::text[], ${column((r) => r.tail)}::text[])`;
}

/** Starts a tenant's chain; called in the transaction that creates the tenant. */
export async function startAuditChain(trx: Transaction<DB>, tenantId: string): Promise<void> {
  await trx.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0n, hash: genesisHash }).execute();
}

/** Records read per round trip while verifying: bounded memory for chains of any length. */
const verifyPageSize = 5_000;

/** Re-computes a tenant's whole chain from the stored records and reports every place it breaks. */
export async function verifyAuditChain(db: Kysely<DB>, tenantId: string): Promise<ChainProblem[]> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
      const verifier = new ChainVerifier();
      let after = 0n;
      for (;;) {
        const page = await trx
          .selectFrom('audit_log')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(verifyPageSize)
          .execute();
        for (const r of page) {
          verifier.push({
            seq: r.seq,
            id: r.id,
            occurredAt: r.occurred_at,
            actorKind: r.actor_kind,
            actorId: r.actor_id,
            actorLabel: r.actor_label,
            ip: r.ip,
            userAgent: r.user_agent,
            action: r.action,
            entityType: r.entity_type,
            entityId: r.entity_id,
            before: r.before as AuditValue | null,
            after: r.after as AuditValue | null,
            reason: r.reason,
            prevHash: r.prev_hash,
            hash: r.hash,
          });
        }
        if (page.length < verifyPageSize) break;
        after = page[page.length - 1]!.seq;
      }
      return verifier.finish(head ?? undefined);
    });
}

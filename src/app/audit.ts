import type { Kysely, Transaction } from 'kysely';
import { auditHash, ChainVerifier, genesisHash, type AuditContent, type AuditValue, type ChainProblem } from '../core/audit/chain.js';
import type { Actor } from './actor.js';
import { newId } from './ids.js';
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
 * Appends several records at once: one lock of the chain head, then the records and the new head in one
 * statement. The head stays locked until commit, so use cases append last and in one go — the head is the
 * one row every audited change of a tenant queues on.
 */
export async function appendAudits(trx: Transaction<DB>, actor: Actor, events: readonly AuditEvent[]): Promise<bigint> {
  const head = await trx
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('tenant_id', '=', actor.tenantId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let { seq, hash } = head;
  const rows = events.map((event) => {
    const content: AuditContent = {
      seq: seq + 1n,
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
    const prevHash = hash;
    hash = auditHash(prevHash, content);
    seq = content.seq;
    return {
      tenant_id: actor.tenantId,
      seq: content.seq,
      id: content.id,
      occurred_at: content.occurredAt,
      actor_kind: content.actorKind,
      actor_id: content.actorId,
      actor_label: content.actorLabel,
      ip: content.ip,
      user_agent: content.userAgent,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      before: content.before === null ? null : JSON.stringify(content.before),
      after: content.after === null ? null : JSON.stringify(content.after),
      reason: content.reason,
      prev_hash: prevHash,
      hash,
    };
  });
  if (rows.length === 0) return seq;
  await trx
    .with('appended', (db) => db.insertInto('audit_log').values(rows))
    .updateTable('audit_heads')
    .set({ seq, hash })
    .where('tenant_id', '=', actor.tenantId)
    .execute();
  return seq;
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

import type { Kysely } from 'kysely';
import type { AuditValue, ChainProblem } from '../core/audit/chain.js';
import { maskSensitiveFields } from '../core/auth/masking.js';
import { KxError, type FieldIssue } from '../core/errors.js';
import { can, requirePermission, type Actor } from './actor.js';
import { verifyAuditChain } from './audit.js';
import { decodeCursor, pageSize, toPage, type Page } from './pagination.js';
import type { DB } from './schema.js';

export interface AuditFilter {
  /** The acting user's or API key's id. */
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Instants; `from` inclusive, `to` exclusive, so consecutive ranges never count a record twice. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface AuditRecordView {
  seq: number;
  id: string;
  occurredAt: string;
  actor: { kind: 'user' | 'api_key' | 'system'; id: string | null; label: string };
  ip: string | null;
  userAgent: string | null;
  action: string;
  entity: { type: string; id: string | null };
  before: unknown;
  after: unknown;
  reason: string | null;
}

const seqPattern = /^[1-9][0-9]{0,18}$/;
/** seq is a bigint column: a larger number in a cursor is not one this list handed out. */
const seqMax = 9223372036854775807n;

function isSeq(position: string): boolean {
  return seqPattern.test(position) && BigInt(position) <= seqMax;
}

/**
 * The instants of the from/to filters. The schema's date-time format admits strings that name no instant
 * (a leap second, 23:59:60), which Date turns into Invalid Date: those are field errors, not a 500.
 */
function instantsOf(filter: AuditFilter): { from?: Date; to?: Date } {
  const fields: FieldIssue[] = [];
  const parse = (field: 'from' | 'to') => {
    const value = filter[field];
    if (value === undefined) return undefined;
    const instant = new Date(value);
    if (!Number.isFinite(instant.getTime())) fields.push({ field, code: 'validation_failed', message: 'not an instant (RFC 3339, without leap seconds)' });
    return instant;
  };
  const range = { from: parse('from'), to: parse('to') };
  if (fields.length > 0) throw new KxError('validation_failed', `${fields.map((f) => f.field).join(' and ')} must name an instant`, { fields });
  return range;
}

/** The tenant's audit trail, newest first, for people holding audit.view. */
export async function listAudit(db: Kysely<DB>, actor: Actor, filter: AuditFilter): Promise<Page<AuditRecordView>> {
  requirePermission(actor, 'audit.view');
  const size = pageSize(filter.limit);
  const before = decodeCursor(filter.cursor, isSeq);
  const { from, to } = instantsOf(filter);
  let query = db.selectFrom('audit_log').selectAll().where('tenant_id', '=', actor.tenantId);
  if (filter.actor !== undefined) query = query.where('actor_id', '=', filter.actor);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  if (from !== undefined) query = query.where('occurred_at', '>=', from);
  if (to !== undefined) query = query.where('occurred_at', '<', to);
  if (before !== undefined) query = query.where('seq', '<', BigInt(before));
  const rows = await query.orderBy('seq', 'desc').limit(size + 1).execute();
  // Phone numbers and account numbers in before/after are as sensitive here as on the records themselves.
  const reveal = can(actor, 'sensitive.view');
  const shown = (value: unknown) => (reveal || value === null ? value : maskSensitiveFields(value as AuditValue));
  return toPage(
    rows,
    size,
    (r) => ({
      seq: Number(r.seq),
      id: r.id,
      occurredAt: r.occurred_at.toISOString(),
      actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label },
      ip: r.ip,
      userAgent: r.user_agent,
      action: r.action,
      entity: { type: r.entity_type, id: r.entity_id },
      before: shown(r.before),
      after: shown(r.after),
      reason: r.reason,
    }),
    (r) => r.seq.toString(),
  );
}

export interface AuditVerification {
  ok: boolean;
  problems: { seq: number; id: string | null; problem: ChainProblem['problem']; message: string }[];
}

/** Re-computes the actor's tenant's whole hash chain (the same check as `kuanxiang audit verify`). */
export async function verifyTenantAudit(db: Kysely<DB>, actor: Actor): Promise<AuditVerification> {
  requirePermission(actor, 'audit.view');
  const problems = await verifyAuditChain(db, actor.tenantId);
  return { ok: problems.length === 0, problems: problems.map((p) => ({ seq: Number(p.seq), id: p.id, problem: p.problem, message: p.message })) };
}

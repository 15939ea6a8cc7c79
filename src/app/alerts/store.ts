import { sql, type Transaction } from 'kysely';
import type { Condition } from '../../core/alerts/evaluate.js';
import { messageKeyOf } from '../../core/alerts/messages.js';
import type { AlertRule } from '../../core/alerts/rules.js';
import { newId } from '../ids.js';
import type { DB } from '../schema.js';
import type { AlertTenant } from './config.js';

/**
 * Which open alerts an evaluation speaks for: the alerts of these rules, of one subject, or of one customer, or
 * of the whole tenant. An open alert in the scope whose condition the evaluation no longer finds is resolved.
 */
export interface Scope {
  rules: readonly AlertRule[];
  subject?: { type: string; id: string };
  customerId?: string;
  /** The evaluation saw only part of the facts (a bound was hit): raise what it found, resolve nothing. */
  partial?: boolean;
}

/**
 * Makes the stored alerts agree with the conditions found for a scope: raises the new ones (the partial unique
 * index on open dedupe keys makes a second raise of the same condition a no-op, also when two evaluations race),
 * and resolves — as 'auto' — the open alerts of the scope whose condition is gone. A condition someone resolved
 * by hand is not raised again: they looked at it and said why.
 */
export async function reconcile(trx: Transaction<DB>, tenant: AlertTenant, scope: Scope, conditions: readonly Condition[]): Promise<{ raised: number; resolved: number }> {
  const found = conditions.filter((c) => scope.rules.includes(c.rule));
  let resolved = 0;
  if (!scope.partial) {
    let query = trx.updateTable('alerts')
      .set({ status: 'resolved', resolved_at: new Date(), resolution: 'auto', resolved_by: null })
      .where('tenant_id', '=', tenant.tenantId)
      .where('status', '<>', 'resolved')
      .where('rule', 'in', [...scope.rules]);
    if (scope.subject) query = query.where('subject_type', '=', scope.subject.type).where('subject_id', '=', scope.subject.id);
    if (scope.customerId) query = query.where('customer_id', '=', scope.customerId);
    if (found.length > 0) query = query.where('dedupe_key', 'not in', found.map((c) => c.dedupeKey));
    resolved = Number((await query.executeTakeFirst()).numUpdatedRows);
  }
  if (found.length === 0) return { raised: 0, resolved };
  const rows = found.map((c) => {
    const rule = tenant.config[c.rule];
    const users = [...new Set([...rule.recipients.users, ...(c.ownerId ? [c.ownerId] : [])])];
    return {
      id: newId(), rule: c.rule, severity: rule.severity, dedupe_key: c.dedupeKey, subject_type: c.subjectType, subject_id: c.subjectId,
      message_key: messageKeyOf(c.rule, c.params), params: JSON.stringify(c.params), links: JSON.stringify(c.links), customer_id: c.customerId,
      recipients: JSON.stringify({ users, roles: rule.recipients.roles }),
    };
  });
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  // One statement for all of them; the alerts trigger writes alert.raised to the outbox for each row inserted.
  const result = await sql<{ n: string }>`
    WITH added AS (
      INSERT INTO alerts (tenant_id, id, rule, severity, dedupe_key, subject_type, subject_id, message_key, params, links, customer_id, recipients)
      SELECT ${tenant.tenantId}::uuid, u.id, u.rule, u.severity, u.dedupe_key, u.subject_type, u.subject_id, u.message_key, u.params::jsonb, u.links::jsonb, u.customer_id, u.recipients::jsonb
        FROM unnest(${col('id')}::uuid[], ${col('rule')}::text[], ${col('severity')}::text[], ${col('dedupe_key')}::text[], ${col('subject_type')}::text[],
                    ${col('subject_id')}::text[], ${col('message_key')}::text[], ${col('params')}::text[], ${col('links')}::text[], ${col('customer_id')}::uuid[],
                    ${col('recipients')}::text[])
             AS u(id, rule, severity, dedupe_key, subject_type, subject_id, message_key, params, links, customer_id, recipients)
       WHERE NOT EXISTS (SELECT 1 FROM alerts m WHERE m.tenant_id = ${tenant.tenantId}::uuid AND m.dedupe_key = u.dedupe_key AND m.resolution = 'manual')
      ON CONFLICT (tenant_id, dedupe_key) WHERE status <> 'resolved' DO NOTHING
      RETURNING 1)
    SELECT count(*)::text AS n FROM added`.execute(trx);
  return { raised: Number(result.rows[0]?.n ?? 0), resolved };
}

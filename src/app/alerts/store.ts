import { sql, type RawBuilder, type Transaction } from 'kysely';
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

/** One scope's evaluation: the conditions found for it. */
export interface Evaluated {
  scope: Scope;
  conditions: readonly Condition[];
}

/** reconcileAll for one scope. */
export function reconcile(trx: Transaction<DB>, tenant: AlertTenant, scope: Scope, conditions: readonly Condition[]): Promise<{ raised: number; resolved: number }> {
  return reconcileAll(trx, tenant, [{ scope, conditions }]);
}

/**
 * Makes the stored alerts agree with the conditions found for each scope: resolves — as 'auto' — the open alerts
 * of a scope whose condition that scope's evaluation no longer found, then raises the new ones (the partial
 * unique index on open dedupe keys makes a second raise of the same condition a no-op, also when two
 * evaluations race). A condition someone resolved by hand is not raised again: they looked at it and said why.
 * The scopes of one call must not overlap (they never do: one subject, or one customer, per rule set). However
 * many scopes, at most three statements resolve and one raises: a page of outbox events is evaluated in a
 * fixed number of round trips (bench/alerts.ts).
 */
export async function reconcileAll(trx: Transaction<DB>, tenant: AlertTenant, evaluated: readonly Evaluated[]): Promise<{ raised: number; resolved: number }> {
  const found = evaluated.map(({ scope, conditions }) => conditions.filter((c) => scope.rules.includes(c.rule)));
  const resolved = await resolveGone(trx, tenant.tenantId, evaluated.map((e) => e.scope), found);
  const raised = await raise(trx, tenant, found.flat());
  return { raised, resolved };
}

type ScopeForm = 'subject' | 'customer' | 'tenant';

const formOf = (scope: Scope): ScopeForm => (scope.subject ? 'subject' : scope.customerId ? 'customer' : 'tenant');

/** How an open alert belongs to a scope row `q`, by the scope's form (each has its index). */
const belongs: Record<ScopeForm, RawBuilder<boolean>> = {
  subject: sql<boolean>`a.subject_type = q.subject_type AND a.subject_id = q.subject_id AND (q.customer_id IS NULL OR a.customer_id = q.customer_id)`,
  customer: sql<boolean>`a.customer_id = q.customer_id`,
  tenant: sql<boolean>`true`,
};

async function resolveGone(trx: Transaction<DB>, tenantId: string, scopes: readonly Scope[], found: readonly Condition[][]): Promise<number> {
  let resolved = 0;
  for (const form of ['subject', 'customer', 'tenant'] as const) {
    // One row per (scope, rule); the keys each scope still finds, by scope number.
    const rows = scopes.flatMap((scope, s) => (scope.partial || formOf(scope) !== form ? [] : scope.rules.map((rule) => ({ s, rule, scope }))));
    if (rows.length === 0) continue;
    const kept = found.flatMap((conditions, s) => conditions.map((c) => ({ s, key: c.dedupeKey })));
    const result = await sql`
      UPDATE alerts a SET status = 'resolved', resolved_at = ${new Date()}, resolution = 'auto', resolved_by = NULL
        FROM unnest(${rows.map((r) => r.s)}::int[], ${rows.map((r) => r.rule)}::text[], ${rows.map((r) => r.scope.subject?.type ?? null)}::text[],
                    ${rows.map((r) => r.scope.subject?.id ?? null)}::text[], ${rows.map((r) => r.scope.customerId ?? null)}::uuid[])
             AS q(s, rule, subject_type, subject_id, customer_id)
       WHERE a.tenant_id = ${tenantId}::uuid AND a.status <> 'resolved' AND a.rule = q.rule AND ${belongs[form]}
         AND NOT EXISTS (SELECT 1 FROM unnest(${kept.map((k) => k.s)}::int[], ${kept.map((k) => k.key)}::text[]) AS f(s, key) WHERE f.s = q.s AND f.key = a.dedupe_key)`.execute(trx);
    resolved += Number(result.numAffectedRows ?? 0n);
  }
  return resolved;
}

async function raise(trx: Transaction<DB>, tenant: AlertTenant, found: readonly Condition[]): Promise<number> {
  if (found.length === 0) return 0;
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
  return Number(result.rows[0]?.n ?? 0);
}

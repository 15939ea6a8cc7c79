import type { Kysely } from 'kysely';
import { limits } from '../../core/limits.js';
import { pruneOutbox } from '../outbox/dispatcher.js';
import type { ScheduledJob } from '../scheduler.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { alertTenant } from './config.js';
import { evaluateDateRules, evaluateIntakeWatches } from './evaluation.js';

async function eachTenant(db: Kysely<DB>, work: (tenantId: string) => Promise<void>): Promise<string> {
  const tenants = await db.selectFrom('tenants').select('id').orderBy('id').execute();
  const failed: string[] = [];
  for (const t of tenants) await work(t.id).catch(() => failed.push(t.id));
  if (failed.length > 0) throw new Error(`${failed.length} of ${tenants.length} tenants failed: ${failed.slice(0, 5).join(', ')}`);
  return `${tenants.length} tenants`;
}

/**
 * The scheduled side of alerting. The date rules run hourly rather than daily: tenants' midnights fall at
 * different hours, and evaluation is idempotent (one open alert per condition), so an hourly run raises an
 * overdue instalment within an hour of the tenant's new day and raises nothing twice.
 */
export const alertJobs: readonly ScheduledJob[] = [
  {
    name: 'alerts.date-rules',
    everyMs: 3_600_000,
    run: (db, now) => eachTenant(db, (tenantId) => inTransaction(db, async (trx) => evaluateDateRules(trx, await alertTenant(trx, tenantId), now))),
  },
  {
    name: 'alerts.intake-watches',
    everyMs: 60_000,
    run: (db, now) => eachTenant(db, (tenantId) => inTransaction(db, async (trx) => evaluateIntakeWatches(trx, await alertTenant(trx, tenantId), now))),
  },
  {
    name: 'outbox.prune',
    everyMs: 24 * 3_600_000,
    run: async (db, now) => `${await pruneOutbox(db, new Date(now.getTime() - limits.outboxRetentionMs))} events deleted`,
  },
];

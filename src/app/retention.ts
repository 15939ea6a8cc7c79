import { sql, type Kysely, type RawBuilder } from 'kysely';
import { limits } from '../core/limits.js';
import type { ScheduledJob } from './scheduler.js';
import type { DB } from './schema.js';

/**
 * Pruning of what notifications and the scheduler leave behind, by the retentions in limits.ts. Each kind of
 * row is deleted in statements of limits.pruneRowsPerStatementMax (each its own short transaction, so no lock
 * is held for long and a crash loses nothing but the rest of the run), up to limits.pruneRowsPerRunMax per kind
 * per run: a backlog is worked off over several days' runs instead of in one long one. Only final rows go:
 * nothing a worker may still send, retry or hand over again.
 */
interface Prunable {
  name: string;
  /** One statement deleting at most `batch` old rows of the kind, before `now`. */
  deleteSome: (now: Date, batch: number) => RawBuilder<unknown>;
}

const before = (now: Date, ms: number) => new Date(now.getTime() - ms);

const prunables: readonly Prunable[] = [
  {
    name: 'notifications',
    // Read ones after a while; unread ones too, much later (nobody is going to read them).
    deleteSome: (now, batch) => sql`
      DELETE FROM notifications WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM notifications
         WHERE (read_at IS NOT NULL AND created_at < ${before(now, limits.notificationsReadRetentionMs)}) OR created_at < ${before(now, limits.notificationsRetentionMs)}
         LIMIT ${batch})`,
  },
  {
    name: 'email deliveries',
    deleteSome: (now, batch) => sql`
      DELETE FROM email_deliveries WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM email_deliveries
         WHERE status IN ('sent', 'failed') AND coalesce(sent_at, give_up_at) < ${before(now, limits.notifyDeliveriesRetentionMs)}
         LIMIT ${batch})`,
  },
  {
    name: 'webhook deliveries',
    // Their attempts go with them (ON DELETE CASCADE).
    deleteSome: (now, batch) => sql`
      DELETE FROM webhook_deliveries WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM webhook_deliveries
         WHERE status IN ('succeeded', 'failed') AND coalesce(finished_at, give_up_at) < ${before(now, limits.notifyDeliveriesRetentionMs)}
         LIMIT ${batch})`,
  },
  {
    name: 'notification events',
    deleteSome: (now, batch) => sql`
      DELETE FROM notification_events WHERE (tenant_id, event_id) IN (
        SELECT tenant_id, event_id FROM notification_events WHERE created_at < ${before(now, limits.notificationEventsRetentionMs)} LIMIT ${batch})`,
  },
  {
    name: 'report deliveries',
    // The file's bytes live in the row: deleting the row deletes the file. An email still waiting to carry it as
    // an attachment cannot exist this late (notifyRetryWindowMs); one that did would be sent with its link only.
    deleteSome: (now, batch) => sql`
      DELETE FROM report_deliveries WHERE (tenant_id, id) IN (
        SELECT tenant_id, id FROM report_deliveries WHERE created_at < ${before(now, limits.reportDeliveriesRetentionMs)} LIMIT ${batch})`,
  },
  {
    name: 'scheduled runs',
    deleteSome: (now, batch) => sql`
      DELETE FROM scheduled_runs WHERE (job, slot) IN (
        SELECT job, slot FROM scheduled_runs WHERE finished_at IS NOT NULL AND started_at < ${before(now, limits.scheduledRunsRetentionMs)} LIMIT ${batch})`,
  },
];

/** One pass over every kind; returns how many rows of each were deleted. */
export async function pruneRetained(db: Kysely<DB>, now: Date, bounds: { perStatement: number; perRun: number } = { perStatement: limits.pruneRowsPerStatementMax, perRun: limits.pruneRowsPerRunMax }): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const kind of prunables) {
    let total = 0;
    while (total < bounds.perRun) {
      const batch = Math.min(bounds.perStatement, bounds.perRun - total);
      const result = await kind.deleteSome(now, batch).execute(db);
      const n = Number(result.numAffectedRows ?? 0n);
      total += n;
      if (n < batch) break;
    }
    deleted[kind.name] = total;
  }
  return deleted;
}

export const retentionJobs: readonly ScheduledJob[] = [
  {
    name: 'notify.prune',
    everyMs: 24 * 3_600_000,
    run: async (db, now) => Object.entries(await pruneRetained(db, now)).map(([name, n]) => `${n} ${name}`).join(', ') + ' deleted',
  },
];

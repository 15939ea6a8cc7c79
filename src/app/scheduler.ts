import { hostname } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { limits } from '../core/limits.js';
import type { DB } from './schema.js';

/**
 * Jobs that run on a schedule, each exactly once per slot however many server processes run them: the slot is
 * the start of the job's period (now rounded down to everyMs), and the process whose INSERT of (job, slot) into
 * scheduled_runs succeeds runs it. A run whose process died keeps its row until its lease ends; then the next
 * process to look takes the slot over (attempts counts the takeovers).
 */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  run: (db: Kysely<DB>, now: Date) => Promise<string | void>;
}

export function slotOf(job: ScheduledJob, now: Date): string {
  return new Date(Math.floor(now.getTime() / job.everyMs) * job.everyMs).toISOString();
}

/** Claims the current slot of each job; runs the claimed ones one after another. Returns the jobs this call ran. */
export async function runDueJobs(db: Kysely<DB>, jobs: readonly ScheduledJob[], now: Date, runner: string): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    const slot = slotOf(job, now);
    const leaseUntil = new Date(now.getTime() + limits.schedulerLeaseMs);
    const claimed = await sql<{ job: string }>`
      INSERT INTO scheduled_runs (job, slot, runner, started_at, lease_until) VALUES (${job.name}, ${slot}, ${runner}, ${now}, ${leaseUntil})
      ON CONFLICT (job, slot) DO UPDATE SET runner = excluded.runner, started_at = excluded.started_at, lease_until = excluded.lease_until, attempts = scheduled_runs.attempts + 1
        WHERE scheduled_runs.finished_at IS NULL AND scheduled_runs.lease_until < ${now}
      RETURNING job`.execute(db);
    if (claimed.rows.length === 0) continue;
    let outcome: 'done' | 'failed' = 'done';
    let detail = '';
    try {
      detail = (await job.run(db, now)) ?? '';
    } catch (error) {
      outcome = 'failed';
      detail = (error as Error).message ?? String(error);
    }
    await db.updateTable('scheduled_runs').set({ finished_at: new Date(), outcome, detail: detail.slice(0, 2_000) })
      .where('job', '=', job.name).where('slot', '=', slot).where('runner', '=', runner).execute();
    ran.push(job.name);
  }
  return ran;
}

export interface SchedulerOptions {
  tickMs?: number;
  clock?: () => Date;
  runner?: string;
  onError?: (error: unknown) => void;
}

/** Looks for due jobs every tickMs until stopped; stop() waits for a run in progress. */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();
  #stopped = false;
  readonly runner: string;

  constructor(private readonly db: Kysely<DB>, private readonly jobs: readonly ScheduledJob[], private readonly options: SchedulerOptions = {}) {
    this.runner = options.runner ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  start(): void {
    const tick = () => {
      if (this.#stopped) return;
      this.#running = runDueJobs(this.db, this.jobs, (this.options.clock ?? (() => new Date()))(), this.runner)
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (!this.#stopped) this.#timer = setTimeout(tick, this.options.tickMs ?? limits.schedulerTickMs);
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}

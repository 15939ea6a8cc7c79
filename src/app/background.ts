import type { Kysely } from 'kysely';
import { alertsConsumerName, alertsOutboxHandler } from './alerts/consumer.js';
import { alertJobs } from './alerts/jobs.js';
import { notifyConsumerName, notifyOutboxHandler } from './notify/outbox-consumer.js';
import { OutboxDispatcher, outboxConsumers, registerOutboxConsumer } from './outbox/dispatcher.js';
import { compactionJobs } from './reports/monthly-compaction.js';
import { retentionJobs } from './retention.js';
import { Scheduler, type ScheduledJob } from './scheduler.js';
import type { DB } from './schema.js';

export interface BackgroundSettings {
  /** Dispatch the outbox to its consumers (alert evaluation, and whatever else registered). */
  outbox: boolean;
  /** Run scheduled jobs (date rules, intake watches, pruning). */
  scheduler: boolean;
  /** How often the scheduler looks for due jobs (default limits.schedulerTickMs). */
  schedulerTickMs?: number;
  /** Every job at this period instead of its own: for tests and demos only. */
  schedulerPeriodMs?: number;
}

/** Registers this module's consumers; other modules register theirs with registerOutboxConsumer too. */
export function registerAlertConsumers(): void {
  if (!outboxConsumers().has(alertsConsumerName)) registerOutboxConsumer(alertsConsumerName, alertsOutboxHandler());
  // Alerts raised by the consumer above reach people through the outbox too, like every other event.
  if (!outboxConsumers().has(notifyConsumerName)) registerOutboxConsumer(notifyConsumerName, notifyOutboxHandler());
}

/** Every scheduled job a server runs. */
export const backgroundJobs: readonly ScheduledJob[] = [...alertJobs, ...retentionJobs, ...compactionJobs];

/**
 * The server's background work over one database. Safe to run in every process: the outbox dispatcher and
 * the scheduler each make sure a piece of work is done by one process only.
 */
export class Background {
  #dispatcher: OutboxDispatcher | undefined;
  #scheduler: Scheduler | undefined;

  constructor(private readonly db: Kysely<DB>, private readonly settings: BackgroundSettings, private readonly log: (message: string, error: unknown) => void, private readonly jobs: readonly ScheduledJob[] = backgroundJobs) {}

  start(): void {
    registerAlertConsumers();
    if (this.settings.outbox) {
      this.#dispatcher = new OutboxDispatcher(this.db, { onError: (consumer, error) => this.log(`outbox consumer ${consumer} failed; it retries`, error) });
      this.#dispatcher.start();
    }
    if (this.settings.scheduler) {
      const { schedulerTickMs: tickMs, schedulerPeriodMs: periodMs } = this.settings;
      const jobs = periodMs === undefined ? this.jobs : this.jobs.map((job) => ({ ...job, everyMs: periodMs }));
      this.#scheduler = new Scheduler(this.db, jobs, { onError: (error) => this.log('scheduler tick failed', error), ...(tickMs === undefined ? {} : { tickMs }) });
      this.#scheduler.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all([this.#dispatcher?.stop(), this.#scheduler?.stop()]);
  }
}

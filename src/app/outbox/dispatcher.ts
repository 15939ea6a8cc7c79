import { sql, type Kysely, type Transaction } from 'kysely';
import { limits } from '../../core/limits.js';
import type { DB } from '../schema.js';

/** One row of the outbox as consumers see it. */
export interface OutboxEvent {
  tenantId: string;
  id: bigint;
  /** The writing transaction's id (xid8, decimal): with id, the order events are read in. */
  tx: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Handles a batch of events inside the dispatcher's transaction: whatever it writes commits together with the
 * consumer's cursor, so database effects happen exactly once per consumer. Effects outside the database (a mail,
 * an HTTP call) happen at least once: the batch runs again if the transaction fails after them.
 */
export type OutboxHandler = (trx: Transaction<DB>, events: readonly OutboxEvent[]) => Promise<void>;

const registry = new Map<string, OutboxHandler>();

/** Registers a consumer under a stable name (its cursor is stored under it). */
export function registerOutboxConsumer(name: string, handler: OutboxHandler): void {
  if (registry.has(name) && registry.get(name) !== handler) throw new Error(`outbox consumer ${name} is registered twice`);
  registry.set(name, handler);
}

export function outboxConsumers(): ReadonlyMap<string, OutboxHandler> {
  return registry;
}

/**
 * `bound`: the oldest transaction that may still write outbox rows, as seen by this statement's snapshot. Rows
 * of older transactions are final; rows committed later all sort after them. The snapshot's in-progress list
 * less the transactions of other databases on the same server (tests and other applications share one server;
 * their long transactions must not stall ours), and never our own transaction (which sees its own rows early).
 * A transaction whose database is not known (it ended meanwhile, or pg_stat_activity hides it) counts as ours.
 */
export const finishedBelow = sql`
  snap AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
  bound AS (
    SELECT least(
      coalesce((SELECT min(x) FROM snap, pg_snapshot_xip(snap.s) AS x
                 WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.backend_xid = x::xid AND a.datname IS DISTINCT FROM current_database())),
               (SELECT pg_snapshot_xmax(s) FROM snap)),
      coalesce(pg_current_xact_id_if_assigned(), (SELECT pg_snapshot_xmax(s) FROM snap))) AS x)`;

/**
 * Gives the consumer's next batch to its handler, if no other process is doing so right now (the cursor row
 * is taken FOR UPDATE SKIP LOCKED: a second dispatcher skips it instead of waiting). Reads only events of
 * finished transactions, in (tx, id) order, so the cursor never passes an event
 * whose transaction commits later (see finishedBelow). Returns how many events were handled (0: none waiting, or taken elsewhere).
 */
export async function dispatchOnce(db: Kysely<DB>, name: string, handler: OutboxHandler, batchSize: number = limits.outboxBatchSizeMax): Promise<number> {
  await db.insertInto('outbox_consumers').values({ consumer: name }).onConflict((oc) => oc.column('consumer').doNothing()).execute();
  return db.transaction().execute(async (trx) => {
    const cursor = await sql<{ tx: string; last_id: bigint }>`
      SELECT tx::text AS tx, last_id FROM outbox_consumers WHERE consumer = ${name} FOR UPDATE SKIP LOCKED`.execute(trx);
    const at = cursor.rows[0];
    if (!at) return 0;
    const rows = await sql<{ tenant_id: string; id: bigint; tx: string; type: string; aggregate_type: string; aggregate_id: string; payload: Record<string, unknown>; occurred_at: Date }>`
      WITH ${finishedBelow}
      SELECT tenant_id, id, tx::text AS tx, type, aggregate_type, aggregate_id, payload, occurred_at
        FROM outbox_events, bound
       WHERE (tx, id) > (${at.tx}::xid8, ${at.last_id}::int8)
         AND tx < bound.x
       ORDER BY tx, id
       LIMIT ${batchSize}`.execute(trx);
    if (rows.rows.length === 0) return 0;
    const events = rows.rows.map((r): OutboxEvent => ({
      tenantId: r.tenant_id, id: BigInt(r.id), tx: r.tx, type: r.type, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id, payload: r.payload, occurredAt: r.occurred_at,
    }));
    await handler(trx, events);
    const last = events[events.length - 1]!;
    await sql`UPDATE outbox_consumers SET tx = ${last.tx}::xid8, last_id = ${last.id}::int8, handled = handled + ${events.length}, updated_at = now()
               WHERE consumer = ${name}`.execute(trx);
    return events.length;
  });
}

export interface DispatcherOptions {
  /** Consumers to run; default: every registered one. */
  consumers?: ReadonlyMap<string, OutboxHandler>;
  /** Wait between polls when a consumer found nothing (or another process has it). */
  idleMs?: number;
  batchSize?: number;
  onError?: (consumer: string, error: unknown) => void;
}

/**
 * Polls the outbox for each consumer until stopped. Several processes may run one each: a batch goes to one of
 * them. A failing batch is retried after idleMs (the cursor stays before it), so a consumer never skips an event.
 */
export class OutboxDispatcher {
  #stopped = false;
  #loops: Promise<void>[] = [];
  #wake: (() => void)[] = [];

  constructor(private readonly db: Kysely<DB>, private readonly options: DispatcherOptions = {}) {}

  start(): void {
    const consumers = this.options.consumers ?? registry;
    this.#loops = [...consumers].map(([name, handler]) => this.#loop(name, handler));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake.splice(0).forEach((wake) => wake());
    await Promise.all(this.#loops);
  }

  async #loop(name: string, handler: OutboxHandler): Promise<void> {
    const idleMs = this.options.idleMs ?? limits.outboxIdleMs;
    const batchSize = this.options.batchSize ?? limits.outboxBatchSizeMax;
    while (!this.#stopped) {
      let handled = 0;
      try {
        handled = await dispatchOnce(this.db, name, handler, batchSize);
      } catch (error) {
        if (this.#stopped) return;
        this.options.onError?.(name, error);
      }
      if (handled < batchSize && !this.#stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, idleMs);
          const wakes = this.#wake;
          function done() {
            clearTimeout(timer);
            const i = wakes.indexOf(done);
            if (i >= 0) wakes.splice(i, 1);
            resolve();
          }
          wakes.push(done);
        });
      }
    }
  }
}

/** Deletes events every consumer has passed and that are older than the retention: bounded per call. */
export async function pruneOutbox(db: Kysely<DB>, olderThan: Date): Promise<number> {
  const result = await sql<{ n: string }>`
    WITH gone AS (
      DELETE FROM outbox_events e
       WHERE (e.tenant_id, e.id) IN (
         SELECT tenant_id, id FROM outbox_events
          WHERE occurred_at < ${olderThan}
            AND NOT EXISTS (SELECT 1 FROM outbox_consumers c WHERE (c.tx, c.last_id) < (outbox_events.tx, outbox_events.id))
          LIMIT ${limits.outboxPruneRowsMax})
      RETURNING 1)
    SELECT count(*)::text AS n FROM gone`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

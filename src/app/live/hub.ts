import { sql, type Kysely } from 'kysely';
import { limits } from '../../core/limits.js';
import type { Permission } from '../../core/auth/permissions.js';
import { can, departmentTree, type Actor } from '../actor.js';
import { finishedBelow } from '../outbox/dispatcher.js';
import type { DB } from '../schema.js';

/**
 * Live updates (issue 7 §2): what changed, pushed to the screens that show it. Each server process tails the
 * outbox itself (one query per poll, only while someone listens), with a cursor of its own in memory: every
 * process sees every committed event, so a user connected to any of several processes on one PostgreSQL — or
 * to the one process on the embedded database — hears of a receipt another process recorded. The read is the
 * dispatcher's commit-safe one (finishedBelow): a transaction that commits late is still delivered, in order.
 *
 * A listener gets only what it may see: the event's kind needs the permission that lists such records, and an
 * event about a customer reaches own- and department-scoped users only for their customers. Events name what
 * changed (type and ids), never amounts: the screen refetches through the API, which applies masking and scope.
 */
export interface LiveEvent {
  /** `<tx>.<id>`: the outbox position (ordered). */
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  customerId: string | null;
  occurredAt: string;
}

/** Who may hear of an aggregate's events; kinds not listed are not sent. */
const permissionFor: Record<string, Permission> = {
  receipt: 'receipts.view',
  refund: 'receipts.view',
  statement: 'reconciliation.manage',
  alert: 'alerts.view',
};

interface Listener {
  actor: Actor;
  /** Department scope: the department and its sub-departments (null for other scopes). */
  departments: ReadonlySet<string> | null;
  send: (event: LiveEvent) => void;
}

export interface LiveHubOptions {
  pollMs?: number;
  onError?: (error: unknown) => void;
}

export class LiveHub {
  readonly #listeners = new Set<Listener>();
  #cursor: { tx: string; id: string } | null = null;
  #timer: NodeJS.Timeout | null = null;
  #polling: Promise<void> | null = null;
  #closed = false;

  constructor(private readonly db: Kysely<DB>, private readonly options: LiveHubOptions = {}) {}

  get size(): number {
    return this.#listeners.size;
  }

  countFor(tenantId: string, userId: string | null): number {
    let n = 0;
    for (const l of this.#listeners) if (l.actor.tenantId === tenantId && l.actor.userId === userId) n++;
    return n;
  }

  /** Starts delivering to `send`; the returned function stops it. `update` replaces the actor (a re-check of the session). */
  async subscribe(actor: Actor, send: (event: LiveEvent) => void): Promise<{ close: () => void; update: (actor: Actor) => Promise<void> }> {
    const listener: Listener = { actor, departments: await this.#departmentsOf(actor), send };
    // The first listener fixes where this process starts reading: everything committed before is history.
    if (this.#cursor === null) this.#cursor = await this.#start();
    this.#listeners.add(listener);
    this.#schedule();
    return {
      close: () => { this.#listeners.delete(listener); },
      update: async (next: Actor) => {
        listener.departments = await this.#departmentsOf(next);
        listener.actor = next;
      },
    };
  }

  /** Stops polling and forgets every listener (the streams are ended by their owners). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#listeners.clear();
    await this.#polling;
  }

  /** Reads and delivers what was committed since the last poll (exposed for tests; the timer calls it). */
  async poll(): Promise<number> {
    if (this.#cursor === null || this.#listeners.size === 0) return 0;
    const tenants = [...new Set([...this.#listeners].map((l) => l.actor.tenantId))];
    const { rows } = await sql<{ tenant_id: string; id: string; tx: string; type: string; aggregate_type: string; aggregate_id: string; customer_id: string | null; user_id: string | null; occurred_at: Date }>`
      WITH ${finishedBelow}
      SELECT tenant_id, id::text AS id, tx::text AS tx, type, aggregate_type, aggregate_id, payload->>'customerId' AS customer_id, payload->>'userId' AS user_id, occurred_at
        FROM outbox_events, bound
       WHERE (tx, id) > (${this.#cursor.tx}::xid8, ${this.#cursor.id}::int8) AND tx < bound.x
       ORDER BY tx, id
       LIMIT ${limits.liveEventsPerPollMax}`.execute(this.db);
    if (rows.length === 0) return 0;
    const last = rows[rows.length - 1]!;
    this.#cursor = { tx: last.tx, id: last.id };
    const relevant = rows.filter((r) => tenants.includes(r.tenant_id) && (permissionFor[r.aggregate_type] !== undefined || r.aggregate_type === 'notification'));
    const owners = await this.#owners(relevant);
    for (const r of relevant) {
      const event: LiveEvent = {
        id: `${r.tx}.${r.id}`, type: r.type, aggregateType: r.aggregate_type, aggregateId: r.aggregate_id,
        customerId: r.customer_id, occurredAt: r.occurred_at.toISOString(),
      };
      const owner = r.customer_id === null ? null : owners.get(`${r.tenant_id}:${r.customer_id}`) ?? null;
      for (const listener of this.#listeners) {
        if (listener.actor.tenantId !== r.tenant_id) continue;
        // A notification goes to its recipient alone; everything else by permission and data scope.
        if (r.aggregate_type === 'notification' ? r.user_id !== null && listener.actor.userId === r.user_id : mayHear(listener, r.aggregate_type, r.customer_id, owner)) listener.send(event);
      }
    }
    return rows.length;
  }

  #schedule(): void {
    if (this.#timer !== null || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#polling = this.poll()
        .then((n) => n >= limits.liveEventsPerPollMax)
        .catch((error: unknown) => { this.options.onError?.(error); return false; })
        .then((more) => {
          this.#timer = null;
          this.#polling = null;
          // Nobody listening: stop polling; the next subscriber starts from then (there is no one to catch up).
          if (this.#listeners.size === 0) { this.#cursor = null; return; }
          if (more) setImmediate(() => this.#schedule());
          else this.#schedule();
        });
    }, this.options.pollMs ?? limits.livePollMs);
    this.#timer.unref();
  }

  async #start(): Promise<{ tx: string; id: string }> {
    const { rows } = await sql<{ x: string }>`WITH ${finishedBelow} SELECT x::text AS x FROM bound`.execute(this.db);
    // Rows of transactions below the bound are history; every later row has (tx, id) > (bound, 0).
    return { tx: rows[0]!.x, id: '0' };
  }

  async #departmentsOf(actor: Actor): Promise<ReadonlySet<string> | null> {
    if (actor.dataScope !== 'department' || !actor.departmentId) return null;
    const { rows } = await sql<{ id: string }>`SELECT id FROM ${departmentTree(actor.tenantId, actor.departmentId)} AS t(id)`.execute(this.db);
    return new Set(rows.map((r) => r.id));
  }

  /** Owner and department of the customers the events are about, for scoped listeners (one query). */
  async #owners(rows: readonly { tenant_id: string; customer_id: string | null }[]): Promise<Map<string, { ownerId: string | null; departmentId: string | null }>> {
    const scoped = [...this.#listeners].some((l) => l.actor.dataScope !== 'all');
    const keys = scoped ? rows.filter((r) => r.customer_id !== null) : [];
    if (keys.length === 0) return new Map();
    const { rows: found } = await sql<{ tenant_id: string; id: string; owner_id: string | null; department_id: string | null }>`
      SELECT c.tenant_id, c.id, c.owner_id, c.department_id
        FROM unnest(${keys.map((k) => k.tenant_id)}::uuid[], ${keys.map((k) => k.customer_id)}::uuid[]) AS k(tenant_id, id)
        JOIN customers c ON c.tenant_id = k.tenant_id AND c.id = k.id`.execute(this.db);
    return new Map(found.map((c) => [`${c.tenant_id}:${c.id}`, { ownerId: c.owner_id, departmentId: c.department_id }]));
  }
}

function mayHear(listener: Listener, aggregateType: string, customerId: string | null, owner: { ownerId: string | null; departmentId: string | null } | null): boolean {
  const { actor } = listener;
  if (!can(actor, permissionFor[aggregateType]!)) return false;
  if (actor.dataScope === 'all') return true;
  // Scoped users hear of their customers only; an event about no customer (a statement, a tenant-wide alert) is
  // for those who see everything.
  if (customerId === null || owner === null) return false;
  if (actor.dataScope === 'own' || !actor.departmentId) return owner.ownerId !== null && owner.ownerId === actor.userId;
  return owner.departmentId !== null && listener.departments?.has(owner.departmentId) === true;
}

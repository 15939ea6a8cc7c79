import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { isKxError } from '../../core/errors.js';
import { validateEntry, type ValidEntry } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import type { AuditValue } from '../../core/audit/chain.js';
import type { Actor } from '../actor.js';
import { auditAppend, type AuditEvent } from '../audit.js';
import { requestHashOf, type IdempotentOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { nextNumbers } from '../numbers.js';
import { prepared, preparedRows } from '../prepared.js';
import type { DB } from '../schema.js';
import { allocationValues, movesOf, planRequested, rowsOf, type OrderMove } from './allocation.js';
import { summaryOf, type ReceiptRow, type ReceiptView } from './receipt-model.js';
import { confirmationEntry, confirmationOf, createdEvent, enteredRow, recordReceipt, storedInput, type Confirmation, type NewReceiptEntry } from './receipts.js';
import { orderOf, settleOpen, settleStatus, visibleOrders, type LockedOrder, type OpenInstalment } from './settlement.js';

/**
 * Group commit for receipts confirmed at entry (`POST /receipts` with confirm: true). Concurrent requests of
 * one tenant and actor are gathered without any artificial wait: while a batch's transaction runs, new
 * arrivals queue, and the next batch takes all of them (at most limits.receiptBatchSizeMax). A batch is one
 * transaction of a fixed number of statements whatever its size — idempotency keys, order and instalment
 * locks, settlement figures, postings, receipts and allocation rows, answers and one audit append — each
 * with the same SQL text for any batch size (arrays and unnest), so they stay prepared. Round trips per
 * receipt, the cost that dominated this request (docs/performance.md), fall with the batch size.
 *
 * The rules are the same TypeScript as one receipt alone (planRequested, settleOpen, confirmationEntry,
 * confirmationOf), applied per receipt in arrival order to the locked rows held in memory, so two receipts
 * of a batch on one order see each other. A receipt that fails its checks gets its own error and writes
 * nothing; the others commit. Anything else going wrong (a deadlock, a constraint the code missed) rolls
 * the batch back and each of its receipts runs alone through recordReceipt: the outcome is always what
 * one-by-one would have given. A key already taken (a repeat, or a second request with the same key in
 * one batch) goes through recordReceipt too, after the batch, and is answered from the first.
 */

/** Requests this path takes: confirmed at entry, allocations given (or none), a rate known without a lookup. */
export function batchable(entry: NewReceiptEntry): boolean {
  const { actor, input, checked, rules } = entry;
  // A replay of history (asOf) and an automatic allocation (its own queries) keep the one-by-one path, as
  // does a foreign currency without an explicit rate (the rate of the day is read in the transaction), and
  // machine-recorded money (a gateway event, a statement line, an import row: its origin and evidence rule).
  return input.confirm === true && input.origin === undefined && actor.asOf === undefined && input.autoAllocate !== true && checked.baseRate !== undefined
    && (checked.currency === rules.baseCurrency || checked.explicitRate !== undefined);
}

interface Pending {
  entry: NewReceiptEntry;
  hash: string;
  resolve: (outcome: IdempotentOutcome<ReceiptView>) => void;
  reject: (error: unknown) => void;
}

/** One queue per database, tenant and actor: a batch appends its audit records in one actor's name. */
interface Lane {
  waiting: Pending[];
  running: boolean;
}

const lanesByDb = new WeakMap<Kysely<DB>, Map<string, Lane>>();

function laneKey(actor: Actor): string {
  return JSON.stringify([actor.tenantId, actor.kind, actor.id, actor.label, actor.userId, actor.departmentId, actor.dataScope, [...actor.permissions].sort(), actor.ip, actor.userAgent]);
}

/** Queues a checked receipt for the next batch of its tenant and actor; settles when that batch has. */
export function recordInBatch(db: Kysely<DB>, entry: NewReceiptEntry): Promise<IdempotentOutcome<ReceiptView>> {
  let lanes = lanesByDb.get(db);
  if (!lanes) lanesByDb.set(db, (lanes = new Map()));
  const key = laneKey(entry.actor);
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { waiting: [], running: false }));
  const hash = requestHashOf('receipt.create', entry.input as unknown as AuditValue);
  const outcome = new Promise<IdempotentOutcome<ReceiptView>>((resolve, reject) => lane.waiting.push({ entry, hash, resolve, reject }));
  if (!lane.running) void drain(db, lanes, key, lane);
  return outcome;
}

async function drain(db: Kysely<DB>, lanes: Map<string, Lane>, key: string, lane: Lane): Promise<void> {
  lane.running = true;
  try {
    while (lane.waiting.length > 0) {
      const batch = lane.waiting.splice(0, limits.receiptBatchSizeMax);
      await runBatch(db, batch).catch((error: unknown) => batch.forEach((p) => p.reject(error)));
    }
  } finally {
    lane.running = false;
    lanes.delete(key);
  }
}

/** The receipts of a batch with their numbers; a key seen twice in it defers the second (answered from the first). */
async function runBatch(db: Kysely<DB>, batch: Pending[]): Promise<void> {
  const seen = new Set<string>();
  const first: Pending[] = [];
  const later: Pending[] = [];
  for (const p of batch) {
    if (seen.has(p.entry.key)) {
      later.push(p);
    } else {
      seen.add(p.entry.key);
      first.push(p);
    }
  }
  const numbered = await numberAll(db, first);
  let alone: { pending: Pending; number: string }[];
  try {
    const result = await db.transaction().execute((trx) => writeBatch(trx, numbered));
    result.settled.forEach((settle) => settle());
    alone = result.taken;
  } catch {
    // A database refusal of the whole batch: each receipt alone, as if it had come by itself.
    alone = numbered;
  }
  await Promise.all([...alone, ...(await numberAll(db, later))].map(({ pending, number }) =>
    recordReceipt(db, pending.entry, number).then(pending.resolve, pending.reject)));
}

/** Document numbers for the receipts, one statement per year of their dates, in arrival order. */
async function numberAll(db: Kysely<DB>, batch: readonly Pending[]): Promise<{ pending: Pending; number: string }[]> {
  if (batch.length === 0) return [];
  const byYear = new Map<string, Pending[]>();
  for (const p of batch) {
    const year = p.entry.input.receivedDate.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), p]);
  }
  const numbers = new Map<Pending, string>();
  for (const group of byYear.values()) {
    const taken = await nextNumbers(db, group[0]!.entry.actor.tenantId, 'RC', group[0]!.entry.input.receivedDate, group.length);
    group.forEach((p, i) => numbers.set(p, taken[i]!));
  }
  return batch.map((pending) => ({ pending, number: numbers.get(pending)! }));
}

/** A receipt of the batch that passed its checks against the locked rows. */
interface Accepted {
  pending: Pending;
  entered: ReceiptRow;
  confirmation: Confirmation;
  entry: ValidEntry;
  orders: Map<string, LockedOrder>;
}

/**
 * The batch's transaction. Returns what to do once it has committed (answer or refuse each receipt), and the
 * receipts whose key was already taken, for recordReceipt to answer.
 */
async function writeBatch(trx: Transaction<DB>, batch: { pending: Pending; number: string }[]): Promise<{ settled: (() => void)[]; taken: { pending: Pending; number: string }[] }> {
  const actor = batch[0]!.pending.entry.actor;
  const tenantId = actor.tenantId;
  const inserted = new Set((await rawRows(trx, sql<{ key: string }>`${prepared}
    INSERT INTO idempotency_keys (tenant_id, key, operation, request_hash)
    SELECT ${tenantId}::uuid, u.key, 'receipt.create', u.hash FROM unnest(${batch.map((b) => b.pending.entry.key)}::text[], ${batch.map((b) => b.pending.hash)}::text[]) AS u(key, hash)
    ON CONFLICT (tenant_id, key) DO NOTHING
    RETURNING key`)).map((r) => r.key));
  const taken = batch.filter((b) => !inserted.has(b.pending.entry.key));
  const fresh = batch.filter((b) => inserted.has(b.pending.entry.key));
  const { orders, open } = await lockAll(trx, actor, fresh.flatMap((b) => b.pending.entry.checked.planned.map((p) => p.orderId)));
  const accepted: Accepted[] = [];
  const refused: { pending: Pending; error: unknown }[] = [];
  for (const { pending, number } of fresh) {
    const undo = snapshot(orders, open);
    try {
      accepted.push(await settleOne(trx, pending, number, orders, open));
    } catch (error) {
      if (!isKxError(error)) throw error;
      undo();
      refused.push({ pending, error });
    }
  }
  const confirmedAt = new Date();
  if (accepted.length > 0) {
    await saveAllFigures(trx, tenantId, accepted, open);
    await postAll(trx, actor, accepted);
  }
  const createdAt = await insertAll(trx, actor, accepted, confirmedAt);
  const answers = accepted.map((a) => answerOf(a, createdAt.get(a.entered.id)!, confirmedAt));
  await answerAll(trx, actor, answers.map((body, i) => ({ key: accepted[i]!.pending.entry.key, body })), refused.map((r) => r.pending.entry.key), accepted.flatMap((a) => [createdEvent(a.entered), a.confirmation.audit]));
  const settled = [
    ...accepted.map((a, i) => () => a.pending.resolve({ status: 201, body: answers[i]!, replayed: false })),
    ...refused.map((r) => () => r.pending.reject(r.error)),
  ];
  return { settled, taken };
}

/**
 * Locks every order of the batch (in id order, one statement) and their open instalments (under the order
 * locks, so in no circle with any other settler, who locks the order first too).
 */
async function lockAll(trx: Transaction<DB>, actor: Actor, orderIds: readonly string[]): Promise<{ orders: Map<string, LockedOrder>; open: Map<string, OpenInstalment[]> }> {
  const ids = [...new Set(orderIds)].sort();
  if (ids.length === 0) return { orders: new Map(), open: new Map() };
  const rows = await preparedRows(trx, visibleOrders(trx, actor).where('o.id', '=', sql<string>`ANY(${ids}::uuid[])`).orderBy('o.id').forUpdate('o'));
  const orders = new Map(rows.map((r) => [r.id, orderOf(r)]));
  const open = new Map<string, OpenInstalment[]>([...orders.keys()].map((id) => [id, []]));
  const instalments = await preparedRows(trx, trx
    .selectFrom('instalments')
    .select(['id', 'order_id', 'due_date', 'amount_minor', 'settled_minor'])
    .where('tenant_id', '=', actor.tenantId)
    .where('order_id', '=', sql<string>`ANY(${[...orders.keys()]}::uuid[])`)
    .where('voided_at', 'is', null)
    .whereRef('settled_minor', '<', 'amount_minor')
    .orderBy('order_id')
    .orderBy('due_date')
    .orderBy('id')
    .forUpdate());
  for (const i of instalments) open.get(i.order_id)!.push({ id: i.id, due_date: i.due_date, amount_minor: i.amount_minor, settled_minor: i.settled_minor });
  return { orders, open };
}

/** Puts the in-memory figures back as they were, for a receipt that failed its checks half-way. */
function snapshot(orders: Map<string, LockedOrder>, open: Map<string, OpenInstalment[]>): () => void {
  const figures = [...orders.values()].map((o) => ({ o, paid: o.paidMinor, credited: o.creditedMinor, writtenOff: o.writtenOffMinor, status: o.status }));
  const settled = [...open.values()].flat().map((i) => ({ i, settled: i.settled_minor }));
  return () => {
    for (const f of figures) Object.assign(f.o, { paidMinor: f.paid, creditedMinor: f.credited, writtenOffMinor: f.writtenOff, status: f.status });
    for (const s of settled) s.i.settled_minor = s.settled;
  };
}

/** confirmEntered for one receipt of the batch, on the locked rows in memory (same checks, same prefix in errors). */
async function settleOne(trx: Transaction<DB>, pending: Pending, number: string, locked: Map<string, LockedOrder>, open: Map<string, OpenInstalment[]>): Promise<Accepted> {
  const { entry } = pending;
  const { actor, rules, checked } = entry;
  const entered = enteredRow(entry, newId(), number);
  const orders = new Map(entered.requested.flatMap((a) => (locked.has(a.orderId) ? [[a.orderId, locked.get(a.orderId)!] as const] : [])));
  const inputs = entered.requested.map((a) => storedInput(a, orders, entered.currency));
  const planned = await planRequested(trx, actor.tenantId, orders, checked.side, inputs, entered.amountMinor, 'requestedAllocations');
  const moves = await movesOf(orders, planned, (order, plan, options) => settleOpen(order, open.get(order.id)!, plan.amountMinor, 'paid', options));
  const valid = validateEntry(confirmationEntry(entered, checked.side, moves));
  const confirmation = confirmationOf(rules, entered, checked.baseRate!, moves, newId());
  return { pending, entered, confirmation, entry: valid, orders };
}

/** The orders' figures and status, and the instalments' settled amounts, after the whole batch: one statement. */
async function saveAllFigures(trx: Transaction<DB>, tenantId: string, accepted: readonly Accepted[], open: Map<string, OpenInstalment[]>): Promise<void> {
  const orders = new Map(accepted.flatMap((a) => a.confirmation.moves.map((m) => [m.order.id, m.order] as const)));
  if (orders.size === 0) return;
  const statuses = [...orders.values()].map((o) => settleStatus(o));
  const instalments = [...orders.keys()].flatMap((id) => open.get(id)!);
  const now = new Date();
  const list = [...orders.values()];
  await rawRows(trx, sql`${prepared}
    WITH settled AS (
      UPDATE instalments i SET settled_minor = v.settled
        FROM unnest(${instalments.map((i) => i.id)}::uuid[], ${instalments.map((i) => i.settled_minor.toString())}::int8[]) AS v(id, settled)
       WHERE i.tenant_id = ${tenantId}::uuid AND i.id = v.id AND i.settled_minor <> v.settled)
    UPDATE orders o
       SET paid_minor = v.paid, credited_minor = v.credited, written_off_minor = v.written_off, status = v.status, updated_at = ${now}::timestamptz,
           cancelled_at = CASE WHEN v.status = 'cancelled' THEN ${now}::timestamptz ELSE o.cancelled_at END
      FROM unnest(${list.map((o) => o.id)}::uuid[], ${list.map((o) => o.paidMinor.toString())}::int8[], ${list.map((o) => o.creditedMinor.toString())}::int8[],
                  ${list.map((o) => o.writtenOffMinor.toString())}::int8[], ${statuses}::text[]) AS v(id, paid, credited, written_off, status)
     WHERE o.tenant_id = ${tenantId}::uuid AND o.id = v.id`);
}

/**
 * Every receipt's posting through kx_post_entry, one call per entry in one statement; the account ids are
 * looked up by code in the same statement. Entries go in customer order, so that two batches (or a batch
 * and a lone posting) take the customers' balance rows in one order.
 */
async function postAll(trx: Transaction<DB>, actor: Actor, accepted: readonly Accepted[]): Promise<void> {
  const entries = [...accepted].sort((a, b) => (a.entered.customerId < b.entered.customerId ? -1 : a.entered.customerId > b.entered.customerId ? 1 : 0));
  const lines = entries.flatMap((a, n) => a.entry.lines.map((l) => ({ n: n + 1, l })));
  const col = <T>(pick: (x: (typeof lines)[number]['l']) => T) => lines.map((x) => pick(x.l));
  const rows = await rawRows(trx, sql<{ posted: string }>`${prepared}
    SELECT count(kx_post_entry(
             ${actor.tenantId}::uuid, e.id, e.entry_date, e.memo, 'receipt', e.source_id, NULL, NULL, NULL, ${actor.userId}::uuid,
             l.line_no, l.account_id, l.currency, l.amount_minor, l.customer_id, l.department_id, l.owner_id, l.product_id, l.channel, l.memo))::text AS posted
      FROM unnest(${entries.map((a) => a.confirmation.entryId)}::uuid[], ${entries.map((a) => a.entry.entryDate)}::date[], ${entries.map((a) => a.entry.memo)}::text[],
                  ${entries.map((a) => a.entry.sourceId)}::uuid[]) WITH ORDINALITY AS e(id, entry_date, memo, source_id, n)
     CROSS JOIN LATERAL (
       SELECT array_agg(x.line_no ORDER BY x.line_no) AS line_no, array_agg(a.id ORDER BY x.line_no) AS account_id,
              array_agg(x.currency ORDER BY x.line_no) AS currency, array_agg(x.amount_minor ORDER BY x.line_no) AS amount_minor,
              array_agg(x.customer_id ORDER BY x.line_no) AS customer_id, array_agg(x.department_id ORDER BY x.line_no) AS department_id,
              array_agg(x.owner_id ORDER BY x.line_no) AS owner_id, array_agg(x.product_id ORDER BY x.line_no) AS product_id,
              array_agg(x.channel ORDER BY x.line_no) AS channel, array_agg(x.memo ORDER BY x.line_no) AS memo
         FROM unnest(${lines.map((x) => x.n)}::int8[], ${col((l) => l.lineNo)}::smallint[], ${col((l) => l.account)}::text[], ${col((l) => l.currency)}::text[],
                     ${col((l) => l.amountMinor.toString())}::int8[], ${col((l) => l.customerId)}::uuid[], ${col((l) => l.departmentId)}::uuid[],
                     ${col((l) => l.ownerId)}::uuid[], ${col((l) => l.productId)}::uuid[], ${col((l) => l.channel)}::text[], ${col((l) => l.memo)}::text[])
              AS x(n, line_no, account, currency, amount_minor, customer_id, department_id, owner_id, product_id, channel, memo)
         LEFT JOIN accounts a ON a.tenant_id = ${actor.tenantId}::uuid AND a.code = x.account
        WHERE x.n = e.n) l`);
  // An unknown account leaves a null account id, which the journal refuses; a count short of the batch is a
  // bug: either way the batch falls back to one receipt at a time, which reports it properly.
  if (rows[0]?.posted !== String(entries.length)) throw new Error(`receipt batch: ${rows[0]?.posted ?? 0} of ${entries.length} postings written`);
}

/** The receipts, already confirmed, and their allocation rows: one statement; returns each receipt's created_at. */
async function insertAll(trx: Transaction<DB>, actor: Actor, accepted: readonly Accepted[], confirmedAt: Date): Promise<Map<string, Date>> {
  if (accepted.length === 0) return new Map();
  const receipts = accepted.map((a) => ({ a, input: a.pending.entry.input, c: a.confirmation }));
  const col = <T>(pick: (x: (typeof receipts)[number]) => T) => receipts.map(pick);
  const allocations = accepted.flatMap((a) => allocationValues(actor, rowsOf(a.entered.id, a.confirmation.moves), 'allocate', a.confirmation.entryId));
  const acol = <T>(pick: (x: (typeof allocations)[number]) => T) => allocations.map(pick);
  const rows = await rawRows(trx, sql<{ id: string; created_at: Date }>`${prepared}
    WITH r AS (
      INSERT INTO receipts (tenant_id, id, number, customer_id, kind, currency, amount_minor, channel, received_date, payer_name, payer_account, external_ref,
                            remarks, attachments, status, requested_allocations, auto_allocate, base_rate, created_by,
                            confirmed_by, confirmed_at, base_amount_minor, allocated_minor, entry_id)
      SELECT ${actor.tenantId}::uuid, u.id, u.number, u.customer_id, u.kind, u.currency, u.amount_minor, u.channel, u.received_date, u.payer_name, u.payer_account,
             u.external_ref, u.remarks, u.attachments::jsonb, 'confirmed', u.requested::jsonb, false, u.base_rate, ${actor.userId}::uuid,
             ${actor.userId}::uuid, ${confirmedAt}::timestamptz, u.base_amount_minor, u.allocated_minor, u.entry_id
        FROM unnest(${col((x) => x.a.entered.id)}::uuid[], ${col((x) => x.a.entered.number)}::text[], ${col((x) => x.a.entered.customerId)}::uuid[],
                    ${col((x) => x.a.entered.kind)}::text[], ${col((x) => x.a.entered.currency)}::text[], ${col((x) => x.a.entered.amountMinor.toString())}::int8[],
                    ${col((x) => x.input.channel)}::text[], ${col((x) => x.input.receivedDate)}::date[], ${col((x) => x.input.payerName ?? '')}::text[],
                    ${col((x) => x.input.payerAccount ?? '')}::text[], ${col((x) => x.input.externalRef ?? '')}::text[], ${col((x) => x.input.remarks ?? '')}::text[],
                    ${col((x) => JSON.stringify(x.input.attachments ?? []))}::text[], ${col((x) => JSON.stringify(x.a.entered.requested))}::text[],
                    ${col((x) => x.c.baseRate)}::numeric[], ${col((x) => x.c.baseAmountMinor.toString())}::int8[], ${col((x) => x.c.allocatedMinor.toString())}::int8[],
                    ${col((x) => x.c.entryId)}::uuid[])
             AS u(id, number, customer_id, kind, currency, amount_minor, channel, received_date, payer_name, payer_account, external_ref, remarks, attachments,
                  requested, base_rate, base_amount_minor, allocated_minor, entry_id)
      RETURNING id, created_at),
    a AS (
      INSERT INTO allocations (tenant_id, id, receipt_id, order_id, instalment_id, amount_minor, receipt_amount_minor, rate, kind, entry_id, created_by)
      SELECT ${actor.tenantId}::uuid, v.id, v.receipt_id, v.order_id, v.instalment_id, v.amount_minor, v.receipt_amount_minor, v.rate, 'allocate', v.entry_id, ${actor.userId}::uuid
        FROM unnest(${acol((x) => x.id)}::uuid[], ${acol((x) => x.receipt_id)}::uuid[], ${acol((x) => x.order_id)}::uuid[], ${acol((x) => x.instalment_id)}::uuid[],
                    ${acol((x) => x.amount_minor.toString())}::int8[], ${acol((x) => x.receipt_amount_minor.toString())}::int8[], ${acol((x) => x.rate)}::numeric[],
                    ${acol((x) => x.entry_id)}::uuid[])
             AS v(id, receipt_id, order_id, instalment_id, amount_minor, receipt_amount_minor, rate, entry_id)
    )
    SELECT id, created_at FROM r`);
  return new Map(rows.map((r) => [r.id, r.created_at]));
}

/**
 * The answers stored under their keys, the keys of refused receipts dropped (a retry of those runs afresh,
 * as after a rollback), and all audit records appended in one call — the chain head is locked only for the
 * rest of this statement and the commit.
 */
async function answerAll(trx: Transaction<DB>, actor: Actor, answers: { key: string; body: ReceiptView }[], refusedKeys: readonly string[], audit: readonly AuditEvent[]): Promise<void> {
  const changes = sql`
    WITH answered AS (
      UPDATE idempotency_keys k SET status_code = 201, response = v.response::jsonb
        FROM unnest(${answers.map((a) => a.key)}::text[], ${answers.map((a) => JSON.stringify(a.body))}::text[]) AS v(key, response)
       WHERE k.tenant_id = ${actor.tenantId}::uuid AND k.key = v.key),
    dropped AS (
      DELETE FROM idempotency_keys WHERE tenant_id = ${actor.tenantId}::uuid AND key = ANY(${refusedKeys}::text[]))`;
  if (audit.length === 0) await rawRows(trx, sql`${prepared} ${changes} SELECT 1`);
  else await rawRows(trx, sql`${prepared} ${changes} SELECT ${auditAppend(actor, audit)} AS seq`);
}

/**
 * The answer, from what was written (receiptView would read back exactly this; test/receipts-batch.test.ts
 * compares the two): a new confirmed receipt with nothing refunded, paying what its moves settled.
 */
function answerOf(a: Accepted, createdAt: Date, confirmedAt: Date): ReceiptView {
  const { entered, confirmation: c, orders } = a;
  const { input, checked, actor, rules } = a.pending.entry;
  const customer = checked.customer;
  const summary = summaryOf({
    id: entered.id, number: entered.number, customer_id: customer.id, customer_code: customer.code, customer_name: customer.name, owner_id: customer.owner_id,
    department_id: customer.department_id, kind: entered.kind, status: 'confirmed', currency: entered.currency, amount_minor: entered.amountMinor, channel: input.channel,
    received_date: input.receivedDate, payer_name: input.payerName ?? '', payer_account: input.payerAccount ?? '', external_ref: input.externalRef ?? '',
    allocated_minor: c.allocatedMinor, refund_held_minor: 0n, refunded_minor: 0n, base_amount_minor: c.baseAmountMinor, created_at: createdAt, base_rate: c.baseRate, source: 'manual' as const, source_ref: null, reconciled_at: null,
  }, rules.baseCurrency);
  return {
    ...summary,
    remarks: input.remarks ?? '',
    attachments: JSON.parse(JSON.stringify(input.attachments ?? [])) as ReceiptView['attachments'],
    baseCurrency: rules.baseCurrency,
    requestedAllocations: entered.requested.map((r) => {
      const order = orders.get(r.orderId);
      const currency = order?.currency ?? entered.currency;
      return { orderId: r.orderId, orderNumber: order?.number ?? '', instalmentId: r.instalmentId ?? null, amount: formatAmount(BigInt(r.amountMinor), currency), currency, exchangeRate: r.rate ?? null };
    }),
    autoAllocate: false,
    allocations: netPerOrder(c.moves, entered.currency),
    entryId: c.entryId,
    voidEntryId: null,
    statusReason: null,
    createdBy: actor.userId,
    confirmedBy: actor.userId,
    confirmedAt: confirmedAt.toISOString(),
    rejectedBy: null,
    rejectedAt: null,
    voidedBy: null,
    voidedAt: null,
  };
}

/** What the receipt pays per order (moves at several rates on one order add up), by order number as the view sorts. */
function netPerOrder(moves: readonly OrderMove[], receiptCurrency: string): ReceiptView['allocations'] {
  const perOrder = new Map<string, { order: LockedOrder; amountMinor: bigint; receiptMinor: bigint }>();
  for (const m of moves) {
    const sum = perOrder.get(m.order.id) ?? { order: m.order, amountMinor: 0n, receiptMinor: 0n };
    sum.amountMinor += m.amountMinor;
    sum.receiptMinor += m.receiptMinor;
    perOrder.set(m.order.id, sum);
  }
  return [...perOrder.values()]
    .filter((s) => s.amountMinor !== 0n)
    .sort((x, y) => (x.order.number < y.order.number ? -1 : x.order.number > y.order.number ? 1 : 0))
    .map((s) => ({ orderId: s.order.id, orderNumber: s.order.number, currency: s.order.currency, amount: formatAmount(s.amountMinor, s.order.currency), receiptAmount: formatAmount(s.receiptMinor, receiptCurrency) }));
}

/** The rows of a raw statement (marked as prepared where it starts with `prepared`). */
async function rawRows<R>(trx: Transaction<DB>, query: RawBuilder<R>): Promise<R[]> {
  return (await query.execute(trx)).rows;
}

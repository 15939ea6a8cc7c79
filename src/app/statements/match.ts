import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { suggestMatches, type LineToMatch } from '../../core/reconciliation/index.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import { learnPayer } from '../payer-aliases.js';
import { amountField, fail } from '../receivables/common.js';
import { createReceipt } from '../receivables/receipts.js';
import type { DB } from '../schema.js';
import { storedSuggestion, storedSuggestionsMax, suggestedScoreMin, type Suggest } from './import.js';
import { loadOpenItems } from './open-items.js';
import { getLine, type StatementLineView } from './views.js';

/**
 * Accepting, ignoring and undoing matches of statement lines (issue 6 §4). A money-in line stands for money the
 * bank received: matched to receipts already recorded (they become reconciled), and/or to open instalments (a
 * receipt is recorded for that part, confirmed — the bank's line is its evidence — and allocated to them; what
 * the instalments do not take goes to the customer's advance). Every accepted match teaches payer → customer.
 */
export interface MatchItemInput {
  kind: 'receipt' | 'instalment';
  id: string;
  /** Decimal string in the line's currency; by default what the item still lacks (or has unreconciled). */
  amount?: string;
}

export interface MatchInput {
  customerId?: string;
  items: MatchItemInput[];
}

interface LineRow {
  id: string;
  statement_id: string;
  position: number;
  booking_date: string;
  amount_minor: bigint;
  currency: string;
  counterparty_name: string;
  counterparty_account: string;
  bank_ref: string;
  end_to_end_ref: string;
  status: string;
}

export async function matchLine(db: Kysely<DB>, actor: Actor, lineId: string, input: MatchInput, key: string | undefined): Promise<IdempotentOutcome<StatementLineView>> {
  requirePermission(actor, 'reconciliation.manage');
  const checkedKey = requireKey(key);
  if (input.items.length > limits.statementMatchItemsMax) throw fail('validation_failed', 'items', `at most ${limits.statementMatchItemsMax} items in one match`);
  const line = await readLine(db, actor, lineId);
  requireOpen(line);
  const plan = await planMatch(db, actor, line, input);
  // The receipt for the part no recorded receipt covers: recorded first, in its own transaction, under a key of
  // this line, so a retry after a failure between the two steps finds it again instead of recording it twice.
  const created = plan.newReceiptMinor > 0n ? await receiptForLine(db, actor, line, plan) : undefined;
  return idempotent(db, actor, checkedKey, 'statement_line.match', { lineId, ...input } as never, async (trx) => {
    const locked = await trx.selectFrom('statement_lines').select(['status']).where('tenant_id', '=', actor.tenantId).where('id', '=', lineId).forUpdate().executeTakeFirstOrThrow();
    requireOpen({ ...line, status: locked.status });
    const claims = [...plan.receipts, ...(created ? [{ id: created, amountMinor: plan.newReceiptMinor }] : [])];
    await claimReceipts(trx, actor, line, plan.customerId, claims);
    await trx.updateTable('statement_lines')
      .set({ status: 'matched', customer_id: plan.customerId, matched_by: actor.userId, matched_at: new Date(), status_reason: null })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', lineId).execute();
    await learnAlias(trx, actor, line, plan.customerId);
    const body = await getLine(trx, actor, lineId);
    return {
      status: 200, body,
      audit: [{
        action: 'statement_line.matched', entityType: 'statement_line', entityId: lineId, before: { status: line.status },
        after: { status: 'matched', customerId: plan.customerId, receipts: claims.map((c) => ({ id: c.id, amount: formatAmount(c.amountMinor, line.currency) })), recordedReceiptId: created ?? null },
      }],
    };
  });
}

async function readLine(db: Kysely<DB>, actor: Actor, lineId: string): Promise<LineRow> {
  const line = await db.selectFrom('statement_lines')
    .select(['id', 'statement_id', 'position', 'booking_date', 'amount_minor', 'currency', 'counterparty_name', 'counterparty_account', 'bank_ref', 'end_to_end_ref', 'status'])
    .where('tenant_id', '=', actor.tenantId).where('id', '=', lineId).executeTakeFirst();
  if (!line) throw fail('not_found', 'id', 'no such statement line');
  return line;
}

function requireOpen(line: Pick<LineRow, 'status' | 'amount_minor' | 'position'>): void {
  if (line.status !== 'unmatched' && line.status !== 'suggested') {
    throw fail('invalid_state', 'id', `line ${line.position} is ${line.status}; undo that first`, { status: line.status });
  }
  if (line.amount_minor < 0n) throw fail('invalid_state', 'id', `line ${line.position} is money out: it pays no receipt or instalment (ignore it with a reason)`);
}

interface MatchPlan {
  customerId: string;
  receipts: { id: string; amountMinor: bigint }[];
  instalments: { orderId: string; instalmentId: string; amountMinor: bigint }[];
  newReceiptMinor: bigint;
}

/** Checks the items against the line without locks (the writes re-check under locks) and splits the line's money. */
async function planMatch(db: Kysely<DB>, actor: Actor, line: LineRow, input: MatchInput): Promise<MatchPlan> {
  const receiptInputs = input.items.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === 'receipt');
  const instalmentInputs = input.items.map((item, index) => ({ item, index })).filter(({ item }) => item.kind === 'instalment');
  if (new Set(input.items.map((i) => i.id)).size !== input.items.length) throw fail('validation_failed', 'items', 'an item is named twice');
  const customers = new Set<string>(input.customerId === undefined ? [] : [input.customerId]);
  const receipts: MatchPlan['receipts'] = [];
  if (receiptInputs.length > 0) {
    const rows = await db.selectFrom('receipts as r')
      .select(['r.id', 'r.number', 'r.customer_id', 'r.currency', 'r.status', 'r.amount_minor', 'r.reconciled_at'])
      .select(sql<string>`r.amount_minor - coalesce((select sum(l.amount_minor) from statement_line_receipts l where l.tenant_id = r.tenant_id and l.receipt_id = r.id), 0)`.as('open_minor'))
      .where('r.tenant_id', '=', actor.tenantId).where('r.id', 'in', receiptInputs.map(({ item }) => item.id)).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { item, index } of receiptInputs) {
      const r = byId.get(item.id);
      if (!r) throw fail('not_found', `items[${index}].id`, 'no such receipt');
      if (r.status !== 'confirmed' || r.reconciled_at !== null) throw fail('invalid_state', `items[${index}].id`, `receipt ${r.number} is ${r.reconciled_at !== null ? 'reconciled already' : r.status}`);
      if (r.currency !== line.currency) throw fail('currency_mismatch', `items[${index}].id`, `receipt ${r.number} is in ${r.currency}, the line in ${line.currency}`);
      const open = BigInt(r.open_minor);
      const amount = item.amount === undefined ? open : amountField(item.amount, line.currency, `items[${index}].amount`);
      if (amount > open) throw fail('exceeds_receipt_amount', `items[${index}].amount`, `receipt ${r.number} has ${formatAmount(open, line.currency)} ${line.currency} not yet reconciled`);
      customers.add(r.customer_id);
      receipts.push({ id: r.id, amountMinor: amount });
    }
  }
  const instalments: MatchPlan['instalments'] = [];
  if (instalmentInputs.length > 0) {
    const rows = await db.selectFrom('instalments as i')
      .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
      .select(['i.id', 'i.order_id', 'o.number', 'o.customer_id', 'o.currency', 'i.amount_minor', 'i.settled_minor'])
      .where('i.tenant_id', '=', actor.tenantId).where('i.id', 'in', instalmentInputs.map(({ item }) => item.id)).where('i.voided_at', 'is', null).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const { item, index } of instalmentInputs) {
      const i = byId.get(item.id);
      if (!i) throw fail('not_found', `items[${index}].id`, 'no such instalment');
      if (i.currency !== line.currency) throw fail('currency_mismatch', `items[${index}].id`, `order ${i.number} is in ${i.currency}, the line in ${line.currency}`);
      const open = i.amount_minor - i.settled_minor;
      const amount = item.amount === undefined ? open : amountField(item.amount, line.currency, `items[${index}].amount`);
      customers.add(i.customer_id);
      instalments.push({ orderId: i.order_id, instalmentId: i.id, amountMinor: amount });
    }
  }
  if (customers.size === 0) throw fail('validation_failed', 'customerId', 'say whose money this is: a customer, or items of one customer');
  if (customers.size > 1) throw fail('validation_failed', 'items', 'the items belong to several customers: one line is one payer’s money');
  const claimed = receipts.reduce((sum, r) => sum + r.amountMinor, 0n);
  const forInstalments = instalments.reduce((sum, i) => sum + i.amountMinor, 0n);
  const rest = line.amount_minor - claimed;
  if (rest < 0n || forInstalments > rest) {
    throw fail('exceeds_receipt_amount', 'items', `the line brings ${formatAmount(line.amount_minor, line.currency)} ${line.currency}; the items take ${formatAmount(claimed + forInstalments, line.currency)}`);
  }
  return { customerId: [...customers][0]!, receipts, instalments, newReceiptMinor: rest };
}

/** Records (or finds again, after an interrupted match) the receipt of the line's unclaimed part. */
async function receiptForLine(db: Kysely<DB>, actor: Actor, line: LineRow, plan: MatchPlan): Promise<string> {
  const existing = await db.selectFrom('receipts').select('id').where('tenant_id', '=', actor.tenantId).where('source', '=', 'statement').where('source_ref', '=', line.id).where('status', '=', 'confirmed').executeTakeFirst();
  if (existing) return existing.id;
  const statement = await db.selectFrom('statements').select('number').where('tenant_id', '=', actor.tenantId).where('id', '=', line.statement_id).executeTakeFirstOrThrow();
  const outcome = await createReceipt(db, actor, {
    customerId: plan.customerId,
    kind: plan.instalments.length > 0 ? 'order_payment' : 'prepayment',
    amount: formatAmount(plan.newReceiptMinor, line.currency),
    currency: line.currency,
    channel: 'bank_transfer',
    receivedDate: line.booking_date,
    payerName: line.counterparty_name.slice(0, limits.nameCharsMax),
    payerAccount: line.counterparty_account.slice(0, limits.referenceCharsMax),
    externalRef: (line.bank_ref || line.end_to_end_ref).slice(0, limits.referenceCharsMax),
    remarks: `${statement.number} line ${line.position}`,
    allocations: plan.instalments.map((i) => ({ orderId: i.orderId, instalmentId: i.instalmentId, amount: formatAmount(i.amountMinor, line.currency) })),
    confirm: true,
    origin: { source: 'statement', ref: line.id, evidenced: true },
  }, derivedKey('statement-line', line.id));
  return outcome.body.id;
}

/** Links the line to the receipts it stands for; a receipt whose whole amount is claimed by lines is reconciled. */
async function claimReceipts(trx: Transaction<DB>, actor: Actor, line: LineRow, customerId: string, claims: readonly { id: string; amountMinor: bigint }[]): Promise<void> {
  if (claims.length === 0) return;
  const ids = claims.map((c) => c.id).sort();
  const locked = await trx.selectFrom('receipts').select(['id', 'number', 'amount_minor', 'status', 'reconciled_at', 'customer_id'])
    .where('tenant_id', '=', actor.tenantId).where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const claimedBefore = await trx.selectFrom('statement_line_receipts').select(['receipt_id', sql<string>`sum(amount_minor)`.as('claimed')])
    .where('tenant_id', '=', actor.tenantId).where('receipt_id', 'in', ids).groupBy('receipt_id').execute();
  const before = new Map(claimedBefore.map((c) => [c.receipt_id, BigInt(c.claimed)]));
  const fully: string[] = [];
  for (const claim of claims) {
    const r = locked.find((x) => x.id === claim.id);
    if (!r || r.status !== 'confirmed' || r.reconciled_at !== null || r.customer_id !== customerId) throw fail('invalid_state', 'items', `receipt ${r?.number ?? claim.id} can no longer be reconciled`);
    const total = (before.get(r.id) ?? 0n) + claim.amountMinor;
    if (total > r.amount_minor) throw fail('exceeds_receipt_amount', 'items', `receipt ${r.number} would be reconciled beyond its amount`);
    if (total === r.amount_minor) fully.push(r.id);
  }
  await trx.insertInto('statement_line_receipts').values(claims.map((c) => ({ tenant_id: actor.tenantId, line_id: line.id, receipt_id: c.id, amount_minor: c.amountMinor, created_by: actor.userId }))).execute();
  if (fully.length > 0) {
    await trx.updateTable('receipts').set({ reconciled_at: new Date(), reconciled_by: actor.userId, statement_line_id: line.id })
      .where('tenant_id', '=', actor.tenantId).where('id', 'in', fully).execute();
  }
}

/** Payer → customer, learned from a confirmed match (the same keys the gateway intake looks up). */
async function learnAlias(trx: Transaction<DB>, actor: Actor, line: LineRow, customerId: string): Promise<void> {
  await learnPayer(trx, actor.tenantId, { name: line.counterparty_name, account: line.counterparty_account }, customerId);
}

export async function ignoreLine(db: Kysely<DB>, actor: Actor, lineId: string, input: { reason: string }): Promise<StatementLineView> {
  requirePermission(actor, 'reconciliation.manage');
  const reason = input.reason.trim();
  if (reason === '') throw fail('reason_required', 'reason', 'say why the line needs no match (bank fee, own transfer …)');
  return changeStatus(db, actor, lineId, ['unmatched', 'suggested'], 'ignored', reason, 'statement_line.ignored');
}

/** Undoes a match or an ignore: the links go, receipts it reconciled are open again; a receipt it recorded stays (void it if wrong). */
export async function unmatchLine(db: Kysely<DB>, actor: Actor, lineId: string, input: { reason: string }): Promise<StatementLineView> {
  requirePermission(actor, 'reconciliation.manage');
  const reason = input.reason.trim();
  if (reason === '') throw fail('reason_required', 'reason', 'say why the match is undone');
  return changeStatus(db, actor, lineId, ['matched', 'ignored'], 'unmatched', reason, 'statement_line.unmatched');
}

async function changeStatus(db: Kysely<DB>, actor: Actor, lineId: string, from: readonly string[], to: 'ignored' | 'unmatched', reason: string, action: string): Promise<StatementLineView> {
  return db.transaction().execute(async (trx) => {
    const line = await trx.selectFrom('statement_lines').select(['status', 'position', 'customer_id']).where('tenant_id', '=', actor.tenantId).where('id', '=', lineId).forUpdate().executeTakeFirst();
    if (!line) throw fail('not_found', 'id', 'no such statement line');
    if (!from.includes(line.status)) throw fail('invalid_state', 'id', `line ${line.position} is ${line.status}`, { status: line.status });
    const links = await trx.deleteFrom('statement_line_receipts').where('tenant_id', '=', actor.tenantId).where('line_id', '=', lineId).returning(['receipt_id', 'amount_minor']).execute();
    if (links.length > 0) {
      await trx.updateTable('receipts').set({ reconciled_at: null, reconciled_by: null, statement_line_id: null })
        .where('tenant_id', '=', actor.tenantId).where('id', 'in', links.map((l) => l.receipt_id)).execute();
    }
    await trx.updateTable('statement_lines')
      .set({ status: to, status_reason: reason, customer_id: to === 'ignored' ? null : line.customer_id, matched_by: null, matched_at: null })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', lineId).execute();
    await appendAudit(trx, actor, { action, entityType: 'statement_line', entityId: lineId, before: { status: line.status, receipts: links.map((l) => l.receipt_id) }, after: { status: to }, reason });
    return getLine(trx, actor, lineId);
  });
}

/**
 * Accepts, line by line in file order, the best suggestion of every suggested line scoring at least `minScore`
 * — when it is unambiguous (no second suggestion with the same score) and covers that line alone. Each line is
 * its own match (its own transaction and key, derived from the request's), so a line that fails is reported
 * and the others stand; the same request again accepts nothing twice.
 */
export async function acceptSuggestions(db: Kysely<DB>, actor: Actor, statementId: string, input: { minScore: number }, key: string | undefined): Promise<{ accepted: number; skipped: { lineId: string; position: number; reason: string }[] }> {
  requirePermission(actor, 'reconciliation.manage');
  const checkedKey = requireKey(key);
  if (!Number.isInteger(input.minScore) || input.minScore < 0 || input.minScore > 100) throw fail('validation_failed', 'minScore', 'a whole number 0–100');
  const lines = await db.selectFrom('statement_lines').select(['id', 'position', 'currency', 'suggestions'])
    .where('tenant_id', '=', actor.tenantId).where('statement_id', '=', statementId).where('status', '=', 'suggested').where('best_score', '>=', input.minScore)
    .orderBy('position').limit(limits.statementBulkAcceptMax).execute();
  let accepted = 0;
  const skipped: { lineId: string; position: number; reason: string }[] = [];
  for (const line of lines) {
    const [best, second] = line.suggestions;
    if (!best) continue;
    if (second && second.score === best.score) { skipped.push({ lineId: line.id, position: line.position, reason: 'two suggestions score the same: choose by hand' }); continue; }
    if (best.lineIds.length > 1) { skipped.push({ lineId: line.id, position: line.position, reason: 'the suggestion spans several lines: accept it by hand' }); continue; }
    try {
      const items = best.items.map((i) => ({ kind: i.kind, id: i.id, amount: formatAmount(BigInt(i.amountMinor), line.currency) }));
      await matchLine(db, actor, line.id, { customerId: best.customerId, items }, derivedKey(checkedKey, line.id));
      accepted++;
    } catch (error) {
      if (!(error instanceof KxError)) throw error;
      skipped.push({ lineId: line.id, position: line.position, reason: `${error.code}: ${error.message}` });
    }
  }
  return { accepted, skipped };
}

/** Recomputes the suggestions of a statement's open lines against today's open items (receipts recorded since, payments made). */
export async function rematchStatement(db: Kysely<DB>, actor: Actor, statementId: string, suggest: Suggest = suggestMatches): Promise<{ lines: number; suggested: number }> {
  requirePermission(actor, 'reconciliation.manage');
  const lines = await db.selectFrom('statement_lines')
    .select(['id', 'booking_date', 'amount_minor', 'currency', 'counterparty_name', 'counterparty_account', 'bank_ref', 'end_to_end_ref', 'description'])
    .where('tenant_id', '=', actor.tenantId).where('statement_id', '=', statementId).where('status', 'in', ['unmatched', 'suggested']).where('amount_minor', '>', 0n).execute();
  if (lines.length === 0) return { lines: 0, suggested: 0 };
  const toMatch: LineToMatch[] = lines.map((l) => ({
    id: l.id, bookingDate: l.booking_date, amountMinor: l.amount_minor, currency: l.currency, counterpartyName: l.counterparty_name, counterpartyAccount: l.counterparty_account,
    text: [l.bank_ref, l.end_to_end_ref, l.description].filter((t) => t !== '').join(' '),
  }));
  const { items, aliases } = await loadOpenItems(db, actor, [...new Set(lines.map((l) => l.currency))]);
  const suggestions = await suggest(toMatch, items, aliases);
  let suggested = 0;
  for (let start = 0; start < lines.length; start += 5_000) {
    const chunk = lines.slice(start, start + 5_000);
    const stored = chunk.map((l) => (suggestions.get(l.id) ?? []).slice(0, storedSuggestionsMax).map(storedSuggestion));
    suggested += stored.filter((s) => (s[0]?.score ?? 0) >= suggestedScoreMin).length;
    await sql`
      UPDATE statement_lines l SET suggestions = t.suggestions, best_score = t.best_score,
             status = CASE WHEN t.best_score >= ${suggestedScoreMin}::int THEN 'suggested' ELSE 'unmatched' END
        FROM unnest(${chunk.map((l) => l.id)}::uuid[], ${stored.map((s) => s[0]?.score ?? null)}::int[], ${stored.map((s) => JSON.stringify(s))}::jsonb[]) AS t(id, best_score, suggestions)
       WHERE l.tenant_id = ${actor.tenantId} AND l.id = t.id AND l.status IN ('unmatched', 'suggested')`.execute(db);
  }
  return { lines: lines.length, suggested };
}

/** A key of its own for one step of a larger request (within the 200-character bound whatever the parent key). */
function derivedKey(parent: string, id: string): string {
  return `kx:${createHash('sha256').update(`${parent}\n${id}`).digest('hex')}`;
}


import type { Kysely, Transaction } from 'kysely';
import { KxError, type FieldIssue } from '../core/errors.js';
import { reversalOf, validateEntry, type LineDraft, type ValidEntry } from '../core/ledger/entry.js';
import { limits } from '../core/limits.js';
import { formatAmount } from '../core/money/index.js';
import { isBusinessSource } from '../core/receivables/index.js';
import { customerScope, requirePermission, type Actor } from './actor.js';
import { appendAudit } from './audit.js';
import { loadEntry, postValidEntry, trialBalance, type PostedEntry, type PostingContext } from './ledger.js';
import type { DB } from './schema.js';
import { inTransaction } from './transaction.js';

/**
 * Journal use cases behind the HTTP API: reading entries and the trial balance within the actor's data
 * scope, and posting manual entries and reversals — each posting audited in its own transaction.
 */

export interface EntryLineView {
  lineNo: number;
  account: string;
  side: 'debit' | 'credit';
  amount: string;
  currency: string;
  customerId: string | null;
  departmentId: string | null;
  ownerId: string | null;
  productId: string | null;
  channel: string | null;
  memo: string;
}

export interface EntryView {
  id: string;
  entryDate: string;
  memo: string;
  source: string;
  reversesEntryId: string | null;
  reversedByEntryId: string | null;
  lines: EntryLineView[];
}

export interface TrialBalanceView {
  rows: { account: string; kind: string; currency: string; debit: string; credit: string; balance: string }[];
  /** Sum of all balances per currency: "0.00" in a sound ledger. */
  totals: { currency: string; balance: string }[];
}

/** The whole tenant's books: only for actors who see every customer. */
export async function trialBalanceFor(db: Kysely<DB>, actor: Actor): Promise<TrialBalanceView> {
  requirePermission(actor, 'ledger.view');
  if (actor.dataScope !== 'all') throw new KxError('forbidden', 'the trial balance covers every customer; it needs the data scope "all"');
  const tb = await trialBalance(db, actor.tenantId);
  return {
    rows: tb.rows.map((r) => ({ account: r.account, kind: r.kind, currency: r.currency, debit: formatAmount(r.debitMinor, r.currency), credit: formatAmount(r.creditMinor, r.currency), balance: formatAmount(r.balanceMinor, r.currency) })),
    totals: [...tb.totals].map(([currency, balance]) => ({ currency, balance: formatAmount(balance, currency) })),
  };
}

export async function getEntry(db: Kysely<DB>, actor: Actor, entryId: string): Promise<EntryView> {
  requirePermission(actor, 'ledger.view');
  return entryView(db, actor.tenantId, await loadVisibleEntry(db, actor, entryId));
}

/**
 * An entry the actor may see. A scoped actor sees an entry only when it concerns at least one customer and
 * every customer on it is theirs: a line of someone else's customer, or the company's own bookings
 * (no customer at all), are outside their view. Anything hidden is entry_not_found, like another tenant's.
 */
async function loadVisibleEntry(db: Kysely<DB>, actor: Actor, entryId: string): Promise<PostedEntry> {
  const entry = await loadEntry(db, actor.tenantId, entryId);
  if (actor.dataScope === 'all') return entry;
  const customers = [...new Set(entry.lines.map((l) => l.customerId).filter((c): c is string => c !== null))];
  if (customers.length === 0 || (await customersInScope(db, actor, customers)).size !== customers.length) {
    throw new KxError('entry_not_found', 'no such journal entry', { details: { entryId } });
  }
  return entry;
}

async function customersInScope(db: Kysely<DB>, actor: Actor, customerIds: string[]): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const rows = await db.selectFrom('customers as c').select('c.id').where(customerScope(actor, 'c')).where('c.id', 'in', customerIds).execute();
  return new Set(rows.map((r) => r.id));
}

export interface ManualEntryInput {
  entryDate: string;
  memo?: string;
  lines: LineDraft[];
}

export interface PostingOutcome {
  entry: EntryView;
  /** The idempotency key had already posted this same request: nothing new was written. */
  replayed: boolean;
}

/** A manual journal entry (source "manual"), posted once per idempotency key and audited with it. */
export async function postManualEntry(db: Kysely<DB>, actor: Actor, input: ManualEntryInput, idempotencyKey: string | undefined): Promise<PostingOutcome> {
  requirePermission(actor, 'ledger.post');
  const key = requireIdempotencyKey(idempotencyKey);
  const entry = validateEntry({ entryDate: input.entryDate, memo: input.memo, source: 'manual', lines: input.lines });
  await requirePostableCustomers(db, actor, entry);
  return inTransaction(db, async (trx) => {
    const posted = await postAsActor(trx, actor, entry, key);
    const view = await entryView(trx, actor.tenantId, await loadEntry(trx, actor.tenantId, posted.entryId));
    if (!posted.replayed) {
      await appendAudit(trx, actor, { action: 'journal_entry.posted', entityType: 'journal_entry', entityId: view.id, after: auditedEntry(view) });
    }
    return { entry: view, replayed: posted.replayed };
  });
}

export interface ReversalInput {
  entryDate: string;
  reason: string;
  memo?: string;
}

/** Reverses an entry the actor may see; the reason is required and goes to the audit trail. */
export async function reverseEntryFor(db: Kysely<DB>, actor: Actor, entryId: string, input: ReversalInput, idempotencyKey: string | undefined): Promise<PostingOutcome> {
  requirePermission(actor, 'ledger.post');
  const reason = input.reason.trim();
  if (reason === '') throw new KxError('reason_required', 'a reversal needs a reason', { fields: [{ field: 'reason', code: 'reason_required', message: 'say why' }] });
  const key = idempotencyKey === undefined ? undefined : requireIdempotencyKey(idempotencyKey);
  return inTransaction(db, async (trx) => {
    const original = await loadVisibleEntry(trx, actor, entryId);
    if (isBusinessSource(original.source)) {
      // Its order, receipt or refund would still say otherwise: undo it through that record (void, credit note…).
      throw new KxError('invalid_state', `this entry was posted by a ${original.source.replace('_', ' ')}; reverse it through that record, not the journal`, { details: { entryId, source: original.source } });
    }
    const reversal = reversalOf(original.id, original.lines, input.entryDate, input.memo ?? `Reversal of ${original.id}`);
    const posted = await postAsActor(trx, actor, reversal, key);
    const view = await entryView(trx, actor.tenantId, await loadEntry(trx, actor.tenantId, posted.entryId));
    if (!posted.replayed) {
      await appendAudit(trx, actor, { action: 'journal_entry.reversed', entityType: 'journal_entry', entityId: original.id, after: { reversalEntryId: view.id, entryDate: view.entryDate }, reason });
    }
    return { entry: view, replayed: posted.replayed };
  });
}

/** The Idempotency-Key header: required on postings, 1–200 visible ASCII characters. */
function requireIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key.length === 0 || key.length > limits.idempotencyKeyCharsMax || !/^[\x21-\x7e]+$/.test(key)) {
    throw new KxError('validation_failed', `the Idempotency-Key header is required: 1–${limits.idempotencyKeyCharsMax} visible ASCII characters`, {
      fields: [{ field: 'Idempotency-Key', code: 'validation_failed', message: key === undefined ? 'missing' : 'malformed' }],
    });
  }
  return key;
}

/**
 * Scoped actors may post only entries they could read back (see loadVisibleEntry): about at least one
 * customer, and only customers of theirs. Lines without a customer (cash, sales) are fine alongside.
 */
async function requirePostableCustomers(db: Kysely<DB>, actor: Actor, entry: ValidEntry): Promise<void> {
  if (actor.dataScope === 'all') return;
  const named = entry.lines.map((l) => l.customerId);
  const visible = await customersInScope(db, actor, [...new Set(named.filter((c): c is string => c !== null))]);
  const issue = (index: number): FieldIssue => ({ field: `lines[${index}].customerId`, code: 'unknown_dimension', message: 'customerId must name one of your customers' });
  // The same answer as for a customer of another tenant: nothing tells whether it exists.
  const issues = named.flatMap((customerId, index) => (customerId !== null && !visible.has(customerId) ? [issue(index)] : []));
  if (named.every((c) => c === null)) issues.push(issue(0));
  if (issues.length > 0) throw new KxError('unknown_dimension', issues[0]!.message, { fields: issues });
}

/** Posts in the actor's name. */
async function postAsActor(trx: Transaction<DB>, actor: Actor, entry: ValidEntry, key: string | undefined) {
  // created_by refers to a user: an API key posts in the name of the person who created it.
  const ctx: PostingContext = { tenantId: actor.tenantId, actorId: actor.userId };
  return postValidEntry(trx, ctx, entry, key);
}

async function entryView(db: Kysely<DB>, tenantId: string, entry: PostedEntry): Promise<EntryView> {
  const reversedBy = await db.selectFrom('journal_entries').select('id').where('tenant_id', '=', tenantId).where('reverses_entry_id', '=', entry.id).executeTakeFirst();
  return {
    id: entry.id,
    entryDate: entry.entryDate,
    memo: entry.memo,
    source: entry.source,
    reversesEntryId: entry.reversesEntryId,
    reversedByEntryId: reversedBy?.id ?? null,
    lines: entry.lines.map((l) => ({
      lineNo: l.lineNo,
      account: l.account,
      side: l.amountMinor > 0n ? 'debit' : 'credit',
      amount: formatAmount(l.amountMinor < 0n ? -l.amountMinor : l.amountMinor, l.currency),
      currency: l.currency,
      customerId: l.customerId,
      departmentId: l.departmentId,
      ownerId: l.ownerId,
      productId: l.productId,
      channel: l.channel,
      memo: l.memo,
    })),
  };
}

/** What the audit trail keeps of a posting: amounts as decimal strings, so the record hashes exactly. */
function auditedEntry(view: EntryView) {
  return {
    entryDate: view.entryDate,
    memo: view.memo,
    source: view.source,
    lines: view.lines.map((l) => ({ account: l.account, side: l.side, amount: l.amount, currency: l.currency, customerId: l.customerId })),
  };
}

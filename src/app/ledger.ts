import { sql, type Kysely } from 'kysely';
import { KxError, type FieldIssue } from '../core/errors.js';
import { reversalOf, requestHash, validateEntry, type EntryDraft, type ValidEntry, type ValidLine } from '../core/ledger/entry.js';
import { limits } from '../core/limits.js';
import { prepared } from './prepared.js';
import { newId } from './ids.js';
import { NO_CUSTOMER, type DB } from './schema.js';
import { inTransaction, withRetries } from './transaction.js';

export interface PostingContext {
  tenantId: string;
  actorId?: string | null;
}

export interface PostResult {
  entryId: string;
  /** True when the idempotency key had already posted this same request: nothing new was written. */
  replayed: boolean;
}

/**
 * Validates and posts one journal entry in its own transaction. The posting is one statement
 * (`kx_post_entry`), so it is sent without BEGIN/COMMIT: PostgreSQL runs a lone statement as a transaction of
 * its own, deferred balance check included, and the two round trips saved are a third of a posting's
 * cost on the client and a sixth on the server (docs/performance.md). Retried like inTransaction.
 */
export async function postEntry(
  db: Kysely<DB>,
  ctx: PostingContext,
  draft: EntryDraft,
  options: { idempotencyKey?: string } = {},
): Promise<PostResult> {
  const entry = validateEntry(draft);
  checkIdempotencyKey(options.idempotencyKey);
  return withRetries(() => postValidEntry(db, ctx, entry, options.idempotencyKey));
}

/** Reverses a posted entry: a new entry with every line's sign flipped, dated `entryDate`. */
export async function reverseEntry(
  db: Kysely<DB>,
  ctx: PostingContext,
  entryId: string,
  options: { entryDate: string; memo?: string; idempotencyKey?: string },
): Promise<PostResult> {
  checkIdempotencyKey(options.idempotencyKey);
  return inTransaction(db, async (trx) => {
    const original = await loadEntry(trx, ctx.tenantId, entryId);
    const reversal = reversalOf(original.id, original.lines, options.entryDate, options.memo ?? `Reversal of ${original.id}`);
    return postValidEntry(trx, ctx, reversal, options.idempotencyKey);
  });
}

function checkIdempotencyKey(key: string | undefined): void {
  if (key === undefined) return;
  if (key.length === 0 || key.length > limits.idempotencyKeyCharsMax || !/^[\x21-\x7e]+$/.test(key)) {
    throw new KxError('validation_failed', `an idempotency key is 1–${limits.idempotencyKeyCharsMax} visible ASCII characters`, {
      fields: [{ field: 'idempotencyKey', code: 'validation_failed', message: 'malformed idempotency key' }],
    });
  }
}

/**
 * Posts inside a transaction the caller owns, so a use case can record its business rows and their
 * postings atomically (or, given the database itself, as one statement that is its own transaction).
 * The database re-checks balance (at commit), immutability and tenancy.
 */
export async function postValidEntry(
  trx: Kysely<DB>,
  ctx: PostingContext,
  entry: ValidEntry,
  idempotencyKey?: string,
): Promise<PostResult> {
  const accountIds = await resolveAccounts(trx, ctx.tenantId, entry.lines);
  const hash = idempotencyKey === undefined ? null : requestHash(entry);
  const { lines } = entry;
  // kx_post_entry (foundation migration) writes the entry and all its lines with plans the session keeps:
  // one round trip and no re-planning per posting. Foreign keys, the balance trigger and the append-only
  // guards run as for any insert; on an idempotency-key conflict it writes nothing and returns NULL.
  let inserted: { id: string | null } | undefined;
  try {
    const result = await sql<{ id: string | null }>`${prepared}
      SELECT kx_post_entry(
        ${ctx.tenantId}, ${newId()}, ${entry.entryDate}, ${entry.memo}, ${entry.source}, ${entry.sourceId},
        ${entry.reversesEntryId}, ${idempotencyKey ?? null}, ${hash}, ${ctx.actorId ?? null},
        ${lines.map((l) => l.lineNo)}::smallint[], ${lines.map((l) => accountIds.get(l.account)!)}::uuid[],
        ${lines.map((l) => l.currency)}::text[], ${lines.map((l) => l.amountMinor.toString())}::int8[],
        ${lines.map((l) => l.customerId)}::uuid[], ${lines.map((l) => l.departmentId)}::uuid[],
        ${lines.map((l) => l.ownerId)}::uuid[], ${lines.map((l) => l.productId)}::uuid[],
        ${lines.map((l) => l.channel)}::text[], ${lines.map((l) => l.memo)}::text[]) AS id
    `.execute(trx);
    inserted = result.rows[0];
  } catch (error) {
    throw translateDatabaseError(error, entry);
  }
  if (!inserted?.id) return replay(trx, ctx.tenantId, idempotencyKey!, hash!);
  return { entryId: inserted.id, replayed: false };
}

async function replay(trx: Kysely<DB>, tenantId: string, key: string, hash: string): Promise<PostResult> {
  const first = await trx
    .selectFrom('journal_entries')
    .select(['id', 'request_hash'])
    .where('tenant_id', '=', tenantId)
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
  if (first.request_hash !== hash) {
    throw new KxError('idempotency_key_reused', 'this idempotency key was already used for a different request', {
      details: { entryId: first.id },
    });
  }
  return { entryId: first.id, replayed: true };
}

/** Account ids never change once created, so they are cached per tenant (tenant ids are globally unique). */
const accountCache = new Map<string, Map<string, string>>();
const accountCacheTenantsMax = 10_000;

async function resolveAccounts(trx: Kysely<DB>, tenantId: string, lines: readonly ValidLine[]): Promise<Map<string, string>> {
  let known = accountCache.get(tenantId);
  if (!known || lines.some((l) => !known!.has(l.account))) {
    const rows = await trx.selectFrom('accounts').select(['code', 'id']).where('tenant_id', '=', tenantId).execute();
    if (rows.length === 0) {
      const tenant = await trx.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
      if (!tenant) throw new KxError('tenant_not_found', 'no such tenant', { details: { tenantId } });
    }
    known = new Map(rows.map((r) => [r.code, r.id]));
    if (accountCache.size >= accountCacheTenantsMax) accountCache.delete(accountCache.keys().next().value!);
    accountCache.set(tenantId, known);
  }
  const issues: FieldIssue[] = [];
  lines.forEach((line, index) => {
    if (!known!.has(line.account)) {
      issues.push({ field: `lines[${index}].account`, code: 'unknown_account', message: `no account ${JSON.stringify(line.account)} in this tenant's chart` });
    }
  });
  if (issues.length > 0) throw new KxError('unknown_account', issues[0]!.message, { fields: issues });
  return known;
}

const dimensionByConstraint: Record<string, keyof ValidLine> = {
  journal_lines_tenant_id_customer_id_fkey: 'customerId',
  journal_lines_tenant_id_department_id_fkey: 'departmentId',
  journal_lines_tenant_id_owner_id_fkey: 'ownerId',
  journal_lines_tenant_id_product_id_fkey: 'productId',
};

/** Turns the database's refusals into the same stable codes the validation in code uses. */
function translateDatabaseError(error: unknown, entry: ValidEntry): unknown {
  const pgError = error as { code?: string; constraint?: string; detail?: string; message?: string };
  if (pgError.code === '23503' && pgError.constraint && pgError.constraint in dimensionByConstraint) {
    const key = dimensionByConstraint[pgError.constraint]!;
    const index = entry.lines.findIndex((line) => line[key] !== null && pgError.detail?.includes(String(line[key])));
    const field = `lines[${index < 0 ? '?' : index}].${key}`;
    return new KxError('unknown_dimension', `${key} does not name a record of this tenant`, {
      fields: [{ field, code: 'unknown_dimension', message: `${key} does not name a record of this tenant` }],
    });
  }
  if (pgError.code === '23503' && pgError.constraint === 'journal_entries_tenant_id_fkey') {
    return new KxError('tenant_not_found', 'no such tenant');
  }
  if (pgError.code === '23505' && pgError.constraint === 'journal_entries_reverses_key') {
    return new KxError('entry_already_reversed', 'this entry has already been reversed', { details: { entryId: entry.reversesEntryId } });
  }
  if (pgError.code === '22003') {
    // A running total of an account (debits or credits to date) would pass PostgreSQL's bigint.
    return new KxError('amount_out_of_range', 'the amounts would take an account total past what the ledger can hold', { cause: error });
  }
  if (pgError.code === 'KX005') {
    return new KxError('period_closed', pgError.message ?? 'the period is closed', {
      fields: [{ field: 'entryDate', code: 'period_closed', message: 'the period is closed; post into an open period' }],
    });
  }
  if (pgError.code === 'KX004') return new KxError('entry_unbalanced', pgError.message ?? 'entry does not balance', { cause: error });
  if (pgError.code === 'KX003') return new KxError('entry_too_few_lines', pgError.message ?? 'entry has too few lines', { cause: error });
  return error;
}

export interface PostedEntry {
  id: string;
  entryDate: string;
  memo: string;
  source: string;
  reversesEntryId: string | null;
  lines: ValidLine[];
}

export async function loadEntry(db: Kysely<DB>, tenantId: string, entryId: string): Promise<PostedEntry> {
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) throw new KxError('entry_not_found', 'no such journal entry');
  const head = await db
    .selectFrom('journal_entries')
    .select(['id', 'entry_date', 'memo', 'source', 'reverses_entry_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!head) throw new KxError('entry_not_found', 'no such journal entry', { details: { entryId } });
  const rows = await db
    .selectFrom('journal_lines as l')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'))
    .select(['l.line_no', 'a.code', 'l.currency', 'l.amount_minor', 'l.customer_id', 'l.department_id', 'l.owner_id', 'l.product_id', 'l.channel', 'l.memo'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.entry_id', '=', entryId)
    .orderBy('l.line_no')
    .execute();
  return {
    id: head.id,
    entryDate: head.entry_date,
    memo: head.memo,
    source: head.source,
    reversesEntryId: head.reverses_entry_id,
    lines: rows.map((r) => ({
      lineNo: r.line_no,
      account: r.code,
      currency: r.currency,
      amountMinor: r.amount_minor,
      customerId: r.customer_id,
      departmentId: r.department_id,
      ownerId: r.owner_id,
      productId: r.product_id,
      channel: r.channel,
      memo: r.memo,
    })),
  };
}

export interface BalanceRow {
  account: string;
  kind: string;
  customerId: string | null;
  currency: string;
  debitMinor: bigint;
  creditMinor: bigint;
  balanceMinor: bigint;
}

/** Balances per (account, customer, currency), as maintained at posting time. */
export async function accountBalances(
  db: Kysely<DB>,
  tenantId: string,
  filter: { account?: string; customerId?: string } = {},
): Promise<BalanceRow[]> {
  let query = db
    .selectFrom('account_balances as b')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'b.tenant_id').onRef('a.id', '=', 'b.account_id'))
    .select(['a.code', 'a.kind', 'b.customer_key', 'b.currency', 'b.debit_minor', 'b.credit_minor', 'b.balance_minor'])
    .where('b.tenant_id', '=', tenantId);
  if (filter.account) query = query.where('a.code', '=', filter.account);
  if (filter.customerId) query = query.where('b.customer_key', '=', filter.customerId);
  const rows = await query.orderBy('a.code').orderBy('b.currency').orderBy('b.customer_key').execute();
  return rows.map((r) => ({
    account: r.code,
    kind: r.kind,
    customerId: r.customer_key === NO_CUSTOMER ? null : r.customer_key,
    currency: r.currency,
    debitMinor: r.debit_minor,
    creditMinor: r.credit_minor,
    balanceMinor: r.balance_minor,
  }));
}

export interface TrialBalance {
  rows: Omit<BalanceRow, 'customerId'>[];
  /** Sum of all balances per currency: zero in a sound ledger. */
  totals: Map<string, bigint>;
}

/** The trial balance: every account's debits, credits and balance per currency. */
export async function trialBalance(db: Kysely<DB>, tenantId: string): Promise<TrialBalance> {
  const rows = await db
    .selectFrom('account_balances as b')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'b.tenant_id').onRef('a.id', '=', 'b.account_id'))
    .select((eb) => [
      'a.code',
      'a.kind',
      'b.currency',
      eb.fn.sum<bigint>('b.debit_minor').as('debit'),
      eb.fn.sum<bigint>('b.credit_minor').as('credit'),
      eb.fn.sum<bigint>('b.balance_minor').as('balance'),
    ])
    .where('b.tenant_id', '=', tenantId)
    .groupBy(['a.code', 'a.kind', 'b.currency'])
    .orderBy('a.code')
    .orderBy('b.currency')
    .execute();
  const totals = new Map<string, bigint>();
  const result = rows.map((r) => {
    // sum(int8) is numeric in PostgreSQL, which arrives as a string: convert exactly.
    const balanceMinor = BigInt(r.balance);
    totals.set(r.currency, (totals.get(r.currency) ?? 0n) + balanceMinor);
    return { account: r.code, kind: r.kind, currency: r.currency, debitMinor: BigInt(r.debit), creditMinor: BigInt(r.credit), balanceMinor };
  });
  return { rows: result, totals };
}

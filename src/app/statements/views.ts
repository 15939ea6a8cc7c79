import { sql, type Kysely } from 'kysely';
import { formatAmount } from '../../core/money/index.js';
import { requirePermission, type Actor } from '../actor.js';
import { decodeCursor, encodeCursor, pageSize, toPage, uuidPattern, type Page } from '../pagination.js';
import type { DB, StatementLineStatus } from '../schema.js';
import { fail } from '../receivables/common.js';

/** Statements and their lines as the reconciliation workbench shows them. */
export interface StatementView {
  id: string;
  number: string;
  format: string;
  statementRef: string;
  accountId: string;
  currency: string;
  openingBalance: string | null;
  closingBalance: string | null;
  fromDate: string | null;
  toDate: string | null;
  filename: string;
  lineCount: number;
  newLines: number;
  duplicateLines: number;
  warnings: { code: string; message: string; position?: number; details?: Record<string, string> }[];
  counts: Record<StatementLineStatus, number>;
  importedBy: string | null;
  importedAt: string;
}

const statementColumns = ['s.id', 's.number', 's.format', 's.statement_ref', 's.account_id', 's.currency', 's.opening_minor', 's.closing_minor', 's.from_date', 's.to_date', 's.filename', 's.line_count', 's.new_lines', 's.duplicate_lines', 's.warnings', 's.imported_by', 's.imported_at'] as const;

function statementQuery(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('statements as s')
    .select(statementColumns)
    .select(sql<Record<StatementLineStatus, number> | null>`(select jsonb_object_agg(status, n) from (select status, count(*)::int as n from statement_lines l where l.tenant_id = s.tenant_id and l.statement_id = s.id group by status) c)`.as('counts'))
    .where('s.tenant_id', '=', actor.tenantId);
}

type StatementRow = Awaited<ReturnType<ReturnType<typeof statementQuery>['executeTakeFirstOrThrow']>>;

function statementOf(r: StatementRow): StatementView {
  const money = (minor: bigint | null) => (minor === null ? null : formatAmount(minor, r.currency));
  return {
    id: r.id, number: r.number, format: r.format, statementRef: r.statement_ref, accountId: r.account_id, currency: r.currency,
    openingBalance: money(r.opening_minor), closingBalance: money(r.closing_minor), fromDate: r.from_date, toDate: r.to_date, filename: r.filename,
    lineCount: r.line_count, newLines: r.new_lines, duplicateLines: r.duplicate_lines, warnings: r.warnings,
    counts: { unmatched: 0, suggested: 0, matched: 0, ignored: 0, ...(r.counts ?? {}) },
    importedBy: r.imported_by, importedAt: r.imported_at.toISOString(),
  };
}

export async function statementViews(db: Kysely<DB>, actor: Actor, ids: readonly string[]): Promise<StatementView[]> {
  if (ids.length === 0) return [];
  const rows = await statementQuery(db, actor).where('s.id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((r) => [r.id, statementOf(r)]));
  return ids.map((id) => byId.get(id)!);
}

export async function getStatement(db: Kysely<DB>, actor: Actor, id: string): Promise<StatementView> {
  requirePermission(actor, 'reconciliation.manage');
  const row = await statementQuery(db, actor).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such statement');
  return statementOf(row);
}

/** Newest first (ids are time-ordered). */
export async function listStatements(db: Kysely<DB>, actor: Actor, filter: { accountId?: string; cursor?: string; limit?: number }): Promise<Page<StatementView>> {
  requirePermission(actor, 'reconciliation.manage');
  const size = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (p) => uuidPattern.test(p) && encodeCursor(p) === filter.cursor);
  let query = statementQuery(db, actor).orderBy('s.id', 'desc').limit(size + 1);
  if (filter.accountId !== undefined) query = query.where('s.account_id', '=', filter.accountId);
  if (after !== undefined) query = query.where('s.id', '<', after);
  return toPage(await query.execute(), size, statementOf, (r) => r.id);
}

export interface StatementLineView {
  id: string;
  statementId: string;
  position: number;
  bookingDate: string;
  valueDate: string | null;
  /** Signed decimal string: + money in, − money out. */
  amount: string;
  currency: string;
  counterpartyName: string;
  counterpartyAccount: string;
  bankRef: string;
  endToEndRef: string;
  description: string;
  status: StatementLineStatus;
  statusReason: string | null;
  bestScore: number | null;
  customerId: string | null;
  matchedReceipts: { id: string; number: string; amount: string }[];
  matchedBy: string | null;
  matchedAt: string | null;
}

export function lineQuery(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('statement_lines as l')
    .select(['l.id', 'l.statement_id', 'l.position', 'l.booking_date', 'l.value_date', 'l.amount_minor', 'l.currency', 'l.counterparty_name', 'l.counterparty_account', 'l.bank_ref', 'l.end_to_end_ref', 'l.description', 'l.status', 'l.status_reason', 'l.best_score', 'l.customer_id', 'l.matched_by', 'l.matched_at'])
    .select(sql<{ id: string; number: string; amount_minor: string }[] | null>`(select jsonb_agg(jsonb_build_object('id', r.id, 'number', r.number, 'amount_minor', lr.amount_minor::text) order by r.number) from statement_line_receipts lr join receipts r on r.tenant_id = lr.tenant_id and r.id = lr.receipt_id where lr.tenant_id = l.tenant_id and lr.line_id = l.id)`.as('receipts'))
    .where('l.tenant_id', '=', actor.tenantId);
}

type LineRow = Awaited<ReturnType<ReturnType<typeof lineQuery>['executeTakeFirstOrThrow']>>;

export function lineOf(r: LineRow): StatementLineView {
  return {
    id: r.id, statementId: r.statement_id, position: r.position, bookingDate: r.booking_date, valueDate: r.value_date, amount: formatAmount(r.amount_minor, r.currency), currency: r.currency,
    counterpartyName: r.counterparty_name, counterpartyAccount: r.counterparty_account, bankRef: r.bank_ref, endToEndRef: r.end_to_end_ref, description: r.description,
    status: r.status, statusReason: r.status_reason, bestScore: r.best_score, customerId: r.customer_id,
    matchedReceipts: (r.receipts ?? []).map((x) => ({ id: x.id, number: x.number, amount: formatAmount(BigInt(x.amount_minor), r.currency) })),
    matchedBy: r.matched_by, matchedAt: r.matched_at === null ? null : r.matched_at.toISOString(),
  };
}

export async function getLine(db: Kysely<DB>, actor: Actor, lineId: string): Promise<StatementLineView> {
  requirePermission(actor, 'reconciliation.manage');
  const row = await lineQuery(db, actor).where('l.id', '=', lineId).executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such statement line');
  return lineOf(row);
}

/** A statement's lines in file order, optionally of one status. */
export async function listLines(db: Kysely<DB>, actor: Actor, statementId: string, filter: { status?: StatementLineStatus; cursor?: string; limit?: number }): Promise<Page<StatementLineView>> {
  await getStatement(db, actor, statementId);
  const size = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (p) => /^\d{1,9}\|[0-9a-f-]{36}$/i.test(p) && encodeCursor(p) === filter.cursor);
  let query = lineQuery(db, actor).where('l.statement_id', '=', statementId).orderBy('l.position').orderBy('l.id').limit(size + 1);
  if (filter.status !== undefined) query = query.where('l.status', '=', filter.status);
  if (after !== undefined) {
    const [position, id] = after.split('|') as [string, string];
    query = query.where((eb) => eb.or([eb('l.position', '>', Number(position)), eb.and([eb('l.position', '=', Number(position)), eb('l.id', '>', id)])]));
  }
  return toPage(await query.execute(), size, lineOf, (r) => `${r.position}|${r.id}`);
}

export interface CandidateView {
  score: number;
  customerId: string;
  customerName: string;
  signals: { kind: string; weight: number; detail: string }[];
  /** Other lines of the statement this suggestion covers with this one (several payments = one receipt). */
  lineIds: string[];
  items: { kind: 'receipt' | 'instalment'; id: string; number: string; amount: string; currency: string; dueDate: string | null; open: boolean }[];
}

/**
 * The matcher's suggestions for a line as stored at import (or the last re-match), with today's numbers and
 * whether each item is still open — an item settled since is shown, flagged, and accepting it fails cleanly.
 */
export async function lineCandidates(db: Kysely<DB>, actor: Actor, lineId: string): Promise<{ items: CandidateView[] }> {
  requirePermission(actor, 'reconciliation.manage');
  const line = await db.selectFrom('statement_lines').select(['suggestions', 'currency']).where('tenant_id', '=', actor.tenantId).where('id', '=', lineId).executeTakeFirst();
  if (!line) throw fail('not_found', 'id', 'no such statement line');
  const receiptIds = line.suggestions.flatMap((s) => s.items.filter((i) => i.kind === 'receipt').map((i) => i.id));
  const instalmentIds = line.suggestions.flatMap((s) => s.items.filter((i) => i.kind === 'instalment').map((i) => i.id));
  const customerIds = [...new Set(line.suggestions.map((s) => s.customerId))];
  const [receipts, instalments, customers] = await Promise.all([
    receiptIds.length === 0 ? [] : db.selectFrom('receipts').select(['id', 'number', 'status', 'reconciled_at']).where('tenant_id', '=', actor.tenantId).where('id', 'in', receiptIds).execute(),
    instalmentIds.length === 0 ? [] : db.selectFrom('instalments as i').innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
      .select(['i.id', 'o.number', 'i.seq', 'i.due_date', 'i.amount_minor', 'i.settled_minor', 'i.voided_at', 'o.status']).where('i.tenant_id', '=', actor.tenantId).where('i.id', 'in', instalmentIds).execute(),
    customerIds.length === 0 ? [] : db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', actor.tenantId).where('id', 'in', customerIds).execute(),
  ]);
  const receiptById = new Map(receipts.map((r) => [r.id, r]));
  const instalmentById = new Map(instalments.map((i) => [i.id, i]));
  const nameOf = new Map(customers.map((c) => [c.id, c.name]));
  return {
    items: line.suggestions.map((s) => ({
      score: s.score, customerId: s.customerId, customerName: nameOf.get(s.customerId) ?? '', signals: s.signals, lineIds: s.lineIds,
      items: s.items.map((i) => {
        const amount = formatAmount(BigInt(i.amountMinor), line.currency);
        if (i.kind === 'receipt') {
          const r = receiptById.get(i.id);
          return { kind: i.kind, id: i.id, number: r?.number ?? '', amount, currency: line.currency, dueDate: null, open: r !== undefined && r.status === 'confirmed' && r.reconciled_at === null };
        }
        const inst = instalmentById.get(i.id);
        return {
          kind: i.kind, id: i.id, number: inst ? `${inst.number} #${inst.seq}` : '', amount, currency: line.currency, dueDate: inst?.due_date ?? null,
          open: inst !== undefined && inst.voided_at === null && inst.settled_minor < inst.amount_minor && inst.status === 'confirmed',
        };
      }),
    })),
  };
}

import { sql, type Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { todayIn } from '../../core/receivables/index.js';
import type { StatementWarning } from '../../core/statements/statement.js';
import { customerScope, nowFor, requirePermission, type Actor } from '../actor.js';
import { tenantRules } from '../receivables/common.js';
import type { DB } from '../schema.js';
import { reportRange } from './range.js';
import { converter } from './refunds.js';

/**
 * Reconciliation status (GET /api/v1/reports/reconciliation): the bank statements imported in [from, to] (by
 * the tenant's day of import) with their stored lines by status — matched, ignored, unmatched (a line with a
 * suggestion nobody accepted is still unmatched) — the credits still unmatched, and whether the file's balances
 * add up (the parser's own check over every line of the file: opening + lines = closing); and the confirmed
 * receipts of bank channels received in [from, to] that no statement line has claimed, in the base currency
 * at the latest rate on or before `to`. Lines a statement shares with one imported earlier belong to the earlier one.
 */
export interface ReconciliationQuery {
  from?: string;
  to?: string;
}

export interface ReconciliationView {
  from: string;
  to: string;
  statements: {
    statementId: string;
    account: string;
    currency: string;
    periodFrom: string | null;
    periodTo: string | null;
    importedAt: string;
    lines: number;
    matched: number;
    ignored: number;
    unmatched: number;
    unmatchedAmount: string;
    balanced: boolean | null;
  }[];
  totals: { statements: number; lines: number; matched: number; ignored: number; unmatched: number };
  receiptsWithoutLine: { count: number; amountBase: string };
}

/** The channels whose money arrives on a bank account, so a bank statement line should show it (a statement's own receipts are bank transfers). */
export const bankChannels = ['bank_transfer'];

export async function reconciliationReport(db: Kysely<DB>, actor: Actor, query: ReconciliationQuery): Promise<ReconciliationView> {
  requirePermission(actor, 'reconciliation.manage');
  const rules = await tenantRules(db, actor.tenantId);
  const { from, to } = reportRange(query, todayIn(rules.timeZone, nowFor(actor)));
  const [statements, unclaimed] = await Promise.all([statementRows(db, actor.tenantId, rules.timeZone, from, to), receiptsWithoutLine(db, actor, from, to)]);
  if (statements.length > limits.pivotRowsMax) throw new KxError('report_too_large', `more than ${limits.pivotRowsMax} statements were imported in the range: narrow it`);
  const convert = await converter(db, actor, rules, rules.baseCurrency, true, to, unclaimed.map((r) => r.currency));
  const rows = statements.map((s) => ({
    statementId: s.id, account: s.account_id, currency: s.currency, periodFrom: s.from_date, periodTo: s.to_date, importedAt: s.imported_at.toISOString(),
    lines: Number(s.lines), matched: Number(s.matched), ignored: Number(s.ignored), unmatched: Number(s.unmatched),
    unmatchedAmount: formatAmount(BigInt(s.unmatched_minor), s.currency),
    balanced: s.opening_minor === null || s.closing_minor === null ? null : !s.warnings.some((w) => w.code === 'statement_unbalanced'),
  }));
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    from, to, statements: rows,
    totals: { statements: rows.length, lines: sum((r) => r.lines), matched: sum((r) => r.matched), ignored: sum((r) => r.ignored), unmatched: sum((r) => r.unmatched) },
    receiptsWithoutLine: {
      count: unclaimed.reduce((n, r) => n + Number(r.count), 0),
      amountBase: formatAmount(unclaimed.reduce((t, r) => t + convert(BigInt(r.amount), r.currency), 0n), rules.baseCurrency),
    },
  };
}

async function statementRows(db: Kysely<DB>, tenantId: string, timeZone: string, from: string, to: string) {
  const open = sql`l.status in ('unmatched', 'suggested')`;
  const result = await sql<{
    id: string; account_id: string; currency: string; from_date: string | null; to_date: string | null; imported_at: Date;
    opening_minor: string | null; closing_minor: string | null; warnings: StatementWarning[];
    lines: string; matched: string; ignored: string; unmatched: string; unmatched_minor: string;
  }>`
    select s.id, s.account_id, s.currency::text as currency, s.from_date::text as from_date, s.to_date::text as to_date, s.imported_at,
           s.opening_minor::text as opening_minor, s.closing_minor::text as closing_minor, s.warnings,
           count(l.id) as lines, count(l.id) filter (where l.status = 'matched') as matched, count(l.id) filter (where l.status = 'ignored') as ignored,
           count(l.id) filter (where ${open}) as unmatched,
           coalesce(sum(l.amount_minor) filter (where ${open} and l.amount_minor > 0 and l.currency = s.currency), 0)::text as unmatched_minor
      from statements s
      left join statement_lines l on l.tenant_id = s.tenant_id and l.statement_id = s.id
     where s.tenant_id = ${tenantId} and (s.imported_at at time zone ${timeZone})::date between ${from}::date and ${to}::date
     group by s.tenant_id, s.id
     order by s.imported_at, s.number
     limit ${limits.pivotRowsMax + 1}`.execute(db);
  return result.rows;
}

/** Confirmed bank-channel receipts received in the range with no statement line claiming any of them, per currency. */
async function receiptsWithoutLine(db: Kysely<DB>, actor: Actor, from: string, to: string) {
  return db.selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.currency', sql<string>`count(*)`.as('count'), sql<string>`sum(r.amount_minor)`.as('amount')])
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .where('r.status', '=', 'confirmed')
    .where('r.channel', 'in', bankChannels)
    .where('r.received_date', '>=', from)
    .where('r.received_date', '<=', to)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('statement_line_receipts as lr').select('lr.line_id').whereRef('lr.tenant_id', '=', 'r.tenant_id').whereRef('lr.receipt_id', '=', 'r.id'))))
    .groupBy('r.currency')
    .execute();
}

import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { suggestMatches, type LineToMatch, type MatchSuggestion, type OpenItem, type PayerAlias } from '../../core/reconciliation/index.js';
import type { ParsedStatement, StatementWarning } from '../../core/statements/statement.js';
import { requirePermission, type Actor } from '../actor.js';
import type { AuditEvent } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { nextNumber } from '../numbers.js';
import type { DB, StoredSuggestion } from '../schema.js';
import { loadOpenItems } from './open-items.js';
import { statementViews, type StatementView } from './views.js';

/**
 * Importing bank statements (issue 6 §3–4): the adapter has parsed the file (src/adapters/statements); here the
 * statements are checked against the books' history (continuity with the account's previous statement), lines
 * seen before are recognised by their fingerprint and skipped, the new money-in lines are matched against what
 * the books expect (src/core/reconciliation), and everything is written in one transaction — a file is imported
 * whole or not at all.
 */
export interface StatementFile {
  statements: ParsedStatement[];
  /** sha256 of the uploaded bytes: the idempotency request and the statement's provenance. */
  fileSha256: string;
  filename: string;
}

/**
 * The matcher: src/core/reconciliation's suggestMatches, or the same run on worker threads for large statements
 * (src/adapters/matching/parallel.ts) — the use case does not care where the CPU is spent.
 */
export type Suggest = (lines: readonly LineToMatch[], items: readonly OpenItem[], aliases: readonly PayerAlias[]) => Promise<Map<string, MatchSuggestion[]>> | Map<string, MatchSuggestion[]>;

/** A line's suggestion is worth showing as such (status 'suggested') from this score up. */
export const suggestedScoreMin = 40;

export async function importStatements(db: Kysely<DB>, actor: Actor, file: StatementFile, key: string | undefined, suggest: Suggest = suggestMatches): Promise<IdempotentOutcome<{ items: StatementView[] }>> {
  requirePermission(actor, 'reconciliation.manage');
  requireKey(key);
  const lineCount = file.statements.reduce((n, s) => n + s.lines.length, 0);
  if (file.statements.length === 0 || lineCount === 0) throw new KxError('statement_empty', 'the file holds no statement lines');
  if (lineCount > limits.statementLinesMax) {
    throw new KxError('statement_too_large', `the file holds ${lineCount} lines; at most ${limits.statementLinesMax} are imported at once: split it`, { details: { lines: lineCount, max: limits.statementLinesMax } });
  }
  const request = { fileSha256: file.fileSha256, filename: file.filename };
  // Everything that only reads is done before the transaction: the write transaction then holds its locks for
  // the inserts alone, and a repeat of the same request still answers from its idempotency record.
  const prepared = await Promise.all(file.statements.map((s) => prepareStatement(db, actor, s)));
  const suggestions = await matchNewLines(db, actor, prepared.flatMap((p) => p.newLines), suggest);
  const numbers: string[] = [];
  for (const p of prepared) numbers.push(await nextNumber(db, actor.tenantId, 'ST', p.parsed.toDate ?? p.parsed.lines[0]!.bookingDate));
  return idempotent(db, actor, key, 'statement.import', request, async (trx) => {
    const ids: string[] = [];
    const audit: AuditEvent[] = [];
    for (const [index, p] of prepared.entries()) {
      const id = newId();
      ids.push(id);
      await trx.insertInto('statements').values({
        tenant_id: actor.tenantId, id, number: numbers[index]!, format: p.parsed.format, statement_ref: p.parsed.statementId.slice(0, 200),
        account_id: p.parsed.accountId, currency: p.parsed.currency, opening_minor: p.parsed.openingMinor, closing_minor: p.parsed.closingMinor,
        from_date: p.parsed.fromDate, to_date: p.parsed.toDate, filename: file.filename.slice(0, 255), file_sha256: file.fileSha256,
        line_count: p.parsed.lines.length, new_lines: 0, duplicate_lines: 0, warnings: JSON.stringify(p.warnings), imported_by: actor.userId,
      }).execute();
      // Counted as written: a concurrent import of the same lines may have taken some since they were read.
      const inserted = await insertLines(trx, actor, id, p, suggestions);
      await trx.updateTable('statements').set({ new_lines: inserted, duplicate_lines: p.parsed.lines.length - inserted }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
      audit.push({
        action: 'statement.imported', entityType: 'statement', entityId: id,
        after: {
          number: numbers[index]!, format: p.parsed.format, accountId: p.parsed.accountId, currency: p.parsed.currency, lines: p.parsed.lines.length, newLines: inserted,
          opening: p.parsed.openingMinor === null ? null : formatAmount(p.parsed.openingMinor, p.parsed.currency),
          closing: p.parsed.closingMinor === null ? null : formatAmount(p.parsed.closingMinor, p.parsed.currency), fileSha256: file.fileSha256,
          warnings: p.warnings.map((w) => w.code),
        },
      });
    }
    return { status: 201, body: { items: await statementViews(trx, actor, ids) }, audit };
  });
}

interface PreparedStatement {
  parsed: ParsedStatement;
  warnings: StatementWarning[];
  /** Lines whose fingerprint the account has not seen before, with the ids they will be stored under. */
  newLines: { id: string; line: ParsedStatement['lines'][number]; accountId: string }[];
}

async function prepareStatement(db: Kysely<DB>, actor: Actor, parsed: ParsedStatement): Promise<PreparedStatement> {
  const warnings = [...parsed.warnings, ...(await continuityWarnings(db, actor, parsed))];
  const seen = await seenFingerprints(db, actor.tenantId, parsed.accountId, parsed.lines.map((l) => l.fingerprint));
  const newLines = parsed.lines.filter((l) => !seen.has(l.fingerprint)).map((line) => ({ id: newId(), line, accountId: parsed.accountId }));
  return { parsed, warnings, newLines };
}

/**
 * Continuity: the account's latest earlier statement should close where this one opens. A gap (a statement
 * never imported) or a mismatch is a warning with both figures, not a refusal: the bank's file is what it is.
 */
async function continuityWarnings(db: Kysely<DB>, actor: Actor, parsed: ParsedStatement): Promise<StatementWarning[]> {
  if (parsed.openingMinor === null || parsed.fromDate === null || parsed.accountId === '') return [];
  const previous = await db
    .selectFrom('statements')
    .select(['number', 'closing_minor', 'to_date'])
    .where('tenant_id', '=', actor.tenantId)
    .where('account_id', '=', parsed.accountId)
    .where('currency', '=', parsed.currency)
    .where('closing_minor', 'is not', null)
    .where('to_date', '<=', parsed.fromDate)
    .orderBy('to_date', 'desc')
    .orderBy('imported_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!previous || previous.closing_minor === null || previous.closing_minor === parsed.openingMinor) return [];
  const closing = formatAmount(previous.closing_minor, parsed.currency);
  const opening = formatAmount(parsed.openingMinor, parsed.currency);
  return [{
    code: 'statement_discontinuous',
    message: `statement ${previous.number} of this account closed at ${closing} ${parsed.currency} on ${previous.to_date}; this one opens at ${opening}: a statement may be missing`,
    details: { previous: previous.number, previousClosing: closing, opening },
  }];
}

async function seenFingerprints(db: Kysely<DB>, tenantId: string, accountId: string, fingerprints: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let start = 0; start < fingerprints.length; start += insertChunkRows) {
    const rows = await db
      .selectFrom('statement_lines')
      .select('fingerprint')
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .where('fingerprint', '=', sql<string>`ANY(${fingerprints.slice(start, start + insertChunkRows)}::text[])`)
      .execute();
    for (const r of rows) seen.add(r.fingerprint);
  }
  return seen;
}

/** Matches the new money-in lines of the file against the tenant's open items in their currencies. */
async function matchNewLines(db: Kysely<DB>, actor: Actor, lines: PreparedStatement['newLines'], suggest: Suggest): Promise<Map<string, MatchSuggestion[]>> {
  const toMatch: LineToMatch[] = lines.filter((l) => l.line.amountMinor > 0n).map(({ id, line }) => ({
    id, bookingDate: line.bookingDate, amountMinor: line.amountMinor, currency: line.currency,
    counterpartyName: line.counterpartyName, counterpartyAccount: line.counterpartyAccount,
    text: [line.bankRef, line.endToEndRef, line.description].filter((t) => t !== '').join(' '),
  }));
  if (toMatch.length === 0) return new Map();
  const { items, aliases } = await loadOpenItems(db, actor, [...new Set(toMatch.map((l) => l.currency))]);
  return suggest(toMatch, items, aliases);
}

/**
 * Rows per INSERT: one JSON document per chunk (a few MB). One string parameter is far cheaper on both sides than
 * fourteen arrays: node-postgres escapes every element of an array parameter (and JSON is all quotes), and the
 * server parses each array literal; here the client serialises once and PostgreSQL parses one document.
 */
const insertChunkRows = 5_000;

/** Inserts the new lines (a concurrent import of the same lines loses nothing: ON CONFLICT skips them); returns how many were written. */
async function insertLines(trx: Transaction<DB>, actor: Actor, statementId: string, p: PreparedStatement, suggestions: Map<string, MatchSuggestion[]>): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < p.newLines.length; start += insertChunkRows) {
    const rows = p.newLines.slice(start, start + insertChunkRows).map(({ id, line }) => {
      const stored = (suggestions.get(id) ?? []).slice(0, storedSuggestionsMax).map(storedSuggestion);
      return {
        id, position: line.position, booking_date: line.bookingDate, value_date: line.valueDate, amount_minor: line.amountMinor.toString(), currency: line.currency,
        counterparty_name: line.counterpartyName, counterparty_account: line.counterpartyAccount, bank_ref: line.bankRef, end_to_end_ref: line.endToEndRef,
        description: line.description, fingerprint: line.fingerprint, best_score: stored[0]?.score ?? null, suggestions: stored,
      };
    });
    const result = await sql<{ id: string }>`
      INSERT INTO statement_lines (tenant_id, id, statement_id, position, account_id, booking_date, value_date, amount_minor, currency,
        counterparty_name, counterparty_account, bank_ref, end_to_end_ref, description, fingerprint, status, best_score, suggestions)
      SELECT ${actor.tenantId}::uuid, t.id, ${statementId}::uuid, t.position, ${p.parsed.accountId}::text, t.booking_date, t.value_date, t.amount_minor, t.currency,
             t.counterparty_name, t.counterparty_account, t.bank_ref, t.end_to_end_ref, t.description, t.fingerprint,
             CASE WHEN t.best_score >= ${suggestedScoreMin}::int THEN 'suggested' ELSE 'unmatched' END, t.best_score, t.suggestions
        FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
             AS t(id uuid, position int, booking_date date, value_date date, amount_minor int8, currency text, counterparty_name text,
                  counterparty_account text, bank_ref text, end_to_end_ref text, description text, fingerprint text, best_score int, suggestions jsonb)
      ON CONFLICT (tenant_id, account_id, fingerprint) DO NOTHING
      RETURNING id`.execute(trx);
    inserted += result.rows.length;
  }
  return inserted;
}

/** Suggestions kept per line: the best few, enough for the workbench and for bulk acceptance. */
export const storedSuggestionsMax = 3;

export function storedSuggestion(s: MatchSuggestion): StoredSuggestion {
  return {
    customerId: s.customerId, score: Math.round(s.score), signals: s.signals.map((g) => ({ kind: g.kind, weight: g.weight, detail: g.detail })),
    items: s.items.map((i) => ({ kind: i.kind, id: i.id, amountMinor: i.amountMinor.toString() })), lineIds: s.lineIds,
  };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}


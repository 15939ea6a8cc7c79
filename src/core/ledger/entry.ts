import { createHash } from 'node:crypto';
import { KxError, type ErrorCode, type FieldIssue } from '../errors.js';
import { limits } from '../limits.js';
import { isCurrency, MAX_AMOUNT_MINOR, parseAmountMinor } from '../money/index.js';

export type Side = 'debit' | 'credit';

/** What a caller proposes. Amounts are positive: a decimal string in major units, or bigint minor units. */
export interface LineDraft {
  account: string;
  side: Side;
  amount: string | bigint;
  currency: string;
  customerId?: string | null;
  departmentId?: string | null;
  ownerId?: string | null;
  productId?: string | null;
  channel?: string | null;
  memo?: string;
}

export interface EntryDraft {
  entryDate: string;
  memo?: string;
  source: string;
  sourceId?: string | null;
  lines: readonly LineDraft[];
}

/** A line that passed every rule. Debit positive, credit negative, in minor units; never zero. */
export interface ValidLine {
  readonly lineNo: number;
  readonly account: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly customerId: string | null;
  readonly departmentId: string | null;
  readonly ownerId: string | null;
  readonly productId: string | null;
  readonly channel: string | null;
  readonly memo: string;
}

export interface ValidEntry {
  readonly entryDate: string;
  readonly memo: string;
  readonly source: string;
  readonly sourceId: string | null;
  readonly reversesEntryId: string | null;
  readonly lines: readonly ValidLine[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const sourcePattern = /^[a-z][a-z0-9_]{0,39}$/;
const channelPattern = /^[a-z][a-z0-9_]{0,39}$/;

export function isBusinessDate(value: string): boolean {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 9999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Checks a proposed entry against the ledger's rules and returns it in posting form, or throws one
 * KxError listing every problem found (the error's code is the first problem's code).
 */
export function validateEntry(draft: EntryDraft): ValidEntry {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: ErrorCode, message: string) => issues.push({ field, code, message });

  if (typeof draft.entryDate !== 'string' || !isBusinessDate(draft.entryDate)) {
    issue('entryDate', 'invalid_date', 'entryDate must be a calendar date written YYYY-MM-DD');
  }
  const memo = draft.memo ?? '';
  if (memo.length > limits.memoCharsMax) issue('memo', 'validation_failed', `memo is longer than ${limits.memoCharsMax} characters`);
  if (!sourcePattern.test(draft.source)) issue('source', 'validation_failed', 'source must be a lower-case identifier');
  if (draft.sourceId != null && !uuidPattern.test(draft.sourceId)) issue('sourceId', 'validation_failed', 'sourceId must be a UUID');

  const drafts = Array.isArray(draft.lines) ? draft.lines : [];
  if (drafts.length < 2) issue('lines', 'entry_too_few_lines', 'an entry needs at least two lines');
  if (drafts.length > limits.journalLinesPerEntryMax) {
    issue('lines', 'entry_too_many_lines', `an entry has at most ${limits.journalLinesPerEntryMax} lines`);
  }

  const lines: ValidLine[] = [];
  drafts.slice(0, limits.journalLinesPerEntryMax).forEach((draftLine, index) => {
    const checked = validateLine(draftLine, index);
    issues.push(...checked.issues);
    if (checked.line) lines.push(checked.line);
  });

  if (issues.length === 0) {
    for (const [currency, total] of totalsByCurrency(lines)) {
      if (total !== 0n) {
        issue('lines', 'entry_unbalanced', `debits and credits differ in ${currency} by ${total} minor units`);
      }
    }
  }
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new KxError(first.code, first.message, { fields: issues });
  }
  return {
    entryDate: draft.entryDate,
    memo,
    source: draft.source,
    sourceId: draft.sourceId ?? null,
    reversesEntryId: null,
    lines,
  };
}

function validateLine(line: LineDraft, index: number): { line?: ValidLine; issues: FieldIssue[] } {
  const at = `lines[${index}]`;
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: ErrorCode, message: string) => issues.push({ field, code, message });
  if (typeof line.account !== 'string' || line.account.length === 0 || line.account.length > 100) {
    issue(`${at}.account`, 'unknown_account', 'account must name an account of the chart');
  }
  if (line.side !== 'debit' && line.side !== 'credit') issue(`${at}.side`, 'validation_failed', "side must be 'debit' or 'credit'");
  let amountMinor = 0n;
  if (typeof line.currency !== 'string' || !isCurrency(line.currency)) {
    issue(`${at}.currency`, 'unknown_currency', `unknown currency ${JSON.stringify(line.currency)}`);
  } else {
    try {
      amountMinor = typeof line.amount === 'bigint' ? checkedMinor(line.amount) : parseAmountMinor(line.amount, line.currency);
    } catch (error) {
      if (!(error instanceof KxError)) throw error;
      issue(`${at}.amount`, error.code, error.message);
    }
  }
  for (const key of ['customerId', 'departmentId', 'ownerId', 'productId'] as const) {
    const value = line[key];
    if (value != null && (typeof value !== 'string' || !uuidPattern.test(value))) issue(`${at}.${key}`, 'validation_failed', `${key} must be a UUID`);
  }
  if (line.channel != null && !channelPattern.test(line.channel)) issue(`${at}.channel`, 'validation_failed', 'channel must be a lower-case identifier');
  const memo = line.memo ?? '';
  if (memo.length > limits.memoCharsMax) issue(`${at}.memo`, 'validation_failed', `memo is longer than ${limits.memoCharsMax} characters`);
  if (issues.length > 0) return { issues };
  const valid: ValidLine = {
    lineNo: index + 1,
    account: line.account,
    currency: line.currency,
    amountMinor: line.side === 'debit' ? amountMinor : -amountMinor,
    customerId: line.customerId?.toLowerCase() ?? null,
    departmentId: line.departmentId?.toLowerCase() ?? null,
    ownerId: line.ownerId?.toLowerCase() ?? null,
    productId: line.productId?.toLowerCase() ?? null,
    channel: line.channel ?? null,
    memo,
  };
  return { line: valid, issues };
}

function checkedMinor(amountMinor: bigint): bigint {
  if (amountMinor <= 0n) throw new KxError('amount_not_positive', 'amount must be greater than zero');
  if (amountMinor > MAX_AMOUNT_MINOR) throw new KxError('amount_out_of_range', 'amount is too large');
  return amountMinor;
}

export function totalsByCurrency(lines: readonly { currency: string; amountMinor: bigint }[]): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  for (const line of lines) totals.set(line.currency, (totals.get(line.currency) ?? 0n) + line.amountMinor);
  return totals;
}

/** The entry that undoes `original`: same lines, opposite signs, pointing back at it. */
export function reversalOf(
  originalId: string,
  lines: readonly ValidLine[],
  entryDate: string,
  memo: string,
): ValidEntry {
  if (!isBusinessDate(entryDate)) throw new KxError('invalid_date', 'entryDate must be a calendar date written YYYY-MM-DD');
  return {
    entryDate,
    memo,
    source: 'reversal',
    sourceId: null,
    reversesEntryId: originalId,
    lines: lines.map((line) => ({ ...line, amountMinor: -line.amountMinor })),
  };
}

/**
 * A digest of everything that defines an entry's effect, so a repeated idempotency key can be told apart
 * from a different request reusing it. Field order is fixed here, not taken from the caller's object.
 */
export function requestHash(entry: ValidEntry): string {
  const canonical = JSON.stringify([
    entry.entryDate,
    entry.memo,
    entry.source,
    entry.sourceId,
    entry.reversesEntryId,
    entry.lines.map((l) => [l.account, l.currency, l.amountMinor.toString(), l.customerId, l.departmentId, l.ownerId, l.productId, l.channel, l.memo]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

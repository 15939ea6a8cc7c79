import { createHash } from 'node:crypto';
import { KxError, isKxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { formatAmount, isCurrency, parseAmountMinor } from '../../core/money/index.js';
import type {
  ParsedStatement,
  StatementFormat,
  StatementLine,
  StatementWarning,
} from '../../core/statements/statement.js';

/** A line before its fingerprint: every parser builds these, finishStatements() adds identities and checks. */
export type DraftLine = Omit<StatementLine, 'fingerprint'>;

export interface DraftStatement extends Omit<ParsedStatement, 'lines'> {
  lines: DraftLine[];
  /** Where the statement starts in the file, for messages about the statement as a whole. */
  position?: number;
}

/** Where in the file something is: the number the line carries, and how a person would look for it. */
export interface At {
  position: number;
  label: string;
}
export const atLine = (position: number): At => ({ position, label: `line ${position}` });
export const atEntry = (position: number): At => ({ position, label: `entry ${position}` });

/** statement_malformed pointing at a line/entry/row of the file. */
export function malformed(message: string, at?: At, details: Record<string, unknown> = {}): KxError {
  return new KxError('statement_malformed', at === undefined ? message : `${message} (at ${at.label})`, {
    details: { ...details, ...(at === undefined ? {} : { position: at.position }) },
  });
}

/** The statement's currency as the file writes it, refused when ISO 4217 does not list it (DEM, typos). */
export function checkedCurrency(code: string, at?: At): string {
  const upper = code.trim().toUpperCase();
  if (!isCurrency(upper)) {
    throw malformed(`"${code.trim()}" is not a current ISO 4217 currency this system accepts`, at, { currency: code.trim() });
  }
  return upper;
}

/**
 * Exact minor units of a plain decimal ("-1234.5"). More decimals than the currency has is malformed, never
 * rounded: "1.005" CNY on a bank line means we misread the file, and a rounded amount would match the wrong receipt.
 */
export function minorOf(decimal: string, currency: string, at?: At): bigint {
  try {
    return parseAmountMinor(decimal, currency, { allowNegative: true, allowZero: true });
  } catch (error) {
    if (isKxError(error)) throw malformed(error.message, at, { amount: decimal, currency });
    throw error;
  }
}

/** YYYY-MM-DD of a real calendar day, or a statement_malformed at the position. */
export function isoDate(year: number, month: number, day: number, source: string, at?: At): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1900 && year <= 2999 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) throw malformed(`"${source}" is not a calendar date`, at, { date: source });
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function decimalOf(amountMinor: bigint, currency: string): string {
  return isCurrency(currency) ? formatAmount(amountMinor, currency) : amountMinor.toString();
}

/** Collects row-level warnings up to a bound, then only counts them, so a 100,000-row file cannot make 100,000 warnings. */
export class RowWarnings {
  private readonly listed: StatementWarning[] = [];
  private readonly overflow = new Map<string, number>();

  add(warning: StatementWarning): void {
    if (this.listed.length < limits.statementRowWarningsMax) this.listed.push(warning);
    else this.overflow.set(warning.code, (this.overflow.get(warning.code) ?? 0) + 1);
  }

  toArray(): StatementWarning[] {
    const summary = [...this.overflow].map(([code, count]): StatementWarning => ({
      code: code as StatementWarning['code'],
      message: `${count} more warnings of this kind are not listed one by one.`,
      details: { count: String(count) },
    }));
    return [...this.listed, ...summary];
  }
}

/**
 * The checks every format shares, then line identities. Fingerprints are digests of what identifies a booking
 * (account, currency, date, amount, the bank's reference, else the references and text), plus the occurrence of
 * that same key earlier in the file: two identical 10.00 fees on one day are two lines, and re-importing the same
 * file gives both the same two fingerprints again. Counting is per file, so every line of one upload is distinct.
 */
export function finishStatements(drafts: readonly DraftStatement[]): ParsedStatement[] {
  const seen = new Map<string, number>();
  return drafts.map((draft) => {
    const { position: _position, ...rest } = draft;
    const warnings = [...draft.warnings, ...currencyWarnings(draft), ...balanceWarnings(draft)];
    const lines = draft.lines.map((line): StatementLine => {
      const key = identityKey(draft.accountId, line);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      const fingerprint = createHash('sha256').update(`${key}\u0000${occurrence}`).digest('base64url').slice(0, 32);
      return { ...line, fingerprint };
    });
    return { ...rest, lines, warnings };
  });
}

function identityKey(accountId: string, line: DraftLine): string {
  const base = [accountId, line.currency, line.bookingDate, line.amountMinor.toString()];
  // A bank reference identifies the booking; the free text around it may be re-worded between exports.
  const rest = line.bankRef !== ''
    ? ['ref', line.bankRef]
    : ['text', line.endToEndRef, line.counterpartyAccount, line.counterpartyName, line.description];
  return [...base, ...rest].join('\u0000');
}

function currencyWarnings(draft: DraftStatement): StatementWarning[] {
  const others = new Map<string, number>();
  for (const line of draft.lines) {
    if (line.currency !== draft.currency) others.set(line.currency, (others.get(line.currency) ?? 0) + 1);
  }
  return [...others].map(([currency, count]) => ({
    code: 'statement_currency_mixed',
    message: `${count} line(s) are in ${currency}, not in the statement's currency ${draft.currency}; the balance check leaves them out.`,
    details: { currency, statementCurrency: draft.currency, lines: String(count) },
  }));
}

function balanceWarnings(draft: DraftStatement): StatementWarning[] {
  if (draft.openingMinor === null || draft.closingMinor === null) return [];
  let movementMinor = 0n;
  for (const line of draft.lines) if (line.currency === draft.currency) movementMinor += line.amountMinor;
  const expectedMinor = draft.openingMinor + movementMinor;
  if (expectedMinor === draft.closingMinor) return [];
  const amount = (minor: bigint): string => decimalOf(minor, draft.currency);
  return [{
    code: 'statement_unbalanced',
    message: `Statement ${draft.statementId} does not balance: opening ${amount(draft.openingMinor)} + lines ${amount(movementMinor)} = ${amount(expectedMinor)} ${draft.currency}, but the closing balance is ${amount(draft.closingMinor)} (difference ${amount(draft.closingMinor - expectedMinor)}).`,
    ...(draft.position === undefined ? {} : { position: draft.position }),
    details: {
      opening: amount(draft.openingMinor),
      lines: amount(movementMinor),
      expectedClosing: amount(expectedMinor),
      closing: amount(draft.closingMinor),
      difference: amount(draft.closingMinor - expectedMinor),
      currency: draft.currency,
    },
  }];
}

/** Earliest and latest booking date of the lines, for statements whose header does not say. */
export function dateRange(lines: readonly DraftLine[]): { fromDate: string | null; toDate: string | null } {
  let fromDate: string | null = null;
  let toDate: string | null = null;
  for (const { bookingDate } of lines) {
    if (fromDate === null || bookingDate < fromDate) fromDate = bookingDate;
    if (toDate === null || bookingDate > toDate) toDate = bookingDate;
  }
  return { fromDate, toDate };
}

/** A stable id for files that carry none: the same bytes give the same id on every import. */
export function digestId(format: StatementFormat, text: string): string {
  return `${format}:${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}

export function tooLarge(lines: number): KxError {
  return new KxError('statement_too_large', `The file holds more than ${limits.statementLinesMax.toLocaleString('en')} lines (${lines.toLocaleString('en')} or more); split it by date and import the parts.`, {
    details: { lines, linesMax: limits.statementLinesMax },
  });
}

import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { StatementFormat, StatementWarning } from '../../core/statements/statement.js';
import {
  type At,
  type DraftLine,
  type DraftStatement,
  RowWarnings,
  checkedCurrency,
  dateRange,
  decimalOf,
  digestId,
  isoDate,
  malformed,
  minorOf,
  tooLarge,
} from './common.js';
import { type PreambleFacts, type PresetColumns, type StatusVerdict, currencyAliases, directionOf } from './presets.js';

/*
 * CSV and XLSX statements through a column mapping: find the header row under whatever preamble the export has,
 * then read each row into a line. Payment-app and bank presets are mappings plus a few rules (status, preamble).
 */

export const dateFormats = ['auto', 'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'YYYY-MM-DD HH:mm:ss', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY年MM月DD日'] as const;
export type DateFormat = (typeof dateFormats)[number];

export const delimiters = ['auto', ',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

/** A mapping with every choice made: what parseTabular needs. */
export interface ResolvedMapping {
  format: StatementFormat;
  columns: PresetColumns;
  /** Rows before the header; undefined: the header is the first row holding the mapped columns. */
  skipRows?: number;
  delimiter: Delimiter;
  dateFormat: DateFormat;
  currency?: string;
  decimalSeparator: '.' | ',';
  placeholders: readonly string[];
  status?: (status: string) => StatusVerdict;
  preamble?: (lines: readonly string[]) => PreambleFacts;
}

export interface Row {
  cells: string[];
  /** 1-based line (CSV) or row (XLSX) number where the row starts. */
  line: number;
}

const HEADER_SEARCH_ROWS_MAX = 100;

export function csvRows(text: string, mapping: ResolvedMapping): { rows: Row[]; preamble: string[] } {
  const physical = firstLines(text, HEADER_SEARCH_ROWS_MAX + 1);
  const delimiter = mapping.delimiter === 'auto' ? guessDelimiter(physical) : mapping.delimiter;
  // The header is looked for in the raw lines, before any CSV parsing: preambles have stray quotes that would
  // otherwise swallow the rows below them.
  const headerIndex = findHeader(physical.map((line) => ({ cells: splitNaive(line, delimiter), line: 0 })), mapping);
  // info: true would give line numbers but makes csv-parse about 1.7× slower; a record starts one line after
  // the previous one ended, plus the line breaks quoted inside its cells.
  const records = parseCsv(text, {
    delimiter,
    from_line: headerIndex + 1,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    to: limits.statementLinesMax + 2,
  }) as unknown as string[][];
  if (records.length > limits.statementLinesMax + 1) throw tooLarge(records.length - 1);
  let nextLine = headerIndex + 1;
  const rows = records.map((cells) => {
    const row = { cells, line: nextLine };
    nextLine += 1;
    for (const value of cells) if (value.includes('\n')) nextLine += value.split('\n').length - 1;
    return row;
  });
  return { rows, preamble: physical.slice(0, headerIndex) };
}

export async function xlsxRows(bytes: Uint8Array): Promise<{ rows: Row[]; preamble: string[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new KxError('statement_malformed', `The file is not a readable XLSX workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (sheet === undefined) throw new KxError('statement_empty', 'The workbook has no rows.');
  if (sheet.rowCount > limits.statementLinesMax + HEADER_SEARCH_ROWS_MAX) throw tooLarge(sheet.rowCount);
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push({ cells: Array.from(values, cellText), line });
  });
  return { rows, preamble: [] };
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10); // exceljs gives a date cell as UTC midnight
  // Excel keeps 15 significant digits; a computed 0.30000000000000004 is the 0.3 the user sees.
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const cell = value as { result?: unknown; text?: unknown; richText?: { text: string }[]; error?: unknown };
    if (cell.richText !== undefined) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (typeof cell.text === 'string') return cell.text;
  }
  return '';
}

/**
 * Lines of a table. CSV rows come from csvRows starting at the header (found in the raw lines there); XLSX rows
 * are the whole sheet, so the header is looked for here.
 */
export function parseTabular(rows: Row[], preamble: string[], mapping: ResolvedMapping, fileText: string, headerFirst: boolean): DraftStatement {
  const headerIndex = headerFirst ? 0 : findHeader(rows, mapping);
  if (rows[headerIndex] === undefined) throw new KxError('statement_empty', 'The file has no rows.');
  const header = rows[headerIndex] as Row;
  const allPreamble = [...preamble, ...rows.slice(0, headerIndex).map((row) => row.cells.join(','))];
  const columns = columnIndexes(header, mapping);
  const facts = mapping.preamble?.(allPreamble) ?? {};
  const warnings = new RowWarnings();
  const lines: DraftLine[] = [];
  const balances: (bigint | null)[] = [];
  const allRows: { direction: 1 | -1 | 0; magnitude: bigint }[] = [];
  const fallbackCurrency = mapping.currency;
  for (const row of rows.slice(headerIndex + 1)) {
    const result = readRow(row, columns, mapping, header.cells.length, warnings, fallbackCurrency);
    if (result === null) continue;
    if (result.counted !== undefined) allRows.push(result.counted);
    if (result.line === undefined) continue;
    lines.push(result.line);
    balances.push(result.balance);
  }
  const currency = statementCurrency(lines, fallbackCurrency);
  const statementWarnings: StatementWarning[] = [...warnings.toArray(), ...totalsWarnings(facts, allRows, currency, allRows.length)];
  const running = columns.balance === undefined ? null : runningBalances(lines, balances, currency, statementWarnings);
  const range = dateRange(lines);
  return {
    format: mapping.format,
    statementId: digestId(mapping.format, fileText),
    accountId: facts.accountId ?? '',
    currency,
    openingMinor: running?.openingMinor ?? null,
    closingMinor: running?.closingMinor ?? null,
    fromDate: facts.fromDate ?? range.fromDate,
    toDate: facts.toDate ?? range.toDate,
    lines,
    warnings: statementWarnings,
  };
}

type ColumnKey = keyof PresetColumns;
type Indexes = Partial<Record<Exclude<ColumnKey, 'description'>, number>> & { description: number[] };

function columnIndexes(header: Row, mapping: ResolvedMapping): Indexes {
  const names = header.cells.map(normalizeHeader);
  const indexes: Indexes = { description: [] };
  for (const [key, candidates] of Object.entries(mapping.columns) as [ColumnKey, readonly string[] | undefined][]) {
    if (candidates === undefined) continue;
    if (key === 'description') {
      indexes.description = candidates.map((name) => names.indexOf(normalizeHeader(name))).filter((index) => index >= 0);
    } else {
      const found = candidates.map((name) => names.indexOf(normalizeHeader(name))).find((index) => index >= 0);
      if (found !== undefined) indexes[key] = found;
    }
  }
  // One signed amount column, or credit and debit columns: a preset may list both kinds, the file has one.
  if (indexes.credit !== undefined && indexes.debit !== undefined) delete indexes.amount;
  else {
    delete indexes.credit;
    delete indexes.debit;
  }
  return indexes;
}

function findHeader(rows: readonly Row[], mapping: ResolvedMapping): number {
  if (mapping.skipRows !== undefined) {
    // XLSX rows carry their sheet row number; raw CSV lines are numbered 0 and stand at their own index.
    const index = rows.findIndex((row, at) => (row.line === 0 ? at : row.line - 1) === mapping.skipRows);
    const row = rows[index];
    if (row !== undefined && hasRequiredColumns(row, mapping)) return index;
    throw malformed(`Row ${mapping.skipRows + 1} (after skipping ${mapping.skipRows}) is not the header: it lacks ${requiredLabel(mapping)}`);
  }
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS_MAX);
  for (let index = 0; index < limit; index += 1) {
    if (hasRequiredColumns(rows[index] as Row, mapping)) return index;
  }
  throw malformed(`No header row with ${requiredLabel(mapping)} in the first ${HEADER_SEARCH_ROWS_MAX} rows; check the column mapping and the delimiter`);
}

function hasRequiredColumns(row: Row, mapping: ResolvedMapping): boolean {
  const names = new Set(row.cells.map(normalizeHeader));
  const any = (candidates?: readonly string[]) => candidates?.some((name) => names.has(normalizeHeader(name))) ?? false;
  const { columns } = mapping;
  return any(columns.bookingDate) && (any(columns.amount) || (any(columns.credit) && any(columns.debit)));
}

function requiredLabel(mapping: ResolvedMapping): string {
  const { columns } = mapping;
  const date = columns.bookingDate.join('/');
  const amount = columns.amount?.length ? columns.amount.join('/') : `${columns.credit?.join('/') ?? '?'} + ${columns.debit?.join('/') ?? '?'}`;
  return `the columns "${date}" and "${amount}"`;
}

function normalizeHeader(name: string): string {
  return name.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

interface RowResult {
  line?: DraftLine;
  balance: bigint | null;
  /** Direction and size of every transaction row whatever its status, for the export's own totals. */
  counted?: { direction: 1 | -1 | 0; magnitude: bigint };
}

function readRow(row: Row, columns: Indexes, mapping: ResolvedMapping, width: number, warnings: RowWarnings, fallbackCurrency?: string): RowResult | null {
  const at: At = { position: row.line, label: `row ${row.line}` };
  const cell = (index: number | undefined): string => {
    if (index === undefined) return '';
    const value = cleanCell(row.cells[index] ?? '');
    return mapping.placeholders.includes(value) ? '' : value;
  };
  const filled = row.cells.filter((value) => cleanCell(value) !== '').length;
  if (filled === 0) return null; // a blank line
  const skip = (message: string, details: Record<string, string> = {}): RowResult => {
    warnings.add({ code: 'statement_row_skipped', message: `Row ${row.line} skipped: ${message}.`, position: row.line, details });
    return { balance: null };
  };
  const dateText = cell(columns.bookingDate);
  // Footers ("------", "共66笔记录", an export timestamp) fill one or two cells of a wide table: not transactions.
  if (dateText === '' || (filled <= Math.max(2, Math.floor(width / 3)) && !looksLikeDate(dateText))) {
    return skip('not a transaction row', { text: row.cells.map(cleanCell).filter((v) => v !== '').join(' ').slice(0, 80) });
  }
  const bookingDate = parseDate(dateText, mapping.dateFormat, at);
  const currency = currencyOf(cell(columns.currency), fallbackCurrency, at);
  const signed = amountOf(row, columns, mapping, currency, at, cell);
  if (signed === null) return skip('no amount');
  let amountMinor = signed;
  let direction: 1 | -1 | 0 = amountMinor > 0n ? 1 : amountMinor < 0n ? -1 : 0;
  if (columns.direction !== undefined) {
    const raw = cleanCell(row.cells[columns.direction] ?? '');
    const word = directionOf(raw);
    if (word === undefined) throw malformed(`"${raw}" in the direction column is neither in nor out (收入/支出, 借/贷, C/D)`, at);
    direction = word;
    amountMinor = signed < 0n ? -signed * BigInt(word) : signed * BigInt(word);
  }
  const magnitude = amountMinor < 0n ? -amountMinor : amountMinor;
  const counted = { direction, magnitude: magnitude === 0n ? (signed < 0n ? -signed : signed) : magnitude };
  const status = cleanCell(columns.status === undefined ? '' : (row.cells[columns.status] ?? ''));
  const verdict = mapping.status?.(status) ?? { keep: true as const };
  if (!verdict.keep) return { ...skip(verdict.reason, { status }), counted };
  if (direction === 0) return { ...skip(`neutral (${cleanCell(row.cells[columns.direction ?? -1] ?? '') || '/'}): neither money in nor out`), counted };
  if (amountMinor === 0n) return { ...skip('amount is 0'), counted };
  if (verdict.note !== undefined) warnings.add({ code: 'statement_row_skipped', message: `Row ${row.line}: ${verdict.note}.`, position: row.line, details: { status } });
  const balanceText = cell(columns.balance);
  return {
    counted,
    balance: balanceText === '' ? null : minorOf(normalizeAmount(balanceText, mapping.decimalSeparator, at), currency, at),
    line: {
      position: row.line,
      bookingDate,
      valueDate: columns.valueDate === undefined || cell(columns.valueDate) === '' ? null : parseDate(cell(columns.valueDate), mapping.dateFormat, at),
      amountMinor,
      currency,
      counterpartyName: cell(columns.counterpartyName),
      counterpartyAccount: cell(columns.counterpartyAccount),
      bankRef: cell(columns.bankRef),
      endToEndRef: cell(columns.endToEndRef),
      description: columns.description.map(cell).filter((text) => text !== '').join(' '),
    },
  };
}

function amountOf(row: Row, columns: Indexes, mapping: ResolvedMapping, currency: string, at: At, cell: (index: number | undefined) => string): bigint | null {
  const read = (index: number | undefined): bigint | null => {
    const text = cell(index);
    return text === '' ? null : minorOf(normalizeAmount(text, mapping.decimalSeparator, at), currency, at);
  };
  if (columns.amount !== undefined) return read(columns.amount);
  const credit = read(columns.credit);
  const debit = read(columns.debit);
  if (credit === null && debit === null) return null;
  const abs = (value: bigint | null): bigint => (value === null ? 0n : value < 0n ? -value : value);
  // Some banks write debits as negative numbers in the debit column, others as positive: out is out.
  return abs(credit) - abs(debit);
}

/**
 * A human-formatted amount to a plain decimal: "¥1,234.50" → "1234.50", "(1.00)" → "-1.00", "1.234,5" with a
 * decimal comma → "1234.5". Whatever is left must be digits, or the row is malformed.
 */
export function normalizeAmount(raw: string, decimalSeparator: '.' | ',', at?: At): string {
  let text = raw.replace(/[\s\u00a0\u3000]/g, '').replace(/^(?:[¥￥$€£]|RMB|CNY)|(?:元|RMB|CNY)$/gi, '').replace(/^([+-]?)[¥￥$€£]/, '$1');
  let negative = false;
  const parenthesised = /^[(（](.*)[)）]$/.exec(text);
  if (parenthesised) {
    negative = true;
    text = parenthesised[1] ?? '';
  }
  if (text.startsWith('-')) {
    negative = !negative;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  else if (text.endsWith('-')) {
    negative = !negative;
    text = text.slice(0, -1);
  }
  text = text.replace(/^[¥￥$€£]/, '');
  text = decimalSeparator === '.' ? text.replace(/[,']/g, '') : text.replace(/[.']/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (match === null) throw malformed(`"${raw}" is not an amount`, at, { amount: raw });
  const integer = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  const plain = fraction === '' ? integer : `${integer}.${fraction}`;
  return negative && /[1-9]/.test(plain) ? `-${plain}` : plain;
}

const DATE_PATTERNS: Record<Exclude<DateFormat, 'auto'>, { pattern: RegExp; order: 'ymd' | 'dmy' | 'mdy' }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[ T])/, order: 'ymd' },
  'YYYY/MM/DD': { pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:$|[ T])/, order: 'ymd' },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})(?:$|[ T])/, order: 'ymd' },
  'YYYY-MM-DD HH:mm:ss': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2})?/, order: 'ymd' },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|\s)/, order: 'dmy' },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|\s)/, order: 'dmy' },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:$|\s)/, order: 'mdy' },
  'YYYY年MM月DD日': { pattern: /^(\d{4})年(\d{1,2})月(\d{1,2})日/, order: 'ymd' },
};

// 'auto' tries only the orders nobody misreads; 03/04/2025 needs an explicit DD/MM or MM/DD.
const AUTO_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'YYYY年MM月DD日', 'DD.MM.YYYY'] as const;

function looksLikeDate(text: string): boolean {
  return /^\d{4}[-/年]?\d{1,2}|^\d{1,2}[./]\d{1,2}[./]\d{4}/.test(text);
}

export function parseDate(text: string, format: DateFormat, at?: At): string {
  const candidates = format === 'auto' ? AUTO_FORMATS : [format];
  for (const candidate of candidates) {
    const { pattern, order } = DATE_PATTERNS[candidate];
    const match = pattern.exec(text);
    if (match === null) continue;
    const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const [year, month, day] = order === 'ymd' ? [a, b, c] : order === 'dmy' ? [c, b, a] : [c, a, b];
    return isoDate(year, month, day, text, at);
  }
  const hint = format === 'auto' ? ' (for DD/MM/YYYY or MM/DD/YYYY choose the date format in the mapping)' : ` (expected ${format})`;
  throw malformed(`"${text}" is not a date${hint}`, at, { date: text });
}

function currencyOf(text: string, fallback: string | undefined, at: At): string {
  const code = text === '' ? fallback : (currencyAliases[text] ?? text);
  if (code === undefined) throw malformed('The row names no currency and the mapping sets no default currency', at);
  return checkedCurrency(code, at);
}

/** The statement's currency: the mapping's default, else the one most lines are in. */
function statementCurrency(lines: readonly DraftLine[], fallback: string | undefined): string {
  if (fallback !== undefined) return checkedCurrency(fallback);
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.currency, (counts.get(line.currency) ?? 0) + 1);
  const [top] = [...counts].sort((x, y) => y[1] - x[1]);
  return top?.[0] ?? 'CNY';
}

/** Cells as exports pad them: Alipay ends order numbers with a tab, WeChat merchant bills start ids with a backtick. */
function cleanCell(value: string): string {
  return value.trim().replace(/^[`']/, '').trim();
}

function totalsWarnings(facts: PreambleFacts, rows: readonly { direction: 1 | -1 | 0; magnitude: bigint }[], currency: string, rowCount: number): StatementWarning[] {
  const warnings: StatementWarning[] = [];
  if (facts.totalCount !== undefined && facts.totalCount !== rowCount) {
    warnings.push({
      code: 'statement_totals_disagree',
      message: `The export's header says ${facts.totalCount} records; the file holds ${rowCount} transaction rows.`,
      details: { headerCount: String(facts.totalCount), rowCount: String(rowCount) },
    });
  }
  for (const total of facts.totals ?? []) {
    const own = rows.filter((row) => row.direction === total.direction);
    const sum = own.reduce((acc, row) => acc + row.magnitude, 0n);
    const header = minorOf(total.amount, currency);
    if (own.length === total.count && sum === header) continue;
    warnings.push({
      code: 'statement_totals_disagree',
      message: `The export's header says ${total.label} ${total.count} records for ${decimalOf(header, currency)} ${currency}; the rows add up to ${own.length} for ${decimalOf(sum, currency)}.`,
      details: { label: total.label, headerCount: String(total.count), headerSum: decimalOf(header, currency), rowCount: String(own.length), rowSum: decimalOf(sum, currency) },
    });
  }
  return warnings;
}

/**
 * A balance column gives the opening and closing balances, and checks every row: balance after a row = balance
 * after the previous row + its amount. Exports list rows oldest first or newest first; both are tried.
 */
function runningBalances(lines: readonly DraftLine[], balances: readonly (bigint | null)[], currency: string, warnings: StatementWarning[]): { openingMinor: bigint; closingMinor: bigint } | null {
  if (lines.length === 0 || balances.some((balance) => balance === null)) return null;
  const values = balances as bigint[];
  const breaks = (order: readonly number[]): number => {
    for (let k = 1; k < order.length; k += 1) {
      const previous = values[order[k - 1] as number] as bigint;
      const index = order[k] as number;
      if (previous + (lines[index] as DraftLine).amountMinor !== values[index]) return index;
    }
    return -1;
  };
  const forward = lines.map((_, index) => index);
  const backward = [...forward].reverse();
  for (const order of [forward, backward]) {
    if (breaks(order) >= 0) continue;
    const first = order[0] as number;
    const last = order.at(-1) as number;
    return { openingMinor: (values[first] as bigint) - (lines[first] as DraftLine).amountMinor, closingMinor: values[last] as bigint };
  }
  const at = lines[breaks(forward)] as DraftLine;
  warnings.push({
    code: 'statement_unbalanced',
    message: `The balance column does not follow from the amounts (first break at row ${at.position}, balance ${decimalOf(values[breaks(forward)] as bigint, currency)}); opening and closing balances are not taken from it.`,
    position: at.position,
    details: { currency },
  });
  return null;
}

/** Delimiter of a CSV from its first lines: the candidate that splits most lines into the same number of cells. */
function guessDelimiter(lines: readonly string[]): ',' | ';' | '\t' | '|' {
  let best: ',' | ';' | '\t' | '|' = ',';
  let bestScore = 0;
  for (const candidate of [',', ';', '\t', '|'] as const) {
    const counts = lines.map((line) => line.split(candidate).length - 1).filter((count) => count > 0);
    const mode = counts.sort((a, b) => a - b)[Math.floor(counts.length / 2)] ?? 0;
    const score = counts.filter((count) => count === mode).length * mode;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** The first lines of a text without splitting all of it (a statement may be 60 MB). */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < count && start <= text.length) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    lines.push(text.slice(start, stop > start && text[stop - 1] === '\r' ? stop - 1 : stop));
    if (end < 0) break;
    start = end + 1;
  }
  return lines;
}

function splitNaive(line: string, delimiter: string): string[] {
  return line.split(delimiter).map((cell) => cell.trim().replace(/^"|"$/g, ''));
}

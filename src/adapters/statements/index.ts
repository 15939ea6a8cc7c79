import { KxError, type FieldIssue } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { isCurrency } from '../../core/money/index.js';
import type { ParsedStatement, StatementFormat } from '../../core/statements/statement.js';
import { parseCamt053 } from './camt053.js';
import { type DraftStatement, finishStatements } from './common.js';
import { type StatementEncoding, decodeText } from './decode.js';
import { detectFormat, isZip } from './detect.js';
import { parseMt940 } from './mt940.js';
import { type Preset, type PresetColumns, type PresetId, presetById, presets } from './presets.js';
import {
  type DateFormat,
  type Delimiter,
  type ResolvedMapping,
  csvRows,
  dateFormats,
  delimiters,
  parseTabular,
  xlsxRows,
} from './tabular.js';

export { detectFormat, type StatementDetection } from './detect.js';
export { presets, type PresetId } from './presets.js';
export type { DateFormat, Delimiter } from './tabular.js';
export type { StatementEncoding } from './decode.js';

/** Columns of a CSV/XLSX export, by header name. One signed amount column, or a credit and a debit column. */
export interface MappedColumns {
  bookingDate?: string;
  valueDate?: string;
  amount?: string;
  credit?: string;
  debit?: string;
  /** Column that says in or out (收入/支出, 借/贷, C/D) when amounts carry no sign. */
  direction?: string;
  currency?: string;
  counterpartyName?: string;
  counterpartyAccount?: string;
  bankRef?: string;
  endToEndRef?: string;
  /** One column, or several whose texts are joined. */
  description?: string | string[];
  /** Running balance after each row: gives opening/closing balances and a per-row check. */
  balance?: string;
}

/** A saved column mapping (statement-mappings API). With a preset, columns given here override the preset's. */
export interface ColumnMapping {
  name?: string;
  preset?: PresetId;
  encoding?: StatementEncoding;
  /** Lines before the header row; absent: the header is found among the first 100 rows. */
  skipRows?: number;
  delimiter?: Delimiter;
  columns: MappedColumns;
  dateFormat?: DateFormat;
  defaultCurrency?: string;
  decimalSeparator?: '.' | ',';
}

export interface ParseStatementOptions {
  format?: 'auto' | StatementFormat;
  encoding?: 'auto' | 'utf-8' | 'gbk';
  mapping?: ColumnMapping;
  /** Currency for files that name none (most CSV exports). */
  defaultCurrency?: string;
  filename?: string;
}

const FORMATS: readonly StatementFormat[] = ['camt053', 'mt940', 'mt942', 'csv', 'xlsx', 'alipay_csv', 'wechat_csv'];

/**
 * Every statement in a file (CAMT.053 and MT940 files may hold several), read completely or not at all: any
 * malformed line rejects the file with its position, so nothing is ever half-imported. Problems that do not
 * make the figures wrong (a statement that does not balance, skipped rows, header totals that disagree) are
 * warnings on the statement instead. Async because XLSX workbooks are unzipped asynchronously.
 */
export async function parseStatement(bytes: Uint8Array, options: ParseStatementOptions = {}): Promise<ParsedStatement[]> {
  if (bytes.byteLength > limits.statementBytesMax) {
    throw new KxError('statement_too_large', `The file is ${bytes.byteLength.toLocaleString('en')} bytes; statements may be at most ${limits.statementBytesMax.toLocaleString('en')} bytes.`, {
      details: { bytes: bytes.byteLength, bytesMax: limits.statementBytesMax },
    });
  }
  if (bytes.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) {
    throw new KxError('statement_empty', 'The file is empty.');
  }
  const mapping = options.mapping === undefined ? undefined : validateMapping(options.mapping);
  const encoding = options.encoding ?? mapping?.encoding ?? 'auto';
  const { format, preset } = resolveFormat(bytes, options, mapping);
  const drafts = await parseAs(format, bytes, encoding, mapping, preset, options.defaultCurrency);
  return finishStatements(drafts);
}

function resolveFormat(bytes: Uint8Array, options: ParseStatementOptions, mapping?: ColumnMapping): { format: StatementFormat; preset?: Preset } {
  const requested = options.format ?? 'auto';
  if (requested !== 'auto' && !FORMATS.includes(requested)) {
    throw new KxError('statement_format_unknown', `"${String(requested)}" is not a statement format; use one of ${FORMATS.join(', ')}.`);
  }
  const mappedPreset = mapping?.preset === undefined ? undefined : presetById(mapping.preset);
  if (requested === 'alipay_csv') return { format: requested, preset: mappedPreset ?? presetById('alipay') };
  if (requested === 'wechat_csv') return { format: requested, preset: mappedPreset ?? presetById('wechat') };
  if (requested !== 'auto') return { format: requested, preset: mappedPreset };
  if (mapping !== undefined) {
    if (isZip(bytes)) return { format: 'xlsx', preset: mappedPreset };
    return { format: mappedPreset?.format ?? 'csv', preset: mappedPreset };
  }
  const detected = detectFormat(bytes, options.filename);
  if (detected === null) {
    throw new KxError('statement_format_unknown', 'The file is not a statement format we recognise (CAMT.053, MT940/MT942, Alipay or WeChat Pay bill, a known bank export). For another CSV or XLSX export, choose a column mapping.');
  }
  const preset = detected.preset === undefined
    ? presets.find((candidate) => candidate.format === detected.format)
    : presetById(detected.preset);
  return { format: detected.format, preset };
}

async function parseAs(format: StatementFormat, bytes: Uint8Array, encoding: StatementEncoding, mapping: ColumnMapping | undefined, preset: Preset | undefined, defaultCurrency?: string): Promise<DraftStatement[]> {
  if (format === 'xlsx') {
    const { rows, preamble } = await xlsxRows(bytes);
    const head = rows.slice(0, 100).map((row) => row.cells.join(',')).join('\n');
    const resolved = resolveMapping(mapping, preset ?? presets.find((candidate) => candidate.detect(head)), 'xlsx', defaultCurrency);
    return [tabularStatement(rows, preamble, resolved, head, false)];
  }
  const { text } = decodeText(bytes, xmlEncoding(bytes) ?? encoding);
  if (text.trim() === '') throw new KxError('statement_empty', 'The file is empty.');
  if (format === 'camt053') return parseCamt053(text, defaultCurrency ?? mapping?.defaultCurrency);
  if (format === 'mt940' || format === 'mt942') return parseMt940(text);
  const resolved = resolveMapping(mapping, preset, format, defaultCurrency);
  const { rows, preamble } = csvRows(text, resolved);
  return [tabularStatement(rows, preamble, resolved, text, true)];
}

function tabularStatement(rows: Parameters<typeof parseTabular>[0], preamble: string[], mapping: ResolvedMapping, text: string, headerFirst: boolean): DraftStatement {
  const statement = parseTabular(rows, preamble, mapping, text, headerFirst);
  const dataRows = rows.length - (headerFirst ? 1 : 0);
  if (statement.lines.length === 0 && statement.warnings.length === 0 && dataRows <= 0) {
    throw new KxError('statement_empty', 'The file has a header row but no transaction rows.');
  }
  return statement;
}

/** An XML declaration's encoding wins over guessing; only the Latin ones banks use are honoured. */
function xmlEncoding(bytes: Uint8Array): StatementEncoding | undefined {
  const declaration = /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 200)));
  const name = declaration?.[1]?.toLowerCase();
  if (name === undefined) return undefined;
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (name === 'gbk' || name === 'gb2312' || name === 'gb18030') return 'gbk';
  return undefined;
}

function resolveMapping(mapping: ColumnMapping | undefined, preset: Preset | undefined, format: StatementFormat, defaultCurrency?: string): ResolvedMapping {
  if (mapping === undefined && preset === undefined) {
    throw new KxError('statement_format_unknown', `A ${format === 'xlsx' ? 'workbook' : 'CSV file'} that is not a known export needs a column mapping (date and amount columns at least).`);
  }
  const columns: PresetColumns = { ...(preset?.columns ?? { bookingDate: [] }) };
  for (const [key, value] of Object.entries(mapping?.columns ?? {}) as [keyof MappedColumns, string | string[] | undefined][]) {
    if (value === undefined) continue;
    (columns as unknown as Record<string, readonly string[]>)[key] = Array.isArray(value) ? value : [value];
    // A user's signed amount replaces a preset's credit/debit pair and the other way round.
    if (key === 'amount') {
      delete columns.credit;
      delete columns.debit;
    }
    if (key === 'credit' || key === 'debit') delete columns.amount;
  }
  return {
    format: preset?.format === 'alipay_csv' || preset?.format === 'wechat_csv' ? preset.format : format,
    columns,
    ...(mapping?.skipRows === undefined ? {} : { skipRows: mapping.skipRows }),
    delimiter: mapping?.delimiter ?? 'auto',
    dateFormat: mapping?.dateFormat ?? 'auto',
    currency: mapping?.defaultCurrency ?? defaultCurrency ?? preset?.defaultCurrency,
    decimalSeparator: mapping?.decimalSeparator ?? '.',
    placeholders: preset?.placeholders ?? [],
    ...(preset?.status === undefined ? {} : { status: preset.status }),
    ...(preset?.preamble === undefined ? {} : { preamble: preset.preamble }),
  };
}

const COLUMN_KEYS: readonly (keyof MappedColumns)[] = [
  'bookingDate', 'valueDate', 'amount', 'credit', 'debit', 'direction', 'currency', 'counterpartyName',
  'counterpartyAccount', 'bankRef', 'endToEndRef', 'description', 'balance',
];
const DESCRIPTION_COLUMNS_MAX = 5;
const SKIP_ROWS_MAX = 100;

/**
 * A column mapping as a client sent it (saved mappings, the upload form), checked field by field. Throws
 * mapping_invalid listing every problem at once, so a form can mark them all.
 */
export function validateMapping(input: unknown): ColumnMapping {
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string): void => void issues.push({ field, code: 'mapping_invalid', message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new KxError('mapping_invalid', 'A column mapping must be an object.', { fields: [{ field: '', code: 'mapping_invalid', message: 'must be an object' }] });
  }
  const m = input as Record<string, unknown>;
  const oneOf = <T extends string>(field: string, allowed: readonly T[]): T | undefined => {
    const value = m[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !allowed.includes(value as T)) issue(field, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
    return value as T;
  };
  const known = new Set(['name', 'preset', 'encoding', 'skipRows', 'delimiter', 'columns', 'dateFormat', 'defaultCurrency', 'decimalSeparator']);
  for (const key of Object.keys(m)) if (!known.has(key)) issue(key, 'is not a mapping field');
  if (m.name !== undefined && (typeof m.name !== 'string' || m.name.trim() === '' || m.name.length > limits.nameCharsMax)) {
    issue('name', `must be text of 1 to ${limits.nameCharsMax} characters`);
  }
  const preset = oneOf('preset', presets.map((p) => p.id));
  oneOf('encoding', ['auto', 'utf-8', 'gbk'] as const);
  oneOf('delimiter', delimiters);
  oneOf('dateFormat', dateFormats);
  oneOf('decimalSeparator', ['.', ','] as const);
  if (m.skipRows !== undefined && (!Number.isInteger(m.skipRows) || (m.skipRows as number) < 0 || (m.skipRows as number) > SKIP_ROWS_MAX)) {
    issue('skipRows', `must be a whole number from 0 to ${SKIP_ROWS_MAX}`);
  }
  if (m.defaultCurrency !== undefined && (typeof m.defaultCurrency !== 'string' || !isCurrency(m.defaultCurrency))) {
    issue('defaultCurrency', 'must be an ISO 4217 currency code such as "CNY"');
  }
  const columns = (m.columns ?? {}) as Record<string, unknown>;
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) issue('columns', 'must be an object of column names');
  else {
    for (const [key, value] of Object.entries(columns)) {
      const field = `columns.${key}`;
      if (!COLUMN_KEYS.includes(key as keyof MappedColumns)) issue(field, 'is not a statement column');
      else if (key === 'description' && Array.isArray(value)) {
        if (value.length === 0 || value.length > DESCRIPTION_COLUMNS_MAX || !value.every(isColumnName)) issue(field, `must be a column name or 1 to ${DESCRIPTION_COLUMNS_MAX} column names`);
      } else if (!isColumnName(value)) issue(field, `must be a column name of 1 to ${limits.referenceCharsMax} characters`);
    }
    if (preset === undefined) {
      if (columns.bookingDate === undefined) issue('columns.bookingDate', 'is required: the column with the booking date');
      const hasAmount = columns.amount !== undefined;
      const hasPair = columns.credit !== undefined || columns.debit !== undefined;
      if (hasAmount && hasPair) issue('columns.amount', 'give either one signed amount column or credit and debit columns, not both');
      else if (!hasAmount && !(columns.credit !== undefined && columns.debit !== undefined)) {
        issue(hasPair ? (columns.credit === undefined ? 'columns.credit' : 'columns.debit') : 'columns.amount', 'is required: one signed amount column, or both credit and debit columns');
      }
    }
  }
  if (issues.length > 0) {
    throw new KxError('mapping_invalid', `The column mapping is not valid: ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}.`, { fields: issues });
  }
  return { ...(m as unknown as ColumnMapping), columns: columns as MappedColumns };
}

function isColumnName(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= limits.referenceCharsMax;
}

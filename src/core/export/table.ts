/**
 * What any export is made of, whatever its format: typed columns and rows that arrive one at a time. A list,
 * a report or a pivot describes its columns once; the CSV, XLSX and PDF writers (adapters/export) turn the
 * same description into their own cells. Pure: no I/O, so the rules below are unit-tested on their own.
 */
import { currencyExponent } from '../money/index.js';

export const exportFormats = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportLanguage = 'zh' | 'en';

/**
 * text: as it is; money: an exact decimal string in major units ("-1234.50") with the row's currency;
 * date: a business date "YYYY-MM-DD"; instant: an ISO 8601 instant; integer: a count or a position.
 */
export type ColumnType = 'text' | 'money' | 'date' | 'instant' | 'integer';

export type CellValue = string | number | null;

export interface ExportColumn<Row> {
  key: string;
  title: Record<ExportLanguage, string>;
  type: ColumnType;
  value: (row: Row) => CellValue;
  /** The currency of a money cell (its decimals come from it); required for money columns. */
  currency?: (row: Row) => string;
  /** Width in characters (XLSX) and relative weight (PDF); a default by type otherwise. */
  width?: number;
}

export interface ExportTable<Row> {
  title: Record<ExportLanguage, string>;
  columns: readonly ExportColumn<Row>[];
  /** Pulled one at a time by the writer, so a slow download slows the reading instead of filling memory. */
  rows: AsyncIterable<Row>;
}

export function columnWidth(column: Pick<ExportColumn<unknown>, 'type' | 'width'>): number {
  if (column.width !== undefined) return column.width;
  return { text: 20, money: 16, date: 12, instant: 22, integer: 10 }[column.type];
}

const decimalPattern = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * An exact decimal string as a spreadsheet number, when that number shows the same amount: a double holds
 * every integer up to 2^53 exactly, so an amount of at most 2^53 minor units, displayed with the currency's
 * decimals, reads back to the fen. Bigger amounts (over 90 trillion yuan) stay text rather than lose digits.
 */
export function moneyAsNumber(decimal: string): number | null {
  const match = decimalPattern.exec(decimal);
  if (!match) return null;
  // Up to 15 digits is below 2^53 whatever the decimals: no BigInt needed (the common case, once per money cell).
  if (match[2]!.length + (match[3]?.length ?? 0) <= 15) return Number(decimal);
  const minor = BigInt(`${match[2]}${match[3] ?? ''}`);
  return minor <= 2n ** 53n ? Number(decimal) : null;
}

/** An exact decimal string grouped for reading ("-1234567.50" → "-1,234,567.50"); the digits are unchanged. */
export function groupedAmount(decimal: string): string {
  const match = decimalPattern.exec(decimal);
  if (!match) return decimal;
  const whole = match[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${match[1]}${whole}${match[3] === undefined ? '' : `.${match[3]}`}`;
}

/** The spreadsheet number format of an amount in this currency: thousands separators and its decimals. */
export function moneyNumberFormat(currency: string): string {
  const decimals = currencyExponent(currency);
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

/** A business date as the UTC midnight spreadsheets count days from (no time zone can shift the day). */
export function dateAsUtc(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

/**
 * Content-Disposition for a download: a plain ASCII fallback for old clients and the real (Chinese) name
 * as RFC 5987 UTF-8, which every current browser prefers.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** "收款-2026-11-27.xlsx": the table's title in the chosen language and the day it was made. */
export function exportFilename(title: string, format: ExportFormat, day: string): string {
  // Characters no file system takes (and control characters) become "_".
  const safe = [...title].map((ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').slice(0, 80);
  return `${safe}-${day}.${format}`;
}

export const exportContentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

import { csvCell } from '../../../src/core/csv.js';

export { csvCell };

/** CSV of what a list shows; pure, so the server's tests can check it. */
export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
  /** Amount columns become numbers with a fixed number of decimals in XLSX (exact: decimal strings). */
  kind?: 'text' | 'amount' | 'date';
  /** Decimals of an amount column (the currency's exponent; 2 unless told). */
  decimals?: number;
}

export function toCsv<T>(columns: ExportColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvCell(c.title)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  // A byte-order mark, so Excel opens UTF-8 Chinese text correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

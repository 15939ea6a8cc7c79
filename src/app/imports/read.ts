import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { ImportKind } from '../schema.js';
import { mapHeader } from './columns.js';

export type ImportFormat = 'csv' | 'xlsx';
export type ImportEncoding = 'auto' | 'utf-8' | 'gbk';

/** One data row: its number as the spreadsheet shows it (the header is row 1), cells by column key as text. */
export interface FileRow {
  row: number;
  cells: Record<string, string>;
}

export interface ParsedFile {
  /** Column key → the header as the file writes it (errors name columns this way). */
  headerOf: Record<string, string>;
  rows: FileRow[];
}

/**
 * Reads an uploaded file into rows of text cells. Structure only: a file that is not CSV/XLSX, has unbalanced
 * quotes, lacks a required column or has too many rows is refused whole (import_malformed / import_too_large);
 * what each cell says is judged later, row by row.
 */
export async function readImportFile(kind: ImportKind, format: ImportFormat, bytes: Buffer, encoding: ImportEncoding = 'auto'): Promise<ParsedFile> {
  if (bytes.length > limits.importBytesMax) throw new KxError('import_too_large', `the file is ${bytes.length} bytes; at most ${limits.importBytesMax} are accepted`);
  const grid = format === 'csv' ? csvGrid(decodeText(bytes, encoding)) : await xlsxGrid(bytes);
  const headerIndex = grid.findIndex((r) => r.cells.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw new KxError('import_malformed', 'the file is empty: it needs a header row and at least one data row');
  const { keyAt, headerOf } = mapHeader(kind, grid[headerIndex]!.cells);
  const rows: FileRow[] = [];
  for (const line of grid.slice(headerIndex + 1)) {
    if (line.cells.every((c) => c.trim() === '')) continue;
    const cells: Record<string, string> = {};
    line.cells.forEach((value, index) => {
      const key = keyAt[index];
      if (key !== undefined) cells[key] = value.trim();
    });
    rows.push({ row: line.row, cells });
  }
  if (rows.length === 0) throw new KxError('import_malformed', 'the file has a header row but no data rows');
  if (rows.length > limits.importRowsMax) throw new KxError('import_too_large', `the file has ${rows.length} data rows; at most ${limits.importRowsMax} per import`);
  return { headerOf, rows };
}

/**
 * CSV text: a BOM says UTF-8; 'auto' takes the bytes as UTF-8 when they are valid UTF-8 and as GBK (what
 * Excel on Chinese Windows saves) otherwise — GBK text is almost never valid UTF-8, so the guess is safe.
 */
export function decodeText(bytes: Buffer, encoding: ImportEncoding): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'gbk') return iconv.decode(bytes, 'gbk');
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    if (encoding === 'utf-8' || bom) throw new KxError('import_malformed', 'the file is not valid UTF-8 (say encoding=gbk if it was saved as GBK)');
    return iconv.decode(bytes, 'gbk');
  }
}

interface GridRow {
  row: number;
  cells: string[];
}

function csvGrid(text: string): GridRow[] {
  let records: string[][];
  try {
    // Empty lines are kept (and skipped later) so that a record's position is its row number in a spreadsheet.
    records = parseCsv(text, {
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: 1_048_576,
      delimiter: sniffDelimiter(text),
    }) as string[][];
  } catch (error) {
    const e = error as { code?: string; message?: string; lines?: number };
    throw new KxError('import_malformed', `the CSV cannot be read${e.lines ? ` (near line ${e.lines})` : ''}: ${e.message ?? 'malformed'}`, { details: { parser: e.code ?? null } });
  }
  if (records.length > limits.importRowsMax + 1_000) throw new KxError('import_too_large', `the file has more than ${limits.importRowsMax} rows`);
  return records.map((cells, index) => ({ row: index + 1, cells }));
}

/** Comma unless the header line has more semicolons or tabs (European Excel saves with ';'). */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (ch: string) => first.split(ch).length - 1;
  const candidates = [',', ';', '\t'].map((d) => [d, count(d)] as const).sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

async function xlsxGrid(bytes: Buffer): Promise<GridRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new KxError('import_malformed', `the file is not a readable XLSX workbook: ${(error as Error).message.slice(0, 200)}`);
  }
  // The template's first sheet holds the data; a second sheet explains the columns.
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new KxError('import_malformed', 'the workbook has no sheet');
  if (sheet.rowCount > limits.importRowsMax + 1_000) throw new KxError('import_too_large', `the sheet has ${sheet.rowCount} rows; at most ${limits.importRowsMax} data rows per import`);
  const grid: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    grid.push({ row: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return grid;
}

/**
 * A typed XLSX cell as the text the row checks read. A number becomes its shortest exact decimal form
 * (1234.5 → "1234.5", judged later against the currency's decimals; a binary fraction such as
 * 0.30000000000000004 shows all its digits and is refused, never rounded). A date cell becomes YYYY-MM-DD:
 * Excel stores wall-clock dates, which exceljs hands over as that instant in UTC.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return '';
  if ('text' in value) return typeof value.text === 'string' ? value.text : '';
  if ('error' in value) return String(value.error);
  return '';
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const text = String(n);
  if (!/e/i.test(text)) return text;
  // Exponent form: an integer within the exact range is written out; anything else stays as is (and fails its check).
  return Number.isSafeInteger(n) ? BigInt(n).toString() : text;
}

import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { columnWidth, dateAsUtc, moneyAsNumber, moneyNumberFormat, type ExportColumn, type ExportLanguage, type ExportTable } from '../../core/export/table.js';
import { roomIn, rowsPerBatch } from './backpressure.js';

/**
 * The table as XLSX through exceljs's streaming WorkbookWriter: each row is committed (written to the zip) as
 * it comes, inline strings instead of a shared-strings table (which would grow with the file), styles for the
 * number formats. Cells are typed: money a number with its currency's decimals as the format (exact for up to
 * 2^53 minor units, text beyond: see moneyAsNumber), dates real dates, counts numbers, the rest text.
 */
export function xlsxStream<Row>(table: ExportTable<Row>, language: ExportLanguage): Readable {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  void write(table, language, out).catch((error: unknown) => out.destroy(error as Error));
  return out;
}

async function write<Row>(table: ExportTable<Row>, language: ExportLanguage, out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(table.title[language]), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ key: c.key, header: c.title[language], width: columnWidth(c) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const row of table.rows) {
    const added = sheet.addRow(table.columns.map((c) => cellOf(c, row)));
    table.columns.forEach((c, i) => (added.getCell(i + 1).style = styleOf(c, row)));
    added.commit();
    if (++count % rowsPerBatch === 0) await roomIn(out);
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * One style object per number format, shared by every cell that has it: exceljs remembers the style id of a
 * style object it has seen (a WeakMap) and otherwise serialises the style to find its twin — per cell, that
 * was most of the time of a large export.
 */
const styles = new Map<string, Partial<ExcelJS.Style>>();
function shared(numFmt: string): Partial<ExcelJS.Style> {
  let style = styles.get(numFmt);
  if (!style) styles.set(numFmt, (style = numFmt ? { numFmt } : {}));
  return style;
}

function styleOf<Row>(column: ExportColumn<Row>, row: Row): Partial<ExcelJS.Style> {
  if (column.type === 'money' && column.currency) return shared(moneyNumberFormat(column.currency(row)));
  if (column.type === 'date') return shared('yyyy-mm-dd');
  if (column.type === 'integer') return shared('0');
  return shared('');
}

function cellOf<Row>(column: ExportColumn<Row>, row: Row): ExcelJS.CellValue {
  const value = column.value(row);
  if (value === null || value === '') return null;
  if (typeof value === 'number') return value;
  if (column.type === 'money') return moneyAsNumber(value) ?? value;
  if (column.type === 'date') return dateAsUtc(value) ?? value;
  if (column.type === 'integer' && /^-?\d{1,15}$/.test(value)) return Number(value);
  // Text stays text: a cell value starting with "=" is a string here, never a formula (exceljs writes
  // formulas only from { formula } objects), so XLSX needs no CSV-style neutralising.
  return value;
}

/** Excel's rules for a sheet name: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

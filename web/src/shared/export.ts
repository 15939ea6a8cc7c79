/**
 * Export of what a list shows: the same columns, the same filters, every page of them (up to a bound), as CSV
 * or XLSX. Values are exported as text as displayed by the column's `exportValue`, amounts as exact decimals.
 */
import type { ExportColumn } from './csv';

export { csvCell, toCsv, type ExportColumn } from './csv';


export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function toXlsx<T>(sheetName: string, columns: ExportColumn<T>[], rows: T[]): Promise<Blob> {
  // exceljs is large: fetched only when someone exports.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1');
  sheet.columns = columns.map((c) => ({ header: c.title, width: Math.max(12, Math.min(40, c.title.length * 2 + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const value = c.value(row);
        if (c.kind === 'amount' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
          // Amounts above 2^53 minor units would lose digits as numbers: keep those as text.
          const digits = value.replace(/[-.]/g, '');
          return digits.length <= 15 ? Number(value) : value;
        }
        return value ?? '';
      }),
    );
  }
  columns.forEach((c, i) => {
    if (c.kind === 'amount') sheet.getColumn(i + 1).numFmt = (c.decimals ?? 2) === 0 ? '#,##0' : `#,##0.${'0'.repeat(c.decimals ?? 2)}`;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

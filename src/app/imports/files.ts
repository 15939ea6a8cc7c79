import ExcelJS from 'exceljs';
import { csvCell } from '../../core/csv.js';
import type { ImportKind, ImportRowError } from '../schema.js';
import { columnsByKind, headerLabel, type ColumnSpec } from './columns.js';

/**
 * What the server writes as files for imports: the templates (CSV and XLSX) and the error report.
 */

function csv(lines: (string | number | null)[][]): string {
  // A byte-order mark, so Excel opens UTF-8 Chinese text correctly.
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function errorsCsv(errors: readonly ImportRowError[]): string {
  return csv([['行 / row', '列 / column', '代码 / code', '说明 / message'], ...errors.map((e) => [e.row, e.column, e.code, e.message])]);
}

export function templateCsv(kind: ImportKind): string {
  const columns = columnsByKind[kind];
  return csv([columns.map(headerLabel), columns.map((c) => c.example)]);
}

/**
 * The XLSX template: a data sheet whose header marks required columns, with an example row in typed cells
 * (dates as dates, amounts as numbers with the currency's two decimals, codes as text so Excel keeps leading
 * zeros), and a sheet explaining every column.
 */
export async function templateXlsx(kind: ImportKind): Promise<Buffer> {
  const columns = columnsByKind[kind];
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('数据 data');
  data.columns = columns.map((c) => ({ header: headerLabel(c), key: c.key, width: Math.max(14, headerLabel(c).length + 4), style: styleOf(c) }));
  data.getRow(1).font = { bold: true };
  columns.forEach((c, index) => {
    if (c.required) data.getRow(1).getCell(index + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  data.addRow(Object.fromEntries(columns.map((c) => [c.key, typedExample(c)])));
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const help = workbook.addWorksheet('说明 help');
  help.columns = [
    { header: '列 / column', key: 'column', width: 28 },
    { header: '必填 / required', key: 'required', width: 14 },
    { header: '类型 / type', key: 'type', width: 12 },
    { header: '说明', key: 'zh', width: 60 },
    { header: 'meaning', key: 'en', width: 60 },
    { header: '示例 / example', key: 'example', width: 20 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    help.addRow({ column: headerLabel(c), required: c.required ? '是 / yes' : '否 / no', type: c.type, zh: c.noteZh, en: c.noteEn, example: c.example });
  }
  help.addRow({});
  help.addRow({ column: '表头可写中文名、英文名或“中文 / english”；标 * 的列必填。', zh: '导入先逐行校验，再选择“全部或不导入”或“只导入有效行”。' });
  help.addRow({ column: 'Headers may be the Chinese name, the English name or both; * marks a required column.', en: 'Every row is validated first; then import all or nothing, or the valid rows only.' });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function styleOf(c: ColumnSpec): Partial<ExcelJS.Style> {
  if (c.type === 'date') return { numFmt: 'yyyy-mm-dd' };
  if (c.type === 'amount') return { numFmt: '#,##0.00' };
  return { numFmt: '@' };
}

function typedExample(c: ColumnSpec): string | number | Date | null {
  if (c.example === '') return null;
  if (c.type === 'date') return new Date(`${c.example}T00:00:00Z`);
  if (c.type === 'amount') return Number(c.example);
  return c.example;
}

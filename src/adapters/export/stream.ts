import type { Readable } from 'node:stream';
import type { ExportFormat, ExportLanguage, ExportTable } from '../../core/export/table.js';
import { csvStream } from './csv.js';
import { pdfStream } from './pdf.js';
import { xlsxStream } from './xlsx.js';

/** A table written in the asked format by its writer (the subtitle is printed under a PDF's title only). */
export function tableStream<Row>(table: ExportTable<Row>, format: ExportFormat, language: ExportLanguage, subtitle: string): Readable {
  return format === 'csv' ? csvStream(table, language) : format === 'xlsx' ? xlsxStream(table, language) : pdfStream(table, language, subtitle);
}

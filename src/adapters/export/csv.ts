import { Readable } from 'node:stream';
import { csvCell } from '../../core/csv.js';
import type { ExportLanguage, ExportTable } from '../../core/export/table.js';

/** Lines gathered into one chunk: fewer, larger writes than one per row, still small next to the socket's buffer. */
const chunkBytesTarget = 64 * 1024;

/**
 * The table as CSV: UTF-8 with a byte-order mark (so Excel reads Chinese right), CRLF lines, every cell through
 * csvCell (formula injection), amounts as the exact decimal strings the API uses. Readable.from pulls the next
 * chunk only when the consumer has taken the last one: backpressure reaches back to the database reads.
 */
export function csvStream<Row>(table: ExportTable<Row>, language: ExportLanguage): Readable {
  async function* lines(): AsyncGenerator<string> {
    let chunk = `\uFEFF${table.columns.map((c) => csvCell(c.title[language])).join(',')}\r\n`;
    for await (const row of table.rows) {
      chunk += `${table.columns.map((c) => csvCell(c.value(row))).join(',')}\r\n`;
      if (chunk.length >= chunkBytesTarget) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines(), { objectMode: false });
}

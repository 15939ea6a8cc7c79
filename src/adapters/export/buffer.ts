import { KxError } from '../../core/errors.js';
import type { ExportLanguage, ExportTable } from '../../core/export/table.js';
import { limits } from '../../core/limits.js';
import type { DeliveryFormat } from '../../core/reports/templates.js';
import { tableStream } from './stream.js';

/**
 * A table written by the export writers into memory, for a file that is stored rather than downloaded (a
 * scheduled report's delivery). Bounded: past reportDeliveryFileBytesMax the writer is stopped and the file
 * refused, never cut short.
 */
export async function renderToBuffer<Row>(table: ExportTable<Row>, format: DeliveryFormat, language: ExportLanguage, subtitle: string): Promise<Buffer> {
  const stream = tableStream(table, format, language, subtitle);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    bytes += buffer.length;
    if (bytes > limits.reportDeliveryFileBytesMax) {
      stream.destroy();
      throw new KxError('export_too_large', `the file is larger than ${limits.reportDeliveryFileBytesMax} bytes: narrow the report`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

import { once } from 'node:events';
import type { PassThrough } from 'node:stream';

/**
 * Waits while the download is behind: the writers (exceljs, pdfkit) push bytes without asking, so after each
 * batch of rows they wait here until the socket has taken what is buffered. Memory then holds about one batch
 * plus the stream's high-water mark, however many rows the export has.
 */
export async function roomIn(out: PassThrough): Promise<void> {
  if (out.destroyed) throw new Error('the download was closed');
  if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
  // Let compression and piping run before the next batch is produced.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (out.destroyed) throw new Error('the download was closed');
}

/** Rows written between two waits. */
export const rowsPerBatch = 200;

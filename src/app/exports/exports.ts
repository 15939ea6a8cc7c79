import type { Kysely } from 'kysely';
import type { AuditValue } from '../../core/audit/chain.js';
import { maskSensitiveFields } from '../../core/auth/masking.js';
import { KxError } from '../../core/errors.js';
import type { ExportFormat, ExportLanguage, ExportTable } from '../../core/export/table.js';
import { limits } from '../../core/limits.js';
import { can, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { newId } from '../ids.js';
import type { Page } from '../pagination.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { exportSources, type ExportSource, type ExportSourceName } from './sources.js';

/**
 * An export of a list: checked (permission, filters, size) and audited before its first byte is written, then
 * its rows are read page by page as the download takes them. Exporting needs the list's own permission and
 * data.export, so a role can read a list on screen yet be refused bulk copies of it (the built-in sales role).
 */
export interface PreparedExport<Row> {
  table: ExportTable<Row>;
  /** Items the filters selected when the export started (rows can be more: a customer has one per currency). */
  itemCount: number;
}

export type ExportRequest = { source: ExportSourceName; format: ExportFormat; language: ExportLanguage; filter: Record<string, unknown> };

export function exportRowsMaxFor(format: ExportFormat): number {
  return format === 'pdf' ? limits.exportPdfRowsMax : limits.exportRowsMax;
}

/** `max` is the format's bound; a test passes a small one rather than seed 200,000 rows. */
export async function prepareExport(db: Kysely<DB>, actor: Actor, request: ExportRequest, max = exportRowsMaxFor(request.format)): Promise<PreparedExport<unknown>> {
  const source = exportSources[request.source] as unknown as ExportSource<Record<string, unknown>, unknown, unknown>;
  requirePermission(actor, source.permission);
  requirePermission(actor, 'data.export');
  // Counting runs the list's filters: a bad filter is refused here, before anything is written.
  const itemCount = await source.count(db, actor, request.filter, max + 1);
  if (itemCount > max) {
    throw new KxError('export_too_large', `the filters select more than ${max} records; a ${request.format.toUpperCase()} export holds at most ${max}: narrow the filters (a date range, a status)`, {
      details: { rowsMax: max, format: request.format },
    });
  }
  await inTransaction(db, (trx) => appendAudit(trx, actor, {
    action: 'export.created',
    entityType: 'export',
    entityId: newId(),
    after: { source: request.source, format: request.format, language: request.language, filters: request.filter as AuditValue, rowCount: itemCount },
  }));
  return { itemCount, table: { title: source.title, columns: source.columns, rows: rowsOf(db, actor, source, request.filter, max) } };
}

/**
 * The list's pages one after another (keyset cursors: a record is never listed twice, one written meanwhile
 * may or may not appear), each item masked for someone without sensitive.view: the payer's account number,
 * phones and e-mails by field name (core/auth/masking), as the audit view does.
 */
async function* rowsOf<Filter, Item, Row>(db: Kysely<DB>, actor: Actor, source: ExportSource<Filter, Item, Row>, filter: Filter, max: number): AsyncGenerator<Row> {
  const reveal = can(actor, 'sensitive.view');
  let count = 0;
  // The next page is read while this one is written out: the database and the writer work side by side.
  let next: Promise<Page<Item>> | undefined = source.page(db, actor, { ...filter, limit: limits.pageSizeMax });
  while (next) {
    const page: Page<Item> = await next;
    next = page.nextCursor === null ? undefined : source.page(db, actor, { ...filter, cursor: page.nextCursor, limit: limits.pageSizeMax });
    // A page read ahead that nobody waits for (the download was closed) must not become an unhandled rejection.
    next?.catch(() => undefined);
    for (const item of page.items) {
      if (count++ >= max) return;
      const shown = reveal ? item : (maskSensitiveFields(item as AuditValue) as Item);
      yield* source.rowsOf(shown);
    }
  }
}

import type { Kysely } from 'kysely';
import type { AuditValue } from '../../core/audit/chain.js';
import { maskSensitiveFields } from '../../core/auth/masking.js';
import { KxError } from '../../core/errors.js';
import type { ExportFormat, ExportLanguage, ExportTable } from '../../core/export/table.js';
import { reportTitles, resultTable, type ResultRow } from '../../core/reports/result-table.js';
import type { ReportKind } from '../../core/reports/templates.js';
import { can, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { exportRowsMaxFor } from '../exports/exports.js';
import { newId } from '../ids.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { runnerFor } from './runners.js';

/**
 * An export of a report's result (CSV, XLSX, PDF): the report run as the caller by the same function as its own
 * endpoint (their permissions and data scope, the same figures), turned into the table a scheduled delivery
 * holds (core/reports/result-table), checked against the format's row bound and audited (export.created) before
 * the first byte is written. Like the list exports it needs data.export on top of the report's own permission.
 *
 * The result is computed whole before anything is sent: a report is bounded already (pivotRowsMax and the
 * like answer report_too_large), so unlike a list it is not read page by page.
 */
export interface ReportExportRequest {
  kind: ReportKind;
  format: ExportFormat;
  language: ExportLanguage;
  /** The report's own input: the pivot's body, the other reports' query. */
  params: Record<string, unknown>;
}

export interface PreparedReportExport {
  table: ExportTable<ResultRow>;
  /** Rows of the file (the totals row included, as the file holds it). */
  rowCount: number;
}

/** `max` is the format's bound (no report can reach the PDF's 10,000 rows today: a test passes a small one). */
export async function prepareReportExport(db: Kysely<DB>, actor: Actor, request: ReportExportRequest, max = exportRowsMaxFor(request.format)): Promise<PreparedReportExport> {
  const runner = runnerFor(request.kind);
  requirePermission(actor, runner.permission);
  requirePermission(actor, 'data.export');
  // The report validates its own input (and refuses one too large) exactly as on its endpoint.
  const result = await runner.run(db, actor, request.params);
  // Report results name no payer accounts, phones or e-mails today; masking by field name keeps it so if one ever does.
  const shown = can(actor, 'sensitive.view') ? result : maskSensitiveFields(result as AuditValue);
  const { columns, rows } = resultTable(request.kind, shown, request.language);
  if (rows.length > max) {
    throw new KxError('export_too_large', `the report has ${rows.length} rows; a ${request.format.toUpperCase()} export holds at most ${max}: narrow the report or export CSV or XLSX`, {
      details: { rows: rows.length, rowsMax: max, format: request.format },
    });
  }
  await inTransaction(db, (trx) => appendAudit(trx, actor, {
    action: 'export.created',
    entityType: 'export',
    entityId: newId(),
    after: { source: 'report', kind: request.kind, format: request.format, language: request.language, params: request.params as AuditValue, rowCount: rows.length },
  }));
  return { rowCount: rows.length, table: { title: reportTitles[request.kind], columns, rows: rowsOf(rows) } };
}

async function* rowsOf(rows: ResultRow[]): AsyncGenerator<ResultRow> {
  yield* rows;
}

import { Type } from 'typebox';
import { prepareReportExport } from '../../../app/reports/export.js';
import type { ExportFormat, ExportLanguage } from '../../../core/export/table.js';
import { limits } from '../../../core/limits.js';
import type { ReportKind } from '../../../core/reports/templates.js';
import { tableStream } from '../../export/stream.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Format, Language, sendFile } from './exports.js';
import { PivotBody, reportQueries } from './reports.js';

const tags = ['reports', 'exports'];
const ExportQuery = { format: Format, lang: Type.Optional(Language) };
const audited = `needs data.export on top of the report's own permission; audited (export.created); PDF at most ${limits.exportPdfRowsMax} rows`;

/**
 * Exports of report results, one route per report beside the report's own, taking exactly the report's input
 * (the pivot's body, the others' query) plus format and lang: the same function, scope and figures as the
 * report, written by the same CSV/XLSX/PDF writers and answered with the same headers as the list exports.
 */
export async function reportExportRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  const send = async (kind: ReportKind, format: ExportFormat, lang: ExportLanguage | undefined, params: Record<string, unknown>, actor: ReturnType<typeof actorOf>, reply: Parameters<typeof sendFile>[0]) => {
    const language = lang ?? 'zh';
    const { table, rowCount } = await prepareReportExport(db, actor, { kind, format, language, params });
    const made = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const range = typeof params.from === 'string' && typeof params.to === 'string' ? `${params.from} – ${params.to} · ` : '';
    const stream = tableStream(table, format, language, language === 'zh' ? `${range}共 ${rowCount} 行 · 导出于 ${made} UTC` : `${range}${rowCount} rows · exported ${made} UTC`);
    return sendFile(reply, stream, format, table.title[language], rowCount);
  };

  app.post('/api/v1/reports/pivot/export', {
    schema: {
      tags,
      summary: `Export the pivot as CSV, XLSX or PDF: the body of POST /reports/pivot, the format in the query (${audited})`,
      querystring: Type.Object(ExportQuery, { additionalProperties: false }),
      body: PivotBody,
    },
  }, async (request, reply) => send('pivot', request.query.format, request.query.lang, request.body as Record<string, unknown>, actorOf(request), reply));

  for (const [kind, query] of Object.entries(reportQueries) as [Exclude<ReportKind, 'pivot'>, (typeof reportQueries)[keyof typeof reportQueries]][]) {
    app.get(`/api/v1/reports/${kind}/export`, {
      schema: {
        tags,
        summary: `Export the ${kind} report as CSV, XLSX or PDF: the query of GET /reports/${kind} plus format and lang (${audited})`,
        querystring: Type.Object({ ...ExportQuery, ...query.properties }, { additionalProperties: false }),
      },
    }, async (request, reply) => {
      const { format, lang, ...params } = request.query as { format: ExportFormat; lang?: ExportLanguage } & Record<string, unknown>;
      return send(kind, format, lang, params, actorOf(request), reply);
    });
  }
}

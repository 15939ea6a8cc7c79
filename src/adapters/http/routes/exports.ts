import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { Type, type TProperties } from 'typebox';
import { exportRowsMaxFor, prepareExport } from '../../../app/exports/exports.js';
import type { ExportSourceName } from '../../../app/exports/sources.js';
import { statementDocument } from '../../../app/exports/statement.js';
import { statementRangeDaysMax } from '../../../app/customer-statement.js';
import { contentDisposition, exportContentTypes, exportFilename, exportFormats, type ExportFormat, type ExportLanguage } from '../../../core/export/table.js';
import { limits } from '../../../core/limits.js';
import { statementPdf } from '../../export/statement-pdf.js';
import { tableStream } from '../../export/stream.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { CustomerListFilters } from './customers.js';
import { IdParams } from './money-common.js';
import { OrderListFilters } from './orders.js';
import { ReceiptListFilters } from './receipts.js';
import { RefundListFilters } from './refunds.js';

const tags = ['exports'];
export const Format = Type.Unsafe<ExportFormat>(Type.String({ enum: [...exportFormats], description: `csv (UTF-8 with BOM, formula-safe), xlsx (typed cells), pdf (at most ${limits.exportPdfRowsMax} rows)` }));
export const Language = Type.Unsafe<ExportLanguage>(Type.String({ enum: ['zh', 'en'], description: 'language of the column titles (default zh)' }));

const sources: Record<ExportSourceName, TProperties> = {
  receipts: ReceiptListFilters,
  orders: OrderListFilters,
  refunds: RefundListFilters,
  customers: CustomerListFilters,
};

/** What the download says it is: its type, a file name (Chinese kept through RFC 5987), never cached. */
export function sendFile(reply: FastifyReply, stream: Readable, format: ExportFormat, title: string, rows?: number) {
  reply.type(exportContentTypes[format]).header('content-disposition', contentDisposition(exportFilename(title, format, new Date().toISOString().slice(0, 10)))).header('cache-control', 'no-store');
  if (rows !== undefined) reply.header('x-export-rows', String(rows));
  return reply.send(stream);
}

/**
 * Exports of the lists (CSV, XLSX, PDF), with the list's own filters, data scope and masking, streamed as
 * they are read; and the customer statement as a PDF. Each is audited (export.created) before it starts.
 */
export async function exportRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  for (const [source, filters] of Object.entries(sources) as [ExportSourceName, TProperties][]) {
    app.get(`/api/v1/exports/${source}`, {
      schema: {
        tags,
        summary: `Export ${source} (the list's filters, scope and masking; needs data.export; at most ${exportRowsMaxFor('csv')} rows, audited)`,
        querystring: Type.Object({ format: Format, lang: Type.Optional(Language), ...filters }, { additionalProperties: false }),
      },
    }, async (request, reply) => {
      const { format, lang, ...filter } = request.query as { format: ExportFormat; lang?: ExportLanguage } & Record<string, unknown>;
      const language = lang ?? 'zh';
      const prepared = await prepareExport(db, actorOf(request), { source, format, language, filter });
      const { table } = prepared;
      const made = new Date().toISOString().slice(0, 16).replace('T', ' ');
      const stream = tableStream(table, format, language, language === 'zh' ? `共 ${prepared.itemCount} 条 · 导出于 ${made} UTC` : `${prepared.itemCount} records · exported ${made} UTC`);
      return sendFile(reply, stream, format, table.title[language], prepared.itemCount);
    });
  }

  app.get('/api/v1/customers/:id/statement.pdf', {
    schema: {
      tags: ['customers'],
      summary: 'The customer statement (对账单) as a PDF, every currency: opening balance, movements, totals, closing balance (audited)',
      params: IdParams,
      querystring: Type.Object({
        from: Type.Optional(Type.String({ maxLength: 10, description: 'first business date (default: the first of this month)' })),
        to: Type.Optional(Type.String({ maxLength: 10, description: `last business date (default: the end of that month); at most ${statementRangeDaysMax} days` })),
        lang: Type.Optional(Language),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const language = request.query.lang ?? 'zh';
    const document = await statementDocument(db, actorOf(request), request.params.id, { from: request.query.from, to: request.query.to, language });
    const { customer, from, to } = document.statements[0]!;
    return sendFile(reply, statementPdf(document, language), 'pdf', `${language === 'zh' ? '对账单' : 'statement'}-${customer.name}-${from}_${to}`);
  });
}

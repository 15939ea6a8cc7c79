import type { FastifyError } from 'fastify';
import { Type } from 'typebox';
import { commitImport, getImport, importErrors, listImports, runCommit, runValidation, startImport, type LiveProgress } from '../../../app/imports/jobs.js';
import { errorsCsv, templateCsv, templateXlsx } from '../../../app/imports/files.js';
import { requirePermission } from '../../../app/actor.js';
import { KxError } from '../../../core/errors.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { problemFromKxError, sendProblem } from '../problem.js';
import { IdempotencyHeaders, IdParams, PageQuery, sendOutcome, idempotencyKeyOf } from './money-common.js';

const tags = ['imports'];
const Kind = Type.Unsafe<'customers' | 'orders' | 'receipts'>(Type.String({ enum: ['customers', 'orders', 'receipts'] }));
const Format = Type.Unsafe<'csv' | 'xlsx'>(Type.String({ enum: ['csv', 'xlsx'] }));
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const RowError = Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() });
const Import = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Kind,
  format: Format,
  filename: Type.String(),
  status: Type.String({ enum: ['validating', 'validated', 'importing', 'done', 'failed'] }),
  mode: Type.Union([Type.String({ enum: ['all_or_nothing', 'valid_only'] }), Type.Null()]),
  totalRows: Type.Integer(),
  processedRows: Type.Integer({ description: 'rows validated (status validating) or written/skipped (status importing) so far' }),
  validRows: Type.Integer(),
  errorRows: Type.Integer(),
  importedRows: Type.Integer(),
  skippedRows: Type.Integer({ description: 'valid_only: valid rows the use case refused at commit (their problem is in errors)' }),
  errors: Type.Array(RowError, { description: `the first ${limits.importErrorsListedMax} problems in row order; all of them in errors.csv` }),
  errorCount: Type.Integer(),
  failure: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  createdAt: Type.String(),
  validatedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});

/**
 * The uploaded file, kept out of sight of the generic request checks: the API's preHandler walks every
 * enumerable property of a body looking for unstorable text, which over a Buffer would be one entry per byte.
 */
class RawUpload {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

const uploadTypes = ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel'];

/**
 * Spreadsheet import (data.import). Jobs run in this process in the background, one at a time (validation
 * and commits compete with requests for the same cores and, on PGlite, the one connection).
 */
export async function importRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  const live: LiveProgress = new Map();
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => app.log.error({ err: error }, 'import job failed'));
  };
  app.addHook('onClose', async () => queue);

  // A scope of its own: the raw-body parsers and the 413 answer concern these routes only.
  await app.register(async (scope: KxApp) => {
    scope.addContentTypeParser(uploadTypes, { parseAs: 'buffer', bodyLimit: limits.importBytesMax }, (_request, body, done) => done(null, new RawUpload(body as Buffer)));
    scope.setErrorHandler((error: FastifyError, _request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendProblem(reply, problemFromKxError(new KxError('import_too_large', `an import file has at most ${limits.importBytesMax} bytes`)));
      }
      throw error;
    });

    scope.post('/api/v1/imports', {
      bodyLimit: limits.importBytesMax,
      // Who may not import hears so before anything about their file or query is checked.
      preValidation: async (request) => requirePermission(actorOf(request), 'data.import'),
      schema: {
        tags,
        summary: 'Upload a CSV or XLSX file to import (the raw file as the body); answers 202 with the job, validated in the background',
        headers: IdempotencyHeaders,
        querystring: Type.Object({
          kind: Kind,
          format: Format,
          filename: Type.Optional(Type.String({ maxLength: 255 })),
          encoding: Type.Optional(Type.String({ enum: ['auto', 'utf-8', 'gbk'], default: 'auto', description: 'CSV only: auto = UTF-8 when valid, else GBK' })),
        }),
        response: { 202: Import },
      },
    }, async (request, reply) => {
      const actor = actorOf(request);
      if (!(request.body instanceof RawUpload)) throw new KxError('import_malformed', `send the file itself as the body, with Content-Type ${uploadTypes.join(' or ')}`);
      const { kind, format, filename = '', encoding = 'auto' } = request.query;
      const { outcome, parsed } = await startImport(db, actor, { kind, format, filename, encoding: encoding as 'auto' | 'utf-8' | 'gbk', bytes: request.body.bytes }, idempotencyKeyOf(request));
      if (parsed) enqueue(() => runValidation(db, actor, outcome.body.id, kind, parsed));
      return sendOutcome(reply, outcome);
    });
  });

  app.get('/api/v1/imports/templates/:kind', {
    schema: { tags, summary: 'A template to fill in: headers in Chinese and English, an example row; XLSX explains each column', params: Type.Object({ kind: Kind }), querystring: Type.Object({ format: Type.Optional(Format) }) },
  }, async (request, reply) => {
    requirePermission(actorOf(request), 'data.import');
    const { kind } = request.params;
    if (request.query.format === 'xlsx') {
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${kind}-template.xlsx"`).send(await templateXlsx(kind));
    }
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${kind}-template.csv"`).send(templateCsv(kind));
  });

  app.get('/api/v1/imports', {
    schema: { tags, summary: 'Your imports, newest first', querystring: Type.Object(PageQuery), response: { 200: Type.Object({ items: Type.Array(Import), nextCursor: Nullable(Type.String()) }) } },
  }, async (request) => listImports(db, actorOf(request), request.query, live));

  app.get('/api/v1/imports/:id', {
    schema: { tags, summary: 'One import: status and progress', params: IdParams, response: { 200: Import } },
  }, async (request) => getImport(db, actorOf(request), request.params.id, live));

  app.get('/api/v1/imports/:id/errors.csv', {
    schema: { tags, summary: 'Every problem of an import as CSV (row, column, code, message); cells are safe from formula injection', params: IdParams },
  }, async (request, reply) => {
    const { errors } = await importErrors(db, actorOf(request), request.params.id);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${request.params.id}-errors.csv"`).send(errorsCsv(errors));
  });

  app.post('/api/v1/imports/:id/commit', {
    schema: {
      tags,
      summary: 'Import a validated file: all_or_nothing (refused when any row has errors; one transaction) or valid_only (each record on its own); 202, runs in the background',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: Type.Object({ mode: Type.String({ enum: ['all_or_nothing', 'valid_only'] }) }, { additionalProperties: false }),
      response: { 202: Import },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const outcome = await commitImport(db, actor, request.params.id, request.body.mode as 'all_or_nothing' | 'valid_only', idempotencyKeyOf(request));
    if (!outcome.replayed) enqueue(() => runCommit(db, actor, request.params.id, live));
    return sendOutcome(reply, outcome);
  });
}

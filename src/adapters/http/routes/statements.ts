import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requirePermission } from '../../../app/actor.js';
import { importStatements, sha256Hex } from '../../../app/statements/import.js';
import { createMapping, deleteMapping, getMapping, listMappings, updateMapping } from '../../../app/statements/mappings.js';
import { acceptSuggestions, ignoreLine, matchLine, rematchStatement, unmatchLine } from '../../../app/statements/match.js';
import { getLine, getStatement, lineCandidates, listLines, listStatements } from '../../../app/statements/views.js';
import { tenantRules } from '../../../app/receivables/common.js';
import { limits } from '../../../core/limits.js';
import { parallelMatcher } from '../../matching/parallel.js';
import { parseStatement, validateMapping, type ColumnMapping } from '../../statements/index.js';
import { presets } from '../../statements/presets.js';
import { dateFormats, delimiters } from '../../statements/tabular.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Amount, IdempotencyHeaders, IdParams, idempotencyKeyOf, NullableString, NullableUuid, PageQuery, ReasonBody, sendOutcome, Uuid, decimalsAreStrings } from './money-common.js';

const tags = ['reconciliation'];
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...values] }));
const Format = oneOf(['auto', 'camt053', 'mt940', 'mt942', 'csv', 'xlsx', 'alipay_csv', 'wechat_csv'] as const);
const LineStatus = oneOf(['unmatched', 'suggested', 'matched', 'ignored'] as const);
const Warning = Type.Object({ code: Type.String(), message: Type.String(), position: Type.Optional(Type.Integer()), details: Type.Optional(Type.Record(Type.String(), Type.String())) });
const Statement = Type.Object({
  id: Uuid, number: Type.String({ description: 'ST-YYYY-nnnnnn' }), format: Type.String(), statementRef: Type.String(), accountId: Type.String(), currency: Type.String(),
  openingBalance: NullableString, closingBalance: NullableString, fromDate: NullableString, toDate: NullableString, filename: Type.String(),
  lineCount: Type.Integer(), newLines: Type.Integer({ description: 'lines not seen before for this account' }), duplicateLines: Type.Integer({ description: 'lines imported before (recognised by fingerprint) and skipped' }),
  warnings: Type.Array(Warning),
  counts: Type.Object({ unmatched: Type.Integer(), suggested: Type.Integer(), matched: Type.Integer(), ignored: Type.Integer() }),
  importedBy: NullableUuid, importedAt: Type.String(),
});
const Line = Type.Object({
  id: Uuid, statementId: Uuid, position: Type.Integer(), bookingDate: Type.String(), valueDate: NullableString,
  amount: Type.String({ description: 'signed decimal string: + money in, − money out' }), currency: Type.String(),
  counterpartyName: Type.String(), counterpartyAccount: Type.String(), bankRef: Type.String(), endToEndRef: Type.String(), description: Type.String(),
  status: LineStatus, statusReason: NullableString, bestScore: Type.Union([Type.Integer(), Type.Null()]), customerId: NullableUuid,
  matchedReceipts: Type.Array(Type.Object({ id: Uuid, number: Type.String(), amount: Type.String() })),
  matchedBy: NullableUuid, matchedAt: NullableString,
});
const Signal = Type.Object({ kind: Type.String(), weight: Type.Number(), detail: Type.String() });
const Candidate = Type.Object({
  score: Type.Number(), customerId: Uuid, customerName: Type.String(), signals: Type.Array(Signal), lineIds: Type.Array(Uuid),
  items: Type.Array(Type.Object({ kind: oneOf(['receipt', 'instalment'] as const), id: Uuid, number: Type.String(), amount: Type.String(), currency: Type.String(), dueDate: NullableString, open: Type.Boolean() })),
});
const MatchBody = Type.Object({
  customerId: Type.Optional(Uuid),
  items: Type.Array(Type.Object({ kind: oneOf(['receipt', 'instalment'] as const), id: Uuid, amount: Type.Optional(Amount) }, { additionalProperties: false }), { maxItems: limits.statementMatchItemsMax }),
}, { additionalProperties: false });
const ColumnName = Type.String({ description: 'header name, or 1-based column number as text' });
/** A saved definition as validateMapping admits it: every field it knows (the serializer drops any other). */
const MappingDefinition = Type.Object({
  name: Type.Optional(Type.String()),
  preset: Type.Optional(oneOf(presets.map((p) => p.id))),
  encoding: Type.Optional(oneOf(['auto', 'utf-8', 'gbk'] as const)),
  skipRows: Type.Optional(Type.Integer({ description: 'lines before the header row; absent: the header is found among the first rows' })),
  delimiter: Type.Optional(oneOf(delimiters)),
  columns: Type.Object({
    bookingDate: Type.Optional(ColumnName), valueDate: Type.Optional(ColumnName), amount: Type.Optional(ColumnName), credit: Type.Optional(ColumnName),
    debit: Type.Optional(ColumnName), direction: Type.Optional(ColumnName), currency: Type.Optional(ColumnName), counterpartyName: Type.Optional(ColumnName),
    counterpartyAccount: Type.Optional(ColumnName), bankRef: Type.Optional(ColumnName), endToEndRef: Type.Optional(ColumnName),
    description: Type.Optional(Type.Union([ColumnName, Type.Array(ColumnName)], { description: 'one column, or several whose texts are joined' })),
    balance: Type.Optional(ColumnName),
  }),
  dateFormat: Type.Optional(oneOf(dateFormats)),
  defaultCurrency: Type.Optional(Type.String()),
  decimalSeparator: Type.Optional(oneOf(['.', ','] as const)),
});
const Mapping = Type.Object({ id: Uuid, name: Type.String(), definition: MappingDefinition, createdAt: Type.String(), updatedAt: Type.String() });
/**
 * The app keeps a definition as plain JSON; only what validateMapping returned is ever stored (create and update
 * below), so it is a ColumnMapping.
 */
const mappingOut = <M extends { definition: Record<string, unknown> }>(mapping: M) => ({ ...mapping, definition: mapping.definition as unknown as ColumnMapping });
/** definition: any object here, so validateMapping can answer every problem at once with mapping_invalid and its fields. */
const MappingBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: limits.nameCharsMax }), definition: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false });
const Page = <T extends ReturnType<typeof Type.Object>>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: NullableString });

/** Who may not reconcile hears so before anything about their file or mapping is checked. */
async function mayReconcile(request: FastifyRequest): Promise<void> {
  requirePermission(actorOf(request), 'reconciliation.manage');
}

/** Bank statements and reconciliation (issue 6 §3–4). */
export async function statementRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  const suggest = parallelMatcher();

  // The upload takes the file itself as the body (any content type, as bytes): its own scope, so the raw
  // parser and the larger body limit apply to this route only.
  await app.register(async (upload) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.statementBytesMax }, (_request, body, done) => done(null, body));
    (upload as KxApp).post('/api/v1/statements', {
      bodyLimit: limits.statementBytesMax,
      preValidation: mayReconcile,
      schema: {
        tags,
        summary: 'Import a bank statement file (CAMT.053, MT940/MT942, CSV/XLSX with a column mapping, Alipay/WeChat Pay bill exports): the file is the body',
        headers: IdempotencyHeaders,
        querystring: Type.Object({
          format: Type.Optional(Format),
          encoding: Type.Optional(oneOf(['auto', 'utf-8', 'gbk'] as const)),
          mappingId: Type.Optional(Uuid),
          filename: Type.Optional(Type.String({ maxLength: 255 })),
          currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3, description: 'for files that do not say (CSV without a currency column); default the tenant’s base currency' })),
        }),
        response: { 201: Type.Object({ items: Type.Array(Statement) }) },
      },
    }, async (request, reply) => {
      const actor = actorOf(request);
      const bytes = request.body as Buffer | undefined ?? Buffer.alloc(0);
      const mapping = request.query.mappingId === undefined ? undefined : validateMapping((await getMapping(db, actor, request.query.mappingId, 'mappingId')).definition);
      const defaultCurrency = request.query.currency ?? (await tenantRules(db, actor.tenantId)).baseCurrency;
      const statements = await parseStatement(new Uint8Array(bytes), {
        format: request.query.format ?? 'auto', encoding: request.query.encoding ?? 'auto', defaultCurrency,
        ...(mapping ? { mapping } : {}), ...(request.query.filename !== undefined ? { filename: request.query.filename } : {}),
      });
      const outcome = await importStatements(db, actor, { statements, fileSha256: sha256Hex(bytes), filename: request.query.filename ?? '' }, idempotencyKeyOf(request), suggest);
      return sendOutcome(reply, outcome);
    });
  });

  app.get('/api/v1/statements', {
    schema: { tags, summary: 'Imported statements, newest first', querystring: Type.Object({ accountId: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery }), response: { 200: Page(Statement) } },
  }, async (request) => listStatements(db, actorOf(request), request.query));

  app.get('/api/v1/statements/:id', {
    schema: { tags, summary: 'One statement with its checks and line counts per status', params: IdParams, response: { 200: Statement } },
  }, async (request) => getStatement(db, actorOf(request), request.params.id));

  app.get('/api/v1/statements/:id/lines', {
    schema: { tags, summary: 'A statement’s lines in file order', params: IdParams, querystring: Type.Object({ status: Type.Optional(LineStatus), ...PageQuery }), response: { 200: Page(Line) } },
  }, async (request) => listLines(db, actorOf(request), request.params.id, request.query));

  app.post('/api/v1/statements/:id/accept', {
    preValidation: decimalsAreStrings,
    schema: {
      tags, summary: 'Accept every unambiguous suggestion scoring at least minScore (each line its own match; failures listed)', params: IdParams, headers: IdempotencyHeaders,
      body: Type.Object({ minScore: Type.Integer({ minimum: 0, maximum: 100 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ accepted: Type.Integer(), skipped: Type.Array(Type.Object({ lineId: Uuid, position: Type.Integer(), reason: Type.String() })) }) },
    },
  }, async (request) => {
    await getStatement(db, actorOf(request), request.params.id);
    return acceptSuggestions(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request));
  });

  app.post('/api/v1/statements/:id/rematch', {
    schema: { tags, summary: 'Match the open lines again against today’s open items', params: IdParams, response: { 200: Type.Object({ lines: Type.Integer(), suggested: Type.Integer() }) } },
  }, async (request) => {
    await getStatement(db, actorOf(request), request.params.id);
    return rematchStatement(db, actorOf(request), request.params.id, suggest);
  });

  app.get('/api/v1/statement-lines/:id', {
    schema: { tags, summary: 'One statement line', params: IdParams, response: { 200: Line } },
  }, async (request) => getLine(db, actorOf(request), request.params.id));

  app.get('/api/v1/statement-lines/:id/candidates', {
    schema: { tags, summary: 'The matcher’s suggestions for a line: score, the signals behind it in words, the items', params: IdParams, response: { 200: Type.Object({ items: Type.Array(Candidate) }) } },
  }, async (request) => lineCandidates(db, actorOf(request), request.params.id));

  app.post('/api/v1/statement-lines/:id/match', {
    preValidation: decimalsAreStrings,
    schema: {
      tags, summary: 'Accept a match: reconcile recorded receipts and/or record a confirmed receipt for open instalments (the rest to the advance)',
      params: IdParams, headers: IdempotencyHeaders, body: MatchBody, response: { 200: Line },
    },
  }, async (request, reply) => sendOutcome(reply, await matchLine(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/statement-lines/:id/ignore', {
    schema: { tags, summary: 'Mark a line as needing no match (bank fee, own transfer …), with the reason', params: IdParams, body: ReasonBody, response: { 200: Line } },
  }, async (request) => ignoreLine(db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/statement-lines/:id/unmatch', {
    schema: { tags, summary: 'Undo a match or an ignore (receipts it reconciled become open again; a receipt it recorded stays)', params: IdParams, body: ReasonBody, response: { 200: Line } },
  }, async (request) => unmatchLine(db, actorOf(request), request.params.id, request.body));

  app.get('/api/v1/statement-mappings', {
    schema: { tags, summary: 'Saved CSV/XLSX column mappings', response: { 200: Type.Object({ items: Type.Array(Mapping) }) } },
  }, async (request) => ({ items: (await listMappings(db, actorOf(request))).items.map(mappingOut) }));

  app.post('/api/v1/statement-mappings', {
    preValidation: mayReconcile,
    schema: { tags, summary: 'Save a column mapping (checked as the importer will read it)', body: MappingBody, response: { 201: Mapping } },
  }, async (request, reply) => {
    const definition = validateMapping(request.body.definition);
    return reply.code(201).send(mappingOut(await createMapping(db, actorOf(request), { name: request.body.name, definition: definition as unknown as Record<string, unknown> })));
  });

  app.patch('/api/v1/statement-mappings/:id', {
    preValidation: mayReconcile,
    schema: { tags, summary: 'Rename or change a column mapping', params: IdParams, body: Type.Partial(MappingBody, { additionalProperties: false }), response: { 200: Mapping } },
  }, async (request) => {
    const definition = request.body.definition === undefined ? undefined : validateMapping(request.body.definition) as unknown as Record<string, unknown>;
    return mappingOut(await updateMapping(db, actorOf(request), request.params.id, { ...(request.body.name !== undefined ? { name: request.body.name } : {}), ...(definition ? { definition } : {}) }));
  });

  app.delete('/api/v1/statement-mappings/:id', {
    schema: { tags, summary: 'Delete a column mapping', params: IdParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deleteMapping(db, actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}

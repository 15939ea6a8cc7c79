import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { isKxError, KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { idempotent, requireKey, type IdempotentOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { pageSize, toPage, type Page } from '../pagination.js';
import { cursorId } from '../receivables/requests.js';
import type { DB, ImportKind, ImportMode, ImportRowError, ImportStatus } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { writeUnit, type Unit } from './commit.js';
import { nestable, restoreDurableCommit } from './nested.js';
import { readImportFile, type ImportEncoding, type ImportFormat, type ParsedFile } from './read.js';
import { validateFile, type ValidatedRow } from './validate.js';

/**
 * Spreadsheet import as a job: upload (the file is read at once, so a broken file is refused on the spot,
 * and the job answered 202), validation of every row in the background (status validated, errors per row
 * and column), then commit on request — all_or_nothing in one transaction, or valid_only row by row — also
 * in the background, through the same use cases as the API.
 */
export interface ImportView {
  id: string;
  kind: ImportKind;
  format: ImportFormat;
  filename: string;
  status: ImportStatus;
  mode: ImportMode | null;
  totalRows: number;
  processedRows: number;
  validRows: number;
  errorRows: number;
  importedRows: number;
  skippedRows: number;
  /** The first limits.importErrorsListedMax problems, in row order; errorCount counts them all. */
  errors: ImportRowError[];
  errorCount: number;
  failure: { code: string; message: string } | null;
  createdAt: string;
  validatedAt: string | null;
  finishedAt: string | null;
}

/** Progress of a commit running in one transaction, which no other connection can see until it ends. */
export type LiveProgress = Map<string, { processedRows: number; importedRows: number }>;

const permissionFor = { customers: 'customers.manage', orders: 'orders.manage', receipts: 'receipts.create' } as const;

function requireImport(actor: Actor, kind: ImportKind): void {
  requirePermission(actor, 'data.import');
  requirePermission(actor, permissionFor[kind]);
}

export interface Upload {
  kind: ImportKind;
  format: ImportFormat;
  filename: string;
  encoding: ImportEncoding;
  bytes: Buffer;
}

/** Reads the file and records the job; the caller validates `parsed` in the background when it is given. */
export async function startImport(db: Kysely<DB>, actor: Actor, upload: Upload, key: string | undefined): Promise<{ outcome: IdempotentOutcome<ImportView>; parsed?: ParsedFile }> {
  requireImport(actor, upload.kind);
  requireKey(key);
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const request = { kind: upload.kind, format: upload.format, filename: upload.filename, encoding: upload.encoding, sha256 };
  const parsed = await readImportFile(upload.kind, upload.format, upload.bytes, upload.encoding);
  const id = newId();
  const outcome = await idempotent(db, actor, key, 'import.create', request, async (trx) => {
    await trx.insertInto('imports').values({
      tenant_id: actor.tenantId, id, kind: upload.kind, format: upload.format, filename: upload.filename.slice(0, 255), content_sha256: sha256,
      status: 'validating', total_rows: parsed.rows.length, errors: '[]', failure: null, created_by: actor.userId,
    }).execute();
    return { status: 202, body: await importView(trx, actor, id) };
  });
  return outcome.replayed ? { outcome } : { outcome, parsed };
}

const storeChunkRows = 1_000;

/** Validates every row and stores it with its problems, reporting progress per chunk; ends validated or failed. */
export async function runValidation(db: Kysely<DB>, actor: Actor, importId: string, kind: ImportKind, parsed: ParsedFile): Promise<void> {
  await failOnError(db, actor, importId, async () => {
    const rows = await validateFile(db, actor, kind, parsed);
    const unitRowOf = new Map<string, number>();
    for (const r of rows) if (r.groupKey !== null && !unitRowOf.has(r.groupKey)) unitRowOf.set(r.groupKey, r.row);
    for (let start = 0; start < rows.length; start += storeChunkRows) {
      const chunk = rows.slice(start, start + storeChunkRows);
      await db.insertInto('import_rows').values(chunk.map((r) => ({
        tenant_id: actor.tenantId, import_id: importId, row_no: r.row, unit_row: r.groupKey === null ? r.row : unitRowOf.get(r.groupKey)!,
        data: JSON.stringify(r.data), status: r.errors.length > 0 ? 'invalid' as const : 'valid' as const, errors: JSON.stringify(r.errors),
      }))).execute();
      await progress(db, actor.tenantId, importId, { processed_rows: start + chunk.length });
    }
    const errors = rows.flatMap((r) => r.errors);
    const errorRows = rows.filter((r) => r.errors.length > 0).length;
    await db.updateTable('imports').set({
      status: 'validated', processed_rows: rows.length, valid_rows: rows.length - errorRows, error_rows: errorRows,
      errors: JSON.stringify(firstErrors(errors)), error_count: errors.length, validated_at: new Date(), heartbeat_at: new Date(),
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', importId).execute();
  });
}

const firstErrors = (errors: readonly ImportRowError[]) => errors.slice(0, limits.importErrorsListedMax);

async function progress(db: Kysely<DB>, tenantId: string, importId: string, counts: { processed_rows?: number; imported_rows?: number; skipped_rows?: number }): Promise<void> {
  await db.updateTable('imports').set({ ...counts, heartbeat_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', importId).execute();
}

/** A job that ends in an unexpected error is failed with a message that says so, never left running. */
async function failOnError(db: Kysely<DB>, actor: Actor, importId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure = isKxError(error) ? { code: error.code, message: error.message } : { code: 'internal_error', message: 'the import stopped on an unexpected error; see the server log' };
    await db.updateTable('imports').set({ status: 'failed', failure: JSON.stringify(failure), finished_at: new Date(), heartbeat_at: new Date() })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', importId).execute();
    if (!isKxError(error)) throw error;
  }
}

/**
 * Accepts the commit of a validated job (once per Idempotency-Key). all_or_nothing refuses a file with any
 * bad row; valid_only takes what is valid. A job that failed while committing may be committed again: the
 * rows already written are marked imported and their use cases' Idempotency-Keys replay.
 */
export async function commitImport(db: Kysely<DB>, actor: Actor, importId: string, mode: ImportMode, key: string | undefined): Promise<IdempotentOutcome<ImportView>> {
  requirePermission(actor, 'data.import');
  requireKey(key);
  await sweepStale(db, actor.tenantId);
  return idempotent(db, actor, key, 'import.commit', { importId, mode }, async (trx) => {
    const job = await trx.selectFrom('imports').select(['kind', 'status', 'error_rows', 'validated_at']).where('tenant_id', '=', actor.tenantId).where('id', '=', importId)
      .where('created_by', 'is not distinct from', actor.userId).forUpdate().executeTakeFirst();
    if (!job) throw new KxError('not_found', 'no such import', { details: { importId } });
    requireImport(actor, job.kind);
    const retry = job.status === 'failed' && job.validated_at !== null;
    if (job.status !== 'validated' && !retry) throw new KxError('invalid_state', `the import is ${job.status}; only a validated import can be committed`, { details: { status: job.status } });
    if (mode === 'all_or_nothing' && job.error_rows > 0) {
      throw new KxError('import_invalid_rows', `${job.error_rows} row(s) have errors: fix them and upload again, or commit with mode valid_only to import only the valid rows`, {
        details: { errorRows: job.error_rows },
      });
    }
    await trx.updateTable('imports').set({ status: 'importing', mode, committed_by: actor.userId, processed_rows: 0, failure: null, heartbeat_at: new Date() })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', importId).execute();
    return { status: 202, body: await importView(trx, actor, importId) };
  });
}

const unitsPerPage = 500;

/** The units still to write (rows valid, in file order), a page at a time: an order comes whole with its instalment rows. */
async function* pendingUnits(db: Kysely<DB>, tenantId: string, importId: string, unitsMax = unitsPerPage): AsyncGenerator<Unit[]> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('import_rows').select(['row_no', 'unit_row', 'data'])
      .where('tenant_id', '=', tenantId).where('import_id', '=', importId).where('status', '=', 'valid')
      .where('unit_row', 'in', (eb) => eb.selectFrom('import_rows').select('unit_row').distinct()
        .where('tenant_id', '=', tenantId).where('import_id', '=', importId).where('status', '=', 'valid').where('unit_row', '>', after)
        .orderBy('unit_row').limit(unitsMax))
      .orderBy('unit_row').orderBy('row_no').execute();
    if (rows.length === 0) return;
    const units = new Map<number, Unit>();
    for (const r of rows) {
      const unit = units.get(r.unit_row) ?? { rows: [] };
      unit.rows.push({ row: r.row_no, data: r.data });
      units.set(r.unit_row, unit);
    }
    after = rows[rows.length - 1]!.unit_row;
    yield [...units.values()];
  }
}

async function markImported(trx: Kysely<DB>, tenantId: string, importId: string, written: { unit: Unit; entityId: string }[]): Promise<void> {
  if (written.length === 0) return;
  const rows = written.flatMap((w) => w.unit.rows.map((r) => ({ row: r.row, id: w.entityId })));
  await sql`UPDATE import_rows r SET status = 'imported', entity_id = v.id
              FROM unnest(${rows.map((r) => r.row)}::int[], ${rows.map((r) => r.id)}::uuid[]) AS v(row_no, id)
             WHERE r.tenant_id = ${tenantId} AND r.import_id = ${importId} AND r.row_no = v.row_no`.execute(trx);
}

/** Carries out an accepted commit; ends done (with the commit's audit record) or failed. */
export async function runCommit(db: Kysely<DB>, actor: Actor, importId: string, live: LiveProgress): Promise<void> {
  const job = await db.selectFrom('imports').select(['kind', 'mode', 'filename', 'imported_rows', 'skipped_rows']).where('tenant_id', '=', actor.tenantId).where('id', '=', importId).executeTakeFirstOrThrow();
  try {
    if (job.mode === 'all_or_nothing') await commitAll(db, actor, importId, job.kind, job.filename, live);
    else await commitValid(db, actor, importId, job.kind, job.filename);
  } finally {
    live.delete(importId);
  }
}

class RowRefused extends KxError {}

async function commitAll(db: Kysely<DB>, actor: Actor, importId: string, kind: ImportKind, filename: string, live: LiveProgress): Promise<void> {
  await failOnError(db, actor, importId, async () => {
    await inTransaction(db, async (trx) => {
      const inner = nestable(trx);
      const counts = { processedRows: 0, importedRows: 0 };
      live.set(importId, counts);
      for await (const units of pendingUnits(trx, actor.tenantId, importId)) {
        const written: { unit: Unit; entityId: string }[] = [];
        for (const unit of units) {
          const entityId = await writeUnit(inner, actor, kind, importId, unit).catch((error: unknown) => {
            if (!isKxError(error)) throw error;
            throw new RowRefused(error.code, `row ${unit.rows[0]!.row}: ${error.message} — nothing was imported`, { details: { row: unit.rows[0]!.row } });
          });
          written.push({ unit, entityId });
          counts.processedRows += unit.rows.length;
          counts.importedRows += unit.rows.length;
        }
        await markImported(trx, actor.tenantId, importId, written);
      }
      await finish(trx, actor, importId, kind, filename, 'all_or_nothing');
    });
  });
}

/**
 * valid_only: a page of records per transaction, each record in a savepoint of its own — a record the use
 * case refuses is rolled back alone and its rows marked skipped with the reason; the page commits what went
 * through, with its rows marked imported and the progress, so a crash loses at most the page in flight (and
 * a new commit carries on from the rows not yet marked).
 */
async function commitValid(db: Kysely<DB>, actor: Actor, importId: string, kind: ImportKind, filename: string): Promise<void> {
  await failOnError(db, actor, importId, async () => {
    for (;;) {
      const more = await inTransaction(db, async (trx) => {
        const inner = nestable(trx);
        const page = await pendingUnits(trx, actor.tenantId, importId, unitsPerValidPage).next();
        if (page.done) return false;
        const written: { unit: Unit; entityId: string }[] = [];
        for (const unit of page.value) {
          try {
            written.push({ unit, entityId: await inner.transaction().execute(() => writeUnit(inner, actor, kind, importId, unit)) });
          } catch (error) {
            if (!isKxError(error)) throw error;
            const rowErrors: ImportRowError[] = [{ row: unit.rows[0]!.row, column: '', code: error.code, message: `not imported: ${error.message}` }];
            await trx.updateTable('import_rows').set({ status: 'skipped', errors: JSON.stringify(rowErrors) })
              .where('tenant_id', '=', actor.tenantId).where('import_id', '=', importId).where('row_no', 'in', unit.rows.map((r) => r.row)).execute();
          }
        }
        await markImported(trx, actor.tenantId, importId, written);
        const counts = await outcomeCounts(trx, actor.tenantId, importId);
        await progress(trx, actor.tenantId, importId, { processed_rows: counts.imported_rows + counts.skipped_rows, ...counts });
        await restoreDurableCommit(trx);
        return true;
      });
      if (!more) break;
    }
    await inTransaction(db, (trx) => finish(trx, actor, importId, kind, filename, 'valid_only'));
  });
}

/** Records per transaction in a valid_only commit: progress moves per page, a crash loses one page at most. */
const unitsPerValidPage = 100;

async function outcomeCounts(db: Kysely<DB>, tenantId: string, importId: string): Promise<{ imported_rows: number; skipped_rows: number }> {
  const row = await db.selectFrom('import_rows')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('status', '=', 'imported').as('imported'),
      eb.fn.countAll<string>().filterWhere('status', '=', 'skipped').as('skipped'),
    ])
    .where('tenant_id', '=', tenantId).where('import_id', '=', importId).executeTakeFirstOrThrow();
  return { imported_rows: Number(row.imported), skipped_rows: Number(row.skipped) };
}

/** Closes a commit: final counts, the skipped rows' problems listed, one audit record for the whole commit. */
async function finish(trx: Transaction<DB>, actor: Actor, importId: string, kind: ImportKind, filename: string, mode: ImportMode): Promise<void> {
  const counts = await outcomeCounts(trx, actor.tenantId, importId);
  const problems = await rowErrors(trx, actor.tenantId, importId, limits.importErrorsListedMax);
  const total = await trx.selectFrom('import_rows').select((eb) => eb.fn.coalesce(eb.fn.sum<string>(sql<number>`jsonb_array_length(errors)`), sql<string>`0`).as('n'))
    .where('tenant_id', '=', actor.tenantId).where('import_id', '=', importId).executeTakeFirstOrThrow();
  const processed = await trx.selectFrom('imports').select('total_rows').where('tenant_id', '=', actor.tenantId).where('id', '=', importId).executeTakeFirstOrThrow();
  await trx.updateTable('imports').set({
    status: 'done', ...counts, processed_rows: processed.total_rows, errors: JSON.stringify(problems), error_count: Number(total.n), finished_at: new Date(), heartbeat_at: new Date(),
  }).where('tenant_id', '=', actor.tenantId).where('id', '=', importId).execute();
  await appendAudit(trx, actor, {
    action: 'import.committed', entityType: 'import', entityId: importId,
    after: { kind, mode, filename, importedRows: counts.imported_rows, skippedRows: counts.skipped_rows },
  });
  await restoreDurableCommit(trx);
}

/** Problems of the rows, in row order (all of them when no limit is given). */
async function rowErrors(db: Kysely<DB>, tenantId: string, importId: string, limit?: number): Promise<ImportRowError[]> {
  let query = db.selectFrom('import_rows').select('errors').where('tenant_id', '=', tenantId).where('import_id', '=', importId)
    .where('status', 'in', ['invalid', 'skipped']).orderBy('row_no');
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  const errors = rows.flatMap((r) => r.errors);
  return limit === undefined ? errors : errors.slice(0, limit);
}

/**
 * A job still marked running whose heartbeat stopped belongs to a process that died: it is failed, so nobody
 * waits on it. Its all_or_nothing commit was rolled back with the process; a valid_only commit kept each
 * record it finished, and may be committed again to carry on.
 */
async function sweepStale(db: Kysely<DB>, tenantId: string): Promise<void> {
  await db.updateTable('imports')
    .set({ status: 'failed', failure: JSON.stringify({ code: 'interrupted', message: 'the server stopped while this import ran' }), finished_at: new Date() })
    .where('tenant_id', '=', tenantId).where('status', 'in', ['validating', 'importing'])
    .where('heartbeat_at', '<', new Date(Date.now() - limits.importHeartbeatStaleMs)).execute();
}

const viewColumns = ['id', 'kind', 'format', 'filename', 'status', 'mode', 'total_rows', 'processed_rows', 'valid_rows', 'error_rows', 'imported_rows', 'skipped_rows', 'errors', 'error_count', 'failure', 'created_at', 'validated_at', 'finished_at'] as const;

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['executeTakeFirstOrThrow']>>;

/** An actor sees the imports they started (an import shows rows of records that may lie outside others' scope). */
function viewQuery(db: Kysely<DB>, actor: Actor) {
  return db.selectFrom('imports').select(viewColumns).where('tenant_id', '=', actor.tenantId).where('created_by', 'is not distinct from', actor.userId);
}

function viewOf(r: ViewRow, live?: LiveProgress): ImportView {
  const running = r.status === 'importing' ? live?.get(r.id) : undefined;
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  return {
    id: r.id, kind: r.kind, format: r.format, filename: r.filename, status: r.status, mode: r.mode,
    totalRows: r.total_rows, processedRows: running?.processedRows ?? r.processed_rows, validRows: r.valid_rows, errorRows: r.error_rows,
    importedRows: running?.importedRows ?? r.imported_rows, skippedRows: r.skipped_rows, errors: r.errors, errorCount: r.error_count, failure: r.failure,
    createdAt: r.created_at.toISOString(), validatedAt: iso(r.validated_at), finishedAt: iso(r.finished_at),
  };
}

async function importView(db: Kysely<DB>, actor: Actor, importId: string, live?: LiveProgress): Promise<ImportView> {
  const row = await viewQuery(db, actor).where('id', '=', importId).executeTakeFirst();
  if (!row) throw new KxError('not_found', 'no such import', { details: { importId } });
  return viewOf(row, live);
}

export async function getImport(db: Kysely<DB>, actor: Actor, importId: string, live?: LiveProgress): Promise<ImportView> {
  requirePermission(actor, 'data.import');
  await sweepStale(db, actor.tenantId);
  return importView(db, actor, importId, live);
}

export async function listImports(db: Kysely<DB>, actor: Actor, filter: { cursor?: string; limit?: number }, live?: LiveProgress): Promise<Page<ImportView>> {
  requirePermission(actor, 'data.import');
  await sweepStale(db, actor.tenantId);
  const size = pageSize(filter.limit);
  const after = cursorId(filter.cursor);
  let query = viewQuery(db, actor);
  if (after !== undefined) query = query.where('id', '<', after);
  const rows = await query.orderBy('id', 'desc').limit(size + 1).execute();
  return toPage(rows, size, (r) => viewOf(r, live), (r) => r.id);
}

/** Every problem of an import, for its errors.csv (bounded: rows ≤ importRowsMax, problems per row ≤ its columns). */
export async function importErrors(db: Kysely<DB>, actor: Actor, importId: string): Promise<{ filename: string; errors: ImportRowError[] }> {
  requirePermission(actor, 'data.import');
  const job = await importView(db, actor, importId);
  return { filename: job.filename, errors: await rowErrors(db, actor.tenantId, importId) };
}

export type { ValidatedRow };

import { sql, type Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { validateEntry, type EntryDraft } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { newId } from '../ids.js';
import type { DB } from '../schema.js';
import { isRetryable } from '../transaction.js';

export interface BulkPostResult {
  entries: number;
  lines: number;
}

/** The tenant's account ids by code, loaded once for a whole bulk run. */
export async function accountIdsByCode(db: Kysely<DB>, tenantId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('accounts').select(['code', 'id']).where('tenant_id', '=', tenantId).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** The batch as column arrays: one array per column is what `unnest` turns back into rows. */
interface Columns {
  entryId: string[]; entryDate: string[]; entryMemo: string[]; source: string[]; sourceId: (string | null)[];
  lineEntryId: string[]; lineNo: number[]; accountId: string[]; currency: string[]; amountMinor: string[];
  customerId: (string | null)[]; departmentId: (string | null)[]; ownerId: (string | null)[]; productId: (string | null)[];
  channel: (string | null)[]; lineMemo: string[];
}

function toColumns(drafts: readonly EntryDraft[], accountIds: ReadonlyMap<string, string>): Columns {
  const c: Columns = {
    entryId: [], entryDate: [], entryMemo: [], source: [], sourceId: [], lineEntryId: [], lineNo: [], accountId: [], currency: [],
    amountMinor: [], customerId: [], departmentId: [], ownerId: [], productId: [], channel: [], lineMemo: [],
  };
  drafts.forEach((draft, index) => {
    // Same rules as a single posting; a bad draft stops the batch before anything is written.
    const entry = validateEntry(draft);
    const id = newId();
    c.entryId.push(id); c.entryDate.push(entry.entryDate); c.entryMemo.push(entry.memo); c.source.push(entry.source); c.sourceId.push(entry.sourceId);
    for (const line of entry.lines) {
      const accountId = accountIds.get(line.account);
      if (accountId === undefined) {
        throw new KxError('unknown_account', `entry ${index} of the batch: no account ${JSON.stringify(line.account)} in this tenant's chart`);
      }
      c.lineEntryId.push(id); c.lineNo.push(line.lineNo); c.accountId.push(accountId); c.currency.push(line.currency);
      c.amountMinor.push(line.amountMinor.toString()); c.customerId.push(line.customerId); c.departmentId.push(line.departmentId);
      c.ownerId.push(line.ownerId); c.productId.push(line.productId); c.channel.push(line.channel); c.lineMemo.push(line.memo);
    }
  });
  return c;
}

/**
 * Posts many entries at once: each is validated with validateEntry, then the whole batch is one statement,
 * entries then lines, each a single multi-row insert from `unnest`ed arrays. One statement is one
 * transaction and one round trip: the database's own triggers move the balances (once per statement) and
 * check that every entry balances (at commit), exactly as for postEntry. No idempotency keys: for bulk loads
 * (demo data, imports that dedupe upstream), not for requests a client may retry.
 */
export async function bulkPostEntries(
  db: Kysely<DB>,
  tenantId: string,
  drafts: readonly EntryDraft[],
  accountIds: ReadonlyMap<string, string>,
): Promise<BulkPostResult> {
  if (drafts.length === 0) return { entries: 0, lines: 0 };
  const c = toColumns(drafts, accountIds);
  const statement = sql`
    with entries as (
      insert into journal_entries (tenant_id, id, entry_date, memo, source, source_id)
      select ${tenantId}::uuid, e.id, e.entry_date, e.memo, e.source, e.source_id
        from unnest(${c.entryId}::uuid[], ${c.entryDate}::date[], ${c.entryMemo}::text[], ${c.source}::text[], ${c.sourceId}::uuid[])
          as e (id, entry_date, memo, source, source_id)
    )
    insert into journal_lines
      (tenant_id, entry_id, line_no, account_id, currency, amount_minor, customer_id, department_id, owner_id, product_id, channel, memo)
    select ${tenantId}::uuid, l.*
      from unnest(${c.lineEntryId}::uuid[], ${c.lineNo}::int2[], ${c.accountId}::uuid[], ${c.currency}::text[], ${c.amountMinor}::int8[],
                  ${c.customerId}::uuid[], ${c.departmentId}::uuid[], ${c.ownerId}::uuid[], ${c.productId}::uuid[],
                  ${c.channel}::text[], ${c.lineMemo}::text[])
        as l (entry_id, line_no, account_id, currency, amount_minor, customer_id, department_id, owner_id, product_id, channel, memo)`;
  for (let attempt = 1; ; attempt++) {
    try {
      await statement.execute(db);
      return { entries: c.entryId.length, lines: c.lineEntryId.length };
    } catch (error) {
      // The statement is its own transaction, so a deadlock or serialization failure left nothing behind.
      if (!isRetryable(error) || attempt >= limits.transactionAttemptsMax) throw translate(error);
    }
  }
}

function translate(error: unknown): unknown {
  const pg = error as { code?: string; constraint?: string; message?: string };
  if (pg.code === 'KX004') return new KxError('entry_unbalanced', pg.message ?? 'an entry does not balance', { cause: error });
  if (pg.code === 'KX003') return new KxError('entry_too_few_lines', pg.message ?? 'an entry has too few lines', { cause: error });
  if (pg.code === '23503' && pg.constraint === 'journal_entries_tenant_id_fkey') return new KxError('tenant_not_found', 'no such tenant', { cause: error });
  if (pg.code === '23503') return new KxError('unknown_dimension', pg.message ?? 'a line names a record that is not in this tenant', { cause: error });
  return error;
}

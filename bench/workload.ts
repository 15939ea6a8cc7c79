import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { postEntry } from '../src/app/ledger.js';
import { newId } from '../src/app/ids.js';
import type { DB, JournalEntriesTable, JournalLinesTable } from '../src/app/schema.js';
import { createTenant } from '../src/app/tenants.js';
import type { EntryDraft } from '../src/core/ledger/entry.js';

/** spread: a random customer per posting (realistic); hot: every posting on one customer (worst case). */
export type Workload = 'spread' | 'hot';
export const workloads: readonly Workload[] = ['spread', 'hot'];

/** Plain copies of the journal tables for the baseline: same columns, a primary key, nothing else. */
type BaselineTables = {
  bench_plain_entries: JournalEntriesTable;
  bench_plain_lines: JournalLinesTable;
};

export interface Fixture {
  tenantId: string;
  customerIds: readonly string[];
  cashAccountId: string;
  receivableAccountId: string;
  /** Distinguishes this run's idempotency keys. */
  runTag: string;
}

const cashAccount = 'cash:bank_transfer';
const receivableAccount = 'accounts_receivable';
const entryDate = '2026-11-26';

/**
 * A tenant with the standard chart (through createTenant, as the app does it), `customerCount` customers
 * inserted directly, and the baseline's plain tables.
 */
export async function prepareFixture(db: Kysely<DB>, customerCount: number): Promise<Fixture> {
  const runTag = randomBytes(4).toString('hex');
  const tenantId = await createTenant(db, { slug: `bench-${runTag}`, name: 'Benchmark', baseCurrency: 'CNY' });
  const customerIds = Array.from({ length: customerCount }, () => newId());
  await db
    .insertInto('customers')
    .values(customerIds.map((id, i) => ({ tenant_id: tenantId, id, code: `C${String(i + 1).padStart(5, '0')}`, name: `Customer ${i + 1}`, owner_id: null, department_id: null })))
    .execute();
  const accounts = await db.selectFrom('accounts').select(['code', 'id']).where('tenant_id', '=', tenantId).execute();
  const idOf = (code: string) => accounts.find((a) => a.code === code)!.id;
  // LIKE copies columns, NOT NULL and defaults, but no index, foreign key, check or trigger.
  await sql`
    CREATE TABLE bench_plain_entries (LIKE journal_entries INCLUDING DEFAULTS, PRIMARY KEY (tenant_id, id));
    CREATE TABLE bench_plain_lines (LIKE journal_lines INCLUDING DEFAULTS, PRIMARY KEY (tenant_id, entry_id, line_no));
  `.execute(db);
  return { tenantId, customerIds, cashAccountId: idOf(cashAccount), receivableAccountId: idOf(receivableAccount), runTag };
}

function customerFor(fixture: Fixture, workload: Workload): string {
  if (workload === 'hot') return fixture.customerIds[0]!;
  return fixture.customerIds[Math.floor(Math.random() * fixture.customerIds.length)]!;
}

function randomAmountMinor(): bigint {
  return BigInt(1 + Math.floor(Math.random() * 10_000_000));
}

/** A receipt: Dr cash:bank_transfer / Cr accounts_receivable, both lines carrying the customer. */
export function receiptDraft(customerId: string, amountMinor: bigint): EntryDraft {
  return {
    entryDate,
    memo: 'bench receipt',
    source: 'receipt',
    sourceId: randomUUID(),
    lines: [
      { account: cashAccount, side: 'debit', amount: amountMinor, currency: 'CNY', customerId, channel: 'bank_transfer' },
      { account: receivableAccount, side: 'credit', amount: amountMinor, currency: 'CNY', customerId },
    ],
  };
}

/** One posting through the real use case: validation, idempotency, transaction, triggers. */
export function postingTask(db: Kysely<DB>, fixture: Fixture, workload: Workload, label: string): (index: number) => Promise<void> {
  return async (index) => {
    const draft = receiptDraft(customerFor(fixture, workload), randomAmountMinor());
    const result = await postEntry(db, { tenantId: fixture.tenantId }, draft, { idempotencyKey: `bench-${fixture.runTag}-${label}-${index}` });
    if (result.replayed) throw new Error(`posting ${label}/${index} was unexpectedly replayed`);
  };
}

const fixedRequestHash = 'f'.repeat(64);

/**
 * The same rows (1 entry + 2 lines) in a bare transaction: BEGIN / INSERT / INSERT / COMMIT. With
 * `oneStatement`, entry and lines go in one statement (BEGIN / INSERT … WITH … / COMMIT), the round trips
 * postEntry makes: the profile uses it to show what a round trip costs.
 */
export function baselineTask(
  db: Kysely<DB>,
  fixture: Fixture,
  workload: Workload,
  label: string,
  options: { oneStatement?: boolean } = {},
): (index: number) => Promise<void> {
  const plain = db.withTables<BaselineTables>();
  return async (index) => {
    const customerId = customerFor(fixture, workload);
    const amountMinor = randomAmountMinor();
    const entry = {
      tenant_id: fixture.tenantId,
      id: newId(),
      entry_date: entryDate,
      memo: 'bench receipt',
      source: 'receipt',
      source_id: randomUUID(),
      reverses_entry_id: null,
      idempotency_key: `bench-${fixture.runTag}-${label}-${index}`,
      request_hash: fixedRequestHash,
      created_by: null,
    };
    const line = (lineNo: number, accountId: string, amount: bigint, channel: string | null) => ({
      tenant_id: fixture.tenantId,
      entry_id: entry.id,
      line_no: lineNo,
      account_id: accountId,
      currency: 'CNY',
      amount_minor: amount.toString(),
      customer_id: customerId,
      department_id: null,
      owner_id: null,
      product_id: null,
      channel,
      memo: '',
    });
    const lines = [line(1, fixture.cashAccountId, amountMinor, 'bank_transfer'), line(2, fixture.receivableAccountId, -amountMinor, null)];
    await plain.transaction().execute(async (trx) => {
      if (options.oneStatement) {
        await trx
          .with('entry', (w) => w.insertInto('bench_plain_entries').values(entry).returning('id'))
          .insertInto('bench_plain_lines')
          .values(lines)
          .execute();
        return;
      }
      await trx.insertInto('bench_plain_entries').values(entry).execute();
      await trx.insertInto('bench_plain_lines').values(lines).execute();
    });
  };
}

export interface Measurement {
  count: number;
  elapsedMs: number;
  perSecond: number;
  latenciesMs: number[];
}

/**
 * `writers` concurrent async loops, each running tasks one after another until `count` tasks have run.
 * Latency is per task, from the call to its return, so it includes any wait for a pooled connection.
 */
export async function runWriters(writers: number, count: number, task: (index: number) => Promise<void>): Promise<Measurement> {
  let next = 0;
  const latenciesMs = new Array<number>(count);
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let index = next++; index < count; index = next++) {
        const taskStartedAt = performance.now();
        await task(index);
        latenciesMs[index] = performance.now() - taskStartedAt;
      }
    }),
  );
  const elapsedMs = performance.now() - startedAt;
  return { count, elapsedMs, perSecond: (count * 1000) / elapsedMs, latenciesMs };
}

/** What a sound run leaves behind: every entry posted, and the ledger balancing to zero. */
export async function checkLedger(db: Kysely<DB>, fixture: Fixture, expectedEntries: number): Promise<void> {
  const { rows } = await sql<{ entries: bigint; lines: bigint; balance_total: string; line_count: string }>`
    SELECT (SELECT count(*) FROM journal_entries WHERE tenant_id = ${fixture.tenantId}) AS entries,
           (SELECT count(*) FROM journal_lines WHERE tenant_id = ${fixture.tenantId}) AS lines,
           (SELECT coalesce(sum(balance_minor), 0)::text FROM account_balances WHERE tenant_id = ${fixture.tenantId}) AS balance_total,
           (SELECT coalesce(sum(line_count), 0)::text FROM account_balances WHERE tenant_id = ${fixture.tenantId}) AS line_count
  `.execute(db);
  const row = rows[0]!;
  const problems: string[] = [];
  if (BigInt(row.entries) !== BigInt(expectedEntries)) problems.push(`${row.entries} entries, expected ${expectedEntries}`);
  if (BigInt(row.lines) !== BigInt(expectedEntries * 2)) problems.push(`${row.lines} lines, expected ${expectedEntries * 2}`);
  if (row.balance_total !== '0') problems.push(`balances sum to ${row.balance_total}, expected 0`);
  if (row.line_count !== String(expectedEntries * 2)) problems.push(`balances count ${row.line_count} lines, expected ${expectedEntries * 2}`);
  if (problems.length > 0) throw new Error(`ledger check failed after the benchmark: ${problems.join('; ')}`);
}

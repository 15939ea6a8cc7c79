import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { newId } from '../src/app/ids.js';
import { postEntry } from '../src/app/ledger.js';
import type { DB } from '../src/app/schema.js';
import { verifyLedger } from '../src/app/verify.js';
import { createTestDatabase } from './helpers/db.js';
import { countRows, invoice, receipt, tenantWithCustomers } from './helpers/ledger.js';

/** What the database itself refuses, whatever code (or person with psql) sends the SQL. */
let database: Database;
let db: Kysely<DB>;
let tenantId: string;
let customer: string;
let entryId: string;
let accounts: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const guards = await tenantWithCustomers(db, 'guards', 1);
  [tenantId, customer] = [guards.tenantId, guards.customers[0]!];
  ({ entryId } = await postEntry(db, { tenantId }, invoice(customer, '500.00')));
  const rows = await db.selectFrom('accounts').select(['code', 'id']).where('tenant_id', '=', tenantId).execute();
  accounts = Object.fromEntries(rows.map((r) => [r.code, r.id]));
});
afterAll(async () => database?.close());

async function sqlState(work: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await work();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

/** Runs raw statements in one transaction, as someone bypassing the application would. */
function rawTransaction(statements: ReturnType<typeof sql>[]) {
  return db.transaction().execute(async (trx) => {
    for (const statement of statements) await statement.execute(trx);
  });
}

describe('the journal is append-only', () => {
  it.each([
    ['UPDATE of a line amount', sql`update journal_lines set amount_minor = amount_minor + 1`],
    ['UPDATE of an entry date', sql`update journal_entries set entry_date = '2020-01-01'`],
    ['DELETE of lines', sql`delete from journal_lines`],
    ['DELETE of an entry', sql`delete from journal_entries`],
    ['TRUNCATE of lines', sql`truncate journal_lines cascade`],
    ['TRUNCATE of entries', sql`truncate journal_entries cascade`],
  ])('%s is refused by the database', async (_name, statement) => {
    const before = await countRows(db);
    expect(await sqlState(() => statement.execute(db))).toBe('KX001');
    expect(await countRows(db)).toEqual(before);
  });
});

describe('the database refuses entries that do not balance', () => {
  const entry = (id: string) => sql`insert into journal_entries (tenant_id, id, entry_date, source) values (${tenantId}, ${id}, '2026-11-01', 'sql')`;
  const line = (id: string, no: number, account: string, amount: number, currency = 'CNY') =>
    sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor) values (${tenantId}, ${id}, ${no}, ${accounts[account]!}, ${currency}, ${amount})`;
  /** The lines of one entry in one statement, as every posting path writes them. */
  const lines = (id: string, rows: [no: number, account: string, amount: number, currency?: string][]) =>
    sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor) values ${sql.join(
      rows.map(([no, account, amount, currency = 'CNY']) => sql`(${tenantId}, ${id}, ${no}, ${accounts[account]!}, ${currency}, ${amount})`),
    )}`;

  it('debits ≠ credits: refused at commit, nothing stays', async () => {
    const id = newId();
    const before = await countRows(db);
    expect(await sqlState(() => rawTransaction([entry(id), lines(id, [[1, 'accounts_receivable', 100], [2, 'sales', -99]])]))).toBe('KX004');
    expect(await countRows(db)).toEqual(before);
  });

  it('balanced in total but not per currency: refused', async () => {
    const id = newId();
    expect(await sqlState(() => rawTransaction([entry(id), lines(id, [[1, 'accounts_receivable', 100], [2, 'sales', -100, 'USD']])]))).toBe('KX004');
  });

  it('an entry with one line or none: refused', async () => {
    const one = newId();
    expect(await sqlState(() => rawTransaction([entry(one), line(one, 1, 'accounts_receivable', 100)]))).toBe('KX003');
    const none = newId();
    expect(await sqlState(() => rawTransaction([entry(none)]))).toBe('KX003');
  });

  it('lines of one entry spread over two statements: refused', async () => {
    const id = newId();
    expect(await sqlState(() => rawTransaction([entry(id), line(id, 1, 'accounts_receivable', 100), line(id, 2, 'sales', -100)]))).toBe('KX002');
  });

  it('balanced lines smuggled into an entry posted earlier: refused', async () => {
    expect(await sqlState(() => rawTransaction([lines(entryId, [[10, 'accounts_receivable', 100], [11, 'sales', -100]])]))).toBe('KX002');
  });

  it('lines of an entry that does not exist, or of the same entry id under another tenant: refused as a foreign key violation', async () => {
    const before = await countRows(db);
    const missing = await rawTransaction([lines(newId(), [[1, 'accounts_receivable', 100], [2, 'sales', -100]])]).catch((e: unknown) => e);
    expect([(missing as { code?: string }).code, (missing as { constraint?: string }).constraint]).toEqual(['23503', 'journal_lines_tenant_id_entry_id_fkey']);
    const other = await tenantWithCustomers(db, 'guards-other', 0);
    const otherAccounts = await db.selectFrom('accounts').select(['code', 'id']).where('tenant_id', '=', other.tenantId).execute();
    const idOf = (code: string) => otherAccounts.find((a) => a.code === code)!.id;
    const id = newId();
    const crossTenant = await rawTransaction([
      entry(id),
      sql`insert into journal_lines (tenant_id, entry_id, line_no, account_id, currency, amount_minor) values
            (${other.tenantId}, ${id}, 1, ${idOf('accounts_receivable')}, 'CNY', 100), (${other.tenantId}, ${id}, 2, ${idOf('sales')}, 'CNY', -100)`,
    ]).catch((e: unknown) => e);
    expect((crossTenant as { code?: string }).code).toBe('23503');
    expect(await countRows(db)).toEqual(before);
  });

  it('SET CONSTRAINTS ALL IMMEDIATE cannot be used to add an unbalancing line after the check ran', async () => {
    const id = newId();
    const before = await countRows(db);
    const state = await sqlState(() =>
      rawTransaction([
        entry(id),
        lines(id, [[1, 'accounts_receivable', 100], [2, 'sales', -100]]),
        sql`set constraints all immediate`,
        line(id, 3, 'accounts_receivable', 999),
      ]),
    );
    expect(state).toBe('KX002');
    expect(await countRows(db)).toEqual(before);
  });

  it('a zero amount or a malformed currency: refused by check constraints', async () => {
    const id = newId();
    expect(await sqlState(() => rawTransaction([entry(id), lines(id, [[1, 'sales', 0], [2, 'accounts_receivable', 0]])]))).toBe('23514');
    const id2 = newId();
    expect(await sqlState(() => rawTransaction([entry(id2), lines(id2, [[1, 'sales', -1, 'cny'], [2, 'accounts_receivable', 1, 'cny']])]))).toBe('23514');
  });

  it('a balanced entry written with raw SQL is accepted and its balances are maintained', async () => {
    const id = newId();
    await rawTransaction([entry(id), lines(id, [[1, 'accounts_receivable', 700], [2, 'sales', -700]])]);
    expect((await verifyLedger(db)).ok).toBe(true);
  });
});

describe('verify', () => {
  it('names a balance row altered directly in the database', async () => {
    await postEntry(db, { tenantId }, receipt(customer, '100.00'));
    expect((await verifyLedger(db)).ok).toBe(true);
    await sql`update account_balances set balance_minor = balance_minor + 1, debit_minor = debit_minor + 1
              where tenant_id = ${tenantId} and account_id = ${accounts['accounts_receivable']!} and customer_key = ${customer}`.execute(db);
    const report = await verifyLedger(db);
    expect(report.ok).toBe(false);
    const failed = report.checks.find((c) => c.problems.length > 0)!;
    expect(failed.name).toBe('every balance equals the sum of its journal lines');
    expect(failed.problems[0]).toContain('account accounts_receivable');
    expect(failed.problems[0]).toContain(`customer ${customer}`);
    expect(failed.problems[0]).toMatch(/stored balance 400\.01 CNY .* journal gives 400\.00 CNY/);
    // Put it back so the other suites in this file see a sound ledger.
    await sql`update account_balances set balance_minor = balance_minor - 1, debit_minor = debit_minor - 1
              where tenant_id = ${tenantId} and account_id = ${accounts['accounts_receivable']!} and customer_key = ${customer}`.execute(db);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('notices a deleted balance row and an invented one', async () => {
    await sql`delete from account_balances where tenant_id = ${tenantId} and account_id = ${accounts['sales']!}`.execute(db);
    await sql`insert into account_balances values (${tenantId}, ${accounts['bad_debt']!}, ${customer}, 'CNY', 5, 5, 0, 1)`.execute(db);
    const problems = (await verifyLedger(db)).checks.flatMap((c) => c.problems);
    expect(problems.some((p) => p.includes('account sales') && p.includes('is missing'))).toBe(true);
    expect(problems.some((p) => p.includes('account bad_debt') && p.includes('has no journal lines'))).toBe(true);
  });
});

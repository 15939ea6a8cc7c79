import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { accountName, commodityDirective, exportHledgerJournal, journalText } from '../src/adapters/export/hledger.js';
import { seedDemo } from '../src/app/demo/seed.js';
import { accountBalances, postEntry, trialBalance } from '../src/app/ledger.js';
import type { AccountKind } from '../src/core/ledger/chart.js';
import { formatAmount } from '../src/core/money/index.js';
import { createTestDatabase } from './helpers/db.js';

const hledgerVersion = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
const hledgerMissing = hledgerVersion.status !== 0;
if (hledgerMissing) console.warn('hledger is not installed (apt-get install -y hledger): the hledger export checks are skipped');

function hledger(...args: string[]): string {
  const run = spawnSync('hledger', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`hledger ${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return run.stdout;
}

/** `hledger bal -O csv --layout=bare`: "account","commodity","balance" rows, the total row left out. */
function balances(csv: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const line of csv.trim().split('\n').slice(1)) {
    const [account, commodity, balance] = JSON.parse(`[${line}]`) as [string, string, string];
    if (account !== 'total' && !/^-?0(\.0*)?$/.test(balance)) result.set(`${account} ${commodity}`, balance);
  }
  return result;
}

let database: Database;
let dir: string;
let file: string;
let tenantId: string;
let kinds: Map<string, AccountKind>;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'kx-hledger-'));
  file = join(dir, 'journal.hledger');
  const summary = await seedDemo(database.db, { seed: 11, receipts: 300, slug: 'hledger-demo', asOf: '2026-05-31' });
  tenantId = summary.tenantId;
  // Beyond the demo: zero- and three-decimal currencies and a memo that would break the syntax if written raw.
  await postEntry(database.db, { tenantId }, {
    entryDate: '2026-05-31', memo: '(odd) memo; with\nnewline', source: 'manual',
    lines: [
      { account: 'cash:bank_transfer', side: 'debit', amount: '1000', currency: 'JPY', memo: 'line; memo\r\nx' },
      { account: 'sales', side: 'credit', amount: '1000', currency: 'JPY' },
      { account: 'cash:bank_transfer', side: 'debit', amount: '12.345', currency: 'KWD' },
      { account: 'sales', side: 'credit', amount: '12.345', currency: 'KWD' },
    ],
  });
  const out = createWriteStream(file);
  await exportHledgerJournal(database.db, tenantId, out);
  out.end();
  await finished(out);
  const accounts = await database.db.selectFrom('accounts').select(['code', 'kind']).where('tenant_id', '=', tenantId).execute();
  kinds = new Map(accounts.map((a) => [a.code, a.kind]));
});
afterAll(async () => {
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('hledger journal text', () => {
  it('declares commodities with their decimals and keeps free text on one line', () => {
    expect(commodityDirective('CNY')).toBe('commodity 1000.00 CNY');
    expect(commodityDirective('JPY')).toBe('commodity 1000. JPY');
    expect(commodityDirective('KWD')).toBe('commodity 1000.000 KWD');
    expect(journalText('(a); b\nc')).toBe('- (a), b c');
    expect(accountName('asset', 'cash:alipay', null)).toBe('assets:cash:alipay');
    expect(accountName('liability', 'customer_advances', 'C000123')).toBe('liabilities:customer_advances:C000123');
    // Codes that differ only in characters hledger cannot take in a name stay different accounts.
    const names = ['C:1', 'C 1', 'C%3A1', 'x\u00a0y', 'x\u3000y', 'x y'].map((code) => accountName('asset', 'accounts_receivable', code));
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('assets:accounts_receivable:C%3A1');
    expect(names.every((n) => !/[\s;#()[\]]/u.test(n.split(':').slice(2).join(':')))).toBe(true);
  });

  it('writes one transaction per journal entry, by date', async () => {
    const text = readFileSync(file, 'utf8');
    const entries = await database.db.selectFrom('journal_entries').select((eb) => eb.fn.countAll<bigint>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    const headers = text.split('\n').filter((line) => /^\d{4}-\d{2}-\d{2} /.test(line));
    expect(headers).toHaveLength(Number(entries.n));
    expect([...headers].sort()).toEqual(headers.slice().sort());
    expect(text).toContain('- (odd) memo, with newline');
  });
});

describe.skipIf(hledgerMissing)('hledger check of the export (needs the hledger binary)', () => {
  it('passes hledger strict checks', () => {
    hledger('-f', file, '-s', 'check', 'ordereddates');
  });

  it('gives the same balance as our trial balance for every account and currency', async () => {
    // hledger itself folds the customer sub-accounts into their account, through a regex alias.
    const csv = hledger('-f', file, '--alias', '/^(.*):C[0-9]{6}$/=\\1', 'bal', '--flat', '-E', '-O', 'csv', '--layout=bare');
    const tb = await trialBalance(database.db, tenantId);
    const expected = new Map(
      tb.rows.filter((r) => r.balanceMinor !== 0n).map((r) => [`${accountName(kinds.get(r.account)!, r.account, null)} ${r.currency}`, formatAmount(r.balanceMinor, r.currency)]),
    );
    expect(balances(csv)).toEqual(expected);
    expect(expected.size).toBeGreaterThan(10);
  });

  it('gives the same balance per customer sub-account as the ledger', async () => {
    const customers = await database.db.selectFrom('customers').select(['id', 'code']).where('tenant_id', '=', tenantId).execute();
    const codes = new Map(customers.map((c) => [c.id, c.code]));
    const rows = await accountBalances(database.db, tenantId);
    const expected = new Map(
      rows.filter((r) => r.balanceMinor !== 0n).map((r) => [
        `${accountName(r.kind as AccountKind, r.account, r.customerId === null ? null : codes.get(r.customerId)!)} ${r.currency}`,
        formatAmount(r.balanceMinor, r.currency),
      ]),
    );
    expect(balances(hledger('-f', file, 'bal', '--flat', '-E', '-O', 'csv', '--layout=bare'))).toEqual(expected);
  });
});

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../app/schema.js';
import { NO_CUSTOMER } from '../../app/schema.js';
import { KxError } from '../../core/errors.js';
import type { AccountKind } from '../../core/ledger/chart.js';
import { currencyExponent, formatAmount } from '../../core/money/index.js';

/**
 * A tenant's journal as an hledger journal (hledger 1.25 syntax), so an accountant can check our books with an
 * independent tool: `hledger -s check -f FILE` re-checks that every transaction balances per commodity and that
 * every account and commodity is declared, and `hledger bal` must reproduce our trial balance.
 *
 * Account names: the hledger root for the account's kind (assets, liabilities, equity, income, expenses), then
 * the account code's own segments (cash:bank_transfer), then the customer code for customer sub-ledger lines:
 * assets:accounts_receivable:C000123. Rows are streamed page by page, never the whole journal in memory.
 */
export interface HledgerExportCounts {
  transactions: number;
  postings: number;
}

const rootByKind: Record<AccountKind, string> = {
  asset: 'assets', liability: 'liabilities', equity: 'equity', income: 'income', expense: 'expenses',
};
/** hledger's account type codes: A(sset) L(iability) E(quity) R(evenue) X (expense). */
const typeByKind: Record<AccountKind, string> = { asset: 'A', liability: 'L', equity: 'E', income: 'R', expense: 'X' };

const pageEntries = 2_000;
const pageAccounts = 5_000;

export async function exportHledgerJournal(db: Kysely<DB>, tenantId: string, out: Writable): Promise<HledgerExportCounts> {
  // A write error (a full disk, a closed pipe) is kept and thrown by the next write, instead of being an
  // unhandled 'error' event while the export goes on reading the database.
  const writer = new Writer(out);
  out.on('error', writer.onError);
  try {
    // One read-only snapshot: accounts declared up front and postings written later must agree.
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        await writeHeader(trx, tenantId, writer);
        await writeAccounts(trx, tenantId, writer);
        return writeTransactions(trx, tenantId, writer);
      });
  } finally {
    out.off('error', writer.onError);
  }
}

/** Writes with back-pressure: waits for 'drain' when the stream's buffer is full. */
class Writer {
  private failure: Error | undefined;
  readonly onError = (error: Error) => void (this.failure ??= error);

  constructor(private readonly out: Writable) {}

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }
}

/**
 * One segment of an account name: no colon (the separator), no whitespace (two spaces end the name), no
 * comment or grouping characters. Each such character is percent-encoded rather than replaced, so two
 * different customer codes ('C:1', 'C 1', 'C%3A1') always stay two different accounts.
 */
export function accountSegment(text: string): string {
  const encoded = text.replace(/[\s:;#()[\]%]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  return encoded || '%';
}

export function accountName(kind: AccountKind, code: string, customerCode: string | null): string {
  const segments = [rootByKind[kind], ...code.split(':').map(accountSegment)];
  if (customerCode !== null) segments.push(accountSegment(customerCode));
  return segments.join(':');
}

/**
 * Free text on one line that cannot break the syntax: no line breaks, and no ';' (it would start a comment).
 * A leading '(' , '*' or '!' would be read as a transaction code or status, so it is set off by a dash.
 */
export function journalText(text: string): string {
  const flat = text.replace(/[\r\n\t\v\f\u2028\u2029]+/g, ' ').replaceAll(';', ',').trim();
  return /^[(*!]/.test(flat) ? `- ${flat}` : flat;
}

/** `commodity 1000.00 CNY`: the sample amount fixes the decimals hledger expects (`1000. JPY` for none). */
export function commodityDirective(currency: string): string {
  const exponent = currencyExponent(currency);
  return `commodity 1000.${'0'.repeat(exponent)} ${currency}`;
}

async function writeHeader(trx: Transaction<DB>, tenantId: string, out: Writer): Promise<void> {
  const tenant = await trx.selectFrom('tenants').select(['slug', 'name', 'base_currency']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw new KxError('tenant_not_found', 'no such tenant', { details: { tenantId } });
  const currencies = await trx
    .selectFrom('account_balances')
    .select('currency')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .execute();
  const all = [...new Set([tenant.base_currency, ...currencies.map((c) => c.currency)])].sort();
  const lines = [
    `; Kuanxiang journal export of tenant ${journalText(tenant.slug)} (${journalText(tenant.name)}), base currency ${tenant.base_currency}`,
    `; Check with: hledger -s check ordereddates -f FILE`,
    '',
    'decimal-mark .',
    ...all.map(commodityDirective),
    '',
    ...(Object.keys(rootByKind) as AccountKind[]).map((kind) => `account ${rootByKind[kind]}  ; type: ${typeByKind[kind]}`),
  ];
  await out.write(`${lines.join('\n')}\n`);
}

/** Strict mode wants every posted account declared: the chart's accounts, then each customer sub-account in use. */
async function writeAccounts(trx: Transaction<DB>, tenantId: string, out: Writer): Promise<void> {
  const chart = await trx.selectFrom('accounts').select(['code', 'kind', 'name_zh', 'name_en']).where('tenant_id', '=', tenantId).orderBy('code').execute();
  const declarations = chart.map((a) => `account ${accountName(a.kind, a.code, null)}  ; ${journalText(`${a.name_zh} ${a.name_en}`)}`);
  await out.write(`${declarations.join('\n')}\n`);
  let after: { accountId: string; customerKey: string } | undefined;
  for (;;) {
    let query = trx
      .selectFrom('account_balances as b')
      .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'b.tenant_id').onRef('a.id', '=', 'b.account_id'))
      .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'b.tenant_id').onRef('c.id', '=', 'b.customer_key'))
      .select(['b.account_id', 'b.customer_key', 'a.kind', 'a.code', 'c.code as customer_code'])
      .distinct()
      .where('b.tenant_id', '=', tenantId)
      .where('b.customer_key', '<>', NO_CUSTOMER);
    if (after) {
      const { accountId, customerKey } = after;
      query = query.where((eb) => eb(eb.refTuple('b.account_id', 'b.customer_key'), '>', eb.tuple(accountId, customerKey)));
    }
    const rows = await query.orderBy('b.account_id').orderBy('b.customer_key').limit(pageAccounts).execute();
    if (rows.length === 0) break;
    await out.write(`${rows.map((r) => `account ${accountName(r.kind, r.code, r.customer_code)}`).join('\n')}\n`);
    const last = rows[rows.length - 1]!;
    after = { accountId: last.account_id, customerKey: last.customer_key };
  }
}

interface EntryRow {
  id: string;
  entry_date: string;
  memo: string;
  source: string;
  reverses_entry_id: string | null;
}

/**
 * One transaction per journal entry, by date then id, a page at a time. Pages walk one date at a time
 * (entry_date = d, then id > last): the index on (tenant_id, entry_date) bounds every query to one day's
 * entries whatever the planner's statistics say, where a (date, id) row comparison was planned as a scan
 * of everything after the cursor (quadratic over a million entries).
 */
async function writeTransactions(trx: Transaction<DB>, tenantId: string, out: Writer): Promise<HledgerExportCounts> {
  const counts: HledgerExportCounts = { transactions: 0, postings: 0 };
  for (let date = await nextDate(trx, tenantId, null); date !== null; date = await nextDate(trx, tenantId, date)) {
    let afterId: string | null = null;
    for (;;) {
      let query = trx
        .selectFrom('journal_entries')
        .select(['id', 'entry_date', 'memo', 'source', 'reverses_entry_id'])
        .where('tenant_id', '=', tenantId)
        .where('entry_date', '=', date);
      if (afterId !== null) query = query.where('id', '>', afterId);
      const entries: EntryRow[] = await query.orderBy('id').limit(pageEntries).execute();
      if (entries.length === 0) break;
      const postings = await postingsOf(trx, tenantId, entries.map((e) => e.id));
      await out.write(entries.map((entry) => transactionText(entry, postings.get(entry.id) ?? [])).join(''));
      counts.transactions += entries.length;
      for (const entry of entries) counts.postings += postings.get(entry.id)?.length ?? 0;
      if (entries.length < pageEntries) break;
      afterId = entries[entries.length - 1]!.id;
    }
  }
  return counts;
}

async function nextDate(trx: Transaction<DB>, tenantId: string, after: string | null): Promise<string | null> {
  let query = trx.selectFrom('journal_entries').select((eb) => eb.fn.min('entry_date').as('date')).where('tenant_id', '=', tenantId);
  if (after !== null) query = query.where('entry_date', '>', after);
  const row = await query.executeTakeFirst();
  return row?.date ?? null;
}

interface PostingRow {
  entry_id: string;
  kind: AccountKind;
  code: string;
  currency: string;
  amount_minor: bigint;
  customer_code: string | null;
  product_code: string | null;
  department_code: string | null;
  owner_login: string | null;
  channel: string | null;
  memo: string;
}

async function postingsOf(trx: Transaction<DB>, tenantId: string, entryIds: string[]): Promise<Map<string, PostingRow[]>> {
  const rows = await trx
    .selectFrom('journal_lines as l')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'l.tenant_id').onRef('a.id', '=', 'l.account_id'))
    .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'l.tenant_id').onRef('c.id', '=', 'l.customer_id'))
    .leftJoin('products as p', (j) => j.onRef('p.tenant_id', '=', 'l.tenant_id').onRef('p.id', '=', 'l.product_id'))
    .leftJoin('departments as d', (j) => j.onRef('d.tenant_id', '=', 'l.tenant_id').onRef('d.id', '=', 'l.department_id'))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'l.tenant_id').onRef('u.id', '=', 'l.owner_id'))
    .select([
      'l.entry_id', 'a.kind', 'a.code', 'l.currency', 'l.amount_minor', 'c.code as customer_code', 'p.code as product_code',
      'd.code as department_code', 'u.login as owner_login', 'l.channel', 'l.memo',
    ])
    .where('l.tenant_id', '=', tenantId)
    .where('l.entry_id', 'in', entryIds)
    .orderBy('l.entry_id')
    .orderBy('l.line_no')
    .execute();
  const byEntry = new Map<string, PostingRow[]>();
  for (const row of rows) {
    let list = byEntry.get(row.entry_id);
    if (!list) byEntry.set(row.entry_id, (list = []));
    list.push(row);
  }
  return byEntry;
}

/** Tag values end at a comma, so one is never allowed inside a value. */
function tag(name: string, value: string | null): string | null {
  return value === null ? null : `${name}:${journalText(value).replaceAll(',', '_')}`;
}

function transactionText(entry: EntryRow, postings: readonly PostingRow[]): string {
  const tags = [tag('id', entry.id), tag('source', entry.source), tag('reverses', entry.reverses_entry_id)].filter((t) => t !== null);
  const lines = [`${entry.entry_date} * ${journalText(entry.memo) || 'no memo'}  ; ${tags.join(', ')}`];
  for (const p of postings) {
    const account = accountName(p.kind, p.code, p.customer_code);
    // Debit positive, credit negative, exact: formatAmount never rounds.
    const amount = `${formatAmount(p.amount_minor, p.currency)} ${p.currency}`;
    const notes = [
      p.memo ? journalText(p.memo).replaceAll(',', ' ').replace(/:/g, '：') : null,
      tag('product', p.product_code), tag('department', p.department_code), tag('owner', p.owner_login), tag('channel', p.channel),
    ].filter((n) => n !== null && n !== '');
    lines.push(`    ${account.padEnd(48)}  ${amount.padStart(22)}${notes.length ? `  ; ${notes.join(', ')}` : ''}`);
  }
  return `\n${lines.join('\n')}\n`;
}

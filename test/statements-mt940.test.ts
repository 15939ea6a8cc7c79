import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../src/adapters/statements/index.js';
import { isKxError } from '../src/core/errors.js';
import { limits } from '../src/core/limits.js';
import { parseAmountMinor } from '../src/core/money/index.js';
import type { ParsedStatement } from '../src/core/statements/statement.js';

const extdata = process.env.KX_EXTDATA_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/extdata');
const mtDir = resolve(extdata, 'mt940');
const read = (name: string): string => readFileSync(resolve(mtDir, name), 'utf8');

async function rejection(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await expect(promise).rejects.toSatisfy((error: unknown) => isKxError(error) && error.code === code && message.test(error.message));
}

interface Expected {
  account_identification: string;
  statement_number: string;
  final_opening_balance: { status: string; amount: string; currency: string; date: string } | null;
  final_closing_balance: { status: string; amount: string; currency: string; date: string } | null;
  transactions: { date: string; entry_date?: string; amount: string; currency: string; status: string; customer_reference: string; bank_reference?: string; transaction_details?: string }[];
}

/** The wolph/mt940 oracle lists the transactions of all statements in file order, and the last statement's header. */
function compare(statements: readonly ParsedStatement[], expected: Expected): void {
  const lines = statements.flatMap((s) => s.lines);
  expect(lines).toHaveLength(expected.transactions.length);
  expected.transactions.forEach((tx, index) => {
    const line = lines[index];
    const where = `transaction ${index + 1}`;
    expect(line?.valueDate, where).toBe(tx.date);
    expect(line?.bookingDate, where).toBe(tx.entry_date ?? tx.date);
    expect(line?.currency, where).toBe(tx.currency);
    expect(line?.amountMinor, where).toBe(parseAmountMinor(tx.amount.includes('.') ? tx.amount : `${tx.amount}.00`, tx.currency, { allowNegative: true }));
    const reference = tx.customer_reference.trim();
    // A line's end-to-end reference is the :61: customer reference, except the placeholder NONREF.
    expect(line?.endToEndRef, where).toBe(reference === 'NONREF' ? '' : reference);
    expect(line?.bankRef, where).toBe(tx.bank_reference ?? '');
    // Our description is the :86: text, followed by the :61: supplementary details when there are any.
    if (tx.transaction_details !== undefined) expect(line?.description.startsWith(tx.transaction_details), where).toBe(true);
  });
  const last = statements.at(-1);
  expect(last?.accountId).toBe(expected.account_identification);
  expect(last?.statementId).toContain(expected.statement_number);
  for (const [ours, theirs] of [[last?.openingMinor, expected.final_opening_balance], [last?.closingMinor, expected.final_closing_balance]] as const) {
    if (theirs === null) expect(ours).toBeNull();
    else expect(ours).toBe(parseAmountMinor(theirs.amount, theirs.currency) * (theirs.status === 'D' ? -1n : 1n));
  }
}

describe.skipIf(!existsSync(mtDir))(`MT940/MT942 against wolph/mt940's expected parses (${mtDir})`, () => {
  it('cmxl: three statements; the first is in Deutsche Mark, which ISO 4217 no longer lists → rejected with its line', async () => {
    await rejection(parseStatement(Buffer.from(read('cmxl_mt940.sta'))), 'statement_malformed', /"DEM" is not a current ISO 4217 currency.*line 4/);
  });

  it('cmxl: every transaction of the three statements, field by field (DEM re-denominated as EUR, also 2 decimals)', async () => {
    const statements = await parseStatement(Buffer.from(read('cmxl_mt940.sta').replaceAll('DEM', 'EUR')));
    const expected = JSON.parse(read('cmxl_mt940.expected.json')) as Expected;
    compare(statements, { ...expected, transactions: expected.transactions.map((t) => ({ ...t, currency: t.currency === 'DEM' ? 'EUR' : t.currency })) });
    expect(statements.map((s) => s.format)).toEqual(['mt940', 'mt940', 'mt940']);
    expect(statements.flatMap((s) => s.warnings)).toEqual([]); // MANIFEST: all three balance
  });

  it('cmxl: structured :86: subfields give counterparty, account and purpose', async () => {
    const [, second] = await parseStatement(Buffer.from(read('cmxl_mt940.sta').replaceAll('DEM', 'EUR')));
    expect(second?.lines.map((l) => [l.counterpartyName, l.counterpartyAccount, l.description])).toEqual([
      ['MUELLER', '234567', 'DAUERAUFTRAG Miete November'],
      ['MUELLER', '0847564700', 'UEBERWEISUNG Gehalt Oktober Firma Mustermann GmbH'],
    ]);
  });

  it('jejik rabobank: the four statements read; the two that balance have no warning, the two anonymised ones are unbalanced', async () => {
    const statements = await parseStatement(Buffer.from(read('jejik_rabobank.sta')));
    compare(statements, JSON.parse(read('jejik_rabobank.expected.json')) as Expected);
    expect(statements.map((s) => s.warnings.map((w) => w.code))).toEqual([['statement_unbalanced'], [], ['statement_unbalanced'], []]);
    expect(statements[0]?.warnings[0]?.details).toMatchObject({ opening: '473.17', lines: '-1213.28', expectedClosing: '-740.11', closing: '395.82' });
    expect(statements[0]?.lines[0]?.counterpartyName).toBe('W.P. Jansen'); // written after the reference on the :61: line
  });

  it('mBank MT942: no opening or closing balance; totals :90C: agree with the lines', async () => {
    const statements = await parseStatement(readFileSync(resolve(mtDir, 'mBank_mt942.sta')));
    compare(statements, JSON.parse(read('mBank_mt942.expected.json')) as Expected);
    expect(statements.map((s) => [s.format, s.openingMinor, s.closingMinor, s.warnings])).toEqual([['mt942', null, null, []]]);
  });
});

const header = ':20:STMT-2026-03\n:25:CN12345678901234\n:28C:12/1\n:60F:C260301CNY1000,00\n';

describe('MT940 edge cases', () => {
  it('entry date in January of the next year (value date 31 Dec); RC reverses a credit', async () => {
    const file = `${header}:61:2512310102C500,00NTRFSO-42//BANK-1\n:86:货款 SO-42\n:61:2601020102RC20,NTRFNONREF//BANK-2\n:62F:C260102CNY1480,00\n-`;
    const [statement] = await parseStatement(Buffer.from(file));
    expect(statement?.lines.map((l) => [l.valueDate, l.bookingDate, l.amountMinor, l.endToEndRef, l.bankRef, l.description])).toEqual([
      ['2025-12-31', '2026-01-02', 50000n, 'SO-42', 'BANK-1', '货款 SO-42'],
      ['2026-01-02', '2026-01-02', -2000n, '', 'BANK-2', ''],
    ]);
    expect(statement?.warnings).toEqual([]);
  });

  it('the SWIFT envelope ({1:}{2:}{4: … -}) and CRLF line ends are read through', async () => {
    const file = `{1:F01BANKCNBJAXXX0000000000}{2:O9401200260301BANKCNBJAXXX00000000002603011200N}{4:\r\n${header.replaceAll('\n', '\r\n')}:61:260302C1,00NTRFREF\r\n:62F:C260302CNY1001,00\r\n-}`;
    const [statement] = await parseStatement(Buffer.from(file));
    expect([statement?.accountId, statement?.lines.length, statement?.closingMinor]).toEqual(['CN12345678901234', 1, 100100n]);
  });

  it('two identical lines on one day get distinct fingerprints', async () => {
    const fee = ':61:260302D10,00NCHGNONREF\n:86:手续费\n';
    const [statement] = await parseStatement(Buffer.from(`${header}${fee}${fee}:62F:C260302CNY980,00\n`));
    expect(statement?.lines).toHaveLength(2);
    expect(new Set(statement?.lines.map((l) => l.fingerprint)).size).toBe(2);
  });

  it.each<[string, string, string, RegExp]>([
    ['truncated in the middle of a line', 'statement_malformed', `${header}:61:2603`, /:61: "2603" is not a statement line.*line 5/],
    ['truncated before the closing balance', 'statement_malformed', `${header}:61:260302C1,00NTRFREF\n`, /no closing balance.*truncated.*line 1/],
    ['an impossible value date', 'statement_malformed', `${header}:61:260230C1,00NTRFREF\n:62F:C260302CNY1001,00`, /"260230" is not a calendar date.*line 5/],
    ['three decimals in CNY', 'statement_malformed', `${header}:61:260302C1,005NTRFREF\n:62F:C260302CNY1001,00`, /more decimal places.*line 5/],
    ['two decimal commas', 'statement_malformed', `${header}:61:260302C1,0,0NTRFREF\n:62F:C260302CNY1001,00`, /not a SWIFT amount.*line 5/],
    ['fields before :20:', 'statement_malformed', ':25:CN1\n:20:X\n', /before the statement's :20:.*line 1/],
  ])('%s → %s', async (_, code, file, message) => {
    await rejection(parseStatement(Buffer.from(file), { format: 'mt940' }), code, message);
  });

  it(`more than ${limits.statementLinesMax.toLocaleString('en')} lines → statement_too_large`, async () => {
    const line = ':61:260302C1,00NTRFREF\n';
    const file = header + line.repeat(limits.statementLinesMax + 1) + ':62F:C260302CNY1001,00\n';
    await rejection(parseStatement(Buffer.from(file)), 'statement_too_large', /more than 200,000 lines/);
  });
});

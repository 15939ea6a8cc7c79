import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStatement } from '../src/adapters/statements/index.js';
import { isKxError } from '../src/core/errors.js';

const extdata = process.env.KX_EXTDATA_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/extdata');
const camtDir = resolve(extdata, 'camt053');
const read = (name: string): Buffer => readFileSync(resolve(camtDir, name));

/** Rejects with the code and a message that matches. */
async function rejection(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await expect(promise).rejects.toSatisfy((error: unknown) => isKxError(error) && error.code === code && message.test(error.message));
}

interface GenkgoEntry {
  getAmount: { getAmount: string; getCurrency: { getCode: string } };
  getBookingDate: { 0: string };
  getValueDate: { 0: string };
  getCreditDebitIndicator: string;
  getRecord: {
    getId: string;
    getAccount: { getIdentification: string };
    getBalances: { getType: string; getAmount: { getAmount: string; getCurrency: { getCode: string } } }[];
  };
  getTransactionDetail: {
    getReference: { getEndToEndId: string | null };
    getRelatedParties: { getRelatedPartyType: { __CLASS__: string; getName: string }; getAccount: { getIdentification: string } }[];
    getRemittanceInformation: { getMessage: string };
  };
}

describe.skipIf(!existsSync(camtDir))(`CAMT.053 against genkgo/camt's expected parses (${camtDir})`, () => {
  it.each(['camt053.v2.multi.statement', 'camt053.v2.minimal'])('%s: every expected entry, field by field', async (name) => {
    const statements = await parseStatement(read(`${name}.xml`));
    const expected = JSON.parse(read(`${name}.expected.json`).toString('utf8')) as { getEntries: GenkgoEntry[] };
    expect(expected.getEntries.length).toBeGreaterThan(0);
    for (const entry of expected.getEntries) {
      const record = entry.getRecord;
      const statement = statements.find((s) => s.statementId === record.getId);
      expect(statement, record.getId).toBeDefined();
      expect(statement?.accountId).toBe(record.getAccount.getIdentification);
      const opening = record.getBalances.find((b) => b.getType === 'opening');
      expect(statement?.openingMinor).toBe(BigInt(opening?.getAmount.getAmount ?? 'x'));
      const closing = record.getBalances.find((b) => b.getType === 'closing');
      // A closing balance in another currency than the account's is not used (see the minimal file's warnings).
      if (closing !== undefined && closing.getAmount.getCurrency.getCode === statement?.currency) expect(statement.closingMinor).toBe(BigInt(closing.getAmount.getAmount));
      else expect(statement?.closingMinor).toBeNull();
      const line = statement?.lines.find((l) => l.amountMinor === BigInt(entry.getAmount.getAmount));
      if (line === undefined) throw new Error(`no line for ${entry.getAmount.getAmount}`);
      expect(line?.currency).toBe(entry.getAmount.getCurrency.getCode);
      expect(line?.bookingDate).toBe(entry.getBookingDate[0].slice(0, 10));
      expect(line?.valueDate).toBe(entry.getValueDate[0].slice(0, 10));
      expect(line.amountMinor > 0n ? 'CRDT' : 'DBIT').toBe(entry.getCreditDebitIndicator);
      const detail = entry.getTransactionDetail;
      expect(line?.endToEndRef).toBe(detail.getReference.getEndToEndId ?? '');
      expect(line?.description).toBe(detail.getRemittanceInformation.getMessage);
      // The payer on a credit is the debtor; genkgo lists every party, we keep the one on the other side.
      const parties = detail.getRelatedParties;
      const wanted = parties.find((p) => p.getRelatedPartyType.__CLASS__.endsWith(line.amountMinor > 0n ? 'Debtor' : 'Creditor')) ?? parties[0];
      expect(line?.counterpartyName).toBe(wanted?.getRelatedPartyType.getName);
      expect(line?.counterpartyAccount).toBe(wanted?.getAccount.getIdentification);
    }
  });

  it('multi.statement: two statements that each balance and chain (closing of the first = opening of the second)', async () => {
    const [first, second] = await parseStatement(read('camt053.v2.multi.statement.xml'));
    expect([first?.openingMinor, first?.lines.map((l) => l.amountMinor), first?.closingMinor]).toEqual([1815n, [885n], 2700n]);
    expect([second?.openingMinor, second?.lines.map((l) => l.amountMinor), second?.closingMinor]).toEqual([2700n, [-700n], 2000n]);
    expect(first?.warnings).toEqual([]);
    expect(second?.warnings).toEqual([]);
    expect(first?.fromDate).toBe('2007-10-18'); // FrToDt of the statement, as the bank wrote it
    expect(second?.fromDate).toBe('2014-12-31'); // no FrToDt: the booking dates
    expect(new Set([...(first?.lines ?? []), ...(second?.lines ?? [])].map((l) => l.fingerprint)).size).toBe(2);
  });

  it('minimal: closing balance in SEK on a EUR account → currency and balance warnings, not a silent pass', async () => {
    const [statement] = await parseStatement(read('camt053.v2.minimal.xml'));
    expect(statement?.warnings.map((w) => w.code)).toEqual(['statement_currency_mixed', 'statement_unbalanced']);
    expect(statement?.warnings[0]?.details).toMatchObject({ balance: 'CLBD', currency: 'SEK', amount: '-27.00' });
  });

  it('wrong: a group header without a statement is rejected with a clear message', async () => {
    await rejection(parseStatement(read('camt053.v2.wrong.xml')), 'statement_malformed', /no statement \(<Stmt>\)/);
  });

  it('re-importing the same file gives the same fingerprints', async () => {
    const once = (await parseStatement(read('camt053.v2.multi.statement.xml'))).flatMap((s) => s.lines.map((l) => l.fingerprint));
    const again = (await parseStatement(read('camt053.v2.multi.statement.xml'))).flatMap((s) => s.lines.map((l) => l.fingerprint));
    expect(again).toEqual(once);
  });
});

/** A camt.053 of any version with the given entries; enough structure for the parser. */
function camt(entries: string, { version = '02', prefix = '', balances = true, extra = '' } = {}): Uint8Array {
  const p = prefix === '' ? '' : `${prefix}:`;
  const bal = (code: string, amount: string) =>
    `<${p}Bal><${p}Tp><${p}CdOrPrtry><${p}Cd>${code}</${p}Cd></${p}CdOrPrtry></${p}Tp><${p}Amt Ccy="CNY">${amount}</${p}Amt><${p}CdtDbtInd>CRDT</${p}CdtDbtInd><${p}Dt><${p}Dt>2026-03-01</${p}Dt></${p}Dt></${p}Bal>`;
  const xmlns = prefix === '' ? `xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}"` : `xmlns:${prefix}="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}"`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<${p}Document ${xmlns}><${p}BkToCstmrStmt><${p}GrpHdr><${p}MsgId>M1</${p}MsgId></${p}GrpHdr>
<${p}Stmt><${p}Id>S-1</${p}Id><${p}Acct><${p}Id><${p}Othr><${p}Id>6222020200001234567</${p}Id></${p}Othr></${p}Id><${p}Ccy>CNY</${p}Ccy></${p}Acct>
${balances ? bal('OPBD', '100.00') + bal('CLBD', '350.00') : ''}${extra}${entries}</${p}Stmt></${p}BkToCstmrStmt></${p}Document>`);
}

function entry(amount: string, { cdi = 'CRDT', status = '<Sts>BOOK</Sts>', date = '<Dt>2026-03-02</Dt>', details = '' } = {}): string {
  return `<Ntry><Amt Ccy="CNY">${amount}</Amt><CdtDbtInd>${cdi}</CdtDbtInd>${status}<BookgDt>${date}</BookgDt><AcctSvcrRef>BR-${amount}</AcctSvcrRef>${details}</Ntry>`;
}

describe('CAMT.053 edge cases', () => {
  it('v8 (.001.08): Sts as a code, DtTm booking dates, related party inside Pty, structured reference', async () => {
    const details = '<NtryDtls><TxDtls><Refs><EndToEndId>SO-2026-0042</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>上海远景贸易有限公司</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>CN0012345</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Strd><CdtrRefInf><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls>';
    const file = camt(entry('250.00', { status: '<Sts><Cd>BOOK</Cd></Sts>', date: '<DtTm>2026-03-02T23:30:00+08:00</DtTm>', details }), { version: '08' });
    const [statement] = await parseStatement(file);
    expect(statement?.warnings).toEqual([]);
    expect(statement?.lines).toEqual([expect.objectContaining({
      bookingDate: '2026-03-02', // the bank's date, not shifted to UTC
      amountMinor: 25000n,
      counterpartyName: '上海远景贸易有限公司',
      counterpartyAccount: 'CN0012345',
      endToEndRef: 'SO-2026-0042',
      bankRef: 'BR-250.00',
      description: 'RF18539007547034',
    })]);
    expect(statement?.accountId).toBe('6222020200001234567');
  });

  it('namespace prefixes (ns2:) read the same', async () => {
    const [statement] = await parseStatement(camt(entry('250.00').replace(/<(\/?)(\w+)/g, '<$1ns2:$2'), { prefix: 'ns2' }));
    expect(statement?.lines.map((l) => l.amountMinor)).toEqual([25000n]);
  });

  it('pending entries are skipped with a warning at their entry number; the booked ones balance', async () => {
    const [statement] = await parseStatement(camt(entry('250.00') + entry('99.00', { status: '<Sts>PDNG</Sts>' })));
    expect(statement?.lines.map((l) => l.amountMinor)).toEqual([25000n]);
    expect(statement?.warnings).toEqual([expect.objectContaining({ code: 'statement_row_skipped', position: 2 })]);
  });

  it('does not balance → statement_unbalanced with the figures', async () => {
    const [statement] = await parseStatement(camt(entry('250.00') + entry('0.01', { cdi: 'DBIT' })));
    expect(statement?.warnings).toEqual([expect.objectContaining({
      code: 'statement_unbalanced',
      details: expect.objectContaining({ opening: '100.00', lines: '249.99', expectedClosing: '349.99', closing: '350.00', difference: '0.01' }),
    })]);
  });

  it('TxsSummry totals that disagree with the entries → statement_totals_disagree', async () => {
    const summary = '<TxsSummry><TtlCdtNtries><NbOfNtries>2</NbOfNtries><Sum>250.00</Sum></TtlCdtNtries></TxsSummry>';
    const [statement] = await parseStatement(camt(entry('250.00'), { extra: summary }));
    expect(statement?.warnings.map((w) => w.code)).toEqual(['statement_totals_disagree']);
  });

  it.each<[string, string, Uint8Array, RegExp]>([
    ['more decimals than CNY has', 'statement_malformed', camt(entry('250.001')), /more decimal places.*entry 1/],
    ['an impossible booking date', 'statement_malformed', camt(entry('1.00', { date: '<Dt>2026-02-30</Dt>' })), /2026-02-30.*calendar date.*entry 1/],
    ['a CdtDbtInd that is neither', 'statement_malformed', camt(entry('1.00', { cdi: 'CRED' })), /CRED.*entry 1/],
    ['an unclosed tag', 'statement_malformed', Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt></BkToCstmrStmt></Document>'), /not well-formed XML.*line 1/],
    ['a DOCTYPE (XXE)', 'statement_malformed', Buffer.from('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>&x;</Id></Stmt></BkToCstmrStmt></Document>'), /DTD/],
    ['billion laughs', 'statement_malformed', Buffer.from('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Document xmlns="camt.053"><BkToCstmrStmt/></Document>'), /DTD/],
    ['a camt.052 report instead', 'statement_format_unknown', Buffer.from('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrAcctRpt><GrpHdr/></BkToCstmrAcctRpt></Document>'), /BkToCstmrAcctRpt/],
  ])('%s → %s', async (_, code, file, message) => {
    await rejection(parseStatement(file), code, message);
  });

  it('two identical entries get distinct fingerprints, stable across imports', async () => {
    const twice = entry('125.00') + entry('125.00');
    const [a] = await parseStatement(camt(twice));
    const [b] = await parseStatement(camt(twice));
    expect(new Set(a?.lines.map((l) => l.fingerprint)).size).toBe(2);
    expect(b?.lines.map((l) => l.fingerprint)).toEqual(a?.lines.map((l) => l.fingerprint));
  });
});

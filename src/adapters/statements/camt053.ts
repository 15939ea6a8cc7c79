import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { StatementWarning } from '../../core/statements/statement.js';
import {
  type At,
  type DraftLine,
  type DraftStatement,
  RowWarnings,
  atEntry,
  checkedCurrency,
  dateRange,
  decimalOf,
  digestId,
  isoDate,
  malformed,
  minorOf,
  tooLarge,
} from './common.js';

/*
 * ISO 20022 camt.053 (BankToCustomerStatement), versions .001.02 to .001.08. The element names we read did not
 * change across those versions except where noted (Sts became a code choice in .08, related parties gained a
 * Pty wrapper in .07), and namespace prefixes are dropped, so one reader serves them all.
 */

type XmlNode = Record<string, unknown>;

// Elements that may repeat; the parser otherwise gives an object for one and an array for two.
const REPEATING = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'CdtrRefInf', 'AddtlNtryInf', 'AddtlTxInf']);

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Amounts and ids stay text: "000123" is a reference and "8.85" must never pass through a float.
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  isArray: (name) => REPEATING.has(name),
});

export function parseCamt053(text: string, defaultCurrency?: string): DraftStatement[] {
  // A DTD is how XML bombs (billion laughs) and external entities (XXE: reading server files) get in; bank
  // statements never need one, so a file that declares one is refused before any parser sees it.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new KxError('statement_malformed', 'The XML declares a DTD or entities (<!DOCTYPE/<!ENTITY>); statements never need them, so the file is refused for safety.');
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new KxError('statement_malformed', `The file is not well-formed XML: ${msg} (at line ${line}, column ${col}).`, {
      details: { position: line, line, column: col },
    });
  }
  const document = asNode(asNode(parser.parse(text)).Document);
  const statementMessage = asNode(document.BkToCstmrStmt);
  if (Object.keys(statementMessage).length === 0) {
    const root = Object.keys(document).filter((key) => !key.startsWith('@'))[0] ?? 'nothing';
    throw new KxError('statement_format_unknown', `The XML is not a camt.053 bank statement: its document holds <${root}>, not <BkToCstmrStmt>.`, {
      details: { root },
    });
  }
  const statements = nodes(statementMessage.Stmt);
  if (statements.length === 0) {
    throw new KxError('statement_malformed', 'The camt.053 file has a group header but no statement (<Stmt>): there is nothing to import.');
  }
  const entryCount = statements.reduce((count, stmt) => count + nodes(stmt.Ntry).length, 0);
  if (entryCount > limits.statementLinesMax) throw tooLarge(entryCount);

  let entryIndex = 0;
  return statements.map((stmt) => {
    const firstEntry = entryIndex + 1;
    entryIndex += nodes(stmt.Ntry).length;
    return readStatement(stmt, firstEntry, text, defaultCurrency);
  });
}

function readStatement(stmt: XmlNode, firstEntry: number, text: string, defaultCurrency?: string): DraftStatement {
  const account = asNode(stmt.Acct);
  const accountId = accountIdOf(account);
  const entries = nodes(stmt.Ntry);
  const currencyText = textOf(account.Ccy) || balanceCurrency(stmt) || attr(entries[0]?.Amt, 'Ccy') || (defaultCurrency ?? '');
  if (currencyText === '') throw malformed('The statement names no currency (Acct/Ccy, balance or entry Ccy)', atEntry(firstEntry));
  const currency = checkedCurrency(currencyText);
  const statementId = textOf(stmt.Id) || digestId('camt053', text);
  const warnings: StatementWarning[] = [];
  const opening = balanceOf(stmt, ['OPBD', 'PRCD'], currency, statementId, warnings);
  const closing = balanceOf(stmt, ['CLBD'], currency, statementId, warnings);
  const rowWarnings = new RowWarnings();
  const lines: DraftLine[] = [];
  entries.forEach((entry, index) => {
    const line = entryLine(entry, atEntry(firstEntry + index), currency, accountId, rowWarnings);
    if (line !== null) lines.push(line);
  });
  warnings.push(...rowWarnings.toArray(), ...summaryWarnings(stmt, lines, currency));
  const period = asNode(stmt.FrToDt);
  const fromHeader = dateOfText(textOf(period.FrDtTm) || textOf(period.FrDt));
  const toHeader = dateOfText(textOf(period.ToDtTm) || textOf(period.ToDt));
  const fromLines = dateRange(lines);
  return {
    format: 'camt053',
    statementId,
    accountId,
    currency,
    openingMinor: opening?.amountMinor ?? null,
    closingMinor: closing?.amountMinor ?? null,
    fromDate: fromHeader ?? fromLines.fromDate ?? opening?.date ?? null,
    toDate: toHeader ?? fromLines.toDate ?? closing?.date ?? null,
    lines,
    warnings,
  };
}

function entryLine(entry: XmlNode, at: At, currency: string, accountId: string, warnings: RowWarnings): DraftLine | null {
  const status = textOf(entry.Sts) || textOf(asNode(entry.Sts).Cd);
  if (status !== '' && status !== 'BOOK') {
    // Pending (PDNG) and information-only (INFO) entries are not in the booked balance: matching them would
    // reconcile money the bank has not booked.
    warnings.add({ code: 'statement_row_skipped', message: `Entry ${at.position} is not booked (status ${status}); only booked entries are imported.`, position: at.position, details: { status } });
    return null;
  }
  const entryCurrency = attr(entry.Amt, 'Ccy') || currency;
  const magnitude = minorOf(textOf(entry.Amt), checkedCurrency(entryCurrency, at), at);
  const direction = textOf(entry.CdtDbtInd);
  if (direction !== 'CRDT' && direction !== 'DBIT') throw malformed(`CdtDbtInd "${direction}" is neither CRDT nor DBIT`, at);
  if (magnitude <= 0n) {
    warnings.add({ code: 'statement_row_skipped', message: `Entry ${at.position} has no amount (0); a bank line always moves money.`, position: at.position });
    return null;
  }
  const bookingDate = dateOf(entry.BookgDt, at) ?? dateOf(entry.ValDt, at);
  if (bookingDate === null) throw malformed('The entry has neither a booking date nor a value date', at);
  const transactions = nodes(entry.NtryDtls).flatMap((details) => nodes(details.TxDtls));
  const first = transactions[0] ?? {};
  const refs = asNode(first.Refs);
  const endToEnd = textOf(refs.EndToEndId);
  const party = counterparty(asNode(first.RltdPties), direction === 'CRDT', accountId);
  return {
    position: at.position,
    bookingDate,
    valueDate: dateOf(entry.ValDt, at),
    amountMinor: direction === 'CRDT' ? magnitude : -magnitude,
    currency: entryCurrency,
    counterpartyName: party.name,
    counterpartyAccount: party.account,
    bankRef: textOf(entry.AcctSvcrRef) || textOf(refs.AcctSvcrRef),
    endToEndRef: endToEnd === 'NOTPROVIDED' ? '' : endToEnd,
    description: descriptionOf(entry, transactions),
  };
}

/**
 * The other side of the booking: the debtor pays us on a credit, the creditor is paid on a debit. Banks that
 * fill only one side get that side, unless it is our own account: learning "our own name pays customer X"
 * from a confirmed match would mislead every later suggestion.
 */
function counterparty(parties: XmlNode, isCredit: boolean, ownAccount: string): { name: string; account: string } {
  const side = (prefix: 'Dbtr' | 'Cdtr') => {
    const party = asNode(parties[prefix]);
    const name = textOf(party.Nm) || textOf(asNode(party.Pty).Nm);
    return { name, account: accountIdOf(asNode(parties[`${prefix}Acct`])) };
  };
  const wanted = side(isCredit ? 'Dbtr' : 'Cdtr');
  if (wanted.name !== '' || wanted.account !== '') return wanted;
  const other = side(isCredit ? 'Cdtr' : 'Dbtr');
  return other.account !== '' && other.account !== ownAccount ? other : { name: '', account: '' };
}

function descriptionOf(entry: XmlNode, transactions: readonly XmlNode[]): string {
  const parts: string[] = [];
  for (const tx of transactions) {
    const remittance = asNode(tx.RmtInf);
    parts.push(...nodes(remittance.Ustrd).map(textOf));
    for (const structured of nodes(remittance.Strd)) {
      parts.push(...nodes(structured.CdtrRefInf).map((info) => textOf(info.Ref)));
      parts.push(...nodes(structured.AddtlRmtInf).map(textOf));
    }
    parts.push(...nodes(tx.AddtlTxInf).map(textOf));
  }
  if (parts.join('') === '') parts.push(...nodes(entry.AddtlNtryInf).map(textOf));
  return parts.filter((part) => part !== '').join(' ');
}

interface Balance {
  amountMinor: bigint;
  date: string | null;
}

function balanceOf(stmt: XmlNode, codes: readonly string[], currency: string, statementId: string, warnings: StatementWarning[]): Balance | null {
  for (const code of codes) {
    const balance = nodes(stmt.Bal).find((bal) => balanceCode(bal) === code);
    if (balance === undefined) continue;
    const balanceCurrency = attr(balance.Amt, 'Ccy') || currency;
    const magnitude = minorOf(textOf(balance.Amt), checkedCurrency(balanceCurrency));
    const amountMinor = textOf(balance.CdtDbtInd) === 'DBIT' ? -magnitude : magnitude;
    if (balanceCurrency !== currency) {
      warnings.push({
        code: 'statement_currency_mixed',
        message: `The ${code} balance of statement ${statementId} is in ${balanceCurrency} (${decimalOf(amountMinor, balanceCurrency)}), not in the account currency ${currency}; it is not used, so the statement cannot be checked against it.`,
        details: { balance: code, currency: balanceCurrency, statementCurrency: currency, amount: decimalOf(amountMinor, balanceCurrency) },
      });
      if (code === 'CLBD') {
        warnings.push({ code: 'statement_unbalanced', message: `Statement ${statementId} cannot be shown to balance: its closing balance is in ${balanceCurrency}, not ${currency}.`, details: { closingCurrency: balanceCurrency, currency } });
      }
      return null;
    }
    return { amountMinor, date: dateOf(balance.Dt, undefined) };
  }
  return null;
}

/** TxsSummry, when the bank sends it: the number and sum of credits and debits must agree with the entries. */
function summaryWarnings(stmt: XmlNode, lines: readonly DraftLine[], currency: string): StatementWarning[] {
  const summary = asNode(stmt.TxsSummry);
  const warnings: StatementWarning[] = [];
  for (const [key, label, isCredit] of [['TtlCdtNtries', 'credit', true], ['TtlDbtNtries', 'debit', false]] as const) {
    const totals = asNode(summary[key]);
    const countText = textOf(totals.NbOfNtries);
    const sumText = textOf(totals.Sum);
    if (countText === '' && sumText === '') continue;
    const own = lines.filter((line) => line.currency === currency && (line.amountMinor > 0n) === isCredit);
    const ownSum = own.reduce((sum, line) => sum + (isCredit ? line.amountMinor : -line.amountMinor), 0n);
    const countAgrees = countText === '' || Number(countText) === own.length;
    const sumAgrees = sumText === '' || minorOf(sumText, currency) === ownSum;
    if (countAgrees && sumAgrees) continue;
    warnings.push({
      code: 'statement_totals_disagree',
      message: `The statement's ${label} totals say ${countText || '?'} entries for ${sumText || '?'} ${currency}; the booked entries read are ${own.length} for ${decimalOf(ownSum, currency)}.`,
      details: { side: label, headerCount: countText, headerSum: sumText, rowCount: String(own.length), rowSum: decimalOf(ownSum, currency) },
    });
  }
  return warnings;
}

function balanceCode(balance: XmlNode): string {
  const kind = asNode(asNode(balance.Tp).CdOrPrtry);
  return textOf(kind.Cd) || textOf(kind.Prtry);
}

function balanceCurrency(stmt: XmlNode): string {
  const opening = nodes(stmt.Bal).find((bal) => ['OPBD', 'PRCD'].includes(balanceCode(bal)));
  return opening === undefined ? '' : attr(opening.Amt, 'Ccy');
}

function accountIdOf(account: XmlNode): string {
  const id = asNode(account.Id);
  return textOf(id.IBAN) || textOf(asNode(id.Othr).Id);
}

/** Dt or DtTm; the date part is the bank's own business date, so a time zone offset is not applied to it. */
function dateOf(value: unknown, at: At | undefined): string | null {
  const node = asNode(value);
  return dateOfText(textOf(node.Dt) || textOf(node.DtTm), at);
}

function dateOfText(text: string, at?: At): string | null {
  if (text === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (match === null) throw malformed(`"${text}" is not an ISO date`, at, { date: text });
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]), text, at);
}

function asNode(value: unknown): XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlNode) : {};
}

function nodes(value: unknown): XmlNode[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map((item) => (typeof item === 'string' ? { '#text': item } : asNode(item)));
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  const text = asNode(value)['#text'];
  return typeof text === 'string' ? text.trim() : '';
}

function attr(value: unknown, name: string): string {
  const found = asNode(value)[`@${name}`];
  return typeof found === 'string' ? found.trim() : '';
}

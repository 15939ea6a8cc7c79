import { limits } from '../../core/limits.js';
import type { StatementWarning } from '../../core/statements/statement.js';
import {
  type At,
  type DraftLine,
  type DraftStatement,
  atLine,
  checkedCurrency,
  dateRange,
  decimalOf,
  isoDate,
  malformed,
  minorOf,
  tooLarge,
} from './common.js';

/*
 * SWIFT MT940 (customer statement) and MT942 (interim transaction report), as banks deliver them in files:
 * with or without the {1:}{2:}{4: … -} envelope, SOH/ETX framing, "-" separators, several messages per file.
 * MT942 has no opening or closing balance, so both are null and nothing can be balanced.
 */

interface Field {
  tag: string;
  value: string;
  line: number;
}

const FIELD_START = /^:(\d{2}[A-Z]?):(.*)$/;

export function parseMt940(text: string): DraftStatement[] {
  const groups = statementsOf(fieldsOf(text));
  if (groups.length === 0) throw malformed('No MT940/MT942 statement found: the file has no :20: field');
  return groups.map(readStatement);
}

function fieldsOf(text: string): Field[] {
  const cleaned = text
    // SWIFT envelope blocks 1–3 and the start of block 4 hold routing data, not statement fields.
    .replace(/\{[1-3]:(?:[^{}]|\{[^{}]*\})*\}/g, '')
    .replace(/\{4:/g, '')
    .replace(/\{5:(?:[^{}]|\{[^{}]*\})*\}/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0001\u0003]/g, '');
  const fields: Field[] = [];
  let transactions = 0;
  let current: Field | undefined;
  const rows = cleaned.split(/\r?\n/);
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] ?? '';
    const start = FIELD_START.exec(row);
    if (start !== null) {
      current = { tag: start[1] ?? '', value: start[2] ?? '', line: index + 1 };
      fields.push(current);
      if (current.tag === '61' && ++transactions > limits.statementLinesMax) throw tooLarge(transactions);
    } else if (row === '-' || row === '-}' || /^:9\d\d:$/.test(row.trim())) {
      current = undefined; // end of a message, or a file-type marker such as ":940:"
    } else if (row.trim() !== '' && current !== undefined) {
      current.value += `\n${row}`;
    }
  }
  return fields;
}

function statementsOf(fields: readonly Field[]): Field[][] {
  const groups: Field[][] = [];
  for (const field of fields) {
    if (field.tag === '20') groups.push([field]);
    else if (groups.length === 0) throw malformed(`Field :${field.tag}: comes before the statement's :20: reference`, atLine(field.line));
    else groups.at(-1)?.push(field);
  }
  return groups;
}

interface Balance {
  amountMinor: bigint;
  currency: string;
  date: string;
}

function readStatement(fields: readonly Field[]): DraftStatement {
  const head = fields[0] as Field;
  const at = atLine(head.line);
  const value = (...tags: string[]): Field | undefined => fields.find((field) => tags.includes(field.tag));
  const account = value('25');
  if (account === undefined) throw malformed(`Statement ${head.value.trim()} has no account (:25:)`, at);
  const opening = optionalBalance(value('60F', '60M'));
  const closing = optionalBalance(value('62F', '62M'));
  const isInterim = opening === null && closing === null;
  const currency = opening?.currency ?? closing?.currency ?? interimCurrency(fields);
  if (currency === undefined) throw malformed(`Statement ${head.value.trim()} names no currency (no :60F:, :62F: or :34F:)`, at);
  const warnings: StatementWarning[] = [];
  if (opening !== null && closing !== null && closing.currency !== opening.currency) {
    warnings.push({ code: 'statement_currency_mixed', message: `The closing balance is in ${closing.currency}, the opening balance in ${opening.currency}.`, position: head.line, details: { opening: opening.currency, closing: closing.currency } });
  }
  const lines = transactionsOf(fields, currency);
  if (!isInterim && (opening === null || closing === null)) {
    const missing = opening === null ? 'opening balance (:60F:)' : 'closing balance (:62F:)';
    throw malformed(`Statement ${head.value.trim()} has no ${missing}: the file looks truncated`, at);
  }
  warnings.push(...totalsWarnings(fields, lines, currency));
  const number = value('28C', '28')?.value.trim();
  const range = dateRange(lines);
  return {
    format: isInterim ? 'mt942' : 'mt940',
    statementId: number === undefined || number === '' ? head.value.trim() : `${head.value.trim()}/${number}`,
    accountId: account.value.trim(),
    currency,
    openingMinor: opening?.amountMinor ?? null,
    closingMinor: closing !== null && closing.currency === currency ? closing.amountMinor : null,
    fromDate: range.fromDate ?? opening?.date ?? interimDate(fields),
    toDate: range.toDate ?? closing?.date ?? interimDate(fields),
    lines,
    warnings,
    position: head.line,
  };
}

function transactionsOf(fields: readonly Field[], currency: string): DraftLine[] {
  const lines: DraftLine[] = [];
  let details: string[] | undefined; // :86: fields of the current :61:
  let open: { line: DraftLine; supplementary: string } | undefined;
  const close = (): void => {
    if (open === undefined) return;
    const text = [details?.join('\n') ?? '', open.supplementary].filter((part) => part !== '');
    const structured = details === undefined || details.length !== 1 ? null : structured86(details[0] ?? '');
    if (structured !== null) {
      open.line.description = [structured.description, open.supplementary].filter((part) => part !== '').join('\n');
      if (structured.name !== '') open.line.counterpartyName = structured.name;
      if (structured.account !== '') open.line.counterpartyAccount = structured.account;
      if (open.line.endToEndRef === '' && structured.endToEndRef !== '') open.line.endToEndRef = structured.endToEndRef;
    } else {
      open.line.description = text.join('\n');
    }
    lines.push(open.line);
    open = undefined;
    details = undefined;
  };
  for (const field of fields) {
    if (field.tag === '61') {
      close();
      open = transaction(field, currency);
    } else if (field.tag === '86' && open !== undefined) {
      (details ??= []).push(unstructuredText(field.value));
    } else {
      close(); // an :86: after the closing balance is about the statement, not the last line
    }
  }
  close();
  return lines;
}

// Value date, optional entry date MMDD, mark (C, D, RC, RD), optional third letter of the currency code, amount
// with a decimal comma, transaction type (N/F/S + 3), then references.
const FIELD_61 = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d[\d,]*)([NFS][A-Z0-9]{3})(.*)$/;

function transaction(field: Field, currency: string): { line: DraftLine; supplementary: string } {
  const at = atLine(field.line);
  const [main = '', ...more] = field.value.split('\n');
  const match = FIELD_61.exec(main.trim());
  if (match === null) throw malformed(`:61: "${main.trim()}" is not a statement line (date, C/D mark, amount, type, reference)`, at);
  const [, valueText = '', entryText, mark = '', , amountText = '', , references = ''] = match;
  const valueDate = yymmdd(valueText, at);
  const bookingDate = entryText === undefined ? valueDate : entryDate(valueDate, entryText, at);
  const magnitude = minorOf(decimalText(amountText, at), currency, at);
  if (magnitude === 0n) throw malformed(':61: has a zero amount', at);
  // RC reverses a credit (money goes out again), RD reverses a debit.
  const isCredit = mark === 'C' || mark === 'RD';
  const slash = references.indexOf('//');
  const customerRef = (slash >= 0 ? references.slice(0, slash) : references.slice(0, 16)).trim();
  const bankRef = slash >= 0 ? references.slice(slash + 2).trim() : '';
  // Some banks (Rabobank) write the counterparty after the 16-character reference on the same line, which the
  // standard leaves for the next line.
  const overflow = slash >= 0 ? '' : references.slice(16).trim();
  return {
    line: {
      position: field.line,
      bookingDate,
      valueDate,
      amountMinor: isCredit ? magnitude : -magnitude,
      currency,
      counterpartyName: overflow,
      counterpartyAccount: '',
      bankRef,
      endToEndRef: customerRef === 'NONREF' ? '' : customerRef,
      description: '',
    },
    supplementary: more.map((row) => row.trim()).filter((row) => row !== '').join(' '),
  };
}

/**
 * German-style structured :86: ("GVC?00posting text?20purpose…?32name"), used well beyond Germany. Purpose and
 * name come in 27-character subfields; a full one was cut mid-text by the bank, so it joins without a space.
 */
function structured86(text: string): { description: string; name: string; account: string; endToEndRef: string } | null {
  const flat = joinWrappedLines(text);
  if (!/^\s?\d{3}\?/.test(flat)) return null;
  const subfields = new Map<string, string[]>();
  for (const part of flat.trim().slice(3).split('?').slice(1)) {
    const key = part.slice(0, 2);
    subfields.set(key, [...(subfields.get(key) ?? []), part.slice(2)]);
  }
  const joined = (keys: readonly string[]): string => {
    let out = '';
    let previous = '';
    for (const chunk of keys.flatMap((key) => subfields.get(key) ?? [])) {
      out += out === '' || previous.length >= 27 ? chunk : ` ${chunk}`;
      previous = chunk;
    }
    return out.trim();
  };
  const purposeKeys = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63'];
  const purpose = joined(purposeKeys);
  // SEPA transfers carry the payer's end-to-end reference in the purpose text as "EREF+…".
  const endToEnd = /EREF\+\s*(\S+)/.exec(purpose)?.[1] ?? '';
  return {
    description: [joined(['00']), purpose].filter((part) => part !== '').join(' '),
    name: joined(['32', '33']),
    account: joined(['38']) || joined(['31']),
    endToEndRef: endToEnd === 'NOTPROVIDED' ? '' : endToEnd,
  };
}

/**
 * SWIFT wraps long fields at 65 characters wherever the text happens to be, so wrapped lines join without a
 * space ("TRANZY" + "STORY-", "084756" + "4700"). Some banks wrap at word ends instead ("Firma" / "Mustermann");
 * a lower-case letter followed by a capital is taken as such a word boundary.
 */
function joinWrappedLines(text: string): string {
  const rows = text.split('\n');
  let out = rows[0] ?? '';
  for (const row of rows.slice(1)) out += /\p{Ll}$/u.test(out) && /^\p{Lu}/u.test(row) ? ` ${row}` : row;
  return out;
}

function unstructuredText(value: string): string {
  return value.split('\n').map((row) => row.trimEnd()).join('\n').trim();
}

function optionalBalance(field: Field | undefined): Balance | null {
  if (field === undefined) return null;
  const at = atLine(field.line);
  const match = /^([CD])(\d{6})([A-Z]{3})(\d[\d,]*)$/.exec(field.value.trim());
  if (match === null) throw malformed(`:${field.tag}: "${field.value.trim()}" is not a balance (C/D, YYMMDD, currency, amount)`, at);
  const [, mark, dateText = '', currencyText = '', amountText = ''] = match;
  const currency = checkedCurrency(currencyText, at);
  const magnitude = minorOf(decimalText(amountText, at), currency, at);
  return { amountMinor: mark === 'D' ? -magnitude : magnitude, currency, date: yymmdd(dateText, at) };
}

/** MT942 has no balances: its currency is in the floor limit (:34F:) or the totals (:90D:/:90C:). */
function interimCurrency(fields: readonly Field[]): string | undefined {
  for (const field of fields) {
    const code = field.tag === '34F' ? field.value.trim().slice(0, 3)
      : field.tag === '90D' || field.tag === '90C' ? /^\d+([A-Z]{3})/.exec(field.value.trim())?.[1] : undefined;
    if (code !== undefined) return checkedCurrency(code, atLine(field.line));
  }
  return undefined;
}

function interimDate(fields: readonly Field[]): string | null {
  const stamp = fields.find((field) => field.tag === '13D' || field.tag === '13');
  return stamp === undefined ? null : yymmdd(stamp.value.trim().slice(0, 6), atLine(stamp.line));
}

/** :90D:/:90C: count and sum of debits/credits (MT942, some MT940): must agree with the lines read. */
function totalsWarnings(fields: readonly Field[], lines: readonly DraftLine[], currency: string): StatementWarning[] {
  const warnings: StatementWarning[] = [];
  for (const field of fields.filter((f) => f.tag === '90D' || f.tag === '90C')) {
    const at = atLine(field.line);
    const match = /^(\d+)([A-Z]{3})(\d[\d,]*)$/.exec(field.value.trim());
    if (match === null) throw malformed(`:${field.tag}: "${field.value.trim()}" is not a count, currency and amount`, at);
    const isCredit = field.tag === '90C';
    const own = lines.filter((line) => (line.amountMinor > 0n) === isCredit);
    const ownSum = own.reduce((sum, line) => sum + (isCredit ? line.amountMinor : -line.amountMinor), 0n);
    const headerSum = minorOf(decimalText(match[3] ?? '', at), checkedCurrency(match[2] ?? '', at), at);
    if (Number(match[1]) === own.length && headerSum === ownSum) continue;
    const side = isCredit ? 'credit' : 'debit';
    warnings.push({
      code: 'statement_totals_disagree',
      message: `:${field.tag}: says ${match[1]} ${side} lines for ${decimalOf(headerSum, currency)} ${currency}; the file holds ${own.length} for ${decimalOf(ownSum, currency)}.`,
      position: field.line,
      details: { side, headerCount: match[1] ?? '', headerSum: decimalOf(headerSum, currency), rowCount: String(own.length), rowSum: decimalOf(ownSum, currency) },
    });
  }
  return warnings;
}

/** SWIFT amounts: digits with one decimal comma ("1234,5", "6800,"), leading zeros allowed. */
function decimalText(amount: string, at: At): string {
  const match = /^0*(\d*),(\d*)$/.exec(amount) ?? /^0*(\d*)()$/.exec(amount);
  if (match === null) throw malformed(`Amount "${amount}" is not a SWIFT amount (digits with one decimal comma)`, at);
  const integer = match[1] === '' ? '0' : (match[1] ?? '0');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

function yymmdd(text: string, at: At): string {
  if (!/^\d{6}$/.test(text)) throw malformed(`"${text}" is not a YYMMDD date`, at);
  const yy = Number(text.slice(0, 2));
  // SWIFT dates have two-digit years; statements from before 1980 are not imported into a 2026 system.
  return isoDate(yy < 80 ? 2000 + yy : 1900 + yy, Number(text.slice(2, 4)), Number(text.slice(4, 6)), text, at);
}

/** The entry date has no year: it is the one of three neighbouring years closest to the value date (Dec/Jan). */
function entryDate(valueDate: string, mmdd: string, at: At): string {
  const year = Number(valueDate.slice(0, 4));
  const month = Number(mmdd.slice(0, 2));
  const day = Number(mmdd.slice(2, 4));
  const valueMs = Date.parse(valueDate);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidateYear of [year - 1, year, year + 1]) {
    const candidate = new Date(Date.UTC(candidateYear, month - 1, day));
    if (candidate.getUTCMonth() !== month - 1 || candidate.getUTCDate() !== day) continue; // 29 Feb of a common year
    const distance = Math.abs(candidate.getTime() - valueMs);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate.toISOString().slice(0, 10);
    }
  }
  if (best === undefined) throw malformed(`Entry date "${mmdd}" is not a calendar date`, at, { date: mmdd });
  return best;
}

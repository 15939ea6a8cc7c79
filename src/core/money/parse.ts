import { KxError, type ErrorCode } from '../errors.js';
import { currencyExponent } from './currency.js';
import { formatAmount } from './format.js';
import { money, type Money } from './money.js';

/**
 * Largest magnitude of one amount, in minor units (9,999,999,999,999.99 CNY; 999,999,999,999,999 JPY).
 * Amounts are bigint end to end, so JS Number precision is not what limits them (the bound happens to sit below
 * 2^53 as well). The limit is the ledger's: PostgreSQL bigint holds ±9.2e18, which leaves room for sums over
 * millions of rows of realistic amounts, and for about 9,000 rows even if every one were at this maximum.
 */
export const MAX_AMOUNT_MINOR: bigint = 10n ** 15n - 1n;

export interface ParseAmountOptions {
  readonly allowNegative?: boolean;
  readonly allowZero?: boolean;
}

// Optional sign, integer part without leading zeros, optional fraction of at least one digit. ASCII digits only:
// no '+', exponent, spaces, separators, or full-width digits, so there is exactly one way to write most amounts.
const DECIMAL_SHAPE = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

// An integer part longer than this is out of range for every exponent; rejecting it early avoids building a huge
// BigInt from a hostile megabyte of digits.
const INTEGER_DIGITS_MAX = MAX_AMOUNT_MINOR.toString().length;

const INPUT_EXCERPT_CHARS_MAX = 40;

/**
 * Exact parse of a decimal string in major units ("1234.56") into minor units (123456n). Never rounds: more
 * decimals than the currency has is an error, even when they are zeros ("1.230" CNY), because a client that sends
 * them has a different idea of the currency than we do.
 */
export function parseAmountMinor(decimal: string, currency: string, opts: ParseAmountOptions = {}): bigint {
  const exponent = currencyExponent(currency);
  const reject = (code: ErrorCode, why: string): never => {
    throw new KxError(code, `Amount ${quote(decimal)} ${why}`, { details: { input: excerpt(decimal), currency } });
  };
  const match = typeof decimal === 'string' ? DECIMAL_SHAPE.exec(decimal) : null;
  if (match === null) return reject('invalid_amount', 'is not a plain decimal number like "1234.56".');
  const [, sign = '', integer = '', fraction = ''] = match;
  if (fraction.length > exponent) {
    return reject('too_many_decimals', `has more decimal places than ${currency} allows (${exponent}).`);
  }
  if (sign === '-' && !opts.allowNegative) return reject('amount_not_positive', 'must not be negative.');
  const magnitude = integer.length > INTEGER_DIGITS_MAX ? undefined : BigInt(integer + fraction.padEnd(exponent, '0'));
  if (magnitude === 0n && !opts.allowZero) return reject('amount_not_positive', 'must not be zero.');
  if (magnitude === undefined || magnitude > MAX_AMOUNT_MINOR) {
    const largest = `${formatAmount(MAX_AMOUNT_MINOR, currency)} ${currency}`;
    return reject('amount_out_of_range', `is outside the allowed range (at most ${largest} either way).`);
  }
  return sign === '-' ? -magnitude : magnitude;
}

export function parseMoney(decimal: string, currency: string, opts: ParseAmountOptions = {}): Money {
  return money(parseAmountMinor(decimal, currency, opts), currency);
}

// Error details end up in logs and API responses: keep them short whatever the client sent.
function excerpt(input: unknown): string {
  const text = typeof input === 'string' ? input : String(input);
  return text.length > INPUT_EXCERPT_CHARS_MAX ? `${text.slice(0, INPUT_EXCERPT_CHARS_MAX)}…` : text;
}

function quote(input: unknown): string {
  return JSON.stringify(excerpt(input));
}

import { KxError } from '../errors.js';
import { currencyExponent } from '../money/index.js';

/** Exchange rates travel as decimal strings ("7.1234"): up to 10 decimals, positive, never a float. */
const ratePattern = /^(\d{1,13})(?:\.(\d{1,10}))?$/;
const rateScale = 10n ** 10n;

export function parseRate(text: string, field = 'rate'): bigint {
  const match = ratePattern.exec(text);
  const scaled = match ? BigInt(match[1]!) * rateScale + BigInt((match[2] ?? '').padEnd(10, '0')) : 0n;
  if (!match || scaled <= 0n) {
    const message = 'an exchange rate is a positive decimal string with at most 10 decimals, like "7.1234"';
    throw new KxError('validation_failed', message, { fields: [{ field, code: 'validation_failed', message }] });
  }
  return scaled;
}

/** The canonical text of a rate (as stored in numeric(24,10) and shown): no trailing zeros. */
export function formatRate(scaled: bigint): string {
  const whole = scaled / rateScale;
  const fraction = (scaled % rateScale).toString().padStart(10, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/**
 * Converts minor units of one currency into minor units of another at `rate` (units of `to` per unit of
 * `from`), rounding half to even — the one rounding in the system, and only where a rate is applied.
 */
export function convertMinor(amountMinor: bigint, from: string, to: string, rateText: string): bigint {
  const rate = parseRate(rateText);
  const shift = currencyExponent(to) - currencyExponent(from);
  let numerator = amountMinor * rate;
  let denominator = rateScale;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator *= 10n ** BigInt(-shift);
  return divideHalfEven(numerator, denominator);
}

function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let q = n / denominator;
  const r = n % denominator;
  if (r * 2n > denominator || (r * 2n === denominator && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

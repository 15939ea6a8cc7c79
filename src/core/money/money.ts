import { assertCurrency } from './currency.js';

/** An exact amount: integer count of the currency's minor unit (fen, cent; yen for JPY). */
export interface Money {
  readonly amountMinor: bigint;
  readonly currency: string;
}

export function money(amountMinor: bigint, currency: string): Money {
  // The web app calls this from plain JS too, where a number would slip in and lose precision later.
  if (typeof amountMinor !== 'bigint') throw new TypeError(`amountMinor must be a bigint, got ${typeof amountMinor}`);
  assertCurrency(currency);
  return { amountMinor, currency };
}

// Mixing currencies is a bug in the caller, not bad input: crash loudly rather than return an error value.
function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amountMinor: a.amountMinor - b.amountMinor, currency: a.currency };
}

export function negateMoney(m: Money): Money {
  return { amountMinor: -m.amountMinor, currency: m.currency };
}

export function isZero(m: Money): boolean {
  return m.amountMinor === 0n;
}

/** -1, 0 or 1, usable as an Array.prototype.sort comparator. */
export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  if (a.amountMinor < b.amountMinor) return -1;
  return a.amountMinor > b.amountMinor ? 1 : 0;
}

export function sumMinor(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

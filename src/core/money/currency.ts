/*
 * Currency codes and their minor-unit exponents come from ISO 4217 itself, through the `currency-codes`
 * package (generated from the ISO 4217 maintenance agency's list; pure data, so the browser app uses the very
 * same table). Never a table typed in here.
 *
 * Why not the platform's Intl data: CLDR records the decimals in everyday *display*, which for some codes is
 * fewer than ISO's minor unit (measured on Node 20.20, ICU 78.2, CLDR 48: CLDR 0 but ISO 2 for AFN ALL COP
 * HUF IDR IRR KPW LAK LBP MGA MMK PKR SLL SOS SYP YER; CLDR 0 but ISO 3 for IQD). Banks and ledgers use ISO:
 * a HUF bank statement line of "1000,50" must parse. And each browser ships its own ICU, so Intl could make the
 * server and the web app disagree on the scale of a stored amount.
 *
 * A stored amountMinor means something only together with its exponent. currency.test.ts pins every exponent
 * other than 2 in a snapshot: a package upgrade that moved one fails the build instead of silently rescaling money.
 */
import currencyCodes from 'currency-codes';
import { KxError } from '../errors.js';

/**
 * Codes that ISO lists but that are not money a customer pays: ISO 4217 gives them no minor unit ("N.A.", which
 * the package reports as 0), so any exponent would be made up. XXX is "no currency", XTS is reserved for testing.
 */
const NOT_MONEY_CODES: ReadonlySet<string> = new Set([
  'XXX', 'XTS', 'XDR', 'XSU', 'XUA', 'XAU', 'XAG', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD',
]);

const ISO_CODE_SHAPE = /^[A-Z]{3}$/;

// Built on first use from the package's list.
let exponents: ReadonlyMap<string, number> | undefined;

function exponentTable(): ReadonlyMap<string, number> {
  exponents ??= new Map(
    currencyCodes
      .data.filter((entry) => ISO_CODE_SHAPE.test(entry.code) && !NOT_MONEY_CODES.has(entry.code))
      .map((entry) => [entry.code, entry.digits]),
  );
  return exponents;
}

export function isCurrency(code: string): boolean {
  return typeof code === 'string' && exponentTable().has(code);
}

/** Throws KxError('unknown_currency') unless isCurrency(code). */
export function assertCurrency(code: string): void {
  if (!isCurrency(code)) {
    throw new KxError('unknown_currency', `"${String(code)}" is not a currency code this system accepts.`, {
      details: { currency: code },
    });
  }
}

/** Number of decimal places of the currency's minor unit (CNY 2, JPY 0, KWD 3). */
export function currencyExponent(code: string): number {
  assertCurrency(code);
  return exponentTable().get(code)!;
}

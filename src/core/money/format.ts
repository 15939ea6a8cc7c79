import { currencyExponent } from './currency.js';
import type { Money } from './money.js';

/**
 * Exact decimal string in major units, the inverse of parseAmountMinor: CNY 123456n → "1234.56", -5n → "-0.05",
 * JPY 100n → "100". No grouping and no symbol: this is the wire format of the API, CSV exports and the ledger.
 */
export function formatAmount(amountMinor: bigint, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = amountMinor < 0n ? '-' : '';
  const digits = (amountMinor < 0n ? -amountMinor : amountMinor).toString();
  if (exponent === 0) return sign + digits;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/*
 * Formatters are costly to build (ICU loads locale data) and a report formats thousands of amounts. The key comes
 * partly from the user's locale, so the cache is dropped when it grows past a bound instead of growing forever.
 */
const FORMATTER_CACHE_ENTRIES_MAX = 64;
const formatterCache = new Map<string, Intl.NumberFormat>();

function currencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}\u0000${currency}`;
  let formatter = formatterCache.get(key);
  if (formatter === undefined) {
    const exponent = currencyExponent(currency);
    // Pinning the digits to the exponent means the formatter never rounds: every minor unit is shown.
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    if (formatterCache.size >= FORMATTER_CACHE_ENTRIES_MAX) formatterCache.clear();
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/**
 * Display string for people ("¥1,234.56"). The amount goes to Intl as a decimal string, which Intl formats exactly
 * (ECMA-402 since 2023: Node 20, Chrome 106, Firefox 116, Safari 15.4); through Number, sums above 2^53 minor units
 * would lose their last digits.
 */
export function formatMoneyLocale(m: Money, locale: string): string {
  const decimal = formatAmount(m.amountMinor, m.currency) as `${number}`;
  return currencyFormatter(locale, m.currency).format(decimal);
}

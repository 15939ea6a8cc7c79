import { formatMoneyLocale, parseAmountMinor } from '../../../src/core/money/index.js';
import i18n from '../i18n';

/**
 * Amounts arrive as exact decimal strings; they are shown through the same core/money the server uses, so the
 * screen never rounds a fen (no Number on the way). Negative amounts in red, digits aligned in tables.
 */
export function formatMoney(amount: string, currency: string, locale = i18n.language): string {
  try {
    return formatMoneyLocale({ amountMinor: parseAmountMinor(amount, currency, { allowZero: true, allowNegative: true }), currency }, locale);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function Money({ amount, currency, strong }: { amount: string | null | undefined; currency: string; strong?: boolean }) {
  if (amount == null) return <span>—</span>;
  const negative = amount.startsWith('-');
  const text = formatMoney(amount, currency);
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap', color: negative ? '#cf1322' : undefined, fontWeight: strong ? 600 : undefined }}>
      {text}
    </span>
  );
}

/** A decimal string as minor units, or null when it is not (yet) a valid amount in this currency (a field being typed). */
export function minorOf(amount: string | undefined | null, currency: string): bigint | null {
  if (!amount) return null;
  try {
    return parseAmountMinor(amount, currency, { allowZero: true });
  } catch {
    return null;
  }
}

/** True when the decimal string is zero ("0", "0.00", "-0.00"). */
export function isZeroAmount(amount: string): boolean {
  return /^-?0*(\.0*)?$/.test(amount);
}

import { formatAmount, parseAmountMinor } from '../../../../src/core/money/index.js';
import { lineAmountMinor, parseQuantityMilli } from '../../../../src/core/receivables/quantity.js';

/**
 * A line's amount as the server will compute it (the same core function: quantity in thousandths × unit price
 * in minor units, rounded half up to the minor unit), for the preview while typing. Null while the quantity or
 * price is not a valid number yet. The saved order shows the server's own figures.
 */
export function previewLineMinor(quantity: string | undefined, unitPrice: string | undefined, currency: string): bigint | null {
  if (!quantity || !unitPrice) return null;
  try {
    return lineAmountMinor(parseQuantityMilli(quantity), parseAmountMinor(unitPrice, currency, { allowZero: true }));
  } catch {
    return null;
  }
}

export function formatMinor(minor: bigint, currency: string): string {
  try {
    return formatAmount(minor, currency);
  } catch {
    return String(minor);
  }
}

import { KxError } from '../errors.js';
import { limits } from '../limits.js';

const quantityPattern = /^(\d{1,13})(?:\.(\d{1,3}))?$/;

/** "1.5" → 1500n thousandths. At most three decimals; never a float. */
export function parseQuantityMilli(text: string, field = 'quantity'): bigint {
  const match = quantityPattern.exec(text);
  const issue = (message: string) => new KxError('validation_failed', message, { fields: [{ field, code: 'validation_failed', message }] });
  if (!match) throw issue('a quantity is a positive decimal string with at most 3 decimals, like "2" or "1.5"');
  const milli = BigInt(match[1]!) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
  if (milli <= 0n) throw issue('a quantity must be more than zero');
  if (milli > limits.quantityMilliMax) throw issue('the quantity is too large');
  return milli;
}

export function formatQuantity(milli: bigint): string {
  const whole = milli / 1000n;
  const fraction = (milli % 1000n).toString().padStart(3, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/**
 * quantity × unit price, rounded half up to the minor unit — the way an invoice line is computed. The order
 * total is the sum of the rounded lines, so what the customer sees line by line adds up to what they owe.
 */
export function lineAmountMinor(quantityMilli: bigint, unitPriceMinor: bigint): bigint {
  return (quantityMilli * unitPriceMinor + 500n) / 1000n;
}

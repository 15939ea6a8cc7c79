import { KxError } from '../errors.js';

/**
 * Collection KPIs and aging buckets, as pure arithmetic on bigint minor units (one currency). Ratios come
 * back as decimal strings with a fixed number of places, rounded half away from zero; a ratio whose
 * denominator is zero is null (nothing to measure), never 0 or infinity.
 */

/** numerator / denominator × scale, to `places` decimals, as a decimal string; null when the denominator is 0. */
export function ratio(numerator: bigint, denominator: bigint, places: number, scale = 1n): string | null {
  if (denominator === 0n) return null;
  const unit = 10n ** BigInt(places);
  let n = numerator * scale * unit;
  let d = denominator;
  if (d < 0n) { n = -n; d = -d; }
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (abs * 2n + d) / (2n * d); // half away from zero
  const whole = (q / unit).toString();
  const frac = places === 0 ? '' : `.${(q % unit).toString().padStart(places, '0')}`;
  return `${negative && q !== 0n ? '-' : ''}${whole}${frac}`;
}

/** 回款率: what came in over what the plan said was due in the period, as a fraction to 4 places. */
export function collectionRate(collectedMinor: bigint, dueMinor: bigint): string | null {
  return ratio(collectedMinor, dueMinor, 4);
}

/** DSO (days sales outstanding) = closing receivable / sales on credit in the period × days in the period, to 1 place. */
export function dso(closingReceivableMinor: bigint, creditSalesMinor: bigint, periodDays: number): string | null {
  return ratio(closingReceivableMinor * BigInt(periodDays), creditSalesMinor, 1);
}

/**
 * CEI (collection effectiveness index), in percent to 1 place:
 * (opening AR + credit sales − closing AR) / (opening AR + credit sales − closing current AR) × 100,
 * where current AR is the part of the receivable not yet overdue.
 */
export function cei(openingMinor: bigint, creditSalesMinor: bigint, closingMinor: bigint, closingCurrentMinor: bigint): string | null {
  return ratio(openingMinor + creditSalesMinor - closingMinor, openingMinor + creditSalesMinor - closingCurrentMinor, 1, 100n);
}

/** Aging bucket upper bounds in days past due, e.g. [30, 60, 90]: strictly increasing positive integers. */
export const agingBoundsMax = 12;
export function checkAgingBounds(bounds: readonly number[], field = 'buckets'): void {
  const bad = bounds.length === 0 || bounds.length > agingBoundsMax || bounds.some((b, i) => !Number.isInteger(b) || b < 1 || b > 36_500 || (i > 0 && b <= bounds[i - 1]!));
  if (bad) {
    throw new KxError('validation_failed', `${field}: 1–${agingBoundsMax} strictly increasing whole numbers of days (e.g. 30,60,90)`, {
      fields: [{ field, code: 'validation_failed', message: 'strictly increasing whole numbers of days, 1 to 36500' }],
    });
  }
}

/** Labels of the buckets bounds make: not due, 1–30, 31–60, 61–90, 90+. */
export function agingLabels(bounds: readonly number[]): string[] {
  return ['not_due', ...bounds.map((b, i) => `${i === 0 ? 1 : bounds[i - 1]! + 1}-${b}`), `${bounds[bounds.length - 1]!}+`];
}

/** The bucket index (into agingLabels) of an amount `days` past due: ≤ 0 is not due. */
export function agingBucketOf(days: number, bounds: readonly number[]): number {
  if (days <= 0) return 0;
  const i = bounds.findIndex((b) => days <= b);
  return i < 0 ? bounds.length + 1 : i + 1;
}

/**
 * Robust statistics for "amount unusual for this customer": the median and the median absolute deviation
 * (MAD) of the customer's own past amounts, in minor units. One huge payment moves a mean and a standard
 * deviation a lot, the median and MAD hardly at all, so a customer's history is not poisoned by one outlier.
 * Exact integer arithmetic on bigint: a median of two middle values is kept doubled to stay whole.
 */

/** Twice the median (so the middle of an even-sized list stays an integer). */
export function doubledMedian(values: readonly bigint[]): bigint {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? 2n * sorted[mid]! : sorted[mid - 1]! + sorted[mid]!;
}

export interface RobustSpread {
  /** Median, doubled. */
  median2: bigint;
  /** Median absolute deviation, doubled twice (it is a median of doubled deviations). */
  mad4: bigint;
}

export function robustSpread(values: readonly bigint[]): RobustSpread {
  const median2 = doubledMedian(values);
  const deviations2 = values.map((v) => (2n * v > median2 ? 2n * v - median2 : median2 - 2n * v));
  return { median2, mad4: doubledMedian(deviations2) };
}

/**
 * Whether `amount` lies more than `factor` scaled MADs from the median. 1.4826·MAD estimates the standard
 * deviation of normal data; 1.4826 is taken as 14826/10000. A history with no spread (every amount the same)
 * has MAD 0, which would flag a difference of one cent: the spread is never taken below 1% of the median.
 */
export function isOutlier(amount: bigint, spread: RobustSpread, factor: number): boolean {
  const deviation4 = 4n * amount > 2n * spread.median2 ? 4n * amount - 2n * spread.median2 : 2n * spread.median2 - 4n * amount;
  const floor4 = (2n * spread.median2) / 100n;
  const mad4 = spread.mad4 > floor4 ? spread.mad4 : floor4;
  // deviation > factor · 1.4826 · MAD, all in quarters, scaled by 10000 to stay whole.
  return deviation4 * 10_000n > BigInt(factor) * 14_826n * mad4;
}

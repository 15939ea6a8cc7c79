import { describe, expect, it } from 'vitest';
import { agingBucketOf, agingLabels, cei, checkAgingBounds, collectionRate, dso, ratio } from './kpi.js';

describe('ratio', () => {
  it('rounds half away from zero and is null over zero', () => {
    expect(ratio(1n, 3n, 4)).toBe('0.3333');
    expect(ratio(2n, 3n, 4)).toBe('0.6667');
    expect(ratio(1n, 8n, 2)).toBe('0.13'); // 0.125 → 0.13
    expect(ratio(-1n, 8n, 2)).toBe('-0.13');
    expect(ratio(5n, 0n, 2)).toBeNull();
  });
});

describe('collection KPIs on a hand-worked month (minor units, CNY)', () => {
  // March (31 days): opening AR 10,000.00; orders 6,000.00; received 7,000.00 against AR, so closing AR
  // 10,000 + 6,000 − 7,000 = 9,000.00, of which 2,500.00 is overdue at 31 March: current AR 6,500.00.
  // The plan had 8,000.00 due in March.
  const opening = 1_000_000n, sales = 600_000n, closing = 900_000n, current = 650_000n;
  it('collection rate = 7,000 / 8,000 = 0.8750', () => {
    expect(collectionRate(700_000n, 800_000n)).toBe('0.8750');
  });
  it('DSO = 9,000 / 6,000 × 31 = 46.5 days', () => {
    expect(dso(closing, sales, 31)).toBe('46.5');
  });
  it('CEI = (10,000 + 6,000 − 9,000) / (10,000 + 6,000 − 6,500) × 100 = 7,000 / 9,500 × 100 = 73.7 %', () => {
    expect(cei(opening, sales, closing, current)).toBe('73.7');
  });
  it('nothing sold: DSO is not defined', () => {
    expect(dso(closing, 0n, 31)).toBeNull();
  });
});

describe('aging buckets', () => {
  it('30/60/90 make five buckets; the edges belong to the lower one', () => {
    expect(agingLabels([30, 60, 90])).toEqual(['not_due', '1-30', '31-60', '61-90', '90+']);
    expect([-5, 0, 1, 30, 31, 60, 61, 90, 91, 400].map((d) => agingBucketOf(d, [30, 60, 90]))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });
  it('refuses bounds that do not increase', () => {
    expect(() => checkAgingBounds([30, 30])).toThrow(/strictly increasing/);
    expect(() => checkAgingBounds([])).toThrow();
    expect(() => checkAgingBounds([0.5])).toThrow();
    expect(() => checkAgingBounds([15, 45])).not.toThrow();
  });
});

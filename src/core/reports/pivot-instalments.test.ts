import { describe, expect, it } from 'vitest';
import { averageDays, bucketLabelOf, bucketsBetween, instalmentMeasureApplies } from './pivot-instalments.js';

describe('bucketLabelOf', () => {
  it.each([
    ['day', '2026-03-11', '2026-03-11'],
    ['week', '2026-03-11', '2026-03-09'], // a Wednesday: its ISO week began on Monday the 9th
    ['week', '2026-03-09', '2026-03-09'],
    ['week', '2026-03-15', '2026-03-09'], // Sunday still belongs to it
    ['month', '2026-03-11', '2026-03'],
    ['quarter', '2026-03-31', '2026-Q1'],
    ['quarter', '2026-04-01', '2026-Q2'],
    ['year', '2026-03-11', '2026'],
  ] as const)('%s of %s is %s', (time, date, label) => {
    expect(bucketLabelOf(time, date)).toBe(label);
  });
});

describe('bucketsBetween', () => {
  it('every bucket the range touches, the last one ending on `to`', () => {
    expect(bucketsBetween('month', '2026-01-15', '2026-03-10')).toEqual([
      { label: '2026-01', end: '2026-01-31' },
      { label: '2026-02', end: '2026-02-28' },
      { label: '2026-03', end: '2026-03-10' },
    ]);
    expect(bucketsBetween('week', '2026-03-11', '2026-03-17')).toEqual([
      { label: '2026-03-09', end: '2026-03-15' },
      { label: '2026-03-16', end: '2026-03-17' },
    ]);
    expect(bucketsBetween('year', '2026-01-01', '2026-01-01')).toEqual([{ label: '2026', end: '2026-01-01' }]);
  });
});

describe('averageDays', () => {
  it('weights each payment’s days by its amount, one decimal, half away from zero', () => {
    // 100.00 paid 10 days late and 300.00 paid 2 days early: (10000 × 10 + 30000 × −2) / 40000 = 1.0
    expect(averageDays(10_000n * 10n + 30_000n * -2n, 40_000n)).toBe('1.0');
    // 1 day and 2 days at equal weight: 1.5; 3 early days alone: −3.0
    expect(averageDays(3n, 2n)).toBe('1.5');
    expect(averageDays(-300n, 100n)).toBe('-3.0');
    expect(averageDays(0n, 0n)).toBe('');
  });
});

describe('instalmentMeasureApplies', () => {
  it('overdue has no product, channel or kind; avgDaysToPay has a channel (the paying receipt’s)', () => {
    expect(instalmentMeasureApplies('overdue', ['month', 'customer'], {})).toBe(true);
    expect(instalmentMeasureApplies('overdue', ['channel'], {})).toBe(false);
    expect(instalmentMeasureApplies('overdue', [], { channels: ['alipay'] })).toBe(false);
    expect(instalmentMeasureApplies('overdue', [], { channels: [] })).toBe(true);
    expect(instalmentMeasureApplies('avgDaysToPay', ['channel'], { channels: ['alipay'] })).toBe(true);
    expect(instalmentMeasureApplies('avgDaysToPay', ['owner'], { productIds: ['x'] })).toBe(false);
    expect(instalmentMeasureApplies('avgDaysToPay', ['kind'], {})).toBe(false);
  });
});

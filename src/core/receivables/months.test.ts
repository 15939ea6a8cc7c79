import { describe, expect, it } from 'vitest';
import { monthEnd, monthStart } from './months.js';

describe('months of business dates', () => {
  it.each([
    ['2026-11-20', 0, '2026-11-01'],
    ['2026-11-20', 1, '2026-10-01'],
    ['2026-01-31', 1, '2025-12-01'],
    ['2026-03-15', 14, '2025-01-01'],
    ['2026-12-31', -1, '2027-01-01'],
  ])('%s, %i months back → %s', (date, back, expected) => {
    expect(monthStart(date, back)).toBe(expected);
  });

  it.each([
    ['2026-11-20', '2026-11-30'],
    ['2026-12-01', '2026-12-31'],
    ['2026-02-10', '2026-02-28'],
    ['2028-02-01', '2028-02-29'],
  ])('the month of %s ends on %s', (date, expected) => {
    expect(monthEnd(date)).toBe(expected);
  });
});

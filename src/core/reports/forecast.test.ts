import { describe, expect, it } from 'vitest';
import { actualArrivals, forecast, wape, type InstalmentHistory } from './forecast.js';

const paid = (customerId: string, dueDate: string, amountMinor: bigint, day: string): InstalmentHistory =>
  ({ customerId, knownFrom: '2025-12-01', dueDate, amountMinor, settlements: [{ day, minor: amountMinor }] });
const open = (customerId: string, dueDate: string, amountMinor: bigint): InstalmentHistory =>
  ({ customerId, knownFrom: '2025-12-01', dueDate, amountMinor, settlements: [] });

describe('forecast as of Monday 2026-03-02 (weeks: 03-02…03-08, 03-09…03-15, 03-16…03-22, …)', () => {
  const items = [
    // X paid three times: 10 days late on 100.00 and 100.00, 14 days late on 200.00 → delays 10 (weight 200) and 14 (weight 200)
    paid('X', '2026-01-01', 10_000n, '2026-01-11'),
    paid('X', '2026-01-15', 10_000n, '2026-01-25'),
    paid('X', '2026-02-01', 20_000n, '2026-02-15'),
    // Y paid once, on time: too little history, so Y follows the tenant: delays 0 (100), 10 (200), 14 (200)
    paid('Y', '2026-02-01', 10_000n, '2026-02-01'),
    // X owes 400.00 due 03-05: half expected 03-15 (+10, week 2), half 03-19 (+14, week 3)
    open('X', '2026-03-05', 40_000n),
    // Y owes 50.00 due 02-25, already 5 days late: only delays ≥ 5 remain, 10 and 14, equal weights:
    // 25.00 on 03-07 (week 1) and 25.00 on 03-11 (week 2)
    open('Y', '2026-02-25', 5_000n),
  ];
  it('spreads each open instalment by its customer’s delays, or the tenant’s', () => {
    const f = forecast(items, '2026-03-02');
    expect(f.weeks.slice(0, 4).map((w) => [w.from, w.to, w.expectedMinor])).toEqual([
      ['2026-03-02', '2026-03-08', 2_500n],
      ['2026-03-09', '2026-03-15', 22_500n],
      ['2026-03-16', '2026-03-22', 20_000n],
      ['2026-03-23', '2026-03-29', 0n],
    ]);
    expect([f.openMinor, f.beyondMinor, f.customersOwnHistory, f.customersTenantHistory]).toEqual([45_000n, 0n, 1, 1]);
  });
  it('an instalment later than any past payment was is expected beyond the horizon', () => {
    const f = forecast([...items, open('Y', '2025-12-01', 7_000n)], '2026-03-02');
    expect(f.beyondMinor).toBe(7_000n); // 91 days late; no payment ever came later than 14 days
  });
  it('splits exactly: three equal weights over 100.00 give 33.33 + 33.34 + 33.33', () => {
    const three = [paid('Z', '2026-01-01', 1n, '2026-01-01'), paid('Z', '2026-01-02', 1n, '2026-01-09'), paid('Z', '2026-01-03', 1n, '2026-01-17'), open('Z', '2026-03-02', 10_000n)];
    expect(forecast(three, '2026-03-02').weeks.slice(0, 3).map((w) => w.expectedMinor)).toEqual([3_333n, 3_334n, 3_333n]);
  });
});

describe('backtest', () => {
  it('actual arrivals per week on the instalments open at the date, and WAPE', () => {
    const items = [{ customerId: 'X', knownFrom: '2026-01-01', dueDate: '2026-03-01', amountMinor: 10_000n, settlements: [{ day: '2026-03-03', minor: 4_000n }, { day: '2026-03-12', minor: 6_000n }] }];
    expect(actualArrivals(items, '2026-03-02', 3)).toEqual([4_000n, 6_000n, 0n]);
    // |100 − 40| + |0 − 60| + 0 = 120 over 100 arrived
    expect(wape([10_000n, 0n, 0n], [4_000n, 6_000n, 0n])).toBe('1.2000');
    expect(wape([1n], [0n])).toBeNull();
  });
});

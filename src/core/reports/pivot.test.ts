import { describe, expect, it } from 'vitest';
import { bucketRange, carryBalances } from './pivot.js';

describe('bucketRange', () => {
  it.each([
    ['day', '2026-03-09', '2026-03-09', '2026-03-09'],
    ['week', '2026-03-09', '2026-03-09', '2026-03-15'],
    ['month', '2024-02', '2024-02-01', '2024-02-29'],
    ['quarter', '2026-Q4', '2026-10-01', '2026-12-31'],
    ['year', '2026', '2026-01-01', '2026-12-31'],
  ] as const)('%s %s covers %s to %s', (dimension, label, from, to) => {
    expect(bucketRange(dimension, label)).toEqual({ from, to });
  });
});

describe('carryBalances', () => {
  it('adds the opening balance and every earlier bucket of the same group, whatever the input order', () => {
    const rows = [
      { group: 'A', bucket: '2026-02', movement: 50n },
      { group: 'B', bucket: '2026-01', movement: 7n },
      { group: 'A', bucket: null, movement: 100n },
      { group: 'A', bucket: '2026-01', movement: -30n },
    ];
    const balances = carryBalances(rows);
    // A: opening 100, January 100 − 30 = 70, February 70 + 50 = 120; B: 7
    expect(rows.map((r) => balances.get(r))).toEqual([120n, 7n, 100n, 70n]);
  });
});

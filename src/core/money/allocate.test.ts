import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { allocate, splitEvenly } from './allocate.js';
import { MAX_AMOUNT_MINOR } from './parse.js';

const sum = (values: readonly bigint[]): bigint => values.reduce((total, value) => total + value, 0n);

describe('allocate', () => {
  it.each<[bigint, bigint[], bigint[]]>([
    [100n, [1n, 1n, 1n], [34n, 33n, 33n]],
    [-100n, [1n, 1n, 1n], [-34n, -33n, -33n]],
    [5n, [1n, 1n], [3n, 2n]], // tie goes to the earliest index
    [10n, [1n, 0n, 1n], [5n, 0n, 5n]],
    [11n, [0n, 1n, 1n], [0n, 6n, 5n]], // a zero weight never receives a leftover unit
    [1n, [3n, 7n], [0n, 1n]], // largest remainder wins over earliest index
    [100n, [70n, 20n, 10n], [70n, 20n, 10n]],
    [1000n, [1n, 2n, 3n], [167n, 333n, 500n]], // exact shares 166.67, 333.33, 500
    [0n, [1n, 2n], [0n, 0n]],
    [7n, [5n], [7n]],
  ])('%s by %o → %o', (amountMinor, weights, expected) => {
    expect(allocate(amountMinor, weights)).toEqual(expected);
  });

  it.each<[string, bigint[]]>([
    ['empty', []],
    ['all zero', [0n, 0n]],
    ['negative', [2n, -1n]],
  ])('throws a plain Error on %s weights', (_, weights) => {
    expect(() => allocate(100n, weights)).toThrow(Error);
  });

  it('sums exactly and keeps each part within one minor unit of its exact share', () => {
    const weightsArb = fc
      .array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: 1, maxLength: 20 })
      .filter((weights) => weights.some((weight) => weight > 0n));
    fc.assert(
      fc.property(fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }), weightsArb, (amountMinor, weights) => {
        const parts = allocate(amountMinor, weights);
        const totalWeight = sum(weights);
        expect(parts).toHaveLength(weights.length);
        expect(sum(parts)).toBe(amountMinor);
        parts.forEach((part, index) => {
          // |part - amount·w/W| < 1, scaled by W to stay in integers
          const scaledError = part * totalWeight - amountMinor * (weights[index] ?? 0n);
          expect(scaledError < totalWeight && -scaledError < totalWeight).toBe(true);
        });
      }),
    );
  });
});

describe('splitEvenly', () => {
  it.each<[bigint, number, bigint[]]>([
    [100n, 3, [34n, 33n, 33n]],
    [100n, 4, [25n, 25n, 25n, 25n]],
    [2n, 3, [1n, 1n, 0n]],
    [-7n, 2, [-4n, -3n]],
  ])('%s into %i → %o', (amountMinor, parts, expected) => {
    expect(splitEvenly(amountMinor, parts)).toEqual(expected);
  });

  it.each([0, -1, 1.5, Number.NaN])('throws a plain Error for %s parts', (parts) => {
    expect(() => splitEvenly(100n, parts)).toThrow(Error);
  });

  it('gives parts that sum exactly and differ by at most one minor unit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }),
        fc.integer({ min: 1, max: 50 }),
        (amountMinor, count) => {
          const parts = splitEvenly(amountMinor, count);
          expect(sum(parts)).toBe(amountMinor);
          const sorted = [...parts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          const spread = (sorted.at(-1) ?? 0n) - (sorted[0] ?? 0n);
          expect(spread <= 1n).toBe(true);
        },
      ),
    );
  });
});

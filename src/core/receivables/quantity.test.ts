import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatQuantity, lineAmountMinor, parseQuantityMilli } from './quantity.js';

describe('order line quantities and amounts', () => {
  //  quantity  unit price (minor)  line amount (minor)
  it.each<[string, bigint, bigint]>([
    ['2', 10000n, 20000n],
    ['1.5', 3333n, 5000n], // 49.995 → 50.00, half up
    ['0.001', 1n, 0n],
    ['3', 0n, 0n],
    ['1.333', 100n, 133n],
  ])('%s × %s = %s', (quantity, price, amount) => {
    expect(lineAmountMinor(parseQuantityMilli(quantity), price)).toBe(amount);
  });

  it.each(['0', '-1', '1.0001', '1e3', '', '1,5', ' 2'])('refuses the quantity %j', (text) => {
    expect(() => parseQuantityMilli(text)).toThrow();
  });

  it('reads back what it writes, and rounds a line to within half a minor unit', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 9n }), (milli, price) => {
      expect(parseQuantityMilli(formatQuantity(milli))).toBe(milli);
      const diff = lineAmountMinor(milli, price) * 1000n - milli * price;
      expect(diff > -500n && diff <= 500n).toBe(true);
    }));
  });
});

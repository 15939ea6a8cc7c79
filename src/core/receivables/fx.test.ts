import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKxError } from '../errors.js';
import { convertMinor, formatRate, parseRate } from './fx.js';

describe('exchange rates', () => {
  //  amount (minor)  from   to     rate       result (minor)
  it.each<[bigint, string, string, string, bigint]>([
    [10000n, 'USD', 'CNY', '7.1234', 71234n], // 100.00 USD → 712.34 CNY
    [1n, 'USD', 'CNY', '7.125', 7n], // 0.07125 → 0.07
    [2n, 'USD', 'CNY', '0.25', 0n], // 0.005 → 0.00: exactly half, to even
    [6n, 'USD', 'CNY', '0.25', 2n], // 0.015 → 0.02: exactly half, to even
    [10000n, 'JPY', 'CNY', '0.048', 48000n], // 10,000 JPY → 480.00 CNY
    [100n, 'CNY', 'JPY', '20.5', 20n], // 1.00 CNY → 20.5 JPY → 20 (half to even)
    [300n, 'CNY', 'JPY', '20.5', 62n], // 3.00 CNY → 61.5 JPY → 62 (half to even)
    [1000n, 'KWD', 'CNY', '23.5', 2350n], // 1.000 KWD → 23.50 CNY
    [-10000n, 'USD', 'CNY', '7.1234', -71234n],
  ])('%s %s → %s at %s = %s', (amount, from, to, rate, expected) => {
    expect(convertMinor(amount, from, to, rate)).toBe(expected);
  });

  it.each(['0', '0.0', '-1', '7.12345678901', '1e3', '', ' 7', '7.', '.5', '12345678901234'])('refuses the rate %j', (text) => {
    expect(() => parseRate(text)).toThrow();
    try {
      parseRate(text, 'rate');
    } catch (error) {
      expect(isKxError(error, 'validation_failed')).toBe(true);
    }
  });

  it('writes a rate back canonically: parse(format(x)) = x, no trailing zeros', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 22n }), (scaled) => {
      const text = formatRate(scaled);
      expect(parseRate(text)).toBe(scaled);
      expect(text).not.toMatch(/\.\d*0$/);
    }));
  });

  it('at rate 1 between currencies of the same exponent, converting changes nothing', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), (amount) => {
      expect(convertMinor(amount, 'USD', 'CNY', '1')).toBe(amount);
    }));
  });

  it('rounds to the nearest minor unit (within half a unit), symmetrically for negatives, monotone in the amount', () => {
    const rateArb = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9999 })).filter(([w, f]) => w + f > 0).map(([w, f]) => `${w}.${String(f).padStart(4, '0')}`);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), rateArb, (amount, rate) => {
      const converted = convertMinor(amount, 'USD', 'CNY', rate);
      const exactTimes10k = amount * BigInt(rate.replace('.', ''));
      const diff = converted * 10000n - exactTimes10k;
      expect(diff <= 5000n && diff >= -5000n).toBe(true);
      expect(convertMinor(-amount, 'USD', 'CNY', rate)).toBe(-converted);
      expect(convertMinor(amount + 1n, 'USD', 'CNY', rate) >= converted).toBe(true);
    }));
  });
});

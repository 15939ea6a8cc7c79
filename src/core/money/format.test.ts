import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isKxError } from '../errors.js';
import { formatAmount, formatMoneyLocale } from './format.js';
import { money } from './money.js';
import { MAX_AMOUNT_MINOR, parseAmountMinor } from './parse.js';

describe('formatAmount', () => {
  it.each([
    [123456n, 'CNY', '1234.56'],
    [-5n, 'CNY', '-0.05'],
    [0n, 'CNY', '0.00'],
    [1n, 'CNY', '0.01'],
    [-123456n, 'CNY', '-1234.56'],
    [100n, 'JPY', '100'],
    [-100n, 'JPY', '-100'],
    [0n, 'JPY', '0'],
    [1n, 'KWD', '0.001'],
    [1234567n, 'KWD', '1234.567'],
    [MAX_AMOUNT_MINOR, 'CNY', '9999999999999.99'],
    // sums may exceed one amount's limit and must still print exactly
    [123456789012345678901n, 'CNY', '1234567890123456789.01'],
  ])('%s %s → %s', (amountMinor, currency, expected) => {
    expect(formatAmount(amountMinor, currency)).toBe(expected);
  });

  it('rejects an unknown currency', () => {
    expect(() => formatAmount(1n, 'ABC')).toThrow(expect.toSatisfy((e: unknown) => isKxError(e, 'unknown_currency')));
  });

  it('round-trips with parseAmountMinor for every amount in range', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -MAX_AMOUNT_MINOR, max: MAX_AMOUNT_MINOR }),
        fc.constantFrom('CNY', 'USD', 'JPY', 'KWD', 'EUR'),
        (amountMinor, currency) => {
          const text = formatAmount(amountMinor, currency);
          expect(parseAmountMinor(text, currency, { allowNegative: true, allowZero: true })).toBe(amountMinor);
        },
      ),
    );
  });
});

describe('formatMoneyLocale', () => {
  it.each([
    [123456n, 'CNY', 'zh-CN', '¥1,234.56'],
    [-5n, 'CNY', 'zh-CN', '-¥0.05'],
    [10000n, 'JPY', 'zh-CN', 'JP¥10,000'],
    [123456n, 'USD', 'en', '$1,234.56'],
    [-5n, 'USD', 'en', '-$0.05'],
    [0n, 'USD', 'en', '$0.00'],
    // beyond 2^53 minor units: a trip through Number would print ...678.00
    [12345678901234567891n, 'CNY', 'zh-CN', '¥123,456,789,012,345,678.91'],
    [12345678901234567891n, 'USD', 'en', '$123,456,789,012,345,678.91'],
  ])('%s %s in %s → %s', (amountMinor, currency, locale, expected) => {
    expect(formatMoneyLocale(money(amountMinor, currency), locale)).toBe(expected);
  });
});

import currencyCodes from 'currency-codes';
import { describe, it, expect } from 'vitest';
import { isKxError } from '../errors.js';
import { currencyExponent, isCurrency } from './currency.js';

describe('isCurrency', () => {
  it.each([
    ['CNY', true],
    ['USD', true],
    ['JPY', true],
    ['KWD', true],
    ['cny', false], // codes are upper case on the wire; we do not guess
    ['Cny', false],
    ['XXX', false], // "no currency"
    ['XTS', false], // reserved for testing
    ['XDR', false], // IMF unit of account: ISO gives it no minor unit
    ['ABC', false], // well-formed but not a currency
    ['CNYY', false],
    ['CN', false],
    ['', false],
  ])('%s → %s', (code, expected) => {
    expect(isCurrency(code)).toBe(expected);
  });
});

describe('currencyExponent', () => {
  it.each([
    ['CNY', 2],
    ['USD', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i decimals', (code, exponent) => {
    expect(currencyExponent(code)).toBe(exponent);
  });

  it.each(['ABC', 'cny', 'XXX', ''])('rejects %j with unknown_currency', (code) => {
    expect(() => currencyExponent(code)).toThrow(
      expect.toSatisfy((error: unknown) => isKxError(error, 'unknown_currency')),
    );
  });

  // Stored amounts are read with these exponents: a data upgrade that changes one must fail here,
  // not silently rescale money.
  it('pins every exponent other than 2 from the ISO 4217 data', () => {
    const byExponent: Record<number, string[]> = {};
    for (const code of currencyCodes.codes().filter(isCurrency)) {
      const exponent = currencyExponent(code);
      if (exponent !== 2) (byExponent[exponent] ??= []).push(code);
    }
    const listed = Object.fromEntries(
      Object.entries(byExponent).map(([exponent, codes]) => [exponent, codes.join(' ')]),
    );
    expect(listed).toMatchInlineSnapshot(`
      {
        "0": "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
        "3": "BHD IQD JOD KWD LYD OMR TND",
        "4": "CLF UYW",
      }
    `);
  });
});

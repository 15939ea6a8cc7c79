import { describe, it, expect } from 'vitest';
import { KxError, type ErrorCode } from '../errors.js';
import { MAX_AMOUNT_MINOR, parseAmountMinor, parseMoney, type ParseAmountOptions } from './parse.js';

function errorOf(run: () => unknown): KxError {
  try {
    run();
  } catch (error) {
    if (error instanceof KxError) return error;
    throw error;
  }
  throw new Error('expected a KxError, nothing was thrown');
}

describe('parseAmountMinor accepts', () => {
  it.each<[string, string, ParseAmountOptions, bigint]>([
    ['1234.56', 'CNY', {}, 123456n],
    ['1234.5', 'CNY', {}, 123450n],
    ['1234', 'CNY', {}, 123400n],
    ['0.01', 'CNY', {}, 1n],
    ['0.5', 'USD', {}, 50n],
    ['9999999999999.99', 'CNY', {}, MAX_AMOUNT_MINOR],
    ['100', 'JPY', {}, 100n],
    ['999999999999999', 'JPY', {}, MAX_AMOUNT_MINOR],
    ['0.001', 'KWD', {}, 1n],
    ['1.2', 'KWD', {}, 1200n],
    ['0', 'CNY', { allowZero: true }, 0n],
    ['0.00', 'CNY', { allowZero: true }, 0n],
    ['-1.5', 'CNY', { allowNegative: true }, -150n],
    ['-0.05', 'CNY', { allowNegative: true }, -5n],
    ['-9999999999999.99', 'CNY', { allowNegative: true }, -MAX_AMOUNT_MINOR],
    ['-0', 'CNY', { allowNegative: true, allowZero: true }, 0n],
  ])('%s %s %o → %s', (input, currency, opts, expected) => {
    expect(parseAmountMinor(input, currency, opts)).toBe(expected);
  });
});

describe('parseAmountMinor rejects', () => {
  it.each<[string, string, ParseAmountOptions, ErrorCode]>([
    // malformed
    ['', 'CNY', {}, 'invalid_amount'],
    [' 1', 'CNY', {}, 'invalid_amount'],
    ['1 ', 'CNY', {}, 'invalid_amount'],
    ['+1', 'CNY', {}, 'invalid_amount'],
    ['1e3', 'CNY', {}, 'invalid_amount'],
    ['1E3', 'CNY', {}, 'invalid_amount'],
    ['.5', 'CNY', {}, 'invalid_amount'],
    ['1.', 'CNY', {}, 'invalid_amount'],
    ['01', 'CNY', {}, 'invalid_amount'],
    ['00', 'CNY', {}, 'invalid_amount'],
    ['00.5', 'CNY', {}, 'invalid_amount'],
    ['-01', 'CNY', { allowNegative: true }, 'invalid_amount'],
    ['1,000', 'CNY', {}, 'invalid_amount'],
    ['1,5', 'EUR', {}, 'invalid_amount'],
    ['1_000', 'CNY', {}, 'invalid_amount'],
    ['１', 'CNY', {}, 'invalid_amount'], // full-width digit
    ['0x10', 'CNY', {}, 'invalid_amount'],
    ['NaN', 'CNY', {}, 'invalid_amount'],
    ['Infinity', 'CNY', {}, 'invalid_amount'],
    ['--1', 'CNY', { allowNegative: true }, 'invalid_amount'],
    ['1.2.3', 'CNY', {}, 'invalid_amount'],
    ['-', 'CNY', { allowNegative: true }, 'invalid_amount'],
    ['1-', 'CNY', {}, 'invalid_amount'],
    ['¥1', 'CNY', {}, 'invalid_amount'],
    // too many decimals: never rounded, trailing zeros included
    ['1.234', 'CNY', {}, 'too_many_decimals'],
    ['1.230', 'CNY', {}, 'too_many_decimals'],
    ['100.0', 'JPY', {}, 'too_many_decimals'],
    ['1.5', 'JPY', {}, 'too_many_decimals'],
    ['1.0000', 'KWD', {}, 'too_many_decimals'],
    // zero and negative need explicit permission
    ['0', 'CNY', {}, 'amount_not_positive'],
    ['0.00', 'CNY', {}, 'amount_not_positive'],
    ['0', 'CNY', { allowNegative: true }, 'amount_not_positive'],
    ['-1', 'CNY', {}, 'amount_not_positive'],
    ['-0.01', 'CNY', { allowZero: true }, 'amount_not_positive'],
    ['-0', 'CNY', { allowZero: true }, 'amount_not_positive'],
    // out of range
    ['10000000000000', 'CNY', {}, 'amount_out_of_range'],
    ['10000000000000.00', 'CNY', {}, 'amount_out_of_range'],
    ['-10000000000000', 'CNY', { allowNegative: true }, 'amount_out_of_range'],
    ['1000000000000000', 'JPY', {}, 'amount_out_of_range'],
    ['1'.repeat(10_000), 'CNY', {}, 'amount_out_of_range'],
    // unknown currency
    ['1', 'cny', {}, 'unknown_currency'],
    ['1', 'XXX', {}, 'unknown_currency'],
    ['1', 'ABC', {}, 'unknown_currency'],
  ])('%s %s %o → %s', (input, currency, opts, code) => {
    expect(errorOf(() => parseAmountMinor(input, currency, opts)).code).toBe(code);
  });

  it('treats a non-string (a JSON number from plain JS) as invalid_amount', () => {
    expect(errorOf(() => parseAmountMinor(12.5 as unknown as string, 'CNY')).code).toBe('invalid_amount');
  });

  it('puts the input and currency in details and says why in English', () => {
    const error = errorOf(() => parseAmountMinor('1.234', 'CNY'));
    expect(error.details).toEqual({ input: '1.234', currency: 'CNY' });
    expect(error.message).toBe('Amount "1.234" has more decimal places than CNY allows (2).');
  });

  it('keeps details short and JSON-safe for huge inputs', () => {
    const error = errorOf(() => parseAmountMinor('9'.repeat(1_000_000), 'CNY'));
    expect(error.code).toBe('amount_out_of_range');
    expect(String(error.details.input).length).toBeLessThanOrEqual(41);
    expect(() => JSON.stringify(error.details)).not.toThrow();
  });
});

describe('parseMoney', () => {
  it('pairs the parsed amount with its currency', () => {
    expect(parseMoney('12.34', 'USD')).toEqual({ amountMinor: 1234n, currency: 'USD' });
  });
});

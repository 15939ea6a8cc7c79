import { describe, it, expect } from 'vitest';
import { isKxError } from '../errors.js';
import {
  addMoney,
  compareMoney,
  isZero,
  money,
  negateMoney,
  subtractMoney,
  sumMinor,
  type Money,
} from './money.js';

const cny = (amountMinor: bigint): Money => money(amountMinor, 'CNY');
const usd = (amountMinor: bigint): Money => money(amountMinor, 'USD');

describe('money', () => {
  it('pairs an amount with a known currency', () => {
    expect(money(123n, 'JPY')).toEqual({ amountMinor: 123n, currency: 'JPY' });
  });

  it.each(['cny', 'XXX', 'ABC'])('rejects currency %j with unknown_currency', (currency) => {
    expect(() => money(1n, currency)).toThrow(expect.toSatisfy((e: unknown) => isKxError(e, 'unknown_currency')));
  });

  it('rejects a Number amount from plain JS', () => {
    expect(() => money(1.5 as unknown as bigint, 'CNY')).toThrow(TypeError);
  });
});

describe('arithmetic', () => {
  it.each<[string, Money, Money]>([
    ['add', addMoney(cny(150n), cny(-50n)), cny(100n)],
    ['subtract', subtractMoney(cny(150n), cny(200n)), cny(-50n)],
    ['negate', negateMoney(cny(7n)), cny(-7n)],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it.each<[Money, Money, -1 | 0 | 1]>([
    [cny(1n), cny(2n), -1],
    [cny(2n), cny(2n), 0],
    [cny(3n), cny(-2n), 1],
  ])('compares %o with %o → %i', (a, b, expected) => {
    expect(compareMoney(a, b)).toBe(expected);
  });

  it('knows zero', () => {
    expect(isZero(cny(0n))).toBe(true);
    expect(isZero(cny(-1n))).toBe(false);
  });

  it.each([
    ['addMoney', () => addMoney(cny(1n), usd(1n))],
    ['subtractMoney', () => subtractMoney(cny(1n), usd(1n))],
    ['compareMoney', () => compareMoney(cny(1n), usd(1n))],
  ])('%s refuses to mix currencies with a plain Error', (_, run) => {
    expect(run).toThrow(/^currency mismatch: CNY vs USD$/);
    expect(run).toThrow(expect.toSatisfy((e: unknown) => !isKxError(e)));
  });
});

describe('sumMinor', () => {
  it.each<[bigint[], bigint]>([
    [[], 0n],
    [[1n, 2n, -3n], 0n],
    [[10n ** 18n, 10n ** 18n], 2n * 10n ** 18n],
  ])('%o → %s', (values, expected) => {
    expect(sumMinor(values)).toBe(expected);
  });

  it('takes any iterable', () => {
    expect(sumMinor(new Set([5n, 7n]))).toBe(12n);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentNumberScanner, documentNumberKey, normalizeReference, referenceTokens } from './references.js';
import { findExactSums } from './sums.js';

describe('our numbers in remittance text', () => {
  const scanner = new DocumentNumberScanner(['OD', 'RC']);

  it.each<[string, string, string[]]>([
    ['as printed', '货款 OD-2026-000123', ['OD|2026|123']],
    ['full-width', '货款ＯＤ－２０２６－０００１２３', ['OD|2026|123']],
    ['no dashes', 'PAYMENT OD2026000123 THANKS', ['OD|2026|123']],
    ['lower case with spaces', 'od 2026 000123', ['OD|2026|123']],
    ['leading zeros dropped', 'OD-2026-123', ['OD|2026|123']],
    ['en dash and slash', 'OD–2026/123', ['OD|2026|123']],
    ['two numbers, each once', 'RC-2026-45 and OD-2026-7, again RC2026000045', ['RC|2026|45', 'OD|2026|7']],
    ['not after a letter', 'GOOD-2026-123', []],
    ['not a longer digit run', 'OD-2026-1234567890', []],
    ['a prefix nothing open has', 'RF-2026-000001', []],
    ['no Latin letter at all', '货款 2026 000123', []],
  ])('%s: %s', (_, text, keys) => {
    expect(scanner.scan(text)).toEqual(keys);
  });

  it('every spelling of a number finds the key of the number itself', () => {
    fc.assert(fc.property(fc.constantFrom('OD', 'RC'), fc.integer({ min: 1, max: 999_999 }), fc.constantFrom('-', '', ' ', '－'), fc.boolean(), fc.boolean(), (prefix, seq, sep, pad, lower) => {
      const number = `${prefix}-2026-${String(seq).padStart(6, '0')}`;
      let spelled = `${prefix}${sep}2026${sep}${pad ? String(seq).padStart(6, '0') : seq}`;
      if (lower) spelled = spelled.toLowerCase();
      expect(scanner.scan(`转账 ${spelled} 谢谢`)).toEqual([documentNumberKey(number)]);
    }));
  });

  it('documentNumberKey reads only our own numbers', () => {
    expect(documentNumberKey('OD-2026-000123')).toBe('OD|2026|123');
    expect(documentNumberKey('INV 7')).toBeNull();
  });
});

describe('bank references', () => {
  it('compares whole references without spaces and case, and ignores ones too short to mean anything', () => {
    expect(normalizeReference(' ali 2026 xyz ')).toBe('ALI2026XYZ');
    expect(normalizeReference('AB1')).toBe('');
  });

  it('takes the words of a text of 4 characters or more as possible references, bounded', () => {
    expect(referenceTokens('ref: ALI2026XYZ, 交易号（2026112700001）', 10)).toEqual(['ALI2026XYZ', '2026112700001']);
    expect(referenceTokens('a1b2 c3d4 e5f6 g7h8', 2)).toHaveLength(2);
  });
});

describe('findExactSums (bounded subset sum)', () => {
  const amounts = (xs: number[]) => xs.map((x, i) => ({ id: `x${i}`, amount: BigInt(x) }));
  const search = (xs: number[], target: number, extra: Partial<Parameters<typeof findExactSums>[0]> = {}) =>
    findExactSums({ candidates: amounts(xs), amountOf: (x) => x.amount, target: BigInt(target), sizeMin: 2, sizeMax: 5, solutionsMax: 10, stepsMax: 10_000, ...extra } as Parameters<typeof findExactSums<{ id: string; amount: bigint }>>[0]).map((s) => s.map((x) => x.id).sort());

  it('finds the sets that add up exactly, largest first', () => {
    expect(search([300, 700, 500, 200], 1000)).toEqual([['x0', 'x1'], ['x0', 'x2', 'x3']]);
  });

  it('respects the size bounds', () => {
    expect(search([100, 100, 100, 100, 100, 100], 600)).toEqual([]);
    expect(search([1000, 400], 1000)).toEqual([]);
  });

  it('stops after the step budget, whatever the data', () => {
    const many = Array.from({ length: 40 }, (_, i) => 1000 + i);
    expect(search(many, 1, { stepsMax: 50 })).toEqual([]);
    expect(search(many, 999_999, { stepsMax: 50 })).toEqual([]);
  });

  it('every answer sums to the target, within the bounds, without repeating an element', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 12 }), fc.integer({ min: 1, max: 200 }), (xs, target) => {
      const items = amounts(xs);
      const found = findExactSums({ candidates: items, amountOf: (x) => x.amount, target: BigInt(target), sizeMin: 2, sizeMax: 4, solutionsMax: 5, stepsMax: 5_000 });
      for (const set of found) {
        expect(set.reduce((s, x) => s + x.amount, 0n)).toBe(BigInt(target));
        expect(set.length).toBeGreaterThanOrEqual(2);
        expect(set.length).toBeLessThanOrEqual(4);
        expect(new Set(set).size).toBe(set.length);
      }
    }));
  });
});

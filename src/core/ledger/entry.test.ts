import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKxError } from '../errors.js';
import { formatAmount } from '../money/index.js';
import { isBusinessDate, requestHash, reversalOf, totalsByCurrency, validateEntry, type LineDraft } from './entry.js';

const line = (side: 'debit' | 'credit', amount: string | bigint, currency = 'CNY', account = side === 'debit' ? 'accounts_receivable' : 'sales'): LineDraft => ({
  account,
  side,
  amount,
  currency,
});
const entry = (lines: LineDraft[]) => ({ entryDate: '2026-11-26', source: 'test', lines });

describe('validateEntry', () => {
  it('turns sides into signed minor units: debit positive, credit negative', () => {
    const valid = validateEntry(entry([line('debit', '12.34'), line('credit', 1234n)]));
    expect(valid.lines.map((l) => [l.lineNo, l.amountMinor])).toEqual([[1, 1234n], [2, -1234n]]);
  });

  it('lists every problem, with the first one as the code', () => {
    try {
      validateEntry({ entryDate: '2026-13-01', source: 'test', lines: [line('debit', '1.001'), line('credit', '1.00', 'XYZ')] });
      expect.unreachable();
    } catch (error) {
      expect(isKxError(error, 'invalid_date')).toBe(true);
      expect(isKxError(error) && error.fields.map((f) => [f.field, f.code])).toEqual([
        ['entryDate', 'invalid_date'],
        ['lines[0].amount', 'too_many_decimals'],
        ['lines[1].currency', 'unknown_currency'],
      ]);
    }
  });

  it('refuses a bigint amount that is not positive', () => {
    expect(() => validateEntry(entry([line('debit', 0n), line('credit', 0n)]))).toThrow(expect.objectContaining({ code: 'amount_not_positive' }));
  });

  it('property: entries balanced per currency pass; moving one minor unit makes them fail', () => {
    const currency = fc.constantFrom('CNY', 'USD', 'JPY', 'KWD');
    fc.assert(
      fc.property(fc.array(fc.tuple(currency, fc.bigInt({ min: 1n, max: 10n ** 14n })), { minLength: 1, maxLength: 6 }), fc.nat(), (pairs, pick) => {
        const lines = pairs.flatMap(([c, minor]) => [line('debit', formatAmount(minor, c), c), line('credit', minor, c)]);
        expect([...totalsByCurrency(validateEntry(entry(lines)).lines).values()].every((t) => t === 0n)).toBe(true);
        const [c, minor] = pairs[pick % pairs.length]!;
        const broken = lines.map((l) => (l.side === 'credit' && l.amount === minor && l.currency === c ? { ...l, amount: minor + 1n } : l));
        expect(() => validateEntry(entry(broken))).toThrow(expect.objectContaining({ code: 'entry_unbalanced' }));
      }),
    );
  });
});

describe('reversalOf and requestHash', () => {
  it('a reversal negates every line and points at its original', () => {
    const original = validateEntry(entry([line('debit', '5.00'), line('credit', '5.00')]));
    const reversal = reversalOf('019ac000-0000-7000-8000-000000000001', original.lines, '2026-11-27', 'undo');
    expect(reversal.lines.map((l) => l.amountMinor)).toEqual([-500n, 500n]);
    expect(reversal.reversesEntryId).toBe('019ac000-0000-7000-8000-000000000001');
  });

  it('the hash changes with any amount and ignores nothing that posts', () => {
    const a = validateEntry(entry([line('debit', '5.00'), line('credit', '5.00')]));
    const b = validateEntry(entry([line('debit', '5.01'), line('credit', '5.01')]));
    expect(requestHash(a)).toBe(requestHash(validateEntry(entry([line('debit', 500n), line('credit', '5')]))));
    expect(requestHash(a)).not.toBe(requestHash(b));
    expect(requestHash(a)).not.toBe(requestHash({ ...a, entryDate: '2026-11-27' }));
  });
});

describe('isBusinessDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('%s → %s', (value, expected) => expect(isBusinessDate(value)).toBe(expected));
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKxError, type KxError } from '../errors.js';
import { limits } from '../limits.js';
import { instalmentStatus, isOverdue, overdueOnOrBefore, validatePlan, type StatusRules } from './plan.js';

const caught = (run: () => void): KxError => {
  try {
    run();
  } catch (error) {
    if (isKxError(error)) return error;
    throw error;
  }
  throw new Error('expected a KxError');
};

describe('validatePlan', () => {
  it('accepts instalments that add up to exactly what is planned', () => {
    expect(() => validatePlan([{ dueDate: '2026-01-31', amountMinor: 30000n }, { dueDate: '2026-02-28', amountMinor: 70000n }], 100000n, 'CNY')).not.toThrow();
  });

  it('refuses a fen more or less, with both sums in the message and details', () => {
    const error = caught(() => validatePlan([{ dueDate: '2026-01-31', amountMinor: 100001n }], 100000n, 'CNY'));
    expect(error.code).toBe('plan_mismatch');
    expect(error.message).toContain('1000.01');
    expect(error.message).toContain('1000.00');
    expect(error.details).toEqual({ sum: '1000.01', expected: '1000.00', currency: 'CNY' });
  });

  //  instalments                                         code                  field
  it.each<[string, [string, bigint][], string, string]>([
    ['empty', [], 'plan_mismatch', 'instalments'],
    ['an impossible date', [['2026-02-30', 100n]], 'invalid_date', 'instalments[0].dueDate'],
    ['a zero amount', [['2026-02-01', 100n], ['2026-03-01', 0n]], 'amount_not_positive', 'instalments[1].amount'],
    ['a negative amount', [['2026-02-01', 200n], ['2026-03-01', -100n]], 'amount_not_positive', 'instalments[1].amount'],
  ])('refuses %s', (_, instalments, code, field) => {
    const error = caught(() => validatePlan(instalments.map(([dueDate, amountMinor]) => ({ dueDate, amountMinor })), 100n, 'CNY'));
    expect(error.code).toBe(code);
    expect(error.fields.map((f) => f.field)).toContain(field);
  });

  it('refuses more than instalmentsPerPlanMax instalments', () => {
    const many = Array.from({ length: limits.instalmentsPerPlanMax + 1 }, () => ({ dueDate: '2026-01-01', amountMinor: 1n }));
    expect(caught(() => validatePlan(many, BigInt(many.length), 'CNY')).code).toBe('plan_mismatch');
  });

  it('accepts a plan exactly when its positive amounts sum to the planned total', () => {
    const amounts = fc.array(fc.bigInt({ min: -5n, max: 1_000_000n }), { minLength: 1, maxLength: 30 });
    fc.assert(fc.property(amounts, fc.bigInt({ min: 1n, max: 30_000_000n }), (parts, planned) => {
      const instalments = parts.map((amountMinor) => ({ dueDate: '2026-06-30', amountMinor }));
      const valid = parts.every((p) => p > 0n) && parts.reduce((a, b) => a + b, 0n) === planned;
      let accepted = true;
      try {
        validatePlan(instalments, planned, 'CNY');
      } catch (error) {
        if (!isKxError(error)) throw error;
        accepted = false;
      }
      expect(accepted).toBe(valid);
    }));
  });
});

describe('instalment status, derived from the dates and what was settled', () => {
  const rules: StatusRules = { today: '2026-03-10', graceDays: 3, dueSoonDays: 7 };
  //  due          amount  settled  voided  status
  it.each<[string, bigint, bigint, boolean, string]>([
    ['2026-01-01', 100n, 0n, true, 'void'],
    ['2026-01-01', 100n, 100n, false, 'paid'],
    ['2026-03-06', 100n, 0n, false, 'overdue'], // grace ended 03-09
    ['2026-03-07', 100n, 40n, false, 'due_soon'], // last day of grace is today: not yet overdue
    ['2026-03-17', 100n, 0n, false, 'due_soon'],
    ['2026-03-18', 100n, 0n, false, 'pending'],
    ['2026-03-18', 100n, 40n, false, 'partially_paid'],
  ])('due %s, %s, settled %s, voided %s → %s', (dueDate, amountMinor, settledMinor, voided, status) => {
    expect(instalmentStatus({ dueDate, amountMinor, settledMinor, voided }, rules)).toBe(status);
  });

  it('overdueOnOrBefore is the last due date that is overdue today', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, fc.integer({ min: 0, max: 60 }), (today, due, graceDays) => {
      expect(isOverdue(due, { today, graceDays })).toBe(due <= overdueOnOrBefore({ today, graceDays }));
    }));
  });
});

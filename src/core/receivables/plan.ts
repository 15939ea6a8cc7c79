import { KxError, type FieldIssue } from '../errors.js';
import { isBusinessDate } from '../ledger/entry.js';
import { limits } from '../limits.js';
import { formatAmount } from '../money/index.js';
import { addDays } from './dates.js';

/** An instalment of a payment plan (回款计划) as proposed: due date and amount in minor units. */
export interface InstalmentDraft {
  dueDate: string;
  amountMinor: bigint;
}

/**
 * Checks a payment plan against what the order still has to be planned: every due date a real date, every
 * amount positive, at most instalmentsPerPlanMax of them, and together exactly `plannedMinor` — not a fen
 * more or less (the CRMs we replace let plans exceed the contract).
 */
export function validatePlan(instalments: readonly InstalmentDraft[], plannedMinor: bigint, currency: string, field = 'instalments'): void {
  const issues: FieldIssue[] = [];
  if (instalments.length === 0) issues.push({ field, code: 'plan_mismatch', message: 'a plan has at least one instalment' });
  if (instalments.length > limits.instalmentsPerPlanMax) issues.push({ field, code: 'plan_mismatch', message: `a plan has at most ${limits.instalmentsPerPlanMax} instalments` });
  instalments.forEach((inst, index) => {
    if (!isBusinessDate(inst.dueDate)) issues.push({ field: `${field}[${index}].dueDate`, code: 'invalid_date', message: 'not a real date (YYYY-MM-DD)' });
    if (inst.amountMinor <= 0n) issues.push({ field: `${field}[${index}].amount`, code: 'amount_not_positive', message: 'an instalment amount is more than zero' });
  });
  if (issues.length > 0) throw new KxError(issues[0]!.code, issues[0]!.message, { fields: issues });
  const sum = instalments.reduce((total, inst) => total + inst.amountMinor, 0n);
  if (sum !== plannedMinor) {
    throw new KxError('plan_mismatch', `the instalments add up to ${formatAmount(sum, currency)} ${currency}; they must add up to exactly ${formatAmount(plannedMinor, currency)} ${currency}`, {
      fields: [{ field, code: 'plan_mismatch', message: `sum ${formatAmount(sum, currency)} ≠ ${formatAmount(plannedMinor, currency)}` }],
      details: { sum: formatAmount(sum, currency), expected: formatAmount(plannedMinor, currency), currency },
    });
  }
}

export type InstalmentStatus = 'pending' | 'due_soon' | 'overdue' | 'partially_paid' | 'paid' | 'void';

export interface InstalmentFacts {
  dueDate: string;
  amountMinor: bigint;
  settledMinor: bigint;
  voided: boolean;
}

export interface StatusRules {
  /** Today in the tenant's time zone. */
  today: string;
  /** Days after the due date before an unpaid instalment counts as overdue. */
  graceDays: number;
  /** Days ahead within which an unpaid instalment is due soon. */
  dueSoonDays: number;
}

/**
 * The status shown for an instalment, derived at read time (never flipped by a job): void and paid first,
 * then overdue (past due + grace), due soon (due within the window), partially paid, pending. Overdue wins
 * over partially paid because it is what someone must act on; `partially` says whether money came in.
 */
export function instalmentStatus(inst: InstalmentFacts, rules: StatusRules): InstalmentStatus {
  if (inst.voided) return 'void';
  if (inst.settledMinor >= inst.amountMinor) return 'paid';
  if (isOverdue(inst.dueDate, rules)) return 'overdue';
  if (inst.dueDate <= addDays(rules.today, rules.dueSoonDays)) return 'due_soon';
  return inst.settledMinor > 0n ? 'partially_paid' : 'pending';
}

/** Overdue: the last day of grace is before today. */
export function isOverdue(dueDate: string, rules: Pick<StatusRules, 'today' | 'graceDays'>): boolean {
  return addDays(dueDate, rules.graceDays) < rules.today;
}

/** The last date whose unpaid instalments are overdue today (for queries: due_date <= this). */
export function overdueOnOrBefore(rules: Pick<StatusRules, 'today' | 'graceDays'>): string {
  return addDays(rules.today, -rules.graceDays - 1);
}

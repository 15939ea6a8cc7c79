import dayjs from 'dayjs';
import { formatAmount, splitEvenly } from '../../../../src/core/money/index.js';
import { minorOf } from '../../shared/money';
import type { Instalment } from '../../api/orders';

/** One row of the plan editor: an existing instalment (id) or a new one; `settled` is what is paid on it. */
export interface PlanRow {
  id?: string;
  dueDate: string;
  amount: string;
  settled: string;
}


/** Paid in full: neither its amount nor its due date may change. */
export function isPaidInFull(row: PlanRow, currency: string): boolean {
  const settled = minorOf(row.settled, currency) ?? 0n;
  return settled > 0n && settled === minorOf(row.amount, currency);
}

export function hasPayment(row: PlanRow, currency: string): boolean {
  return (minorOf(row.settled, currency) ?? 0n) > 0n;
}

export function rowsOf(plan: Instalment[]): PlanRow[] {
  return plan.filter((i) => i.voidedAt === null && i.status !== 'void').map((i) => ({ id: i.id, dueDate: i.dueDate, amount: i.amount, settled: i.settled }));
}

/** Σ of the rows (null when one is not a valid amount yet). */
export function plannedMinor(rows: PlanRow[], currency: string): bigint | null {
  let sum = 0n;
  for (const row of rows) {
    const minor = minorOf(row.amount, currency);
    if (minor === null) return null;
    sum += minor;
  }
  return sum;
}

/**
 * Re-plans the unpaid part into `count` equal instalments (exact: splitEvenly gives the remainder fen to the
 * first ones). Instalments with money on them stay: paid ones as they are, partly paid ones cut to what is
 * paid, so only the unpaid part moves. New due dates are one month apart, from the signed date (or, when
 * something is already paid, from the later of today and the signed date).
 */
export function splitUnpaid(rows: PlanRow[], count: number, targetMinor: bigint, currency: string, signedDate: string, today: string): PlanRow[] | null {
  const kept = rows.filter((r) => hasPayment(r, currency)).map((r) => ({ ...r, amount: isPaidInFull(r, currency) ? r.amount : r.settled }));
  const keptMinor = plannedMinor(kept, currency) ?? 0n;
  const rest = targetMinor - keptMinor;
  if (rest <= 0n || count < 1) return rest === 0n ? kept : null;
  const start = kept.length === 0 ? signedDate : today > signedDate ? today : signedDate;
  const parts = splitEvenly(rest, count);
  return [...kept, ...parts.map((minor, i) => ({ dueDate: dayjs(start).add(i, 'month').format('YYYY-MM-DD'), amount: formatAmount(minor, currency), settled: formatAmount(0n, currency) }))];
}

export function format(minor: bigint, currency: string): string {
  return formatAmount(minor, currency);
}

import { addDays } from '../receivables/dates.js';
import { monthEnd } from '../receivables/months.js';

/**
 * The pivot's vocabulary and its pure parts: what a time bucket covers, and the outstanding balance carried
 * across time buckets. The SQL that sums the daily figures lives in app/reports/pivot.ts.
 */
export const timeDimensions = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type TimeDimension = (typeof timeDimensions)[number];
export const pivotDimensions = [...timeDimensions, 'customer', 'customerTag', 'owner', 'department', 'product', 'channel', 'currency', 'kind'] as const;
export type PivotDimension = (typeof pivotDimensions)[number];

/**
 * - issued: receivables raised by orders (Dr accounts_receivable, source order)
 * - received: cash in from confirmed receipts, less receipts voided
 * - refunded: cash paid back on refunds
 * - netReceived: received − refunded
 * - outstanding: accounts_receivable balance at the end of the range (with a time dimension: of each bucket)
 * - overdue: unpaid part of live instalments past due + grace at the end of the range (or of each bucket)
 * - count: receipts confirmed, less receipts voided
 * - avgDaysToPay: amount-weighted days from due date to each allocation posted in the range (or bucket)
 * overdue and avgDaysToPay come from instalments and allocations, not the journal: pivot-instalments.ts.
 */
export const pivotMeasures = ['issued', 'received', 'refunded', 'netReceived', 'outstanding', 'overdue', 'count', 'avgDaysToPay'] as const;
export type PivotMeasure = (typeof pivotMeasures)[number];
export const pivotDimensionsMax = 3;

export function isTimeDimension(d: string): d is TimeDimension {
  return (timeDimensions as readonly string[]).includes(d);
}

/** The first and last day a bucket label covers (labels as the SQL writes them: 2026-03-09, 2026-03, 2026-Q1, 2026). */
export function bucketRange(dimension: TimeDimension, label: string): { from: string; to: string } {
  switch (dimension) {
    case 'day':
      return { from: label, to: label };
    case 'week':
      return { from: label, to: addDays(label, 6) };
    case 'month':
      return { from: `${label}-01`, to: monthEnd(`${label}-01`) };
    case 'quarter': {
      const first = (Number(label.slice(6)) - 1) * 3 + 1;
      const start = `${label.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
      return { from: start, to: monthEnd(`${label.slice(0, 4)}-${String(first + 2).padStart(2, '0')}-01`) };
    }
    case 'year':
      return { from: `${label}-01-01`, to: `${label}-12-31` };
  }
}

/**
 * Turns per-bucket movements of the receivable into balances at each bucket's end: for every group (the
 * other dimensions), the opening balance (movements before the range, bucket null) plus the movements of
 * every bucket up to this one. Buckets sort as strings because every label format sorts by time.
 */
export function carryBalances<R extends { group: string; bucket: string | null; movement: bigint }>(rows: readonly R[]): Map<R, bigint> {
  const byGroup = new Map<string, R[]>();
  for (const row of rows) {
    const members = byGroup.get(row.group);
    if (members) members.push(row);
    else byGroup.set(row.group, [row]);
  }
  const balances = new Map<R, bigint>();
  for (const members of byGroup.values()) {
    let running = 0n;
    const ordered = [...members].sort((a, b) => (a.bucket === null ? -1 : b.bucket === null ? 1 : a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
    for (const row of ordered) {
      running += row.movement;
      balances.set(row, running);
    }
  }
  return balances;
}

import { addDays } from '../receivables/dates.js';
import { ratio } from './kpi.js';
import { bucketRange, type PivotDimension, type PivotMeasure, type TimeDimension } from './pivot.js';

/**
 * The pivot's two measures that come from instalments and allocations rather than journal lines:
 * - overdue: the unpaid part of live instalments past their due date + grace days, at the end of the range
 *   (with a time dimension: at the end of each bucket), as the aging counts it;
 * - avgDaysToPay: days from an instalment's due date to each allocation posted in the range (or bucket),
 *   weighted by the amount allocated, to one decimal; negative = paid early.
 * An instalment belongs to an order, not to one product line, payment channel or entry kind: overdue has no
 * product, channel or kind, and avgDaysToPay has no product or kind (its channel is the paying receipt's).
 * Where a measure has no meaning for the dimensions or filters asked, it answers "".
 */
export const instalmentMeasures = ['overdue', 'avgDaysToPay'] as const satisfies readonly PivotMeasure[];
export type InstalmentMeasure = (typeof instalmentMeasures)[number];

const without: Record<InstalmentMeasure, readonly PivotDimension[]> = {
  overdue: ['product', 'channel', 'kind'],
  avgDaysToPay: ['product', 'kind'],
};
type Unpivoted = 'productIds' | 'channels' | 'kinds';
const filterOf: Partial<Record<PivotDimension, Unpivoted>> = { product: 'productIds', channel: 'channels', kind: 'kinds' };

/** Whether the measure means something along these dimensions and with these filters (non-empty lists). */
export function instalmentMeasureApplies(measure: InstalmentMeasure, dimensions: readonly PivotDimension[], filters: Partial<Record<Unpivoted, readonly string[]>>): boolean {
  return without[measure].every((d) => !dimensions.includes(d) && (filters[filterOf[d]!] ?? []).length === 0);
}

/** The bucket label of a business date, as the pivot's SQL writes it (2026-03-09 (Monday of its week), 2026-03, 2026-Q1, 2026). */
export function bucketLabelOf(time: TimeDimension, date: string): string {
  switch (time) {
    case 'day': return date;
    case 'week': return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
    case 'month': return date.slice(0, 7);
    case 'quarter': return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year': return date.slice(0, 4);
  }
}

/** Every bucket [from, to] touches, in order, with the day its figures are taken at: its last day, or `to`. */
export function bucketsBetween(time: TimeDimension, from: string, to: string): { label: string; end: string }[] {
  const out: { label: string; end: string }[] = [];
  for (let day = from; day <= to;) {
    const label = bucketLabelOf(time, day);
    const last = bucketRange(time, label).to;
    out.push({ label, end: last < to ? last : to });
    day = addDays(last, 1);
  }
  return out;
}

/** Σ(amount × days) ÷ Σ amount to one decimal; "" when nothing was paid. */
export function averageDays(amountDaysMinor: bigint, amountMinor: bigint): string {
  return amountMinor <= 0n ? '' : ratio(amountDaysMinor, amountMinor, 1)!;
}

import { addDays } from '../receivables/dates.js';
import { ratio } from './kpi.js';

/**
 * Collection forecast: when will the open instalments be paid? Each open instalment is spread over the
 * coming weeks by the customer's own history of payment delays (days from due date to each allocation,
 * weighted by the amount), or by the whole tenant's when the customer has fewer than `minObservations`
 * payments (in the last `historyDays`). An instalment already `e` days past due is spread by the delays of at least `e` days only (it was
 * not paid earlier); when no past payment was that late, it is counted beyond the horizon. Amounts are split
 * by cumulative rounding, so the pieces add up exactly to what is open.
 */
export interface InstalmentHistory {
  customerId: string;
  /** The day the instalment became known (its order's signing date): a backtest ignores later ones. */
  knownFrom: string;
  dueDate: string;
  amountMinor: bigint;
  /** Allocations to it: the day of their posting and the amount (negative when taken back). */
  settlements: { day: string; minor: bigint }[];
}

export interface ForecastWeek { from: string; to: string; expectedMinor: bigint }

export interface Forecast {
  asOf: string;
  weeks: ForecastWeek[];
  /** Expected later than the horizon, or not expected from any past delay. */
  beyondMinor: bigint;
  openMinor: bigint;
  customersOwnHistory: number;
  customersTenantHistory: number;
}

export const forecastWeeks = 13;
export const minObservations = 3;
/** Payments older than this before the forecast date are not looked at: habits change. */
export const historyDays = 365;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

type Delays = { delay: number; weight: bigint }[];

function settledBefore(item: InstalmentHistory, asOf: string): bigint {
  return item.settlements.filter((s) => s.day < asOf).reduce((t, s) => t + s.minor, 0n);
}

/** Payment delays seen before asOf, per customer and for the tenant. */
function delaysBefore(items: readonly InstalmentHistory[], asOf: string): { perCustomer: Map<string, Delays>; tenant: Delays } {
  const perCustomer = new Map<string, Delays>();
  const tenant: Delays = [];
  for (const item of items) {
    for (const s of item.settlements) {
      if (s.day >= asOf || s.minor <= 0n || s.day < addDays(asOf, -historyDays)) continue;
      const observation = { delay: dayNumber(s.day) - dayNumber(item.dueDate), weight: s.minor };
      tenant.push(observation);
      const mine = perCustomer.get(item.customerId);
      if (mine) mine.push(observation);
      else perCustomer.set(item.customerId, [observation]);
    }
  }
  return { perCustomer, tenant };
}

export function forecast(items: readonly InstalmentHistory[], asOf: string, weeks = forecastWeeks): Forecast {
  const { perCustomer, tenant } = delaysBefore(items, asOf);
  const out: ForecastWeek[] = Array.from({ length: weeks }, (_, i) => ({ from: addDays(asOf, 7 * i), to: addDays(asOf, 7 * i + 6), expectedMinor: 0n }));
  let beyond = 0n;
  let open = 0n;
  const own = new Set<string>();
  const fallback = new Set<string>();
  for (const item of items) {
    if (item.knownFrom > asOf) continue;
    const unpaid = item.amountMinor - settledBefore(item, asOf);
    if (unpaid <= 0n) continue;
    open += unpaid;
    const mine = perCustomer.get(item.customerId) ?? [];
    const history = mine.length >= minObservations ? mine : tenant;
    (history === mine ? own : fallback).add(item.customerId);
    const elapsed = dayNumber(asOf) - dayNumber(item.dueDate);
    const possible = history.filter((h) => h.delay >= elapsed).sort((a, b) => a.delay - b.delay);
    const total = possible.reduce((t, h) => t + h.weight, 0n);
    if (total === 0n) {
      beyond += unpaid;
      continue;
    }
    // Cumulative rounding: piece k = round(unpaid × cumulative weight up to k / total) − the previous one.
    let cumulative = 0n;
    let placed = 0n;
    for (const h of possible) {
      cumulative += h.weight;
      const upTo = (unpaid * cumulative * 2n + total) / (2n * total);
      const piece = upTo - placed;
      placed = upTo;
      const week = Math.floor((dayNumber(item.dueDate) + h.delay - dayNumber(asOf)) / 7);
      if (week < weeks) out[week]!.expectedMinor += piece;
      else beyond += piece;
    }
  }
  return { asOf, weeks: out, beyondMinor: beyond, openMinor: open, customersOwnHistory: own.size, customersTenantHistory: fallback.size };
}

/** What actually arrived, per forecast week, on the instalments open at asOf (for a backtest). */
export function actualArrivals(items: readonly InstalmentHistory[], asOf: string, weeks = forecastWeeks): bigint[] {
  const out = Array.from({ length: weeks }, () => 0n);
  for (const item of items) {
    if (item.knownFrom > asOf || item.amountMinor - settledBefore(item, asOf) <= 0n) continue;
    for (const s of item.settlements) {
      const week = Math.floor((dayNumber(s.day) - dayNumber(asOf)) / 7);
      if (s.day >= asOf && week < weeks) out[week]! += s.minor;
    }
  }
  return out;
}

/** WAPE = Σ|forecast − actual| ÷ Σ actual, 4 places; null when nothing arrived. */
export function wape(forecastMinor: readonly bigint[], actualMinor: readonly bigint[]): string | null {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const error = forecastMinor.reduce((t, f, i) => t + abs(f - actualMinor[i]!), 0n);
  return ratio(error, actualMinor.reduce((t, a) => t + a, 0n), 4);
}

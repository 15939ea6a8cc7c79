import { isBusinessDate } from '../../core/ledger/entry.js';

/**
 * Business dates as whole days since 1970-01-01: the generator does arithmetic on millions of dates, and
 * integers are cheaper and harder to get wrong than Date objects shifted by a process time zone.
 */
export type DayNumber = number;

const msPerDay = 86_400_000;

export function dayOf(date: string): DayNumber {
  if (!isBusinessDate(date)) throw new Error(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / msPerDay;
}

/** Formatting is the hot path when writing entries, and a demo spans only a few hundred distinct days. */
const formatted = new Map<DayNumber, string>();

export function dateOf(day: DayNumber): string {
  let text = formatted.get(day);
  if (text === undefined) {
    text = new Date(day * msPerDay).toISOString().slice(0, 10);
    formatted.set(day, text);
  }
  return text;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: DayNumber): number {
  return (day + 4) % 7;
}

/** The same day of the month `months` earlier, clamped to the month's last day (31 Aug − 6 months → 28/29 Feb). */
export function monthsBefore(day: DayNumber, months: number): DayNumber {
  const date = new Date(day * msPerDay);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime() / msPerDay;
}

/** Today's calendar date in a time zone (the tenant's), not the process's. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

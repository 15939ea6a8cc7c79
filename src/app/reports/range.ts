import { KxError } from '../../core/errors.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { daysBetween, monthStart } from '../../core/receivables/index.js';

/**
 * The [from, to] of a standard report that takes a date range: both inclusive business dates in the tenant's
 * time zone; by default the twelve calendar months up to today (this month so far and the eleven before it).
 */
export function reportRange(query: { from?: string; to?: string }, today: string): { from: string; to: string } {
  const bad = (field: string, message: string) => new KxError('validation_failed', `${field}: ${message}`, { fields: [{ field, code: 'validation_failed', message }] });
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && !isBusinessDate(value)) throw bad(field, 'not a real date (YYYY-MM-DD)');
  }
  const to = query.to ?? today;
  const from = query.from ?? monthStart(to, 11);
  if (from > to) throw bad('to', 'to is before from');
  if (daysBetween(from, to) >= limits.reportDaysMax) throw bad('to', `a report spans at most ${limits.reportDaysMax} days`);
  return { from, to };
}

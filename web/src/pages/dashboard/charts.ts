import type { AgingBucket } from '../../api/dashboard';

/** Drawing helpers shared by the dashboard's charts: axis ticks and month names (labels with amounts use formatMoney). */
export function compactNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** 'YYYY-MM' → "2026年11月" / "Nov 2026". */
export function monthLabel(month: string, locale: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year!, m! - 1, 1)));
}

/** The amount as a number, for the height of a bar only — never shown. */
export function plotted(amount: string): number {
  return Number(amount);
}

export const agingColors: Record<AgingBucket, string> = {
  not_due: '#52c41a',
  d1_30: '#faad14',
  d31_60: '#fa8c16',
  d61_90: '#f5222d',
  d90_plus: '#a8071a',
};

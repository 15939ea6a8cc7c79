/** The first day of the month `back` months before the month of a business date ('2026-11-20', 1 → '2026-10-01'). */
export function monthStart(date: string, back = 0): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - back;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The last day of the month of a business date ('2026-02-10' → '2026-02-28'). */
export function monthEnd(date: string): string {
  const next = Date.parse(`${monthStart(date, -1)}T00:00:00Z`) - 86_400_000;
  return new Date(next).toISOString().slice(0, 10);
}

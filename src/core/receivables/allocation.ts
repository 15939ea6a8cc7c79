/** Something money can be applied to: an instalment (or an order), with what it still lacks. */
export interface OpenItem {
  id: string;
  /** Sort key: the due date (then the id, so the order is total and repeatable). */
  dueDate: string;
  openMinor: bigint;
}

export interface Applied {
  id: string;
  amountMinor: bigint;
}

/**
 * Applies an amount to open items oldest due first (then by id), each up to what it lacks. Returns what went
 * where and the remainder nothing could take (an overpayment, which becomes the customer's advance).
 */
export function applyOldestFirst(items: readonly OpenItem[], amountMinor: bigint): { applied: Applied[]; remainderMinor: bigint } {
  const sorted = [...items].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const applied: Applied[] = [];
  let left = amountMinor;
  for (const item of sorted) {
    if (left <= 0n) break;
    if (item.openMinor <= 0n) continue;
    const take = item.openMinor < left ? item.openMinor : left;
    applied.push({ id: item.id, amountMinor: take });
    left -= take;
  }
  return { applied, remainderMinor: left };
}

/**
 * Takes an amount back from items latest due first — the mirror of applyOldestFirst, used when a credit note
 * reduces what is still unpaid: the last instalments shrink first.
 */
export function takeLatestFirst(items: readonly OpenItem[], amountMinor: bigint): { taken: Applied[]; remainderMinor: bigint } {
  const reversed = [...items].sort((a, b) => (a.dueDate > b.dueDate ? -1 : a.dueDate < b.dueDate ? 1 : a.id > b.id ? -1 : a.id < b.id ? 1 : 0));
  const { applied, remainderMinor } = applyOldestFirst(
    reversed.map((item, index) => ({ ...item, dueDate: String(index).padStart(6, '0') })),
    amountMinor,
  );
  return { taken: applied, remainderMinor };
}

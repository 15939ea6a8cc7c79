import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOldestFirst, takeLatestFirst, type OpenItem } from './allocation.js';

const sum = (values: readonly { amountMinor: bigint }[]) => values.reduce((total, v) => total + v.amountMinor, 0n);

const dateArb = fc.integer({ min: 0, max: 60 }).map((d) => `2026-${String(1 + Math.floor(d / 28)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`);
const itemsArb = fc.uniqueArray(
  fc.record({ id: fc.uuid(), dueDate: dateArb, openMinor: fc.bigInt({ min: 0n, max: 1_000_000n }) }),
  { selector: (i) => i.id, maxLength: 12 },
);
const amountArb = fc.bigInt({ min: 0n, max: 5_000_000n });

const byDue = (a: OpenItem, b: OpenItem) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('applyOldestFirst', () => {
  //  open items (id, due, lacks)                      amount   applied                 remainder
  it.each<[string, [string, string, bigint][], bigint, [string, bigint][], bigint]>([
    ['fills the oldest first', [['b', '2026-02-01', 300n], ['a', '2026-01-01', 100n]], 250n, [['a', 100n], ['b', 150n]], 0n],
    ['overpayment is the remainder', [['a', '2026-01-01', 100n]], 130n, [['a', 100n]], 30n],
    ['same due date: by id', [['b', '2026-01-01', 50n], ['a', '2026-01-01', 50n]], 60n, [['a', 50n], ['b', 10n]], 0n],
    ['skips what lacks nothing', [['a', '2026-01-01', 0n], ['b', '2026-02-01', 10n]], 10n, [['b', 10n]], 0n],
    ['nothing open: all remains', [], 99n, [], 99n],
  ])('%s', (_, items, amount, applied, remainder) => {
    const result = applyOldestFirst(items.map(([id, dueDate, openMinor]) => ({ id, dueDate, openMinor })), amount);
    expect(result.applied.map((a) => [a.id, a.amountMinor])).toEqual(applied);
    expect(result.remainderMinor).toBe(remainder);
  });

  it('applies exactly the amount: applied + remainder = amount, each item within what it lacks', () => {
    fc.assert(fc.property(itemsArb, amountArb, (items, amount) => {
      const { applied, remainderMinor } = applyOldestFirst(items, amount);
      expect(sum(applied) + remainderMinor).toBe(amount);
      expect(remainderMinor >= 0n).toBe(true);
      const lacks = new Map(items.map((i) => [i.id, i.openMinor]));
      for (const part of applied) {
        expect(part.amountMinor > 0n).toBe(true);
        expect(part.amountMinor <= lacks.get(part.id)!).toBe(true);
      }
      expect(new Set(applied.map((a) => a.id)).size).toBe(applied.length);
    }));
  });

  it('leaves a remainder only when every item is filled, and fills items strictly in due order', () => {
    fc.assert(fc.property(itemsArb, amountArb, (items, amount) => {
      const { applied, remainderMinor } = applyOldestFirst(items, amount);
      const got = new Map(applied.map((a) => [a.id, a.amountMinor]));
      const sorted = [...items].filter((i) => i.openMinor > 0n).sort(byDue);
      if (remainderMinor > 0n) expect(sorted.every((i) => got.get(i.id) === i.openMinor)).toBe(true);
      // Once an item is not filled completely, no later item gets anything.
      let short = false;
      for (const item of sorted) {
        const part = got.get(item.id) ?? 0n;
        if (short) expect(part).toBe(0n);
        if (part < item.openMinor) short = true;
      }
    }));
  });

  it('does not depend on the order the items are given in', () => {
    fc.assert(fc.property(itemsArb, amountArb, (items, amount) => {
      expect(applyOldestFirst([...items].reverse(), amount)).toEqual(applyOldestFirst(items, amount));
    }));
  });
});

describe('takeLatestFirst', () => {
  it('shrinks the latest due first', () => {
    const items = [{ id: 'a', dueDate: '2026-01-01', openMinor: 100n }, { id: 'c', dueDate: '2026-03-01', openMinor: 100n }, { id: 'b', dueDate: '2026-02-01', openMinor: 100n }];
    expect(takeLatestFirst(items, 150n)).toEqual({ taken: [{ id: 'c', amountMinor: 100n }, { id: 'b', amountMinor: 50n }], remainderMinor: 0n });
  });

  it('mirrors applyOldestFirst: the same parts, taken from the other end', () => {
    fc.assert(fc.property(itemsArb, amountArb, (items, amount) => {
      const { taken, remainderMinor } = takeLatestFirst(items, amount);
      expect(sum(taken) + remainderMinor).toBe(amount);
      const sorted = [...items].filter((i) => i.openMinor > 0n).sort(byDue).reverse();
      let short = false;
      const got = new Map(taken.map((a) => [a.id, a.amountMinor]));
      for (const item of sorted) {
        const part = got.get(item.id) ?? 0n;
        expect(part <= item.openMinor).toBe(true);
        if (short) expect(part).toBe(0n);
        if (part < item.openMinor) short = true;
      }
    }));
  });
});

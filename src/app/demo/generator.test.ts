import { describe, expect, it } from 'vitest';
import { dateOf, dayOf, monthsBefore } from './calendar.js';
import { ordersPerDay, type OrderBundle } from './generator.js';
import { Rng } from './rng.js';
import { planDemo } from './seed.js';
import { DemoLedgerGenerator } from './generator.js';

function bundlesFor(seed: number, receipts: number, asOf = '2026-03-31'): OrderBundle[] {
  const plan = planDemo({ seed, receipts, asOf });
  return [...new DemoLedgerGenerator(plan.world, plan.orderRng(), plan.generatorOptions).bundles()];
}

/** The business content of bundles with the ids (fresh on every run) replaced by what they stand for. */
function content(bundles: OrderBundle[]): string {
  return JSON.stringify(
    bundles.map((b) => [b.order.day, b.order.customer.code, b.order.customer.name, String(b.order.amountMinor), b.actions.map((a) => JSON.stringify(a, (key, value: unknown) => (typeof value === 'bigint' ? String(value) : key === 'product' ? (value as { code: string }).code : value)))]),
  );
}

describe('demo generator', () => {
  const bundles = bundlesFor(42, 2_000);
  const asOf = '2026-03-31';

  it('is deterministic by seed', () => {
    expect(content(bundlesFor(42, 2_000))).toBe(content(bundles));
    expect(content(bundlesFor(43, 2_000))).not.toBe(content(bundles));
  });

  it('dates nothing after as-of, and every amount is positive', () => {
    for (const bundle of bundles) {
      for (const action of bundle.actions) {
        expect(dateOf(action.day) <= asOf).toBe(true);
        if ('paidDay' in action && action.paidDay !== null) expect(dateOf(action.paidDay) <= asOf).toBe(true);
        if ('amountMinor' in action) expect(action.amountMinor > 0n).toBe(true);
        if (action.kind === 'order') expect(action.lines.reduce((sum, l) => sum + l.amountMinor, 0n)).toBe(bundle.order.amountMinor);
      }
    }
  });

  it('makes plans whose instalments sum to the order, paid no more than owed, orders within the amount ranges', () => {
    for (const { order } of bundles) {
      expect(order.instalments.length).toBeGreaterThanOrEqual(1);
      expect(order.instalments.length).toBeLessThanOrEqual(4);
      expect(order.instalments.reduce((sum, i) => sum + i.amountMinor, 0n)).toBe(order.amountMinor);
      for (const inst of order.instalments) expect(inst.paidMinor <= inst.amountMinor && inst.paidMinor >= 0n).toBe(true);
      const [min, max] = order.currency === 'CNY' ? [200_000n, 80_000_000n] : [30_000n, 11_500_000n];
      expect(order.amountMinor >= min && order.amountMinor <= max, `${order.amountMinor} ${order.currency}`).toBe(true);
    }
  });

  it('stops receipts at the cap, near the end of the period', () => {
    const receipts = bundles.flatMap((b) => b.actions).filter((a) => a.kind === 'receipt' || a.kind === 'prepayment');
    expect(receipts.length).toBeLessThanOrEqual(2_000);
    expect(receipts.length).toBeGreaterThan(1_950);
    const lastOrderDay = bundles[bundles.length - 1]!.order.day;
    expect(lastOrderDay).toBeGreaterThan(dayOf(asOf) - 7);
  });

  it('has late, partial and never-paid instalments as well as paid ones', () => {
    const instalments = bundles.flatMap((b) => b.order.instalments);
    const overdue = instalments.filter((i) => i.dueDay < dayOf(asOf) && i.paidMinor < i.amountMinor);
    expect(overdue.length).toBeGreaterThan(instalments.length * 0.03);
    expect(instalments.some((i) => i.paidMinor > 0n && i.paidMinor < i.amountMinor)).toBe(true);
    expect(instalments.filter((i) => i.paidMinor === i.amountMinor).length).toBeGreaterThan(instalments.length / 2);
  });
});

describe('ordersPerDay', () => {
  it('spreads exactly the total over the period, fewer on Sundays', () => {
    const last = dayOf('2026-03-31');
    const first = monthsBefore(last, 18) + 1;
    const days = [...ordersPerDay(first, last, 10_000)];
    expect(days.reduce((sum, [, n]) => sum + n, 0)).toBe(10_000);
    expect(dateOf(days[0]![0]) >= '2024-10-01').toBe(true);
    const sundays = days.filter(([d]) => new Date(d * 86_400_000).getUTCDay() === 0);
    const mondays = days.filter(([d]) => new Date(d * 86_400_000).getUTCDay() === 1);
    expect(sundays.reduce((s, [, n]) => s + n, 0) * 3).toBeLessThan(mondays.reduce((s, [, n]) => s + n, 0));
  });
});

describe('Rng', () => {
  it('forks independent streams and clones identical ones', () => {
    const root = Rng.seeded(1);
    const fork = root.fork();
    const copy = fork.clone();
    const drawn = Array.from({ length: 5 }, () => fork.int(0, 1_000_000));
    expect(Array.from({ length: 5 }, () => copy.int(0, 1_000_000))).toEqual(drawn);
    expect(Array.from({ length: 5 }, () => root.int(0, 1_000_000))).not.toEqual(drawn);
  });
});

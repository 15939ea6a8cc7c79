import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { systemActor } from '../src/app/actor.js';
import { seedDemoBulk, type BulkSeedSummary } from '../src/app/demo/bulk.js';
import { pivot, type PivotRequest } from '../src/app/reports/pivot.js';
import { verifyLedger } from '../src/app/verify.js';
import { bucketRange, type PivotDimension, type TimeDimension } from '../src/core/reports/pivot.js';
import { createTestDatabase } from './helpers/db.js';

/**
 * seed-demo --bulk: the rows it writes pass every `verify` check in both modes (the triggers firing, or the
 * figures derived afterwards), the two modes give the same figures, and on that data the pivot read from the
 * monthly roll-up equals the pivot read from the daily figures.
 */
let database: Database;
let fired: BulkSeedSummary;
let derived: BulkSeedSummary;
const asOf = '2026-11-27';

beforeAll(async () => {
  database = await createTestDatabase();
  fired = await seedDemoBulk(database.db, { mode: 'triggers', seed: 11, receipts: 600, customers: 60, slug: 'bulk-fired', asOf });
  derived = await seedDemoBulk(database.db, { mode: 'derive', seed: 11, receipts: 600, customers: 60, slug: 'bulk-derived', asOf });
}, 300_000);
afterAll(async () => database?.close());

describe('seed-demo --bulk', () => {
  it('writes orders, plans, receipts and allocations that verify, receipts capped as asked', async () => {
    expect(fired.receipts).toBe(600);
    expect(fired.customers).toBe(60);
    expect(fired.instalments).toBeGreaterThan(fired.orders);
    // Orders post 2–3 lines (receivable + one or two sales lines), receipts 2.
    expect(fired.entries).toBe(fired.orders + fired.receipts);
    const report = await verifyLedger(database.db, { tenantId: fired.tenantId });
    expect(report.checks.filter((c) => c.problems.length > 0)).toEqual([]);
    expect(derived.verified.length).toBe(report.checks.length);
    const counters = await database.db.selectFrom('document_numbers').select(['prefix', (eb) => eb.fn.sum<string>('last_value').as('n')])
      .where('tenant_id', '=', fired.tenantId).groupBy('prefix').orderBy('prefix').execute();
    expect(counters.map((c) => [c.prefix, Number(c.n)])).toEqual([['OD', fired.orders], ['RC', 600]]);
  });

  it('the same seed gives the same business in both modes: figures per day, account and source', async () => {
    const figures = async (tenantId: string) => (await sql<{ day: string; code: string; source: string; debit: string; credit: string; lines: string }>`
      select d.day::text as day, a.code, d.source, sum(d.debit_minor)::text as debit, sum(d.credit_minor)::text as credit, sum(d.line_count)::text as lines
        from ledger_daily d join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id
       where d.tenant_id = ${tenantId} group by 1, 2, 3 order by 1, 2, 3`.execute(database.db)).rows;
    const fromTriggers = await figures(fired.tenantId);
    expect(fromTriggers.length).toBeGreaterThan(100);
    expect(await figures(derived.tenantId)).toEqual(fromTriggers);
    expect(derived.openMinor).toEqual(fired.openMinor);
  });
});

describe('pivot over the monthly roll-up', () => {
  // Without a customer dimension the pivot reads ledger_monthly; with one, ledger_daily. Summed over the
  // customers, the flows of the second give the first, for ranges on and off month boundaries and every time
  // bucket; the outstanding of a row is the receivable of its group up to the bucket's end, from the daily figures.
  const ranges: [string, string][] = [['2025-12-01', '2026-11-30'], ['2026-01-17', '2026-10-09'], ['2026-03-01', '2026-03-20'], ['2026-02-11', '2026-02-27'], ['2025-06-01', '2026-11-27']];
  // Day buckets only over short ranges: per customer they would pass the pivot's row limit over a year.
  const timesFor = (from: string, to: string): (TimeDimension | null)[] =>
    Date.parse(to) - Date.parse(from) <= 31 * 86_400_000 ? ['month', 'week', 'day', null] : ['month', 'quarter', 'week', 'year', null];
  const flows = ['issued', 'received', 'refunded', 'netReceived', 'count'] as const;
  const minor = (text: string) => BigInt(text.replace('.', ''));
  let movements: { day: string; channel: string; department: string; minor: string }[];
  beforeAll(async () => {
    // The CNY receivable's movements per day, channel and department, from the daily figures.
    movements = (await sql<{ day: string; channel: string; department: string; minor: string }>`
      select d.day::text as day, d.channel_key as channel, d.department_key::text as department, sum(d.debit_minor - d.credit_minor)::text as minor
        from ledger_daily d join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id
       where d.tenant_id = ${fired.tenantId} and a.code = 'accounts_receivable' and d.currency = 'CNY'
       group by 1, 2, 3`.execute(database.db)).rows;
  });
  it.each(ranges)('from %s to %s', async (from, to) => {
    const db = database.db;
    const actor = { ...systemActor(fired.tenantId), asOf: new Date(`${asOf}T04:00:00Z`) };
    for (const time of timesFor(from, to)) {
      for (const other of ['channel', 'department'] as const) {
        const dims: PivotDimension[] = time === null ? [other] : [time, other];
        const request: PivotRequest = { dimensions: dims, measures: [...flows, 'outstanding'], from, to, currency: 'CNY' };
        const rolled = await pivot(db, actor, request);
        const daily = await pivot(db, actor, { ...request, dimensions: [...dims, 'customer'] });
        const summed = new Map<string, Record<string, bigint>>();
        for (const row of daily.rows) {
          const id = JSON.stringify(dims.map((d) => row.keys[d]));
          const into = summed.get(id) ?? Object.fromEntries(flows.map((m) => [m, 0n]));
          for (const m of flows) into[m]! += minor(row.values[m]!);
          summed.set(id, into);
        }
        const context = `${from}…${to} by ${dims.join(' × ')}`;
        expect(rolled.rows.length, context).toBe(summed.size);
        for (const row of rolled.rows) {
          const id = JSON.stringify(dims.map((d) => row.keys[d]));
          expect(Object.fromEntries(flows.map((m) => [m, minor(row.values[m]!)])), `${context} ${id}`).toEqual(summed.get(id));
          const end = time === null ? to : bucketRange(time, row.keys[time]!).to;
          const upTo = end < to ? end : to;
          const receivable = movements.filter((m) => m.day <= upTo && m[other] === row.keys[other]).reduce((sum, m) => sum + BigInt(m.minor), 0n);
          expect(minor(row.values.outstanding!), `${context} ${id} outstanding`).toBe(receivable);
        }
        expect(rolled.totals, context).toEqual(daily.totals);
        // (Converted to the base currency the two would differ by rounding: the pivot converts per row, and
        // per customer there are more rows. One currency compares exactly.)
      }
    }
  }, 300_000);
});

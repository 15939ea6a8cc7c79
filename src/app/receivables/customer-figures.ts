import type { Kysely } from 'kysely';
import { formatAmount } from '../../core/money/index.js';
import { overdueOnOrBefore } from '../../core/receivables/index.js';
import type { DB } from '../schema.js';
import { statusRules, tenantRules } from './common.js';

/** A customer's ledger balances in one currency: receivable and advance only (the customer view's `balances`). */
export interface CustomerMoney {
  currency: string;
  /** What the customer owes: the accounts_receivable balance. */
  receivable: string;
  /** What the customer paid ahead: the customer_advances balance, shown positive. */
  advance: string;
}

/** A customer's money in one currency, as the customer view shows it (decimal strings in major units). */
export interface CustomerFigures {
  currency: string;
  /** What they owe: the accounts_receivable balance. */
  receivable: string;
  /** The part of it on instalments past due plus the tenant's grace days, today in the tenant's time zone. */
  overdue: string;
  /** What they paid ahead (预收): the customer_advances balance, shown positive. */
  advance: string;
  /** Confirmed receipts to date (voided or rejected ones do not count). */
  received: string;
  /** Refunds paid out to date. */
  refunded: string;
}

type Sums = { receivable: bigint; overdue: bigint; advance: bigint; received: bigint; refunded: bigint };
type Row = { customer_id: string; currency: string; minor: bigint | string | null };

/**
 * The figures of several customers at once (a page of the list): four grouped queries, whatever the page
 * size. `now` is there so a test can ask "as of" another instant; requests use the clock.
 */
export async function figuresOf(
  db: Kysely<DB>,
  tenantId: string,
  customerIds: readonly string[],
  now: Date = new Date(),
): Promise<{ figures: Map<string, CustomerFigures[]>; balances: Map<string, CustomerMoney[]> }> {
  const result = new Map<string, CustomerFigures[]>();
  const balances = new Map<string, CustomerMoney[]>();
  if (customerIds.length === 0) return { figures: result, balances };
  const ids = [...customerIds];
  const sums = new Map<string, Sums & { customerId: string; currency: string }>();
  const add = (rows: Row[], field: keyof Sums, sign = 1n) => {
    for (const r of rows) {
      const key = `${r.customer_id} ${r.currency}`;
      const entry = sums.get(key) ?? { customerId: r.customer_id, currency: r.currency, receivable: 0n, overdue: 0n, advance: 0n, received: 0n, refunded: 0n };
      entry[field] += sign * BigInt(r.minor ?? 0);
      sums.set(key, entry);
    }
  };
  const [ledger, overdue, received, refunded] = await Promise.all([
    ledgerBalances(db, tenantId, ids),
    overdueParts(db, tenantId, ids, now),
    sumBy(db, tenantId, ids, 'receipts', 'confirmed'),
    sumBy(db, tenantId, ids, 'refunds', 'paid'),
  ]);
  const ledgerKeys = new Set(ledger.map((r) => `${r.customer_id} ${r.currency}`));
  add(ledger.filter((r) => r.code === 'accounts_receivable'), 'receivable');
  add(ledger.filter((r) => r.code === 'customer_advances'), 'advance', -1n); // a liability: credit balance
  add(overdue, 'overdue');
  add(received, 'received');
  add(refunded, 'refunded');
  for (const s of [...sums.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))) {
    const list = result.get(s.customerId) ?? [];
    const f = (minor: bigint) => formatAmount(minor, s.currency);
    list.push({ currency: s.currency, receivable: f(s.receivable), overdue: f(s.overdue), advance: f(s.advance), received: f(s.received), refunded: f(s.refunded) });
    result.set(s.customerId, list);
    // Balances: only the currencies the customer has ledger balances in, from the same query.
    if (ledgerKeys.has(`${s.customerId} ${s.currency}`)) {
      balances.set(s.customerId, [...(balances.get(s.customerId) ?? []), { currency: s.currency, receivable: f(s.receivable), advance: f(s.advance) }]);
    }
  }
  return { figures: result, balances };
}

async function ledgerBalances(db: Kysely<DB>, tenantId: string, ids: string[]) {
  return db
    .selectFrom('account_balances as b')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'b.tenant_id').onRef('a.id', '=', 'b.account_id'))
    .select(['b.customer_key as customer_id', 'b.currency', 'a.code', 'b.balance_minor as minor'])
    .where('b.tenant_id', '=', tenantId)
    .where('a.code', 'in', ['accounts_receivable', 'customer_advances'])
    .where('b.customer_key', 'in', ids)
    .execute();
}

/** Unpaid parts of the live instalments of confirmed orders whose grace ended before today. */
async function overdueParts(db: Kysely<DB>, tenantId: string, ids: string[], now: Date): Promise<Row[]> {
  const cutoff = overdueOnOrBefore(statusRules(await tenantRules(db, tenantId), now));
  return db
    .selectFrom('instalments as i')
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
    .select(['o.customer_id', 'o.currency'])
    .select((eb) => eb.fn.sum<string>(eb('i.amount_minor', '-', eb.ref('i.settled_minor'))).as('minor'))
    .where('i.tenant_id', '=', tenantId)
    .where('o.customer_id', 'in', ids)
    .where('o.status', '=', 'confirmed')
    .where('i.voided_at', 'is', null)
    .whereRef('i.settled_minor', '<', 'i.amount_minor')
    .where('i.due_date', '<=', cutoff)
    .groupBy(['o.customer_id', 'o.currency'])
    .execute();
}

async function sumBy(db: Kysely<DB>, tenantId: string, ids: string[], table: 'receipts' | 'refunds', status: 'confirmed' | 'paid'): Promise<Row[]> {
  return db
    .selectFrom(table)
    .select(['customer_id', 'currency'])
    .select((eb) => eb.fn.sum<string>('amount_minor').as('minor'))
    .where('tenant_id', '=', tenantId)
    .where('customer_id', 'in', ids)
    .where('status', '=', status)
    .groupBy(['customer_id', 'currency'])
    .execute();
}

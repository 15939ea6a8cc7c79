import { sql, type Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { addDays, daysBetween, todayIn } from '../../core/receivables/index.js';
import { customerScope, nowFor, requirePermission, type Actor } from '../actor.js';
import { requireCurrency, tenantRules, visibleCustomer } from '../receivables/common.js';
import type { DB } from '../schema.js';
import { converter } from './refunds.js';

/**
 * Unallocated receipts (GET /api/v1/reports/unallocated): confirmed receipts with a part neither applied to an
 * order nor refunded — amount − allocated − refunded, the part that sits in customer advances (a refund
 * requested or approved but not yet paid still counts here: the money has not left). Oldest first, with the
 * age in days from the receipt's business date to today in the tenant's time zone; at most
 * `unallocatedReportRowsMax` rows, and totals over every receipt that qualifies. Amounts in the report currency:
 * the one asked (only its receipts), or every currency converted to the base currency at today's rate.
 */
export interface UnallocatedQuery {
  currency?: string;
  /** Only receipts at least this many days old (default 0: all, including any dated ahead). */
  minAgeDays?: number;
  customerId?: string;
}

export interface UnallocatedView {
  currency: string;
  asOf: string;
  rows: {
    receiptId: string;
    receiptNumber: string;
    customerId: string;
    customerName: string;
    receivedOn: string;
    ageDays: number;
    receiptCurrency: string;
    amount: string;
    unallocated: string;
    unallocatedBase: string;
  }[];
  truncated: boolean;
  totals: { count: number; unallocatedBase: string };
}

export const unallocatedAgeDaysMax = 36_500;

/** `rowsMax` is the report's bound; a test passes a small one rather than seed a thousand receipts. */
export async function unallocatedReport(db: Kysely<DB>, actor: Actor, query: UnallocatedQuery, rowsMax: number = limits.unallocatedReportRowsMax): Promise<UnallocatedView> {
  requirePermission(actor, 'receipts.view');
  const rules = await tenantRules(db, actor.tenantId);
  const currency = query.currency === undefined ? rules.baseCurrency : requireCurrency(query.currency);
  const minAgeDays = query.minAgeDays ?? 0;
  if (!Number.isInteger(minAgeDays) || minAgeDays < 0 || minAgeDays > unallocatedAgeDaysMax) {
    throw new KxError('validation_failed', `minAgeDays: a whole number of days, 0 to ${unallocatedAgeDaysMax}`, { fields: [{ field: 'minAgeDays', code: 'validation_failed', message: `0 to ${unallocatedAgeDaysMax}` }] });
  }
  if (query.customerId !== undefined) await visibleCustomer(db, actor, query.customerId);
  const asOf = todayIn(rules.timeZone, nowFor(actor));

  let base = db.selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .where('r.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .where('r.status', '=', 'confirmed')
    .where(sql<boolean>`r.allocated_minor + r.refunded_minor < r.amount_minor`);
  if (query.currency !== undefined) base = base.where('r.currency', '=', currency);
  if (query.customerId !== undefined) base = base.where('r.customer_id', '=', query.customerId);
  if (minAgeDays > 0) base = base.where('r.received_date', '<=', addDays(asOf, -minAgeDays));
  const left = sql<bigint>`r.amount_minor - r.allocated_minor - r.refunded_minor`;

  const [rows, sums] = await Promise.all([
    base.select(['r.id', 'r.number', 'r.customer_id', 'c.name', 'r.received_date', 'r.currency', 'r.amount_minor', left.as('left_minor')])
      .orderBy('r.received_date').orderBy('r.number').limit(rowsMax).execute(),
    base.select(['r.currency', sql<string>`count(*)`.as('count'), sql<string>`sum(${left})`.as('left_minor')]).groupBy('r.currency').execute(),
  ]);
  const convert = await converter(db, actor, rules, currency, query.currency === undefined, asOf, sums.map((s) => s.currency));
  const count = sums.reduce((n, s) => n + Number(s.count), 0);
  return {
    currency, asOf,
    rows: rows.map((r) => ({
      receiptId: r.id, receiptNumber: r.number, customerId: r.customer_id, customerName: r.name, receivedOn: r.received_date, ageDays: daysBetween(r.received_date, asOf),
      receiptCurrency: r.currency, amount: formatAmount(r.amount_minor, r.currency), unallocated: formatAmount(BigInt(r.left_minor), r.currency),
      unallocatedBase: formatAmount(convert(BigInt(r.left_minor), r.currency), currency),
    })),
    truncated: count > rows.length,
    // Each currency's sum converted once: a row's converted amount may differ from its share by rounding.
    totals: { count, unallocatedBase: formatAmount(sums.reduce((t, s) => t + convert(BigInt(s.left_minor), s.currency), 0n), currency) },
  };
}

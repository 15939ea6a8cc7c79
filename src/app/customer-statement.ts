import { sql, type Kysely, type RawBuilder } from 'kysely';
import { formatAmount } from '../core/money/index.js';
import { businessSources, daysBetween, monthEnd, monthStart, todayIn, type BusinessSource } from '../core/receivables/index.js';
import { requirePermission, type Actor } from './actor.js';
import { fail, requireCurrency, tenantRules, visibleCustomer } from './receivables/common.js';
import { requireDate } from './receivables/order-input.js';
import type { DB } from './schema.js';

/**
 * The customer statement (对账单): what the customer owed net of what they paid ahead, read from the journal so
 * it agrees with the ledger to the fen. The balance is the customer's accounts_receivable balance minus their
 * customer_advances balance (a liability, so its signed balance is simply added): debit raises it, credit lowers
 * it. Only the postings of the receivables use cases count (docs/accounting.md), as in verify-receivables.
 */
export type MovementKind = 'order_confirmed' | 'receipt' | 'allocation' | 'receipt_void' | 'refund' | 'credit_note' | 'write_off';

/** Every business source is a kind of movement; the order's posting is named for what it records. */
const kindOf: Record<BusinessSource, MovementKind> = {
  order: 'order_confirmed',
  receipt: 'receipt',
  allocation: 'allocation',
  receipt_void: 'receipt_void',
  refund: 'refund',
  credit_note: 'credit_note',
  write_off: 'write_off',
};

export interface StatementMovement {
  /** Posting date of the journal entry (business date). */
  date: string;
  kind: MovementKind;
  entryId: string;
  /** The business document: an order, receipt, refund or adjustment (null when the source is the customer itself, e.g. an advance applied to several orders). */
  sourceType: 'order' | 'receipt' | 'refund' | 'adjustment' | null;
  sourceId: string | null;
  /** Its number (OD-…, RC-…, RF-…, AJ-…), when there is one. */
  reference: string | null;
  memo: string;
  debit: string;
  credit: string;
  /** The balance after this movement. */
  balance: string;
}

export interface CustomerStatement {
  customer: { id: string; code: string; name: string };
  currency: string;
  from: string;
  to: string;
  /** Owed net of advance before `from` (positive: the customer owes; negative: they paid ahead). */
  openingBalance: string;
  movements: StatementMovement[];
  totals: { debit: string; credit: string };
  /** openingBalance + totals.debit − totals.credit. */
  closingBalance: string;
  /** True when the period has more movements than `limit`: the totals and closing balance still cover them all. */
  truncated: boolean;
  movementCount: number;
  /** Every currency the customer has postings in (to offer the others). */
  currencies: string[];
}

export interface StatementQuery {
  currency?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export const statementRangeDaysMax = 366;
export const statementMovementsMax = 1000;
const statementMovementsDefault = 500;

export async function customerStatement(db: Kysely<DB>, actor: Actor, customerId: string, query: StatementQuery, now: Date = actor.asOf ?? new Date()): Promise<CustomerStatement> {
  requirePermission(actor, 'customers.view');
  const customer = await visibleCustomer(db, actor, customerId, 'id');
  const rules = await tenantRules(db, actor.tenantId);
  const currency = requireCurrency(query.currency ?? rules.baseCurrency);
  const today = todayIn(rules.timeZone, now);
  const from = query.from === undefined ? monthStart(query.to === undefined ? today : requireDate(query.to, 'to')) : requireDate(query.from, 'from');
  const to = query.to === undefined ? monthEnd(query.from === undefined ? today : from) : requireDate(query.to, 'to');
  if (to < from) throw fail('validation_failed', 'to', `the period ends (${to}) before it starts (${from})`);
  if (daysBetween(from, to) + 1 > statementRangeDaysMax) throw fail('validation_failed', 'to', `a statement covers at most ${statementRangeDaysMax} days; ${from}…${to} is ${daysBetween(from, to) + 1}`);
  const limit = query.limit ?? statementMovementsDefault;
  if (!Number.isInteger(limit) || limit < 1 || limit > statementMovementsMax) throw fail('validation_failed', 'limit', `limit is 1…${statementMovementsMax}`);

  // The lines of the customer on the two accounts that make up what they owe, with the entry they belong to.
  const lines = (where: RawBuilder<unknown>) => sql`
    select e.id as entry_id, e.entry_date, e.created_at, e.source, e.source_id, e.memo, l.amount_minor
      from journal_lines l
      join journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
      join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
     where l.tenant_id = ${actor.tenantId} and l.customer_id = ${customer.id} and l.currency = ${currency}
       and a.code in ('accounts_receivable', 'customer_advances') and e.source = any(${[...businessSources]}::text[])
       and ${where}`;

  const [opening, period, rows, currencies] = await Promise.all([
    sql<{ minor: string | null }>`select sum(amount_minor)::text as minor from (${lines(sql`e.entry_date < ${from}`)}) x`.execute(db),
    sql<{ debit: string | null; credit: string | null; count: string }>`
      select sum(debit)::text as debit, sum(credit)::text as credit, count(*)::text as count from (
        select entry_id, sum(greatest(amount_minor, 0)) as debit, sum(greatest(-amount_minor, 0)) as credit
          from (${lines(sql`e.entry_date between ${from} and ${to}`)}) x group by entry_id) y`.execute(db),
    sql<{ entry_id: string; entry_date: string; source: string; source_id: string | null; memo: string; debit: string; credit: string }>`
      select entry_id, entry_date::text as entry_date, source, source_id, memo,
             sum(greatest(amount_minor, 0))::text as debit, sum(greatest(-amount_minor, 0))::text as credit
        from (${lines(sql`e.entry_date between ${from} and ${to}`)}) x
       group by entry_id, entry_date, created_at, source, source_id, memo
       order by entry_date, created_at, entry_id
       limit ${limit + 1}`.execute(db),
    sql<{ currency: string }>`
      select distinct l.currency from journal_lines l
        join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
       where l.tenant_id = ${actor.tenantId} and l.customer_id = ${customer.id} and a.code in ('accounts_receivable', 'customer_advances')
       order by 1`.execute(db),
  ]);

  const shown = rows.rows.slice(0, limit);
  const references = await referencesOf(db, actor.tenantId, shown);
  const money = (minor: bigint) => formatAmount(minor, currency);
  const openingMinor = BigInt(opening.rows[0]?.minor ?? 0);
  let running = openingMinor;
  const movements = shown.map((r): StatementMovement => {
    const debit = BigInt(r.debit);
    const credit = BigInt(r.credit);
    running += debit - credit;
    const ref = r.source_id ? references.get(r.source_id) : undefined;
    return {
      date: r.entry_date,
      kind: kindOf[r.source as BusinessSource],
      entryId: r.entry_id,
      sourceType: ref?.type ?? null,
      sourceId: ref ? r.source_id : null,
      reference: ref?.number ?? null,
      memo: r.memo,
      debit: money(debit),
      credit: money(credit),
      balance: money(running),
    };
  });
  const debit = BigInt(period.rows[0]?.debit ?? 0);
  const credit = BigInt(period.rows[0]?.credit ?? 0);
  return {
    customer: { id: customer.id, code: customer.code, name: customer.name },
    currency,
    from,
    to,
    openingBalance: money(openingMinor),
    movements,
    totals: { debit: money(debit), credit: money(credit) },
    closingBalance: money(openingMinor + debit - credit),
    truncated: rows.rows.length > limit,
    movementCount: Number(period.rows[0]?.count ?? 0),
    currencies: [...new Set([...currencies.rows.map((r) => r.currency), currency])].sort(),
  };
}

type Reference = { type: 'order' | 'receipt' | 'refund' | 'adjustment'; number: string };

/** The number of the document behind each movement (an entry's source_id names it; see docs/accounting.md). */
async function referencesOf(db: Kysely<DB>, tenantId: string, rows: { source: string; source_id: string | null }[]): Promise<Map<string, Reference>> {
  const ids = (sources: string[]) => [...new Set(rows.filter((r) => sources.includes(r.source) && r.source_id).map((r) => r.source_id!))];
  const result = new Map<string, Reference>();
  const orderIds = ids(['order']);
  const receiptIds = ids(['receipt', 'allocation', 'receipt_void']);
  const refundIds = ids(['refund']);
  const adjustmentIds = ids(['credit_note', 'write_off']);
  const [orders, receipts, refunds, adjustments] = await Promise.all([
    orderIds.length ? db.selectFrom('orders').select(['id', 'number']).where('tenant_id', '=', tenantId).where('id', 'in', orderIds).execute() : [],
    receiptIds.length ? db.selectFrom('receipts').select(['id', 'number']).where('tenant_id', '=', tenantId).where('id', 'in', receiptIds).execute() : [],
    refundIds.length ? db.selectFrom('refunds').select(['id', 'number']).where('tenant_id', '=', tenantId).where('id', 'in', refundIds).execute() : [],
    adjustmentIds.length ? db.selectFrom('adjustments').select(['id', 'number']).where('tenant_id', '=', tenantId).where('id', 'in', adjustmentIds).execute() : [],
  ]);
  for (const r of orders) result.set(r.id, { type: 'order', number: r.number });
  for (const r of receipts) result.set(r.id, { type: 'receipt', number: r.number });
  for (const r of refunds) result.set(r.id, { type: 'refund', number: r.number });
  for (const r of adjustments) result.set(r.id, { type: 'adjustment', number: r.number });
  return result;
}

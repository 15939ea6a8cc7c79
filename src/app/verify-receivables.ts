import { sql, type Transaction } from 'kysely';
import { formatAmount, isCurrency } from '../core/money/index.js';
import { businessSources } from '../core/receivables/index.js';
import type { DB } from './schema.js';
import type { VerifyCheck } from './verify.js';


const money = (minor: bigint | string | null, currency: string) =>
  minor === null ? 'nothing' : isCurrency(currency) ? `${formatAmount(BigInt(minor), currency)} ${currency}` : `${minor} minor units`;

/**
 * The receivables sub-ledgers against their own history and against the journal: every running figure on
 * an order or a receipt equals the sum of the rows that moved it, plans add up, and the receivable and the
 * advance each customer has in the journal equal what their orders and receipts say.
 */
export async function receivablesChecks(trx: Transaction<DB>, tenantId: string | undefined, limit: number): Promise<VerifyCheck[]> {
  const tenant = (alias: string) => (tenantId ? sql`and ${sql.ref(`${alias}.tenant_id`)} = ${tenantId}` : sql``);
  const checks: VerifyCheck[] = [];

  const orders = await sql<{ tenant_id: string; number: string; currency: string; what: string; stored: string; derived: string }>`
    with figures as (
      select o.tenant_id, o.number, o.currency, o.total_minor, o.paid_minor, o.credited_minor, o.written_off_minor, o.status,
             (select coalesce(sum(a.amount_minor), 0) from allocations a where a.tenant_id = o.tenant_id and a.order_id = o.id) as allocated,
             (select coalesce(sum(j.amount_minor), 0) from adjustments j where j.tenant_id = o.tenant_id and j.order_id = o.id and j.kind = 'credit_note' and j.status = 'approved') as credited,
             (select coalesce(sum(j.amount_minor), 0) from adjustments j where j.tenant_id = o.tenant_id and j.order_id = o.id and j.kind = 'write_off' and j.status = 'approved') as written_off,
             (select coalesce(sum(i.amount_minor), 0) from instalments i where i.tenant_id = o.tenant_id and i.order_id = o.id and i.voided_at is null) as planned,
             (select coalesce(sum(i.settled_minor), 0) from instalments i where i.tenant_id = o.tenant_id and i.order_id = o.id) as settled
        from orders o where o.status <> 'draft' ${tenant('o')}
    )
    select tenant_id, number, currency, what, stored::text, derived::text from (
      select *, 'paid' as what, paid_minor as stored, allocated as derived from figures
      union all select *, 'credited', credited_minor, credited from figures
      union all select *, 'written off', written_off_minor, written_off from figures
      union all select *, 'planned (total − credited)', total_minor - credited_minor, planned from figures where status <> 'cancelled'
      union all select *, 'settled on instalments (paid + written off)', paid_minor + written_off_minor, settled from figures
    ) x where stored <> derived
    order by tenant_id, number limit ${limit}`.execute(trx);
  checks.push({
    name: "every order's figures equal its allocations, adjustments and plan",
    problems: orders.rows.map((r) => `order ${r.number} (tenant ${r.tenant_id}): ${r.what} is ${money(r.stored, r.currency)} but its rows give ${money(r.derived, r.currency)}`),
  });

  const receipts = await sql<{ tenant_id: string; number: string; currency: string; what: string; stored: string; derived: string }>`
    with figures as (
      select r.tenant_id, r.number, r.currency, r.allocated_minor, r.refund_held_minor, r.refunded_minor,
             (select coalesce(sum(a.receipt_amount_minor), 0) from allocations a where a.tenant_id = r.tenant_id and a.receipt_id = r.id) as allocated,
             (select coalesce(sum(s.amount_minor), 0) from refund_sources s join refunds f on f.tenant_id = s.tenant_id and f.id = s.refund_id
               where s.tenant_id = r.tenant_id and s.receipt_id = r.id and f.status in ('requested', 'approved', 'paid'))
             -- an open card dispute holds its part too, so it cannot be refunded while the network may take it back
             + (select coalesce(sum(d.held_minor), 0) from gateway_disputes d where d.tenant_id = r.tenant_id and d.receipt_id = r.id and d.status = 'open') as held,
             (select coalesce(sum(s.amount_minor), 0) from refund_sources s join refunds f on f.tenant_id = s.tenant_id and f.id = s.refund_id
               where s.tenant_id = r.tenant_id and s.receipt_id = r.id and f.status = 'paid') as refunded
        from receipts r where true ${tenant('r')}
    )
    select tenant_id, number, currency, what, stored::text, derived::text from (
      select *, 'allocated' as what, allocated_minor as stored, allocated as derived from figures
      union all select *, 'held for refunds', refund_held_minor, held from figures
      union all select *, 'refunded', refunded_minor, refunded from figures
    ) x where stored <> derived
    order by tenant_id, number limit ${limit}`.execute(trx);
  checks.push({
    name: "every receipt's figures equal its allocations and refunds",
    problems: receipts.rows.map((r) => `receipt ${r.number} (tenant ${r.tenant_id}): ${r.what} is ${money(r.stored, r.currency)} but its rows give ${money(r.derived, r.currency)}`),
  });

  const ledgerVsBooks = await sql<{ tenant_id: string; customer_id: string; currency: string; account: string; journal: string; books: string }>`
    with journal as (
      select l.tenant_id, l.customer_id, l.currency, a.code as account, sum(l.amount_minor) as amount
        from journal_lines l
        join journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
        join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
       where a.code in ('accounts_receivable', 'customer_advances') and e.source = any(${[...businessSources]}::text[]) ${tenant('l')}
       group by 1, 2, 3, 4
    ), books as (
      select o.tenant_id, o.customer_id, o.currency, 'accounts_receivable' as account,
             sum(o.total_minor - o.paid_minor - o.credited_minor - o.written_off_minor) as amount
        from orders o where o.confirm_entry_id is not null ${tenant('o')} group by 1, 2, 3
      union all
      select r.tenant_id, r.customer_id, r.currency, 'customer_advances',
             -(sum(r.amount_minor - r.allocated_minor) filter (where r.status = 'confirmed')
               - coalesce((select sum(s.amount_minor) from refund_sources s
                             join refunds f on f.tenant_id = s.tenant_id and f.id = s.refund_id
                             join receipts r2 on r2.tenant_id = s.tenant_id and r2.id = s.receipt_id
                            where f.tenant_id = r.tenant_id and f.customer_id = r.customer_id and r2.currency = r.currency
                              and f.status in ('approved', 'paid')), 0))
        from receipts r where r.status in ('confirmed', 'voided') ${tenant('r')} group by r.tenant_id, r.customer_id, r.currency
    )
    select coalesce(j.tenant_id, b.tenant_id) as tenant_id, coalesce(j.customer_id, b.customer_id) as customer_id,
           coalesce(j.currency, b.currency) as currency, coalesce(j.account, b.account) as account,
           coalesce(j.amount, 0)::text as journal, coalesce(b.amount, 0)::text as books
      from journal j full join books b using (tenant_id, customer_id, currency, account)
     where coalesce(j.amount, 0) <> coalesce(b.amount, 0)
     order by 1, 2, 3, 4 limit ${limit}`.execute(trx);
  checks.push({
    name: "each customer's receivable and advance in the journal equal their orders and receipts",
    problems: ledgerVsBooks.rows.map((r) => `customer ${r.customer_id} (tenant ${r.tenant_id}), ${r.account}: the journal holds ${money(r.journal, r.currency)}, the orders and receipts give ${money(r.books, r.currency)}`),
  });
  return checks;
}

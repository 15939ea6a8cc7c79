import { sql, type RawBuilder } from 'kysely';
import { NO_CUSTOMER } from '../schema.js';

/**
 * instalment_figures (migration 2026-11-29T0500) as it must be, from the instalments and orders themselves:
 * over the live instalments of confirmed (or completed: nothing unpaid) orders, per (tenant, currency, basis,
 * day, owner, department, stripe) — basis `due` and `signed`: the unpaid parts by due date and by the order's
 * signed date; basis `plan`: the whole amounts by due date. `verify` compares the table with it; the bulk demo
 * load (derive mode) writes it. The trigger functions in that migration key rows the same way (frozen there;
 * this is the one live copy).
 */
export function derivedInstalmentFigures(tenantId: string | undefined): RawBuilder<unknown> {
  const nil = sql`${NO_CUSTOMER}::uuid`;
  return sql`
    select o.tenant_id, o.currency, b.basis, b.day,
           coalesce(o.owner_id, ${nil}) as owner_key, coalesce(o.department_id, ${nil}) as department_key,
           (get_byte(uuid_send(o.id), 15) & 3)::smallint as stripe,
           sum(b.minor) as amount_minor, sum(b.n)::integer as instalment_count
      from instalments i
      join orders o on o.tenant_id = i.tenant_id and o.id = i.order_id and o.status in ('confirmed', 'completed')
      cross join lateral (values
        ('due', i.due_date, greatest(i.amount_minor - i.settled_minor, 0), (i.settled_minor < i.amount_minor)::int),
        ('signed', o.signed_date, greatest(i.amount_minor - i.settled_minor, 0), (i.settled_minor < i.amount_minor)::int),
        ('plan', i.due_date, i.amount_minor, 1)) as b(basis, day, minor, n)
     where i.voided_at is null ${tenantId ? sql`and i.tenant_id = ${tenantId}` : sql``}
     group by 1, 2, 3, 4, 5, 6, 7
    having sum(b.n) <> 0`;
}

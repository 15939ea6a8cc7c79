import { sql, type RawBuilder } from 'kysely';
import { NO_CUSTOMER } from '../schema.js';

/**
 * aging_open (migration 2026-11-29T0500) as it must be, from the instalments and orders themselves: the unpaid
 * part of every live instalment of a confirmed (or completed: nothing unpaid) order, summed per (tenant, currency, basis, day, owner,
 * department, stripe). `verify` compares the table with it; the bulk demo load (derive mode) writes it.
 * The trigger functions in that migration key rows the same way (frozen there; this is the one live copy).
 */
export function derivedAgingOpen(tenantId: string | undefined): RawBuilder<unknown> {
  const nil = sql`${NO_CUSTOMER}::uuid`;
  return sql`
    select o.tenant_id, o.currency, b.basis, b.day,
           coalesce(o.owner_id, ${nil}) as owner_key, coalesce(o.department_id, ${nil}) as department_key,
           (get_byte(uuid_send(o.id), 15) & 3)::smallint as stripe,
           sum(i.amount_minor - i.settled_minor) as open_minor, count(*)::integer as open_count
      from instalments i
      join orders o on o.tenant_id = i.tenant_id and o.id = i.order_id and o.status in ('confirmed', 'completed')
      cross join lateral (values ('due', i.due_date), ('signed', o.signed_date)) as b(basis, day)
     where i.voided_at is null and i.settled_minor < i.amount_minor ${tenantId ? sql`and i.tenant_id = ${tenantId}` : sql``}
     group by 1, 2, 3, 4, 5, 6, 7`;
}

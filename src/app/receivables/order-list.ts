import { sql, type Kysely } from 'kysely';
import { uuidPattern, pageSize, toPage, type Page } from '../pagination.js';
import { departmentTree, requirePermission, type Actor } from '../actor.js';
import type { DB, OrderStatus } from '../schema.js';
import { amountField, fail, requireCurrency, tenantRules } from './common.js';
import { positionOf, splitPosition } from './cursors.js';
import { summaryOf, summaryQuery, type OrderSummary } from './order-views.js';

export const orderSorts = ['signedDate', '-signedDate', 'number', '-number', 'total', '-total'] as const;
export type OrderSort = (typeof orderSorts)[number];

export interface OrderFilter {
  customer?: string;
  owner?: string;
  /** This department and its sub-departments. */
  department?: string;
  /** Orders with a line of this product. */
  product?: string;
  status?: OrderStatus;
  currency?: string;
  signedFrom?: string;
  signedTo?: string;
  /** Bounds on the total, in major units of `currency` (required with them: 100 JPY and 100 USD are not comparable). */
  amountMin?: string;
  amountMax?: string;
  /** Part of the number or title, any case. */
  q?: string;
  sort?: OrderSort;
  cursor?: string;
  limit?: number;
}

const columnOf = { signedDate: 'o.signed_date', number: 'o.number', total: 'o.total_minor' } as const;
const valueShape = { signedDate: /^\d{4}-\d{2}-\d{2}$/, number: /^[A-Z]{2}-\d{4}-\d{1,18}$/, total: /^\d{1,19}$/ } as const;

/** The orders the actor may see (by their customer's scope), filtered and sorted, keyset-paginated. */
export async function listOrders(db: Kysely<DB>, actor: Actor, filter: OrderFilter): Promise<Page<OrderSummary>> {
  requirePermission(actor, 'orders.view');
  const sort = filter.sort ?? '-signedDate';
  const key = sort.replace('-', '') as keyof typeof columnOf;
  const descending = sort.startsWith('-');
  const size = pageSize(filter.limit);
  const position = positionOf(filter.cursor, (p) => {
    const [prefix, rest] = [p.slice(0, p.indexOf('|')), p.slice(p.indexOf('|') + 1)];
    const [value, id] = splitPosition(rest);
    return prefix === sort && valueShape[key].test(value) && uuidPattern.test(id);
  });
  const rules = await tenantRules(db, actor.tenantId);
  let query = orderListQuery(db, actor, filter);
  if (position !== undefined) {
    const [value, id] = splitPosition(position.slice(position.indexOf('|') + 1));
    query = query.where((eb) => eb(eb.refTuple(columnOf[key], 'o.id'), descending ? '<' : '>', eb.tuple(value, id)));
  }
  const direction = descending ? 'desc' : 'asc';
  const rows = await query.orderBy(columnOf[key], direction).orderBy('o.id', direction).limit(size + 1).execute();
  return toPage(rows, size, (r) => summaryOf(r, rules.baseCurrency), (r) => {
    const value = key === 'signedDate' ? r.signed_date : key === 'number' ? r.number : r.total_minor.toString();
    return `${sort}|${value}|${r.id}`;
  });
}

/** The orders the list would show under these filters, unordered and unpaged (exports count them first). */
export function orderListQuery(db: Kysely<DB>, actor: Actor, filter: OrderFilter) {
  return filtered(summaryQuery(db, actor), actor, filter);
}

function filtered(query: ReturnType<typeof summaryQuery>, actor: Actor, filter: OrderFilter) {
  if (filter.customer !== undefined) query = query.where('o.customer_id', '=', filter.customer);
  if (filter.owner !== undefined) query = query.where('o.owner_id', '=', filter.owner);
  if (filter.department !== undefined) query = query.where('o.department_id', 'in', departmentTree(actor.tenantId, filter.department));
  if (filter.status !== undefined) query = query.where('o.status', '=', filter.status);
  if (filter.signedFrom !== undefined) query = query.where('o.signed_date', '>=', filter.signedFrom);
  if (filter.signedTo !== undefined) query = query.where('o.signed_date', '<=', filter.signedTo);
  if (filter.product !== undefined) {
    const product = filter.product;
    query = query.where(({ exists, selectFrom }) =>
      exists(selectFrom('order_lines as l').select(sql.lit(1).as('one')).whereRef('l.tenant_id', '=', 'o.tenant_id').whereRef('l.order_id', '=', 'o.id').where('l.product_id', '=', product)));
  }
  if (filter.currency !== undefined) query = query.where('o.currency', '=', requireCurrency(filter.currency));
  for (const [field, op] of [['amountMin', '>='], ['amountMax', '<=']] as const) {
    const text = filter[field];
    if (text === undefined) continue;
    if (filter.currency === undefined) throw fail('validation_failed', field, `${field} is in major units of a currency: give currency too`);
    query = query.where('o.total_minor', op, amountField(text, filter.currency, field, { allowZero: true }));
  }
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('o.number', 'ilike', pattern), eb('o.title', 'ilike', pattern)]));
  }
  return query;
}

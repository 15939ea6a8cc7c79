import { sql, type Transaction } from 'kysely';
import { evaluateInstalments, evaluateRefundRatio, evaluateStructuring, evaluateUnapplied, type OpenInstalment, type UnappliedReceipt } from '../../core/alerts/evaluate.js';
import type { AlertRule } from '../../core/alerts/rules.js';
import { limits } from '../../core/limits.js';
import { addDays, todayIn } from '../../core/receivables/dates.js';
import type { DB } from '../schema.js';
import type { AlertTenant } from './config.js';
import { reconcileAll, type Evaluated } from './store.js';

/**
 * The rules whose subject is a customer (structuring, refund ratio) and the date rules (overdue, due soon,
 * unapplied money aging), for many customers at once — the customers a page of outbox events touched — or for
 * the whole tenant (the scheduled job). Every query is one statement for all the customers; where one customer
 * alone had a bound (items per evaluation), a LATERAL subquery per customer keeps exactly that bound.
 */
type Trx = Transaction<DB>;

const instalmentRules: readonly AlertRule[] = ['overdue_instalment', 'due_soon'];

export async function evaluateCustomers(trx: Trx, tenant: AlertTenant, customerIds: readonly string[], now: Date): Promise<void> {
  if (customerIds.length === 0) return;
  const found = await trx.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenant.tenantId).where('id', '=', sql<string>`any(${[...customerIds]}::uuid[])`).execute();
  const names = new Map(found.map((c) => [c.id, c.name]));
  const ids = customerIds.filter((id) => names.has(id));
  if (ids.length === 0) return;
  const today = todayIn(tenant.rules.timeZone, now);
  const [recent, ratios, dates] = await Promise.all([recentReceipts(trx, tenant, ids, today), refundRatios(trx, tenant, ids, today), dateFacts(trx, tenant, today, ids)]);
  const evaluated: Evaluated[] = [];
  for (const id of ids) {
    const customer = { id, name: names.get(id)! };
    const subject = { type: 'customer', id };
    evaluated.push({ scope: { rules: ['structuring'], subject }, conditions: evaluateStructuring(customer, recent.get(id) ?? [], tenant.rules.baseCurrency, today, tenant.config) });
    const ratio = (ratios.get(id) ?? []).map((x) => ({ customerId: id, customerName: customer.name, ...x }));
    evaluated.push({ scope: { rules: ['refund_ratio'], subject }, conditions: evaluateRefundRatio(ratio, tenant.config) });
    evaluated.push(...dateEvaluations(tenant, today, dates.get(id) ?? emptyDates, id));
  }
  await reconcileAll(trx, tenant, evaluated);
}

/**
 * The date rules for one customer or the whole tenant: what the scheduled job runs, and what a receipt of a
 * customer re-checks at once (an overdue instalment just paid).
 */
export async function evaluateDateRules(trx: Trx, tenant: AlertTenant, now: Date, customerId?: string): Promise<void> {
  const today = todayIn(tenant.rules.timeZone, now);
  const facts = await dateFacts(trx, tenant, today, customerId === undefined ? undefined : [customerId]);
  await reconcileAll(trx, tenant, dateEvaluations(tenant, today, (customerId === undefined ? facts.get('') : facts.get(customerId)) ?? emptyDates, customerId));
}

interface DateFacts {
  instalments: OpenInstalment[];
  unapplied: UnappliedReceipt[];
}
const emptyDates: DateFacts = { instalments: [], unapplied: [] };

function dateEvaluations(tenant: AlertTenant, today: string, facts: DateFacts, customerId: string | undefined): Evaluated[] {
  const bound = limits.alertItemsPerEvaluationMax;
  const scope = customerId ? { customerId } : {};
  return [
    { scope: { rules: instalmentRules, ...scope, partial: facts.instalments.length >= bound }, conditions: evaluateInstalments(facts.instalments, today, tenant.rules, tenant.config) },
    { scope: { rules: ['unallocated_aging'], ...scope, partial: facts.unapplied.length >= bound }, conditions: evaluateUnapplied(facts.unapplied, today, tenant.config) },
  ];
}

/** Customers' live receipts in the structuring window, oldest first (base-currency amounts where known). */
async function recentReceipts(trx: Trx, tenant: AlertTenant, ids: readonly string[], today: string) {
  const { baseCurrency } = tenant.rules;
  const inner = trx.selectFrom('receipts').select(['id', 'number', 'received_date', sql<string>`coalesce(base_amount_minor, CASE WHEN currency = ${baseCurrency} THEN amount_minor END)::text`.as('base')])
    .where('tenant_id', '=', tenant.tenantId).whereRef('customer_id', '=', sql.ref('u.customer_id')).where('status', 'in', ['pending', 'confirmed'])
    .where('received_date', '>=', addDays(today, -tenant.config.structuring.params.windowDays!)).orderBy('received_date').limit(limits.alertItemsPerEvaluationMax);
  const { rows } = await sql<{ customer_id: string; id: string; number: string; received_date: string; base: string | null }>`
    SELECT u.customer_id, x.* FROM unnest(${[...ids]}::uuid[]) AS u(customer_id) CROSS JOIN LATERAL ${inner} x`.execute(trx);
  const out = new Map<string, { id: string; number: string; receivedDate: string; baseAmountMinor: bigint }[]>();
  for (const x of rows) {
    if (x.base === null) continue;
    out.set(x.customer_id, [...(out.get(x.customer_id) ?? []), { id: x.id, number: x.number, receivedDate: x.received_date, baseAmountMinor: BigInt(x.base) }]);
  }
  return out;
}

/** Per customer and currency: confirmed receipts and requested-or-later refunds in the refund-ratio window. */
async function refundRatios(trx: Trx, tenant: AlertTenant, ids: readonly string[], today: string) {
  const ratioFrom = addDays(today, -tenant.config.refund_ratio.params.windowDays!);
  const { rows } = await sql<{ customer_id: string; currency: string; received: string; refunded: string }>`
    SELECT customer_id, currency, sum(received)::text AS received, sum(refunded)::text AS refunded FROM (
      SELECT customer_id, currency, amount_minor AS received, 0 AS refunded FROM receipts
       WHERE tenant_id = ${tenant.tenantId} AND customer_id = any(${[...ids]}::uuid[]) AND status = 'confirmed' AND received_date >= ${ratioFrom}
      UNION ALL
      SELECT customer_id, currency, 0, amount_minor FROM refunds
       WHERE tenant_id = ${tenant.tenantId} AND customer_id = any(${[...ids]}::uuid[]) AND status IN ('requested', 'approved', 'paid') AND requested_at >= ${ratioFrom}::date
    ) x GROUP BY customer_id, currency`.execute(trx);
  const out = new Map<string, { currency: string; receivedMinor: bigint; refundedMinor: bigint }[]>();
  for (const x of rows) out.set(x.customer_id, [...(out.get(x.customer_id) ?? []), { currency: x.currency, receivedMinor: BigInt(x.received), refundedMinor: BigInt(x.refunded) }]);
  return out;
}

/** Open instalments due by the due-soon horizon and aged unapplied receipts: per customer (key: its id), or the tenant's (key ''). */
async function dateFacts(trx: Trx, tenant: AlertTenant, today: string, customerIds: readonly string[] | undefined): Promise<Map<string, DateFacts>> {
  const bound = limits.alertItemsPerEvaluationMax;
  const horizon = addDays(today, tenant.rules.dueSoonDays);
  const instalments = trx.selectFrom('instalments as i')
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['i.id', 'i.order_id', 'o.number', 'i.seq', 'o.customer_id', 'c.name', 'c.owner_id', 'i.due_date', 'o.currency', sql<string>`(i.amount_minor - i.settled_minor)::text`.as('outstanding')])
    .where('i.tenant_id', '=', tenant.tenantId).where('i.voided_at', 'is', null).whereRef('i.settled_minor', '<', 'i.amount_minor')
    .where('i.due_date', '<=', horizon).where('o.status', '=', 'confirmed').orderBy('i.due_date').limit(bound);
  const unapplied = trx.selectFrom('receipts as r').innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'c.name', 'r.received_date', 'r.currency', sql<string>`(r.amount_minor - r.allocated_minor - r.refund_held_minor)::text`.as('unapplied')])
    .where('r.tenant_id', '=', tenant.tenantId).where('r.status', '=', 'confirmed').where(sql<boolean>`r.allocated_minor + r.refund_held_minor < r.amount_minor`)
    .where('r.received_date', '<', addDays(today, -tenant.config.unallocated_aging.params.days!)).orderBy('r.received_date').limit(bound);
  type I = Awaited<ReturnType<typeof instalments.execute>>[number];
  type U = Awaited<ReturnType<typeof unapplied.execute>>[number];
  let i: I[];
  let u: U[];
  if (customerIds === undefined) {
    [i, u] = await Promise.all([instalments.execute(), unapplied.execute()]);
  } else {
    const each = <T>(inner: unknown) =>
      sql<T>`SELECT x.* FROM unnest(${[...customerIds]}::uuid[]) AS u(customer_id) CROSS JOIN LATERAL ${inner} x`.execute(trx).then((r) => r.rows);
    [i, u] = await Promise.all([
      each<I>(instalments.whereRef('o.customer_id', '=', sql.ref('u.customer_id'))),
      each<U>(unapplied.whereRef('r.customer_id', '=', sql.ref('u.customer_id'))),
    ]);
  }
  const out = new Map<string, DateFacts>();
  const factsOf = (customerId: string) => {
    const key = customerIds === undefined ? '' : customerId;
    if (!out.has(key)) out.set(key, { instalments: [], unapplied: [] });
    return out.get(key)!;
  };
  for (const x of i) factsOf(x.customer_id).instalments.push({ id: x.id, orderId: x.order_id, orderNumber: x.number, seq: x.seq, customerId: x.customer_id, customerName: x.name, ownerId: x.owner_id, dueDate: x.due_date, currency: x.currency, outstandingMinor: BigInt(x.outstanding) });
  for (const x of u) factsOf(x.customer_id).unapplied.push({ id: x.id, number: x.number, customerId: x.customer_id, customerName: x.name, receivedDate: x.received_date, currency: x.currency, unappliedMinor: BigInt(x.unapplied) });
  return out;
}

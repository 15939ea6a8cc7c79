import { sql, type Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { OpenInstalment, OpenItem, OpenReceipt, PayerAlias } from '../../core/reconciliation/index.js';
import { customerScope, type Actor } from '../actor.js';
import type { DB } from '../schema.js';

/**
 * What a money-in statement line may be (the matcher's candidates), for the customers the actor may see:
 * confirmed receipts not yet fully reconciled (the part no line has claimed), and open instalments of
 * confirmed orders; plus the payer aliases learned from earlier matches. Read in three queries, without
 * locks: an accepted match re-checks everything under locks.
 */
export async function loadOpenItems(db: Kysely<DB>, actor: Actor, currencies: readonly string[]): Promise<{ items: OpenItem[]; aliases: PayerAlias[] }> {
  if (currencies.length === 0) return { items: [], aliases: [] };
  const [receipts, instalments, aliases] = await Promise.all([openReceipts(db, actor, currencies), openInstalments(db, actor, currencies), payerAliases(db, actor)]);
  const items: OpenItem[] = [...receipts, ...instalments];
  if (items.length > limits.matchOpenItemsMax) {
    throw new KxError('validation_failed', `${items.length} open items in these currencies; the matcher compares at most ${limits.matchOpenItemsMax}`, { details: { items: items.length } });
  }
  return { items, aliases };
}

async function openReceipts(db: Kysely<DB>, actor: Actor, currencies: readonly string[]): Promise<OpenReceipt[]> {
  const rows = await db
    .selectFrom('receipts as r')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'c.name as customer_name', 'r.amount_minor', 'r.currency', 'r.received_date', 'r.payer_name', 'r.payer_account', 'r.external_ref'])
    .select(sql<string>`r.amount_minor - coalesce((select sum(l.amount_minor) from statement_line_receipts l where l.tenant_id = r.tenant_id and l.receipt_id = r.id), 0)`.as('open_minor'))
    .where('r.tenant_id', '=', actor.tenantId)
    .where('r.status', '=', 'confirmed')
    .where('r.reconciled_at', 'is', null)
    .where('r.currency', '=', sql<string>`ANY(${[...currencies]}::text[])`)
    .where(customerScope(actor, 'c'))
    .execute();
  return rows.map((r) => ({
    kind: 'receipt', id: r.id, number: r.number, customerId: r.customer_id, customerName: r.customer_name, amountMinor: BigInt(r.open_minor), currency: r.currency,
    date: r.received_date, payerName: r.payer_name, payerAccount: r.payer_account, externalRef: r.external_ref,
  }));
}

async function openInstalments(db: Kysely<DB>, actor: Actor, currencies: readonly string[]): Promise<OpenInstalment[]> {
  const rows = await db
    .selectFrom('instalments as i')
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['i.id', 'i.order_id', 'o.number', 'o.customer_id', 'c.name as customer_name', 'o.currency', 'i.due_date'])
    .select(sql<string>`i.amount_minor - i.settled_minor`.as('open_minor'))
    .select(sql<string>`o.total_minor - o.paid_minor - o.credited_minor - o.written_off_minor`.as('order_open_minor'))
    .where('i.tenant_id', '=', actor.tenantId)
    .where('i.voided_at', 'is', null)
    .whereRef('i.settled_minor', '<', 'i.amount_minor')
    .where('o.status', '=', 'confirmed')
    .where('o.currency', '=', sql<string>`ANY(${[...currencies]}::text[])`)
    .where(customerScope(actor, 'c'))
    .execute();
  return rows.map((r) => ({
    kind: 'instalment', id: r.id, orderId: r.order_id, orderNumber: r.number, customerId: r.customer_id, customerName: r.customer_name,
    openMinor: BigInt(r.open_minor), orderOpenMinor: BigInt(r.order_open_minor), currency: r.currency, dueDate: r.due_date,
  }));
}

async function payerAliases(db: Kysely<DB>, actor: Actor): Promise<PayerAlias[]> {
  const rows = await db
    .selectFrom('payer_aliases as a')
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.customer_id'))
    .select(['a.alias_key', 'a.customer_id'])
    .where('a.tenant_id', '=', actor.tenantId)
    .where(customerScope(actor, 'c'))
    .execute();
  return rows.map((r) => ({ key: r.alias_key, customerId: r.customer_id }));
}

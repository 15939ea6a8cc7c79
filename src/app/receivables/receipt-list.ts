import { sql, type Kysely } from 'kysely';
import type { ReceiptChannel } from '../../core/ledger/chart.js';
import { departmentTree, requirePermission, type Actor } from '../actor.js';
import { decodeCursor, encodeCursor, pageSize, toPage, type Page } from '../pagination.js';
import type { DB, ReceiptKind, ReceiptStatus } from '../schema.js';
import { amountField, fail, requireCurrency } from './common.js';
import { receiptView, summaryOf, summaryQuery, type ReceiptSummary, type ReceiptView } from './receipt-model.js';

/** Lists of receipts: what the actor may see (a receipt is visible when its customer is), filtered and sorted. */
export type ReceiptSort = 'receivedDate' | '-receivedDate' | 'amount' | '-amount';

export interface ReceiptFilter {
  customer?: string;
  /** The customer's owner. */
  owner?: string;
  /** The customer's department and its sub-departments. */
  department?: string;
  channel?: ReceiptChannel;
  status?: ReceiptStatus;
  kind?: ReceiptKind;
  currency?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Decimal strings in the `currency` given (amounts of different currencies are not comparable). */
  amountMin?: string;
  amountMax?: string;
  /** Part of the number, the payer's name or the external reference. */
  q?: string;
  sort?: ReceiptSort;
  cursor?: string;
  limit?: number;
}

export async function getReceipt(db: Kysely<DB>, actor: Actor, receiptId: string): Promise<ReceiptView> {
  requirePermission(actor, 'receipts.view');
  return receiptView(db, actor, receiptId);
}

const positionPattern = /^(\d{4}-\d{2}-\d{2}|\d{1,19})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export async function listReceipts(db: Kysely<DB>, actor: Actor, filter: ReceiptFilter): Promise<Page<ReceiptSummary>> {
  requirePermission(actor, 'receipts.view');
  const sort = filter.sort ?? '-receivedDate';
  const byDate = sort.endsWith('receivedDate');
  const descending = sort.startsWith('-');
  const size = pageSize(filter.limit);
  const after = decodeCursor(filter.cursor, (p) => positionPattern.test(p) && /^\d{4}-/.test(p) === byDate && encodeCursor(p) === filter.cursor);
  let query = receiptListQuery(db, actor, filter);
  if (after !== undefined) {
    const [, key, id] = positionPattern.exec(after)!;
    const column = byDate ? sql`(r.received_date, r.id)` : sql`(r.amount_minor, r.id)`;
    const value = byDate ? sql`(${key}::date, ${id}::uuid)` : sql`(${key}::int8, ${id}::uuid)`;
    query = query.where(descending ? sql<boolean>`${column} < ${value}` : sql<boolean>`${column} > ${value}`);
  }
  const direction = descending ? 'desc' : 'asc';
  const rows = await query
    .orderBy(byDate ? 'r.received_date' : 'r.amount_minor', direction)
    .orderBy('r.id', direction)
    .limit(size + 1)
    .execute();
  const tenant = await db.selectFrom('tenants').select('base_currency').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
  return toPage(rows, size, (r) => summaryOf(r, tenant.base_currency), (r) => `${byDate ? r.received_date : r.amount_minor.toString()}|${r.id}`);
}

/** The receipts the list would show under these filters, unordered and unpaged (exports count them first). */
export function receiptListQuery(db: Kysely<DB>, actor: Actor, filter: ReceiptFilter): ReturnType<typeof summaryQuery> {
  return filtered(summaryQuery(db, actor), actor, filter);
}

function filtered(query: ReturnType<typeof summaryQuery>, actor: Actor, filter: ReceiptFilter): ReturnType<typeof summaryQuery> {
  if ((filter.amountMin !== undefined || filter.amountMax !== undefined) && filter.currency === undefined) {
    throw fail('validation_failed', 'currency', 'an amount range needs the currency its amounts are in');
  }
  let q = query;
  if (filter.customer !== undefined) q = q.where('r.customer_id', '=', filter.customer);
  if (filter.owner !== undefined) q = q.where('c.owner_id', '=', filter.owner);
  if (filter.department !== undefined) q = q.where('c.department_id', 'in', departmentTree(actor.tenantId, filter.department));
  if (filter.channel !== undefined) q = q.where('r.channel', '=', filter.channel);
  if (filter.status !== undefined) q = q.where('r.status', '=', filter.status);
  if (filter.kind !== undefined) q = q.where('r.kind', '=', filter.kind);
  if (filter.currency !== undefined) q = q.where('r.currency', '=', requireCurrency(filter.currency));
  if (filter.receivedFrom !== undefined) q = q.where('r.received_date', '>=', filter.receivedFrom);
  if (filter.receivedTo !== undefined) q = q.where('r.received_date', '<=', filter.receivedTo);
  if (filter.amountMin !== undefined) q = q.where('r.amount_minor', '>=', amountField(filter.amountMin, filter.currency!, 'amountMin', { allowZero: true }));
  if (filter.amountMax !== undefined) q = q.where('r.amount_minor', '<=', amountField(filter.amountMax, filter.currency!, 'amountMax', { allowZero: true }));
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) => eb.or([eb('r.number', 'ilike', pattern), eb('r.payer_name', 'ilike', pattern), eb('r.external_ref', 'ilike', pattern)]));
  }
  return q;
}



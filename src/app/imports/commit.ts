import type { Kysely } from 'kysely';
import type { ReceiptChannel } from '../../core/ledger/chart.js';
import type { Actor } from '../actor.js';
import { createCustomer } from '../customers-read.js';
import { confirmOrder, createOrder } from '../receivables/orders.js';
import { createReceipt } from '../receivables/receipts.js';
import type { DB, ImportKind, ReceiptKind } from '../schema.js';
import { splitTags } from './validate.js';

/** The rows that become one record: a customer, a receipt, or an order with all its instalment rows. */
export interface Unit {
  rows: { row: number; data: Record<string, string> }[];
}

/**
 * Writes one unit through the same use case the API calls, on `db` — which is the import's transaction
 * dressed as a database (nestable), so the use case's own transaction becomes a savepoint inside it. Each
 * money-moving call gets an Idempotency-Key derived from the import and row: an import committed twice (a
 * retry after a crash) replays instead of writing again. Returns the id of the record made.
 */
export async function writeUnit(db: Kysely<DB>, actor: Actor, kind: ImportKind, importId: string, unit: Unit): Promise<string> {
  const first = unit.rows[0]!;
  const c = first.data;
  const opt = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);
  const key = (step: string) => `import:${importId}:${first.row}:${step}`;
  if (kind === 'customers') {
    const contact = opt(c.contactName);
    const tags = opt(c.tags);
    const created = await createCustomer(db, actor, {
      code: c.code!, name: c.name!,
      ...(c['@ownerId'] ? { ownerId: c['@ownerId'] } : {}),
      ...(c['@departmentId'] ? { departmentId: c['@departmentId'] } : {}),
      ...(opt(c.taxId) ? { taxId: c.taxId! } : {}),
      ...(contact ? { contacts: [{ name: contact, ...(opt(c.contactPhone) ? { phone: c.contactPhone! } : {}), ...(opt(c.contactEmail) ? { email: c.contactEmail! } : {}) }] } : {}),
      ...(tags ? { tags: splitTags(tags) } : {}),
      ...(opt(c.remarks) ? { remarks: c.remarks! } : {}),
    });
    return created.id;
  }
  if (kind === 'orders') {
    const currency = c['@currency']!;
    const instalments = unit.rows.filter((r) => r.data['@dueDate']).map((r) => ({ dueDate: r.data['@dueDate']!, amount: r.data['@instalmentAmount']! }));
    const created = await createOrder(db, actor, {
      customerId: c['@customerId']!, title: c.title!, currency, signedDate: c['@signedDate']!,
      ...(c['@ownerId'] ? { ownerId: c['@ownerId'] } : {}),
      ...(c['@departmentId'] ? { departmentId: c['@departmentId'] } : {}),
      ...(opt(c.remarks) ? { remarks: c.remarks! } : {}),
      lines: [{ productId: c['@productId'] ?? null, description: opt(c.description) ?? c.title!, quantity: '1', unitPrice: c['@total']! }],
      ...(instalments.length > 0 ? { instalments } : {}),
    }, key('order'));
    if (c['@confirm'] === 'yes') await confirmOrder(db, actor, created.body.id, opt(c.exchangeRate) ? { exchangeRate: c.exchangeRate! } : {}, key('confirm'));
    return created.body.id;
  }
  const orderId = c['@orderId'];
  const created = await createReceipt(db, actor, {
    customerId: c['@customerId']!, kind: (c['@kind'] ?? 'order_payment') as ReceiptKind, amount: c['@amount']!, currency: c['@currency']!,
    channel: c['@channel'] as ReceiptChannel, receivedDate: c['@receivedDate']!,
    ...(opt(c.payerName) ? { payerName: c.payerName! } : {}),
    ...(opt(c.payerAccount) ? { payerAccount: c.payerAccount! } : {}),
    ...(opt(c.externalRef) ? { externalRef: c.externalRef! } : {}),
    ...(opt(c.remarks) ? { remarks: c.remarks! } : {}),
    ...(orderId ? { allocations: [{ orderId, amount: c['@allocation'] ?? c['@amount']! }] } : {}),
    ...(c['@confirm'] === 'yes' ? { confirm: true } : {}),
  }, key('receipt'));
  // createReceipt is the API's, which knows nothing of imports: the origin is stamped in the same transaction.
  await db.updateTable('receipts').set({ source: 'import', source_ref: `${importId}:${first.row}` })
    .where('tenant_id', '=', actor.tenantId).where('id', '=', created.body.id).execute();
  return created.body.id;
}

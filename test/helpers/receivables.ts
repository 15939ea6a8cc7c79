import type { Kysely } from 'kysely';
import { systemActor, type Actor } from '../../src/app/actor.js';
import { newId } from '../../src/app/ids.js';
import { nextNumber } from '../../src/app/numbers.js';
import { postFor } from '../../src/app/receivables/common.js';
import type { DB } from '../../src/app/schema.js';
import { parseAmountMinor } from '../../src/core/money/index.js';

/**
 * A confirmed order with its payment plan, written directly and posted exactly as confirming an order posts
 * (docs/accounting.md): Dr accounts_receivable / Cr sales, customer on both lines. For tests of receipts,
 * refunds and adjustments that need an order without going through the orders API.
 */
export async function seedConfirmedOrder(
  db: Kysely<DB>,
  tenantId: string,
  input: { customerId: string; currency?: string; signedDate?: string; instalments: [dueDate: string, amount: string][]; actor?: Actor },
): Promise<{ orderId: string; number: string; instalmentIds: string[] }> {
  const currency = input.currency ?? 'CNY';
  const signedDate = input.signedDate ?? input.instalments[0]![0];
  const amounts = input.instalments.map(([, amount]) => parseAmountMinor(amount, currency));
  const total = amounts.reduce((a, b) => a + b, 0n);
  const actor = input.actor ?? systemActor(tenantId);
  const number = await nextNumber(db, tenantId, 'OD', signedDate);
  const orderId = newId();
  const instalmentIds = input.instalments.map(() => newId());
  const customer = await db.selectFrom('customers').select(['owner_id', 'department_id']).where('tenant_id', '=', tenantId).where('id', '=', input.customerId).executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('orders').values({
      tenant_id: tenantId, id: orderId, number, customer_id: input.customerId, currency, status: 'confirmed',
      owner_id: customer.owner_id, department_id: customer.department_id, signed_date: signedDate, total_minor: total,
      base_rate: currency === 'CNY' ? '1' : null, base_total_minor: currency === 'CNY' ? total : null, created_by: null,
    }).execute();
    await trx.insertInto('order_lines').values({ tenant_id: tenantId, order_id: orderId, line_no: 1, product_id: null, description: 'test goods', quantity_milli: 1000n, unit_price_minor: total, amount_minor: total }).execute();
    for (const [index, [dueDate]] of input.instalments.entries()) {
      await trx.insertInto('instalments').values({ tenant_id: tenantId, id: instalmentIds[index]!, order_id: orderId, seq: index + 1, due_date: dueDate, amount_minor: amounts[index]! }).execute();
    }
    const dims = { customerId: input.customerId, ownerId: customer.owner_id, departmentId: customer.department_id };
    const entryId = await postFor(trx, actor, {
      entryDate: signedDate,
      source: 'order',
      sourceId: orderId,
      memo: `Order ${number} confirmed`,
      lines: [
        { account: 'accounts_receivable', side: 'debit', amount: total, currency, ...dims },
        { account: 'sales', side: 'credit', amount: total, currency, ...dims },
      ],
    });
    await trx.updateTable('orders').set({ confirm_entry_id: entryId, confirmed_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', orderId).execute();
  });
  return { orderId, number, instalmentIds };
}

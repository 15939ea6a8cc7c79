import type { Kysely } from 'kysely';
import { systemActor } from '../../src/app/actor.js';
import { newId } from '../../src/app/ids.js';
import { accountBalances, loadEntry } from '../../src/app/ledger.js';
import { nextNumber } from '../../src/app/numbers.js';
import { postFor } from '../../src/app/receivables/common.js';
import { lockOrder, settleOrder } from '../../src/app/receivables/settlement.js';
import type { DB } from '../../src/app/schema.js';
import { formatAmount, parseAmountMinor } from '../../src/core/money/index.js';

/**
 * A confirmed receipt, written directly and posted exactly as confirming a receipt posts (docs/accounting.md):
 * Dr cash:<channel> (amount) / Cr accounts_receivable per allocated order / Cr customer_advances (the rest).
 * Allocations settle the orders oldest instalment first, with their allocation rows. For tests of refunds and
 * adjustments that need receipts without going through the receipts API.
 */
export async function seedConfirmedReceipt(
  db: Kysely<DB>,
  tenantId: string,
  input: { customerId: string; amount: string; currency?: string; channel?: string; receivedDate?: string; allocations?: [orderId: string, amount: string][]; status?: 'confirmed' | 'pending' },
): Promise<{ receiptId: string; number: string }> {
  const currency = input.currency ?? 'CNY';
  const channel = input.channel ?? 'bank_transfer';
  const receivedDate = input.receivedDate ?? '2026-11-10';
  const amountMinor = parseAmountMinor(input.amount, currency);
  const allocations = (input.allocations ?? []).map(([orderId, amount]) => ({ orderId, amountMinor: parseAmountMinor(amount, currency) }));
  const allocatedMinor = allocations.reduce((sum, a) => sum + a.amountMinor, 0n);
  const status = input.status ?? 'confirmed';
  const number = await nextNumber(db, tenantId, 'RC', receivedDate);
  const receiptId = newId();
  const actor = systemActor(tenantId);
  const customer = await db.selectFrom('customers').select(['owner_id', 'department_id']).where('tenant_id', '=', tenantId).where('id', '=', input.customerId).executeTakeFirstOrThrow();
  const dims = { customerId: input.customerId, ownerId: customer.owner_id, departmentId: customer.department_id };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('receipts').values({
      tenant_id: tenantId, id: receiptId, number, customer_id: input.customerId, kind: allocations.length > 0 ? 'order_payment' : 'prepayment',
      currency, amount_minor: amountMinor, channel, received_date: receivedDate, status, allocated_minor: status === 'confirmed' ? allocatedMinor : 0n,
      base_rate: currency === 'CNY' ? '1' : null, base_amount_minor: currency === 'CNY' ? amountMinor : null, created_by: null,
      ...(status === 'confirmed' ? { confirmed_at: new Date() } : {}),
    }).execute();
    if (status !== 'confirmed') return;
    const settled = [];
    for (const a of allocations) {
      const order = await lockOrder(trx, actor, a.orderId);
      settled.push({ order, parts: await settleOrder(trx, tenantId, order, a.amountMinor, 'paid') });
    }
    const rest = amountMinor - allocatedMinor;
    const entryId = await postFor(trx, actor, {
      entryDate: receivedDate,
      source: 'receipt',
      sourceId: receiptId,
      memo: `Receipt ${number} confirmed`,
      lines: [
        { account: `cash:${channel}`, side: 'debit', amount: amountMinor, currency, channel, ...dims },
        ...allocations.map((a) => ({ account: 'accounts_receivable', side: 'credit' as const, amount: a.amountMinor, currency, ...dims })),
        ...(rest > 0n ? [{ account: 'customer_advances', side: 'credit' as const, amount: rest, currency, ...dims }] : []),
      ],
    });
    for (const { order, parts } of settled) {
      for (const part of parts) {
        await trx.insertInto('allocations').values({
          tenant_id: tenantId, id: newId(), receipt_id: receiptId, order_id: order.id, instalment_id: part.id,
          amount_minor: part.amountMinor, receipt_amount_minor: part.amountMinor, rate: null, kind: 'allocate', entry_id: entryId, created_by: null,
        }).execute();
      }
    }
    await trx.updateTable('receipts').set({ entry_id: entryId }).where('tenant_id', '=', tenantId).where('id', '=', receiptId).execute();
  });
  return { receiptId, number };
}

/** The postings of a business record (by journal source id), oldest first: [account, Dr|Cr, amount] per line. */
export async function postingsFor(db: Kysely<DB>, tenantId: string, sourceId: string): Promise<[string, 'Dr' | 'Cr', string][][]> {
  const entries = await db.selectFrom('journal_entries').select('id').where('tenant_id', '=', tenantId).where('source_id', '=', sourceId).orderBy('created_at').orderBy('id').execute();
  const result: [string, 'Dr' | 'Cr', string][][] = [];
  for (const { id } of entries) {
    const entry = await loadEntry(db, tenantId, id);
    result.push(entry.lines.map((l) => [l.account, l.amountMinor > 0n ? 'Dr' : 'Cr', formatAmount(l.amountMinor < 0n ? -l.amountMinor : l.amountMinor, l.currency)]));
  }
  return result;
}

/** A customer's balance per account in one currency (debit positive), as decimal strings; zero balances left out. */
export async function balancesOf(db: Kysely<DB>, tenantId: string, customerId: string, currency = 'CNY'): Promise<Record<string, string>> {
  const rows = await accountBalances(db, tenantId, { customerId });
  return Object.fromEntries(rows.filter((r) => r.currency === currency && r.balanceMinor !== 0n).map((r) => [r.account, formatAmount(r.balanceMinor, currency)]));
}

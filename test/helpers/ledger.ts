import type { Kysely } from 'kysely';
import { newId } from '../../src/app/ids.js';
import type { DB } from '../../src/app/schema.js';
import { createTenant } from '../../src/app/tenants.js';

/** A tenant with `customerCount` customers C001…, ready for postings. */
export async function tenantWithCustomers(db: Kysely<DB>, slug: string, customerCount = 2) {
  const tenantId = await createTenant(db, { slug, name: slug, baseCurrency: 'CNY' });
  const customers: string[] = [];
  for (let i = 1; i <= customerCount; i++) {
    const id = newId();
    await db.insertInto('customers').values({ tenant_id: tenantId, id, code: `C${String(i).padStart(3, '0')}`, name: `客户 ${i}`, owner_id: null, department_id: null }).execute();
    customers.push(id);
  }
  return { tenantId, customers };
}

export async function countRows(db: Kysely<DB>) {
  const entries = await db.selectFrom('journal_entries').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
  const lines = await db.selectFrom('journal_lines').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
  const balances = await db.selectFrom('account_balances').select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow();
  return { entries: BigInt(entries.n), lines: BigInt(lines.n), balances: BigInt(balances.n) };
}

/** A receipt: money in on a channel, the customer's receivable down. */
export function receipt(customerId: string, amount: string, currency = 'CNY', entryDate = '2026-11-20') {
  return {
    entryDate,
    source: 'test',
    memo: 'receipt',
    lines: [
      { account: 'cash:bank_transfer', side: 'debit' as const, amount, currency, customerId, channel: 'bank_transfer' },
      { account: 'accounts_receivable', side: 'credit' as const, amount, currency, customerId },
    ],
  };
}

/** An order confirmed: the customer owes, sales earned. */
export function invoice(customerId: string, amount: string, currency = 'CNY', entryDate = '2026-11-01') {
  return {
    entryDate,
    source: 'test',
    memo: 'order confirmed',
    lines: [
      { account: 'accounts_receivable', side: 'debit' as const, amount, currency, customerId },
      { account: 'sales', side: 'credit' as const, amount, currency, customerId },
    ],
  };
}

import { sql, type Kysely } from 'kysely';
import { aliasKey } from '../core/reconciliation/index.js';
import type { DB } from './schema.js';

/**
 * Payer → customer, learned whenever finance confirms whose money a payment was (a statement line matched, a
 * gateway payment assigned) and looked up by gateway intake and statement matching alike. One normalization for
 * both: src/core/reconciliation's aliasKey.
 */

/** The keys of a payer, most specific first: by its account, then by its name alone. */
export function payerAliasKeys(name: string, account: string): string[] {
  const keys = [aliasKey(name, account), aliasKey(name, '')];
  return [...new Set(keys.filter((k): k is string => k !== null))];
}

/** Records that this payer is this customer: one more confirmation of each key, or a new alias. */
export async function learnPayer(db: Kysely<DB>, tenantId: string, payer: { name: string; account: string }, customerId: string): Promise<void> {
  const keys = payerAliasKeys(payer.name, payer.account);
  if (keys.length === 0) return;
  await db.insertInto('payer_aliases')
    .values(keys.map((key) => ({ tenant_id: tenantId, alias_key: key, customer_id: customerId, payer_name: payer.name.slice(0, 200), payer_account: payer.account.slice(0, 100) })))
    .onConflict((oc) => oc.columns(['tenant_id', 'alias_key']).doUpdateSet({
      customer_id: customerId,
      // A payer now seen paying for another customer: the latest confirmed match wins, counted afresh.
      confirmations: sql`CASE WHEN payer_aliases.customer_id = ${customerId}::uuid THEN payer_aliases.confirmations + 1 ELSE 1 END`,
      last_confirmed_at: new Date(),
    }))
    .execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * The dashboard's receipts figures (received this month, the 12-month received trend) for a tenant with a
 * million receipts: a covering partial index of the confirmed receipts by currency and day, so both sums read
 * the index alone (docs/performance.md "The dashboard at the same scale"). FROZEN once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX receipts_confirmed_received ON receipts (tenant_id, currency, received_date) INCLUDE (amount_minor)
      WHERE status = 'confirmed'
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}

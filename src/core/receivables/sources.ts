/**
 * The `source` of every journal entry the receivables use cases post (docs/accounting.md). Such entries belong
 * to their records: they are never reversed by hand (journal.ts), `verify` re-derives them from the records
 * (verify-receivables.ts), and customer statements are made of them (customer-statement.ts). Manual journal
 * entries are not among them.
 */
export const businessSources = ['order', 'receipt', 'allocation', 'receipt_void', 'refund', 'credit_note', 'write_off'] as const;
export type BusinessSource = (typeof businessSources)[number];

export function isBusinessSource(source: string): source is BusinessSource {
  return (businessSources as readonly string[]).includes(source);
}

import { formatAmount } from '../../core/money/index.js';
import type { SeedDemoSummary } from './seed.js';

const count = (n: number) => n.toLocaleString('en');
const amounts = (byCurrency: Record<string, bigint>) =>
  Object.entries(byCurrency)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, minor]) => `${formatAmount(minor, currency)} ${currency}`)
    .join(', ') || 'nothing';

/** The seed's summary as lines for a terminal. */
export function describeSeedSummary(s: SeedDemoSummary): string[] {
  const seconds = s.elapsedMs / 1000;
  const k = s.eventsByKind;
  return [
    `seeded tenant ${s.slug} (${s.tenantId}) with seed ${s.seed}: ${s.firstOrderDate} … ${s.asOf}`,
    `  master data: ${s.departments} departments, ${s.owners} sales owners, ${s.products} products, ${count(s.customers)} customers`,
    `  orders ${count(s.orders)}; receipts ${count(k.receipt)}; prepayments ${count(k.prepayment)} (applied ${count(k.application)}); ` +
      `advance refunds ${count(k.refund_advance)}; returns (credit note + refund) ${count(k.return)}`,
    `  journal: ${count(s.entries)} entries, ${count(s.lines)} lines`,
    `  open receivables ${amounts(s.openMinor)}; overdue ${count(s.overdueInstalments)} instalments, ${amounts(s.overdueMinor)}`,
    `  time ${seconds.toFixed(1)} s: ${count(Math.round((k.receipt + k.prepayment) / seconds))} receipts/s through the use cases`,
  ];
}

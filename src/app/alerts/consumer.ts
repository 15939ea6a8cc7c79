import type { Transaction } from 'kysely';
import type { OutboxEvent, OutboxHandler } from '../outbox/dispatcher.js';
import type { DB } from '../schema.js';
import { alertTenant } from './config.js';
import { duplicatePartners, evaluateCustomers, evaluateReceipts, evaluateRefundSubject, evaluateStatementSubject } from './evaluation.js';

/** The outbox consumer that evaluates the event-driven rules (its cursor is stored under this name). */
export const alertsConsumerName = 'alerts';

/**
 * Evaluates what a batch of events touched, each subject once however many of its events the batch holds (a
 * receipt recorded and confirmed at once is one evaluation): the receipts, their duplicate partners, the
 * refunds, the statements, and the customers of all of them. Alert events themselves are skipped.
 */
export function alertsOutboxHandler(clock: () => Date = () => new Date()): OutboxHandler {
  return async (trx, events) => {
    const byTenant = new Map<string, OutboxEvent[]>();
    for (const e of events) {
      if (e.aggregateType === 'alert') continue;
      byTenant.set(e.tenantId, [...(byTenant.get(e.tenantId) ?? []), e]);
    }
    for (const [tenantId, list] of byTenant) await evaluateTenantEvents(trx, tenantId, list, clock());
  };
}

async function evaluateTenantEvents(trx: Transaction<DB>, tenantId: string, events: readonly OutboxEvent[], now: Date): Promise<void> {
  const tenant = await alertTenant(trx, tenantId);
  const ids = (type: string) => new Set(events.filter((e) => e.aggregateType === type).map((e) => e.aggregateId));
  const customers = new Set(events.map((e) => e.payload.customerId).filter((c): c is string => typeof c === 'string'));
  const receipts = ids('receipt');
  for (const partner of await duplicatePartners(trx, tenantId, [...receipts])) receipts.add(partner);
  await evaluateReceipts(trx, tenant, [...receipts]);
  for (const id of ids('refund')) {
    const customerId = await evaluateRefundSubject(trx, tenant, id);
    if (customerId) customers.add(customerId);
  }
  for (const id of ids('statement')) await evaluateStatementSubject(trx, tenant, id);
  await evaluateCustomers(trx, tenant, [...customers], now);
}

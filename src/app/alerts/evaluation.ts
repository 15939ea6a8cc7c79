import { sql, type Transaction } from 'kysely';
import {
  evaluateDisputes, evaluateReceipt, evaluateRefund, evaluateStatement, evaluateWebhookRejections, type ReceiptContext, type ReceiptFacts,
} from '../../core/alerts/evaluate.js';
import type { AlertRule } from '../../core/alerts/rules.js';
import { limits } from '../../core/limits.js';
import { addDays, todayIn } from '../../core/receivables/dates.js';
import { payerAliasKeys } from '../payer-aliases.js';
import type { DB } from '../schema.js';
import type { AlertTenant } from './config.js';
import { evaluateCustomers } from './customer-evaluation.js';
import { reconcile, reconcileAll } from './store.js';

/**
 * Reads the facts of one subject (a receipt, a refund, a customer, a statement, or the tenant's date rules),
 * evaluates the pure rules of src/core/alerts on them, and reconciles the stored alerts. Each function is one
 * subject's whole truth: run it again at any time and the alerts come out the same.
 */
type Trx = Transaction<DB>;

export const receiptRules: readonly AlertRule[] = ['duplicate_receipt', 'overpayment', 'large_amount', 'unusual_amount', 'payer_mismatch', 'back_dated'];
const historyMax = 200;
const lookalikesMax = 20;

/** One receipt's whole truth (evaluateReceipts for one). */
export function evaluateReceiptSubject(trx: Trx, tenant: AlertTenant, receiptId: string): Promise<void> {
  return evaluateReceipts(trx, tenant, [receiptId]);
}

type ReceiptRow = Omit<ReceiptFacts, 'customerName' | 'baseAmountMinor' | 'baseCurrency' | 'enteredDate'> & {
  customer_name: string; base_amount_minor: bigint | null; created_at: Date; payer_account: string;
};

/**
 * The receipt rules for many receipts at once — a page of outbox events — in a fixed number of statements
 * whatever their count: the facts of all of them, then their lookalikes, histories and known payers, each one
 * statement with a per-receipt LATERAL subquery that keeps the bounds and order of one receipt alone.
 */
export async function evaluateReceipts(trx: Trx, tenant: AlertTenant, receiptIds: readonly string[]): Promise<void> {
  if (receiptIds.length === 0) return;
  const { baseCurrency, timeZone } = tenant.rules;
  const found = await trx.selectFrom('receipts as r').innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id as customerId', 'c.name as customer_name', 'r.kind', 'r.status', 'r.currency', 'r.amount_minor as amountMinor', 'r.base_amount_minor',
      'r.received_date as receivedDate', 'r.created_at', 'r.payer_name as payerName', 'r.payer_account', 'r.external_ref as externalRef', 'r.allocated_minor as allocatedMinor',
      'r.refund_held_minor as refundHeldMinor'])
    .where('r.tenant_id', '=', tenant.tenantId).where('r.id', '=', sql<string>`any(${[...receiptIds]}::uuid[])`).execute();
  const byId = new Map(found.map((r) => [r.id, r as ReceiptRow]));
  // In the order asked (the order events came in), as one receipt after another would have been.
  const rows = receiptIds.map((id) => byId.get(id)).filter((r): r is ReceiptRow => r !== undefined);
  const live = rows.filter((r) => r.status === 'pending' || r.status === 'confirmed');
  const [lookalikes, histories, known] = await Promise.all([lookalikesOf(trx, tenant, live), historiesOf(trx, tenant.tenantId, live), knownPayers(trx, tenant.tenantId, live)]);
  const evaluated = rows.map((r) => {
    const facts: ReceiptFacts = {
      id: r.id, number: r.number, customerId: r.customerId, customerName: r.customer_name, kind: r.kind, status: r.status, currency: r.currency, amountMinor: r.amountMinor,
      baseAmountMinor: r.base_amount_minor ?? (r.currency === baseCurrency ? r.amountMinor : null), baseCurrency, receivedDate: r.receivedDate,
      enteredDate: todayIn(timeZone, r.created_at), payerName: r.payerName, externalRef: r.externalRef, allocatedMinor: r.allocatedMinor, refundHeldMinor: r.refundHeldMinor,
    };
    const conditions = evaluateReceipt(facts, {
      lookalikes: lookalikes.get(r.id) ?? [], history: histories.get(r.id) ?? [], payerKnown: known.has(r.id), recentBaseAmounts: [],
    }, tenant.config);
    return { scope: { rules: receiptRules, subject: { type: 'receipt', id: r.id } }, conditions };
  });
  await reconcileAll(trx, tenant, evaluated);
}

/** Per live receipt: the customer's other live receipts of the same amount within the window, or with the same external reference. */
async function lookalikesOf(trx: Trx, tenant: AlertTenant, live: readonly ReceiptRow[]): Promise<Map<string, ReceiptContext['lookalikes']>> {
  const out = new Map<string, ReceiptContext['lookalikes']>();
  if (live.length === 0) return out;
  const window = tenant.config.duplicate_receipt.params.windowDays!;
  const col = <T>(f: (r: ReceiptRow) => T) => live.map(f);
  const { rows } = await sql<{ of: string; id: string; number: string; received_date: string; amount_minor: bigint; currency: string; external_ref: string }>`
    SELECT u.of, x.id, x.number, x.received_date, x.amount_minor, x.currency, x.external_ref
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.customerId)}::uuid[], ${col((r) => r.currency)}::text[], ${col((r) => r.amountMinor.toString())}::int8[],
                  ${col((r) => addDays(r.receivedDate, -window))}::date[], ${col((r) => addDays(r.receivedDate, window))}::date[], ${col((r) => r.externalRef)}::text[])
           AS u(of, customer_id, currency, amount_minor, from_date, to_date, external_ref)
     CROSS JOIN LATERAL (
       SELECT id, number, received_date, amount_minor, currency, external_ref FROM receipts
        WHERE tenant_id = ${tenant.tenantId}::uuid AND customer_id = u.customer_id AND id <> u.of AND status IN ('pending', 'confirmed')
          AND ((currency = u.currency AND amount_minor = u.amount_minor AND received_date >= u.from_date AND received_date <= u.to_date)
               OR (u.external_ref <> '' AND external_ref = u.external_ref))
        ORDER BY received_date DESC LIMIT ${lookalikesMax}) x`.execute(trx);
  for (const o of rows) {
    const list = out.get(o.of) ?? [];
    list.push({ id: o.id, number: o.number, receivedDate: o.received_date, amountMinor: o.amount_minor, currency: o.currency, externalRef: o.external_ref });
    out.set(o.of, list);
  }
  return out;
}

/** Per live receipt: the amounts of the customer's earlier confirmed receipts in its currency, latest first. */
async function historiesOf(trx: Trx, tenantId: string, live: readonly ReceiptRow[]): Promise<Map<string, bigint[]>> {
  if (live.length === 0) return new Map();
  const { rows } = await sql<{ of: string; amounts: string[] }>`
    SELECT u.of, h.amounts
      FROM unnest(${live.map((r) => r.id)}::uuid[], ${live.map((r) => r.customerId)}::uuid[], ${live.map((r) => r.currency)}::text[], ${live.map((r) => r.receivedDate)}::date[])
           AS u(of, customer_id, currency, received_date)
     CROSS JOIN LATERAL (
       SELECT coalesce(array_agg(amount_minor::text), '{}') AS amounts FROM (
         SELECT amount_minor FROM receipts
          WHERE tenant_id = ${tenantId}::uuid AND customer_id = u.customer_id AND id <> u.of AND status = 'confirmed' AND currency = u.currency
            AND received_date <= u.received_date
          ORDER BY received_date DESC LIMIT ${historyMax}) y) h`.execute(trx);
  return new Map(rows.map((r) => [r.of, r.amounts.map(BigInt)]));
}

/** The live receipts whose payer is a known alias of their own customer (payer_aliases): never a mismatch. */
async function knownPayers(trx: Trx, tenantId: string, live: readonly ReceiptRow[]): Promise<Set<string>> {
  const keysOf = new Map(live.filter((r) => r.payerName.trim() !== '').map((r) => [r.id, payerAliasKeys(r.payerName, r.payer_account)]));
  const keys = [...new Set([...keysOf.values()].flat())];
  if (keys.length === 0) return new Set();
  const rows = await trx.selectFrom('payer_aliases').select(['alias_key', 'customer_id'])
    .where('tenant_id', '=', tenantId).where('alias_key', '=', sql<string>`any(${keys}::text[])`).execute();
  const customersOf = new Map<string, Set<string>>();
  for (const row of rows) customersOf.set(row.alias_key, (customersOf.get(row.alias_key) ?? new Set()).add(row.customer_id));
  return new Set(live.filter((r) => (keysOf.get(r.id) ?? []).some((k) => customersOf.get(k)?.has(r.customerId))).map((r) => r.id));
}

/** The receipts whose open duplicate alerts name one of these: voiding either side of a pair must re-check the pair. */
export async function duplicatePartners(trx: Trx, tenantId: string, receiptIds: readonly string[]): Promise<string[]> {
  if (receiptIds.length === 0) return [];
  const { rows } = await sql<{ subject_id: string }>`
    SELECT DISTINCT a.subject_id FROM alerts a CROSS JOIN LATERAL jsonb_array_elements(a.links) AS l(link)
     WHERE a.tenant_id = ${tenantId}::uuid AND a.rule = 'duplicate_receipt' AND a.status <> 'resolved'
       AND l.link->>'id' = any(${[...receiptIds]}::text[]) AND a.subject_id <> l.link->>'id'`.execute(trx);
  return rows.map((r) => r.subject_id);
}

/** The customer rules and date rules live beside; the scheduled job and the tests know them from here. */
export { evaluateCustomers, evaluateDateRules } from './customer-evaluation.js';

/** A customer's own rules: structuring, refund ratio, and their instalments and unapplied receipts (date rules). */
export function evaluateCustomerSubject(trx: Trx, tenant: AlertTenant, customerId: string, now: Date): Promise<void> {
  return evaluateCustomers(trx, tenant, [customerId], now);
}

export async function evaluateRefundSubject(trx: Trx, tenant: AlertTenant, refundId: string): Promise<string | undefined> {
  const f = await trx.selectFrom('refunds as f').innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'f.tenant_id').onRef('c.id', '=', 'f.customer_id'))
    .select(['f.id', 'f.number', 'f.customer_id', 'c.name', 'f.status', 'f.currency', 'f.amount_minor', 'f.requested_at'])
    .where('f.tenant_id', '=', tenant.tenantId).where('f.id', '=', refundId).executeTakeFirst();
  if (!f) return undefined;
  const sources = await trx.selectFrom('refund_sources as s').innerJoin('receipts as r', (j) => j.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.id', '=', 's.receipt_id'))
    .select(['r.id', 'r.number', 'r.received_date']).where('s.tenant_id', '=', tenant.tenantId).where('s.refund_id', '=', refundId).orderBy('r.received_date', 'desc').limit(limits.refundSourcesMax).execute();
  const conditions = evaluateRefund({
    id: f.id, number: f.number, customerId: f.customer_id, customerName: f.name, status: f.status, currency: f.currency, amountMinor: f.amount_minor,
    requestedDate: todayIn(tenant.rules.timeZone, f.requested_at), sources: sources.map((s) => ({ id: s.id, number: s.number, receivedDate: s.received_date })),
  }, tenant.config);
  await reconcile(trx, tenant, { rules: ['refund_after_receipt'], subject: { type: 'refund', id: f.id } }, conditions);
  return f.customer_id;
}

export async function evaluateStatementSubject(trx: Trx, tenant: AlertTenant, statementId: string): Promise<void> {
  const s = await trx.selectFrom('statements').select(['id', 'number', 'warnings']).where('tenant_id', '=', tenant.tenantId).where('id', '=', statementId).executeTakeFirst();
  if (!s) return;
  await reconcile(trx, tenant, { rules: ['statement_unbalanced'], subject: { type: 'statement', id: s.id } }, evaluateStatement(s, tenant.config));
}

/** Tenant-wide watches without an outbox event of their own: refused webhook deliveries, open disputes. */
export async function evaluateIntakeWatches(trx: Trx, tenant: AlertTenant, now: Date): Promise<void> {
  const minutes = tenant.config.webhook_signature_burst.params.windowMinutes!;
  const since = new Date(now.getTime() - minutes * 60_000);
  const [rejections, disputes] = await Promise.all([
    trx.selectFrom('webhook_rejections').select(['provider', sql<string>`count(*)::text`.as('n')])
      .where('tenant_id', '=', tenant.tenantId).where('received_at', '>', since).where('received_at', '<=', now).groupBy('provider').execute(),
    trx.selectFrom('gateway_disputes as d')
      .leftJoin('receipts as r', (j) => j.onRef('r.tenant_id', '=', 'd.tenant_id').onRef('r.id', '=', 'd.receipt_id'))
      .leftJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
      .select(['d.id', 'd.dispute_ref', 'd.receipt_id', 'r.number', 'r.customer_id', 'c.name', 'd.currency', 'd.amount_minor', 'd.reason'])
      .where('d.tenant_id', '=', tenant.tenantId).where('d.status', '=', 'open').orderBy('d.opened_at').limit(limits.alertItemsPerEvaluationMax).execute(),
  ]);
  await reconcile(trx, tenant, { rules: ['webhook_signature_burst'], subject: { type: 'tenant', id: 'webhooks' } }, evaluateWebhookRejections(rejections.map((r) => ({ provider: r.provider, count: Number(r.n) })), tenant.config));
  await reconcile(trx, tenant, { rules: ['dispute_opened'], subject: { type: 'tenant', id: 'disputes' }, partial: disputes.length >= limits.alertItemsPerEvaluationMax }, evaluateDisputes(disputes.map((d) => ({
    id: d.id, disputeRef: d.dispute_ref, receiptId: d.receipt_id, receiptNumber: d.number, customerId: d.customer_id, customerName: d.name, currency: d.currency, amountMinor: d.amount_minor, reason: d.reason,
  })), tenant.config));
}

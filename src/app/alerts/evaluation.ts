import { sql, type Transaction } from 'kysely';
import {
  evaluateDisputes, evaluateInstalments, evaluateReceipt, evaluateRefund, evaluateRefundRatio, evaluateStatement, evaluateStructuring, evaluateUnapplied,
  evaluateWebhookRejections, type OpenInstalment, type ReceiptFacts, type UnappliedReceipt,
} from '../../core/alerts/evaluate.js';
import type { AlertRule } from '../../core/alerts/rules.js';
import { limits } from '../../core/limits.js';
import { addDays, todayIn } from '../../core/receivables/dates.js';
import { payerAliasKeys } from '../payer-aliases.js';
import type { DB } from '../schema.js';
import type { AlertTenant } from './config.js';
import { reconcile } from './store.js';

/**
 * Reads the facts of one subject (a receipt, a refund, a customer, a statement, or the tenant's date rules),
 * evaluates the pure rules of src/core/alerts on them, and reconciles the stored alerts. Each function is one
 * subject's whole truth: run it again at any time and the alerts come out the same.
 */
type Trx = Transaction<DB>;

export const receiptRules: readonly AlertRule[] = ['duplicate_receipt', 'overpayment', 'large_amount', 'unusual_amount', 'payer_mismatch', 'back_dated'];
const instalmentRules: readonly AlertRule[] = ['overdue_instalment', 'due_soon'];
const historyMax = 200;
const lookalikesMax = 20;

export async function evaluateReceiptSubject(trx: Trx, tenant: AlertTenant, receiptId: string): Promise<void> {
  const r = await trx.selectFrom('receipts as r').innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'c.name as customer_name', 'r.kind', 'r.status', 'r.currency', 'r.amount_minor', 'r.base_amount_minor', 'r.received_date',
      'r.created_at', 'r.payer_name', 'r.payer_account', 'r.external_ref', 'r.allocated_minor', 'r.refund_held_minor'])
    .where('r.tenant_id', '=', tenant.tenantId).where('r.id', '=', receiptId).executeTakeFirst();
  if (!r) return;
  const { baseCurrency, timeZone } = tenant.rules;
  const facts: ReceiptFacts = {
    id: r.id, number: r.number, customerId: r.customer_id, customerName: r.customer_name, kind: r.kind, status: r.status, currency: r.currency, amountMinor: r.amount_minor,
    baseAmountMinor: r.base_amount_minor ?? (r.currency === baseCurrency ? r.amount_minor : null), baseCurrency, receivedDate: r.received_date,
    enteredDate: todayIn(timeZone, r.created_at), payerName: r.payer_name, externalRef: r.external_ref, allocatedMinor: r.allocated_minor, refundHeldMinor: r.refund_held_minor,
  };
  const live = r.status === 'pending' || r.status === 'confirmed';
  const window = tenant.config.duplicate_receipt.params.windowDays!;
  const [lookalikes, history, known] = live ? await Promise.all([
    trx.selectFrom('receipts').select(['id', 'number', 'received_date', 'amount_minor', 'currency', 'external_ref'])
      .where('tenant_id', '=', tenant.tenantId).where('customer_id', '=', r.customer_id).where('id', '<>', r.id).where('status', 'in', ['pending', 'confirmed'])
      .where((eb) => eb.or([
        eb.and([eb('currency', '=', r.currency), eb('amount_minor', '=', r.amount_minor), eb('received_date', '>=', addDays(r.received_date, -window)), eb('received_date', '<=', addDays(r.received_date, window))]),
        ...(r.external_ref !== '' ? [eb('external_ref', '=', r.external_ref)] : []),
      ]))
      .orderBy('received_date', 'desc').limit(lookalikesMax).execute(),
    trx.selectFrom('receipts').select('amount_minor')
      .where('tenant_id', '=', tenant.tenantId).where('customer_id', '=', r.customer_id).where('id', '<>', r.id).where('status', '=', 'confirmed').where('currency', '=', r.currency)
      .where('received_date', '<=', r.received_date).orderBy('received_date', 'desc').limit(historyMax).execute(),
    r.payer_name.trim() === '' ? Promise.resolve(false) : payerIsKnown(trx, tenant.tenantId, r.customer_id, r.payer_name, r.payer_account),
  ]) : [[], [], false];
  const conditions = evaluateReceipt(facts, {
    lookalikes: lookalikes.map((o) => ({ id: o.id, number: o.number, receivedDate: o.received_date, amountMinor: o.amount_minor, currency: o.currency, externalRef: o.external_ref })),
    history: history.map((h) => h.amount_minor),
    payerKnown: known,
    recentBaseAmounts: [],
  }, tenant.config);
  await reconcile(trx, tenant, { rules: receiptRules, subject: { type: 'receipt', id: r.id } }, conditions);
}

async function payerIsKnown(trx: Trx, tenantId: string, customerId: string, name: string, account: string): Promise<boolean> {
  const keys = payerAliasKeys(name, account);
  if (keys.length === 0) return false;
  const row = await trx.selectFrom('payer_aliases').select('customer_id').where('tenant_id', '=', tenantId).where('alias_key', 'in', keys).where('customer_id', '=', customerId).executeTakeFirst();
  return row !== undefined;
}

/** The receipts whose open duplicate alerts name this one: voiding either side of a pair must re-check the pair. */
export async function duplicatePartners(trx: Trx, tenantId: string, receiptId: string): Promise<string[]> {
  const rows = await trx.selectFrom('alerts').select('subject_id')
    .where('tenant_id', '=', tenantId).where('rule', '=', 'duplicate_receipt').where('status', '<>', 'resolved').where('subject_id', '<>', receiptId)
    .where(sql<boolean>`links @> ${JSON.stringify([{ id: receiptId }])}::jsonb`).execute();
  return rows.map((r) => r.subject_id);
}

/** A customer's own rules: structuring, refund ratio, and their instalments and unapplied receipts (date rules). */
export async function evaluateCustomerSubject(trx: Trx, tenant: AlertTenant, customerId: string, now: Date): Promise<void> {
  const customer = await trx.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenant.tenantId).where('id', '=', customerId).executeTakeFirst();
  if (!customer) return;
  const today = todayIn(tenant.rules.timeZone, now);
  const { baseCurrency } = tenant.rules;
  const s = tenant.config.structuring.params;
  const ratioFrom = addDays(today, -tenant.config.refund_ratio.params.windowDays!);
  const [recent, ratios] = await Promise.all([
    trx.selectFrom('receipts').select(['id', 'number', 'received_date', sql<string>`coalesce(base_amount_minor, CASE WHEN currency = ${baseCurrency} THEN amount_minor END)::text`.as('base')])
      .where('tenant_id', '=', tenant.tenantId).where('customer_id', '=', customerId).where('status', 'in', ['pending', 'confirmed'])
      .where('received_date', '>=', addDays(today, -s.windowDays!)).orderBy('received_date').limit(limits.alertItemsPerEvaluationMax).execute(),
    sql<{ currency: string; received: string; refunded: string }>`
      SELECT currency, sum(received)::text AS received, sum(refunded)::text AS refunded FROM (
        SELECT currency, amount_minor AS received, 0 AS refunded FROM receipts
         WHERE tenant_id = ${tenant.tenantId} AND customer_id = ${customerId} AND status = 'confirmed' AND received_date >= ${ratioFrom}
        UNION ALL
        SELECT currency, 0, amount_minor FROM refunds
         WHERE tenant_id = ${tenant.tenantId} AND customer_id = ${customerId} AND status IN ('requested', 'approved', 'paid') AND requested_at >= ${ratioFrom}::date
      ) x GROUP BY currency`.execute(trx),
  ]);
  const structuring = evaluateStructuring(customer, recent.filter((x) => x.base !== null).map((x) => ({ id: x.id, number: x.number, receivedDate: x.received_date, baseAmountMinor: BigInt(x.base!) })), baseCurrency, today, tenant.config);
  await reconcile(trx, tenant, { rules: ['structuring'], subject: { type: 'customer', id: customerId } }, structuring);
  const ratio = evaluateRefundRatio(ratios.rows.map((x) => ({ customerId, customerName: customer.name, currency: x.currency, receivedMinor: BigInt(x.received), refundedMinor: BigInt(x.refunded) })), tenant.config);
  await reconcile(trx, tenant, { rules: ['refund_ratio'], subject: { type: 'customer', id: customerId } }, ratio);
  await evaluateDateRules(trx, tenant, now, customerId);
}

/**
 * The date rules (overdue, due soon, unapplied money aging) for one customer or the whole tenant: what the
 * daily job runs, and what a receipt of a customer re-checks at once (an overdue instalment just paid).
 */
export async function evaluateDateRules(trx: Trx, tenant: AlertTenant, now: Date, customerId?: string): Promise<void> {
  const today = todayIn(tenant.rules.timeZone, now);
  const horizon = addDays(today, tenant.rules.dueSoonDays);
  const bound = limits.alertItemsPerEvaluationMax;
  let instalments = trx.selectFrom('instalments as i')
    .innerJoin('orders as o', (j) => j.onRef('o.tenant_id', '=', 'i.tenant_id').onRef('o.id', '=', 'i.order_id'))
    .innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'o.tenant_id').onRef('c.id', '=', 'o.customer_id'))
    .select(['i.id', 'i.order_id', 'o.number', 'i.seq', 'o.customer_id', 'c.name', 'c.owner_id', 'i.due_date', 'o.currency', sql<string>`(i.amount_minor - i.settled_minor)::text`.as('outstanding')])
    .where('i.tenant_id', '=', tenant.tenantId).where('i.voided_at', 'is', null).whereRef('i.settled_minor', '<', 'i.amount_minor')
    .where('i.due_date', '<=', horizon).where('o.status', '=', 'confirmed').orderBy('i.due_date').limit(bound);
  let unapplied = trx.selectFrom('receipts as r').innerJoin('customers as c', (j) => j.onRef('c.tenant_id', '=', 'r.tenant_id').onRef('c.id', '=', 'r.customer_id'))
    .select(['r.id', 'r.number', 'r.customer_id', 'c.name', 'r.received_date', 'r.currency', sql<string>`(r.amount_minor - r.allocated_minor - r.refund_held_minor)::text`.as('unapplied')])
    .where('r.tenant_id', '=', tenant.tenantId).where('r.status', '=', 'confirmed').where(sql<boolean>`r.allocated_minor + r.refund_held_minor < r.amount_minor`)
    .where('r.received_date', '<', addDays(today, -tenant.config.unallocated_aging.params.days!)).orderBy('r.received_date').limit(bound);
  if (customerId) {
    instalments = instalments.where('o.customer_id', '=', customerId);
    unapplied = unapplied.where('r.customer_id', '=', customerId);
  }
  const [i, u] = await Promise.all([instalments.execute(), unapplied.execute()]);
  const open: OpenInstalment[] = i.map((x) => ({ id: x.id, orderId: x.order_id, orderNumber: x.number, seq: x.seq, customerId: x.customer_id, customerName: x.name, ownerId: x.owner_id, dueDate: x.due_date, currency: x.currency, outstandingMinor: BigInt(x.outstanding) }));
  const aged: UnappliedReceipt[] = u.map((x) => ({ id: x.id, number: x.number, customerId: x.customer_id, customerName: x.name, receivedDate: x.received_date, currency: x.currency, unappliedMinor: BigInt(x.unapplied) }));
  const scope = customerId ? { customerId } : {};
  await reconcile(trx, tenant, { rules: instalmentRules, ...scope, partial: i.length >= bound }, evaluateInstalments(open, today, tenant.rules, tenant.config));
  await reconcile(trx, tenant, { rules: ['unallocated_aging'], ...scope, partial: u.length >= bound }, evaluateUnapplied(aged, today, tenant.config));
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

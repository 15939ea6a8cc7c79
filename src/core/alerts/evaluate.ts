import { currencyExponent, formatAmount } from '../money/index.js';
import { nameProfile, nameSimilarity } from '../reconciliation/names.js';
import { addDays, daysBetween } from '../receivables/dates.js';
import type { AlertConfig, AlertRule } from './rules.js';
import { isOutlier, robustSpread } from './stats.js';

/**
 * Pure evaluation of the alert rules: facts in (read by src/app/alerts), conditions out. No I/O and no clock:
 * `today` (the tenant's business date) and `now` are passed in. A condition is one thing that is wrong right
 * now; its dedupe key names it, so the same condition found again is the same alert, and an open alert whose
 * condition is no longer found among its subject's conditions is resolved by itself.
 */
export interface AlertLink {
  type: string;
  id: string;
  label: string;
}

export interface Condition {
  rule: AlertRule;
  dedupeKey: string;
  /** The subject whose re-evaluation re-checks this condition. */
  subjectType: 'receipt' | 'refund' | 'customer' | 'statement' | 'tenant' | 'dispute' | 'instalment';
  subjectId: string;
  customerId: string | null;
  /** Message key (messages.ts) and its parameters, all text: the figures as they are shown. */
  params: Record<string, string>;
  links: AlertLink[];
  /** A user to notify besides the rule's recipients (due soon goes to the customer's owner). */
  ownerId?: string | null;
}

const money = (minor: bigint, currency: string) => `${formatAmount(minor, currency)} ${currency}`;

// ——— receipts ———

export interface ReceiptFacts {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  kind: 'order_payment' | 'prepayment';
  status: 'pending' | 'confirmed' | 'rejected' | 'voided';
  currency: string;
  amountMinor: bigint;
  /** In the tenant's base currency: known once confirmed, or when the receipt is in the base currency. */
  baseAmountMinor: bigint | null;
  baseCurrency: string;
  receivedDate: string;
  /** The business date it was entered on. */
  enteredDate: string;
  payerName: string;
  externalRef: string;
  allocatedMinor: bigint;
  refundHeldMinor: bigint;
}

export interface ReceiptContext {
  /** Other live (pending or confirmed) receipts of the same customer: same currency and amount, or same external reference. */
  lookalikes: { id: string; number: string; receivedDate: string; amountMinor: bigint; currency: string; externalRef: string }[];
  /** The customer's earlier confirmed receipts in the same currency (amounts), for the robust statistics. */
  history: bigint[];
  /** The payer is a known alias of this customer (payer_aliases): never a mismatch. */
  payerKnown: boolean;
  /** Other live receipts of the customer in the structuring window (base-currency amounts). */
  recentBaseAmounts: { id: string; number: string; receivedDate: string; baseAmountMinor: bigint }[];
}

const live = (status: ReceiptFacts['status']) => status === 'pending' || status === 'confirmed';

export function evaluateReceipt(r: ReceiptFacts, ctx: ReceiptContext, config: AlertConfig): Condition[] {
  if (!live(r.status)) return [];
  const out: Condition[] = [];
  const self: AlertLink = { type: 'receipt', id: r.id, label: r.number };
  const customer: AlertLink = { type: 'customer', id: r.customerId, label: r.customerName };
  const base = { subjectType: 'receipt' as const, subjectId: r.id, customerId: r.customerId };
  const on = (rule: AlertRule) => config[rule].enabled;
  const p = (rule: AlertRule, key: string) => config[rule].params[key]!;
  const amount = money(r.amountMinor, r.currency);

  if (on('duplicate_receipt')) {
    const window = p('duplicate_receipt', 'windowDays');
    for (const o of ctx.lookalikes) {
      if (o.id === r.id) continue;
      const sameRef = r.externalRef !== '' && o.externalRef === r.externalRef;
      const sameAmount = o.currency === r.currency && o.amountMinor === r.amountMinor && Math.abs(daysBetween(o.receivedDate, r.receivedDate)) <= window;
      if (!sameRef && !sameAmount) continue;
      const [a, b] = [r.id, o.id].sort();
      out.push({
        ...base, rule: 'duplicate_receipt', dedupeKey: `duplicate_receipt:${a}:${b}`,
        params: sameRef
          ? { reason: 'ref', receipt: r.number, other: o.number, ref: r.externalRef, amount, customer: r.customerName }
          : { reason: 'amount', receipt: r.number, other: o.number, amount, days: String(Math.abs(daysBetween(o.receivedDate, r.receivedDate))), window: String(window), customer: r.customerName },
        links: [self, { type: 'receipt', id: o.id, label: o.number }, customer],
      });
    }
  }
  if (on('overpayment') && r.status === 'confirmed' && r.kind === 'order_payment') {
    const restMinor = r.amountMinor - r.allocatedMinor - r.refundHeldMinor;
    if (restMinor > 0n) {
      out.push({ ...base, rule: 'overpayment', dedupeKey: `overpayment:${r.id}`, params: { receipt: r.number, amount, applied: money(r.allocatedMinor, r.currency), rest: money(restMinor, r.currency), customer: r.customerName }, links: [self, customer] });
    }
  }
  if (on('large_amount') && r.baseAmountMinor !== null) {
    const thresholdMinor = majorToMinor(p('large_amount', 'thresholdMajor'), r.baseCurrency);
    if (r.baseAmountMinor >= thresholdMinor) {
      out.push({ ...base, rule: 'large_amount', dedupeKey: `large_amount:${r.id}`, params: { receipt: r.number, amount, base: money(r.baseAmountMinor, r.baseCurrency), threshold: money(thresholdMinor, r.baseCurrency), customer: r.customerName }, links: [self, customer] });
    }
  }
  if (on('unusual_amount') && ctx.history.length >= p('unusual_amount', 'minHistory')) {
    const spread = robustSpread(ctx.history);
    if (isOutlier(r.amountMinor, spread, p('unusual_amount', 'madFactor'))) {
      out.push({
        ...base, rule: 'unusual_amount', dedupeKey: `unusual_amount:${r.id}`,
        params: { receipt: r.number, amount, median: money(spread.median2 / 2n, r.currency), mad: money(spread.mad4 / 4n, r.currency), count: String(ctx.history.length), factor: String(p('unusual_amount', 'madFactor')), customer: r.customerName },
        links: [self, customer],
      });
    }
  }
  if (on('payer_mismatch') && r.payerName.trim() !== '' && !ctx.payerKnown) {
    const similarity = nameSimilarity(nameProfile(r.payerName), nameProfile(r.customerName));
    const minimum = p('payer_mismatch', 'minSimilarityPercent');
    if (similarity * 100 < minimum) {
      out.push({ ...base, rule: 'payer_mismatch', dedupeKey: `payer_mismatch:${r.id}`, params: { receipt: r.number, payer: r.payerName, customer: r.customerName, similarity: String(Math.round(similarity * 100)), minimum: String(minimum) }, links: [self, customer] });
    }
  }
  if (on('back_dated')) {
    const lag = daysBetween(r.receivedDate, r.enteredDate);
    if (lag > p('back_dated', 'days')) {
      out.push({ ...base, rule: 'back_dated', dedupeKey: `back_dated:${r.id}`, params: { receipt: r.number, received: r.receivedDate, entered: r.enteredDate, days: String(lag), limit: String(p('back_dated', 'days')), customer: r.customerName }, links: [self, customer] });
    }
  }
  return out;
}

/**
 * Several receipts of one customer just under an approval threshold within a window (拆分规避): the customer,
 * not a receipt, is the subject, so the condition holds as long as enough such receipts stay live in the window.
 */
export function evaluateStructuring(customer: { id: string; name: string }, recent: ReceiptContext['recentBaseAmounts'], baseCurrency: string, today: string, config: AlertConfig): Condition[] {
  if (!config.structuring.enabled) return [];
  const { thresholdMajor, marginPercent, count, windowDays } = config.structuring.params as Record<string, number>;
  const thresholdMinor = majorToMinor(thresholdMajor!, baseCurrency);
  const floorMinor = (thresholdMinor * BigInt(100 - marginPercent!)) / 100n;
  const from = addDays(today, -windowDays!);
  const under = recent.filter((x) => x.receivedDate >= from && x.baseAmountMinor >= floorMinor && x.baseAmountMinor < thresholdMinor);
  if (under.length < count!) return [];
  const total = under.reduce((s, x) => s + x.baseAmountMinor, 0n);
  return [{
    rule: 'structuring', dedupeKey: `structuring:${customer.id}`, subjectType: 'customer', subjectId: customer.id, customerId: customer.id,
    params: { customer: customer.name, count: String(under.length), days: String(windowDays), floor: money(floorMinor, baseCurrency), threshold: money(thresholdMinor, baseCurrency), total: money(total, baseCurrency) },
    links: [{ type: 'customer', id: customer.id, label: customer.name }, ...under.map((x) => ({ type: 'receipt', id: x.id, label: x.number }))],
  }];
}

// ——— date rules: instalments and unapplied money ———

export interface OpenInstalment {
  id: string;
  orderId: string;
  orderNumber: string;
  seq: number;
  customerId: string;
  customerName: string;
  ownerId: string | null;
  dueDate: string;
  currency: string;
  outstandingMinor: bigint;
}

export function evaluateInstalments(items: readonly OpenInstalment[], today: string, tenant: { graceDays: number; dueSoonDays: number }, config: AlertConfig): Condition[] {
  const out: Condition[] = [];
  for (const i of items) {
    if (i.outstandingMinor <= 0n) continue;
    const links = [{ type: 'order', id: i.orderId, label: i.orderNumber }, { type: 'customer', id: i.customerId, label: i.customerName }];
    const common = { subjectType: 'instalment' as const, subjectId: i.id, customerId: i.customerId, links };
    const late = daysBetween(i.dueDate, today);
    if (config.overdue_instalment.enabled && late > tenant.graceDays) {
      out.push({ ...common, rule: 'overdue_instalment', dedupeKey: `overdue_instalment:${i.id}`, params: { order: i.orderNumber, seq: String(i.seq), due: i.dueDate, days: String(late), grace: String(tenant.graceDays), outstanding: money(i.outstandingMinor, i.currency), customer: i.customerName } });
    } else if (config.due_soon.enabled && late <= 0 && -late <= tenant.dueSoonDays) {
      out.push({ ...common, rule: 'due_soon', dedupeKey: `due_soon:${i.id}`, ownerId: i.ownerId, params: { order: i.orderNumber, seq: String(i.seq), due: i.dueDate, days: String(-late), outstanding: money(i.outstandingMinor, i.currency), customer: i.customerName } });
    }
  }
  return out;
}

export interface UnappliedReceipt {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  receivedDate: string;
  currency: string;
  unappliedMinor: bigint;
}

export function evaluateUnapplied(items: readonly UnappliedReceipt[], today: string, config: AlertConfig): Condition[] {
  if (!config.unallocated_aging.enabled) return [];
  const limit = config.unallocated_aging.params.days!;
  return items
    .filter((r) => r.unappliedMinor > 0n && daysBetween(r.receivedDate, today) > limit)
    .map((r) => ({
      rule: 'unallocated_aging' as const, dedupeKey: `unallocated_aging:${r.id}`, subjectType: 'receipt' as const, subjectId: r.id, customerId: r.customerId,
      params: { receipt: r.number, unapplied: money(r.unappliedMinor, r.currency), days: String(daysBetween(r.receivedDate, today)), limit: String(limit), customer: r.customerName },
      links: [{ type: 'receipt', id: r.id, label: r.number }, { type: 'customer', id: r.customerId, label: r.customerName }],
    }));
}

// ——— refunds ———

export interface RefundFacts {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  status: 'requested' | 'approved' | 'paid' | 'rejected' | 'cancelled';
  currency: string;
  amountMinor: bigint;
  requestedDate: string;
  /** The receipts it draws on. */
  sources: { id: string; number: string; receivedDate: string }[];
}

export function evaluateRefund(f: RefundFacts, config: AlertConfig): Condition[] {
  if (!config.refund_after_receipt.enabled || f.status === 'rejected' || f.status === 'cancelled') return [];
  const within = config.refund_after_receipt.params.withinDays!;
  const soon = f.sources.filter((s) => daysBetween(s.receivedDate, f.requestedDate) <= within);
  if (soon.length === 0) return [];
  const first = soon[0]!;
  return [{
    rule: 'refund_after_receipt', dedupeKey: `refund_after_receipt:${f.id}`, subjectType: 'refund', subjectId: f.id, customerId: f.customerId,
    params: { refund: f.number, amount: money(f.amountMinor, f.currency), receipt: first.number, received: first.receivedDate, days: String(daysBetween(first.receivedDate, f.requestedDate)), within: String(within), customer: f.customerName },
    links: [{ type: 'refund', id: f.id, label: f.number }, ...soon.map((s) => ({ type: 'receipt', id: s.id, label: s.number })), { type: 'customer', id: f.customerId, label: f.customerName }],
  }];
}

/** Refunds against receipts of one customer in one currency over the window: both sums in minor units. */
export interface RefundRatioFacts {
  customerId: string;
  customerName: string;
  currency: string;
  receivedMinor: bigint;
  refundedMinor: bigint;
}

export function evaluateRefundRatio(items: readonly RefundRatioFacts[], config: AlertConfig): Condition[] {
  if (!config.refund_ratio.enabled) return [];
  const { percent, windowDays } = config.refund_ratio.params as Record<string, number>;
  return items
    .filter((x) => x.receivedMinor > 0n && x.refundedMinor * 100n > x.receivedMinor * BigInt(percent!))
    .map((x) => ({
      rule: 'refund_ratio' as const, dedupeKey: `refund_ratio:${x.customerId}:${x.currency}`, subjectType: 'customer' as const, subjectId: x.customerId, customerId: x.customerId,
      params: { customer: x.customerName, refunded: money(x.refundedMinor, x.currency), received: money(x.receivedMinor, x.currency), ratio: String((x.refundedMinor * 100n) / x.receivedMinor), percent: String(percent), days: String(windowDays) },
      links: [{ type: 'customer', id: x.customerId, label: x.customerName }],
    }));
}

// ——— statements, webhooks, disputes ———

export interface StatementFacts {
  id: string;
  number: string;
  warnings: { code: string; details?: Record<string, string> }[];
}

export function evaluateStatement(s: StatementFacts, config: AlertConfig): Condition[] {
  if (!config.statement_unbalanced.enabled) return [];
  const w = s.warnings.find((x) => x.code === 'statement_unbalanced');
  if (!w) return [];
  const d = w.details ?? {};
  return [{
    rule: 'statement_unbalanced', dedupeKey: `statement_unbalanced:${s.id}`, subjectType: 'statement', subjectId: s.id, customerId: null,
    params: { statement: s.number, opening: d.opening ?? '', lines: d.lines ?? '', expected: d.expectedClosing ?? '', closing: d.closing ?? '', difference: d.difference ?? '', currency: d.currency ?? '' },
    links: [{ type: 'statement', id: s.id, label: s.number }],
  }];
}

/** Refused webhook deliveries per provider in the last windowMinutes. */
export function evaluateWebhookRejections(counts: readonly { provider: string; count: number }[], config: AlertConfig): Condition[] {
  if (!config.webhook_signature_burst.enabled) return [];
  const { count, windowMinutes } = config.webhook_signature_burst.params as Record<string, number>;
  return counts
    .filter((c) => c.count >= count!)
    .map((c) => ({
      rule: 'webhook_signature_burst' as const, dedupeKey: `webhook_signature_burst:${c.provider}`, subjectType: 'tenant' as const, subjectId: 'webhooks', customerId: null,
      params: { provider: c.provider, count: String(c.count), minutes: String(windowMinutes), limit: String(count) },
      links: [{ type: 'integration', id: c.provider, label: c.provider }],
    }));
}

export interface OpenDispute {
  id: string;
  disputeRef: string;
  receiptId: string | null;
  receiptNumber: string | null;
  customerId: string | null;
  customerName: string | null;
  currency: string;
  amountMinor: bigint;
  reason: string;
}

export function evaluateDisputes(items: readonly OpenDispute[], config: AlertConfig): Condition[] {
  if (!config.dispute_opened.enabled) return [];
  return items.map((d) => ({
    rule: 'dispute_opened' as const, dedupeKey: `dispute_opened:${d.id}`, subjectType: 'tenant' as const, subjectId: 'disputes', customerId: d.customerId,
    params: { dispute: d.disputeRef, amount: money(d.amountMinor, d.currency), receipt: d.receiptNumber ?? '', reason: d.reason, customer: d.customerName ?? '' },
    links: [
      { type: 'dispute', id: d.id, label: d.disputeRef },
      ...(d.receiptId ? [{ type: 'receipt', id: d.receiptId, label: d.receiptNumber ?? '' }] : []),
      ...(d.customerId ? [{ type: 'customer', id: d.customerId, label: d.customerName ?? '' }] : []),
    ],
  }));
}

/** Whole units of a currency in minor units (thresholds are configured in whole units). */
export function majorToMinor(major: number, currency: string): bigint {
  return BigInt(major) * 10n ** BigInt(currencyExponent(currency));
}

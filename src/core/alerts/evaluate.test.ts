import { describe, expect, it } from 'vitest';
import {
  evaluateDisputes, evaluateInstalments, evaluateReceipt, evaluateRefund, evaluateRefundRatio, evaluateStatement, evaluateStructuring, evaluateUnapplied,
  evaluateWebhookRejections, type Condition, type OpenInstalment, type ReceiptContext, type ReceiptFacts, type RefundFacts,
} from './evaluate.js';
import { messageKeyOf, renderMessage } from './messages.js';
import { checkRuleSetting, effectiveConfig, type AlertRule } from './rules.js';
import { isOutlier, robustSpread } from './stats.js';

/**
 * One test per rule, on a fixed business date: it fires when it should (with the figures in its words), stays
 * silent when it should not, finds the same condition again under the same key (so no second alert), and finds
 * nothing once the facts change (so the open alert resolves itself). The database side is test/alerts.test.ts.
 */
const today = '2026-11-20';
const config = effectiveConfig({});
const off = (rule: AlertRule) => effectiveConfig({ [rule]: { enabled: false } });
const rules = (cs: Condition[]) => cs.map((c) => c.rule);
const en = (c: Condition) => renderMessage(messageKeyOf(c.rule, c.params), c.params, 'en');
const zh = (c: Condition) => renderMessage(messageKeyOf(c.rule, c.params), c.params, 'zh');

const receipt = (over: Partial<ReceiptFacts> = {}): ReceiptFacts => ({
  id: 'r1', number: 'RC-2026-000001', customerId: 'c1', customerName: '上海星辰科技有限公司', kind: 'prepayment', status: 'confirmed', currency: 'CNY',
  amountMinor: 100_000n, baseAmountMinor: 100_000n, baseCurrency: 'CNY', receivedDate: today, enteredDate: today, payerName: '', externalRef: '',
  allocatedMinor: 0n, refundHeldMinor: 0n, ...over,
});
const context = (over: Partial<ReceiptContext> = {}): ReceiptContext => ({ lookalikes: [], history: [], payerKnown: false, recentBaseAmounts: [], ...over });
const only = (rule: AlertRule, cs: Condition[]) => cs.filter((c) => c.rule === rule);

/** Fires → same key on a second look → gone when the facts change. */
function lifecycle(evaluate: (changed: boolean) => Condition[], rule: AlertRule): Condition {
  const first = only(rule, evaluate(false));
  expect(first).toHaveLength(1);
  expect(only(rule, evaluate(false)).map((c) => c.dedupeKey)).toEqual([first[0]!.dedupeKey]);
  expect(only(rule, evaluate(true))).toEqual([]);
  return first[0]!;
}

describe('receipt rules', () => {
  it('duplicate receipt: same customer and amount within the window, or the same external reference; clears when the other is voided', () => {
    const other = { id: 'r0', number: 'RC-2026-000000', receivedDate: '2026-11-18', amountMinor: 100_000n, currency: 'CNY', externalRef: '' };
    const c = lifecycle((voided) => evaluateReceipt(receipt(), context({ lookalikes: voided ? [] : [other] }), config), 'duplicate_receipt');
    expect(c.dedupeKey).toBe('duplicate_receipt:r0:r1');
    expect(en(c)).toBe('Receipt RC-2026-000001 may duplicate RC-2026-000000: same customer 上海星辰科技有限公司, same amount 1000.00 CNY, received 2 days apart (window 3 days).');
    // Outside the window, or another amount: silent; same reference: fires whatever the dates.
    expect(only('duplicate_receipt', evaluateReceipt(receipt(), context({ lookalikes: [{ ...other, receivedDate: '2026-11-10' }] }), config))).toEqual([]);
    expect(only('duplicate_receipt', evaluateReceipt(receipt(), context({ lookalikes: [{ ...other, amountMinor: 99_999n }] }), config))).toEqual([]);
    const byRef = only('duplicate_receipt', evaluateReceipt(receipt({ externalRef: 'TX-9' }), context({ lookalikes: [{ ...other, receivedDate: '2026-01-01', amountMinor: 5n, externalRef: 'TX-9' }] }), config));
    expect(zh(byRef[0]!)).toContain('外部参考号相同（TX-9）');
    expect(evaluateReceipt(receipt({ status: 'voided' }), context({ lookalikes: [other] }), config)).toEqual([]);
    expect(evaluateReceipt(receipt(), context({ lookalikes: [other] }), off('duplicate_receipt'))).toEqual([]);
  });

  it('overpayment: an order payment that leaves money unapplied; clears once it is applied', () => {
    const c = lifecycle((applied) => evaluateReceipt(receipt({ kind: 'order_payment', allocatedMinor: applied ? 100_000n : 80_000n }), context(), config), 'overpayment');
    expect(en(c)).toBe('Receipt RC-2026-000001 (1000.00 CNY) paid more than was owed: 800.00 CNY applied, 200.00 CNY left as an advance for 上海星辰科技有限公司.');
    expect(rules(evaluateReceipt(receipt({ kind: 'prepayment' }), context(), config))).not.toContain('overpayment');
    expect(rules(evaluateReceipt(receipt({ kind: 'order_payment', status: 'pending' }), context(), config))).not.toContain('overpayment');
  });

  it('large amount: at or above the threshold in the base currency; silent below or without a base amount', () => {
    const big = effectiveConfig({ large_amount: { params: { thresholdMajor: 1_000 } } });
    const c = lifecycle((voided) => evaluateReceipt(receipt({ status: voided ? 'voided' : 'confirmed' }), context(), big), 'large_amount');
    expect(en(c)).toBe('Large receipt RC-2026-000001: 1000.00 CNY (1000.00 CNY), at or above the threshold of 1000.00 CNY; customer 上海星辰科技有限公司.');
    expect(rules(evaluateReceipt(receipt({ amountMinor: 99_999n, baseAmountMinor: 99_999n }), context(), big))).not.toContain('large_amount');
    expect(rules(evaluateReceipt(receipt({ currency: 'USD', baseAmountMinor: null }), context(), big))).not.toContain('large_amount');
  });

  it('unusual amount: far from the median of the customer\'s own history (MAD), only with enough history', () => {
    const history = [98_000n, 100_000n, 101_000n, 99_500n, 100_500n, 102_000n, 97_000n, 100_000n];
    const c = lifecycle((voided) => evaluateReceipt(receipt({ amountMinor: 1_000_000n, status: voided ? 'voided' : 'confirmed' }), context({ history }), config), 'unusual_amount');
    expect(en(c)).toContain('the median of their 8 earlier receipts is 1000.00 CNY');
    expect(rules(evaluateReceipt(receipt({ amountMinor: 103_000n }), context({ history }), config))).not.toContain('unusual_amount');
    expect(rules(evaluateReceipt(receipt({ amountMinor: 1_000_000n }), context({ history: history.slice(0, 7) }), config))).not.toContain('unusual_amount');
    // One past outlier does not hide the next: the median and MAD barely move.
    expect(rules(evaluateReceipt(receipt({ amountMinor: 1_000_000n }), context({ history: [...history, 5_000_000n] }), config))).toContain('unusual_amount');
  });

  it('payer name ≠ customer: silent for the same name in pinyin or a known alias', () => {
    const c = lifecycle((known) => evaluateReceipt(receipt({ payerName: '李四' }), context({ payerKnown: known }), config), 'payer_mismatch');
    expect(zh(c)).toContain('付款人「李四」与客户「上海星辰科技有限公司」不符');
    expect(rules(evaluateReceipt(receipt({ payerName: '上海星辰科技' }), context(), config))).not.toContain('payer_mismatch');
    expect(rules(evaluateReceipt(receipt({ customerName: 'Zhang San', payerName: '张三' }), context(), config))).not.toContain('payer_mismatch');
    expect(rules(evaluateReceipt(receipt({ payerName: '' }), context(), config))).not.toContain('payer_mismatch');
  });

  it('back-dated entry: received date more than N days before it was entered', () => {
    const c = lifecycle((rejected) => evaluateReceipt(receipt({ receivedDate: '2026-10-01', status: rejected ? 'rejected' : 'pending' }), context(), config), 'back_dated');
    expect(en(c)).toContain('back-dated 50 days (more than 30)');
    expect(rules(evaluateReceipt(receipt({ receivedDate: '2026-10-21' }), context(), config))).not.toContain('back_dated');
  });

  it('several entries just under an approval threshold within the window', () => {
    const under = (id: string, date: string, major: bigint) => ({ id, number: `RC-${id}`, receivedDate: date, baseAmountMinor: major * 100n });
    const three = [under('a', '2026-11-15', 48_000n), under('b', '2026-11-17', 49_999n), under('c', '2026-11-19', 46_000n)];
    const c = lifecycle((voided) => evaluateStructuring({ id: 'c1', name: 'Acme' }, voided ? three.slice(1) : three, 'CNY', today, config), 'structuring');
    expect(en(c)).toBe('Acme has 3 receipts in the last 7 days between 45000.00 CNY and 50000.00 CNY (just under the approval threshold), 143999.00 CNY in all.');
    expect(evaluateStructuring({ id: 'c1', name: 'Acme' }, [...three.slice(1), under('d', '2026-11-01', 48_000n)], 'CNY', today, config)).toEqual([]);
    expect(evaluateStructuring({ id: 'c1', name: 'Acme' }, [...three.slice(1), under('e', '2026-11-18', 50_000n)], 'CNY', today, config)).toEqual([]);
  });
});

describe('date rules', () => {
  const instalment = (over: Partial<OpenInstalment> = {}): OpenInstalment => ({
    id: 'i1', orderId: 'o1', orderNumber: 'OD-2026-000007', seq: 2, customerId: 'c1', customerName: 'Acme', ownerId: 'u1', dueDate: '2026-11-10', currency: 'CNY', outstandingMinor: 50_000n, ...over,
  });
  const tenant = { graceDays: 5, dueSoonDays: 7 };

  it('overdue instalment: after the grace days; clears once paid', () => {
    const c = lifecycle((paid) => evaluateInstalments([instalment({ outstandingMinor: paid ? 0n : 50_000n })], today, tenant, config), 'overdue_instalment');
    expect(en(c)).toBe('Instalment 2 of order OD-2026-000007 for Acme was due on 2026-11-10 and is 10 days overdue (grace 5 days); 500.00 CNY still open.');
    expect(evaluateInstalments([instalment({ dueDate: '2026-11-15' })], today, tenant, config)).toEqual([]);
  });

  it('due soon: N days ahead, to the owner; gone once paid or past due', () => {
    const c = lifecycle((paid) => evaluateInstalments([instalment({ dueDate: '2026-11-25', outstandingMinor: paid ? 0n : 1n })], today, tenant, config), 'due_soon');
    expect(c.ownerId).toBe('u1');
    expect(zh(c)).toContain('将于 2026-11-25 到期（还有 5 天）');
    expect(evaluateInstalments([instalment({ dueDate: '2026-11-28' })], today, tenant, config)).toEqual([]);
    expect(rules(evaluateInstalments([instalment({ dueDate: '2026-11-19' })], today, tenant, config))).toEqual([]);
  });

  it('unallocated money older than N days; clears once applied', () => {
    const item = (unappliedMinor: bigint, receivedDate = '2026-10-01') => ({ id: 'r9', number: 'RC-9', customerId: 'c1', customerName: 'Acme', receivedDate, currency: 'CNY', unappliedMinor });
    const c = lifecycle((applied) => evaluateUnapplied([item(applied ? 0n : 7_000n)], today, config), 'unallocated_aging');
    expect(en(c)).toBe('Receipt RC-9 still has 70.00 CNY unapplied after 50 days (more than 30); customer Acme.');
    expect(evaluateUnapplied([item(7_000n, '2026-11-01')], today, config)).toEqual([]);
  });
});

describe('refund rules', () => {
  const refund = (over: Partial<RefundFacts> = {}): RefundFacts => ({
    id: 'f1', number: 'RF-1', customerId: 'c1', customerName: 'Acme', status: 'requested', currency: 'CNY', amountMinor: 30_000n, requestedDate: today,
    sources: [{ id: 'r1', number: 'RC-1', receivedDate: '2026-11-17' }], ...over,
  });

  it('refund soon after receipt; clears when the refund is rejected or cancelled', () => {
    const c = lifecycle((rejected) => evaluateRefund(refund({ status: rejected ? 'rejected' : 'requested' }), config), 'refund_after_receipt');
    expect(en(c)).toBe('Refund RF-1 (300.00 CNY) was requested 3 days after receipt RC-1 (received 2026-11-17); the rule watches 7 days. Customer Acme.');
    expect(evaluateRefund(refund({ sources: [{ id: 'r1', number: 'RC-1', receivedDate: '2026-11-01' }] }), config)).toEqual([]);
  });

  it('refund ratio per customer above x% in the window', () => {
    const c = lifecycle((more) => evaluateRefundRatio([{ customerId: 'c1', customerName: 'Acme', currency: 'CNY', receivedMinor: more ? 200_000n : 100_000n, refundedMinor: 40_000n }], config), 'refund_ratio');
    expect(en(c)).toBe('Acme had 400.00 CNY refunded against 1000.00 CNY received in the last 90 days: 40%, above 30%.');
    expect(evaluateRefundRatio([{ customerId: 'c1', customerName: 'Acme', currency: 'CNY', receivedMinor: 100_000n, refundedMinor: 30_000n }], config)).toEqual([]);
  });
});

describe('intake rules', () => {
  it('statement that does not balance (from the import warning)', () => {
    const warning = { code: 'statement_unbalanced', details: { opening: '100.00', lines: '50.00', expectedClosing: '150.00', closing: '140.00', difference: '-10.00', currency: 'EUR' } };
    const c = lifecycle((fine) => evaluateStatement({ id: 's1', number: 'ST-1', warnings: fine ? [] : [warning] }, config), 'statement_unbalanced');
    expect(en(c)).toBe('Bank statement ST-1 does not balance: opening 100.00 + lines 50.00 = 150.00 EUR, but the closing balance is 140.00 (difference -10.00).');
    expect(evaluateStatement({ id: 's1', number: 'ST-1', warnings: [{ code: 'statement_discontinuous' }] }, config)).toEqual([]);
  });

  it('a burst of failed webhook signatures; clears when the window calms down', () => {
    const c = lifecycle((calm) => evaluateWebhookRejections([{ provider: 'stripe', count: calm ? 19 : 20 }], config), 'webhook_signature_burst');
    expect(en(c)).toBe('20 stripe webhook deliveries failed their signature check in the last 10 minutes (threshold 20).');
  });

  it('a dispute opened; clears when it is won or lost (no longer open)', () => {
    const d = { id: 'd1', disputeRef: 'dp_1', receiptId: 'r1', receiptNumber: 'RC-1', customerId: 'c1', customerName: 'Acme', currency: 'USD', amountMinor: 1_250n, reason: 'fraudulent' };
    const c = lifecycle((closed) => evaluateDisputes(closed ? [] : [d], config), 'dispute_opened');
    expect(en(c)).toBe('Payment dispute dp_1 opened: 12.50 USD, receipt RC-1, reason: fraudulent; customer Acme.');
  });
});

describe('settings and statistics', () => {
  it('defaults, overrides and checks', () => {
    expect(config.large_amount).toEqual({ enabled: true, severity: 'warning', params: { thresholdMajor: 1_000_000 }, recipients: { users: [], roles: ['finance'] } });
    expect(checkRuleSetting('large_amount', { ...config.large_amount, params: { thresholdMajor: 0 } })).toEqual([{ field: 'large_amount.params.thresholdMajor', message: 'a whole number from 1 to 1000000000000' }]);
    expect(checkRuleSetting('large_amount', { ...config.large_amount, params: { nope: 1 } })[0]!.field).toBe('large_amount.params.nope');
  });

  it('median and MAD in exact integers', () => {
    expect(robustSpread([1n, 2n, 3n, 4n])).toEqual({ median2: 5n, mad4: 4n }); // median 2.5, deviations 1.5 0.5 0.5 1.5 → MAD 1
    expect(isOutlier(100n, robustSpread([100n, 100n, 100n]), 3)).toBe(false);
    expect(isOutlier(110n, robustSpread([100n, 100n, 100n]), 3)).toBe(true);
  });
});

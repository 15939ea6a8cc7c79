import type { AlertRule } from './rules.js';

/**
 * An alert's explanation in words with its figures, in Chinese and English. Alerts store the message key and
 * the parameters (text, as shown), never a rendered sentence, so both languages render from one record and a
 * wording fix reaches old alerts too. `{name}` is replaced by the parameter of that name.
 */
type Templates = Record<string, { zh: string; en: string }>;

export const messageTemplates: Templates = {
  overdue_instalment: {
    zh: '客户「{customer}」订单 {order} 第 {seq} 期（到期日 {due}）已逾期 {days} 天（宽限 {grace} 天），未收 {outstanding}。',
    en: 'Instalment {seq} of order {order} for {customer} was due on {due} and is {days} days overdue (grace {grace} days); {outstanding} still open.',
  },
  due_soon: {
    zh: '客户「{customer}」订单 {order} 第 {seq} 期将于 {due} 到期（还有 {days} 天），未收 {outstanding}。',
    en: 'Instalment {seq} of order {order} for {customer} falls due on {due} (in {days} days); {outstanding} still open.',
  },
  'duplicate_receipt.amount': {
    zh: '回款 {receipt} 与 {other} 可能重复：同一客户「{customer}」、同一金额 {amount}，收款日期相差 {days} 天（窗口 {window} 天）。',
    en: 'Receipt {receipt} may duplicate {other}: same customer {customer}, same amount {amount}, received {days} days apart (window {window} days).',
  },
  'duplicate_receipt.ref': {
    zh: '回款 {receipt} 与 {other} 可能重复：外部参考号相同（{ref}），客户「{customer}」，金额 {amount}。',
    en: 'Receipt {receipt} may duplicate {other}: same external reference {ref}, customer {customer}, amount {amount}.',
  },
  overpayment: {
    zh: '回款 {receipt}（{amount}）超过应收：已核销 {applied}，多付 {rest} 转为客户「{customer}」的预收款。',
    en: 'Receipt {receipt} ({amount}) paid more than was owed: {applied} applied, {rest} left as an advance for {customer}.',
  },
  large_amount: {
    zh: '大额回款 {receipt}：{amount}（折合 {base}），达到阈值 {threshold}，客户「{customer}」。',
    en: 'Large receipt {receipt}: {amount} ({base}), at or above the threshold of {threshold}; customer {customer}.',
  },
  refund_after_receipt: {
    zh: '退款 {refund}（{amount}）在回款 {receipt}（{received} 收到）后 {days} 天即申请（规则：{within} 天内），客户「{customer}」。',
    en: 'Refund {refund} ({amount}) was requested {days} days after receipt {receipt} (received {received}); the rule watches {within} days. Customer {customer}.',
  },
  refund_ratio: {
    zh: '客户「{customer}」近 {days} 天退款 {refunded}，占回款 {received} 的 {ratio}%，超过 {percent}%。',
    en: '{customer} had {refunded} refunded against {received} received in the last {days} days: {ratio}%, above {percent}%.',
  },
  unusual_amount: {
    zh: '回款 {receipt} 金额 {amount} 与客户「{customer}」以往回款不符：历史 {count} 笔的中位数 {median}，绝对中位差 {mad}（阈值 {factor} 倍）。',
    en: 'Receipt {receipt} of {amount} is unusual for {customer}: the median of their {count} earlier receipts is {median}, median absolute deviation {mad} (threshold {factor}×).',
  },
  payer_mismatch: {
    zh: '回款 {receipt} 的付款人「{payer}」与客户「{customer}」不符（名称相似度 {similarity}%，要求至少 {minimum}%）。',
    en: 'Receipt {receipt}: the payer "{payer}" does not match the customer {customer} (name similarity {similarity}%, at least {minimum}% expected).',
  },
  back_dated: {
    zh: '回款 {receipt} 于 {entered} 登记，收款日期却是 {received}，倒签 {days} 天（超过 {limit} 天），客户「{customer}」。',
    en: 'Receipt {receipt} was entered on {entered} with a received date of {received}: back-dated {days} days (more than {limit}). Customer {customer}.',
  },
  structuring: {
    zh: '客户「{customer}」近 {days} 天有 {count} 笔回款金额在 {floor} 至 {threshold} 之间（刚低于审批阈值），合计 {total}。',
    en: '{customer} has {count} receipts in the last {days} days between {floor} and {threshold} (just under the approval threshold), {total} in all.',
  },
  unallocated_aging: {
    zh: '回款 {receipt} 尚有 {unapplied} 未核销，已 {days} 天（超过 {limit} 天），客户「{customer}」。',
    en: 'Receipt {receipt} still has {unapplied} unapplied after {days} days (more than {limit}); customer {customer}.',
  },
  statement_unbalanced: {
    zh: '银行对账单 {statement} 不平：期初 {opening} + 发生额 {lines} = {expected} {currency}，但期末余额为 {closing}（差额 {difference}）。',
    en: 'Bank statement {statement} does not balance: opening {opening} + lines {lines} = {expected} {currency}, but the closing balance is {closing} (difference {difference}).',
  },
  webhook_signature_burst: {
    zh: '{provider} 的回调近 {minutes} 分钟内有 {count} 次签名校验失败（阈值 {limit} 次）。',
    en: '{count} {provider} webhook deliveries failed their signature check in the last {minutes} minutes (threshold {limit}).',
  },
  dispute_opened: {
    zh: '支付争议 {dispute}：{amount}，回款 {receipt}，原因：{reason}，客户「{customer}」。',
    en: 'Payment dispute {dispute} opened: {amount}, receipt {receipt}, reason: {reason}; customer {customer}.',
  },
};

/** The message key of a condition: the rule, or the rule and its variant (a duplicate by amount or by reference). */
export function messageKeyOf(rule: AlertRule, params: Record<string, string>): string {
  return rule === 'duplicate_receipt' ? `duplicate_receipt.${params.reason === 'ref' ? 'ref' : 'amount'}` : rule;
}

export function renderMessage(key: string, params: Record<string, string>, language: 'zh' | 'en'): string {
  const template = messageTemplates[key]?.[language] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

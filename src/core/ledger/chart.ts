/**
 * The chart of accounts every tenant starts with (DESIGN.md, "Accounting model"). Balances are kept per
 * (account, customer, currency), so one account serves every currency. Cash is split by channel, because
 * finance reconciles each channel (bank, Alipay, WeChat Pay, Stripe …) against its own statement.
 */
export type AccountKind = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

export interface AccountDefinition {
  readonly code: string;
  readonly kind: AccountKind;
  readonly nameZh: string;
  readonly nameEn: string;
}

export const receiptChannels = ['bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other'] as const;
export type ReceiptChannel = (typeof receiptChannels)[number];

const channelNames: Record<ReceiptChannel, [zh: string, en: string]> = {
  bank_transfer: ['银行存款', 'Bank'],
  cash: ['库存现金', 'Cash on hand'],
  cheque: ['应收票据（支票）', 'Cheques in transit'],
  alipay: ['支付宝', 'Alipay'],
  wechat_pay: ['微信支付', 'WeChat Pay'],
  stripe: ['Stripe 清算', 'Stripe clearing'],
  other: ['其他收款渠道', 'Other channels'],
};

export function cashAccountCode(channel: ReceiptChannel): string {
  return `cash:${channel}`;
}

export const standardChart: readonly AccountDefinition[] = [
  { code: 'accounts_receivable', kind: 'asset', nameZh: '应收账款', nameEn: 'Accounts receivable' },
  ...receiptChannels.map((channel): AccountDefinition => ({
    code: cashAccountCode(channel),
    kind: 'asset',
    nameZh: channelNames[channel][0],
    nameEn: channelNames[channel][1],
  })),
  { code: 'customer_advances', kind: 'liability', nameZh: '预收账款', nameEn: 'Customer advances' },
  { code: 'refunds_payable', kind: 'liability', nameZh: '应付退款', nameEn: 'Refunds payable' },
  { code: 'sales', kind: 'income', nameZh: '主营业务收入', nameEn: 'Sales' },
  { code: 'sales_returns', kind: 'income', nameZh: '销售退回', nameEn: 'Sales returns' },
  { code: 'gateway_fees', kind: 'expense', nameZh: '手续费', nameEn: 'Gateway fees' },
  { code: 'bad_debt', kind: 'expense', nameZh: '坏账损失', nameEn: 'Bad debt' },
  { code: 'fx_gain_loss', kind: 'expense', nameZh: '汇兑损益', nameEn: 'FX gain/loss' },
];

import type { StatementFormat } from '../../core/statements/statement.js';

/*
 * Column layouts of the exports people actually upload: the Alipay and WeChat Pay bill downloads (账单) and the
 * transaction-detail CSVs of Chinese banks. Each column lists the header names it goes by across versions of the
 * export; the first one present in the file is used. Description columns are all used, joined.
 */

export type PresetId = 'alipay' | 'wechat' | 'icbc' | 'cmb' | 'cn_bank';

export interface PresetColumns {
  bookingDate: readonly string[];
  valueDate?: readonly string[];
  amount?: readonly string[];
  credit?: readonly string[];
  debit?: readonly string[];
  /** A column saying in or out (收/支, 借/贷) for exports whose amounts carry no sign. */
  direction?: readonly string[];
  status?: readonly string[];
  currency?: readonly string[];
  counterpartyName?: readonly string[];
  counterpartyAccount?: readonly string[];
  bankRef?: readonly string[];
  endToEndRef?: readonly string[];
  description?: readonly string[];
  balance?: readonly string[];
}

/** What to do with a row, by its status: keep it, or skip it and say why in a warning. */
export type StatusVerdict = { keep: true; note?: string } | { keep: false; reason: string };

export interface PreambleFacts {
  accountId?: string;
  fromDate?: string;
  toDate?: string;
  /** Totals the export prints above its rows, by direction: +1 in, −1 out, 0 neutral. */
  totals?: { direction: 1 | -1 | 0; label: string; count: number; amount: string }[];
  totalCount?: number;
}

export interface Preset {
  id: PresetId;
  format: StatementFormat;
  label: string;
  columns: PresetColumns;
  defaultCurrency: string;
  /** Cell values that mean "nothing here" (Alipay and WeChat write "/"). */
  placeholders: readonly string[];
  status?: (status: string) => StatusVerdict;
  preamble?: (lines: readonly string[]) => PreambleFacts;
  /** True when the first lines of the file are this export's. */
  detect: (head: string) => boolean;
}

/** 收/支 and 借/贷 words to a sign; 0 is neutral (不计收支, 中性交易 "/"): money that is neither in nor out. */
export function directionOf(value: string): 1 | -1 | 0 | undefined {
  const word = value.trim().toUpperCase();
  if (['收入', '收', '贷', '入', '存入', 'C', 'CR', 'CRDT', 'CREDIT', 'IN', '+'].includes(word)) return 1;
  if (['支出', '支', '借', '出', '支取', 'D', 'DR', 'DBIT', 'DEBIT', 'OUT', '-'].includes(word)) return -1;
  if (['不计收支', '中性交易', '/', ''].includes(word)) return 0;
  return undefined;
}

/** Currency names Chinese exports write instead of ISO codes. */
export const currencyAliases: Readonly<Record<string, string>> = {
  人民币: 'CNY', RMB: 'CNY', 元: 'CNY', 本币: 'CNY', 美元: 'USD', 港币: 'HKD', 港元: 'HKD', 欧元: 'EUR', 日元: 'JPY', 英镑: 'GBP',
};

const alipayStatus = (status: string): StatusVerdict => {
  if (status.includes('退款')) return { keep: false, reason: `refund (${status}): the money went back to the payer` };
  if (status.includes('关闭')) return { keep: false, reason: `closed (${status}): no money moved` };
  if (status.includes('等待') || status.includes('处理中')) return { keep: false, reason: `not completed yet (${status})` };
  if (status.endsWith('成功')) return { keep: true };
  return { keep: false, reason: `status "${status}" is not a completed payment` };
};

const WECHAT_DONE = new Set(['支付成功', '已存入零钱', '已转账', '朋友已收钱', '对方已收钱', '已收钱', '提现已到账', '充值完成', '充值成功', '已到账', '已入账', '已收款']);

const wechatStatus = (status: string): StatusVerdict => {
  if (status.startsWith('已全额退款')) return { keep: false, reason: `fully refunded (${status}): the payment was returned` };
  // A partial refund appears as its own row; the payment itself still happened.
  if (status.startsWith('已退款')) return { keep: true, note: `partly refunded (${status}); the refund is its own row` };
  if (WECHAT_DONE.has(status)) return { keep: true };
  return { keep: false, reason: `status "${status}" is not a completed payment` };
};

/** Shared preamble of both payment apps: account, period, and the totals they print before the rows. */
function appPreamble(accountLabel: RegExp, neutralLabel: string) {
  return (lines: readonly string[]): PreambleFacts => {
    const text = lines.map((line) => line.replace(/,+\s*$/, '')).join('\n');
    const facts: PreambleFacts = { totals: [] };
    const account = accountLabel.exec(text)?.[1]?.trim();
    if (account) facts.accountId = account;
    const period = /起始时间[:：]\s*\[(\d{4}-\d{2}-\d{2})[^\]]*\]\s*终止时间[:：]\s*\[(\d{4}-\d{2}-\d{2})/.exec(text);
    if (period) {
      facts.fromDate = period[1];
      facts.toDate = period[2];
    }
    const count = /共\s*(\d+)\s*笔记录/.exec(text)?.[1];
    if (count !== undefined) facts.totalCount = Number(count);
    for (const [label, direction] of [['收入', 1], ['支出', -1], [neutralLabel, 0]] as const) {
      const match = new RegExp(`${label}[:：]\\s*(\\d+)\\s*笔\\s*([\\d.,]+)\\s*元`).exec(text);
      if (match) facts.totals?.push({ direction, label, count: Number(match[1]), amount: (match[2] ?? '').replace(/,/g, '') });
    }
    return facts;
  };
}

export const presets: readonly Preset[] = [
  {
    id: 'alipay',
    format: 'alipay_csv',
    label: '支付宝账单 (Alipay bill export)',
    columns: {
      bookingDate: ['交易时间', '交易创建时间', '付款时间'],
      amount: ['金额', '金额（元）', '金额(元)'],
      direction: ['收/支'],
      status: ['交易状态'],
      counterpartyName: ['交易对方'],
      counterpartyAccount: ['对方账号'],
      bankRef: ['交易订单号', '交易号'],
      endToEndRef: ['商家订单号', '商户订单号'],
      description: ['商品说明', '商品名称', '备注'],
    },
    defaultCurrency: 'CNY',
    placeholders: ['/'],
    status: alipayStatus,
    preamble: appPreamble(/支付宝账户[:：]\s*([^\s,]+)/, '不计收支'),
    detect: (head) => head.includes('支付宝') && /交易(订单)?号/.test(head) && head.includes('收/支'),
  },
  {
    id: 'wechat',
    format: 'wechat_csv',
    label: '微信支付账单 (WeChat Pay bill export)',
    columns: {
      bookingDate: ['交易时间'],
      amount: ['金额(元)', '金额（元）', '金额'],
      direction: ['收/支'],
      status: ['当前状态'],
      counterpartyName: ['交易对方'],
      bankRef: ['交易单号'],
      endToEndRef: ['商户单号'],
      description: ['交易类型', '商品', '备注'],
    },
    defaultCurrency: 'CNY',
    placeholders: ['/'],
    status: wechatStatus,
    preamble: appPreamble(/微信昵称[:：]\s*\[([^\]]*)\]/, '中性交易'),
    detect: (head) => head.includes('微信支付账单') || (head.includes('交易单号') && head.includes('当前状态')),
  },
  {
    id: 'icbc',
    format: 'csv',
    label: '工商银行 交易明细 (ICBC)',
    columns: {
      bookingDate: ['交易日期', '交易时间', '记账日期'],
      credit: ['记账金额(收入)', '交易金额(收入)', '收入金额', '贷方发生额'],
      debit: ['记账金额(支出)', '交易金额(支出)', '支出金额', '借方发生额'],
      currency: ['记账币种', '交易币种', '币种'],
      counterpartyName: ['对方户名', '对方单位名称'],
      counterpartyAccount: ['对方账户', '对方账号'],
      bankRef: ['凭证号', '交易流水号'],
      description: ['摘要', '交易详情', '用途'],
      balance: ['余额'],
    },
    defaultCurrency: 'CNY',
    placeholders: [],
    detect: (head) => head.includes('记账金额(收入)') || (head.includes('借方发生额') && head.includes('对方单位名称')),
  },
  {
    id: 'cmb',
    format: 'csv',
    label: '招商银行 交易明细 (China Merchants Bank)',
    columns: {
      bookingDate: ['交易日', '交易日期', '记账日期'],
      valueDate: ['起息日'],
      credit: ['贷方金额', '收入'],
      debit: ['借方金额', '支出'],
      currency: ['币种'],
      counterpartyName: ['收/付方名称', '对方户名'],
      counterpartyAccount: ['收/付方帐号', '收/付方账号', '对方账号'],
      bankRef: ['流水号', '业务参考号'],
      description: ['摘要', '用途', '交易类型', '交易备注'],
      balance: ['余额'],
    },
    defaultCurrency: 'CNY',
    placeholders: [],
    detect: (head) => head.includes('收/付方名称') || (head.includes('交易日') && head.includes('贷方金额') && head.includes('借方金额')),
  },
  {
    id: 'cn_bank',
    format: 'csv',
    label: '银行交易明细 (common Chinese bank layout: 交易日期, 收入金额/支出金额, 对方户名, 对方账号, 摘要)',
    columns: {
      bookingDate: ['交易日期', '记账日期', '交易时间', '日期'],
      credit: ['收入金额', '贷方发生额', '贷方金额', '存入金额', '收入'],
      debit: ['支出金额', '借方发生额', '借方金额', '支取金额', '支出'],
      amount: ['交易金额', '发生额'],
      currency: ['币种', '币别'],
      counterpartyName: ['对方户名', '对方名称', '对方单位名称', '对方账户名称'],
      counterpartyAccount: ['对方账号', '对方账户'],
      bankRef: ['交易流水号', '流水号', '凭证号'],
      description: ['摘要', '用途', '附言', '备注'],
      balance: ['余额', '账户余额'],
    },
    defaultCurrency: 'CNY',
    placeholders: [],
    detect: (head) => /交易日期|记账日期/.test(head) && /收入金额|贷方发生额|贷方金额/.test(head) && /对方户名|对方账号/.test(head),
  },
];

export function presetById(id: string): Preset | undefined {
  return presets.find((preset) => preset.id === id);
}

/** The payment-app or bank export the head of a file belongs to, if any. */
export function detectPreset(head: string): Preset | undefined {
  return presets.find((preset) => preset.detect(head));
}

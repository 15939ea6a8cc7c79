import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { receiptChannels } from '../../core/ledger/chart.js';
import type { ImportKind } from '../schema.js';

/**
 * The columns of each import kind: what the template shows (Chinese and English name, required mark, an
 * example, what the cell means) and what header recognition accepts. A file's header row may use the Chinese
 * name, the English name, or the template's "中文 / english" form, with or without the required mark '*';
 * unknown columns are ignored (a spreadsheet often carries notes), a missing required column refuses the file.
 */
export type CellType = 'text' | 'code' | 'amount' | 'date' | 'yesno' | 'choice';

export interface ColumnSpec {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  type: CellType;
  maxChars: number;
  /** The example row of the template, as text. */
  example: string;
  noteZh: string;
  noteEn: string;
  /** For a choice: the accepted values (and Chinese names that mean the same). */
  choices?: Record<string, string>;
}

const text = (key: string, zh: string, en: string, required: boolean, maxChars: number, example: string, noteZh: string, noteEn: string): ColumnSpec =>
  ({ key, zh, en, required, type: 'text', maxChars, example, noteZh, noteEn });
const code = (key: string, zh: string, en: string, required: boolean, example: string, noteZh: string, noteEn: string): ColumnSpec =>
  ({ key, zh, en, required, type: 'code', maxChars: 40, example, noteZh, noteEn });
const amount = (key: string, zh: string, en: string, required: boolean, example: string, noteZh: string, noteEn: string): ColumnSpec =>
  ({ key, zh, en, required, type: 'amount', maxChars: 40, example, noteZh, noteEn });
const date = (key: string, zh: string, en: string, required: boolean, example: string, noteZh: string, noteEn: string): ColumnSpec =>
  ({ key, zh, en, required, type: 'date', maxChars: 20, example, noteZh, noteEn });
const yesno = (key: string, zh: string, en: string, example: string, noteZh: string, noteEn: string): ColumnSpec =>
  ({ key, zh, en, required: false, type: 'yesno', maxChars: 10, example, noteZh, noteEn });

const amountNote = ['金额，按币种的小数位（人民币最多两位小数），不四舍五入；可带千分位逗号', 'decimal in major units with at most the currency’s decimals (never rounded); thousands commas allowed'] as const;
const dateNote = ['日期：YYYY-MM-DD、YYYY/M/D 或 Excel 日期单元格', 'date: YYYY-MM-DD, YYYY/M/D or an Excel date cell'] as const;

const channelNames: Record<string, string> = {
  bank_transfer: 'bank_transfer', 银行转账: 'bank_transfer', 银行: 'bank_transfer', cash: 'cash', 现金: 'cash', cheque: 'cheque', 支票: 'cheque',
  alipay: 'alipay', 支付宝: 'alipay', wechat_pay: 'wechat_pay', 微信: 'wechat_pay', 微信支付: 'wechat_pay', stripe: 'stripe', other: 'other', 其他: 'other',
};
for (const channel of receiptChannels) if (!(channel in channelNames)) throw new Error(`channel ${channel} has no import name`);

export const columnsByKind: Record<ImportKind, readonly ColumnSpec[]> = {
  customers: [
    code('code', '客户编码', 'code', true, 'C-0001', '唯一，文件内与系统内都不能重复', 'unique, within the file and against existing customers'),
    text('name', '客户名称', 'name', true, 200, '上海示例贸易有限公司', '客户全称', 'the customer’s full name'),
    code('owner', '负责人登录名', 'owner_login', false, '', '系统用户的登录名；空则为导入人', 'login of a user of this tenant; blank: the importer decides as in the API'),
    code('department', '部门编码', 'department_code', false, '', '已有部门的编码', 'code of an existing department'),
    text('taxId', '税号', 'tax_id', false, 40, '91310000MA1FL0000X', '统一社会信用代码', 'tax id'),
    text('contactName', '联系人', 'contact_name', false, limits.nameCharsMax, '张三', '一个联系人的姓名', 'one contact’s name'),
    text('contactPhone', '联系电话', 'contact_phone', false, 40, '13800000000', '数字、空格、+ ( ) -', 'digits, spaces, + ( ) -'),
    text('contactEmail', '邮箱', 'contact_email', false, 200, 'zhang@example.com', '联系人邮箱', 'the contact’s e-mail'),
    text('tags', '标签', 'tags', false, 1_000, 'VIP;华东', '多个标签用 ; 或 ， 分隔', 'several tags separated by ; or ，'),
    text('remarks', '备注', 'remarks', false, limits.remarksCharsMax, '', '', ''),
  ],
  orders: [
    code('orderRef', '订单参考号', 'order_ref', true, 'PO-1', '文件内的订单分组号：同一订单的每期回款计划占一行，参考号相同；订单字段写在第一行（后续行可留空或重复相同值）',
      'groups the rows of one order: one row per instalment of its plan, same reference; order fields on its first row (later rows blank or the same)'),
    code('customer', '客户编码', 'customer_code', true, 'C-0001', '已有客户的编码', 'code of an existing customer'),
    text('title', '订单标题', 'title', true, 200, '年度服务合同', '', ''),
    code('currency', '币种', 'currency', true, 'CNY', 'ISO 4217 代码，如 CNY、USD', 'ISO 4217 code such as CNY, USD'),
    date('signedDate', '签订日期', 'signed_date', true, '2026-11-01', ...dateNote),
    amount('total', '订单金额', 'total', true, '1000.00', ...amountNote),
    code('product', '产品编码', 'product_code', false, '', '已有且启用的产品编码', 'code of an existing, active product'),
    text('description', '明细说明', 'description', false, 500, '', '订单明细行的说明；空则用标题', 'the order line’s description; blank: the title'),
    code('owner', '负责人登录名', 'owner_login', false, '', '空则为客户负责人', 'blank: the customer’s owner'),
    code('department', '部门编码', 'department_code', false, '', '', ''),
    date('dueDate', '计划回款日期', 'due_date', false, '2026-12-01', '本期回款计划的到期日；不填计划则订单总额在签订日到期', 'this instalment’s due date; no plan: the whole total is due on the signed date'),
    amount('instalmentAmount', '计划回款金额', 'instalment_amount', false, '1000.00', '本期金额；各期合计必须等于订单金额', 'this instalment’s amount; the instalments must add up to the order total'),
    text('exchangeRate', '汇率', 'exchange_rate', false, 30, '', '外币订单：1 单位外币折合本位币；空则用已登记汇率', 'foreign currency: base units per unit; blank: the recorded rate'),
    yesno('confirm', '确认', 'confirm', '是', '是（默认）：导入后确认订单，记应收；否：保存为草稿', 'yes (default): confirm the order, posting the receivable; no: keep a draft'),
    text('remarks', '备注', 'remarks', false, limits.remarksCharsMax, '', '', ''),
  ],
  receipts: [
    code('customer', '客户编码', 'customer_code', true, 'C-0001', '已有客户的编码', 'code of an existing customer'),
    amount('amount', '收款金额', 'amount', true, '500.00', ...amountNote),
    code('currency', '币种', 'currency', true, 'CNY', 'ISO 4217 代码', 'ISO 4217 code'),
    { key: 'channel', zh: '收款渠道', en: 'channel', required: true, type: 'choice', maxChars: 20, example: 'bank_transfer', choices: channelNames,
      noteZh: `${receiptChannels.join(' / ')}，或 银行转账、现金、支票、支付宝、微信、其他`, noteEn: receiptChannels.join(' / ') },
    date('receivedDate', '收款日期', 'received_date', true, '2026-11-20', ...dateNote),
    { key: 'kind', zh: '类型', en: 'kind', required: false, type: 'choice', maxChars: 20, example: 'order_payment',
      choices: { order_payment: 'order_payment', 订单回款: 'order_payment', 回款: 'order_payment', prepayment: 'prepayment', 预收: 'prepayment', 预收款: 'prepayment' },
      noteZh: 'order_payment（订单回款，默认）或 prepayment（预收款）', noteEn: 'order_payment (default) or prepayment' },
    code('orderNumber', '订单号', 'order_number', false, '', '系统订单号（如 OD-2026-000001）：回款分配到该订单；空则确认时计入预收', 'system order number (OD-2026-000001) to allocate to; blank: the money goes to the advance balance when confirmed'),
    amount('allocationAmount', '分配金额', 'allocation_amount', false, '', '分配给该订单的金额；空则为收款全额', 'what goes to that order; blank: the whole receipt'),
    text('payerName', '付款人', 'payer_name', false, limits.nameCharsMax, '上海示例贸易有限公司', '', ''),
    text('payerAccount', '付款账号', 'payer_account', false, limits.referenceCharsMax, '', '', ''),
    text('externalRef', '外部流水号', 'external_ref', false, limits.referenceCharsMax, 'BANK-20261120-01', '银行流水号等', 'bank reference or similar'),
    yesno('confirm', '确认', 'confirm', '否', '否（默认）：待审核（由他人确认）；是：导入人确认，需有收款确认权限且租户允许自行确认',
      'no (default): pending, confirmed by someone else; yes: confirmed by the importer, who needs receipts.confirm in a tenant that allows self-confirmation'),
    text('remarks', '备注', 'remarks', false, limits.remarksCharsMax, '', '', ''),
  ],
};

/** The header a template writes: "*客户编码 / code" (the star marks a required column). */
export function headerLabel(column: ColumnSpec): string {
  return `${column.required ? '*' : ''}${column.zh} / ${column.en}`;
}

const normal = (header: string) => header.normalize('NFKC').replace(/^\*+/, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Which column a header cell names, if any: the Chinese name, the English name, or both as the template writes them. */
export function columnOf(kind: ImportKind, header: string): ColumnSpec | undefined {
  const wanted = normal(header);
  if (wanted === '') return undefined;
  return columnsByKind[kind].find((c) => {
    const zh = normal(c.zh);
    const en = normal(c.en);
    return wanted === zh || wanted === en || wanted === `${zh} / ${en}` || wanted === `${zh}/${en}` || wanted === normal(c.key);
  });
}

/** The file's header row → column key by cell position, and the header text per key (errors name it as the file does). */
export function mapHeader(kind: ImportKind, headers: readonly string[]): { keyAt: (string | undefined)[]; headerOf: Record<string, string> } {
  const keyAt = headers.map((h) => columnOf(kind, h)?.key);
  const headerOf: Record<string, string> = {};
  const twice: string[] = [];
  keyAt.forEach((key, index) => {
    if (key === undefined) return;
    if (headerOf[key] !== undefined) twice.push(headers[index]!);
    headerOf[key] = headers[index]!.trim();
  });
  if (twice.length > 0) throw new KxError('import_malformed', `the header row names a column twice: ${twice.join(', ')}`);
  const missing = columnsByKind[kind].filter((c) => c.required && headerOf[c.key] === undefined);
  if (missing.length > 0) {
    throw new KxError('import_malformed', `the header row lacks required column(s) ${missing.map(headerLabel).join(', ')}: is this a ${kind} file, with its header in the first row?`, {
      details: { missing: missing.map((c) => c.key) },
    });
  }
  for (const c of columnsByKind[kind]) headerOf[c.key] ??= headerLabel(c);
  return { keyAt, headerOf };
}

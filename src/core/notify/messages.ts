/**
 * What a notification says, in 中文 and English: one subject and one body per message key, with `{name}`
 * placeholders filled from the event's params. The bell shows the subject (and body on hover), an email sends
 * both in the recipient's language. An unknown key falls back to a generic text naming the event type, so a
 * new event type notifies before anyone writes its words.
 */
import { renderMessage as renderAlert } from '../alerts/messages.js';

export type Language = 'zh' | 'en';
export const languages: readonly Language[] = ['zh', 'en'];

type Texts = Record<Language, { subject: string; body: string }>;

export const messages: Record<string, Texts> = {
  'receipt.recorded': {
    zh: { subject: '新回款 {number}', body: '客户 {customer} 的回款 {number} 已登记，金额 {amount}。' },
    en: { subject: 'New receipt {number}', body: 'Receipt {number} from {customer} was recorded: {amount}.' },
  },
  'receipt.confirmed': {
    zh: { subject: '回款 {number} 已确认', body: '客户 {customer} 的回款 {number}（{amount}）已确认。' },
    en: { subject: 'Receipt {number} confirmed', body: 'Receipt {number} from {customer} ({amount}) was confirmed.' },
  },
  'receipt.voided': {
    zh: { subject: '回款 {number} 已作废', body: '回款 {number}（{amount}）已作废：{reason}' },
    en: { subject: 'Receipt {number} voided', body: 'Receipt {number} ({amount}) was voided: {reason}' },
  },
  'refund.requested': {
    zh: { subject: '退款申请 {number} 待审批', body: '客户 {customer} 的退款 {number}（{amount}）等待审批。' },
    en: { subject: 'Refund {number} awaits approval', body: 'Refund {number} to {customer} ({amount}) awaits approval.' },
  },
  'refund.approved': {
    zh: { subject: '退款 {number} 已批准', body: '退款 {number}（{amount}）已批准，等待付款。' },
    en: { subject: 'Refund {number} approved', body: 'Refund {number} ({amount}) was approved and awaits payment.' },
  },
  'refund.paid': {
    zh: { subject: '退款 {number} 已付款', body: '退款 {number}（{amount}）已付给客户 {customer}。' },
    en: { subject: 'Refund {number} paid', body: 'Refund {number} ({amount}) was paid to {customer}.' },
  },
  'refund.rejected': {
    zh: { subject: '退款 {number} 被驳回', body: '退款 {number}（{amount}）被驳回：{reason}' },
    en: { subject: 'Refund {number} rejected', body: 'Refund {number} ({amount}) was rejected: {reason}' },
  },
  'statement.imported': {
    zh: { subject: '银行流水 {number} 已导入', body: '流水 {number} 已导入，共 {lines} 行。' },
    en: { subject: 'Statement {number} imported', body: 'Statement {number} was imported with {lines} lines.' },
  },
  'alert.raised': {
    zh: { subject: '预警：{title}', body: '{explanation}' },
    en: { subject: 'Alert: {title}', body: '{explanation}' },
  },
  'alert.resolved': {
    zh: { subject: '预警已解除：{title}', body: '{explanation}' },
    en: { subject: 'Alert resolved: {title}', body: '{explanation}' },
  },
  'instalment.overdue': {
    zh: { subject: '分期逾期：订单 {order}', body: '订单 {order} 的第 {instalment} 期（{amount}）已于 {dueDate} 到期未付。' },
    en: { subject: 'Instalment overdue: order {order}', body: 'Instalment {instalment} of order {order} ({amount}) was due on {dueDate} and is unpaid.' },
  },
  // Without KX_PUBLIC_URL the server does not know its own address: the link is a path, so the text says where it is.
  'report.delivered': {
    zh: { subject: '定时报表：{template}', body: '定时报表「{template}」已生成：{file}（见附件）。也可登录款项工作台，点右上角的通知（铃铛）打开这条通知下载（路径 {link}）。' },
    en: { subject: 'Scheduled report: {template}', body: 'The scheduled report "{template}" is ready: {file} (attached). You can also sign in to the Kuanxiang workbench and download it from this notification under the bell, top right (path {link}).' },
  },
  'report.delivered.link': {
    zh: { subject: '定时报表：{template}', body: '定时报表「{template}」已生成：{file}（见附件）。下载：{link}' },
    en: { subject: 'Scheduled report: {template}', body: 'The scheduled report "{template}" is ready: {file} (attached). Download: {link}' },
  },
  'notification.test': {
    zh: { subject: '测试通知', body: '这是一条测试通知。' },
    en: { subject: 'Test notification', body: 'This is a test notification.' },
  },
};

export type MessageParams = Record<string, string | number>;

/** Subjects are one line: an alert's explanation cut at this many characters. */
const alertSubjectCharsMax = 80;

/**
 * An alert's notification (key `alert.raised:<alert message key>`): the body is the alert's own explanation with
 * its figures (src/core/alerts/messages.ts), in the reader's language; the subject its beginning.
 */
function alertMessage(kind: 'raised' | 'resolved', alertKey: string, params: MessageParams, language: Language): { subject: string; body: string } {
  const text = renderAlert(alertKey, Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])), language);
  const head = text.length > alertSubjectCharsMax ? `${text.slice(0, alertSubjectCharsMax - 1)}…` : text;
  const prefix = kind === 'raised' ? (language === 'zh' ? '预警：' : 'Alert: ') : (language === 'zh' ? '预警已解除：' : 'Alert resolved: ');
  return { subject: `${prefix}${head}`, body: text };
}

/** The subject and body of `key` in `language`; placeholders without a param stay visible as `{name}`. */
export function renderMessage(key: string, params: MessageParams, language: Language, type: string): { subject: string; body: string } {
  const alert = /^alert\.(raised|resolved):(.+)$/.exec(key);
  if (alert) return alertMessage(alert[1] as 'raised' | 'resolved', alert[2]!, params, language);
  const texts = messages[key]?.[language] ?? fallback(language, type);
  const fill = (text: string) => text.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
  return { subject: fill(texts.subject), body: fill(texts.body) };
}

function fallback(language: Language, type: string): { subject: string; body: string } {
  return language === 'zh' ? { subject: `通知：${type}`, body: `发生了事件 ${type}。` } : { subject: `Notification: ${type}`, body: `The event ${type} happened.` };
}

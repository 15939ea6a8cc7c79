import type { Language } from '../../core/notify/messages.js';
import type { ChartKind, ReportKind, TemplateDefinition } from '../../core/reports/templates.js';
import { idFor } from '../ids.js';

/**
 * Templates every tenant has, for the common needs: code, not rows, so they are the same everywhere, read-only
 * (copy one to change it) and visible to everyone who may see reports. Their ids are derived from their codes
 * (UUIDv5), so a link to one keeps working across releases and tenants.
 */
export interface BuiltinTemplate {
  id: string;
  code: string;
  name: Record<Language, string>;
  description: Record<Language, string>;
  kind: ReportKind;
  definition: TemplateDefinition;
  chart: ChartKind;
}

/** When the built-ins were written: their createdAt and updatedAt. */
export const builtinTemplatesSince = '2026-11-29T00:00:00.000Z';

const builtin = (code: string, t: Omit<BuiltinTemplate, 'id' | 'code'>): BuiltinTemplate => ({ id: idFor(`report-template:builtin:${code}`), code, ...t });

export const builtinTemplates: readonly BuiltinTemplate[] = [
  builtin('aging-by-customer', {
    name: { zh: '账龄分析（按客户）', en: 'AR aging by customer' },
    description: { zh: '每个客户未付的分期，按逾期天数分段（30/60/90 天）', en: 'Each customer\'s unpaid instalments by days past due (30/60/90)' },
    kind: 'aging', definition: { params: { groupBy: 'customer', basis: 'due', buckets: '30,60,90' } }, chart: 'heatmap',
  }),
  builtin('monthly-collection-rate', {
    name: { zh: '月度回款率', en: 'Monthly collection rate' },
    description: { zh: '近 12 个月每月的应收计划、回款、回款率、DSO 与 CEI', en: 'Due, received, collection rate, DSO and CEI per month over the last 12 months' },
    kind: 'collection', definition: { params: {}, range: { preset: 'last_12_months' } }, chart: 'line',
  }),
  builtin('forecast-13-weeks', {
    name: { zh: '13 周回款预测', en: '13-week collection forecast' },
    description: { zh: '未来 13 周每周预计回款，附方法与回测误差', en: 'Expected cash-in per week for the next 13 weeks, with the method and its backtest error' },
    kind: 'forecast', definition: { params: {} }, chart: 'bar',
  }),
  builtin('receipts-by-channel', {
    name: { zh: '按渠道月度回款', en: 'Monthly receipts by channel' },
    description: { zh: '近 12 个月每月各渠道的回款金额与笔数', en: 'Money received and receipts per month and channel over the last 12 months' },
    kind: 'pivot', definition: { params: { dimensions: ['month', 'channel'], measures: ['received', 'count'] }, range: { preset: 'last_12_months' } }, chart: 'bar',
  }),
  builtin('outstanding-by-department', {
    name: { zh: '按部门应收余额', en: 'Outstanding by department' },
    description: { zh: '今年各部门的应收发生、回款与期末应收余额', en: 'Receivable issued, received and outstanding per department this year' },
    kind: 'pivot', definition: { params: { dimensions: ['department'], measures: ['issued', 'received', 'outstanding'] }, range: { preset: 'this_year' } }, chart: 'bar',
  }),
  builtin('refunds-by-reason', {
    name: { zh: '退款按原因', en: 'Refunds by reason' },
    description: { zh: '本月已付与待付的退款，按退款原因', en: 'Refunds paid and pending this month, by reason' },
    kind: 'refunds', definition: { params: { groupBy: 'reason' }, range: { preset: 'this_month' } }, chart: 'pie',
  }),
];

export function builtinTemplate(id: string): BuiltinTemplate | undefined {
  return builtinTemplates.find((t) => t.id === id);
}

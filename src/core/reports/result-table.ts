import type { CellValue, ColumnType, ExportColumn, ExportLanguage } from '../export/table.js';
import type { ReportKind } from './templates.js';

/**
 * A report's result as the table a delivered file holds, for the CSV, XLSX and PDF writers: the rows of the
 * result (for a pivot one row per pivot row, its dimensions' labels then its measures as columns) and a
 * totals row where the report has totals. Pure: the results are the JSON the report endpoints answer.
 */
export type ResultRow = Record<string, CellValue>;

export interface ResultTable {
  columns: ExportColumn<ResultRow>[];
  rows: ResultRow[];
}

type Words = Record<ExportLanguage, string>;
const w = (zh: string, en: string): Words => ({ zh, en });

const dimensionWords: Record<string, Words> = {
  day: w('日期', 'Day'), week: w('周', 'Week'), month: w('月份', 'Month'), quarter: w('季度', 'Quarter'), year: w('年度', 'Year'),
  customer: w('客户', 'Customer'), customerTag: w('客户标签', 'Customer tag'), owner: w('负责人', 'Owner'), department: w('部门', 'Department'),
  product: w('产品', 'Product'), channel: w('渠道', 'Channel'), currency: w('币种', 'Currency'), kind: w('类型', 'Kind'),
};
const measureWords: Record<string, Words> = {
  issued: w('应收发生', 'Issued'), received: w('回款', 'Received'), refunded: w('退款', 'Refunded'), netReceived: w('净回款', 'Net received'),
  outstanding: w('应收余额', 'Outstanding'), overdue: w('逾期', 'Overdue'), count: w('回款笔数', 'Receipts'), avgDaysToPay: w('平均回款天数', 'Avg days to pay'),
};
const totalWords = w('合计', 'Total');

function column(key: string, title: Words, type: ColumnType, currency?: string): ExportColumn<ResultRow> {
  return { key, title, type, value: (r) => r[key] ?? null, ...(currency !== undefined && type === 'money' ? { currency: () => currency } : {}) };
}

const money = (key: string, title: Words, currency: string) => column(key, title, 'money', currency);
const text = (key: string, title: Words) => column(key, title, 'text');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function pivotTable(r: Json, lang: ExportLanguage): ResultTable {
  const dimensions = r.dimensions as string[];
  const measures = r.measures as string[];
  const measureType = (m: string): ColumnType => (m === 'count' ? 'integer' : m === 'avgDaysToPay' ? 'text' : 'money');
  const columns = [
    ...dimensions.map((d) => text(`d:${d}`, dimensionWords[d] ?? w(d, d))),
    ...measures.map((m) => column(`m:${m}`, measureWords[m] ?? w(m, m), measureType(m), r.currency as string)),
  ];
  const rows: ResultRow[] = (r.rows as Json[]).map((row) => Object.fromEntries([
    ...dimensions.map((d) => [`d:${d}`, (row.labels[d] ?? row.keys[d] ?? '') as string]),
    ...measures.map((m) => [`m:${m}`, (row.values[m] ?? '') as string]),
  ]));
  const totalRow: ResultRow = Object.fromEntries([
    ...dimensions.map((d, i) => [`d:${d}`, i === 0 ? totalWords[lang] : '']),
    ...measures.map((m) => [`m:${m}`, (r.totals[m] ?? '') as string]),
  ]);
  return { columns, rows: dimensions.length > 0 ? [...rows, totalRow] : [totalRow] };
}

function agingTable(r: Json, lang: ExportLanguage): ResultTable {
  const buckets = r.buckets as string[];
  const columns = [
    text('label', { customer: w('客户', 'Customer'), owner: w('负责人', 'Owner'), department: w('部门', 'Department'), none: w('全部', 'All') }[r.groupBy as string] ?? w('分组', 'Group')),
    ...buckets.map((b, i) => money(`b${i}`, b === 'not_due' ? w('未到期', 'Not due') : w(`${b} 天`, `${b} days`), r.currency)),
    money('total', totalWords, r.currency),
  ];
  const rowOf = (label: string, amounts: string[], total: string): ResultRow => ({ label, ...Object.fromEntries(amounts.map((a, i) => [`b${i}`, a])), total });
  return { columns, rows: [...(r.rows as Json[]).map((row) => rowOf(row.label, row.amounts, row.total)), rowOf(totalWords[lang], r.totals.amounts, r.totals.total)] };
}

function collectionTable(r: Json): ResultTable {
  const c = r.currency as string;
  return {
    columns: [
      text('month', w('月份', 'Month')), money('due', w('应收计划', 'Due'), c), money('received', w('回款', 'Received'), c),
      text('collectionRate', w('回款率', 'Collection rate')), text('planCompletion', w('计划完成率', 'Plan completion')), text('onTimeRate', w('按时回款率', 'On-time rate')),
      money('openingReceivable', w('期初应收', 'Opening AR'), c), money('issued', w('应收发生', 'Issued'), c), money('closingReceivable', w('期末应收', 'Closing AR'), c),
      text('dso', w('DSO', 'DSO')), text('cei', w('CEI', 'CEI')),
    ],
    rows: (r.periods as Json[]).map((p) => ({ ...p })),
  };
}

function forecastTable(r: Json): ResultTable {
  const c = r.currency as string;
  return {
    columns: [column('from', w('起', 'From'), 'date'), column('to', w('止', 'To'), 'date'), money('expected', w('预计回款', 'Expected'), c)],
    rows: [...(r.weeks as Json[]).map((x) => ({ from: x.from, to: x.to, expected: x.expected })), { from: null, to: null, expected: r.beyond }],
  };
}

function refundsTable(r: Json, lang: ExportLanguage): ResultTable {
  const c = r.currency as string;
  const cols = [
    text('label', { reason: w('原因', 'Reason'), channel: w('渠道', 'Channel'), customer: w('客户', 'Customer') }[r.groupBy as string] ?? w('分组', 'Group')),
    column('paidCount', w('已付笔数', 'Paid'), 'integer'), money('paid', w('已付金额', 'Paid amount'), c),
    column('pendingCount', w('待付笔数', 'Pending'), 'integer'), money('pending', w('待付金额', 'Pending amount'), c), text('refundRate', w('退款率', 'Refund rate')),
  ];
  return { columns: cols, rows: [...(r.rows as Json[]).map((x) => ({ ...x })), { label: totalWords[lang], ...r.totals }] };
}

function unallocatedTable(r: Json): ResultTable {
  return {
    columns: [
      text('receiptNumber', w('收款编号', 'Receipt')), text('customerName', w('客户', 'Customer')), column('receivedOn', w('收款日期', 'Received'), 'date'),
      column('ageDays', w('天数', 'Age (days)'), 'integer'), text('receiptCurrency', w('币种', 'Currency')),
      { ...money('unallocated', w('未分配', 'Unallocated'), ''), currency: (row) => String(row.receiptCurrency) },
      money('unallocatedBase', w('未分配（报表币种）', 'Unallocated (report currency)'), r.currency),
    ],
    rows: (r.rows as Json[]).map((x) => ({ ...x })),
  };
}

function reconciliationTable(r: Json): ResultTable {
  return {
    columns: [
      text('account', w('账户', 'Account')), text('currency', w('币种', 'Currency')), column('periodFrom', w('起', 'From'), 'date'), column('periodTo', w('止', 'To'), 'date'),
      column('lines', w('流水行数', 'Lines'), 'integer'), column('matched', w('已匹配', 'Matched'), 'integer'), column('ignored', w('已忽略', 'Ignored'), 'integer'),
      column('unmatched', w('未匹配', 'Unmatched'), 'integer'), { ...money('unmatchedAmount', w('未匹配金额', 'Unmatched amount'), ''), currency: (row) => String(row.currency) },
    ],
    rows: (r.statements as Json[]).map((x) => ({ ...x })),
  };
}

const tables: Record<ReportKind, (result: Json, lang: ExportLanguage) => ResultTable> = {
  pivot: pivotTable, aging: agingTable, collection: collectionTable, forecast: forecastTable,
  refunds: refundsTable, unallocated: unallocatedTable, reconciliation: reconciliationTable,
};

/** The table of a report result; `language` words the totals row (the column titles carry both languages). */
export function resultTable(kind: ReportKind, result: unknown, language: ExportLanguage): ResultTable {
  return tables[kind](result as Json, language);
}

/** A report's name, for an exported file's name and its PDF heading (the words of the Reports page's tabs). */
export const reportTitles: Record<ReportKind, Words> = {
  pivot: w('透视分析', 'Pivot'), aging: w('账龄分析', 'AR aging'), collection: w('回款率', 'Collection rate'), forecast: w('回款预测', 'Collection forecast'),
  refunds: w('退款分析', 'Refunds'), unallocated: w('未分配回款', 'Unallocated receipts'), reconciliation: w('对账状态', 'Reconciliation status'),
};

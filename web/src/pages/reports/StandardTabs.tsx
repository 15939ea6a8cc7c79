import { Card, Col, DatePicker, Descriptions, Form, Input, Radio, Row, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { agingGroupings, reportsApi, type AgingResult, type CollectionPeriod, type CollectionResult, type ForecastResult } from '../../api/reports';
import { EChart } from '../../shared/EChart';
import { formatMoney } from '../../shared/money';
import { agingColor, compactNumber, monthLabel, plotted } from './charts';
import { CurrencySelect, RangeField, ReportActions, ReportFrame, chartTableOf, useNumbers, useReport, type ReportTable } from './common';
import { queryOf, type ViewOf } from './params';

/** Tables keep a plain look: sticky header, amounts right-aligned in tabular digits. */
export const amountStyle = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;
/** Charts draw the largest rows; the table under them has all of them. */
const chartRowsMax = 20;

export function Toolbar({ children, actions }: { children: ReactNode; actions: ReactNode }) {
  return (
    <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} align="end">
      <Form layout="inline" component="div" style={{ rowGap: 8 }}>{children}</Form>
      {actions}
    </Space>
  );
}

// ---------------------------------------------------------------- aging

const bucketsPattern = /^\d+(,\d+)*$/;
const increasing = (text: string) => bucketsPattern.test(text) && text.split(',').map(Number).every((n, i, all) => n > 0 && (i === 0 || n > all[i - 1]!));

/** 账龄: unpaid instalments by bucket per customer, owner or department; stacked bars, a heatmap and the table. */
export function AgingTab({ view, onChange }: { view: ViewOf<'aging'>; onChange: (view: ViewOf<'aging'>) => void }) {
  const { t, i18n } = useTranslation('reports');
  const loaded = useReport((signal) => reportsApi.aging(view.params, signal), JSON.stringify(view.params));
  const [buckets, setBuckets] = useState(view.params.buckets ?? '30,60,90');
  const [bucketsFor, setBucketsFor] = useState(view.params.buckets);
  if (bucketsFor !== view.params.buckets) {
    // A new URL (back/forward, a template): the field shows its buckets.
    setBucketsFor(view.params.buckets);
    setBuckets(view.params.buckets ?? '30,60,90');
  }
  const bucketsOk = increasing(buckets);
  const set = (params: Partial<ViewOf<'aging'>['params']>) => onChange({ ...view, params: { ...view.params, ...params } });
  const applyBuckets = () => bucketsOk && buckets !== view.params.buckets && set({ buckets });
  const data = loaded.data;
  const bucketName = (label: string) => (label === 'not_due' ? t('aging.notDue') : t('aging.days', { label }));
  const table = useMemo<ReportTable | null>(() => data && ({
    title: t('tab.aging'),
    columns: [{ title: t(`aging.row.${data.groupBy}`, { defaultValue: data.groupBy }) }, ...data.buckets.map((b) => ({ title: bucketName(b), kind: 'amount' as const, currency: data.currency })), { title: t('total'), kind: 'amount' as const, currency: data.currency }],
    rows: [...data.rows.map((r) => [r.label || t('none'), ...r.amounts, r.total]), [t('total'), ...data.totals.amounts, data.totals.total]],
  }), [data, t, i18n.language]);

  return (
    <>
      <Toolbar actions={<ReportActions table={table} source={{ kind: 'aging', query: view.params }} onRefresh={loaded.reload} loading={loaded.loading} />}>
        <Form.Item label={t('field.currency')}><CurrencySelect value={view.params.currency} onChange={(currency) => set({ currency })} /></Form.Item>
        <Form.Item label={t('aging.buckets')} validateStatus={bucketsOk ? undefined : 'error'} help={bucketsOk ? undefined : t('aging.badBuckets')}>
          <Input aria-label={t('aging.buckets')} title={t('aging.bucketsHint')} value={buckets} onChange={(e) => setBuckets(e.target.value.replace(/[，\s]/g, ','))} onBlur={applyBuckets} onPressEnter={applyBuckets} style={{ width: 140 }} data-testid="aging-buckets" />
        </Form.Item>
        <Form.Item label={t('aging.basis')}>
          <Radio.Group optionType="button" aria-label={t('aging.basis')} value={view.params.basis ?? 'due'} onChange={(e) => set({ basis: e.target.value as 'due' | 'order' })}
            options={[{ value: 'due', label: t('aging.basisDue') }, { value: 'order', label: t('aging.basisOrder') }]} />
        </Form.Item>
        <Form.Item label={t('aging.groupBy')}>
          <Select aria-label={t('aging.groupBy')} value={view.params.groupBy ?? 'customer'} onChange={(groupBy) => set({ groupBy })} style={{ width: 130 }} data-testid="aging-group"
            options={agingGroupings.map((g) => ({ value: g, label: t(`aging.group.${g}`) }))} />
        </Form.Item>
      </Toolbar>
      <ReportFrame testId="report-aging" loading={loaded.loading} error={loaded.error} hasData={data !== null} empty={(data?.rows.length ?? 0) === 0} onRetry={loaded.reload}>
        {data && table && <AgingResultView result={data} table={table} bucketName={bucketName} />}
      </ReportFrame>
    </>
  );
}

function AgingResultView({ result, table, bucketName }: { result: AgingResult; table: ReportTable; bucketName: (label: string) => string }) {
  const { t, i18n } = useTranslation('reports');
  const locale = i18n.language;
  const money = (amount: string) => formatMoney(amount, result.currency, locale);
  // The largest rows, largest first, so the charts show where the money is.
  const top = useMemo(() => [...result.rows].sort((a, b) => plotted(b.total) - plotted(a.total)).slice(0, chartRowsMax), [result]);
  const names = top.map((r) => r.label || t('none'));
  const buckets = result.buckets.map(bucketName);
  const stacked = useMemo(() => ({
    animationDuration: 300,
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (items: { dataIndex: number; seriesIndex: number }[]) => [names[items[0]?.dataIndex ?? 0], ...items.map((item) => `${buckets[item.seriesIndex]}: ${money(top[item.dataIndex]!.amounts[item.seriesIndex]!)}`)].join('<br/>') },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0, width: 120, overflow: 'truncate' } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, locale) } },
    series: buckets.map((name, b) => ({ type: 'bar', name, stack: 'aging', barMaxWidth: 48, itemStyle: { color: agingColor(b, buckets.length) }, data: top.map((r) => plotted(r.amounts[b]!)) })),
  }), [top, names, buckets, locale]);
  const heatmap = useMemo(() => {
    const cells = top.flatMap((r, y) => r.amounts.map((amount, x) => [x, y, plotted(amount)]));
    const max = Math.max(1, ...cells.map((c) => c[2]!));
    return {
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 8, bottom: 72, containLabel: true },
      tooltip: { formatter: (item: { data: number[] }) => `${names[item.data[1]!]} · ${buckets[item.data[0]!]}<br/>${money(top[item.data[1]!]!.amounts[item.data[0]!]!)}` },
      xAxis: { type: 'category', data: buckets, splitArea: { show: true } },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, inRange: { color: ['#f6ffed', '#ffe58f', '#fa8c16', '#a8071a'] }, formatter: (v: number) => compactNumber(v, locale) },
      series: [{ type: 'heatmap', name: t('aging.heatmap'), data: cells, label: { show: top.length <= 12 && buckets.length <= 8, formatter: (item: { data: number[] }) => (item.data[2] ? compactNumber(item.data[2], locale) : '') } }],
    };
  }, [top, names, buckets, locale, t]);
  const a11y = chartTableOf(table, (cell, column) => (column.kind === 'amount' && typeof cell === 'string' ? money(cell) : String(cell ?? '')));
  const linkOf = (key: string | null) => (key && result.groupBy === 'customer' ? `/customers/${key}` : null);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('asOf', { date: result.asOf })} · {t('aging.note')}</Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}><Card size="small" title={t('aging.stacked')}><EChart testId="aging-stacked" option={stacked} label={t('aging.stacked')} table={a11y} height={320} /></Card></Col>
        <Col xs={24} xl={12}><Card size="small" title={t('aging.heatmap')}><EChart testId="aging-heatmap" option={heatmap} label={t('aging.heatmap')} table={a11y} height={Math.max(240, 60 + top.length * 26)} /></Card></Col>
      </Row>
      <Table<AgingResult['rows'][number]>
        size="small" sticky bordered data-testid="aging-table" rowKey={(r) => r.key ?? ''} dataSource={result.rows} scroll={{ x: 'max-content' }}
        pagination={result.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        columns={[
          { key: 'label', title: t(`aging.row.${result.groupBy}`, { defaultValue: result.groupBy }), sorter: (a, b) => a.label.localeCompare(b.label), render: (_, r) => { const to = linkOf(r.key); return to ? <Link to={to}>{r.label}</Link> : r.label || t('none'); } },
          ...result.buckets.map((b, i) => ({ key: b, title: bucketName(b), align: 'right' as const, sorter: (x: AgingResult['rows'][number], y: AgingResult['rows'][number]) => plotted(x.amounts[i]!) - plotted(y.amounts[i]!), render: (_: unknown, r: AgingResult['rows'][number]) => <span style={amountStyle}>{money(r.amounts[i]!)}</span> })),
          { key: 'total', title: t('total'), align: 'right', defaultSortOrder: 'descend', sorter: (a, b) => plotted(a.total) - plotted(b.total), render: (_, r) => <strong style={amountStyle}>{money(r.total)}</strong> },
        ]}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}><strong>{t('total')}</strong></Table.Summary.Cell>
              {result.totals.amounts.map((amount, i) => <Table.Summary.Cell key={i} index={i + 1} align="right"><strong style={amountStyle}>{money(amount)}</strong></Table.Summary.Cell>)}
              <Table.Summary.Cell index={result.buckets.length + 1} align="right"><strong style={amountStyle} data-testid="aging-total">{money(result.totals.total)}</strong></Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Space>
  );
}

// ---------------------------------------------------------------- collection

/** 回款率: per month, due against received, with 回款率, on-time rate, plan completion, DSO and CEI. */
export function CollectionTab({ view, today, onChange }: { view: ViewOf<'collection'>; today: string; onChange: (view: ViewOf<'collection'>) => void }) {
  const { t } = useTranslation('reports');
  const numbers = useNumbers();
  const query = queryOf(view, today);
  const loaded = useReport((signal) => reportsApi.collection(query, signal), JSON.stringify(query));
  const data = loaded.data;
  const table = useMemo<ReportTable | null>(() => data && ({
    title: t('tab.collection'),
    columns: [
      { title: t('collection.month') },
      ...(['due', 'received'] as const).map((k) => ({ title: t(`collection.${k}`), kind: 'amount' as const, currency: data.currency })),
      ...(['collectionRate', 'planCompletion', 'onTimeRate', 'dso', 'cei'] as const).map((k) => ({ title: t(`collection.${k}`) })),
      ...(['openingReceivable', 'issued', 'closingReceivable', 'closingCurrent'] as const).map((k) => ({ title: t(`collection.${k}`), kind: 'amount' as const, currency: data.currency })),
    ],
    rows: data.periods.map((p) => [p.month, p.due, p.received, p.collectionRate, p.planCompletion, p.onTimeRate, p.dso, p.cei, p.openingReceivable, p.issued, p.closingReceivable, p.closingCurrent]),
  }), [data, t]);
  return (
    <>
      <Toolbar actions={<ReportActions table={table} source={{ kind: 'collection', query }} onRefresh={loaded.reload} loading={loaded.loading} />}>
        <Form.Item label={t('field.range')}><RangeField value={view.range} today={today} onChange={(range) => onChange({ ...view, range })} /></Form.Item>
        <Form.Item label={t('field.currency')}><CurrencySelect value={view.params.currency} onChange={(currency) => onChange({ ...view, params: { ...view.params, currency } })} /></Form.Item>
      </Toolbar>
      <ReportFrame testId="report-collection" loading={loaded.loading} error={loaded.error} hasData={data !== null} empty={(data?.periods.length ?? 0) === 0} onRetry={loaded.reload}>
        {data && table && <CollectionResultView result={data} table={table} numbers={numbers} />}
      </ReportFrame>
    </>
  );
}

function CollectionResultView({ result, table, numbers }: { result: CollectionResult; table: ReportTable; numbers: ReturnType<typeof useNumbers> }) {
  const { t, i18n } = useTranslation('reports');
  const locale = i18n.language;
  const money = (amount: string) => formatMoney(amount, result.currency, locale);
  const months = result.periods.map((p) => monthLabel(p.month, locale));
  const percentOf = (ratio: string | null) => (ratio === null ? null : Number(ratio) * 100);
  const amounts = useMemo(() => ({
    animationDuration: 300,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (items: { dataIndex: number }[]) => { const p = result.periods[items[0]?.dataIndex ?? 0]!; return `${months[items[0]?.dataIndex ?? 0]}<br/>${t('collection.due')}: ${money(p.due)}<br/>${t('collection.received')}: ${money(p.received)}<br/>${t('collection.collectionRate')}: ${numbers.percent(p.collectionRate)}`; } },
    xAxis: { type: 'category', data: months },
    yAxis: [{ type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, locale) } }, { type: 'value', axisLabel: { formatter: '{value}%' }, splitLine: { show: false } }],
    series: [
      { type: 'bar', name: t('collection.due'), color: '#fa8c16', barMaxWidth: 24, data: result.periods.map((p) => plotted(p.due)) },
      { type: 'bar', name: t('collection.received'), color: '#1677ff', barMaxWidth: 24, data: result.periods.map((p) => plotted(p.received)) },
      { type: 'line', name: t('collection.collectionRate'), color: '#52c41a', yAxisIndex: 1, data: result.periods.map((p) => percentOf(p.collectionRate)) },
    ],
  }), [result, months, locale, t]);
  const rates = useMemo(() => ({
    animationDuration: 300,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: months },
    yAxis: [{ type: 'value', axisLabel: { formatter: '{value}%' } }, { type: 'value', name: t('collection.dso'), splitLine: { show: false } }],
    series: [
      { type: 'line', name: t('collection.onTimeRate'), color: '#13c2c2', data: result.periods.map((p) => percentOf(p.onTimeRate)) },
      { type: 'line', name: t('collection.cei'), color: '#722ed1', data: result.periods.map((p) => (p.cei === null ? null : Number(p.cei))) },
      { type: 'bar', name: t('collection.dso'), color: '#d9d9d9', yAxisIndex: 1, barMaxWidth: 20, data: result.periods.map((p) => (p.dso === null ? null : Number(p.dso))) },
    ],
  }), [result, months, t]);
  const a11y = chartTableOf(table, (cell, column) => (column.kind === 'amount' && typeof cell === 'string' ? money(cell) : String(cell ?? '—')));
  const amount = (key: keyof CollectionPeriod) => ({ key, title: t(`collection.${key}`), align: 'right' as const, render: (_: unknown, p: CollectionPeriod) => <span style={amountStyle}>{money(p[key] as string)}</span> });
  const ratio = (key: 'collectionRate' | 'planCompletion' | 'onTimeRate') => ({ key, title: t(`collection.${key}`), align: 'right' as const, render: (_: unknown, p: CollectionPeriod) => numbers.percent(p[key]) });
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}><Card size="small" title={t('collection.chart')}><EChart testId="collection-chart" option={amounts} label={t('collection.chart')} table={a11y} height={300} /></Card></Col>
        <Col xs={24} xl={10}><Card size="small" title={t('collection.rates')}><EChart testId="collection-rates" option={rates} label={t('collection.rates')} table={a11y} height={300} /></Card></Col>
      </Row>
      <Table<CollectionPeriod>
        size="small" sticky bordered data-testid="collection-table" rowKey="month" dataSource={result.periods} pagination={false} scroll={{ x: 'max-content' }}
        columns={[
          { key: 'month', title: t('collection.month'), render: (_, p) => monthLabel(p.month, locale) },
          amount('due'), amount('received'), ratio('collectionRate'), ratio('planCompletion'), ratio('onTimeRate'),
          { key: 'dso', title: t('collection.dso'), align: 'right', render: (_, p) => numbers.decimal(p.dso) },
          { key: 'cei', title: t('collection.cei'), align: 'right', render: (_, p) => (p.cei === null ? '—' : `${numbers.decimal(p.cei)}%`) },
          amount('openingReceivable'), amount('issued'), amount('closingReceivable'), amount('closingCurrent'),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}><strong>{t('collection.method')}</strong> {result.method}</Typography.Paragraph>
    </Space>
  );
}

// ---------------------------------------------------------------- forecast

/** 回款预测: expected cash-in per week for 13 weeks, the method in words, and the backtest with its WAPE. */
export function ForecastTab({ view, today, onChange }: { view: ViewOf<'forecast'>; today: string; onChange: (view: ViewOf<'forecast'>) => void }) {
  const { t } = useTranslation('reports');
  const loaded = useReport((signal) => reportsApi.forecast(view.params, signal), JSON.stringify(view.params));
  const data = loaded.data;
  const set = (params: Partial<ViewOf<'forecast'>['params']>) => onChange({ ...view, params: { ...view.params, ...params } });
  const table = useMemo<ReportTable | null>(() => data && ({
    title: t('tab.forecast'),
    columns: [
      { title: t('field.from'), kind: 'date' }, { title: t('field.to'), kind: 'date' }, { title: t('forecast.expected'), kind: 'amount', currency: data.currency },
      { title: `${t('forecast.backtestAsOf')} · ${t('field.from')}`, kind: 'date' }, { title: `${t('forecast.backtestAsOf')} · ${t('field.to')}`, kind: 'date' },
      { title: `${t('forecast.backtestAsOf')} · ${t('forecast.expected')}`, kind: 'amount', currency: data.currency }, { title: `${t('forecast.backtestAsOf')} · ${t('forecast.actual')}`, kind: 'amount', currency: data.currency },
    ],
    rows: data.weeks.map((w, i) => {
      const b = data.backtest.weeks[i];
      return [w.from, w.to, w.expected, b?.from ?? null, b?.to ?? null, b?.expected ?? null, b?.actual ?? null];
    }),
  }), [data, t]);
  return (
    <>
      <Toolbar actions={<ReportActions table={table} source={{ kind: 'forecast', query: view.params }} onRefresh={loaded.reload} loading={loaded.loading} />}>
        <Form.Item label={t('field.currency')}><CurrencySelect value={view.params.currency} onChange={(currency) => set({ currency })} /></Form.Item>
        <Form.Item label={t('forecast.backtestAsOf')}>
          <DatePicker aria-label={t('forecast.backtestAsOf')} value={view.params.backtestAsOf ? dayjs(view.params.backtestAsOf) : null} allowClear
            disabledDate={(d) => d.format('YYYY-MM-DD') >= today} onChange={(d) => set({ backtestAsOf: d ? d.format('YYYY-MM-DD') : undefined })} />
        </Form.Item>
      </Toolbar>
      <ReportFrame testId="report-forecast" loading={loaded.loading} error={loaded.error} hasData={data !== null} empty={false} onRetry={loaded.reload}>
        {data && table && <ForecastResultView result={data} table={table} />}
      </ReportFrame>
    </>
  );
}

function ForecastResultView({ result, table }: { result: ForecastResult; table: ReportTable }) {
  const { t, i18n } = useTranslation('reports');
  const numbers = useNumbers();
  const locale = i18n.language;
  const money = (amount: string) => formatMoney(amount, result.currency, locale);
  const weekName = (w: { from: string }) => w.from.slice(5);
  const a11y = chartTableOf(table, (cell, column) => (column.kind === 'amount' && typeof cell === 'string' ? money(cell) : String(cell ?? '—')));
  const ahead = useMemo(() => ({
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (items: { dataIndex: number }[]) => { const w = result.weeks[items[0]?.dataIndex ?? 0]!; return `${w.from} – ${w.to}<br/>${t('forecast.expected')}: ${money(w.expected)}`; } },
    xAxis: { type: 'category', data: result.weeks.map(weekName) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, locale) } },
    series: [{ type: 'bar', name: t('forecast.expected'), color: '#1677ff', barMaxWidth: 32, data: result.weeks.map((w) => plotted(w.expected)) }],
  }), [result, locale, t]);
  const back = useMemo(() => ({
    animationDuration: 300,
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (items: { dataIndex: number }[]) => { const w = result.backtest.weeks[items[0]?.dataIndex ?? 0]!; return `${w.from} – ${w.to}<br/>${t('forecast.expected')}: ${money(w.expected)}<br/>${t('forecast.actual')}: ${money(w.actual)}`; } },
    xAxis: { type: 'category', data: result.backtest.weeks.map(weekName) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, locale) } },
    series: [
      { type: 'bar', name: t('forecast.expected'), color: '#91caff', barMaxWidth: 24, data: result.backtest.weeks.map((w) => plotted(w.expected)) },
      { type: 'bar', name: t('forecast.actual'), color: '#52c41a', barMaxWidth: 24, data: result.backtest.weeks.map((w) => plotted(w.actual)) },
    ],
  }), [result, locale, t]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          { key: 'asOf', label: t('forecast.asOf'), children: result.asOf },
          { key: 'open', label: t('forecast.open'), children: <span style={amountStyle}>{money(result.open)}</span> },
          { key: 'beyond', label: t('forecast.beyond'), children: <span style={amountStyle}>{money(result.beyond)}</span> },
          { key: 'wape', label: t('forecast.wape'), children: <span data-testid="forecast-wape">{result.backtest.wape === null ? t('forecast.wapeNone') : numbers.percent(result.backtest.wape)}</span> },
        ]} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}><Card size="small" title={t('forecast.chart')}><EChart testId="forecast-chart" option={ahead} label={t('forecast.chart')} table={a11y} height={300} /></Card></Col>
        <Col xs={24} xl={12}><Card size="small" title={t('forecast.backtest', { date: result.backtest.asOf })}><EChart testId="forecast-backtest" option={back} label={t('forecast.backtest', { date: result.backtest.asOf })} table={a11y} height={300} /></Card></Col>
      </Row>
      <Table<ForecastResult['weeks'][number]>
        size="small" sticky bordered rowKey="from" dataSource={result.weeks} pagination={false} data-testid="forecast-table"
        columns={[
          { key: 'week', title: t('forecast.week'), render: (_, w) => `${w.from} – ${w.to}` },
          { key: 'expected', title: t('forecast.expected'), align: 'right', render: (_, w) => <span style={amountStyle}>{money(w.expected)}</span> },
        ]}
      />
      <Typography.Paragraph type="secondary">{t('forecast.history', { own: result.customersOwnHistory, tenant: result.customersTenantHistory })}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }} data-testid="forecast-method"><strong>{t('forecast.method')}</strong> {result.method}</Typography.Paragraph>
    </Space>
  );
}

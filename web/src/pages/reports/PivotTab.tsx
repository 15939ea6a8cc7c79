import { PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Form, Radio, Row, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { pivotDimensions, pivotMeasures, reportsApi, type PivotResult, type PivotRow } from '../../api/reports';
import { receiptChannels } from '../../api/receipts';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { EChart, type ChartClick } from '../../shared/EChart';
import { formatMoney } from '../../shared/money';
import { useDirectory } from '../customers/directory';
import { compactNumber, monthLabel, seriesColors } from './charts';
import { CurrencySelect, RangeField, ReportActions, ReportFrame, chartTableOf, useNumbers, useReport, type ReportTable } from './common';
import { chartFor, isTimeDimension, pivotCharts, pivotDimensionProblem, pivotRequestOf, searchFromView, type PivotChart, type ViewOf } from './params';
import { compareValues, drillOfRows, isMoneyMeasure, othersKey, pivotChartModel } from './pivotModel';

type PivotView = ViewOf<'pivot'>;
const isZeroValue = (value: string | undefined) => value === undefined || value === '' || /^-?0*(\.0*)?$/.test(value);
const nil = '00000000-0000-0000-0000-000000000000';

/** 透视分析: the builder (dimensions, measures, range, currency, filters), then the chart and the table of the run. */
export function PivotTab({ view, today, onChange }: { view: PivotView; today: string; onChange: (view: PivotView) => void }) {
  const [draft, setDraft] = useState(view);
  const viewKey = searchFromView(view).toString();
  // A new URL (a link, a template, back/forward) replaces what was being edited.
  useEffect(() => setDraft(view), [viewKey]);
  const request = pivotRequestOf(view, today);
  const loaded = useReport(() => reportsApi.pivot(request), JSON.stringify(request));
  const stale = searchFromView(draft).toString() !== viewKey;

  const run = () => {
    // The same view again is a fresh run (the URL does not change, so nothing else would ask).
    if (stale) onChange(draft);
    else loaded.reload();
  };
  const [table, setTable] = useState<ReportTable | null>(null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PivotForm draft={draft} onDraft={setDraft} today={today} onRun={run} stale={stale} />
      <ReportFrame testId="report-pivot" loading={loaded.loading} error={loaded.error} hasData={loaded.data !== null} empty={(loaded.data?.rows.length ?? 0) === 0} onRetry={loaded.reload}>
        {loaded.data && (
          <PivotResultView result={loaded.data} chart={view.chart} onChart={(chart) => onChange({ ...view, chart })} onTable={setTable}
            actions={<ReportActions table={table} source={{ kind: 'pivot', body: request }} onRefresh={loaded.reload} loading={loaded.loading} />} />
        )}
      </ReportFrame>
    </Space>
  );
}

function PivotForm({ draft, onDraft, today, onRun, stale }: { draft: PivotView; onDraft: (view: PivotView) => void; today: string; onRun: () => void; stale: boolean }) {
  const { t } = useTranslation('reports');
  const { users, departments } = useDirectory();
  const problem = pivotDimensionProblem(draft.params.dimensions);
  const noMeasure = draft.params.measures.length === 0;
  const set = (params: Partial<PivotView['params']>) => onDraft({ ...draft, params: { ...draft.params, ...params } });
  const setFilter = (key: keyof PivotView['params']['filters'], values: string[]) => {
    const filters = { ...draft.params.filters };
    if (values.length > 0) filters[key] = values;
    else delete filters[key];
    set({ filters });
  };
  const f = draft.params.filters;
  return (
    <Form layout="vertical" component="div" data-testid="pivot-form">
      <Row gutter={16}>
        <Col xs={24} lg={8}>
          <Form.Item label={t('field.dimensions')} validateStatus={problem ? 'error' : undefined} help={problem ? t(`problem.${problem}`) : undefined} required>
            <Select mode="multiple" aria-label={t('field.dimensions')} value={draft.params.dimensions} data-testid="pivot-dimensions" showSearch={{ optionFilterProp: 'label' }}
              onChange={(dimensions) => set({ dimensions })}
              options={pivotDimensions.map((d) => ({ value: d, label: t(`dimension.${d}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item label={t('field.measures')} validateStatus={noMeasure ? 'error' : undefined} help={noMeasure ? t('problem.noMeasure') : undefined} required>
            <Select mode="multiple" aria-label={t('field.measures')} value={draft.params.measures} data-testid="pivot-measures" showSearch={{ optionFilterProp: 'label' }}
              onChange={(measures) => set({ measures })}
              options={pivotMeasures.map((m) => ({ value: m, label: t(`measure.${m}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item label={t('field.currency')}>
            <CurrencySelect all value={draft.params.currency} onChange={(currency) => set({ currency })} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={10}>
          <Form.Item label={t('field.range')}>
            <RangeField value={draft.range} today={today} onChange={(range) => onDraft({ ...draft, range })} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={7}>
          <Form.Item label={t('field.customers')}>
            <CustomerSelect mode="multiple" allowClear aria-label={t('field.customers')} placeholder={t('field.customers')} value={f.customerIds ?? []} onChange={(ids) => setFilter('customerIds', ids)} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={7}>
          <Form.Item label={t('field.tags')}>
            <Select mode="tags" aria-label={t('field.tags')} value={f.customerTags ?? []} onChange={(tags: string[]) => setFilter('customerTags', tags)} tokenSeparators={[',', '，']} open={false} suffixIcon={null} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item label={t('field.owners')}>
            <Select mode="multiple" allowClear aria-label={t('field.owners')} value={f.ownerIds ?? []} onChange={(ids: string[]) => setFilter('ownerIds', ids)} showSearch={{ optionFilterProp: 'label' }}
              options={users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` }))} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item label={t('field.departments')}>
            <Select mode="multiple" allowClear aria-label={t('field.departments')} value={f.departmentIds ?? []} onChange={(ids: string[]) => setFilter('departmentIds', ids)} showSearch={{ optionFilterProp: 'label' }}
              options={departments.map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }))} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={8}>
          <Form.Item label={t('field.channels')}>
            <Select mode="multiple" allowClear aria-label={t('field.channels')} value={f.channels ?? []} showSearch={{ optionFilterProp: 'label' }} onChange={(channels: string[]) => setFilter('channels', channels)}
              options={receiptChannels.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Space wrap>
        <Button type="primary" icon={<PlayCircleOutlined />} onClick={onRun} disabled={problem !== null || noMeasure} data-testid="pivot-run">{t('run')}</Button>
        {stale && <Typography.Text type="warning">{t('pivot.stale')}</Typography.Text>}
      </Space>
    </Form>
  );
}

/** A row's value of a dimension as people read it: names for ids, months in the user's language, "(none)". */
export function useKeyLabel() {
  const { t, i18n } = useTranslation('reports');
  const locale = i18n.language;
  // Stable while the language is: the table and the chart model are memoised on it.
  return useCallback((dimension: string, row: PivotRow): string => {
    const label = row.labels[dimension];
    if (label) return label;
    const key = row.keys[dimension] ?? '';
    if (key === '' || key === nil) return t('none');
    switch (dimension) {
      case 'month': return monthLabel(key, locale);
      case 'channel': return t(`common:channel.${key}`, { defaultValue: key });
      case 'kind': return t(`entrySource.${key}`, { defaultValue: key });
      default: return key;
    }
  }, [t, locale]);
}

function PivotResultView({ result, chart, onChart, onTable, actions }: { result: PivotResult; chart: PivotChart; onChart: (chart: PivotChart) => void; onTable: (table: ReportTable) => void; actions: React.ReactNode }) {
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const label = useKeyLabel();
  const numbers = useNumbers();
  const [chartMeasure, setChartMeasure] = useState(result.measures[0] ?? 'received');
  // Rows where every measure asked is zero (a month with only an order, when receipts are asked) are noise by default.
  const [hideZero, setHideZero] = useState(true);
  const rows = useMemo(() => (hideZero ? result.rows.filter((row) => result.measures.some((m) => !isZeroValue(row.values[m]))) : result.rows), [result, hideZero]);
  const shown = useMemo(() => ({ ...result, rows }), [result, rows]);
  const measure = result.measures.includes(chartMeasure) ? chartMeasure : result.measures[0]!;
  const hasTime = result.dimensions.some(isTimeDimension);
  const shownChart = chartFor(chart, result.dimensions);
  const show = (m: string, value: string | undefined) => (value === undefined ? '—' : isMoneyMeasure(m) ? formatMoney(value, result.currency) : m === 'count' ? numbers.integer(value) : numbers.decimal(value));
  const drillTo = (drill: Record<string, string> | null) => drill && `/receipts?${new URLSearchParams(drill).toString()}`;

  const table = useMemo<ReportTable>(() => ({
    title: t('tab.pivot'),
    columns: [
      ...result.dimensions.map((d) => ({ title: t(`dimension.${d}`) })),
      ...result.measures.map((m) => ({ title: t(`measure.${m}`), kind: isMoneyMeasure(m) ? ('amount' as const) : ('text' as const), currency: isMoneyMeasure(m) ? result.currency : undefined })),
    ],
    rows: [
      ...rows.map((row) => [...result.dimensions.map((d) => label(d, row)), ...result.measures.map((m) => row.values[m] ?? null)]),
      [t('total'), ...result.dimensions.slice(1).map(() => ''), ...result.measures.map((m) => result.totals[m] ?? null)],
    ],
  }), [result, rows, t, label]);
  useEffect(() => onTable(table), [table, onTable]);

  const columns: ColumnsType<PivotRow> = [
    ...result.dimensions.map((d, i) => ({
      key: `d:${d}`, title: t(`dimension.${d}`),
      sorter: (a: PivotRow, b: PivotRow) => label(d, a).localeCompare(label(d, b)),
      // The first cell is a link, so the drill-down is also there for the keyboard.
      render: (_: unknown, row: PivotRow) => (i === 0 ? <Link to={drillTo(row.drill)!} onClick={(e) => e.stopPropagation()}>{label(d, row)}</Link> : label(d, row)),
    })),
    ...result.measures.map((m) => ({
      key: `m:${m}`, title: t(`measure.${m}`), align: 'right' as const,
      sorter: (a: PivotRow, b: PivotRow) => compareValues(a.values[m], b.values[m], m, result.currency),
      render: (_: unknown, row: PivotRow) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{show(m, row.values[m])}</span>,
    })),
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space wrap>
          <Radio.Group value={shownChart} onChange={(e) => onChart(e.target.value as PivotChart)} optionType="button" aria-label={t('field.chart')} data-testid="pivot-chart-kind"
            options={pivotCharts.map((c) => ({
              value: c, disabled: c === 'line' && !hasTime,
              label: c === 'line' && !hasTime ? <Tooltip title={t('problem.lineNeedsTime')}>{t(`chart.${c}`)}</Tooltip> : t(`chart.${c}`),
            }))} />
          {shownChart !== 'table' && result.measures.length > 1 && (
            <Select aria-label={t('field.chartMeasure')} value={measure} onChange={setChartMeasure} style={{ minWidth: 140 }}
              options={result.measures.map((m) => ({ value: m, label: t(`measure.${m}`) }))} />
          )}
        </Space>
        {actions}
      </Space>
      {chart === 'line' && !hasTime && <Alert type="info" showIcon title={t('problem.lineNeedsTime')} />}
      {result.rates.length > 0 && (
        <Typography.Text type="secondary">{t('pivot.rates', { date: result.to, rates: result.rates.map((r) => `1 ${r.currency} = ${r.rate} ${result.currency}`).join('；') })}</Typography.Text>
      )}
      {shownChart !== 'table' && (
        <Card size="small">
          <PivotChartView result={shown} chart={shownChart} measure={measure} table={table} onDrill={(drill) => drill && navigate(drillTo(drill)!)} />
        </Card>
      )}
      <Space wrap>
        <Typography.Text type="secondary">{t('pivot.drillHint')} · {t('pivot.rows', { count: rows.length })}</Typography.Text>
        <Checkbox checked={hideZero} onChange={(e) => setHideZero(e.target.checked)}>{t('pivot.hideZero')}</Checkbox>
      </Space>
      <Table<PivotRow>
        size="small" sticky bordered data-testid="pivot-table"
        rowKey={(row) => JSON.stringify(row.keys)}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        onRow={(row) => ({ onClick: () => navigate(drillTo(row.drill)!), style: { cursor: 'pointer' } })}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row data-testid="pivot-total">
              {result.dimensions.length === 0 ? null : <Table.Summary.Cell index={0} colSpan={result.dimensions.length}><strong>{t('total')}</strong></Table.Summary.Cell>}
              {result.measures.map((m, i) => (
                <Table.Summary.Cell key={m} index={result.dimensions.length + i} align="right">
                  <strong style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }} data-testid={`pivot-total-${m}`}>{show(m, result.totals[m])}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Space>
  );
}

function PivotChartView({ result, chart, measure, table, onDrill }: { result: PivotResult; chart: Exclude<PivotChart, 'table'>; measure: string; table: ReportTable; onDrill: (drill: Record<string, string> | null) => void }) {
  const { t, i18n } = useTranslation('reports');
  const label = useKeyLabel();
  const numbers = useNumbers();
  // A pie has no series: its model groups by the axis dimension alone (exact sums per slice).
  const model = useMemo(() => {
    const shape = chart === 'pie' ? { ...result, dimensions: result.dimensions.filter((d) => d === (result.dimensions.find(isTimeDimension) ?? result.dimensions[0])) } : result;
    return pivotChartModel(shape, measure, label, t('pivot.others'));
  }, [result, measure, label, t, chart]);
  const money = isMoneyMeasure(measure);
  const show = (value: string | null) => (value === null ? '—' : money ? formatMoney(value, result.currency, i18n.language) : numbers.decimal(value));
  const title = t('pivot.chartTitle', { measure: t(`measure.${measure}`), currency: result.currency });
  const option = useMemo(() => {
    const names = model.categories.map((c) => c.name || t('total'));
    const tooltip = {
      trigger: chart === 'pie' ? 'item' : 'axis',
      formatter: (items: { dataIndex: number; seriesIndex: number }[] | { dataIndex: number }) => {
        if (!Array.isArray(items)) return `${names[items.dataIndex]}: ${show(model.series[0]?.cells[items.dataIndex]?.value ?? null)}`;
        const i = items[0]?.dataIndex ?? 0;
        return [names[i], ...items.map((item) => `${model.series[item.seriesIndex]?.name || title}: ${show(model.series[item.seriesIndex]?.cells[i]?.value ?? null)}`)].join('<br/>');
      },
    };
    if (chart === 'pie') {
      return {
        animationDuration: 300, tooltip, legend: { type: 'scroll', bottom: 0 }, color: seriesColors,
        series: [{ type: 'pie', radius: ['35%', '65%'], name: title, data: model.categories.map((_, i) => ({ name: names[i], value: Math.max(0, Number(model.series[0]?.cells[i]?.value ?? 0)) })) }],
      };
    }
    return {
      animationDuration: 300, tooltip, color: seriesColors,
      legend: model.seriesDimension ? { type: 'scroll', top: 0 } : undefined,
      grid: { left: 8, right: 16, top: model.seriesDimension ? 40 : 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, i18n.language) } },
      series: model.series.map((s) => ({
        type: chart, name: s.name || title, stack: chart === 'bar' && model.seriesDimension ? 'total' : undefined, barMaxWidth: 48,
        data: s.cells.map((c) => (c.value === null ? null : Number(c.value))),
      })),
    };
  }, [model, chart, i18n.language, t, title]);
  const onClick = (item: ChartClick) => {
    const series = model.series[chart === 'pie' ? 0 : (item.seriesIndex ?? 0)];
    if (series && series.key !== othersKey) onDrill(drillOfRows(series.cells[item.dataIndex]?.rows ?? []));
  };
  return <EChart testId="pivot-chart" option={option} label={title} table={chartTableOf(table, (cell) => String(cell ?? ''))} height={320} onClick={onClick} />;
}

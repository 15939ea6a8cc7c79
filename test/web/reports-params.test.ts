import { describe, expect, it } from 'vitest';
import type { PivotRow } from '../../web/src/api/reports.js';
import {
  chartFor, definitionOf, pivotDimensionProblem, pivotRequestOf, presetRange, queryOf, searchFromView, viewFromSearch, viewFromTemplate, type ReportView,
} from '../../web/src/pages/reports/params.js';
import { compareValues, drillOfRows, pivotChartModel } from '../../web/src/pages/reports/pivotModel.js';

/** The Reports page's state: URL ⇄ view ⇄ template definition ⇄ API request, and the pivot's chart model. */

const search = (text: string) => new URLSearchParams(text);

describe('range presets, relative to the tenant’s today', () => {
  it.each([
    // today 2026-05-14 (a Thursday in Q2)
    ['last_7_days', '2026-05-14', '2026-05-08', '2026-05-14'],
    ['last_30_days', '2026-05-14', '2026-04-15', '2026-05-14'],
    ['this_month', '2026-05-14', '2026-05-01', '2026-05-14'],
    ['last_month', '2026-05-14', '2026-04-01', '2026-04-30'],
    ['this_quarter', '2026-05-14', '2026-04-01', '2026-05-14'],
    ['last_quarter', '2026-05-14', '2026-01-01', '2026-03-31'],
    ['this_year', '2026-05-14', '2026-01-01', '2026-05-14'],
    ['last_12_months', '2026-05-14', '2025-06-01', '2026-05-14'],
    // across a year: January's last month is December, Q1's last quarter is Q4
    ['last_month', '2026-01-09', '2025-12-01', '2025-12-31'],
    ['last_quarter', '2026-02-28', '2025-10-01', '2025-12-31'],
    ['last_month', '2024-03-31', '2024-02-01', '2024-02-29'],
  ] as const)('%s on %s is %s … %s', (preset, today, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });
});

describe('pivot dimensions: at most three, each once, at most one time dimension', () => {
  it.each([
    [['month', 'channel'], null],
    [['month', 'customer', 'channel'], null],
    [['month', 'customer', 'channel', 'owner'], 'tooMany'],
    [['month', 'quarter'], 'twoTimes'],
    [['channel', 'channel'], 'repeated'],
    [[], null],
  ] as const)('%j → %s', (dimensions, problem) => {
    expect(pivotDimensionProblem(dimensions)).toBe(problem);
  });

  it('a line needs a time axis; without one the chart falls back to bars', () => {
    expect(chartFor('line', ['month', 'channel'])).toBe('line');
    expect(chartFor('line', ['channel'])).toBe('bar');
    expect(chartFor('pie', ['channel'])).toBe('pie');
  });
});

describe('the URL holds the view', () => {
  it('an empty URL is the pivot by month of what was received over the last 12 months, as bars', () => {
    expect(viewFromSearch(search(''))).toEqual({
      kind: 'pivot', range: { preset: 'last_12_months' }, chart: 'bar',
      params: { dimensions: ['month'], measures: ['received'], currency: undefined, filters: {} },
    });
  });

  it('round-trips every report’s parameters through the search string', () => {
    const views: ReportView[] = [
      { kind: 'pivot', range: { from: '2026-01-01', to: '2026-03-31' }, chart: 'line', params: { dimensions: ['month', 'channel'], measures: ['received', 'count'], currency: 'CNY', filters: { customerIds: ['c1', 'c2'], channels: ['alipay'], customerTags: ['vip'] } } },
      { kind: 'aging', params: { currency: 'USD', buckets: '15,45', basis: 'order', groupBy: 'owner' } },
      { kind: 'collection', range: { preset: 'this_year' }, params: { currency: 'CNY' } },
      { kind: 'forecast', params: { currency: undefined, backtestAsOf: '2026-02-01' } },
      { kind: 'refunds', range: { preset: 'last_quarter' }, params: { currency: undefined, groupBy: 'channel' } },
      { kind: 'unallocated', params: { currency: undefined, minAgeDays: 30, customerId: 'c9' } },
      { kind: 'reconciliation', range: { from: '2026-04-01', to: '2026-04-30' }, params: {} },
    ];
    for (const view of views) {
      const text = searchFromView(view).toString();
      expect(viewFromSearch(search(text)), text).toEqual(viewFromSearch(search(searchFromView(viewFromSearch(search(text))).toString())));
      expect(searchFromView(viewFromSearch(search(text))).toString()).toBe(text);
    }
    expect(searchFromView(views[0]!).toString()).toBe('tab=pivot&from=2026-01-01&to=2026-03-31&dims=month%2Cchannel&measures=received%2Ccount&currency=CNY&customers=c1%2Cc2&channels=alipay&tags=vip&chart=line');
  });

  it('a hand-edited URL cannot put an impossible pivot into the form: dimensions past the rules are dropped', () => {
    const view = viewFromSearch(search('tab=pivot&dims=month,quarter,channel,customer,owner&measures=received,bogus&chart=radar&currency=cny&from=2026-02-30&to=2026-01-01'));
    expect(view).toMatchObject({ kind: 'pivot', chart: 'bar', range: { preset: 'last_12_months' }, params: { dimensions: ['month', 'channel', 'customer'], measures: ['received'], currency: undefined } });
    expect(viewFromSearch(search('tab=aging&buckets=30;drop&groupBy=planet'))).toMatchObject({ params: { buckets: '30,60,90', groupBy: 'customer', basis: 'due' } });
    expect(viewFromSearch(search('tab=nonsense')).kind).toBe('pivot');
  });

  it('a preset wins over dates, so a bookmark of "this month" stays this month', () => {
    expect(viewFromSearch(search('tab=collection&preset=this_month&from=2020-01-01&to=2020-01-31'))).toMatchObject({ range: { preset: 'this_month' } });
  });
});

describe('requests', () => {
  it('the pivot body: dates resolved from the preset, no empty filters, no currency when all are asked', () => {
    const view = viewFromSearch(search('tab=pivot&preset=this_month&dims=month,channel&measures=received'));
    if (view.kind !== 'pivot') throw new Error('pivot expected');
    expect(pivotRequestOf(view, '2026-05-14')).toEqual({ dimensions: ['month', 'channel'], measures: ['received'], from: '2026-05-01', to: '2026-05-14' });
  });

  it('a standard report’s query carries its range as from/to', () => {
    const view = viewFromSearch(search('tab=refunds&preset=last_month&groupBy=customer'));
    if (view.kind === 'pivot') throw new Error('refunds expected');
    expect(queryOf(view, '2026-05-14')).toEqual({ groupBy: 'customer', from: '2026-04-01', to: '2026-04-30' });
  });
});

describe('templates', () => {
  it('saves the request without its dates, the range (a preset stays a preset) and the chart', () => {
    const view = viewFromSearch(search('tab=pivot&preset=last_quarter&dims=month,channel&measures=received,count&channels=alipay&chart=line'));
    expect(definitionOf(view)).toEqual({
      kind: 'pivot', chart: 'line',
      definition: { params: { dimensions: ['month', 'channel'], measures: ['received', 'count'], filters: { channels: ['alipay'] } }, range: { preset: 'last_quarter' } },
    });
    expect(definitionOf(viewFromSearch(search('tab=aging&buckets=30,60')))).toEqual({
      kind: 'aging', chart: 'heatmap', definition: { params: { buckets: '30,60', basis: 'due', groupBy: 'customer' } },
    });
  });

  it('opens into the same view it was saved from', () => {
    for (const text of [
      'tab=pivot&preset=last_quarter&dims=month%2Cchannel&measures=received%2Ccount&customers=c1&owners=u1&tags=vip&chart=pie',
      'tab=pivot&from=2026-01-01&to=2026-06-30&dims=&measures=outstanding&currency=USD&chart=table',
      'tab=aging&currency=USD&buckets=15%2C45&basis=order&groupBy=department',
      'tab=unallocated&minAgeDays=30&customer=c9',
      'tab=forecast&backtestAsOf=2026-01-05',
    ]) {
      const view = viewFromSearch(search(text));
      const saved = definitionOf(view);
      expect(searchFromView(viewFromTemplate(saved)).toString(), text).toBe(searchFromView(view).toString());
    }
  });

  it('a template saved by another client with odd params opens as the nearest valid view', () => {
    const view = viewFromTemplate({ kind: 'pivot', chart: 'heatmap', definition: { params: { dimensions: ['year', 'month', 7], measures: 'received', filters: { channels: 'cash' } } } });
    expect(view).toMatchObject({ kind: 'pivot', chart: 'bar', range: { preset: 'last_12_months' }, params: { dimensions: ['year'], measures: ['received'], filters: { channels: ['cash'] } } });
  });
});

describe('the pivot as a chart', () => {
  const row = (month: string, channel: string, customer: string, received: string): PivotRow => ({
    keys: { month, channel, customer }, labels: { customer: `客户${customer}` }, values: { received, count: '1' },
    drill: { receivedFrom: `${month}-01`, receivedTo: `${month}-28`, status: 'confirmed', channel, customer },
  });
  // month × channel × customer: the chart has months on the axis, channels stacked, customers summed.
  const rows = [
    row('2026-01', 'alipay', 'A', '100.10'),
    row('2026-01', 'alipay', 'B', '0.20'),
    row('2026-01', 'bank_transfer', 'A', '300.00'),
    row('2026-02', 'alipay', 'B', '50.00'),
  ];
  const label = (dimension: string, r: PivotRow) => r.labels[dimension] ?? r.keys[dimension]!;

  it('axis by the time dimension, series by the next, a third summed exactly (100.10 + 0.20 = 100.30, not 100.30000000000001)', () => {
    const model = pivotChartModel({ dimensions: ['channel', 'month', 'customer'], rows, currency: 'CNY' }, 'received', label, 'others');
    expect(model.categoryDimension).toBe('month');
    expect(model.seriesDimension).toBe('channel');
    expect(model.categories.map((c) => c.key)).toEqual(['2026-01', '2026-02']);
    expect(model.series.map((s) => [s.key, s.cells.map((c) => c.value)])).toEqual([
      ['alipay', ['100.30', '50.00']],
      ['bank_transfer', ['300.00', null]],
    ]);
  });

  it('a bar that sums several rows drills to what they share, dates widened', () => {
    expect(drillOfRows([rows[0]!, rows[1]!])).toEqual({ receivedFrom: '2026-01-01', receivedTo: '2026-01-28', status: 'confirmed', channel: 'alipay' });
    expect(drillOfRows([rows[0]!, rows[3]!])).toEqual({ receivedFrom: '2026-01-01', receivedTo: '2026-02-28', status: 'confirmed', channel: 'alipay' });
    expect(drillOfRows([rows[1]!, rows[2]!])).toEqual({ receivedFrom: '2026-01-01', receivedTo: '2026-01-28', status: 'confirmed' });
    expect(drillOfRows([])).toBeNull();
  });

  it('more series than a legend can hold: the largest keep their colour, the rest are one "others" series', () => {
    const many = Array.from({ length: 15 }, (_, i) => row('2026-01', 'alipay', `C${String(i).padStart(2, '0')}`, `${i + 1}.00`));
    const model = pivotChartModel({ dimensions: ['month', 'customer'], rows: many, currency: 'CNY' }, 'received', label, '其他');
    expect(model.series).toHaveLength(12);
    const others = model.series.at(-1)!;
    // C00..C03 (1 + 2 + 3 + 4) are the smallest four
    expect([others.name, others.cells[0]!.value, others.cells[0]!.rows.length]).toEqual(['其他', '10.00', 4]);
  });

  it('sorts amounts exactly and empty values last', () => {
    expect(['10.00', '9.99', '', '-1.00'].sort((a, b) => compareValues(a, b, 'received', 'CNY'))).toEqual(['-1.00', '9.99', '10.00', '']);
    expect(['10', '9'].sort((a, b) => compareValues(a, b, 'count', 'CNY'))).toEqual(['9', '10']);
  });
});

/**
 * The Reports page's state lives in the URL (so a view can be bookmarked, shared and reloaded) and in report
 * templates (so it can be saved). This module is the one translation between the three shapes — search
 * parameters, the view the page draws, and a template's definition — and the API request of each report.
 * Pure: no React, no fetch; test/web/reports-params.test.ts checks it.
 */
import { addDays } from '../../../../src/core/receivables/dates.js';
import {
  agingGroupings, chartKinds, pivotDimensions, pivotMeasures, rangePresets, refundGroupings, reportKinds, timeDimensions,
  type AgingGrouping, type AgingQuery, type ChartKind, type CollectionQuery, type ForecastQuery, type PivotDimension, type PivotFilters,
  type PivotMeasure, type PivotRequest, type RangePreset, type ReconciliationQuery, type RefundGrouping, type RefundsQuery, type ReportKind,
  type ReportRange, type ReportTemplate, type TemplateDefinition, type UnallocatedQuery,
} from '../../api/reports';

export const pivotDimensionsMax = 3;
export type PivotChart = Extract<ChartKind, 'bar' | 'line' | 'pie' | 'table'>;
export const pivotCharts: readonly PivotChart[] = ['bar', 'line', 'pie', 'table'];

export interface PivotParams {
  dimensions: PivotDimension[];
  measures: PivotMeasure[];
  currency?: string;
  filters: PivotFilters;
}

/** What the page shows: the report, its parameters without dates, and its range (for the reports that take one). */
export type ReportView =
  | { kind: 'pivot'; range: ReportRange; params: PivotParams; chart: PivotChart }
  | { kind: 'aging'; params: AgingQuery }
  | { kind: 'collection'; range: ReportRange; params: Omit<CollectionQuery, 'from' | 'to'> }
  | { kind: 'forecast'; params: ForecastQuery }
  | { kind: 'refunds'; range: ReportRange; params: Omit<RefundsQuery, 'from' | 'to'> }
  | { kind: 'unallocated'; params: UnallocatedQuery }
  | { kind: 'reconciliation'; range: ReportRange; params: Omit<ReconciliationQuery, 'from' | 'to'> };

export type ViewOf<K extends ReportKind> = Extract<ReportView, { kind: K }>;

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string | null | undefined): value is string => value != null && datePattern.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
const oneOf = <T extends string>(values: readonly T[], value: string | null | undefined): T | undefined => (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
const listOf = (value: string | null): string[] => (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
const currencyOf = (value: string | null | undefined) => (value && /^[A-Z]{3}$/.test(value) ? value : undefined);

// ---------------------------------------------------------------- ranges

const isoMonth = (year: number, month: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
function monthStart(year: number, month: number): string {
  // month may run outside 1..12 (a quarter or a year back): normalise through the calendar.
  const d = new Date(Date.UTC(year, month - 1, 1));
  return `${isoMonth(d.getUTCFullYear(), d.getUTCMonth() + 1)}-01`;
}

/**
 * A preset as dates, relative to `today` (the tenant's business date): "this …" runs to today, "last …" is the
 * whole previous period, "last N days" ends today and counts today. Scheduled templates resolve the same way
 * on the server when they run.
 */
export function presetRange(preset: RangePreset, today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarterFirst = month - ((month - 1) % 3);
  switch (preset) {
    case 'last_7_days': return { from: addDays(today, -6), to: today };
    case 'last_30_days': return { from: addDays(today, -29), to: today };
    case 'this_month': return { from: monthStart(year, month), to: today };
    case 'last_month': return { from: monthStart(year, month - 1), to: addDays(monthStart(year, month), -1) };
    case 'this_quarter': return { from: monthStart(year, quarterFirst), to: today };
    case 'last_quarter': return { from: monthStart(year, quarterFirst - 3), to: addDays(monthStart(year, quarterFirst), -1) };
    case 'this_year': return { from: `${year}-01-01`, to: today };
    case 'last_12_months': return { from: monthStart(year, month - 11), to: today };
  }
}

export function resolveRange(range: ReportRange, today: string): { from: string; to: string } {
  return 'preset' in range ? presetRange(range.preset, today) : range;
}

function rangeFrom(search: URLSearchParams, fallback: RangePreset): ReportRange {
  const preset = oneOf(rangePresets, search.get('preset'));
  if (preset) return { preset };
  const from = search.get('from');
  const to = search.get('to');
  return isDate(from) && isDate(to) && from <= to ? { from, to } : { preset: fallback };
}

// ---------------------------------------------------------------- pivot rules

export const isTimeDimension = (d: string) => (timeDimensions as readonly string[]).includes(d);

/** Why these dimensions cannot be run, or null: at most three, each once, at most one of them a time one. */
export function pivotDimensionProblem(dimensions: readonly string[]): 'tooMany' | 'twoTimes' | 'repeated' | null {
  if (dimensions.length > pivotDimensionsMax) return 'tooMany';
  if (new Set(dimensions).size !== dimensions.length) return 'repeated';
  if (dimensions.filter(isTimeDimension).length > 1) return 'twoTimes';
  return null;
}

/** A line chart needs a time axis; without one the chart falls back to bars. */
export function chartFor(chart: PivotChart, dimensions: readonly string[]): PivotChart {
  return chart === 'line' && !dimensions.some(isTimeDimension) ? 'bar' : chart;
}

// ---------------------------------------------------------------- search parameters ⇄ view

const defaults = {
  pivotRange: 'last_12_months' as RangePreset,
  collectionRange: 'last_12_months' as RangePreset,
  refundsRange: 'last_12_months' as RangePreset,
  reconciliationRange: 'last_30_days' as RangePreset,
};

const filterKeys: [keyof PivotFilters, string][] = [
  ['customerIds', 'customers'], ['ownerIds', 'owners'], ['departmentIds', 'departments'], ['productIds', 'products'],
  ['channels', 'channels'], ['currencies', 'currencies'], ['kinds', 'kinds'], ['customerTags', 'tags'],
];

function pivotFrom(search: URLSearchParams): ViewOf<'pivot'> {
  // Dimensions that break the rules are cut to what can run, rather than failing a shared link.
  const dimensions: PivotDimension[] = [];
  for (const d of listOf(search.get('dims'))) {
    const dim = oneOf(pivotDimensions, d);
    if (dim && pivotDimensionProblem([...dimensions, dim]) === null) dimensions.push(dim);
  }
  const measures = [...new Set(listOf(search.get('measures')).map((m) => oneOf(pivotMeasures, m)).filter((m): m is PivotMeasure => m !== undefined))];
  const filters: PivotFilters = {};
  for (const [key, param] of filterKeys) {
    const values = listOf(search.get(param));
    if (values.length > 0) filters[key] = values;
  }
  return {
    kind: 'pivot',
    range: rangeFrom(search, defaults.pivotRange),
    params: { dimensions: search.has('dims') ? dimensions : ['month'], measures: measures.length > 0 ? measures : ['received'], currency: currencyOf(search.get('currency')), filters },
    chart: oneOf(pivotCharts, search.get('chart')) ?? 'bar',
  };
}

/** The view a URL's search parameters describe; anything missing or unknown takes its default. */
export function viewFromSearch(search: URLSearchParams): ReportView {
  const kind = oneOf(reportKinds, search.get('tab')) ?? 'pivot';
  const currency = currencyOf(search.get('currency'));
  switch (kind) {
    case 'pivot': return pivotFrom(search);
    case 'aging': {
      const buckets = search.get('buckets');
      return {
        kind,
        params: {
          currency,
          buckets: buckets && /^\d+(,\d+)*$/.test(buckets) ? buckets : '30,60,90',
          basis: oneOf(['due', 'order'] as const, search.get('basis')) ?? 'due',
          groupBy: oneOf(agingGroupings, search.get('groupBy')) ?? 'customer',
        },
      };
    }
    case 'collection': return { kind, range: rangeFrom(search, defaults.collectionRange), params: { currency } };
    case 'forecast': {
      const backtestAsOf = search.get('backtestAsOf');
      return { kind, params: { currency, backtestAsOf: isDate(backtestAsOf) ? backtestAsOf : undefined } };
    }
    case 'refunds': return { kind, range: rangeFrom(search, defaults.refundsRange), params: { currency, groupBy: oneOf(refundGroupings, search.get('groupBy')) ?? 'reason' } };
    case 'unallocated': {
      const minAgeDays = Number(search.get('minAgeDays'));
      const customerId = search.get('customer');
      return { kind, params: { currency, minAgeDays: Number.isInteger(minAgeDays) && minAgeDays > 0 ? minAgeDays : undefined, customerId: customerId || undefined } };
    }
    case 'reconciliation': return { kind, range: rangeFrom(search, defaults.reconciliationRange), params: {} };
  }
}

/** The search parameters of a view: the tab, then only what is set, in a stable order (equal views, equal URLs). */
export function searchFromView(view: ReportView): URLSearchParams {
  const out = new URLSearchParams({ tab: view.kind });
  const set = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') out.set(key, String(value));
  };
  if ('range' in view) {
    if ('preset' in view.range) set('preset', view.range.preset);
    else {
      set('from', view.range.from);
      set('to', view.range.to);
    }
  }
  switch (view.kind) {
    case 'pivot': {
      out.set('dims', view.params.dimensions.join(','));
      set('measures', view.params.measures.join(','));
      set('currency', view.params.currency);
      for (const [key, param] of filterKeys) set(param, (view.params.filters[key] ?? []).join(','));
      set('chart', view.chart);
      break;
    }
    case 'aging': {
      set('currency', view.params.currency);
      set('buckets', view.params.buckets);
      set('basis', view.params.basis);
      set('groupBy', view.params.groupBy);
      break;
    }
    case 'forecast': {
      set('currency', view.params.currency);
      set('backtestAsOf', view.params.backtestAsOf);
      break;
    }
    case 'refunds': {
      set('currency', view.params.currency);
      set('groupBy', view.params.groupBy);
      break;
    }
    case 'unallocated': {
      set('currency', view.params.currency);
      set('minAgeDays', view.params.minAgeDays);
      set('customer', view.params.customerId);
      break;
    }
    case 'collection': set('currency', view.params.currency); break;
    case 'reconciliation': break;
  }
  return out;
}

// ---------------------------------------------------------------- view ⇄ template definition

/** The chart a template of this view records (the pivot's is the user's choice; the others draw one kind). */
export function chartOf(view: ReportView): ChartKind {
  switch (view.kind) {
    case 'pivot': return view.chart;
    case 'aging': return 'heatmap';
    case 'collection': return 'line';
    case 'forecast': return 'bar';
    case 'refunds': return 'pie';
    case 'unallocated': case 'reconciliation': return 'table';
  }
}

const withoutUndefined = (object: object): Record<string, unknown> => Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

/** What a template saves of a view: its request without dates (`params`) and its range (a preset stays a preset). */
export function definitionOf(view: ReportView): { kind: ReportKind; definition: TemplateDefinition; chart: ChartKind } {
  const params = view.kind === 'pivot'
    ? withoutUndefined({ dimensions: view.params.dimensions, measures: view.params.measures, currency: view.params.currency, filters: Object.keys(view.params.filters).length > 0 ? view.params.filters : undefined })
    : withoutUndefined(view.params);
  return { kind: view.kind, definition: { params, ...('range' in view ? { range: view.range } : {}) }, chart: chartOf(view) };
}

/**
 * The view a template describes. Its definition is read through the same checks as a URL (a template saved by
 * another client, or by an older page, cannot put anything into the page that a URL could not).
 */
export function viewFromTemplate(template: Pick<ReportTemplate, 'kind' | 'definition' | 'chart'>): ReportView {
  const search = new URLSearchParams({ tab: template.kind });
  const params = template.definition.params ?? {};
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(',') : '');
  for (const [key, value] of Object.entries(params)) {
    if (key === 'dimensions') search.set('dims', text(value));
    else if (key === 'filters' && value !== null && typeof value === 'object') {
      for (const [filter, param] of filterKeys) search.set(param, text((value as Record<string, unknown>)[filter]));
    } else if (key === 'customerId') search.set('customer', text(value));
    else search.set(key, text(value));
  }
  const range = template.definition.range;
  if (range && 'preset' in range) search.set('preset', range.preset);
  else if (range) {
    search.set('from', range.from);
    search.set('to', range.to);
  }
  if (template.kind === 'pivot' && oneOf(pivotCharts, template.chart)) search.set('chart', template.chart);
  return viewFromSearch(search);
}

export const isChartKind = (value: string): value is ChartKind => (chartKinds as readonly string[]).includes(value);

// ---------------------------------------------------------------- view → API request

export function pivotRequestOf(view: ViewOf<'pivot'>, today: string): PivotRequest {
  const { from, to } = resolveRange(view.range, today);
  const filters = Object.keys(view.params.filters).length > 0 ? view.params.filters : undefined;
  return { dimensions: view.params.dimensions, measures: view.params.measures, from, to, ...(view.params.currency ? { currency: view.params.currency } : {}), ...(filters ? { filters } : {}) };
}

/** The query of GET /reports/<kind> for a standard report (dates resolved from the range). */
export function queryOf(view: Exclude<ReportView, { kind: 'pivot' }>, today: string): Record<string, string | number | undefined> {
  const range = 'range' in view ? resolveRange(view.range, today) : {};
  return { ...withoutUndefined(view.params), ...range } as Record<string, string | number | undefined>;
}

export type { AgingGrouping, RefundGrouping };

/**
 * The pivot result as a chart: one axis (the time dimension when there is one, else the first dimension),
 * series by the next dimension (stacked bars), a third dimension summed into its cells. Sums are exact (minor
 * units as bigint); the numbers handed to ECharts only set bar heights. Pure: test/web/reports-params.test.ts.
 */
import { formatAmount, parseAmountMinor } from '../../../../src/core/money/index.js';
import type { PivotResult, PivotRow } from '../../api/reports';
import { isTimeDimension } from './params';

/** Measures that add up across rows (avgDaysToPay is an average: merged cells have no value). */
const counted = new Set(['count']);
const averaged = new Set(['avgDaysToPay']);

export interface PivotCell {
  /** Exact value as a decimal string, or null when the cell merges averages. */
  value: string | null;
  rows: PivotRow[];
}

export interface PivotSeries {
  key: string;
  name: string;
  cells: PivotCell[];
}

export interface PivotChartModel {
  categoryDimension: string | null;
  seriesDimension: string | null;
  categories: { key: string; name: string }[];
  series: PivotSeries[];
}

/** Beyond this many series the smallest are drawn together as one "others" series (a legend of 300 customers helps no one). */
export const pivotSeriesMax = 12;
export const othersKey = '\u0000others';

/** a + b exactly, for an additive measure; an empty side adds nothing. */
function add(a: string | null, b: string | undefined, measure: string, currency: string): string | null {
  if (b === undefined || b === '') return a;
  if (a === null) return b;
  if (counted.has(measure)) return (BigInt(a) + BigInt(b)).toString();
  return formatAmount(parseAmountMinor(a, currency, { allowZero: true, allowNegative: true }) + parseAmountMinor(b, currency, { allowZero: true, allowNegative: true }), currency);
}

function merge(cell: PivotCell | undefined, row: PivotRow, measure: string, currency: string): PivotCell {
  const value = row.values[measure] ?? '';
  if (!cell) return { value: value === '' ? null : value, rows: [row] };
  return { value: averaged.has(measure) ? null : add(cell.value, value, measure, currency), rows: [...cell.rows, row] };
}

/** A rough size for ranking series (which ones get their own colour); never shown. */
const size = (value: string | null) => Math.abs(Number(value ?? 0));

export function pivotChartModel(result: Pick<PivotResult, 'dimensions' | 'rows' | 'currency'>, measure: string, label: (dimension: string, row: PivotRow) => string, othersName: string): PivotChartModel {
  const dims = result.dimensions;
  const categoryDimension = dims.find(isTimeDimension) ?? dims[0] ?? null;
  const seriesDimension = dims.find((d) => d !== categoryDimension) ?? null;
  const categories = new Map<string, string>();
  const seriesNames = new Map<string, string>();
  const cells = new Map<string, Map<string, PivotCell>>();
  for (const row of result.rows) {
    const category = categoryDimension === null ? '' : row.keys[categoryDimension] ?? '';
    const series = seriesDimension === null ? '' : row.keys[seriesDimension] ?? '';
    if (!categories.has(category)) categories.set(category, categoryDimension === null ? '' : label(categoryDimension, row));
    if (!seriesNames.has(series)) seriesNames.set(series, seriesDimension === null ? '' : label(seriesDimension, row));
    const bySeries = cells.get(series) ?? new Map<string, PivotCell>();
    bySeries.set(category, merge(bySeries.get(category), row, measure, result.currency));
    cells.set(series, bySeries);
  }
  const categoryList = [...categories].map(([key, name]) => ({ key, name }));
  let series: PivotSeries[] = [...seriesNames].map(([key, name]) => ({
    key, name, cells: categoryList.map((c) => cells.get(key)?.get(c.key) ?? { value: null, rows: [] }),
  }));
  if (series.length > pivotSeriesMax) {
    const total = (s: PivotSeries) => s.cells.reduce((sum, c) => sum + size(c.value), 0);
    const ranked = [...series].sort((a, b) => total(b) - total(a));
    const kept = new Set(ranked.slice(0, pivotSeriesMax - 1).map((s) => s.key));
    const rest = series.filter((s) => !kept.has(s.key));
    const others: PivotSeries = {
      key: othersKey, name: othersName,
      cells: categoryList.map((_, i) => rest.reduce<PivotCell>((cell, s) => {
        const c = s.cells[i]!;
        if (c.rows.length === 0) return cell;
        const value = cell.rows.length === 0 ? c.value : averaged.has(measure) ? null : add(cell.value, c.value ?? undefined, measure, result.currency);
        return { value, rows: [...cell.rows, ...c.rows] };
      }, { value: null, rows: [] })),
    };
    series = [...series.filter((s) => kept.has(s.key)), others];
  }
  return { categoryDimension, seriesDimension, categories: categoryList, series };
}

/**
 * The receipts list's filters for several rows at once (a bar that sums a third dimension): the filters they
 * share, with their dates widened to cover them all. One row: its own drill.
 */
export function drillOfRows(rows: PivotRow[]): Record<string, string> | null {
  if (rows.length === 0) return null;
  const [first, ...rest] = rows;
  const drill: Record<string, string> = { ...first!.drill };
  for (const row of rest) {
    for (const [key, value] of Object.entries(drill)) {
      if (key === 'receivedFrom') drill[key] = row.drill[key] !== undefined && row.drill[key]! < value ? row.drill[key]! : value;
      else if (key === 'receivedTo') drill[key] = row.drill[key] !== undefined && row.drill[key]! > value ? row.drill[key]! : value;
      else if (row.drill[key] !== value) delete drill[key];
    }
  }
  return drill;
}

/** Compares two measure values for sorting: exact for amounts, numeric for counts and days; empty last. */
export function compareValues(a: string | undefined, b: string | undefined, measure: string, currency: string): number {
  if (!a || !b) return !a && !b ? 0 : !a ? 1 : -1;
  if (averaged.has(measure)) return Number(a) - Number(b);
  if (counted.has(measure)) return Number(BigInt(a) - BigInt(b));
  const x = parseAmountMinor(a, currency, { allowZero: true, allowNegative: true });
  const y = parseAmountMinor(b, currency, { allowZero: true, allowNegative: true });
  return x === y ? 0 : x < y ? -1 : 1;
}

export const isMoneyMeasure = (measure: string) => !counted.has(measure) && !averaged.has(measure);

import { HeatmapChart, PieChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { use } from 'echarts/core';

/**
 * The chart types the Reports page draws beyond the dashboard's bars and lines (shared/EChart registers those,
 * the grid, tooltip, legend and the canvas renderer): pie slices, and the aging heatmap with its colour scale.
 * Registered once, from this page's chunk, so the dashboard does not carry them.
 */
use([PieChart, HeatmapChart, VisualMapComponent]);

export { compactNumber, monthLabel, plotted } from '../dashboard/charts';

/** Ant Design's palette, so stacked series read apart and match the rest of the workbench. */
export const seriesColors = ['#1677ff', '#52c41a', '#faad14', '#eb2f96', '#13c2c2', '#722ed1', '#fa541c', '#2f54eb', '#a0d911', '#fadb14', '#8c8c8c', '#f5222d'];

/** Aging buckets from not yet due (green) to the oldest (dark red), however many buckets the user chose. */
export function agingColor(index: number, count: number): string {
  const scale = ['#52c41a', '#faad14', '#fa8c16', '#f5222d', '#cf1322', '#a8071a', '#820014', '#5c0011'];
  if (index === 0) return scale[0]!;
  const step = (scale.length - 2) / Math.max(1, count - 2);
  return scale[Math.min(scale.length - 1, 1 + Math.round((index - 1) * step))]!;
}

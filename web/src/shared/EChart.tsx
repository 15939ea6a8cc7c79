import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';

/**
 * ECharts, imported piece by piece (core + the charts and components registered here + the canvas renderer),
 * so only what is drawn is shipped, in a chunk fetched by the pages that draw charts. A page needing another
 * chart type registers it itself: `use([PieChart])` from 'echarts/core' before rendering.
 */
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** The data behind a chart as a table, for screen readers (the canvas itself says nothing to them). */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

const visuallyHidden: CSSProperties = {
  position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0,
};

/** What ECharts says about a clicked item (the fields the workbench reads). */
export interface ChartClick {
  componentType: string;
  seriesIndex?: number;
  seriesName?: string;
  dataIndex: number;
  name: string;
}

/**
 * One chart: follows its container's size, is disposed when it leaves the page, and is announced as an image
 * with `label`, followed by a visually hidden table of its data. `onClick` gets clicks on bars, points, slices.
 */
export function EChart({ option, label, table, height = 280, testId, onClick }: { option: EChartsCoreOption; label: string; table: ChartTable; height?: number; testId?: string; onClick?: (item: ChartClick) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;

  useEffect(() => {
    const element = box.current!;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (item) => clicked.current?.(item as unknown as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div data-testid={testId} style={{ position: 'relative' }}>
      <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
      {/* The hiding box is a div: a table ignores width and overflow, and a wide one would widen the page. */}
      <div style={visuallyHidden}>
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>{row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import { Col, Row } from 'antd';
import { useEffect } from 'react';
import type { DashboardView } from '../../api/dashboard';
import { AgingChart } from './AgingChart';
import { TrendChart } from './TrendChart';

/**
 * The two charts, in a module of their own so ECharts loads beside the dashboard's data instead of before it
 * (DashboardPage imports this lazily). `onShown` says they are on the page.
 */
export default function ChartsRow({ view, onShown }: { view: DashboardView; onShown: () => void }) {
  useEffect(onShown, [onShown]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}><TrendChart view={view} /></Col>
      <Col xs={24} xl={10}><AgingChart view={view} /></Col>
    </Row>
  );
}

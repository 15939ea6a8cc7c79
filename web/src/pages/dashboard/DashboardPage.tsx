import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Select, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchDashboard, type DashboardView } from '../../api/dashboard';
import { useSession } from '../../auth/session';
import { useLiveReload } from '../../shared/live';
import { useLoad } from '../../shared/useLoad';
import { KpiCards } from './KpiCards';
import { Todos } from './Todos';
import { TopOverdue } from './TopOverdue';

/**
 * Render as you fetch: when this page's chunk arrives, its data (for the base currency, what the server
 * answers without a currency) and the charts' chunk (ECharts) are asked for at once, while React renders the
 * frame; the first mount takes that answer if it is fresh. Later visits fetch as usual.
 */
let early: { at: number; view: Promise<DashboardView> } | null = { at: Date.now(), view: fetchDashboard(undefined) };
early.view.catch(() => undefined); // a failure is reported by the mount that takes it
const earlyFreshMs = 5_000;

function dashboardFor(currency: string, baseCurrency: string, signal: AbortSignal): Promise<DashboardView> {
  const taken = early;
  early = null;
  if (taken && currency === baseCurrency && Date.now() - taken.at < earlyFreshMs) return taken.view;
  return fetchDashboard(currency, signal);
}

const chartsModule = import('./ChartsRow');
chartsModule.catch(() => undefined); // lazy() below reports it
const ChartsRow = lazy(() => chartsModule);

function ChartSkeletons() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}><Card size="small"><Skeleton active paragraph={{ rows: 6 }} /></Card></Col>
      <Col xs={24} xl={10}><Card size="small"><Skeleton active paragraph={{ rows: 6 }} /></Card></Col>
    </Row>
  );
}

function Loading() {
  return (
    <Row gutter={[16, 16]}>
      {[0, 1, 2, 3, 4].map((i) => (
        <Col key={i} xs={24} sm={12} lg={{ flex: '1 1 20%' }}>
          <Card size="small"><Skeleton active title={false} paragraph={{ rows: 2 }} /></Card>
        </Col>
      ))}
      {[0, 1, 2, 3].map((i) => (
        <Col key={`c${i}`} xs={24} xl={12}>
          <Card size="small"><Skeleton active paragraph={{ rows: 6 }} /></Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 首页: the figures of one currency (the tenant's base currency first), the collections trend, aging, the
 * customers most overdue and the person’s to-dos. The root says data-ready="true" once the figures are in and
 * the charts are on the page (the browser test and the speed measure wait for it).
 */
export default function DashboardPage() {
  const { t } = useTranslation('dashboard');
  const { tenant } = useSession();
  const [currency, setCurrency] = useState(tenant.baseCurrency);
  const { data, loading, error, reload } = useLoad((signal) => dashboardFor(currency, tenant.baseCurrency, signal), [currency]);
  // Money moved somewhere (this tab, another user, a gateway, a statement): the figures are fetched again.
  useLiveReload(reload, ['receipt', 'refund']);
  const [chartsShown, setChartsShown] = useState(false);
  const onChartsShown = useCallback(() => setChartsShown(true), []);
  const ready = data !== null && !loading && chartsShown;

  return (
    <div data-testid="dashboard" data-ready={ready ? 'true' : 'false'} aria-busy={!ready}>
      <Space align="center" style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Space align="baseline" size={12}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }}>{t('title')}</Typography.Title>
          {data && <Typography.Text type="secondary">{t('asOf', { date: data.today })}</Typography.Text>}
        </Space>
        <Space>
          <Select
            aria-label={t('currency')}
            value={currency}
            onChange={setCurrency}
            style={{ width: 100 }}
            options={(data?.currencies ?? [currency]).map((c) => ({ value: c, label: c }))}
          />
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading && data !== null}>{t('common:action.refresh')}</Button>
        </Space>
      </Space>
      {error && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('loadFailed')} description={error}
          action={<Button size="small" onClick={reload}>{t('common:action.retry')}</Button>} />
      )}
      {data === null ? (
        !error && <Loading />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <KpiCards view={data} />
          <Suspense fallback={<ChartSkeletons />}>
            <ChartsRow view={data} onShown={onChartsShown} />
          </Suspense>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}><TopOverdue view={data} /></Col>
            <Col xs={24} xl={10}><Todos view={data} /></Col>
          </Row>
        </Space>
      )}
    </div>
  );
}

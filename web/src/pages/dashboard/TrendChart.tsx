import { Card, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../api/dashboard';
import { EChart } from '../../shared/EChart';
import { formatMoney, isZeroAmount } from '../../shared/money';
import { compactNumber, monthLabel, plotted } from './charts';

/** Received per month (bars) beside what the payment plans had due (line), the last 12 months. */
export function TrendChart({ view }: { view: DashboardView }) {
  const { t, i18n } = useTranslation('dashboard');
  const locale = i18n.language;
  const { trend, currency } = view;
  const empty = trend.every((m) => isZeroAmount(m.received) && isZeroAmount(m.due));
  const option = useMemo(() => {
    const months = trend.map((m) => monthLabel(m.month, locale));
    const series = [
      { key: 'received', name: t('trend.received'), type: 'bar', color: '#1677ff', barMaxWidth: 28 },
      { key: 'due', name: t('trend.due'), type: 'line', color: '#fa8c16', smooth: false, symbolSize: 6 },
    ] as const;
    return {
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const m = trend[params[0]?.dataIndex ?? 0]!;
          return `${months[params[0]?.dataIndex ?? 0]}<br/>${t('trend.received')}: ${formatMoney(m.received, currency, locale)}<br/>${t('trend.due')}: ${formatMoney(m.due, currency, locale)}`;
        },
      },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, locale) } },
      series: series.map(({ key, ...s }) => ({ ...s, data: trend.map((m) => plotted(m[key])) })),
    };
  }, [trend, currency, locale, t]);
  const table = {
    columns: [t('trend.month'), t('trend.received'), t('trend.due')],
    rows: trend.map((m) => [monthLabel(m.month, locale), formatMoney(m.received, currency, locale), formatMoney(m.due, currency, locale)]),
  };
  return (
    <Card title={t('trend.title')} size="small" style={{ height: '100%' }}>
      {empty ? (
        <div data-testid="chart-trend"><Empty description={t('trend.empty')} /></div>
      ) : (
        <EChart testId="chart-trend" option={option} label={t('trend.title')} table={table} />
      )}
    </Card>
  );
}

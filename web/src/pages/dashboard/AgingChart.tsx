import { Card, Empty, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../api/dashboard';
import { EChart } from '../../shared/EChart';
import { formatMoney, isZeroAmount } from '../../shared/money';
import { agingColors, compactNumber, plotted } from './charts';

/** Unpaid instalment amounts by days overdue (after the grace days), not-yet-overdue first. */
export function AgingChart({ view }: { view: DashboardView }) {
  const { t, i18n } = useTranslation('dashboard');
  const locale = i18n.language;
  const { aging, currency } = view;
  const empty = aging.every((a) => isZeroAmount(a.amount));
  const option = useMemo(() => {
    const names = aging.map((a) => t(`aging.${a.bucket}`));
    return {
      animationDuration: 300,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: (params: { dataIndex: number }[]) => {
          const a = aging[params[0]?.dataIndex ?? 0]!;
          return `${names[params[0]?.dataIndex ?? 0]}<br/>${t('aging.amount')}: ${formatMoney(a.amount, currency, locale)}<br/>${t('aging.instalments')}: ${a.instalments}`;
        },
      },
      xAxis: { type: 'category', data: aging.map((a) => t(`aging.short.${a.bucket}`)), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, locale) } },
      series: [{
        type: 'bar',
        name: t('aging.amount'),
        barMaxWidth: 48,
        data: aging.map((a) => ({ value: plotted(a.amount), itemStyle: { color: agingColors[a.bucket] } })),
      }],
    };
  }, [aging, currency, locale, t]);
  const table = {
    columns: [t('aging.bucket'), t('aging.amount'), t('aging.instalments')],
    rows: aging.map((a) => [t(`aging.${a.bucket}`), formatMoney(a.amount, currency, locale), String(a.instalments)]),
  };
  return (
    <Card title={t('aging.title')} size="small" style={{ height: '100%' }}>
      {empty ? (
        <div data-testid="chart-aging"><Empty description={t('aging.empty')} /></div>
      ) : (
        <>
          <EChart testId="chart-aging" option={option} label={t('aging.title')} table={table} height={252} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('aging.note')}</Typography.Text>
        </>
      )}
    </Card>
  );
}

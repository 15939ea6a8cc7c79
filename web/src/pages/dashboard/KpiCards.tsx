import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DashboardView } from '../../api/dashboard';
import { formatMoney, isZeroAmount } from '../../shared/money';

function Kpi({ testId, title, value, color, extra }: { testId: string; title: string; value: ReactNode; color?: string; extra?: ReactNode }) {
  return (
    <Card data-testid={testId} size="small" style={{ height: '100%' }}>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, fontVariantNumeric: 'tabular-nums', color, marginTop: 4, wordBreak: 'break-all' }}>{value}</div>
      {extra && <div style={{ marginTop: 2 }}>{extra}</div>}
    </Card>
  );
}

/** Five equal columns from lg up (24 does not divide by 5). */
const fifth = { flex: '1 1 20%' } as const;

/** The five figures of the chosen currency, exact (formatMoney from the decimal strings). */
export function KpiCards({ view }: { view: DashboardView }) {
  const { t } = useTranslation('dashboard');
  const { figures, currency } = view;
  const money = (amount: string) => formatMoney(amount, currency);
  const refunds = figures.refundsAwaitingApproval;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={fifth}>
        <Kpi testId="kpi-receivable" title={t('kpi.receivable')} value={money(figures.receivable)} />
      </Col>
      <Col xs={24} sm={12} lg={fifth}>
        <Kpi testId="kpi-received-month" title={t('kpi.receivedMonth')} value={money(figures.receivedThisMonth)} color="#237804" />
      </Col>
      <Col xs={24} sm={12} lg={fifth}>
        <Kpi testId="kpi-overdue" title={t('kpi.overdue')} value={money(figures.overdue)} color={isZeroAmount(figures.overdue) ? undefined : '#cf1322'} />
      </Col>
      <Col xs={24} sm={12} lg={fifth}>
        <Kpi testId="kpi-advance" title={t('kpi.advance')} value={money(figures.advance)} />
      </Col>
      <Col xs={24} sm={12} lg={fifth}>
        <Kpi
          testId="kpi-refunds-pending"
          title={t('kpi.refundsPending')}
          value={money(refunds.amount)}
          extra={<Link to="/refunds">{t('kpi.refundsCount', { count: refunds.count })}</Link>}
        />
      </Col>
    </Row>
  );
}

import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DashboardView } from '../../api/dashboard';
import { Money } from '../../shared/money';

type Row = DashboardView['topOverdue'][number];

/** The ten customers owing the most past due, each a link to the customer. */
export function TopOverdue({ view }: { view: DashboardView }) {
  const { t } = useTranslation('dashboard');
  return (
    <Card title={t('top.title')} size="small" style={{ height: '100%' }}>
      <Table<Row>
        data-testid="top-overdue"
        size="small"
        rowKey={(r) => r.customer.id}
        dataSource={view.topOverdue}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('top.empty')} /> }}
        columns={[
          { key: 'code', title: t('common:field.code'), render: (_, r) => r.customer.code, width: 110 },
          { key: 'name', title: t('common:field.customer'), render: (_, r) => <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link> },
          { key: 'overdue', title: t('top.overdue'), align: 'right', render: (_, r) => <span style={{ color: '#cf1322' }}><Money amount={r.overdue} currency={view.currency} /></span> },
          { key: 'oldest', title: t('top.oldest'), dataIndex: 'oldestDueDate', width: 130 },
        ]}
      />
    </Card>
  );
}

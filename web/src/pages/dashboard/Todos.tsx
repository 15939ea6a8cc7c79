import { Badge, Card, Empty, List, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DashboardView, Todo } from '../../api/dashboard';
import { useSession } from '../../auth/session';
import { Money } from '../../shared/money';

interface Line { key: string; to: string; title: ReactNode; description: ReactNode; amount: string; currency: string }

function Section({ title, todo, lines, all }: { title: string; todo: Todo; lines: Line[]; all: string }) {
  const { t } = useTranslation('dashboard');
  return (
    <section aria-label={title} style={{ marginBottom: 12 }}>
      <Space size={8} style={{ marginBottom: 4 }}>
        <Typography.Text strong>{title}</Typography.Text>
        <Badge count={todo.count} showZero overflowCount={999} style={todo.count > 0 ? { backgroundColor: '#d4380d' } : { backgroundColor: '#f0f0f0', color: 'rgba(0, 0, 0, 0.65)' }} />
      </Space>
      {lines.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '0 0 4px' }}>{t('todo.none')}</Typography.Paragraph>
      ) : (
        <List
          size="small"
          dataSource={lines}
          renderItem={(line) => (
            <List.Item key={line.key} extra={<Money amount={line.amount} currency={line.currency} />}>
              <div style={{ minWidth: 0 }}>
                <Link to={line.to}>{line.title}</Link>
                <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{line.description}</Typography.Text></div>
              </div>
            </List.Item>
          )}
          footer={todo.count > lines.length ? <Link to={all}>{t('todo.more', { count: todo.count })}</Link> : undefined}
        />
      )}
    </section>
  );
}

/** What waits for the signed-in person, in every currency; sections they have no permission for are left out. */
export function Todos({ view }: { view: DashboardView }) {
  const { t, i18n } = useTranslation('dashboard');
  const { can, tenant } = useSession();
  const { receiptsToConfirm, refundsToApprove, myOverdueInstalments } = view.todos;
  const showReceipts = can('receipts.confirm');
  const showRefunds = can('refunds.approve');
  const nothing = receiptsToConfirm.count + refundsToApprove.count + myOverdueInstalments.count === 0;
  return (
    <Card title={t('todo.title')} size="small" data-testid="my-todos" style={{ height: '100%' }}>
      {nothing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('todo.nothing')} />}
      {!nothing && showReceipts && (
        <Section
          title={t('todo.receipts')}
          todo={receiptsToConfirm}
          all="/receipts"
          lines={receiptsToConfirm.items.map((r) => ({ key: r.id, to: `/receipts/${r.id}`, title: `${r.number} · ${r.customer.name}`, description: r.receivedDate, amount: r.amount, currency: r.currency }))}
        />
      )}
      {!nothing && showRefunds && (
        <Section
          title={t('todo.refunds')}
          todo={refundsToApprove}
          all="/refunds"
          lines={refundsToApprove.items.map((r) => ({
            key: r.id, to: '/refunds', title: `${r.number} · ${r.customer.name}`, amount: r.amount, currency: r.currency,
            description: new Date(r.requestedAt).toLocaleString(i18n.language, { timeZone: tenant.timeZone, dateStyle: 'medium', timeStyle: 'short' }),
          }))}
        />
      )}
      {!nothing && (
        <Section
          title={t('todo.overdue')}
          todo={myOverdueInstalments}
          all="/orders"
          lines={myOverdueInstalments.items.map((i) => ({
            key: i.instalmentId, to: `/orders/${i.orderId}`, title: `${i.orderNumber} · ${i.customer.name}`, description: t('todo.due', { date: i.dueDate }), amount: i.outstanding, currency: i.currency,
          }))}
        />
      )}
    </Card>
  );
}

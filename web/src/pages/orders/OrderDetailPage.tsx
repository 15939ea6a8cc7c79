import { EditOutlined, MoneyCollectOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Statistic, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Instalment, Order, OrderAllocation, OrderLine } from '../../api/orders';
import { useSession } from '../../auth/session';
import { isZeroAmount, Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { useLoad } from '../../shared/useLoad';
import { useDirectory } from '../customers/directory';
import { CancelOrderButton, ConfirmOrderButton } from './OrderActions';
import { PlanEditor } from './PlanEditor';

function Figures({ order }: { order: Order }) {
  const { t } = useTranslation('orders');
  const items: [string, string, boolean][] = [
    ['total', order.total, false],
    ['paid', order.paid, false],
    ['credited', order.credited, false],
    ['writtenOff', order.writtenOff, false],
    ['outstanding', order.outstanding, false],
    ['overdue', order.overdue, true],
  ];
  return (
    <Row gutter={[24, 12]}>
      {items
        // A cancelled order owes nothing: only its total is shown.
        .filter(([key, amount]) => (order.status === 'cancelled' ? key === 'total' : !((key === 'credited' || key === 'writtenOff') && isZeroAmount(amount))))
        .map(([key, amount, danger]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Statistic
              title={t(key)}
              valueRender={() => (
                <span data-testid={`order-${key}`} style={{ color: danger && !isZeroAmount(amount) ? '#cf1322' : undefined }}>
                  <Money amount={amount} currency={order.currency} strong />
                </span>
              )}
            />
          </Col>
        ))}
    </Row>
  );
}

export default function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('orders');
  const { can, tenant } = useSession();
  const { userName, departmentName } = useDirectory();
  const navigate = useNavigate();
  const [planOpen, setPlanOpen] = useState(false);
  const [showVoided, setShowVoided] = useState(false);
  const [fresh, setFresh] = useState<Order | null>(null);
  const loaded = useLoad((signal) => api.get<Order>(`/orders/${id}`, undefined, signal), [id]);
  const order = fresh?.id === id ? fresh : loaded.data;
  const when = (instant: string | null) => (instant ? new Date(instant).toLocaleString(i18n.language, { timeZone: tenant.timeZone }) : '—');

  if (loaded.loading && !order) return <Card><Skeleton active paragraph={{ rows: 10 }} /></Card>;
  if (loaded.error || !order) return <Result status="warning" title={loaded.error ?? t('common:error.not_found')} extra={<Button onClick={() => navigate('/orders')}>{t('detail.backToList')}</Button>} />;

  const manage = can('orders.manage');
  const draft = order.status === 'draft';
  const livePlan = order.plan.filter((i) => i.voidedAt === null);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="order-detail">
      <Card>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap', marginBottom: 16 }}>
          <div>
            <Typography.Text type="secondary">
              <Link to="/orders">{t('title')}</Link> / <Link to={`/customers/${order.customerId}`}>{order.customerName}</Link>
            </Typography.Text>
            <Space align="center" style={{ display: 'flex', marginTop: 4 }}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {order.number}
              </Typography.Title>
              <span data-testid="order-status">
                <StatusTag kind="order" status={order.status} />
              </span>
            </Space>
            {order.title && <Typography.Text>{order.title}</Typography.Text>}
          </div>
          <Space wrap>
            {draft && manage && (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/orders/${order.id}/edit`)} data-testid="order-edit">
                {t('common:action.edit')}
              </Button>
            )}
            {draft && manage && <CancelOrderButton order={order} onDone={setFresh} />}
            {order.status === 'confirmed' && can('receipts.create') && (
              <Button icon={<MoneyCollectOutlined />} onClick={() => navigate(`/receipts/new?customer=${order.customerId}`)}>
                {t('detail.recordReceipt')}
              </Button>
            )}
            {draft && manage && <ConfirmOrderButton order={order} onDone={setFresh} />}
          </Space>
        </div>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('common:field.customer')}>
            <Link to={`/customers/${order.customerId}`}>{order.customerName} ({order.customerCode})</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('signedDate')}>{order.signedDate}</Descriptions.Item>
          <Descriptions.Item label={t('common:field.currency')}>
            {order.currency}
            {order.baseRate && order.currency !== order.baseCurrency ? ` (1 ${order.currency} = ${order.baseRate} ${order.baseCurrency})` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('common:field.owner')}>{userName(order.ownerId)}</Descriptions.Item>
          <Descriptions.Item label={t('common:field.department')}>{departmentName(order.departmentId)}</Descriptions.Item>
          <Descriptions.Item label={t('common:field.createdAt')}>{when(order.createdAt)}</Descriptions.Item>
          {order.confirmedAt && <Descriptions.Item label={t('detail.confirmedAt')}>{when(order.confirmedAt)}</Descriptions.Item>}
          {order.cancelledAt && (
            <Descriptions.Item label={t('detail.cancelledAt')}>
              {when(order.cancelledAt)} · {order.cancelReason}
            </Descriptions.Item>
          )}
          {order.remarks && <Descriptions.Item label={t('common:field.remarks')}>{order.remarks}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Card title={t('detail.figures')}>
        <Figures order={order} />
      </Card>

      <Card title={t('lines')}>
        <Table<OrderLine>
          size="small"
          rowKey="lineNo"
          pagination={false}
          dataSource={order.lines}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'no', title: '#', dataIndex: 'lineNo', width: 48 },
            { key: 'product', title: t('product'), render: (_, l) => (l.productName ? `${l.productName} (${l.productCode})` : '—') },
            { key: 'description', title: t('description'), dataIndex: 'description' },
            { key: 'quantity', title: t('quantity'), dataIndex: 'quantity', align: 'right' },
            { key: 'unitPrice', title: t('unitPrice'), align: 'right', render: (_, l) => <Money amount={l.unitPrice} currency={order.currency} /> },
            { key: 'amount', title: t('lineAmount'), align: 'right', render: (_, l) => <Money amount={l.amount} currency={order.currency} /> },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5} align="right"><Typography.Text strong>{t('total')}</Typography.Text></Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right"><Money amount={order.total} currency={order.currency} strong /></Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>

      <Card
        title={t('plan.title')}
        extra={
          <Space>
            {livePlan.length < order.plan.length && (
              <Space size={4}>
                <Switch size="small" checked={showVoided} onChange={setShowVoided} aria-label={t('plan.showVoided', { count: order.plan.length - livePlan.length })} />
                <Typography.Text type="secondary">{t('plan.showVoided', { count: order.plan.length - livePlan.length })}</Typography.Text>
              </Space>
            )}
            {manage && order.status !== 'cancelled' && (
              <Button icon={<ScheduleOutlined />} onClick={() => setPlanOpen(true)} data-testid="plan-edit">
                {livePlan.length === 0 ? t('plan.create') : draft ? t('plan.edit') : t('plan.replan')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<Instalment>
          data-testid="plan-table"
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={showVoided ? order.plan : livePlan}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={draft ? t('plan.emptyDraft') : t('plan.empty')} /> }}
          columns={[
            { key: 'seq', title: '#', width: 48, render: (_, i) => (i.voidedAt ? <Typography.Text type="secondary">{i.seq}</Typography.Text> : i.seq) },
            { key: 'dueDate', title: t('plan.dueDate'), render: (_, i) => (i.voidedAt ? <Typography.Text delete type="secondary">{i.dueDate}</Typography.Text> : i.dueDate) },
            { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, i) => <Money amount={i.amount} currency={order.currency} /> },
            { key: 'settled', title: t('plan.settled'), align: 'right', render: (_, i) => <Money amount={i.settled} currency={order.currency} /> },
            { key: 'outstanding', title: t('outstanding'), align: 'right', render: (_, i) => <Money amount={i.outstanding} currency={order.currency} strong={!isZeroAmount(i.outstanding)} /> },
            { key: 'status', title: t('common:field.status'), render: (_, i) => <StatusTag kind="instalment" status={i.status} /> },
          ]}
        />
      </Card>

      {!draft && (
        <Card title={t('detail.allocations')}>
          <Table<OrderAllocation>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={order.allocations}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noAllocations')} /> }}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'createdAt', title: t('detail.allocatedAt'), render: (_, a) => when(a.createdAt) },
              { key: 'receipt', title: t('detail.receipt'), render: (_, a) => <Link to={`/receipts/${a.receiptId}`}>{a.receiptNumber}</Link> },
              { key: 'kind', title: t('detail.allocationKind'), render: (_, a) => <Tag color={a.kind === 'allocate' ? 'blue' : 'default'}>{t(`detail.allocationKinds.${a.kind}`)}</Tag> },
              {
                key: 'instalment',
                title: t('detail.instalment'),
                render: (_, a) => {
                  const inst = order.plan.find((i) => i.id === a.instalmentId);
                  return inst ? t('detail.instalmentNo', { seq: inst.seq, due: inst.dueDate }) : '—';
                },
              },
              { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, a) => <Money amount={a.amount} currency={order.currency} /> },
              {
                key: 'receiptAmount',
                title: t('detail.receiptAmount'),
                align: 'right',
                render: (_, a) => (a.receiptCurrency === order.currency ? '—' : <Money amount={a.receiptAmount} currency={a.receiptCurrency} />),
              },
            ]}
          />
        </Card>
      )}

      <PlanEditor
        order={order}
        open={planOpen}
        onClose={() => setPlanOpen(false)}
        onSaved={(saved) => {
          setFresh(saved);
          setPlanOpen(false);
        }}
      />
    </Space>
  );
}

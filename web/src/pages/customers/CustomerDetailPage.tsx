import { EditOutlined, MoneyCollectOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Customer, CustomerFigures } from '../../api/types';
import { useSession } from '../../auth/session';
import { isZeroAmount, Money } from '../../shared/money';
import { useLoad } from '../../shared/useLoad';
import { CustomerForm } from './CustomerForm';
import { CustomerAdvanceBalance, CustomerOrders, CustomerReceipts, CustomerRefunds, CustomerTimeline } from './CustomerTabs';
import { useDirectory } from './directory';
import { StatementTab } from './StatementTab';

/** One currency's figures: receivable, overdue (red when any), advance 预收, received, refunded. */
function FiguresRow({ f }: { f: CustomerFigures }) {
  const { t } = useTranslation('customers');
  const stat = (key: keyof Omit<CustomerFigures, 'currency'>, danger = false) => (
    <Col xs={12} md={8} xl={4} key={key}>
      <Statistic
        title={t(key)}
        valueRender={() => (
          <span style={{ color: danger && !isZeroAmount(f[key]) ? '#cf1322' : undefined }} data-testid={`customer-${key}-${f.currency}`}>
            <Money amount={f[key]} currency={f.currency} strong />
          </span>
        )}
      />
    </Col>
  );
  return (
    <Row gutter={[24, 12]} align="middle">
      <Col xs={24} xl={4}>
        <Tag color="blue" style={{ fontSize: 14, padding: '2px 10px' }}>{f.currency}</Tag>
      </Col>
      {stat('receivable')}
      {stat('overdue', true)}
      {stat('advance')}
      {stat('received')}
      {stat('refunded')}
    </Row>
  );
}

export default function CustomerDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('customers');
  const { can } = useSession();
  const { userName, departmentName } = useDirectory();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState('orders');
  const { data: customer, loading, error, reload } = useLoad((signal) => api.get<Customer>(`/customers/${id}`, undefined, signal), [id]);

  if (loading && !customer) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
  if (error || !customer) {
    return (
      <Result status="warning" title={error ?? t('common:error.not_found')} extra={<Button onClick={() => navigate('/customers')}>{t('backToList')}</Button>} />
    );
  }

  const actions = (
    <Space wrap className="kx-no-print">
      {can('orders.manage') && (
        <Button icon={<PlusOutlined />} onClick={() => navigate(`/orders/new?customer=${customer.id}`)}>
          {t('newOrder')}
        </Button>
      )}
      {can('receipts.create') && (
        <Button icon={<MoneyCollectOutlined />} onClick={() => navigate(`/receipts/new?customer=${customer.id}`)} data-testid="customer-record-receipt">
          {t('recordReceipt')}
        </Button>
      )}
      {can('refunds.request') && (
        <Button icon={<RollbackOutlined />} onClick={() => navigate(`/refunds/new?customer=${customer.id}`)} data-testid="customer-request-refund">
          {t('requestRefund')}
        </Button>
      )}
      {can('customers.manage') && (
        <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
          {t('common:action.edit')}
        </Button>
      )}
    </Space>
  );

  const tabs = [
    { key: 'orders', label: t('tabs.orders'), children: <CustomerOrders customerId={customer.id} /> },
    { key: 'receipts', label: t('tabs.receipts'), children: <CustomerReceipts customerId={customer.id} /> },
    { key: 'refunds', label: t('tabs.refunds'), children: <CustomerRefunds customerId={customer.id} /> },
    { key: 'advances', label: t('tabs.advances'), children: <CustomerAdvanceBalance customerId={customer.id} /> },
    ...(can('audit.view') ? [{ key: 'timeline', label: t('tabs.timeline'), children: <CustomerTimeline customerId={customer.id} /> }] : []),
    { key: 'statement', label: t('tabs.statement'), children: <StatementTab customer={customer} /> },
  ];

  return (
    <div data-testid="customer-detail">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card className="kx-no-print">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap', marginBottom: 16 }}>
            <div>
              <Typography.Text type="secondary">
                <Link to="/customers">{t('title')}</Link> / {customer.code}
              </Typography.Text>
              <Typography.Title level={3} style={{ margin: '4px 0' }}>
                {customer.name}
              </Typography.Title>
              <Space size={[4, 4]} wrap>
                {customer.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Space>
            </div>
            {actions}
          </div>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
            <Descriptions.Item label={t('common:field.code')}>{customer.code}</Descriptions.Item>
            <Descriptions.Item label={t('common:field.owner')}>{userName(customer.ownerId)}</Descriptions.Item>
            <Descriptions.Item label={t('common:field.department')}>{departmentName(customer.departmentId)}</Descriptions.Item>
            <Descriptions.Item label={t('taxId')}>{customer.taxId || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('contacts')} span={2}>
              {customer.contacts.length === 0
                ? '—'
                : customer.contacts.map((c, i) => (
                    <div key={i}>
                      {c.name}
                      {c.title ? `（${c.title}）` : ''} {c.phone} {c.email}
                    </div>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('common:field.remarks')} span={2}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{customer.remarks || '—'}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('figuresTitle')} className="kx-no-print" data-testid="customer-figures">
          {customer.figures.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noMoneyYet')} />
          ) : (
            <Space orientation="vertical" size="large" style={{ width: '100%' }}>
              {customer.figures.map((f) => (
                <FiguresRow key={f.currency} f={f} />
              ))}
            </Space>
          )}
        </Card>
        <Card>
          <Tabs activeKey={tab} onChange={setTab} items={tabs} destroyOnHidden />
        </Card>
      </Space>
      <CustomerForm
        open={editing}
        customer={customer}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
    </div>
  );
}

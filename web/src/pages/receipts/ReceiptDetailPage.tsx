import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Result, Skeleton, Space, Table, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { receiptsApi, type Receipt } from '../../api/receipts';
import { useSession } from '../../auth/session';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { useLoad } from '../../shared/useLoad';
import { AllocationHistory } from './AllocationHistory';
import { receiptError } from './helpers';
import { ReceiptActions } from './ReceiptActions';
import { UserName } from './UserName';

export default function ReceiptDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('receipts');
  const { tenant, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const loaded = useLoad((signal) => receiptsApi.get(id, signal), [id]);
  const history = useLoad((signal) => receiptsApi.history(id, signal), [id]);
  const [changed, setChanged] = useState<Receipt | null>(null);
  const [taking, setTaking] = useState<string | null>(null);
  const receipt = changed?.id === id ? changed : loaded.data;

  const onChanged = (next: Receipt) => {
    setChanged(next);
    history.reload();
  };
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language, { timeZone: tenant.timeZone }) : '');

  if (loaded.error) return <Result status="warning" title={loaded.error} extra={<Button onClick={() => navigate('/receipts')}>{t('common:action.back')}</Button>} />;
  if (!receipt) return <Card><Skeleton active /></Card>;

  const deallocate = async (orderId: string) => {
    setTaking(orderId);
    try {
      onChanged(await receiptsApi.deallocate(receipt.id, { orderId }));
      message.success(t('actions.deallocated'));
    } catch (error) {
      message.error(receiptError(t, error));
    } finally {
      setTaking(null);
    }
  };

  const who = (label: string, userId: string | null, at: string | null): { key: string; label: string; children: ReactNode } => ({
    key: label,
    label,
    children: (
      <span>
        <UserName id={userId} /> {at && <Typography.Text type="secondary">{when(at)}</Typography.Text>}
      </span>
    ),
  });

  const items = [
    { key: 'customer', label: t('common:field.customer'), children: <Link to={`/customers/${receipt.customer.id}`}>{receipt.customer.name} ({receipt.customer.code})</Link> },
    { key: 'kind', label: t('field.kind'), children: t(`common:receiptKind.${receipt.kind}`) },
    { key: 'amount', label: t('common:field.amount'), children: <Money amount={receipt.amount} currency={receipt.currency} strong /> },
    { key: 'allocated', label: t('field.allocated'), children: <Money amount={receipt.allocated} currency={receipt.currency} /> },
    { key: 'advance', label: t('field.unallocated'), children: <Money amount={receipt.advance} currency={receipt.currency} /> },
    { key: 'refundable', label: t('field.refundable'), children: <Money amount={receipt.refundable} currency={receipt.currency} /> },
    { key: 'refundHeld', label: t('field.refundHeld'), children: <Money amount={receipt.refundHeld} currency={receipt.currency} /> },
    { key: 'refunded', label: t('field.refunded'), children: <Money amount={receipt.refunded} currency={receipt.currency} /> },
    ...(receipt.baseAmount && receipt.currency !== receipt.baseCurrency
      ? [{ key: 'base', label: t('field.baseAmount'), children: <span><Money amount={receipt.baseAmount} currency={receipt.baseCurrency} /> <Typography.Text type="secondary">@ {receipt.baseRate}</Typography.Text></span> }]
      : []),
    { key: 'channel', label: t('common:field.channel'), children: t(`common:channel.${receipt.channel}`, { defaultValue: receipt.channel }) },
    { key: 'receivedDate', label: t('field.receivedDate'), children: receipt.receivedDate },
    { key: 'payerName', label: t('field.payerName'), children: receipt.payerName || '—' },
    { key: 'payerAccount', label: t('field.payerAccount'), children: receipt.payerAccount || '—' },
    { key: 'externalRef', label: t('field.externalRef'), children: receipt.externalRef || '—' },
    { key: 'source', label: t('field.source'), children: t(`source.${receipt.source}`, { defaultValue: receipt.source }) },
    { key: 'reconciledAt', label: t('field.reconciledAt'), children: receipt.reconciledAt ? when(receipt.reconciledAt) : t('notReconciled') },
    who(t('field.createdBy'), receipt.createdBy, receipt.createdAt),
    ...(receipt.confirmedBy || receipt.confirmedAt ? [who(t('field.confirmedBy'), receipt.confirmedBy, receipt.confirmedAt)] : []),
    ...(receipt.rejectedBy || receipt.rejectedAt ? [who(t('field.rejectedBy'), receipt.rejectedBy, receipt.rejectedAt)] : []),
    ...(receipt.voidedBy || receipt.voidedAt ? [who(t('field.voidedBy'), receipt.voidedBy, receipt.voidedAt)] : []),
    ...(receipt.statusReason ? [{ key: 'reason', label: t('common:field.reason'), children: receipt.statusReason }] : []),
    { key: 'remarks', label: t('common:field.remarks'), span: 3, children: receipt.remarks || '—' },
  ];

  const mayTakeBack = receipt.status === 'confirmed' && can('receipts.confirm');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="receipt-detail">
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common:action.back')} onClick={() => navigate('/receipts')} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('detailTitle', { number: receipt.number })}
            </Typography.Title>
            <span data-testid="receipt-status">
              <StatusTag kind="receipt" status={receipt.status} />
            </span>
          </Space>
        }
        extra={<ReceiptActions receipt={receipt} onChanged={onChanged} />}
      >
        {receipt.status === 'pending' && <Alert type="info" showIcon title={t('pendingHint')} style={{ marginBottom: 16 }} />}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, lg: 3 }} items={items} />
      </Card>

      {receipt.status === 'pending' && (
        <Card title={t('requested.title')} size="small">
          {receipt.autoAllocate ? (
            <Typography.Text>{t('requested.auto')}</Typography.Text>
          ) : (
            <Table
              size="small"
              rowKey={(r) => `${r.orderId}:${r.instalmentId ?? ''}`}
              dataSource={receipt.requestedAllocations}
              pagination={false}
              locale={{ emptyText: t('requested.none') }}
              columns={[
                { key: 'order', title: t('alloc.order'), render: (_, r) => <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link> },
                { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={r.currency} /> },
              ]}
            />
          )}
        </Card>
      )}

      {receipt.status !== 'pending' && (
        <Card title={t('current.title')} size="small">
          <Table
            size="small"
            rowKey="orderId"
            dataSource={receipt.allocations}
            pagination={false}
            locale={{ emptyText: t('current.none') }}
            columns={[
              { key: 'order', title: t('alloc.order'), render: (_, r) => <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link> },
              { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={r.currency} /> },
              ...(mayTakeBack
                ? [
                    {
                      key: 'actions',
                      title: t('current.actions'),
                      render: (_: unknown, r: Receipt['allocations'][number]) => (
                        <Popconfirm title={t('actions.deallocateAsk', { order: r.orderNumber })} okText={t('common:action.confirm')} cancelText={t('common:action.cancel')} onConfirm={() => deallocate(r.orderId)}>
                          <Button size="small" loading={taking === r.orderId}>
                            {t('actions.deallocate')}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}

      <Card title={t('history.title')} size="small">
        {history.error ? <Alert type="error" showIcon title={history.error} /> : <AllocationHistory items={history.data?.items ?? []} loading={history.loading} />}
      </Card>
    </Space>
  );
}

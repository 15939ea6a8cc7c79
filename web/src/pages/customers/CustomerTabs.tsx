import { Button, Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, type Page } from '../../api/client';
import type { AuditRecord, CustomerAdvances, ReceiptRow, RefundRow } from '../../api/customers';
import type { OrderSummary } from '../../api/orders';
import { useSession } from '../../auth/session';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { describeError } from '../../shared/errors';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { useLoad } from '../../shared/useLoad';
import { orderColumns } from '../orders/columns';
import { useDirectory } from './directory';

export function CustomerOrders({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const { userName } = useDirectory();
  const columns = useMemo(() => orderColumns(t, { withCustomer: false, userName }), [t, userName]);
  return <DataTable<OrderSummary> id="customer-orders" path="/orders" query={{ customer: customerId }} columns={columns} rowKey="id" exportName="customer-orders" serverExport="orders" />;
}

export function CustomerReceipts({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const columns = useMemo<DataColumn<ReceiptRow>[]>(
    () => [
      { key: 'number', title: t('common:field.number'), render: (_, r) => <Link to={`/receipts/${r.id}`}>{r.number}</Link>, exportValue: (r) => r.number },
      { key: 'receivedDate', title: t('receivedDate'), dataIndex: 'receivedDate', exportValue: (r) => r.receivedDate },
      { key: 'kind', title: t('kind'), render: (_, r) => t(`common:receiptKind.${r.kind}`), exportValue: (r) => t(`common:receiptKind.${r.kind}`) },
      { key: 'channel', title: t('common:field.channel'), render: (_, r) => t(`common:channel.${r.channel}`, { defaultValue: r.channel }), exportValue: (r) => r.channel },
      { key: 'status', title: t('common:field.status'), render: (_, r) => <StatusTag kind="receipt" status={r.status} />, exportValue: (r) => t(`common:status.receipt.${r.status}`) },
      { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={r.currency} />, exportValue: (r) => r.amount, exportKind: 'amount' },
      { key: 'allocated', title: t('allocated'), align: 'right', render: (_, r) => <Money amount={r.allocated} currency={r.currency} />, exportValue: (r) => r.allocated, exportKind: 'amount' },
      { key: 'advance', title: t('advance'), align: 'right', render: (_, r) => <Money amount={r.advance} currency={r.currency} />, exportValue: (r) => r.advance, exportKind: 'amount' },
      { key: 'currency', title: t('common:field.currency'), dataIndex: 'currency', exportValue: (r) => r.currency, defaultHidden: true },
    ],
    [t],
  );
  return <DataTable<ReceiptRow> id="customer-receipts" path="/receipts" query={{ customer: customerId }} columns={columns} rowKey="id" exportName="customer-receipts" serverExport="receipts" />;
}

export function CustomerRefunds({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation('customers');
  const { tenant } = useSession();
  const columns = useMemo<DataColumn<RefundRow>[]>(
    () => [
      { key: 'number', title: t('common:field.number'), dataIndex: 'number', exportValue: (r) => r.number },
      { key: 'requestedAt', title: t('requestedAt'), render: (_, r) => new Date(r.requestedAt).toLocaleString(i18n.language, { timeZone: tenant.timeZone }), exportValue: (r) => r.requestedAt },
      { key: 'receipt', title: t('receipt'), render: (_, r) => (r.receiptId ? <Link to={`/receipts/${r.receiptId}`}>{r.receiptNumber}</Link> : t('fromAdvance')), exportValue: (r) => r.receiptNumber ?? '' },
      { key: 'reason', title: t('common:field.reason'), render: (_, r) => t(`common:refundReason.${r.reasonCode}`, { defaultValue: r.reasonCode }), exportValue: (r) => r.reasonCode },
      { key: 'status', title: t('common:field.status'), render: (_, r) => <StatusTag kind="refund" status={r.status} />, exportValue: (r) => t(`common:status.refund.${r.status}`) },
      { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={r.currency} />, exportValue: (r) => r.amount, exportKind: 'amount' },
      { key: 'paidDate', title: t('paidDate'), render: (_, r) => r.paidDate ?? '—', exportValue: (r) => r.paidDate ?? '', defaultHidden: true },
    ],
    [t, i18n.language, tenant.timeZone],
  );
  return <DataTable<RefundRow> id="customer-refunds" path="/refunds" query={{ customer: customerId }} columns={columns} rowKey="id" exportName="customer-refunds" serverExport="refunds" />;
}

/** 预收: the advance balance per currency and the receipts it comes from. */
export function CustomerAdvanceBalance({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const { data, loading, error, reload } = useLoad((signal) => api.get<CustomerAdvances>(`/customers/${customerId}/advances`, undefined, signal), [customerId]);
  if (loading && !data) return <Skeleton active />;
  if (error) return <Typography.Text type="danger" role="alert">{error} <Button type="link" onClick={reload}>{t('common:action.retry')}</Button></Typography.Text>;
  if (!data || data.advances.length === 0) return <Empty description={t('noAdvance')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {data.advances.map((a) => (
        <Card key={a.currency} size="small" title={a.currency}>
          <Row gutter={24} style={{ marginBottom: 12 }}>
            <Col><Statistic title={t('advanceBalance')} valueRender={() => <Money amount={a.balance} currency={a.currency} strong />} /></Col>
            <Col><Statistic title={t('advanceHeld')} valueRender={() => <Money amount={a.held} currency={a.currency} />} /></Col>
            <Col><Statistic title={t('advanceAvailable')} valueRender={() => <Money amount={a.available} currency={a.currency} />} /></Col>
          </Row>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={a.receipts}
            columns={[
              { key: 'number', title: t('receipt'), render: (_, r) => <Link to={`/receipts/${r.id}`}>{r.number}</Link> },
              { key: 'receivedDate', title: t('receivedDate'), dataIndex: 'receivedDate' },
              { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={a.currency} /> },
              { key: 'allocated', title: t('allocated'), align: 'right', render: (_, r) => <Money amount={r.allocated} currency={a.currency} /> },
              { key: 'refunded', title: t('refunded'), align: 'right', render: (_, r) => <Money amount={r.refunded} currency={a.currency} /> },
              { key: 'held', title: t('advanceHeld'), align: 'right', render: (_, r) => <Money amount={r.refundHeld} currency={a.currency} /> },
              { key: 'available', title: t('advanceAvailable'), align: 'right', render: (_, r) => <Money amount={r.available} currency={a.currency} strong /> },
            ]}
          />
        </Card>
      ))}
    </Space>
  );
}

/** The customer's audit trail, newest first, a page at a time. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation('customers');
  const { tenant } = useSession();
  const [items, setItems] = useState<AuditRecord[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useLoad(async (signal) => {
    const page = await api.get<Page<AuditRecord>>('/audit', { entityId: customerId, limit: 20 }, signal);
    setItems(page.items);
    setCursor(page.nextCursor);
    return page;
  }, [customerId]);
  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const page = await api.get<Page<AuditRecord>>('/audit', { entityId: customerId, limit: 20, cursor });
      setItems((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setMore(false);
    }
  };
  if (first.loading && items.length === 0) return <Skeleton active />;
  if (first.error) return <Typography.Text type="danger" role="alert">{first.error}</Typography.Text>;
  if (items.length === 0) return <Empty description={t('noHistory')} />;
  return (
    <div>
      <Timeline
        items={items.map((r) => ({
          key: r.id,
          content: (
            <div>
              <Typography.Text strong>{t(`audit.${r.action}`, { defaultValue: r.action })}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {new Date(r.occurredAt).toLocaleString(i18n.language, { timeZone: tenant.timeZone })} · {r.actor.label}
                </Typography.Text>
              </div>
              {r.reason && <div>{t('common:field.reason')}: {r.reason}</div>}
            </div>
          ),
        }))}
      />
      {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
      {cursor && <Button onClick={() => void loadMore()} loading={more}>{t('loadMore')}</Button>}
    </div>
  );
}

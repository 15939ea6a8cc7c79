import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, List, Modal, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { Query } from '../../api/client';
import { receiptsApi, type ReceiptSummary } from '../../api/receipts';
import { useSession } from '../../auth/session';
import { amountShape } from '../../shared/AmountInput';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { receiptError } from './helpers';
import { ReceiptFilters, type ReceiptFilterValues } from './ReceiptFilters';

interface Failure {
  number: string;
  message: string;
}

function queryOf(filters: ReceiptFilterValues, baseCurrency: string): Query {
  const currency = filters.currency ?? baseCurrency;
  // Half-typed amounts ("12.") are not sent: the list keeps its last good filter until the amount is whole.
  const amount = (value?: string) => (value && amountShape(currency).test(value) ? value : undefined);
  const amountMin = amount(filters.amountMin);
  const amountMax = amount(filters.amountMax);
  return {
    q: filters.q,
    customer: filters.customer,
    status: filters.status,
    kind: filters.kind,
    channel: filters.channel,
    receivedFrom: filters.received?.[0]?.format('YYYY-MM-DD'),
    receivedTo: filters.received?.[1]?.format('YYYY-MM-DD'),
    currency: filters.currency ?? (amountMin || amountMax ? baseCurrency : undefined),
    amountMin,
    amountMax,
  };
}

/**
 * Filters a link may carry (a report's drill-down: /receipts?customer=…&channel=…&receivedFrom=…), read once when
 * the page opens. Owner and department have no field of their own here: they show as a tag the user can remove.
 */
function filtersFromLink(search: URLSearchParams): { filters: ReceiptFilterValues; scope: { owner?: string; department?: string } } {
  const text = (key: string) => search.get(key) || undefined;
  const date = (key: string) => (/^\d{4}-\d{2}-\d{2}$/.test(search.get(key) ?? '') ? dayjs(search.get(key)!) : null);
  const received: [ReturnType<typeof date>, ReturnType<typeof date>] = [date('receivedFrom'), date('receivedTo')];
  return {
    filters: {
      customer: text('customer'), status: text('status'), kind: text('kind'), channel: text('channel'), currency: text('currency'), q: text('q'),
      received: received[0] || received[1] ? received : undefined,
    },
    scope: { owner: text('owner'), department: text('department') },
  };
}

export default function ReceiptsPage() {
  const { t, i18n } = useTranslation('receipts');
  const { tenant, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [linked] = useState(() => filtersFromLink(search));
  const [filters, setFilters] = useState<ReceiptFilterValues>(linked.filters);
  const [scope, setScope] = useState(linked.scope);
  const [selected, setSelected] = useState<ReceiptSummary[]>([]);
  const [confirming, setConfirming] = useState<{ done: number; of: number } | null>(null);
  const [failures, setFailures] = useState<Failure[] | null>(null);
  const [reload, setReload] = useState(0);
  const mayConfirm = can('receipts.confirm');

  const columns = useMemo<DataColumn<ReceiptSummary>[]>(
    () => [
      { key: 'number', title: t('common:field.number'), render: (_, r) => <Link to={`/receipts/${r.id}`}>{r.number}</Link>, exportValue: (r) => r.number },
      { key: 'customer', title: t('common:field.customer'), render: (_, r) => <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link>, exportValue: (r) => r.customer.name },
      { key: 'status', title: t('common:field.status'), render: (_, r) => <StatusTag kind="receipt" status={r.status} />, exportValue: (r) => t(`common:status.receipt.${r.status}`) },
      { key: 'kind', title: t('field.kind'), render: (_, r) => t(`common:receiptKind.${r.kind}`), exportValue: (r) => t(`common:receiptKind.${r.kind}`) },
      { key: 'receivedDate', title: t('field.receivedDate'), dataIndex: 'receivedDate', exportValue: (r) => r.receivedDate },
      { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={r.currency} strong />, exportValue: (r) => r.amount, exportKind: 'amount' },
      { key: 'currency', title: t('common:field.currency'), dataIndex: 'currency', exportValue: (r) => r.currency, defaultHidden: true },
      { key: 'allocated', title: t('field.allocated'), align: 'right', render: (_, r) => <Money amount={r.allocated} currency={r.currency} />, exportValue: (r) => r.allocated, exportKind: 'amount' },
      { key: 'advance', title: t('field.unallocated'), align: 'right', render: (_, r) => <Money amount={r.advance} currency={r.currency} />, exportValue: (r) => r.advance, exportKind: 'amount' },
      { key: 'channel', title: t('common:field.channel'), render: (_, r) => t(`common:channel.${r.channel}`, { defaultValue: r.channel }), exportValue: (r) => t(`common:channel.${r.channel}`, { defaultValue: r.channel }) },
      { key: 'payerName', title: t('field.payerName'), dataIndex: 'payerName', exportValue: (r) => r.payerName, defaultHidden: true },
      { key: 'externalRef', title: t('field.externalRef'), dataIndex: 'externalRef', exportValue: (r) => r.externalRef, defaultHidden: true },
      { key: 'refunded', title: t('field.refunded'), align: 'right', render: (_, r) => <Money amount={r.refunded} currency={r.currency} />, exportValue: (r) => r.refunded, exportKind: 'amount', defaultHidden: true },
      {
        key: 'createdAt',
        title: t('common:field.createdAt'),
        render: (_, r) => new Date(r.createdAt).toLocaleString(i18n.language, { timeZone: tenant.timeZone }),
        exportValue: (r) => r.createdAt,
        defaultHidden: true,
      },
    ],
    [t, i18n.language, tenant.timeZone],
  );

  /** One confirmation per receipt: each succeeds or fails on its own (e.g. one you entered yourself). */
  const bulkConfirm = async () => {
    const failed: Failure[] = [];
    let done = 0;
    for (const [index, receipt] of selected.entries()) {
      setConfirming({ done: index, of: selected.length });
      try {
        await receiptsApi.confirm(receipt.id);
        done++;
      } catch (error) {
        failed.push({ number: receipt.number, message: receiptError(t, error) });
      }
    }
    setConfirming(null);
    setSelected([]);
    setReload((n) => n + 1);
    if (done > 0) message.success(t('bulk.confirmed', { count: done }));
    if (failed.length > 0) setFailures(failed);
  };

  const query = { ...queryOf(filters, tenant.baseCurrency), ...scope };
  const scoped = [scope.owner && t('filter.owner'), scope.department && t('filter.department')].filter(Boolean).join('、');

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      extra={
        can('receipts.create') && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="receipt-new" onClick={() => navigate('/receipts/new')}>
            {t('new')}
          </Button>
        )
      }
    >
      {scoped && (
        <Tag closable onClose={() => setScope({})} style={{ marginBottom: 12 }} data-testid="receipt-report-scope">{t('filter.fromReport', { what: scoped })}</Tag>
      )}
      <div style={{ marginBottom: 12 }}>
        <ReceiptFilters
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setSelected([]); // a selection made under other filters may hide rows the user no longer sees
          }}
          baseCurrency={tenant.baseCurrency}
        />
      </div>
      <DataTable<ReceiptSummary> live={['receipt']}
        id="receipts"
        path="/receipts"
        query={query}
        columns={columns}
        rowKey="id"
        exportName="receipts"
        serverExport="receipts"
        reloadToken={reload}
        rowSelection={
          mayConfirm
            ? {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'pending', 'aria-label': t('bulk.select', { number: r.number }) }),
              }
            : undefined
        }
        toolbar={
          mayConfirm && (
            <Button data-testid="receipt-bulk-confirm" disabled={selected.length === 0} loading={confirming !== null} onClick={() => void bulkConfirm()}>
              {confirming ? t('bulk.progress', confirming) : selected.length > 0 ? t('bulk.confirmCount', { count: selected.length }) : t('bulk.confirm')}
            </Button>
          )
        }
      />
      <Modal open={failures !== null} title={t('bulk.failedTitle')} onCancel={() => setFailures(null)}
        footer={<Button type="primary" onClick={() => setFailures(null)}>{t('common:action.close')}</Button>}
      >
        <Alert type="warning" showIcon title={t('bulk.failedIntro', { count: failures?.length ?? 0 })} style={{ marginBottom: 12 }} />
        <List
          size="small"
          dataSource={failures ?? []}
          renderItem={(f) => (
            <List.Item>
              <Typography.Text strong>{f.number}</Typography.Text>: {f.message}
            </List.Item>
          )}
        />
      </Modal>
    </Card>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { refundReasons, refundsApi, refundStatuses, type Refund } from '../../api/refunds';
import { useSession } from '../../auth/session';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { ReasonModal } from '../../shared/ReasonModal';
import { UserName } from '../receipts/UserName';
import { PayModal } from './PayModal';
import { RefundRowActions, type RefundAsk } from './RefundRowActions';

/** The approval state beside the status: "1/2" while a refund above the threshold waits for its second approver. */
function Approvals({ refund }: { refund: Refund }) {
  const { t } = useTranslation('refunds');
  if (refund.approvalsNeeded < 2) return null;
  const text = t('approvals', { done: refund.approvals, needed: refund.approvalsNeeded });
  return refund.firstApprovedBy ? (
    <Tooltip title={<span>{t('firstApprovedBy')}: <UserName id={refund.firstApprovedBy} /></span>}>
      <Tag color={refund.approvals >= refund.approvalsNeeded ? '#237804' : '#531dab'}>{text}</Tag>
    </Tooltip>
  ) : (
    <Tag color="#531dab">{text}</Tag>
  );
}

export default function RefundsPage() {
  const { t, i18n } = useTranslation('refunds');
  const { tenant, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [tab, setTab] = useState<'all' | 'mine'>('all');
  const [status, setStatus] = useState<string>();
  const [reasonCode, setReasonCode] = useState<string>();
  const [customer, setCustomer] = useState<string>();
  const [reload, setReload] = useState(0);
  const [ask, setAsk] = useState<RefundAsk | null>(null);
  const approver = can('refunds.approve');
  const changed = () => setReload((n) => n + 1);

  const columns = useMemo<DataColumn<Refund>[]>(
    () => [
      { key: 'number', title: t('common:field.number'), dataIndex: 'number', exportValue: (r) => r.number },
      { key: 'customer', title: t('common:field.customer'), render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>, exportValue: (r) => r.customerName },
      {
        key: 'status',
        title: t('common:field.status'),
        render: (_, r) => (
          <Space size={0}>
            <StatusTag kind="refund" status={r.status} />
            {(r.status === 'requested' || r.status === 'approved') && <Approvals refund={r} />}
          </Space>
        ),
        exportValue: (r) => t(`common:status.refund.${r.status}`),
      },
      { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={r.currency} strong />, exportValue: (r) => r.amount, exportKind: 'amount' },
      { key: 'currency', title: t('common:field.currency'), dataIndex: 'currency', exportValue: (r) => r.currency, defaultHidden: true },
      {
        key: 'reason',
        title: t('common:field.reason'),
        render: (_, r) => (
          <span>
            {t(`common:refundReason.${r.reasonCode}`)}
            {r.reasonText && <Typography.Text type="secondary"> · {r.reasonText}</Typography.Text>}
          </span>
        ),
        exportValue: (r) => `${t(`common:refundReason.${r.reasonCode}`)}${r.reasonText ? ` · ${r.reasonText}` : ''}`,
      },
      {
        key: 'source',
        title: t('source'),
        render: (_, r) =>
          r.receiptId ? (
            <Link to={`/receipts/${r.receiptId}`}>{r.receiptNumber}</Link>
          ) : (
            <Tooltip title={r.sources.map((s) => `${s.receiptNumber}: ${s.amount}`).join(', ')}>
              <span>{t('fromAdvance')}</span>
            </Tooltip>
          ),
        exportValue: (r) => r.receiptNumber ?? t('fromAdvance'),
      },
      { key: 'requestedBy', title: t('requestedBy'), render: (_, r) => <UserName id={r.requestedBy} /> },
      {
        key: 'requestedAt',
        title: t('requestedAt'),
        render: (_, r) => new Date(r.requestedAt).toLocaleString(i18n.language, { timeZone: tenant.timeZone }),
        exportValue: (r) => r.requestedAt,
      },
      {
        key: 'paid',
        title: t('paid'),
        render: (_, r) => (r.paidDate ? `${r.paidDate} · ${t(`common:channel.${r.paidChannel ?? 'other'}`)}${r.paidExternalRef ? ` · ${r.paidExternalRef}` : ''}` : '—'),
        exportValue: (r) => (r.paidDate ? `${r.paidDate} ${r.paidChannel ?? ''} ${r.paidExternalRef ?? ''}`.trim() : ''),
        defaultHidden: true,
      },
      { key: 'closeReason', title: t('closeReason'), render: (_, r) => r.closeReason ?? '—', exportValue: (r) => r.closeReason ?? '', defaultHidden: true },
      { key: 'actions', title: t('actions'), fixed: 'right', render: (_, r) => <RefundRowActions refund={r} onChanged={changed} onAsk={setAsk} /> },
    ],
    [t, i18n.language, tenant.timeZone],
  );

  const table = (
    <DataTable<Refund> live={['refund']}
      id={`refunds-${tab}`}
      path="/refunds"
      query={{ awaitingMyApproval: tab === 'mine' ? true : undefined, status: tab === 'mine' ? undefined : status, reasonCode, customer }}
      columns={columns}
      rowKey="id"
      exportName="refunds"
      serverExport="refunds"
      reloadToken={reload}
      emptyText={tab === 'mine' ? t('emptyMine') : undefined}
      toolbar={
        <>
          <CustomerSelect aria-label={t('common:field.customer')} allowClear value={customer} onChange={setCustomer} style={{ width: 220 }} />
          {tab === 'all' && (
            <Select
              aria-label={t('common:field.status')}
              placeholder={t('common:field.status')}
              allowClear
              value={status}
              onChange={setStatus}
              options={refundStatuses.map((s) => ({ value: s, label: t(`common:status.refund.${s}`) }))}
              style={{ width: 130 }}
            />
          )}
          <Select
            aria-label={t('common:field.reason')}
            placeholder={t('common:field.reason')}
            allowClear
            value={reasonCode}
            onChange={setReasonCode}
            options={refundReasons.map((r) => ({ value: r, label: t(`common:refundReason.${r}`) }))}
            style={{ width: 140 }}
          />
        </>
      }
    />
  );

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      extra={
        can('refunds.request') && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="refund-new" onClick={() => navigate('/refunds/new')}>
            {t('new')}
          </Button>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'all' | 'mine')}
        items={[
          { key: 'all', label: t('tabs.all'), children: tab === 'all' ? table : null },
          ...(approver ? [{ key: 'mine', label: t('tabs.mine'), children: tab === 'mine' ? table : null }] : []),
        ]}
      />
      <ReasonModal
        open={ask?.kind === 'reject' || ask?.kind === 'cancel'}
        title={ask?.kind === 'cancel' ? t('ask.cancelTitle', { number: ask.refund.number }) : t('ask.rejectTitle', { number: ask?.refund.number ?? '' })}
        okText={ask?.kind === 'cancel' ? t('action.cancel') : t('common:action.reject')}
        danger
        onClose={() => setAsk(null)}
        onSubmit={async (reason) => {
          if (!ask) return;
          if (ask.kind === 'cancel') await refundsApi.cancel(ask.refund.id, reason);
          else await refundsApi.reject(ask.refund.id, reason);
          message.success(ask.kind === 'cancel' ? t('done.cancelled') : t('done.rejected'));
          changed();
        }}
      />
      <PayModal
        refund={ask?.kind === 'pay' ? ask.refund : null}
        onClose={() => setAsk(null)}
        onPaid={() => {
          message.success(t('done.paid'));
          changed();
        }}
      />
    </Card>
  );
}

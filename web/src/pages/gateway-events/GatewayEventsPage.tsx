import { Card, Select, Tabs, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { gatewayEventStatuses, type GatewayEvent, type GatewayEventStatus, type WebhookRejection } from '../../api/gateway-events';
import { integrationsApi, providers, type Provider } from '../../api/integrations';
import { useSession } from '../../auth/session';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { useLoad } from '../../shared/useLoad';
import { useInstant } from '../settings/common';
import { EventDrawer } from './EventDrawer';

/** 网关事件: every verified notification with what became of it, and the deliveries refused before storing. */
export default function GatewayEventsPage() {
  const { t } = useTranslation('gatewayEvents');
  const [tab, setTab] = useState<'events' | 'rejections'>('events');
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>} data-testid="gateway-events">
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as typeof tab)}
        destroyOnHidden
        items={[
          { key: 'events', label: t('tab.events'), children: <EventsTab /> },
          { key: 'rejections', label: t('tab.rejections'), children: <RejectionsTab /> },
        ]}
      />
    </Card>
  );
}

/** Integration names for filters and columns; only an integrations manager may list them, others see ids. */
function useIntegrationNames() {
  const { can } = useSession();
  const allowed = can('integrations.manage');
  const list = useLoad((signal) => (allowed ? integrationsApi.list(signal) : Promise.resolve({ items: [] })), [allowed]);
  return useMemo(() => new Map((list.data?.items ?? []).map((i) => [i.id, i.name])), [list.data]);
}

function EventsTab() {
  const { t } = useTranslation('gatewayEvents');
  const instant = useInstant();
  const names = useIntegrationNames();
  const [status, setStatus] = useState<GatewayEventStatus | undefined>();
  const [provider, setProvider] = useState<Provider | undefined>();
  const [integrationId, setIntegrationId] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const kindLabel = (e: GatewayEvent) => t(`kind.${e.kind ?? 'none'}`, { defaultValue: e.kind ?? '' });
  const columns = useMemo<DataColumn<GatewayEvent>[]>(
    () => [
      { key: 'receivedAt', title: t('field.receivedAt'), render: (_, e) => instant(e.receivedAt), exportValue: (e) => e.receivedAt },
      { key: 'provider', title: t('field.provider'), render: (_, e) => t(`common:provider.${e.provider}`), exportValue: (e) => e.provider },
      { key: 'integration', title: t('field.integration'), render: (_, e) => names.get(e.integrationId) ?? <Typography.Text code>{e.integrationId.slice(0, 8)}</Typography.Text>, exportValue: (e) => names.get(e.integrationId) ?? e.integrationId, defaultHidden: true },
      {
        key: 'eventId',
        title: t('field.eventId'),
        render: (_, e) => (
          <Typography.Link onClick={() => setOpen(e.id)} aria-label={t('open', { eventId: e.eventId })} data-testid={`gateway-event-${e.id}`}>
            {e.eventId}
          </Typography.Link>
        ),
        exportValue: (e) => e.eventId,
      },
      { key: 'providerType', title: t('field.providerType'), dataIndex: 'providerType', exportValue: (e) => e.providerType },
      { key: 'kind', title: t('field.kind'), render: (_, e) => kindLabel(e), exportValue: kindLabel },
      { key: 'status', title: t('common:field.status'), render: (_, e) => <StatusTag kind="gatewayEvent" status={e.status} />, exportValue: (e) => t(`common:status.gatewayEvent.${e.status}`) },
      {
        key: 'amount',
        title: t('common:field.amount'),
        align: 'right',
        render: (_, e) => (e.amount && e.currency ? <Money amount={e.amount} currency={e.currency} strong /> : '—'),
        exportValue: (e) => e.amount,
        exportKind: 'amount',
      },
      { key: 'currency', title: t('common:field.currency'), dataIndex: 'currency', exportValue: (e) => e.currency, defaultHidden: true },
      { key: 'receipt', title: t('field.receipt'), render: (_, e) => (e.receiptId ? <Link to={`/receipts/${e.receiptId}`}>{e.receiptNumber ?? e.receiptId}</Link> : '—'), exportValue: (e) => e.receiptNumber },
      {
        key: 'error',
        title: t('field.error'),
        render: (_, e) => (e.error ? <Tooltip title={e.error.message}><Typography.Text type="danger">{e.error.code}</Typography.Text></Tooltip> : '—'),
        exportValue: (e) => (e.error ? `${e.error.code}: ${e.error.message}` : ''),
      },
      { key: 'attempts', title: t('field.attempts'), dataIndex: 'attempts', align: 'right', exportValue: (e) => e.attempts, defaultHidden: true },
    ],
    // instant follows the language; names arrive once
    [t, names],
  );

  return (
    <>
      <DataTable<GatewayEvent>
        id="gateway-events"
        path="/gateway-events"
        query={{ status, provider, integrationId }}
        columns={columns}
        rowKey="id"
        exportName="gateway-events"
        reloadToken={reload}
        toolbar={
          <>
            <Select allowClear aria-label={t('filter.status')} placeholder={t('filter.status')} style={{ width: 160 }} value={status} onChange={setStatus} data-testid="gateway-event-status-filter"
              options={gatewayEventStatuses.map((s) => ({ value: s, label: t(`common:status.gatewayEvent.${s}`) }))} />
            <Select allowClear aria-label={t('filter.provider')} placeholder={t('filter.provider')} style={{ width: 160 }} value={provider} onChange={setProvider}
              options={providers.map((p) => ({ value: p, label: t(`common:provider.${p}`) }))} />
            {names.size > 0 && (
              <Select allowClear aria-label={t('filter.integration')} placeholder={t('filter.integration')} style={{ width: 200 }} value={integrationId} onChange={setIntegrationId}
                options={[...names].map(([id, name]) => ({ value: id, label: name }))} />
            )}
          </>
        }
      />
      {open && <EventDrawer id={open} integrationName={names} onClose={() => setOpen(null)} onChanged={() => setReload((n) => n + 1)} />}
    </>
  );
}

function RejectionsTab() {
  const { t } = useTranslation('gatewayEvents');
  const instant = useInstant();
  const names = useIntegrationNames();
  const reason = (r: WebhookRejection) => t(`common:error.${r.reason}`, { defaultValue: r.reason });
  const columns = useMemo<DataColumn<WebhookRejection>[]>(
    () => [
      { key: 'receivedAt', title: t('field.receivedAt'), render: (_, r) => instant(r.receivedAt), exportValue: (r) => r.receivedAt },
      { key: 'provider', title: t('field.provider'), render: (_, r) => t(`common:provider.${r.provider}`, { defaultValue: r.provider }), exportValue: (r) => r.provider },
      { key: 'integration', title: t('field.integration'), render: (_, r) => (r.integrationId ? names.get(r.integrationId) ?? r.integrationId.slice(0, 8) : t('unknownIntegration')), exportValue: (r) => r.integrationId },
      { key: 'reason', title: t('field.reason'), render: (_, r) => <span><Typography.Text type="danger">{reason(r)}</Typography.Text> <Typography.Text code>{r.reason}</Typography.Text></span>, exportValue: (r) => r.reason },
      { key: 'detail', title: t('field.detail'), dataIndex: 'detail', exportValue: (r) => r.detail },
      { key: 'ip', title: t('field.ip'), dataIndex: 'ip', exportValue: (r) => r.ip },
    ],
    [t, names],
  );
  return <DataTable<WebhookRejection> id="webhook-rejections" path="/webhook-rejections" columns={columns} rowKey="id" exportName="webhook-rejections" />;
}

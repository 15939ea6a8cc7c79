import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { gatewayEventsApi, type GatewayEventDetail } from '../../api/gateway-events';
import { describeError } from '../../shared/errors';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { useLoad } from '../../shared/useLoad';
import { useInstant } from '../settings/common';
import { AssignModal } from './AssignModal';
import { prettyPayload } from './payload';

/** One event: what arrived (the body, pretty), whether its signature held, what became of it, and the actions. */
export function EventDrawer(props: { id: string; integrationName: Map<string, string>; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation('gatewayEvents');
  const { message } = App.useApp();
  const instant = useInstant();
  const loaded = useLoad((signal) => gatewayEventsApi.get(props.id, signal), [props.id]);
  // One key per opening: a double click or a retry replays once.
  const [replayKey] = useState(() => crypto.randomUUID());
  const [replaying, setReplaying] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const e: GatewayEventDetail | null = loaded.data;

  const replay = async () => {
    setReplaying(true);
    try {
      const next = await gatewayEventsApi.replay(props.id, replayKey);
      message.success(t('replayed', { status: t(`common:status.gatewayEvent.${next.status}`) }));
      loaded.reload();
      props.onChanged();
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setReplaying(false);
    }
  };

  const canAssign = e?.status === 'unmatched' && e.kind === 'payment_succeeded' && !e.receiptId;

  return (
    <Drawer open onClose={props.onClose} size="large" title={e ? t('detailTitle', { eventId: e.eventId }) : t('title')} data-testid="gateway-event-detail"
      extra={
        e && (
          <Space>
            {canAssign && (
              <Button type="primary" onClick={() => setAssigning(true)} data-testid="gateway-event-assign">
                {t('assign')}
              </Button>
            )}
            <Popconfirm title={t('replayAsk')} okText={t('replay')} cancelText={t('common:action.cancel')} onConfirm={() => replay()}>
              <Button loading={replaying} data-testid="gateway-event-replay">
                {t('replay')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {loaded.error && <Alert type="error" showIcon title={loaded.error} />}
      {!e && !loaded.error && <Skeleton active />}
      {e && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {e.error && <Alert type="error" showIcon title={e.error.code} description={e.error.message} />}
          <Descriptions bordered size="small" column={1}
            items={[
              { key: 'status', label: t('common:field.status'), children: <StatusTag kind="gatewayEvent" status={e.status} /> },
              { key: 'provider', label: t('field.provider'), children: t(`common:provider.${e.provider}`) },
              { key: 'integration', label: t('field.integration'), children: props.integrationName.get(e.integrationId) ?? e.integrationId },
              { key: 'eventId', label: t('field.eventId'), children: <Typography.Text code copyable>{e.eventId}</Typography.Text> },
              { key: 'providerType', label: t('field.providerType'), children: e.providerType },
              { key: 'kind', label: t('field.kind'), children: t(`kind.${e.kind ?? 'none'}`, { defaultValue: e.kind ?? '' }) },
              { key: 'amount', label: t('common:field.amount'), children: e.amount && e.currency ? <Money amount={e.amount} currency={e.currency} strong /> : '—' },
              {
                key: 'verification',
                label: t('field.verification'),
                children: (
                  <span>
                    <Tag color={e.verification.ok ? 'green' : 'red'}>{e.verification.ok ? t('verification.ok') : t('verification.failed')}</Tag>
                    {t('verification.method')}: {e.verification.method}
                    {e.verification.detail && <div style={{ color: '#595959' }}>{e.verification.detail}</div>}
                  </span>
                ),
              },
              { key: 'receipt', label: t('field.receipt'), children: e.receiptId ? <Link to={`/receipts/${e.receiptId}`}>{e.receiptNumber ?? e.receiptId}</Link> : '—' },
              ...(e.refundId ? [{ key: 'refund', label: t('field.refund'), children: e.refundId }] : []),
              { key: 'receivedAt', label: t('field.receivedAt'), children: instant(e.receivedAt) },
              { key: 'processedAt', label: t('field.processedAt'), children: instant(e.processedAt) },
              { key: 'attempts', label: t('field.attempts'), children: e.attempts },
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('field.payload')}</Typography.Title>
            <pre tabIndex={0} aria-label={t('field.payload')} data-testid="gateway-event-payload"
              style={{ maxHeight: 420, overflow: 'auto', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {prettyPayload(e.payload)}
            </pre>
          </div>
        </Space>
      )}
      {assigning && e && (
        <AssignModal
          event={e}
          onClose={() => setAssigning(false)}
          onAssigned={() => {
            setAssigning(false);
            loaded.reload();
            props.onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin';
import { useSession } from '../../auth/session';
import { eventTypes, webhooksApi, type WebhookDelivery, type WebhookSubscription } from '../../api/notifications';
import { useLoad } from '../../shared/useLoad';
import { CopyField } from '../integrations/CopyField';
import { useFormSubmit, useInstant, useRowAction } from '../settings/common';

const ALL = '*';

/**
 * The tenant's switch on private targets (loopback, LAN), with its warning: shown where the operator lets tenants
 * decide; changed by administrators (settings.manage), audited by the server; otherwise the operator's choice is said.
 */
function PrivateTargets({ operator }: { operator: 'never' | 'tenant' | 'always' }) {
  const { t } = useTranslation('notifications');
  const { tenant, can, reloadTenant } = useSession();
  const [saving, setSaving] = useState(false);
  if (operator !== 'tenant') return <Typography.Paragraph type="secondary" data-testid="webhook-private-operator">{t(`webhooks.private.${operator}`)}</Typography.Paragraph>;
  const change = async (on: boolean) => {
    setSaving(true);
    try {
      await adminApi.updateSettings({ allowPrivateWebhookTargets: on });
      await reloadTenant();
    } finally {
      setSaving(false);
    }
  };
  return (
    <Alert type={tenant.allowPrivateWebhookTargets ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="webhook-private"
      title={<Space><Switch checked={tenant.allowPrivateWebhookTargets} disabled={!can('settings.manage')} loading={saving} onChange={(on) => void change(on)} aria-label={t('webhooks.private.switch')} data-testid="webhook-private-switch" />{t('webhooks.private.switch')}</Space>}
      description={t(can('settings.manage') ? 'webhooks.private.warning' : 'webhooks.private.adminOnly')} />
  );
}

/** Settings › Webhook 订阅: receiver URLs with their event types, on/off, the secret shown once, the delivery log. */
export default function WebhooksTab() {
  const { t } = useTranslation('notifications');
  const instant = useInstant();
  const { run, reloadToken, reload } = useRowAction();
  const list = useLoad((signal) => webhooksApi.list(signal), [reloadToken]);
  const [editing, setEditing] = useState<WebhookSubscription | 'new' | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [log, setLog] = useState<WebhookSubscription | null>(null);

  const toggle = (s: WebhookSubscription) => run(() => webhooksApi.update(s.id, { active: !s.active }), t(s.active ? 'webhooks.disabledDone' : 'webhooks.enabledDone'));

  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="webhook-new">{t('webhooks.new')}</Button>
      </div>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      {list.data && <PrivateTargets operator={list.data.privateTargets} />}
      <Table<WebhookSubscription>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('webhooks.empty') }}
        columns={[
          { key: 'url', title: t('webhooks.url'), render: (_, s) => <><Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{s.url}</Typography.Text>{s.description && <div><Typography.Text type="secondary">{s.description}</Typography.Text></div>}</> },
          { key: 'types', title: t('webhooks.eventTypes'), render: (_, s) => s.eventTypes.map((e) => <Tag key={e}>{e === ALL ? t('webhooks.allEvents') : e}</Tag>) },
          { key: 'status', title: t('webhooks.status'), render: (_, s) => (s.active ? <Tag color="green">{t('webhooks.active')}</Tag> : <Tag>{t('webhooks.inactive')}</Tag>) },
          { key: 'updatedAt', title: t('webhooks.updatedAt'), render: (_, s) => instant(s.updatedAt) },
          {
            key: 'actions',
            title: t('webhooks.actions'),
            render: (_, s) => (
              <Space>
                <Button type="link" onClick={() => setLog(s)} data-testid={`webhook-log-${s.id}`}>{t('webhooks.deliveries')}</Button>
                <Button type="link" onClick={() => setEditing(s)}>{t('common:action.edit')}</Button>
                {s.active ? (
                  <Popconfirm title={t('webhooks.disableConfirm')} okText={t('webhooks.disable')} okButtonProps={{ danger: true }} cancelText={t('common:action.cancel')} onConfirm={() => toggle(s)}>
                    <Button type="link" danger>{t('webhooks.disable')}</Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" onClick={() => void toggle(s)}>{t('webhooks.enable')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <SubscriptionForm
          subscription={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(createdSecret) => {
            setEditing(null);
            if (createdSecret) setSecret(createdSecret);
            reload();
          }}
        />
      )}
      {secret && (
        <Modal open title={t('webhooks.created.title')} closable={false} maskClosable={false} keyboard={false} data-testid="webhook-created"
          footer={<Button type="primary" onClick={() => setSecret(null)} data-testid="webhook-created-done">{t('webhooks.created.done')}</Button>}>
          <Alert type="warning" showIcon title={t('webhooks.created.warning')} style={{ marginBottom: 16 }} />
          <label htmlFor="webhook-secret" style={{ display: 'block', marginBottom: 4 }}>{t('webhooks.created.secret')}</label>
          <CopyField id="webhook-secret" value={secret} testId="webhook-secret" secret />
        </Modal>
      )}
      {log && <DeliveryLog subscription={log} onClose={() => setLog(null)} />}
    </>
  );
}

interface Values {
  url: string;
  description?: string;
  all: boolean;
  eventTypes: string[];
}

function SubscriptionForm(props: { subscription?: WebhookSubscription; onClose: () => void; onSaved: (secret: string | null) => void }) {
  const { t } = useTranslation('notifications');
  const editing = props.subscription;
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const all = Form.useWatch('all', form) ?? editing?.eventTypes.includes(ALL) ?? false;

  const save = async (values: Values) => {
    const body = { url: values.url.trim(), description: (values.description ?? '').trim(), eventTypes: values.all ? [ALL] : values.eventTypes };
    if (editing) {
      await webhooksApi.update(editing.id, body);
      props.onSaved(null);
    } else {
      props.onSaved((await webhooksApi.create(body)).secret);
    }
  };

  const initial: Values = editing
    ? { url: editing.url, description: editing.description, all: editing.eventTypes.includes(ALL), eventTypes: editing.eventTypes.filter((e) => e !== ALL) }
    : { url: '', description: '', all: false, eventTypes: [] };

  return (
    <Modal open title={editing ? t('webhooks.edit') : t('webhooks.new')} okText={t('common:action.save')} cancelText={t('common:action.cancel')}
      onOk={() => void submit(save)} onCancel={props.onClose} confirmLoading={saving} okButtonProps={{ 'data-testid': 'webhook-save' }} destroyOnHidden width={640}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="webhook" layout="vertical" initialValues={initial}>
        <Form.Item name="url" label={t('webhooks.url')} extra={t('webhooks.urlHelp')} rules={[{ required: true, whitespace: true, message: t('webhooks.required') }]}>
          <Input maxLength={2048} autoComplete="off" placeholder="https://erp.example.com/kuanxiang/webhooks" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="all" valuePropName="checked">
          <Checkbox data-testid="webhook-all">{t('webhooks.allEvents')}</Checkbox>
        </Form.Item>
        {!all && (
          <Form.Item name="eventTypes" label={t('webhooks.eventTypes')} rules={[{ required: true, type: 'array', min: 1, message: t('webhooks.required') }]}>
            <Checkbox.Group options={eventTypes.map((e) => ({ value: e, label: <span data-testid={`webhook-type-${e}`}>{e}</span> }))} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

const statusColor = { pending: 'blue', succeeded: 'green', failed: 'red' } as const;

/** The delivery log of one subscription: newest first, each with its attempts, and resend. */
function DeliveryLog({ subscription, onClose }: { subscription: WebhookSubscription; onClose: () => void }) {
  const { t } = useTranslation('notifications');
  const instant = useInstant();
  const { run, reloadToken } = useRowAction();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const page = useLoad((signal) => webhooksApi.deliveries(subscription.id, { cursor }, signal), [subscription.id, cursor, reloadToken]);
  const [open, setOpen] = useState<string | null>(null);
  const detail = useLoad((signal) => (open ? webhooksApi.delivery(subscription.id, open, signal) : Promise.resolve(null)), [open, reloadToken]);

  return (
    <Drawer open size="large" title={t('webhooks.log.title', { url: subscription.url })} onClose={onClose} data-testid="webhook-log">
      {page.error && <Alert type="error" showIcon title={page.error} style={{ marginBottom: 12 }} />}
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        loading={page.loading}
        dataSource={page.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(d) => ({ onClick: () => setOpen(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'type', title: t('webhooks.log.type'), render: (_, d) => d.type },
          { key: 'status', title: t('webhooks.log.status'), render: (_, d) => <Tag color={statusColor[d.status]} data-testid="webhook-delivery-status">{t(`webhooks.log.${d.status}`)}</Tag> },
          { key: 'attempts', title: t('webhooks.log.attempts'), render: (_, d) => d.attempts },
          { key: 'last', title: t('webhooks.log.lastStatus'), render: (_, d) => d.lastStatusCode ?? (d.lastError ? <Typography.Text type="danger">{d.lastError.slice(0, 60)}</Typography.Text> : '—') },
          { key: 'next', title: t('webhooks.log.nextAttempt'), render: (_, d) => (d.nextAttemptAt ? instant(d.nextAttemptAt) : '—') },
          { key: 'created', title: t('webhooks.log.createdAt'), render: (_, d) => instant(d.createdAt) },
          {
            key: 'resend', title: '', render: (_, d) => (
              <Button size="small" onClick={(e) => { e.stopPropagation(); void run(() => webhooksApi.resend(subscription.id, d.id), t('webhooks.log.resent')); }} data-testid={`webhook-resend-${d.id}`}>
                {t('webhooks.log.resend')}
              </Button>
            ),
          },
        ]}
      />
      {page.data?.nextCursor && <Button style={{ marginTop: 8 }} onClick={() => setCursor(page.data!.nextCursor!)}>{t('webhooks.log.more')}</Button>}
      {detail.data && (
        <div style={{ marginTop: 16 }} data-testid="webhook-delivery-detail">
          <Typography.Title level={5}>{t('webhooks.log.attemptLog')}</Typography.Title>
          {detail.data.attemptLog.map((a) => (
            <Descriptions key={a.attemptNo} size="small" bordered column={1} style={{ marginBottom: 8 }} title={`${t('webhooks.log.attemptNo', { n: a.attemptNo })} · ${instant(a.startedAt)} · ${t('webhooks.log.duration', { ms: a.durationMs })}`}>
              <Descriptions.Item label={t('webhooks.log.lastStatus')}>{a.statusCode ?? '—'}</Descriptions.Item>
              {a.error && <Descriptions.Item label={t('webhooks.log.error')}>{a.error}</Descriptions.Item>}
              {a.responseBody && <Descriptions.Item label={t('webhooks.log.response')}><pre style={{ whiteSpace: 'pre-wrap', margin: 0, maxHeight: 160, overflow: 'auto' }}>{a.responseBody}</pre></Descriptions.Item>}
            </Descriptions>
          ))}
          <Typography.Title level={5}>{t('webhooks.log.body')}</Typography.Title>
          <pre style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8, maxHeight: 240, overflow: 'auto' }}>{detail.data.body}</pre>
        </div>
      )}
    </Drawer>
  );
}

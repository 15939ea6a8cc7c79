import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { integrationsApi, webhookUrl, type CreatedIntegration, type Integration } from '../../api/integrations';
import { useLoad } from '../../shared/useLoad';
import { useInstant, useRowAction } from '../settings/common';
import { CopyField } from './CopyField';
import { IntegrationForm } from './IntegrationForm';

/** Settings › 支付集成: one row per integration with its webhook URL to copy, which secrets are set, on/off. */
export default function IntegrationsTab() {
  const { t } = useTranslation('integrations');
  const instant = useInstant();
  const { run, reloadToken, reload } = useRowAction();
  const list = useLoad((signal) => integrationsApi.list(signal), [reloadToken]);
  const [editing, setEditing] = useState<Integration | 'new' | null>(null);
  const [created, setCreated] = useState<CreatedIntegration | null>(null);

  const toggle = (i: Integration) =>
    run(() => integrationsApi.update(i.id, { enabled: !i.enabled }), t(i.enabled ? 'disabledDone' : 'enabledDone', { name: i.name }));

  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="integration-new">
          {t('new')}
        </Button>
      </div>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<Integration>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('empty') }}
        columns={[
          { key: 'name', title: t('name'), render: (_, i) => <Typography.Text strong>{i.name}</Typography.Text> },
          { key: 'provider', title: t('provider'), render: (_, i) => t(`common:provider.${i.provider}`) },
          { key: 'status', title: t('status'), render: (_, i) => (i.enabled ? <Tag color="green">{t('on')}</Tag> : <Tag>{t('off')}</Tag>) },
          {
            key: 'secrets',
            title: t('secretsSet'),
            render: (_, i) => (i.secretsSet.length === 0 ? <Tag>{t('secretMissing')}</Tag> : i.secretsSet.map((s) => <Tag key={s}>{t(`secret.${s}`, { defaultValue: s })}</Tag>)),
          },
          {
            key: 'url',
            title: t('webhookUrl'),
            width: 420,
            render: (_, i) => <Typography.Text copyable={{ text: webhookUrl(i), tooltips: [t('copy'), t('copied')] }} style={{ fontFamily: 'monospace', fontSize: 12 }}>{webhookUrl(i)}</Typography.Text>,
          },
          { key: 'updatedAt', title: t('updatedAt'), render: (_, i) => instant(i.updatedAt) },
          {
            key: 'actions',
            title: t('actions'),
            render: (_, i) => (
              <Space>
                <Button type="link" onClick={() => setEditing(i)} data-testid={`integration-edit-${i.id}`}>
                  {t('common:action.edit')}
                </Button>
                {i.enabled ? (
                  <Popconfirm title={t('disableConfirm', { name: i.name })} okText={t('disable')} okButtonProps={{ danger: true }} cancelText={t('common:action.cancel')} onConfirm={() => toggle(i)}>
                    <Button type="link" danger>
                      {t('disable')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" onClick={() => void toggle(i)}>
                    {t('enable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <IntegrationForm
          integration={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved, isNew) => {
            setEditing(null);
            if (isNew) setCreated(saved);
            reload();
          }}
        />
      )}
      {created && <CreatedIntegrationModal created={created} onClose={() => setCreated(null)} />}
    </>
  );
}

/** After creating: the webhook URL to give the provider, and a generated secret — this once, never again. */
function CreatedIntegrationModal({ created, onClose }: { created: CreatedIntegration; onClose: () => void }) {
  const { t } = useTranslation('integrations');
  const secret = created.generatedSecret;
  return (
    <Modal
      open
      title={t('created.title')}
      closable={!secret}
      maskClosable={!secret}
      keyboard={!secret}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="integration-created-done">
          {secret ? t('created.done') : t('common:action.close')}
        </Button>
      }
      width={640}
      data-testid="integration-created"
    >
      {secret && (
        <>
          <Alert type="warning" showIcon title={t('created.secretWarning')} style={{ marginBottom: 16 }} />
          <label htmlFor="integration-secret" style={{ display: 'block', marginBottom: 4 }}>
            {t('created.secret')}
          </label>
          <CopyField id="integration-secret" value={secret} testId="integration-secret" secret />
        </>
      )}
      <label htmlFor="integration-url" style={{ display: 'block', margin: '16px 0 4px' }}>
        {t('created.urlIntro', { provider: t(`common:provider.${created.provider}`) })}
      </label>
      <CopyField id="integration-url" value={webhookUrl(created)} testId="integration-url" />
    </Modal>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Select, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type ApiKey, type CreatedApiKey } from '../../api/admin';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { ApiKeyForm, ApiKeySecret } from './ApiKeyForm';
import { useInstant, useRowAction } from './common';
import { PermissionTags, permissionLabel, scopeLabel } from './permissions';

export default function ApiKeysTab() {
  const { t } = useTranslation('settings');
  const instant = useInstant();
  const [status, setStatus] = useState<'active' | 'revoked' | undefined>('active');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const { run, reloadToken, reload } = useRowAction();
  const revoke = (key: ApiKey) => run(() => adminApi.revokeApiKey(key.id), t('apiKeys.revokedDone'));

  const columns = useMemo<DataColumn<ApiKey>[]>(
    () => [
      { key: 'name', title: t('apiKeys.name'), dataIndex: 'name', exportValue: (k) => k.name },
      {
        key: 'permissions',
        title: t('apiKeys.permissions'),
        width: 380,
        render: (_, k) => <PermissionTags codes={k.permissions} max={4} />,
        exportValue: (k) => k.permissions.map((p) => permissionLabel(t, p)).join(', '),
      },
      { key: 'dataScope', title: t('apiKeys.dataScope'), render: (_, k) => scopeLabel(t, k.dataScope), exportValue: (k) => scopeLabel(t, k.dataScope) },
      { key: 'createdBy', title: t('apiKeys.createdBy'), dataIndex: 'createdByLogin', exportValue: (k) => k.createdByLogin },
      { key: 'createdAt', title: t('apiKeys.createdAt'), render: (_, k) => instant(k.createdAt), exportValue: (k) => k.createdAt },
      { key: 'lastUsedAt', title: t('apiKeys.lastUsedAt'), render: (_, k) => (k.lastUsedAt ? instant(k.lastUsedAt) : t('apiKeys.never')), exportValue: (k) => k.lastUsedAt },
      {
        key: 'status',
        title: t('apiKeys.status'),
        render: (_, k) =>
          k.revokedAt ? <Tag title={t('apiKeys.revokedAt', { time: instant(k.revokedAt) })}>{t('apiKeys.revoked')}</Tag> : <Tag color="green">{t('apiKeys.active')}</Tag>,
        exportValue: (k) => (k.revokedAt ? t('apiKeys.revokedAt', { time: k.revokedAt }) : t('apiKeys.active')),
      },
      {
        key: 'actions',
        title: t('common:action.more'),
        render: (_, k) =>
          k.revokedAt ? null : (
            <Popconfirm
              title={t('apiKeys.revokeConfirm', { name: k.name })}
              okText={t('apiKeys.revoke')}
              okButtonProps={{ danger: true, 'data-testid': 'api-key-revoke-ok' }}
              cancelText={t('common:action.cancel')}
              onConfirm={() => revoke(k)}
            >
              <Button type="link" danger data-testid={`api-key-revoke-${k.id}`}>
                {t('apiKeys.revoke')}
              </Button>
            </Popconfirm>
          ),
      },
    ],
    // instant and revoke change with every render; the columns need only follow the language
    [t],
  );

  return (
    <>
      <DataTable<ApiKey>
        id="settings-api-keys"
        path="/api-keys"
        query={{ status }}
        columns={columns}
        rowKey="id"
        exportName="api-keys"
        reloadToken={reloadToken}
        toolbar={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="api-key-new">
              {t('apiKeys.new')}
            </Button>
            <Select
              allowClear
              aria-label={t('apiKeys.filterStatus')}
              placeholder={t('apiKeys.filterStatus')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={[
                { value: 'active', label: t('apiKeys.active') },
                { value: 'revoked', label: t('apiKeys.revoked') },
              ]}
            />
          </>
        }
      />
      {creating && (
        <ApiKeyForm
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setCreated(result);
            reload();
          }}
        />
      )}
      {created && <ApiKeySecret created={created} onClose={() => setCreated(null)} />}
    </>
  );
}

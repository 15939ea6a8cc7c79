import { PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type Role } from '../../api/admin';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { useRowAction } from './common';
import { useLoad } from '../../shared/useLoad';
import { PermissionTags, permissionLabel, roleLabel, scopeLabel } from './permissions';
import { RoleForm } from './RoleForm';

export default function RolesTab() {
  const { t } = useTranslation('settings');
  const catalog = useLoad(() => adminApi.catalog(), []);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const { run, reloadToken, reload } = useRowAction();
  const remove = (role: Role) => run(() => adminApi.deleteRole(role.code), t('roles.deleted'));

  const columns = useMemo<DataColumn<Role>[]>(
    () => [
      { key: 'name', title: t('roles.name'), render: (_, r) => roleLabel(t, r), exportValue: (r) => roleLabel(t, r) },
      { key: 'code', title: t('roles.code'), dataIndex: 'code', exportValue: (r) => r.code },
      {
        key: 'kind',
        title: t('roles.kind'),
        render: (_, r) => (r.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>),
        exportValue: (r) => t(r.builtin ? 'roles.builtin' : 'roles.custom'),
      },
      { key: 'dataScope', title: t('roles.dataScope'), render: (_, r) => scopeLabel(t, r.dataScope), exportValue: (r) => scopeLabel(t, r.dataScope) },
      {
        key: 'permissions',
        title: t('roles.permissions'),
        width: 420,
        render: (_, r) => <PermissionTags codes={r.permissions} max={4} />,
        exportValue: (r) => r.permissions.map((p) => permissionLabel(t, p)).join(', '),
      },
      { key: 'users', title: t('roles.users'), dataIndex: 'userCount', align: 'right', exportValue: (r) => r.userCount },
      {
        key: 'actions',
        title: t('common:action.more'),
        render: (_, r) => (
          <Space size={0}>
            <Button type="link" onClick={() => setEditing(r)} data-testid={`role-open-${r.code}`}>
              {t(r.builtin ? 'common:action.view' : 'common:action.edit')}
            </Button>
            {!r.builtin &&
              (r.userCount > 0 ? (
                <Tooltip title={t('roles.deleteInUse')}>
                  <Button type="link" danger disabled>
                    {t('common:action.delete')}
                  </Button>
                </Tooltip>
              ) : (
                <Popconfirm
                  title={t('roles.deleteConfirm', { name: r.name })}
                  okText={t('common:action.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common:action.cancel')}
                  onConfirm={() => remove(r)}
                >
                  <Button type="link" danger>
                    {t('common:action.delete')}
                  </Button>
                </Popconfirm>
              ))}
          </Space>
        ),
      },
    ],
    [t],
  );

  return (
    <>
      <DataTable<Role>
        id="settings-roles"
        path="/roles"
        columns={columns}
        rowKey="code"
        exportName="roles"
        reloadToken={reloadToken}
        toolbar={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="role-new">
            {t('roles.new')}
          </Button>
        }
      />
      {editing && (
        <RoleForm
          role={editing === 'new' ? null : editing}
          available={catalog.data?.permissions ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      )}
    </>
  );
}

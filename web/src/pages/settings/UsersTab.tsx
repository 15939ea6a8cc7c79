import { PlusOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Select, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AdminUser } from '../../api/admin';
import { useSession } from '../../auth/session';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { departmentName, useDirectory, useInstant, useRowAction } from './common';
import { roleLabel } from './permissions';
import { UserForm } from './UserForm';

export default function UsersTab() {
  const { t } = useTranslation('settings');
  const { user: me } = useSession();
  const instant = useInstant();
  const { roles, departments } = useDirectory({ roles: true, departments: true });
  const [role, setRole] = useState<string | undefined>();
  const [status, setStatus] = useState<'active' | 'disabled' | undefined>();
  const [editing, setEditing] = useState<AdminUser | 'new' | null>(null);
  const { run, reloadToken, reload } = useRowAction();
  const roleName = (code: string) => roleLabel(t, roles.data?.find((r) => r.code === code), code);

  const toggle = (user: AdminUser) =>
    run(
      () => (user.disabled ? adminApi.enableUser(user.id) : adminApi.disableUser(user.id)),
      t(user.disabled ? 'users.enabledDone' : 'users.disabledDone', { name: user.displayName }),
    );

  const columns = useMemo<DataColumn<AdminUser>[]>(
    () => [
      { key: 'login', title: t('users.login'), dataIndex: 'login', exportValue: (u) => u.login },
      { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName', exportValue: (u) => u.displayName },
      { key: 'role', title: t('users.role'), render: (_, u) => roleName(u.role), exportValue: (u) => roleName(u.role) },
      {
        key: 'department',
        title: t('users.department'),
        render: (_, u) => departmentName(t, departments.data, u.departmentId),
        exportValue: (u) => departmentName(t, departments.data, u.departmentId),
      },
      { key: 'email', title: t('users.email'), render: (_, u) => u.email ?? '—', exportValue: (u) => u.email },
      { key: 'phone', title: t('users.phone'), render: (_, u) => u.phone ?? '—', exportValue: (u) => u.phone, defaultHidden: true },
      {
        key: 'status',
        title: t('users.status'),
        render: (_, u) => (u.disabled ? <Tag>{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
        exportValue: (u) => t(u.disabled ? 'users.disabled' : 'users.active'),
      },
      { key: 'createdAt', title: t('common:field.createdAt'), render: (_, u) => instant(u.createdAt), exportValue: (u) => u.createdAt, defaultHidden: true },
      {
        key: 'actions',
        title: t('common:action.more'),
        render: (_, u) => (
          <Space size={0}>
            <Button type="link" onClick={() => setEditing(u)} data-testid={`user-edit-${u.login}`}>
              {t('common:action.edit')}
            </Button>
            {u.id !== me.id && (
              <Popconfirm
                title={t(u.disabled ? 'users.enableConfirm' : 'users.disableConfirm', { name: u.displayName })}
                okText={t(u.disabled ? 'users.enable' : 'users.disable')}
                okButtonProps={{ danger: !u.disabled, 'data-testid': 'user-toggle-ok' }}
                cancelText={t('common:action.cancel')}
                onConfirm={() => toggle(u)}
              >
                <Button type="link" danger={!u.disabled} data-testid={`user-toggle-${u.login}`}>
                  {t(u.disabled ? 'users.enable' : 'users.disable')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
      },
    ],
    [t, roles.data, departments.data, me.id],
  );

  return (
    <>
      <DataTable<AdminUser>
        id="settings-users"
        path="/users"
        query={{ role, disabled: status === undefined ? undefined : status === 'disabled' }}
        columns={columns}
        rowKey="id"
        exportName="users"
        reloadToken={reloadToken}
        toolbar={
          <>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">
              {t('users.new')}
            </Button>
            <Select
              allowClear
              aria-label={t('users.filterRole')}
              placeholder={t('users.filterRole')}
              style={{ width: 160 }}
              value={role}
              onChange={setRole}
              options={(roles.data ?? []).map((r) => ({ value: r.code, label: roleLabel(t, r) }))}
            />
            <Select
              allowClear
              aria-label={t('users.filterStatus')}
              placeholder={t('users.filterStatus')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={[
                { value: 'active', label: t('users.active') },
                { value: 'disabled', label: t('users.disabled') },
              ]}
            />
          </>
        }
      />
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          roles={roles.data ?? []}
          departments={departments.data ?? []}
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

import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi, dataScopes, type DataScope, type Role } from '../../api/admin';
import { useFormSubmit } from './common';
import { PermissionChecklist, roleLabel, scopeLabel } from './permissions';

interface Values {
  code: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
}

/** A custom role's permissions and data scope; a built-in role is shown with the same layout, read-only. */
export function RoleForm(props: { role: Role | null; available: string[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('settings');
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const role = props.role;
  const readOnly = !!role?.builtin;
  const available = role?.permissions.includes('*') ? ['*'] : [...new Set([...props.available, ...(role?.permissions ?? [])])];

  const save = async (values: Values) => {
    if (role) await adminApi.updateRole(role.code, { name: values.name.trim(), permissions: values.permissions, dataScope: values.dataScope });
    else await adminApi.createRole({ code: values.code.trim(), name: values.name.trim(), permissions: values.permissions, dataScope: values.dataScope });
    props.onSaved();
  };

  const title = readOnly ? `${t('roles.view')} · ${roleLabel(t, role ?? undefined)}` : t(role ? 'roles.edit' : 'roles.new');
  return (
    <Modal
      open
      title={title}
      okText={t('common:action.save')}
      cancelText={t(readOnly ? 'common:action.close' : 'common:action.cancel')}
      onOk={() => void submit(save)}
      onCancel={props.onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'role-save', style: readOnly ? { display: 'none' } : undefined }}
      destroyOnHidden
      width={720}
    >
      {readOnly && <Alert type="info" showIcon message={t('roles.builtinReadOnly')} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        name="role"
        layout="vertical"
        disabled={readOnly}
        data-testid="role-form"
        initialValues={role ? { code: role.code, name: readOnly ? roleLabel(t, role) : role.name, permissions: role.permissions, dataScope: role.dataScope } : { permissions: [], dataScope: 'own' }}
      >
        <Form.Item name="code" label={t('roles.code')} extra={role ? undefined : t('roles.codeHelp')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('roles.codeHelp') }]}>
          <Input disabled={!!role} maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('roles.name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="dataScope" label={t('roles.dataScope')} rules={[{ required: true, message: t('required') }]}>
          <Radio.Group options={dataScopes.map((scope) => ({ value: scope, label: scopeLabel(t, scope) }))} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('roles.permissionsRequired') }]}>
          <PermissionChecklist available={available} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Alert, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { adminApi, type AdminUser, type Department, type Role } from '../../api/admin';
import { departmentTree, useFormSubmit } from './common';
import { roleLabel } from './permissions';

interface Values {
  login: string;
  displayName: string;
  email?: string;
  phone?: string;
  role: string;
  departmentId?: string | null;
  password?: string;
}

const blankToNull = (value: string | undefined) => (value && value.trim() ? value.trim() : null);

/** Create a user (with an initial password) or change one; the login and password are not edited here. */
export function UserForm(props: { user: AdminUser | null; roles: Role[]; departments: Department[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation('settings');
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const editing = props.user;
  const role = Form.useWatch('role', form);

  const save = async (values: Values) => {
    const common = {
      displayName: values.displayName.trim(),
      email: blankToNull(values.email),
      phone: blankToNull(values.phone),
      role: values.role,
      departmentId: values.departmentId ?? null,
    };
    if (editing) {
      // Masked contact details come back as they were shown: send them only when the user changed them.
      const changes: Partial<typeof common> = { ...common };
      if (changes.email === editing.email) delete changes.email;
      if (changes.phone === editing.phone) delete changes.phone;
      await adminApi.updateUser(editing.id, changes);
    } else {
      await adminApi.createUser({ ...common, login: values.login.trim(), password: values.password ?? '' });
    }
    props.onSaved();
  };

  return (
    <Modal
      open
      title={t(editing ? 'users.edit' : 'users.new')}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => void submit(save)}
      onCancel={props.onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'user-save' }}
      destroyOnHidden
      width={560}
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        name="user"
        layout="vertical"
        data-testid="user-form"
        initialValues={
          editing
            ? { login: editing.login, displayName: editing.displayName, email: editing.email ?? '', phone: editing.phone ?? '', role: editing.role, departmentId: editing.departmentId }
            : { role: 'sales', departmentId: null }
        }
      >
        <Form.Item name="login" label={t('users.login')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input autoComplete="off" disabled={!!editing} maxLength={64} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('required') }]} extra={editing && role !== editing.role ? t('users.roleChangeWarning') : undefined}>
          <Select options={props.roles.map((r) => ({ value: r.code, label: roleLabel(t, r) }))} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <TreeSelect allowClear treeDefaultExpandAll placeholder={t('users.noDepartment')} treeData={departmentTree(props.departments)} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')}>
          <Input type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHelp')} rules={[{ required: true, min: 8, max: 64, message: t('users.passwordHelp') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

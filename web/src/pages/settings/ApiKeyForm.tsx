import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, dataScopes, type CreatedApiKey, type DataScope, type NewApiKey } from '../../api/admin';
import { useSession } from '../../auth/session';
import { useFormSubmit } from './common';
import { PermissionChecklist, scopeLabel } from './permissions';

interface Values {
  name: string;
  /** Codes the checklist offers: the creator's own permissions, all of them known to the server. */
  permissions: NewApiKey['permissions'];
  dataScope: DataScope;
}

/** A key gets no permission or data scope beyond its creator's: offer only those. */
export function ApiKeyForm(props: { onClose: () => void; onCreated: (created: CreatedApiKey) => void }) {
  const { t } = useTranslation('settings');
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  // One key per opening of the form: a retry after a network error creates the key once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const scopes = dataScopes.slice(0, dataScopes.indexOf(user.dataScope) + 1);

  const save = async (values: Values) =>
    props.onCreated(await adminApi.createApiKey({ name: values.name.trim(), permissions: values.permissions, dataScope: values.dataScope }, idempotencyKey));

  return (
    <Modal
      open
      title={t('apiKeys.new')}
      okText={t('common:action.create')}
      cancelText={t('common:action.cancel')}
      onOk={() => void submit(save)}
      onCancel={props.onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'api-key-save' }}
      destroyOnHidden
      width={720}
    >
      <Alert type="info" showIcon message={t('apiKeys.scopeLimit')} style={{ marginBottom: 16 }} />
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="api-key" layout="vertical" initialValues={{ permissions: [], dataScope: scopes.at(-1) ?? 'own' }} data-testid="api-key-form">
        <Form.Item name="name" label={t('apiKeys.name')} extra={t('apiKeys.nameHelp')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="dataScope" label={t('apiKeys.dataScope')} rules={[{ required: true, message: t('required') }]}>
          <Radio.Group options={scopes.map((scope) => ({ value: scope, label: scopeLabel(t, scope) }))} />
        </Form.Item>
        <Form.Item name="permissions" label={t('apiKeys.permissions')} rules={[{ required: true, type: 'array', min: 1, message: t('roles.permissionsRequired') }]}>
          <PermissionChecklist available={user.permissions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The secret, once: a warning, the key to select or copy, and no way back to it after closing. */
export function ApiKeySecret({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      message.success(t('apiKeys.copied'));
    } catch {
      message.warning(t('apiKeys.copyFailed'));
    }
  };

  return (
    <Modal
      open
      title={t('apiKeys.createdTitle')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="api-key-secret-done">
          {t('apiKeys.done')}
        </Button>
      }
      width={640}
    >
      <Alert type="warning" showIcon message={t('apiKeys.secretWarning')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph strong>{created.apiKey.name}</Typography.Paragraph>
      <label htmlFor="api-key-secret" style={{ display: 'block', marginBottom: 4 }}>
        {t('apiKeys.secretLabel')}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input id="api-key-secret" readOnly value={created.key} onFocus={(e) => e.target.select()} data-testid="api-key-secret" style={{ fontFamily: 'monospace' }} />
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="api-key-copy">
          {t('apiKeys.copy')}
        </Button>
      </Space.Compact>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>{t('apiKeys.usage')}</Typography.Paragraph>
    </Modal>
  );
}

import { Alert, Form, Input, Modal, Select, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { integrationsApi, providerFields, providers, type CreatedIntegration, type Integration, type Provider } from '../../api/integrations';
import { receiptChannels } from '../../api/receipts';
import { useFormSubmit } from '../settings/common';

interface Values {
  provider: Provider;
  name: string;
  enabled: boolean;
  defaultChannel?: string;
  autoAllocate: boolean;
  config: Record<string, string | undefined>;
  secrets: Record<string, string | undefined>;
}

/** Only the fields filled in: an empty secret on edit means "keep the stored one". */
function filled(values: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '').map(([k, v]) => [k, v.trim()]));
}

/**
 * Create or edit one integration. Secrets are write-only: on edit the form shows which are set and an empty
 * field keeps the stored value, so opening and saving the form never wipes a secret nobody retyped.
 */
export function IntegrationForm(props: { integration?: Integration; onClose: () => void; onSaved: (saved: CreatedIntegration, created: boolean) => void }) {
  const { t } = useTranslation('integrations');
  const editing = props.integration;
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const provider = Form.useWatch('provider', form) ?? editing?.provider ?? 'stripe';
  const fields = providerFields[provider];

  const save = async (values: Values) => {
    const config = { ...filled(values.config), autoAllocate: values.autoAllocate, ...(values.provider === 'generic' && values.defaultChannel ? { defaultChannel: values.defaultChannel } : {}) };
    const secrets = filled(values.secrets);
    if (editing) {
      const saved = await integrationsApi.update(editing.id, { name: values.name.trim(), enabled: values.enabled, config, ...(Object.keys(secrets).length > 0 ? { secrets } : {}) });
      props.onSaved(saved, false);
    } else {
      props.onSaved(await integrationsApi.create({ provider: values.provider, name: values.name.trim(), config, secrets }, idempotencyKey), true);
    }
  };

  const initial: Values = editing
    ? {
        provider: editing.provider, name: editing.name, enabled: editing.enabled, defaultChannel: editing.config.defaultChannel, autoAllocate: editing.config.autoAllocate ?? false,
        config: { appId: editing.config.appId, mchId: editing.config.mchId, platformSerial: editing.config.platformSerial }, secrets: {},
      }
    : { provider: 'stripe', name: '', enabled: true, autoAllocate: false, config: {}, secrets: {} };

  return (
    <Modal
      open
      title={editing ? t('edit', { name: editing.name }) : t('new')}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => void submit(save)}
      onCancel={props.onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'integration-save' }}
      destroyOnHidden
      width={640}
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        name="integration"
        layout="vertical"
        initialValues={initial}
        data-testid="integration-form"
      >
        <Form.Item name="provider" label={t('provider')} rules={[{ required: true, message: t('required') }]}>
          <Select disabled={!!editing} data-testid="integration-provider" options={providers.map((p) => ({ value: p, label: t(`common:provider.${p}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('name')} extra={t('nameHelp')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={100} autoComplete="off" data-testid="integration-name" />
        </Form.Item>
        {fields.config.map((name) => (
          <Form.Item key={name} name={['config', name]} label={t(`config.${name}`)} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
        ))}
        {provider === 'generic' && !editing && <Alert type="info" showIcon title={t('genericHint')} style={{ marginBottom: 16 }} />}
        {fields.secrets.map((secret) => {
          const isSet = editing?.secretsSet.includes(secret.name);
          const label = (
            <span>
              {t(`secret.${secret.name}`)} {editing && <Tag color={isSet ? 'green' : 'default'} style={{ marginInlineStart: 8 }}>{isSet ? t('secretSet') : t('secretMissing')}</Tag>}
            </span>
          );
          // Required only when creating (or when none is stored yet); otherwise empty keeps the stored one.
          const required = !secret.optional && (!editing || !isSet);
          return (
            <Form.Item key={secret.name} name={['secrets', secret.name]} label={label} extra={editing && isSet ? t('keepSecret') : undefined} rules={[{ required, whitespace: true, message: t('required') }]}>
              {secret.multiline ? (
                <Input.TextArea rows={4} maxLength={20_000} placeholder={t('pemPlaceholder')} style={{ fontFamily: 'monospace' }} autoComplete="off" />
              ) : (
                <Input.Password maxLength={500} autoComplete="new-password" data-testid={`integration-secret-${secret.name}`} />
              )}
            </Form.Item>
          );
        })}
        {/* Stripe, Alipay and WeChat Pay money lands in their own cash accounts; a generic system's is chosen. */}
        {provider === 'generic' && (
          <Form.Item name="defaultChannel" label={t('defaultChannel')} extra={t('defaultChannelHelp')}>
            <Select allowClear options={receiptChannels.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="autoAllocate" label={t('autoAllocate')} extra={t('autoAllocateHelp')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="enabled" label={t('enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

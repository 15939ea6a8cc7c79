import { Alert, App, Button, Col, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isCurrency } from '../../../../src/core/money/index.js';
import { adminApi, type SettingsChanges } from '../../api/admin';
import type { TenantSettings } from '../../api/types';
import { useSession } from '../../auth/session';
import { AmountInput, amountRules } from '../../shared/AmountInput';
import { useFormSubmit } from './common';

/** The same bounds as the server's settingsBounds (src/app/admin/settings.ts). */
const bounds = { graceDays: [0, 365], sessionIdleMinutes: [5, 1_440], sessionAbsoluteMinutes: [15, 43_200] } as const;

const fallbackZones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'UTC'];
const commonCurrencies = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'GBP', 'JPY', 'SGD', 'KRW', 'AUD', 'CAD', 'CHF'];

function timeZones(current: string): string[] {
  let zones: string[] = fallbackZones;
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    /* an older browser: the common zones */
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

function currencies(current: string): string[] {
  let codes: string[] = [];
  try {
    codes = Intl.supportedValuesOf('currency').filter((code) => isCurrency(code));
  } catch {
    /* an older browser: the common ones */
  }
  return [...new Set([current, ...commonCurrencies, ...codes])];
}

type Values = Omit<TenantSettings, 'id' | 'slug' | 'refundSecondApprovalAmount'> & { refundSecondApprovalAmount: string };

export default function TenantTab() {
  const { t, i18n } = useTranslation('settings');
  const { message } = App.useApp();
  const { tenant, reloadTenant } = useSession();
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const currency = Form.useWatch('baseCurrency', form) ?? tenant.baseCurrency;

  const initial: Values = { ...tenant, refundSecondApprovalAmount: tenant.refundSecondApprovalAmount ?? '' };
  const zoneOptions = useMemo(() => {
    return timeZones(tenant.timeZone).map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));
  }, [tenant.timeZone]);
  const currencyOptions = useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([i18n.language], { type: 'currency' });
    } catch {
      /* codes alone */
    }
    return currencies(tenant.baseCurrency).map((code) => ({ value: code, label: `${code} · ${names?.of(code) ?? code}` }));
  }, [tenant.baseCurrency, i18n.language]);

  const save = async (values: Values) => {
    const changes: SettingsChanges = {};
    const amount = values.refundSecondApprovalAmount?.trim() ? values.refundSecondApprovalAmount.trim() : null;
    if (values.name !== tenant.name) changes.name = values.name;
    if (values.timeZone !== tenant.timeZone) changes.timeZone = values.timeZone;
    if (values.baseCurrency !== tenant.baseCurrency) changes.baseCurrency = values.baseCurrency;
    if (values.graceDays !== tenant.graceDays) changes.graceDays = values.graceDays;
    if (values.allowSelfConfirm !== tenant.allowSelfConfirm) changes.allowSelfConfirm = values.allowSelfConfirm;
    if (amount !== tenant.refundSecondApprovalAmount) changes.refundSecondApprovalAmount = amount;
    if (values.sessionIdleMinutes !== tenant.sessionIdleMinutes) changes.sessionIdleMinutes = values.sessionIdleMinutes;
    if (values.sessionAbsoluteMinutes !== tenant.sessionAbsoluteMinutes) changes.sessionAbsoluteMinutes = values.sessionAbsoluteMinutes;
    if (Object.keys(changes).length > 0) await adminApi.updateSettings(changes);
    await reloadTenant();
    message.success(t('tenant.saved'));
  };

  const whole = (key: keyof typeof bounds) => [{ required: true, message: t('range', { min: bounds[key][0], max: bounds[key][1] }) }];

  return (
    <Form<Values> form={form} name="tenant-settings" layout="vertical" initialValues={initial} onFinish={(values) => void submit(save, values)} style={{ maxWidth: 880 }} data-testid="settings-tenant-form">
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Divider titlePlacement="start" plain>{t('tenant.basics')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('tenant.name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="timeZone" label={t('tenant.timeZone')} extra={t('tenant.timeZoneHelp')} rules={[{ required: true, message: t('required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={zoneOptions} data-testid="settings-time-zone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="baseCurrency" label={t('tenant.baseCurrency')} extra={t('tenant.baseCurrencyHelp')} rules={[{ required: true, message: t('required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={currencyOptions} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>{t('tenant.business')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="graceDays" label={t('tenant.graceDays')} extra={t('tenant.graceDaysHelp')} rules={whole('graceDays')}>
            <InputNumber min={bounds.graceDays[0]} max={bounds.graceDays[1]} precision={0} suffix={t('tenant.days')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="refundSecondApprovalAmount" label={t('tenant.refundThreshold')} extra={t('tenant.refundThresholdHelp')} rules={amountRules(t, currency, false)}>
            <AmountInput currency={currency} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="allowSelfConfirm" label={t('tenant.allowSelfConfirm')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>{t('tenant.security')}</Divider>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item name="sessionIdleMinutes" label={t('tenant.sessionIdle')} rules={whole('sessionIdleMinutes')}>
            <InputNumber min={bounds.sessionIdleMinutes[0]} max={bounds.sessionIdleMinutes[1]} precision={0} suffix={t('tenant.minutes')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="sessionAbsoluteMinutes" label={t('tenant.sessionAbsolute')} rules={whole('sessionAbsoluteMinutes')}>
            <InputNumber min={bounds.sessionAbsoluteMinutes[0]} max={bounds.sessionAbsoluteMinutes[1]} precision={0} suffix={t('tenant.minutes')} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-tenant-save">
          {t('common:action.save')}
        </Button>
      </Form.Item>
    </Form>
  );
}

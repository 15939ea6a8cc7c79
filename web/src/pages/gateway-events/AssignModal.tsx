import { Alert, App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { gatewayEventsApi, type GatewayEvent } from '../../api/gateway-events';
import { openOrdersOf } from '../../api/receipts';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { formatMoney } from '../../shared/money';
import { useLoad } from '../../shared/useLoad';
import { useFormSubmit } from '../settings/common';

interface Values {
  customerId?: string;
  orderId?: string;
}

/** An unmatched payment given to a customer (and an order, or the advance): the server makes the receipt. */
export function AssignModal({ event, onClose, onAssigned }: { event: GatewayEvent; onClose: () => void; onAssigned: () => void }) {
  const { t } = useTranslation('gatewayEvents');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const customerId = Form.useWatch('customerId', form);
  const currency = event.currency ?? '';
  const orders = useLoad((signal) => (customerId && currency ? openOrdersOf(customerId, currency, signal) : Promise.resolve([])), [customerId, currency]);
  // One key per opening: the receipt is made once however often "OK" is pressed.
  const [key] = useState(() => crypto.randomUUID());
  const { saving, failure, submit } = useFormSubmit(form);
  const amount = event.amount && event.currency ? formatMoney(event.amount, event.currency) : '';

  const assign = async (values: Values) => {
    const next = await gatewayEventsApi.assign(event.id, { customerId: values.customerId!, ...(values.orderId ? { orderId: values.orderId } : {}) }, key);
    message.success(t('assigned', { number: next.receiptNumber ?? '' }));
    onAssigned();
  };

  return (
    <Modal open title={t('assignTitle', { amount })} okText={t('assign')} cancelText={t('common:action.cancel')} onOk={() => void submit(assign)} onCancel={onClose} confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'gateway-event-assign-ok' }} destroyOnHidden>
      <Alert type="info" showIcon title={t('assignHint')} style={{ marginBottom: 16 }} />
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="gateway-assign" onValuesChange={(changed: Values) => 'customerId' in changed && form.setFieldValue('orderId', undefined)}>
        <Form.Item name="customerId" label={t('common:field.customer')} rules={[{ required: true, message: t('required.customer') }]}>
          <CustomerSelect style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="orderId" label={t('order')} extra={customerId && orders.data?.length === 0 ? t('orderNone', { currency }) : t('orderHelp')}>
          <Select allowClear disabled={!customerId} loading={orders.loading}
            options={(orders.data ?? []).map((o) => ({ value: o.id, label: `${o.number} · ${o.title} · ${formatMoney(o.outstanding, o.currency)}` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refundChannels, refundsApi, type Refund, type RefundChannel } from '../../api/refunds';
import { useSession } from '../../auth/session';
import { describeError, showFieldErrors } from '../../shared/errors';
import { Money } from '../../shared/money';
import { todayIn } from '../../../../src/core/receivables/dates.js';

interface Values {
  channel: RefundChannel;
  externalRef?: string;
  paidDate: Dayjs;
}

/** Records that an approved refund was paid out: channel, the bank's or gateway's reference, the date. */
export function PayModal({ refund, onClose, onPaid }: { refund: Refund | null; onClose: () => void; onPaid: (next: Refund) => void }) {
  const { t } = useTranslation('refunds');
  const { tenant } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());

  useEffect(() => {
    if (refund) {
      form.setFieldsValue({ channel: 'bank_transfer', externalRef: '', paidDate: dayjs(todayIn(tenant.timeZone)) });
      setFailure(null);
      setKey(crypto.randomUUID());
    }
  }, [refund, form, tenant.timeZone]);

  const submit = async () => {
    if (!refund) return;
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    setBusy(true);
    setFailure(null);
    try {
      onPaid(await refundsApi.pay(refund.id, { channel: values.channel, externalRef: values.externalRef?.trim() || undefined, paidDate: values.paidDate.format('YYYY-MM-DD') }, key));
      onClose();
    } catch (error) {
      setKey(crypto.randomUUID());
      if (!showFieldErrors(form, t, error)) setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={refund !== null}
      title={t('pay.title', { number: refund?.number ?? '' })}
      okText={t('pay.ok')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'refund-pay-ok' }}
      onOk={() => void submit()}
      onCancel={onClose}
      forceRender
    >
      {refund && (
        <p>
          {t('pay.amount')}: <Money amount={refund.amount} currency={refund.currency} strong /> · {refund.customerName}
        </p>
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="channel" label={t('common:field.channel')} rules={[{ required: true }]}>
          <Select options={refundChannels.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))} />
        </Form.Item>
        <Form.Item name="externalRef" label={t('pay.externalRef')} rules={[{ max: 100 }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="paidDate" label={t('pay.paidDate')} rules={[{ required: true, message: t('common:error.invalid_date') }]}>
          <DatePicker allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

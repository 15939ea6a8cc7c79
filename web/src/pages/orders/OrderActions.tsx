import { Alert, App, Button, Form, Input, Modal, Space, Typography, type ButtonProps } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Order } from '../../api/orders';
import { useSession } from '../../auth/session';
import { describeError } from '../../shared/errors';
import { Money } from '../../shared/money';

/** Confirm a draft (posts the receivable); in another currency than the base, an optional exchange rate. */
export function ConfirmOrderButton({ order, onDone }: { order: Order; onDone: (order: Order) => void }) {
  const { t } = useTranslation('orders');
  const { tenant } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [rate, setRate] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per confirmation the user means: a retry after a network error replays instead of posting twice.
  const key = useRef<string>(crypto.randomUUID());
  const foreign = order.currency !== tenant.baseCurrency;
  const { modal } = App.useApp();

  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await api.post<Order>(`/orders/${order.id}/confirm`, rate.trim() ? { exchangeRate: rate.trim() } : {}, key.current);
      message.success(t('detail.confirmed', { number: saved.number }));
      setOpen(false);
      onDone(saved);
    } catch (error) {
      setFailure(describeError(t, error));
      if (!foreign) modal.error({ title: t('detail.confirmFailed'), content: describeError(t, error) });
      key.current = crypto.randomUUID();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        type="primary"
        loading={busy && !open}
        // In the base currency one click confirms (the key makes a double click harmless); another currency asks for the rate first.
        onClick={() => (foreign ? setOpen(true) : void confirm())}
        data-testid="order-confirm"
      >
        {t('detail.confirm')}
      </Button>
      <Modal
        open={open}
        title={t('detail.confirmTitle', { number: order.number })}
        onCancel={() => setOpen(false)}
        onOk={() => void confirm()}
        okText={t('detail.confirm')}
        okButtonProps={{ loading: busy, 'data-testid': 'order-confirm-ok' } as ButtonProps}
        cancelText={t('common:action.cancel')}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            {t('detail.confirmText')} <Money amount={order.total} currency={order.currency} strong />
          </Typography.Paragraph>
          {order.plan.length === 0 && <Alert type="info" showIcon title={t('detail.noPlanYet')} />}
          {foreign && (
            <Form layout="vertical">
              <Form.Item label={t('detail.exchangeRate', { from: order.currency, to: tenant.baseCurrency })} extra={t('detail.exchangeRateHint')}>
                <Input value={rate} onChange={(e) => setRate(e.target.value)} inputMode="decimal" />
              </Form.Item>
            </Form>
          )}
          {failure && <Alert type="error" showIcon title={failure} />}
        </Space>
      </Modal>
    </>
  );
}

/** Cancel a draft with a reason. */
export function CancelOrderButton({ order, onDone }: { order: Order; onDone: (order: Order) => void }) {
  const { t } = useTranslation('orders');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const cancel = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      onDone(await api.post<Order>(`/orders/${order.id}/cancel`, { reason: reason.trim() }));
      setOpen(false);
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="order-cancel">
        {t('detail.cancelOrder')}
      </Button>
      <Modal
        open={open}
        title={t('detail.cancelTitle', { number: order.number })}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('detail.cancelOrder')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'reason-ok' } as ButtonProps}
        cancelText={t('common:action.close')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={cancel}>
          <Form.Item name="reason" label={t('common:field.reason')} rules={[{ required: true, whitespace: true, message: t('common:error.reason_required') }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Modal>
    </>
  );
}

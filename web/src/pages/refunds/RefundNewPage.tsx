import { Alert, App, Button, Card, Descriptions, Form, Input, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { receiptsApi } from '../../api/receipts';
import { refundReasons, refundsApi, type NewRefund, type RefundReason } from '../../api/refunds';
import { amountRules } from '../../shared/AmountInput';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { describeError, showFieldErrors } from '../../shared/errors';
import { formatMoney, Money } from '../../shared/money';
import { useLoad } from '../../shared/useLoad';
import { useIdempotencyKey } from '../../shared/idempotency';
import { minorOf } from '../../shared/money';
import { AmountInput } from '../../shared/AmountInput';

interface Values {
  amount: string;
  reasonCode: RefundReason;
  reasonText?: string;
}

type Source = 'receipt' | 'advance';

/**
 * Request a refund: from one receipt (?receipt=) or from a customer's advance balance (?customer=). The amount
 * that can still be refunded comes from the server (what is unallocated and not held by other refunds); the
 * server has the last word, and its refusal (e.g. exceeds_refundable_amount) shows beside the amount.
 */
export default function RefundNewPage() {
  const { t } = useTranslation('refunds');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const keyFor = useIdempotencyKey();
  const [customerId, setCustomerId] = useState<string | undefined>(params.get('customer') ?? undefined);
  const [receiptId, setReceiptId] = useState<string | undefined>(params.get('receipt') ?? undefined);
  const [source, setSource] = useState<Source>(params.get('receipt') ? 'receipt' : 'advance');
  const [currency, setCurrency] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Opened from a receipt: its customer and currency are the refund's.
  const fromReceipt = useLoad((signal) => (params.get('receipt') ? receiptsApi.get(params.get('receipt')!, signal) : Promise.resolve(null)), [params.get('receipt')]);
  useEffect(() => {
    const r = fromReceipt.data;
    if (r) {
      setCustomerId(r.customer.id);
      setCurrency(r.currency);
    }
  }, [fromReceipt.data]);

  // The currencies the customer has an advance in (the refund's currency is one of them).
  const advances = useLoad((signal) => (customerId ? refundsApi.advances(customerId, signal) : Promise.resolve(null)), [customerId]);
  const currencies = advances.data?.advances.map((a) => a.currency) ?? [];
  useEffect(() => {
    if (!currency && currencies.length > 0) setCurrency(currencies[0]);
  }, [currency, currencies.join(',')]);

  const refundable = useLoad(
    (signal) => {
      if (source === 'receipt' && receiptId) return refundsApi.refundable({ receiptId }, signal);
      if (customerId && currency) return refundsApi.refundable({ customerId, currency }, signal);
      return Promise.resolve(null);
    },
    [source, receiptId, customerId, currency],
  );
  // The receipts of this customer and currency that still have something to refund (for "from a receipt").
  const pool = useLoad((signal) => (customerId && currency ? refundsApi.refundable({ customerId, currency }, signal) : Promise.resolve(null)), [customerId, currency]);
  const receiptOptions = (pool.data?.receipts ?? []).filter((r) => (minorOf(r.refundable, pool.data!.currency) ?? 0n) > 0n);

  const refundCurrency = refundable.data?.currency ?? currency ?? '';
  const left = refundable.data ? minorOf(refundable.data.refundable, refundable.data.currency) ?? 0n : null;

  const submit = async (values: Values) => {
    if (!customerId || !refundCurrency) return;
    setFailure(null);
    const body: NewRefund = {
      customerId,
      ...(source === 'receipt' && receiptId ? { receiptId } : {}),
      amount: values.amount,
      currency: refundCurrency,
      reasonCode: values.reasonCode,
      ...(values.reasonText?.trim() ? { reasonText: values.reasonText.trim() } : {}),
    };
    setSaving(true);
    try {
      const refund = await refundsApi.request(body, keyFor(body));
      message.success(t('done.requested', { number: refund.number }));
      navigate('/refunds');
    } catch (error) {
      if (!showFieldErrors(form, t, error, { receiptId: 'amount', currency: 'amount' })) setFailure(describeError(t, error));
      refundable.reload();
      pool.reload();
    } finally {
      setSaving(false);
    }
  };

  if (fromReceipt.loading && params.get('receipt')) return <Card><Skeleton active /></Card>;

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('newTitle')}</Typography.Title>}>
      {fromReceipt.error && <Alert type="error" showIcon title={fromReceipt.error} style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" style={{ maxWidth: 720 }} initialValues={{ reasonCode: 'overpayment' }} onFinish={(v) => void submit(v)} data-testid="refund-form">
        <Form.Item label={t('common:field.customer')} required>
          <CustomerSelect
            aria-label={t('common:field.customer')}
            value={customerId}
            onChange={(id) => {
              setCustomerId(id);
              setCurrency(undefined);
              setReceiptId(undefined);
            }}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Space wrap size="large" style={{ marginBottom: 8 }}>
          <Form.Item label={t('sourceLabel')}>
            <Radio.Group
              optionType="button"
              value={source}
              onChange={(e) => setSource(e.target.value as Source)}
              options={[
                { value: 'receipt', label: t('fromReceipt') },
                { value: 'advance', label: t('fromAdvance') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('common:field.currency')}>
            <Select
              aria-label={t('common:field.currency')}
              value={currency}
              onChange={(c: string) => {
                setCurrency(c);
                setReceiptId(undefined);
              }}
              options={currencies.map((c) => ({ value: c, label: c }))}
              notFoundContent={t('noAdvance')}
              disabled={!customerId}
              style={{ width: 120 }}
            />
          </Form.Item>
        </Space>
        {source === 'receipt' && (
          <Form.Item label={t('receipt')} required>
            <Select
              aria-label={t('receipt')}
              value={receiptId}
              onChange={setReceiptId}
              placeholder={t('pickReceipt')}
              loading={pool.loading}
              notFoundContent={t('noRefundableReceipt')}
              options={[
                ...receiptOptions.map((r) => ({ value: r.receiptId, label: `${r.number} · ${r.receivedDate} · ${t('refundableShort')} ${formatMoney(r.refundable, pool.data!.currency)}` })),
                // A receipt named in the link that the pool does not list (nothing left to refund) still shows its number.
                ...(receiptId && !receiptOptions.some((r) => r.receiptId === receiptId) && fromReceipt.data?.id === receiptId ? [{ value: receiptId, label: fromReceipt.data.number }] : []),
              ]}
            />
          </Form.Item>
        )}

        <Descriptions
          bordered
          size="small"
          column={1}
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'refundable',
              label: t('refundable'),
              children: (
                <span data-testid="refund-refundable">
                  {refundable.loading ? '…' : refundable.error ? <Typography.Text type="danger">{refundable.error}</Typography.Text> : refundable.data ? <Money amount={refundable.data.refundable} currency={refundable.data.currency} strong /> : '—'}
                </span>
              ),
            },
          ]}
        />

        <Form.Item
          name="amount"
          label={t('common:field.amount')}
          rules={[
            ...amountRules(t, refundCurrency || 'CNY'),
            {
              validator: async (_rule, value: string | undefined) => {
                const minor = minorOf(value, refundCurrency);
                if (minor !== null && left !== null && minor > left) throw new Error(t('common:error.exceeds_refundable_amount'));
              },
            },
          ]}
        >
          <AmountInput data-testid="refund-amount" currency={refundCurrency} aria-label={t('common:field.amount')} />
        </Form.Item>
        <Form.Item name="reasonCode" label={t('reasonCode')} rules={[{ required: true }]}>
          <Select options={refundReasons.map((r) => ({ value: r, label: t(`common:refundReason.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="reasonText"
          label={t('reasonText')}
          dependencies={['reasonCode']}
          rules={[{ max: 1000 }, ({ getFieldValue }) => ({ required: getFieldValue('reasonCode') === 'other', whitespace: true, message: t('otherNeedsText') })]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="refund-submit" disabled={!customerId || !refundable.data || (source === 'receipt' && !receiptId)}>
            {t('common:action.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common:action.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { openOrdersOf, receiptChannels, receiptsApi, type NewReceipt, type ReceiptChannel, type ReceiptKind } from '../../api/receipts';
import { useSession } from '../../auth/session';
import { amountRules } from '../../shared/AmountInput';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { showFieldErrors } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { AllocationSection, allocationTotals, openInstalments, type AllocationDraft } from './AllocationSection';
import { todayIn } from '../../../../src/core/receivables/dates.js';
import { useIdempotencyKey } from '../../shared/idempotency';
import { receiptError } from './helpers';
import { filterCurrencies } from './ReceiptFilters';
import { AmountInput } from '../../shared/AmountInput';

interface Values {
  kind: ReceiptKind;
  customerId: string;
  amount: string;
  currency: string;
  channel: ReceiptChannel;
  receivedDate: Dayjs;
  payerName?: string;
  payerAccount?: string;
  externalRef?: string;
  remarks?: string;
  confirm?: boolean;
}

/** Fields the server names differently from the form. */
const fieldMap = { receivedDate: 'receivedDate', customerId: 'customerId' };

export default function ReceiptNewPage() {
  const { t } = useTranslation('receipts');
  const { tenant, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const keyFor = useIdempotencyKey();
  const [draft, setDraft] = useState<AllocationDraft>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [allocationErrors, setAllocationErrors] = useState<Record<string, string>>({});
  const [allocationError, setAllocationError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'order_payment';
  const customerId = Form.useWatch('customerId', form);
  const currency = Form.useWatch('currency', form) ?? tenant.baseCurrency;
  const amount = Form.useWatch('amount', form);
  const mayConfirmNow = can('receipts.confirm') && tenant.allowSelfConfirm;
  const currencies = [...new Set([tenant.baseCurrency, ...filterCurrencies])];
  const open = useLoad((signal) => (customerId && kind === 'order_payment' ? openOrdersOf(customerId, currency, signal) : Promise.resolve([])), [customerId, currency, kind]);
  const openRows = openInstalments(open.data ?? [], currency);

  // The allocations belong to one customer and currency: start over when either changes.
  const resetAllocations = () => {
    setDraft({});
    setAllocationErrors({});
    setAllocationError(null);
  };

  const save = async (values: Values) => {
    setFailure(null);
    setAllocationErrors({});
    setAllocationError(null);
    // The instalments as the section shows them, to turn the draft into the API's allocations in a stable order.
    const rows = values.kind === 'order_payment' ? openRows : [];
    const totals = allocationTotals(rows, draft, values.amount, values.currency);
    if (Object.keys(totals.rowErrors).length > 0 || totals.remainingMinor < 0n) {
      setAllocationError(t('alloc.fix'));
      return;
    }
    const allocations = rows.filter((r) => draft[r.id] && !/^0*(\.0*)?$/.test(draft[r.id]!)).map((r) => ({ orderId: r.orderId, instalmentId: r.id, amount: draft[r.id]! }));
    const body: NewReceipt = {
      customerId: values.customerId,
      kind: values.kind,
      amount: values.amount,
      currency: values.currency,
      channel: values.channel,
      receivedDate: values.receivedDate.format('YYYY-MM-DD'),
      ...(values.payerName ? { payerName: values.payerName.trim() } : {}),
      ...(values.payerAccount ? { payerAccount: values.payerAccount.trim() } : {}),
      ...(values.externalRef ? { externalRef: values.externalRef.trim() } : {}),
      ...(values.remarks ? { remarks: values.remarks.trim() } : {}),
      ...(allocations.length > 0 ? { allocations } : {}),
      ...(values.confirm ? { confirm: true } : {}),
    };
    setSaving(true);
    try {
      const receipt = await receiptsApi.create(body, keyFor(body));
      message.success(t('created', { number: receipt.number }));
      navigate(`/receipts/${receipt.id}`);
    } catch (error) {
      const shown = showFieldErrors(form, t, error, fieldMap);
      const byRow = allocationProblems(error, allocations.map((a) => a.instalmentId));
      setAllocationErrors(byRow.rows);
      setAllocationError(byRow.whole);
      if (!shown && Object.keys(byRow.rows).length === 0 && !byRow.whole) setFailure(receiptError(t, error));
    } finally {
      setSaving(false);
    }
  };

  /** Server errors about allocations[i] belong to the i-th row sent; about "allocations" to the section. */
  const allocationProblems = (error: unknown, sent: string[]) => {
    const rows: Record<string, string> = {};
    let whole: string | null = null;
    if (error instanceof ApiError) {
      for (const f of error.fieldErrors) {
        const match = /^allocations\[(\d+)\]/.exec(f.field);
        const text = t(`common:error.${f.code}`, { defaultValue: f.message });
        if (match && sent[Number(match[1])]) rows[sent[Number(match[1])]!] = text;
        else if (f.field === 'allocations' || f.field === 'autoAllocate') whole = text;
      }
    }
    return { rows, whole };
  };

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('newTitle')}</Typography.Title>}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="receipt-form"
        initialValues={{
          kind: 'order_payment',
          customerId: params.get('customer') ?? undefined,
          currency: tenant.baseCurrency,
          channel: 'bank_transfer',
          receivedDate: dayjs(todayIn(tenant.timeZone)),
        }}
        onFinish={(values) => void save(values)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('customerId' in changed || 'currency' in changed || ('kind' in changed && changed.kind === 'prepayment')) resetAllocations();
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={[{ value: 'order_payment', label: t('common:receiptKind.order_payment') }, { value: 'prepayment', label: t('common:receiptKind.prepayment') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="customerId" label={t('common:field.customer')} rules={[{ required: true, message: t('required.customer') }]}>
              <CustomerSelect aria-label={t('common:field.customer')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="amount" label={t('common:field.amount')} rules={amountRules(t, currency)}>
              <AmountInput data-testid="receipt-amount" currency={currency} aria-label={t('common:field.amount')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="currency" label={t('common:field.currency')} rules={[{ required: true }]}>
              <Select data-testid="receipt-currency" showSearch options={currencies.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="channel" label={t('common:field.channel')} rules={[{ required: true }]}>
              <Select options={receiptChannels.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="receivedDate" label={t('field.receivedDate')} rules={[{ required: true, message: t('common:error.invalid_date') }]}>
              <DatePicker data-testid="receipt-date" style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="payerName" label={t('field.payerName')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="payerAccount" label={t('field.payerAccount')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="externalRef" label={t('field.externalRef')} rules={[{ max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="remarks" label={t('common:field.remarks')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>

        <Card type="inner" size="small" title={t('alloc.title')} style={{ marginBottom: 16 }} data-testid="receipt-allocations">
          {kind === 'prepayment' ? (
            <Alert type="info" showIcon title={t('alloc.prepayment')} />
          ) : (
            <AllocationSection customerId={customerId} rows={openRows} loading={open.loading} error={open.error} onRetry={open.reload} currency={currency} amount={amount} draft={draft} onChange={setDraft} serverErrors={allocationErrors} serverError={allocationError} />
          )}
        </Card>

        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="receipt-save">
            {t('common:action.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common:action.cancel')}</Button>
          {mayConfirmNow && (
            <Form.Item name="confirm" valuePropName="checked" noStyle>
              <Checkbox>{t('confirmNow')}</Checkbox>
            </Form.Item>
          )}
        </Space>
      </Form>
    </Card>
  );
}

import { DeleteOutlined, PlusOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Drawer, Form, InputNumber, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Order } from '../../api/orders';
import { useSession } from '../../auth/session';
import { todayIn } from '../../../../src/core/receivables/dates.js';
import { AmountInput, amountShape } from '../../shared/AmountInput';
import { describeError, showFieldErrors } from '../../shared/errors';
import { Money } from '../../shared/money';
import { minorOf } from '../../shared/money';
import { format, hasPayment, isPaidInFull, plannedMinor, rowsOf, splitUnpaid, type PlanRow } from './planMath';

interface FormRow {
  id?: string;
  dueDate: Dayjs;
  amount: string;
  settled: string;
}

const toForm = (rows: PlanRow[]): FormRow[] => rows.map((r) => ({ ...r, dueDate: dayjs(r.dueDate) }));
const fromForm = (rows: FormRow[] | undefined): PlanRow[] =>
  (rows ?? []).filter(Boolean).map((r) => ({ ...(r.id ? { id: r.id } : {}), dueDate: r.dueDate ? r.dueDate.format('YYYY-MM-DD') : '', amount: r.amount ?? '', settled: r.settled ?? '0' }));

/**
 * 回款计划 editor: instalments with due date and amount, a live planned / total / remaining line, an exact even
 * split into N; instalments with money on them keep what is paid (the server enforces it: plan_locked). Save
 * is enabled only when the instalments add up to the order's total (less credit notes).
 */
export function PlanEditor({ order, open, onClose, onSaved }: { order: Order; open: boolean; onClose: () => void; onSaved: (order: Order) => void }) {
  const { t } = useTranslation('orders');
  const { tenant } = useSession();
  const [form] = Form.useForm<{ instalments: FormRow[] }>();
  const [count, setCount] = useState<number | null>(3);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const currency = order.currency;
  const targetMinor = (minorOf(order.total, currency) ?? 0n) - (minorOf(order.credited, currency) ?? 0n);
  // preserve: the rows' id and settled are values without inputs of their own.
  const watched = Form.useWatch('instalments', { form, preserve: true }) as FormRow[] | undefined;
  const rows = fromForm(watched);
  const planned = plannedMinor(rows, currency);
  const remaining = planned === null ? null : targetMinor - planned;
  const allValid = rows.length > 0 && rows.every((r) => r.dueDate && amountShape(currency).test(r.amount) && (minorOf(r.amount, currency) ?? 0n) > 0n);

  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.setFieldsValue({ instalments: toForm(rowsOf(order.plan)) });
  }, [open, order, form]);

  const split = () => {
    const next = splitUnpaid(rows, count ?? 1, targetMinor, currency, order.signedDate, todayIn(tenant.timeZone));
    if (!next) {
      setFailure(t('plan.nothingToSplit'));
      return;
    }
    setFailure(null);
    form.setFieldsValue({ instalments: toForm(next) });
  };

  const save = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const saved = await api.put<Order>(`/orders/${order.id}/plan`, { instalments: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), dueDate: r.dueDate, amount: r.amount })) });
      onSaved(saved);
    } catch (error) {
      showFieldErrors(form, t, error);
      setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={t('plan.editTitle', { number: order.number })}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button type="primary" onClick={() => void save()} loading={busy} disabled={remaining !== 0n || !allValid} data-testid="plan-save">
            {t('common:action.save')}
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <span id="plan-count-label">{t('plan.count')}</span>
        <InputNumber aria-labelledby="plan-count-label" min={1} max={120} precision={0} value={count} onChange={(v) => setCount(v)} data-testid="plan-count" style={{ width: 90 }} />
        <Button onClick={split} data-testid="plan-split-evenly">{t('plan.splitEvenly')}</Button>
        <Typography.Text type="secondary">{t('plan.splitHint')}</Typography.Text>
      </Space>
      <Alert
        type={remaining === 0n ? 'success' : 'info'}
        showIcon
        data-testid="plan-summary"
        title={
          <Space size="large" wrap>
            <span>{t('plan.planned')}: {planned === null ? '—' : <Money amount={format(planned, currency)} currency={currency} strong />}</span>
            <span>{t('plan.target')}: <Money amount={format(targetMinor, currency)} currency={currency} strong /></span>
            <span style={{ color: remaining !== null && remaining !== 0n ? '#cf1322' : undefined }}>
              {t('plan.remaining')}: {remaining === null ? '—' : <Money amount={format(remaining, currency)} currency={currency} strong />}
            </span>
          </Space>
        }
        style={{ marginBottom: 16 }}
      />
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="plan-error" />}
      <Form form={form} component={false}>
        <Form.List name="instalments">
          {(fields, { add, remove }, { errors }) => (
            <>
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={fields}
                columns={[
                  { key: 'seq', title: '#', width: 40, render: (_, __, index) => index + 1 },
                  {
                    key: 'dueDate',
                    title: t('plan.dueDate'),
                    render: (_, field, index) => (
                      <Form.Item name={[field.name, 'dueDate']} style={{ margin: 0 }} rules={[{ required: true, message: t('edit.required') }]}>
                        <DatePicker aria-label={`${t('plan.dueDate')} ${index + 1}`} allowClear={false} disabled={rows[index] ? isPaidInFull(rows[index], currency) : false} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'amount',
                    title: t('common:field.amount'),
                    render: (_, field, index) => {
                      const row = rows[index];
                      const settled = row ? (minorOf(row.settled, currency) ?? 0n) : 0n;
                      return (
                        <Form.Item
                          name={[field.name, 'amount']}
                          style={{ margin: 0 }}
                          rules={[
                            { required: true, message: t('common:error.invalid_amount') },
                            {
                              validator: async (_r, v: string | undefined) => {
                                if (!v) return;
                                if (!amountShape(currency).test(v)) throw new Error(t('common:error.invalid_amount'));
                                const minor = minorOf(v, currency) ?? 0n;
                                if (minor <= 0n) throw new Error(t('common:error.amount_not_positive'));
                                if (minor < settled) throw new Error(t('plan.belowPaid', { paid: format(settled, currency) }));
                              },
                            },
                          ]}
                        >
                          <AmountInput currency={currency} aria-label={`${t('common:field.amount')} ${index + 1}`} disabled={row ? isPaidInFull(row, currency) : false} />
                        </Form.Item>
                      );
                    },
                  },
                  {
                    key: 'settled',
                    title: t('plan.settled'),
                    align: 'right',
                    render: (_, __, index) => {
                      const row = rows[index];
                      if (!row || !hasPayment(row, currency)) return <Typography.Text type="secondary">—</Typography.Text>;
                      return (
                        <Space size={4}>
                          <Tooltip title={isPaidInFull(row, currency) ? t('plan.lockedPaid') : t('plan.lockedPart')}>
                            <Tag icon={<LockOutlined />} color={isPaidInFull(row, currency) ? 'green' : 'blue'}>
                              <Money amount={row.settled} currency={currency} />
                            </Tag>
                          </Tooltip>
                        </Space>
                      );
                    },
                  },
                  {
                    key: 'remove',
                    title: '',
                    width: 48,
                    render: (_, field, index) => (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('plan.removeRow', { n: index + 1 })}
                        disabled={rows[index] ? hasPayment(rows[index], currency) : false}
                        onClick={() => remove(field.name)}
                      />
                    ),
                  },
                ]}
              />
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginTop: 12 }}
                onClick={() => {
                  const last = rows[rows.length - 1];
                  add({ dueDate: last?.dueDate ? dayjs(last.dueDate).add(1, 'month') : dayjs(order.signedDate), amount: remaining !== null && remaining > 0n ? format(remaining, currency) : '', settled: '0' });
                }}
                data-testid="plan-add"
              >
                {t('plan.addRow')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}

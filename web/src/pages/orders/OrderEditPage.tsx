import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Result, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, type Page } from '../../api/client';
import type { Order, OrderInput, Product } from '../../api/orders';
import { useSession } from '../../auth/session';
import { AmountInput, amountShape } from '../../shared/AmountInput';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { describeError, showFieldErrors } from '../../shared/errors';
import { Money } from '../../shared/money';
import { useLoad } from '../../shared/useLoad';
import { DepartmentSelect, OwnerSelect } from '../customers/directory';
import { formatMinor, previewLineMinor } from './lineMath';

interface LineValues {
  productId?: string | null;
  description?: string;
  quantity?: string;
  unitPrice?: string;
}

interface Values {
  customerId?: string;
  title?: string;
  currency: string;
  signedDate: Dayjs;
  ownerId?: string | null;
  departmentId?: string | null;
  remarks?: string;
  lines: LineValues[];
}

const commonCurrencies = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'SGD', 'AUD', 'CAD', 'CHF', 'KRW', 'TWD'];

function useActiveProducts() {
  const [products, setProducts] = useState<Product[]>([]);
  useEffect(() => {
    let live = true;
    api.get<Page<Product>>('/products', { active: true, limit: 200 }).then((page) => live && setProducts(page.items), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  return products;
}

/** Creates a draft order or edits one; lines are priced by the server (the preview uses the same rule). */
export default function OrderEditPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation('orders');
  const { tenant, user } = useSession();
  const navigate = useNavigate();
  const products = useActiveProducts();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const existing = useLoad((signal) => (id ? api.get<Order>(`/orders/${id}`, undefined, signal) : Promise.resolve(null)), [id]);
  const order = existing.data;
  const currency = Form.useWatch('currency', form) ?? tenant.baseCurrency;
  const lines = Form.useWatch('lines', form) ?? [];

  useEffect(() => {
    if (!order) return;
    form.setFieldsValue({
      customerId: order.customerId, title: order.title, currency: order.currency, signedDate: dayjs(order.signedDate), ownerId: order.ownerId, departmentId: order.departmentId,
      remarks: order.remarks, lines: order.lines.map((l) => ({ productId: l.productId, description: l.description, quantity: l.quantity, unitPrice: l.unitPrice })),
    });
  }, [order, form]);

  const previews = lines.map((l) => previewLineMinor(l?.quantity, l?.unitPrice, currency));
  const total = previews.every((p) => p !== null) && previews.length > 0 ? previews.reduce<bigint>((sum, p) => sum + p!, 0n) : null;
  const productOptions = useMemo(() => products.map((p) => ({ value: p.id, label: `${p.name} (${p.code})` })), [products]);

  if (id && existing.loading && !order) return <Card><Skeleton active /></Card>;
  if (id && (existing.error || !order)) return <Result status="warning" title={existing.error ?? t('common:error.not_found')} />;
  if (order && order.status !== 'draft') {
    return <Result status="info" title={t('edit.onlyDrafts', { number: order.number })} extra={<Button onClick={() => navigate(`/orders/${order.id}`)}>{t('edit.backToOrder')}</Button>} />;
  }

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    const body: OrderInput = {
      customerId: values.customerId!,
      title: (values.title ?? '').trim(),
      currency: values.currency,
      signedDate: values.signedDate.format('YYYY-MM-DD'),
      departmentId: values.departmentId ?? null,
      remarks: values.remarks ?? '',
      lines: values.lines.map((l) => ({ productId: l.productId ?? null, description: (l.description ?? '').trim(), quantity: (l.quantity ?? '').trim(), unitPrice: (l.unitPrice ?? '').trim() })),
    };
    if (user.dataScope !== 'own') body.ownerId = values.ownerId ?? null;
    if (!order && body.ownerId === null) delete body.ownerId;
    if (!order && body.departmentId === null) delete body.departmentId;
    try {
      const saved = order ? await api.patch<Order>(`/orders/${order.id}`, body) : await api.post<Order>('/orders', body);
      navigate(`/orders/${saved.id}`);
    } catch (error) {
      const shown = showFieldErrors(form, t, error);
      setFailure(shown ? t('common:error.validation_failed') : describeError(t, error));
      setBusy(false);
    }
  };

  const initial: Partial<Values> = {
    customerId: search.get('customer') ?? undefined,
    currency: tenant.baseCurrency,
    signedDate: dayjs(),
    lines: [{ quantity: '1' }],
  };

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{order ? t('edit.editTitle', { number: order.number }) : t('edit.newTitle')}</Typography.Title>}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="order-form" scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="customerId" label={t('common:field.customer')} rules={[{ required: true, message: t('edit.required') }]}>
              <CustomerSelect aria-label={t('common:field.customer')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="title" label={t('orderTitle')} rules={[{ max: 200 }]}>
              <Input placeholder={t('edit.titlePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="currency" label={t('common:field.currency')} rules={[{ required: true }]}>
              <Select
                data-testid="order-currency"
                aria-label={t('common:field.currency')}
                showSearch
                options={[...new Set([tenant.baseCurrency, ...commonCurrencies])].map((c) => ({ value: c, label: c }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6} xl={4}>
            <Form.Item name="signedDate" label={t('signedDate')} rules={[{ required: true, message: t('edit.required') }]}>
              <DatePicker data-testid="order-signed-date" aria-label={t('signedDate')} style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          {user.dataScope !== 'own' && (
            <Col xs={24} md={12} xl={8}>
              <Form.Item name="ownerId" label={t('common:field.owner')} extra={order ? undefined : t('edit.ownerHint')}>
                <OwnerSelect aria-label={t('common:field.owner')} />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12} xl={8}>
            <Form.Item name="departmentId" label={t('common:field.department')}>
              <DepartmentSelect aria-label={t('common:field.department')} />
            </Form.Item>
          </Col>
          <Col xs={24} xl={8}>
            <Form.Item name="remarks" label={t('common:field.remarks')}>
              <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('lines')}</Typography.Title>
        <Form.List name="lines" rules={[{ validator: async (_, value: unknown[]) => { if (!value || value.length === 0) throw new Error(t('edit.atLeastOneLine')); } }]}>
          {(fields, { add, remove }, { errors }) => (
            <>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={fields}
                scroll={{ x: 'max-content' }}
                columns={[
                  { key: 'no', title: '#', width: 40, render: (_, __, index) => index + 1 },
                  {
                    key: 'product',
                    title: t('product'),
                    width: 240,
                    render: (_, field, index) => (
                      <Form.Item name={[field.name, 'productId']} style={{ margin: 0 }}>
                        <Select
                          aria-label={`${t('product')} ${index + 1}`}
                          allowClear
                          showSearch={{ optionFilterProp: 'label' }}
                          placeholder={t('product')}
                          options={productOptions}
                          style={{ width: 220 }}
                          onChange={(value: string | undefined) => {
                            const product = products.find((p) => p.id === value);
                            if (product && !form.getFieldValue(['lines', field.name, 'description'])) form.setFieldValue(['lines', field.name, 'description'], product.name);
                          }}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'description',
                    title: t('description'),
                    render: (_, field, index) => (
                      <Form.Item name={[field.name, 'description']} style={{ margin: 0 }} rules={[{ max: 500 }]}>
                        <Input aria-label={`${t('description')} ${index + 1}`} style={{ width: 220 }} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'quantity',
                    title: t('quantity'),
                    render: (_, field, index) => (
                      <Form.Item
                        name={[field.name, 'quantity']}
                        style={{ margin: 0 }}
                        rules={[{ required: true, message: t('edit.required') }, { pattern: /^\d{1,13}(\.\d{1,3})?$/, message: t('edit.quantityInvalid') }]}
                      >
                        <Input aria-label={`${t('quantity')} ${index + 1}`} inputMode="decimal" style={{ width: 100, textAlign: 'right' }} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'unitPrice',
                    title: t('unitPrice'),
                    render: (_, field, index) => (
                      <Form.Item
                        name={[field.name, 'unitPrice']}
                        style={{ margin: 0 }}
                        rules={[
                          { required: true, message: t('common:error.invalid_amount') },
                          {
                            validator: async (_r, v: string | undefined) => {
                              if (!v || amountShape(currency).test(v)) return;
                              throw new Error(t(/^\d+(\.\d+)?$/.test(v) ? 'common:error.too_many_decimals' : 'common:error.invalid_amount'));
                            },
                          },
                        ]}
                      >
                        <AmountInput currency={currency} aria-label={`${t('unitPrice')} ${index + 1}`} />
                      </Form.Item>
                    ),
                  },
                  {
                    key: 'amount',
                    title: t('lineAmount'),
                    align: 'right',
                    render: (_, __, index) => {
                      const minor = previews[index];
                      return minor == null ? <Typography.Text type="secondary">—</Typography.Text> : <Money amount={formatMinor(minor, currency)} currency={currency} />;
                    },
                  },
                  {
                    key: 'remove',
                    title: '',
                    width: 48,
                    render: (_, field, index) => (
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('edit.removeLine', { n: index + 1 })} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
                    ),
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={5} align="right">
                      <Typography.Text strong>{t('total')}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={5} align="right">
                      <span data-testid="order-total-preview">{total === null ? '—' : <Money amount={formatMinor(total, currency)} currency={currency} strong />}</span>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} />
                  </Table.Summary.Row>
                )}
              />
              <Form.ErrorList errors={errors} />
              <Space style={{ marginTop: 12, display: 'flex' }}>
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: '1' })} disabled={fields.length >= 200} data-testid="order-line-add">
                  {t('edit.addLine')}
                </Button>
                <Typography.Text type="secondary">{t('edit.previewNote')}</Typography.Text>
              </Space>
            </>
          )}
        </Form.List>

        <div style={{ marginTop: 24, paddingTop: 16, borderTop: '1px solid #f0f0f0' }}>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="order-save">
              {t('edit.saveDraft')}
            </Button>
            <Button onClick={() => navigate(order ? `/orders/${order.id}` : '/orders')}>{t('common:action.cancel')}</Button>
          </Space>
        </div>
      </Form>
    </Card>
  );
}

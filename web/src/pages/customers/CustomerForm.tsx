import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Form, Input, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { CustomerInput } from '../../api/customers';
import type { Customer } from '../../api/types';
import { useSession } from '../../auth/session';
import { describeError, showFieldErrors } from '../../shared/errors';
import { DepartmentSelect, OwnerSelect } from './directory';

interface Values {
  code: string;
  name: string;
  ownerId?: string | null;
  departmentId?: string | null;
  taxId?: string;
  contacts?: { name: string; title?: string; phone?: string; email?: string }[];
  tags?: string[];
  remarks?: string;
}

const blankToUndefined = (text: string | undefined) => (text && text.trim() !== '' ? text.trim() : undefined);

/**
 * Create or edit a customer in a drawer. A sales rep (data scope "own") always owns what they create, so the
 * owner field is shown only to those who may give customers to others. Field errors from the server appear
 * beside their fields; anything else in an alert above the form.
 */
export function CustomerForm({ open, customer, onClose, onSaved }: { open: boolean; customer?: Customer | null; onClose: () => void; onSaved: (customer: Customer) => void }) {
  const { t } = useTranslation('customers');
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const mayAssign = user.dataScope !== 'own';

  useEffect(() => {
    if (!open) return;
    setFailure(null);
    form.resetFields();
    if (!customer && mayAssign) form.setFieldsValue({ ownerId: user.id });
    if (customer) {
      form.setFieldsValue({
        code: customer.code, name: customer.name, ownerId: customer.ownerId, departmentId: customer.departmentId, taxId: customer.taxId ?? '',
        contacts: customer.contacts.map((c) => ({ ...c })), tags: customer.tags, remarks: customer.remarks,
      });
    }
  }, [open, customer, form, mayAssign, user.id]);

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    const body: CustomerInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      taxId: blankToUndefined(values.taxId) ?? null,
      contacts: (values.contacts ?? []).map((c) => ({
        name: c.name.trim(),
        ...(blankToUndefined(c.title) ? { title: c.title!.trim() } : {}),
        ...(blankToUndefined(c.phone) ? { phone: c.phone!.trim() } : {}),
        ...(blankToUndefined(c.email) ? { email: c.email!.trim() } : {}),
      })),
      tags: values.tags ?? [],
      remarks: values.remarks ?? '',
    };
    if (mayAssign) body.ownerId = values.ownerId ?? null;
    body.departmentId = values.departmentId ?? null;
    if (!customer) {
      if (body.ownerId === null) delete body.ownerId;
      if (body.departmentId === null) delete body.departmentId;
    }
    try {
      const saved = customer ? await api.patch<Customer>(`/customers/${customer.id}`, body) : await api.post<Customer>('/customers', body);
      onSaved(saved);
    } catch (error) {
      const shown = showFieldErrors(form, t, error);
      setFailure(shown ? t('common:error.validation_failed') : describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={customer ? t('form.editTitle', { name: customer.name }) : t('new')}
      size="large"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="customer-save">
            {t('common:action.save')}
          </Button>
        </Space>
      }
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} data-testid="customer-form" requiredMark>
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="code" label={t('common:field.code')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 40 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="name" label={t('common:field.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          {mayAssign && (
            <Col span={12}>
              <Form.Item name="ownerId" label={t('common:field.owner')}>
                <OwnerSelect />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="departmentId" label={t('common:field.department')}>
              <DepartmentSelect />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="taxId" label={t('taxId')} rules={[{ max: 40 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tags" label={t('tags')} extra={t('form.tagsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} aria-label={t('tags')} />
        </Form.Item>
        <Form.Item label={t('contacts')} required={false}>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top" wrap={false}>
                    <Col flex="1">
                      <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: t('form.required') }]} style={{ marginBottom: 8 }}>
                        <Input placeholder={t('contact.name')} aria-label={`${t('contact.name')} ${index + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col flex="1">
                      <Form.Item name={[field.name, 'title']} style={{ marginBottom: 8 }}>
                        <Input placeholder={t('contact.title')} aria-label={`${t('contact.title')} ${index + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col flex="1">
                      <Form.Item name={[field.name, 'phone']} rules={[{ pattern: /^[0-9+()*#\- ]*$/, message: t('form.phoneInvalid') }]} style={{ marginBottom: 8 }}>
                        <Input placeholder={t('contact.phone')} aria-label={`${t('contact.phone')} ${index + 1}`} inputMode="tel" />
                      </Form.Item>
                    </Col>
                    <Col flex="1.3">
                      <Form.Item name={[field.name, 'email']} rules={[{ type: 'email', message: t('form.emailInvalid') }]} style={{ marginBottom: 8 }}>
                        <Input placeholder={t('contact.email')} aria-label={`${t('contact.email')} ${index + 1}`} inputMode="email" />
                      </Form.Item>
                    </Col>
                    <Col>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('contact.remove', { n: index + 1 })} onClick={() => remove(field.name)} />
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} disabled={fields.length >= 20}>
                  {t('contact.add')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="remarks" label={t('common:field.remarks')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

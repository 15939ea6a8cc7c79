import { Alert, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, showFieldErrors } from './errors';

/**
 * Asks for the reason of a rejection, a void or a cancellation, then runs the action; the server's refusal is
 * shown in the modal (beside the field when it concerns the reason), so the user can correct and retry.
 */
export function ReasonModal(props: { open: boolean; title: string; okText: string; danger?: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (props.open) {
      form.resetFields();
      setFailure(null);
    }
  }, [props.open, form]);

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return; // the form shows what is missing
    const { reason } = values;
    setBusy(true);
    setFailure(null);
    try {
      await props.onSubmit(reason.trim());
      props.onClose();
    } catch (error) {
      if (!showFieldErrors(form, t, error)) setFailure(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ danger: props.danger, loading: busy, 'data-testid': 'reason-ok' }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={() => void submit()}>
        <Form.Item name="reason" label={t('common:field.reason')} rules={[{ required: true, whitespace: true, message: t('common:error.reason_required') }, { max: 500 }]}>
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

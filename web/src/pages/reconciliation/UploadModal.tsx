import { Alert, Button, Form, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { statementEncodings, statementFormats, statementsApi, type Statement, type UploadOptions } from '../../api/statements';
import { describeError } from '../../shared/errors';
import { FilePicker } from '../../shared/FilePicker';
import { useIdempotencyKey } from '../../shared/idempotency';
import { useLoad } from '../../shared/useLoad';
import { StatementWarnings } from './Warnings';

/** The browser's bound before sending; the server's statementBytesMax is the real one (statement_too_large). */
const uploadBytesMax = 64 * 1024 * 1024;

type Values = Omit<UploadOptions, 'filename'>;

/** Upload a statement: file, format, encoding, mapping → the result with its warnings and duplicates. */
export function UploadModal({ onClose, onUploaded }: { onClose: () => void; onUploaded: () => void }) {
  const { t } = useTranslation('reconciliation');
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<Statement[] | null>(null);
  const keyFor = useIdempotencyKey();
  const mappings = useLoad((signal) => statementsApi.mappings(signal), []);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (!file) return setFileError(t('uploadForm.fileRequired'));
    setSaving(true);
    setFailure(null);
    try {
      const options: UploadOptions = { ...values, filename: file.name };
      // Same file and options again (a retry after a network error): same key, so the statement is stored once.
      const key = keyFor({ ...options, size: file.size, modified: file.lastModified });
      setResult((await statementsApi.upload(file, options, key)).items);
      onUploaded();
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setSaving(false);
    }
  };

  if (result) {
    return (
      <Modal open title={t('result.title', { number: result.map((r) => r.number).join('、') })} onCancel={onClose} width={720} data-testid="statement-upload-result"
        footer={<Button onClick={onClose}>{t('common:action.close')}</Button>}
      >
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          {result.map((statement) => (
            <div key={statement.id}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>{statement.number}</Typography.Text>
                <Button type="primary" data-testid="statement-open" onClick={() => navigate(`/reconciliation/${statement.id}`)}>{t('result.open')}</Button>
              </Space>
              <Typography.Paragraph data-testid="statement-upload-summary">
                {t('result.summary', { lines: statement.lineCount, fresh: statement.newLines, duplicates: statement.duplicateLines })}
              </Typography.Paragraph>
              {statement.warnings.length === 0 ? <Alert type="success" showIcon title={t('result.noWarnings')} /> : <StatementWarnings warnings={statement.warnings} />}
            </div>
          ))}
        </Space>
      </Modal>
    );
  }

  return (
    <Modal open title={t('upload')} okText={t('uploadForm.submit')} cancelText={t('common:action.cancel')} onOk={() => void submit()} onCancel={onClose} confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'statement-upload-submit' }} destroyOnHidden width={640}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="statement-upload-error" />}
      <Form<Values> form={form} layout="vertical" name="statement-upload" initialValues={{ format: 'auto', encoding: 'auto' }}>
        <Form.Item label={t('uploadForm.file')} extra={t('uploadForm.fileHelp')} validateStatus={fileError ? 'error' : undefined} help={fileError ?? undefined} required>
          <FilePicker value={file} accept=".xml,.sta,.txt,.940,.csv,.xlsx" maxBytes={uploadBytesMax} label={t('uploadForm.choose')} testId="statement-file"
            onChange={(chosen, tooLarge) => {
              setFile(chosen);
              setFileError(tooLarge ? t('uploadForm.tooLarge', { mb: uploadBytesMax / 1024 / 1024 }) : null);
            }}
          />
        </Form.Item>
        <Form.Item name="format" label={t('uploadForm.format')}>
          <Select data-testid="statement-format" options={statementFormats.map((f) => ({ value: f, label: t(`format.${f}`) }))} />
        </Form.Item>
        <Form.Item name="encoding" label={t('uploadForm.encoding')}>
          <Select options={statementEncodings.map((e) => ({ value: e, label: t(`encoding.${e}`) }))} />
        </Form.Item>
        <Form.Item name="mappingId" label={t('uploadForm.mapping')} extra={t('uploadForm.mappingHelp')}>
          <Select allowClear placeholder={t('uploadForm.mappingNone')} loading={mappings.loading} options={(mappings.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

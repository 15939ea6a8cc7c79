import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Spin, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AuditVerification } from '../../api/admin';
import { useSession } from '../../auth/session';
import { describeError } from '../../shared/errors';

type Problem = AuditVerification['problems'][number];

/** Re-computes the whole hash chain on the server and says plainly whether it holds, and where it first breaks. */
export function AuditVerify() {
  const { t, i18n } = useTranslation('audit');
  const { tenant } = useSession();
  const [open, setOpen] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<{ verification: AuditVerification; at: Date } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const verify = async () => {
    setOpen(true);
    setRunning(true);
    setFailure(null);
    setResult(null);
    try {
      setResult({ verification: await adminApi.verifyAudit(), at: new Date() });
    } catch (error) {
      setFailure(describeError(t, error));
    } finally {
      setRunning(false);
    }
  };

  const problems = result?.verification.problems ?? [];
  const first = [...problems].sort((a, b) => a.seq - b.seq)[0];
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} loading={running} data-testid="audit-verify">
        {t('verify.button')}
      </Button>
      <Modal open={open} title={t('verify.button')} onCancel={() => setOpen(false)} footer={<Button onClick={() => setOpen(false)}>{t('common:action.close')}</Button>} width={720}>
        <div data-testid="audit-verify-result" data-ok={result ? String(result.verification.ok) : undefined} aria-live="polite">
          {running && <Spin tip={t('verify.running')}><div style={{ height: 80 }} /></Spin>}
          {failure && <Alert type="error" showIcon message={failure} />}
          {result &&
            (result.verification.ok ? (
              <Alert type="success" showIcon message={t('verify.ok')} description={t('verify.checkedAt', { time: result.at.toLocaleString(i18n.language, { timeZone: tenant.timeZone }) })} />
            ) : (
              <>
                <Alert
                  type="error"
                  showIcon
                  message={t('verify.broken', { count: problems.length })}
                  description={first && `${t('verify.firstBroken', { seq: first.seq })} — ${t(`verify.problem.${first.problem}`)}: ${first.message}`}
                  style={{ marginBottom: 16 }}
                />
                <Table<Problem>
                  size="small"
                  rowKey={(p) => `${p.seq}-${p.problem}`}
                  dataSource={problems}
                  pagination={problems.length > 10 ? { pageSize: 10 } : false}
                  columns={[
                    { key: 'seq', title: t('column.seq'), dataIndex: 'seq', align: 'right' },
                    { key: 'problem', title: t('verify.problemColumn'), render: (_, p) => t(`verify.problem.${p.problem}`) },
                    { key: 'message', title: t('verify.messageColumn'), dataIndex: 'message' },
                  ]}
                />
              </>
            ))}
        </div>
      </Modal>
    </>
  );
}

import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Progress, Radio, Result, Skeleton, Space, Steps, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorsCsvUrl, importKinds, importsApi, templateUrl, type ImportJob, type ImportKind, type ImportMode } from '../../api/imports';
import { ApiError } from '../../api/client';
import { describeError } from '../../shared/errors';
import { FilePicker } from '../../shared/FilePicker';
import { useIdempotencyKey } from '../../shared/idempotency';
import { StatusTag } from '../../shared/StatusTag';

/** The browser refuses bigger files before sending; the server's own limit (import_too_large) is the real one. */
const uploadBytesMax = 20 * 1024 * 1024;
/** How often a running validation or import is asked for its progress. */
const pollMs = 1_000;
const listPaths: Record<ImportKind, string> = { customers: '/customers', orders: '/orders', receipts: '/receipts' };

/** An import as the server has it, asked again every second while it validates or imports. */
function usePolledImport(id: string | undefined) {
  const { t } = useTranslation('imports');
  const [job, setJob] = useState<ImportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState(0);
  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await importsApi.get(id, controller.signal);
        if (controller.signal.aborted) return;
        setJob(next);
        setError(null);
        if (next.status === 'validating' || next.status === 'importing') timer = setTimeout(() => void load(), pollMs);
      } catch (failure) {
        if (!controller.signal.aborted) setError(describeError(t, failure));
      }
    };
    void load();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id, token, t]);
  return { job, error, setJob, poll: () => setToken((n) => n + 1) };
}

function stepOf(job: ImportJob | null, local: number): number {
  if (!job) return local;
  return { validating: 3, validated: 4, importing: 5, done: 6, failed: 6 }[job.status];
}

/**
 * 导入向导: choose what to import → template → upload → validation with progress → the errors per row and
 * column, and the choice all-or-nothing or valid rows only → import with progress → the counts and where to
 * look. The address carries the import's id, so a reload (or coming back later) resumes where it stands.
 */
export default function ImportWizard() {
  const { id } = useParams();
  const { t } = useTranslation('imports');
  const navigate = useNavigate();
  const { job, error, setJob, poll } = usePolledImport(id);
  const [local, setLocal] = useState(0);
  const [kind, setKind] = useState<ImportKind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<ImportMode | null>(null);
  const keyFor = useIdempotencyKey();
  const step = stepOf(job, local);
  const jobKind = job?.kind ?? kind;

  const upload = async () => {
    if (!file) return setFileError(t('upload.required'));
    const options = { kind, format: /\.xlsx$/i.test(file.name) ? ('xlsx' as const) : ('csv' as const), filename: file.name };
    setBusy(true);
    setFailure(null);
    try {
      const created = await importsApi.upload(file, options, keyFor({ ...options, size: file.size, modified: file.lastModified }));
      setJob(created);
      navigate(`/imports/${created.id}`, { replace: true });
    } catch (failed) {
      setFailure(describeError(t, failed));
    } finally {
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!job || !mode) return;
    setBusy(true);
    setFailure(null);
    try {
      setJob(await importsApi.commit(job.id, mode, keyFor({ commit: job.id, mode })));
      poll();
    } catch (failed) {
      setFailure(describeError(t, failed));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setFile(null);
    setMode(null);
    setLocal(2);
    setKind(jobKind);
    navigate('/imports/new');
  };

  const progress = (label: 'validating' | 'importing', j: ImportJob) => (
    <div data-testid="import-progress" style={{ maxWidth: 560 }}>
      <Progress percent={j.totalRows > 0 ? Math.floor((j.processedRows * 100) / j.totalRows) : 0} status="active" />
      <Typography.Text>{t(label, { done: j.processedRows, total: j.totalRows || '…' })}</Typography.Text>
    </div>
  );

  let body: React.ReactNode;
  if (id && !job) body = error ? <Alert type="error" showIcon title={error} /> : <Skeleton active />;
  else if (step === 0)
    body = (
      <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} data-testid="import-kind" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {importKinds.map((k) => (
          <Radio key={k} value={k} data-testid={`import-kind-${k}`}>
            <Typography.Text strong>{t(`kind.${k}`)}</Typography.Text> <Typography.Text type="secondary">— {t(`kindHelp.${k}`)}</Typography.Text>
          </Radio>
        ))}
      </Radio.Group>
    );
  else if (step === 1)
    body = (
      <Space orientation="vertical">
        <Typography.Paragraph>{t('template.intro')}</Typography.Paragraph>
        <Space>
          <Button icon={<DownloadOutlined />} href={templateUrl(kind, 'csv')} download data-testid="import-template-csv">{t('template.csv')}</Button>
          <Button icon={<DownloadOutlined />} href={templateUrl(kind, 'xlsx')} download data-testid="import-template-xlsx">{t('template.xlsx')}</Button>
        </Space>
      </Space>
    );
  else if (step === 2)
    body = (
      <Space orientation="vertical">
        <FilePicker value={file} accept=".csv,.xlsx" maxBytes={uploadBytesMax} label={t('upload.choose')} testId="import-file"
          onChange={(chosen, tooLarge) => {
            setFile(chosen);
            setFileError(tooLarge ? t('upload.tooLarge', { mb: uploadBytesMax / 1024 / 1024 }) : null);
          }}
        />
        <Typography.Text type="secondary">{t('upload.help', { mb: uploadBytesMax / 1024 / 1024 })}</Typography.Text>
        {fileError && <Typography.Text type="danger">{fileError}</Typography.Text>}
      </Space>
    );
  else if (job && step === 3) body = progress('validating', job);
  else if (job && step === 4) body = <Review job={job} mode={mode} onMode={setMode} />;
  else if (job && step === 5) body = progress('importing', job);
  else if (job)
    body =
      job.status === 'done' ? (
        <Result
          status="success"
          title={t('done.title')}
          subTitle={<span data-testid="import-done">{t('done.summary', { imported: job.importedRows, skipped: job.totalRows - job.importedRows })}</span>}
          extra={[
            <Button key="open" type="primary" onClick={() => navigate(listPaths[job.kind])} data-testid="import-open-list">{t(`done.open.${job.kind}`)}</Button>,
            <Button key="again" onClick={restart}>{t('done.again')}</Button>,
          ]}
        />
      ) : (
        <Result
          status="error"
          title={t('done.failed')}
          subTitle={<span data-testid="import-failed">{job.failure ? `${describeError(t, new ApiError(422, job.failure.code, job.failure.code, job.failure.message, []))} ` : ''}{t('done.failedHint')}</span>}
          extra={[
            <Button key="errors" href={errorsCsvUrl(job.id)} download icon={<DownloadOutlined />}>{t('review.downloadErrors')}</Button>,
            <Button key="again" onClick={restart}>{t('done.again')}</Button>,
          ]}
        >
          {job.errors.length > 0 && <ErrorTable job={job} />}
        </Result>
      );

  const footer = (
    <Space style={{ marginTop: 24 }}>
      {step >= 1 && step <= 2 && <Button onClick={() => setLocal(step - 1)}>{t('previous')}</Button>}
      {step <= 1 && <Button type="primary" onClick={() => setLocal(step + 1)} data-testid="import-next">{t('next')}</Button>}
      {step === 2 && <Button type="primary" loading={busy} onClick={() => void upload()} data-testid="import-upload">{t('upload.submit')}</Button>}
      {step === 4 && job && (
        <>
          <Button onClick={restart}>{t('review.restart')}</Button>
          <Button type="primary" loading={busy} disabled={!mode || (mode === 'valid_only' ? job.validRows === 0 : job.errorRows > 0)} onClick={() => void commit()} data-testid="import-commit">
            {t('review.commit')}
          </Button>
        </>
      )}
    </Space>
  );

  return (
    <Card
      data-testid="import-wizard"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('back')} onClick={() => navigate('/imports')} />
          <Typography.Title level={4} style={{ margin: 0 }}>{t('wizardTitle')}</Typography.Title>
          {job && <StatusTag kind="import" status={job.status} />}
        </Space>
      }
    >
      <Steps
        current={step}
        status={job?.status === 'failed' ? 'error' : job?.status === 'done' ? 'finish' : 'process'}
        size="small"
        style={{ marginBottom: 24 }}
        items={(['kind', 'template', 'upload', 'validate', 'review', 'import', 'done'] as const).map((s) => ({ title: t(`step.${s}`) }))}
      />
      {job && (
        <Descriptions size="small" style={{ marginBottom: 16 }} column={{ xs: 2, md: 5 }}
          items={[
            { key: 'kind', label: t('field.kind'), children: t(`kind.${job.kind}`) },
            { key: 'total', label: t('field.total'), children: job.totalRows },
            { key: 'valid', label: t('field.valid'), children: job.validRows },
            { key: 'errors', label: t('field.errors'), children: job.errorRows },
            { key: 'imported', label: t('field.imported'), children: job.importedRows },
          ]}
        />
      )}
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="import-error" />}
      {body}
      {footer}
      {job && step < 6 && (
        <div style={{ marginTop: 16 }}>
          <Link to="/imports">{t('back')}</Link>
        </div>
      )}
    </Card>
  );
}

function ErrorTable({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  return (
    <>
      {job.errors.length < job.errorCount && <Typography.Paragraph type="secondary">{t('review.errorsCapped', { count: job.errors.length })}</Typography.Paragraph>}
      <Table
        size="small"
        rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
        dataSource={job.errors}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="import-errors"
        columns={[
          { key: 'row', title: t('review.row'), dataIndex: 'row', align: 'right', width: 80 },
          { key: 'column', title: t('review.column'), dataIndex: 'column', width: 160 },
          { key: 'message', title: t('review.message'), render: (_, e) => <span>{e.message} <Typography.Text type="secondary" code>{e.code}</Typography.Text></span> },
        ]}
      />
    </>
  );
}

/** What validation found, and the choice of how to import. All-or-nothing is offered only when it can succeed. */
function Review({ job, mode, onMode }: { job: ImportJob; mode: ImportMode | null; onMode: (mode: ImportMode) => void }) {
  const { t } = useTranslation('imports');
  const clean = job.errorRows === 0;
  // The one sensible choice is made for the user; with errors they decide.
  useEffect(() => {
    if (!mode && clean) onMode('all_or_nothing');
  }, [mode, clean, onMode]);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {clean ? (
        <Alert type="success" showIcon title={t('review.allValid', { count: job.validRows })} data-testid="import-review" />
      ) : (
        <Alert type={job.validRows === 0 ? 'error' : 'warning'} showIcon data-testid="import-review"
          title={t('review.someInvalid', { errors: job.errorRows, valid: job.validRows })}
          description={job.validRows === 0 ? t('review.noneValid') : undefined}
          action={<Button size="small" href={errorsCsvUrl(job.id)} download icon={<DownloadOutlined />} data-testid="import-errors-csv">{t('review.downloadErrors')}</Button>}
        />
      )}
      {!clean && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('review.errorsTitle')}</Typography.Title>
          <ErrorTable job={job} />
        </>
      )}
      <div>
        <Typography.Title level={5}>{t('review.chooseMode')}</Typography.Title>
        <Radio.Group value={mode} onChange={(e) => onMode(e.target.value as ImportMode)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="import-mode">
          <Radio value="all_or_nothing" disabled={!clean}>
            {t('mode.all_or_nothing')} <Typography.Text type="secondary">— {t('modeHelp.all_or_nothing')}</Typography.Text>
          </Radio>
          <Radio value="valid_only" disabled={job.validRows === 0}>
            {t('mode.valid_only')} <Typography.Text type="secondary">— {t('modeHelp.valid_only', { count: job.validRows })}</Typography.Text>
          </Radio>
        </Radio.Group>
      </div>
    </Space>
  );
}

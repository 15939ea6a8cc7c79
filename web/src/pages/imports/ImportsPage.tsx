import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ImportJob } from '../../api/imports';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { StatusTag } from '../../shared/StatusTag';
import { useInstant } from '../settings/common';

/** 导入: the imports run so far, each opening in the wizard where it stands. */
export default function ImportsPage() {
  const { t } = useTranslation('imports');
  const instant = useInstant();
  const navigate = useNavigate();
  const columns = useMemo<DataColumn<ImportJob>[]>(
    () => [
      { key: 'createdAt', title: t('field.createdAt'), render: (_, j) => <Link to={`/imports/${j.id}`}>{instant(j.createdAt)}</Link>, exportValue: (j) => j.createdAt },
      { key: 'kind', title: t('field.kind'), render: (_, j) => t(`kind.${j.kind}`), exportValue: (j) => t(`kind.${j.kind}`) },
      { key: 'file', title: t('field.file'), render: (_, j) => j.filename || '—', exportValue: (j) => j.filename },
      { key: 'status', title: t('common:field.status'), render: (_, j) => <StatusTag kind="import" status={j.status} />, exportValue: (j) => t(`common:status.import.${j.status}`) },
      { key: 'total', title: t('field.total'), align: 'right', dataIndex: 'totalRows', exportValue: (j) => j.totalRows },
      { key: 'valid', title: t('field.valid'), align: 'right', dataIndex: 'validRows', exportValue: (j) => j.validRows },
      { key: 'errors', title: t('field.errors'), align: 'right', dataIndex: 'errorRows', exportValue: (j) => j.errorRows },
      { key: 'imported', title: t('field.imported'), align: 'right', dataIndex: 'importedRows', exportValue: (j) => j.importedRows },
      { key: 'mode', title: t('field.mode'), render: (_, j) => (j.mode ? t(`mode.${j.mode}`) : '—'), exportValue: (j) => j.mode },
      { key: 'finishedAt', title: t('field.finishedAt'), render: (_, j) => instant(j.finishedAt), exportValue: (j) => j.finishedAt },
    ],
    // instant follows the language with t
    [t],
  );
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      data-testid="imports"
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/imports/new')} data-testid="import-new">{t('new')}</Button>}
    >
      <DataTable<ImportJob> id="imports" path="/imports" columns={columns} rowKey="id" exportName="imports" />
    </Card>
  );
}

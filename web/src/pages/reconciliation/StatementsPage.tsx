import { TableOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { lineStatuses, type Statement } from '../../api/statements';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { useInstant } from '../settings/common';
import { UploadModal } from './UploadModal';

/** 银行对账: the statements imported, with how far each is matched; upload a new one. */
export default function StatementsPage() {
  const { t } = useTranslation('reconciliation');
  const instant = useInstant();
  const navigate = useNavigate();
  const [uploading, setUploading] = useState(false);
  const [reload, setReload] = useState(0);

  const columns = useMemo<DataColumn<Statement>[]>(
    () => [
      { key: 'number', title: t('field.number'), render: (_, s) => <Link to={`/reconciliation/${s.id}`}>{s.number}</Link>, exportValue: (s) => s.number },
      { key: 'filename', title: t('field.filename'), dataIndex: 'filename', exportValue: (s) => s.filename },
      { key: 'format', title: t('field.format'), render: (_, s) => t(`format.${s.format}`, { defaultValue: s.format }), exportValue: (s) => s.format },
      { key: 'account', title: t('field.account'), dataIndex: 'accountId', exportValue: (s) => s.accountId },
      { key: 'period', title: t('field.period'), render: (_, s) => (s.fromDate ? `${s.fromDate} – ${s.toDate ?? ''}` : '—'), exportValue: (s) => `${s.fromDate ?? ''}–${s.toDate ?? ''}` },
      { key: 'opening', title: t('field.opening'), align: 'right', render: (_, s) => <Money amount={s.openingBalance} currency={s.currency} />, exportValue: (s) => s.openingBalance, exportKind: 'amount', defaultHidden: true },
      { key: 'closing', title: t('field.closing'), align: 'right', render: (_, s) => <Money amount={s.closingBalance} currency={s.currency} />, exportValue: (s) => s.closingBalance, exportKind: 'amount' },
      { key: 'lines', title: t('field.lines'), align: 'right', dataIndex: 'lineCount', exportValue: (s) => s.lineCount },
      {
        key: 'counts',
        title: t('field.counts'),
        render: (_, s) => (
          <Space size={4} wrap>
            {lineStatuses.filter((st) => s.counts[st] > 0).map((st) => (
              <span key={st}><StatusTag kind="statementLine" status={st} />{s.counts[st]}</span>
            ))}
          </Space>
        ),
        exportValue: (s) => lineStatuses.map((st) => `${t(`common:status.statementLine.${st}`)} ${s.counts[st]}`).join(', '),
      },
      {
        key: 'warnings',
        title: t('field.warnings'),
        render: (_, s) =>
          s.warnings.length === 0 ? '—' : (
            <Tooltip title={s.warnings.map((w) => `${t(`warning.${w.code}`, { defaultValue: w.code })}: ${w.message}`).join('\n')}>
              <Tag color="orange">{s.warnings.map((w) => t(`warning.${w.code}`, { defaultValue: w.code })).join('、')}</Tag>
            </Tooltip>
          ),
        exportValue: (s) => s.warnings.map((w) => w.message).join('; '),
      },
      { key: 'importedAt', title: t('field.importedAt'), render: (_, s) => instant(s.importedAt), exportValue: (s) => s.importedAt },
    ],
    // instant follows the language with t
    [t],
  );

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      data-testid="statements"
      extra={
        <Space>
          <Button icon={<TableOutlined />} onClick={() => navigate('/reconciliation/mappings')}>{t('mappings')}</Button>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setUploading(true)} data-testid="statement-upload">{t('upload')}</Button>
        </Space>
      }
    >
      <DataTable<Statement> live={['statement']} id="statements" path="/statements" columns={columns} rowKey="id" exportName="statements" reloadToken={reload} />
      {uploading && <UploadModal onClose={() => setUploading(false)} onUploaded={() => setReload((n) => n + 1)} />}
    </Card>
  );
}

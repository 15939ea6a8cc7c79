import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { statementsApi, type StatementMapping } from '../../api/statements';
import { useLoad } from '../../shared/useLoad';
import { useRowAction } from '../settings/common';
import { MappingForm } from './MappingForm';

/** Column mappings for CSV/XLSX bank exports, one per bank layout. */
export default function MappingsPage() {
  const { t } = useTranslation('reconciliation');
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { run, reloadToken, reload } = useRowAction();
  const list = useLoad((signal) => statementsApi.mappings(signal), [reloadToken]);
  const [editing, setEditing] = useState<StatementMapping | 'new' | null>(null);

  const describe = (m: StatementMapping) =>
    Object.entries(m.definition.columns ?? {})
      .filter(([, v]) => v)
      .map(([k, v]) => `${t(`mapping.column.${k}`, { defaultValue: k })} ← ${v}`)
      .join('；');

  return (
    <Card
      data-testid="statement-mappings"
      title={
        <Space>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common:action.back')} onClick={() => navigate('/reconciliation')} />
          <Typography.Title level={4} style={{ margin: 0 }}>{t('mapping.title')}</Typography.Title>
        </Space>
      }
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="mapping-new">{t('mapping.new')}</Button>}
    >
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      <Table<StatementMapping>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('mapping.empty') }}
        columns={[
          { key: 'name', title: t('mapping.name'), render: (_, m) => <Typography.Text strong>{m.name}</Typography.Text> },
          { key: 'preset', title: t('mapping.preset'), render: (_, m) => (m.definition.preset ? t(`mapping.presets.${m.definition.preset}`) : '—') },
          { key: 'encoding', title: t('mapping.encoding'), render: (_, m) => t(`encoding.${m.definition.encoding ?? 'auto'}`, { defaultValue: m.definition.encoding }) },
          { key: 'dateFormat', title: t('mapping.dateFormat'), render: (_, m) => m.definition.dateFormat ?? '—' },
          { key: 'currency', title: t('mapping.defaultCurrency'), render: (_, m) => m.definition.defaultCurrency ?? '—' },
          { key: 'columns', title: t('mapping.columns'), render: (_, m) => <span style={{ fontSize: 12 }}>{describe(m)}</span> },
          {
            key: 'actions',
            title: t('common:action.more'),
            render: (_, m) => (
              <Space>
                <Button type="link" onClick={() => setEditing(m)}>{t('common:action.edit')}</Button>
                <Popconfirm title={t('mapping.deleteAsk', { name: m.name })} okText={t('common:action.delete')} okButtonProps={{ danger: true }} cancelText={t('common:action.cancel')}
                  onConfirm={() => run(() => statementsApi.deleteMapping(m.id), t('mapping.deleted', { name: m.name }))}>
                  <Button type="link" danger>{t('common:action.delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <MappingForm
          mapping={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            message.success(t('mapping.saved', { name: saved.name }));
            setEditing(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}

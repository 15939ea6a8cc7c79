import { Alert, App, Button, Form, Input, Modal, Popconfirm, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AdminUser, type Period } from '../../api/admin';
import { useSession } from '../../auth/session';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { useDirectory, useFormSubmit, useInstant, useRowAction } from './common';
import { muted } from './permissions';

export default function PeriodsTab() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const { can } = useSession();
  const instant = useInstant();
  const { users } = useDirectory({ users: true });
  const [reopening, setReopening] = useState<Period | null>(null);
  const { run, reloadToken, reload } = useRowAction();
  const close = (period: Period) => run(() => adminApi.closePeriod(period.month), t('periods.closedDone', { month: period.month }));

  const columns = useMemo<DataColumn<Period>[]>(() => {
    const who = (id: string | null) => nameOf(users.data, id) ?? t('unknownUser');
    const byWhom = (id: string | null, at: string | null) => (at ? t('periods.by', { who: who(id), time: instant(at) }) : '—');
    return [
      { key: 'month', title: t('periods.month'), dataIndex: 'month', exportValue: (p) => p.month },
      {
        key: 'status',
        title: t('periods.status'),
        render: (_, p) => (p.status === 'closed' ? <Tag color="default">{t('periods.closed')}</Tag> : <Tag color="green">{t('periods.open')}</Tag>),
        exportValue: (p) => t(`periods.${p.status}`),
      },
      { key: 'closed', title: t('periods.closedBy'), render: (_, p) => byWhom(p.closedBy, p.closedAt), exportValue: (p) => byWhom(p.closedBy, p.closedAt) },
      { key: 'reopened', title: t('periods.reopenedBy'), render: (_, p) => byWhom(p.reopenedBy, p.reopenedAt), exportValue: (p) => byWhom(p.reopenedBy, p.reopenedAt) },
      { key: 'reopenReason', title: t('periods.reopenReason'), render: (_, p) => p.reopenReason ?? '—', exportValue: (p) => p.reopenReason },
      {
        key: 'actions',
        title: t('common:action.more'),
        render: (_, p) =>
          p.status === 'open' ? (
            can('periods.close') && (
              <Popconfirm
                title={t('periods.closeConfirmTitle', { month: p.month })}
                description={<div style={{ maxWidth: 320 }}>{t('periods.closeConfirm')}</div>}
                okText={t('periods.close')}
                okButtonProps={{ danger: true, 'data-testid': 'period-close-ok' }}
                cancelText={t('common:action.cancel')}
                onConfirm={() => close(p)}
              >
                <Button type="link" danger data-testid={`period-close-${p.month}`}>
                  {t('periods.close')}
                </Button>
              </Popconfirm>
            )
          ) : (
            can('periods.reopen') && (
              <Button type="link" onClick={() => setReopening(p)} data-testid={`period-reopen-${p.month}`}>
                {t('periods.reopen')}
              </Button>
            )
          ),
      },
    ];
    // close and instant change with every render; the columns follow the language, the directory and permissions
  }, [t, users.data, can]);

  return (
    <>
      <p style={muted}>{t('periods.intro')}</p>
      <DataTable<Period> id="settings-periods" path="/periods" columns={columns} rowKey="month" exportName="periods" reloadToken={reloadToken} />
      {reopening && (
        <ReopenPeriod
          period={reopening}
          onClose={() => setReopening(null)}
          onDone={() => {
            message.success(t('periods.reopenedDone', { month: reopening.month }));
            setReopening(null);
            reload();
          }}
        />
      )}
    </>
  );
}

function nameOf(users: AdminUser[] | null, id: string | null): string | null {
  if (!id) return null;
  const user = users?.find((u) => u.id === id);
  return user ? `${user.displayName} (${user.login})` : null;
}

function ReopenPeriod(props: { period: Period; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('settings');
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, failure, submit } = useFormSubmit(form);

  const save = async (values: { reason: string }) => {
    await adminApi.reopenPeriod(props.period.month, values.reason.trim());
    props.onDone();
  };

  return (
    <Modal
      open
      title={t('periods.reopenTitle', { month: props.period.month })}
      okText={t('periods.reopen')}
      okButtonProps={{ danger: true, 'data-testid': 'period-reopen-ok' }}
      cancelText={t('common:action.cancel')}
      onOk={() => void submit(save)}
      onCancel={props.onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} name="reopen-period" layout="vertical">
        <Form.Item name="reason" label={t('periods.reason')} extra={t('periods.reopenHelp')} rules={[{ required: true, whitespace: true, message: t('common:error.reason_required') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

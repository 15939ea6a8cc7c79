import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { adminApi, type AdminUser } from '../../api/admin';
import { deliveryFormats, scheduleFrequencies, templatesApi, type ReportTemplate, type ScheduleInput, type TemplateSchedule } from '../../api/reports';
import { useSession } from '../../auth/session';
import { describeError } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { roleLabel } from '../settings/permissions';
import { useInstant } from '../settings/common';

const builtinRoleCodes = ['admin', 'finance', 'sales', 'manager', 'auditor'];

/**
 * 报表模板管理: every template one may use (built-ins, one's own, those shared with one's role) with its
 * schedule and last run; open, copy, rename, share, schedule and delete. Reached from the reports page.
 */
export default function TemplatesPage() {
  const { t } = useTranslation('reportTemplates');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const instant = useInstant();
  const loaded = useLoad((signal) => templatesApi.list(signal), []);
  const [editing, setEditing] = useState<ReportTemplate | null>(null);
  const [sharing, setSharing] = useState<ReportTemplate | null>(null);
  const [scheduling, setScheduling] = useState<ReportTemplate | null>(null);
  const roles = useRoleOptions();

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      loaded.reload();
      return true;
    } catch (error) {
      message.error(describeError(t, error));
      return false;
    }
  };

  const copy = (x: ReportTemplate) => {
    const name = t('copyName', { name: x.name }).slice(0, 200);
    void run(() => templatesApi.create({ name, description: x.description, kind: x.kind, definition: x.definition, chart: x.chart }), t('copied', { name }));
  };

  const columns: ColumnsType<ReportTemplate> = [
    {
      key: 'name', title: t('field.name'),
      render: (_, x) => (
        <Space orientation="vertical" size={0}>
          <Space>
            <Typography.Link onClick={() => navigate(`/reports?template=${x.id}`)} data-testid={`template-open-${x.id}`}>{x.name}</Typography.Link>
            {x.builtIn && <Tag color="blue">{t('builtIn')}</Tag>}
          </Space>
          {x.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{x.description}</Typography.Text>}
        </Space>
      ),
    },
    { key: 'kind', title: t('field.kind'), render: (_, x) => t(`kind.${x.kind}`) },
    { key: 'owner', title: t('field.owner'), render: (_, x) => (x.builtIn ? t('builtIn') : x.ownerName ?? t('none')) },
    { key: 'shared', title: t('field.shared'), render: (_, x) => (x.sharedWithRoles.length === 0 ? t('none') : x.sharedWithRoles.map((r) => <Tag key={r}>{roles.label(r)}</Tag>)) },
    { key: 'schedule', title: t('field.schedule'), render: (_, x) => <ScheduleSummary schedule={x.schedule} instant={instant} /> },
    {
      key: 'lastRun', title: t('field.lastRun'),
      render: (_, x) => (x.schedule?.lastRun
        ? (
          <Tooltip title={x.schedule.lastRun.detail}>
            <Space>
              <Tag color={x.schedule.lastRun.outcome === 'done' ? 'green' : 'red'}>{t(`outcome.${x.schedule.lastRun.outcome}`)}</Tag>
              <span>{instant(x.schedule.lastRun.at)}</span>
            </Space>
          </Tooltip>
        )
        : t('none')),
    },
    {
      key: 'actions', title: t('field.actions'),
      render: (_, x) => (
        <Space wrap size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/reports?template=${x.id}`)}>{t('action.open')}</Button>
          <Button type="link" size="small" onClick={() => copy(x)} data-testid={`template-copy-${x.id}`}>{t('action.copy')}</Button>
          {x.canEdit && (
            <>
              <Button type="link" size="small" onClick={() => setEditing(x)}>{t('action.edit')}</Button>
              {roles.canManage && <Button type="link" size="small" onClick={() => setSharing(x)}>{t('action.share')}</Button>}
              <Button type="link" size="small" onClick={() => setScheduling(x)} data-testid={`template-schedule-${x.id}`}>{t('action.schedule')}</Button>
              {x.schedule && (
                <Popconfirm title={t('confirmUnschedule', { name: x.name })} onConfirm={() => run(() => templatesApi.removeSchedule(x.id), t('unscheduled'))}>
                  <Button type="link" size="small">{t('action.unschedule')}</Button>
                </Popconfirm>
              )}
              <Popconfirm title={t('confirmDelete', { name: x.name })} onConfirm={() => run(() => templatesApi.remove(x.id), t('deleted'))}>
                <Button type="link" size="small" danger data-testid={`template-delete-${x.id}`}>{t('action.delete')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>} extra={<Link to="/reports">{t('backToReports')}</Link>} data-testid="report-templates">
      {loaded.error && <Alert type="error" showIcon title={loaded.error} style={{ marginBottom: 12 }} />}
      <Table<ReportTemplate> rowKey="id" size="middle" loading={loaded.loading} dataSource={loaded.data?.items ?? []} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
      {editing && (
        <EditModal template={editing} onClose={() => setEditing(null)}
          onSave={async (values) => { if (await run(() => templatesApi.update(editing.id, values), t('saved'))) setEditing(null); }} />
      )}
      {sharing && (
        <ShareModal template={sharing} roles={roles.options} onClose={() => setSharing(null)}
          onSave={async (sharedWithRoles) => { if (await run(() => templatesApi.update(sharing.id, { sharedWithRoles }), t('saved'))) setSharing(null); }} />
      )}
      {scheduling && (
        <ScheduleModal template={scheduling} roles={roles.options} canManage={roles.canManage} onClose={() => setScheduling(null)}
          onSave={async (schedule) => { if (await run(() => templatesApi.setSchedule(scheduling.id, schedule), t('saved'))) setScheduling(null); }} />
      )}
    </Card>
  );
}

/** Role codes to pick from: the tenant's roles for someone who may list them, else the built-in ones. */
function useRoleOptions() {
  const { t } = useTranslation('settings');
  const { can } = useSession();
  const [roles, setRoles] = useState<{ code: string; name: string; builtin: boolean }[]>(builtinRoleCodes.map((code) => ({ code, name: code, builtin: true })));
  useEffect(() => {
    if (!can('users.manage')) return;
    adminApi.allRoles().then(setRoles, () => undefined);
  }, [can]);
  const label = (code: string) => roleLabel(t, roles.find((r) => r.code === code), code);
  return { canManage: can('reports.manage'), options: roles.map((r) => ({ value: r.code, label: label(r.code) })), label };
}

function ScheduleSummary({ schedule, instant }: { schedule: TemplateSchedule | null; instant: (iso: string | null | undefined) => string }) {
  const { t } = useTranslation('reportTemplates');
  if (!schedule) return <>{t('none')}</>;
  const when = t(`summary.${schedule.frequency}`, { hour: String(schedule.hour).padStart(2, '0'), weekday: t(`weekday.${schedule.weekday ?? 1}`), day: schedule.dayOfMonth });
  return (
    <Space orientation="vertical" size={0}>
      <Space>
        <span>{when} · {schedule.format.toUpperCase()}</span>
        {!schedule.enabled && <Tag>{t('disabled')}</Tag>}
      </Space>
      {schedule.nextRunAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('next', { at: instant(schedule.nextRunAt) })}</Typography.Text>}
    </Space>
  );
}

function EditModal(props: { template: ReportTemplate; onClose: () => void; onSave: (values: { name: string; description: string }) => Promise<void> }) {
  const { t } = useTranslation('reportTemplates');
  const [form] = Form.useForm<{ name: string; description: string }>();
  return (
    <Modal open title={t('editTitle')} okText={t('common:action.save')} cancelText={t('common:action.cancel')} onCancel={props.onClose}
      onOk={async () => props.onSave(await form.validateFields())}>
      <Form form={form} layout="vertical" initialValues={{ name: props.template.name, description: props.template.description }}>
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="description" label={t('field.description')} rules={[{ max: 1000 }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ShareModal(props: { template: ReportTemplate; roles: { value: string; label: string }[]; onClose: () => void; onSave: (roles: string[]) => Promise<void> }) {
  const { t } = useTranslation('reportTemplates');
  const [roles, setRoles] = useState<string[]>(props.template.sharedWithRoles);
  return (
    <Modal open title={t('shareTitle')} okText={t('common:action.save')} cancelText={t('common:action.cancel')} onCancel={props.onClose} onOk={() => props.onSave(roles)}>
      <Typography.Paragraph type="secondary">{t('shareHelp')}</Typography.Paragraph>
      <Select mode="multiple" style={{ width: '100%' }} aria-label={t('field.shared')} value={roles} onChange={setRoles} options={props.roles} />
    </Modal>
  );
}

function ScheduleModal(props: { template: ReportTemplate; roles: { value: string; label: string }[]; canManage: boolean; onClose: () => void; onSave: (s: ScheduleInput) => Promise<void> }) {
  const { t } = useTranslation('reportTemplates');
  const { user } = useSession();
  const [users, setUsers] = useState<AdminUser[]>([]);
  const [form] = Form.useForm<{ frequency: ScheduleInput['frequency']; hour: number; weekday?: number; dayOfMonth?: number; format: ScheduleInput['format']; userIds: string[]; roles: string[]; webhook: boolean; enabled: boolean }>();
  const frequency = Form.useWatch('frequency', form);
  useEffect(() => {
    if (props.canManage) adminApi.allUsers().then((all) => setUsers(all.filter((u) => !u.disabled)), () => undefined);
  }, [props.canManage]);
  const s = props.template.schedule;
  const userOptions = props.canManage ? users.map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` })) : [{ value: user.id, label: user.displayName }];
  const save = async () => {
    const v = await form.validateFields();
    await props.onSave({
      frequency: v.frequency, hour: v.hour, format: v.format, webhook: v.webhook, enabled: v.enabled, recipients: { userIds: v.userIds ?? [], roles: v.roles ?? [] },
      ...(v.frequency === 'weekly' ? { weekday: v.weekday } : {}), ...(v.frequency === 'monthly' ? { dayOfMonth: v.dayOfMonth } : {}),
    });
  };
  return (
    <Modal open title={t('scheduleTitle', { name: props.template.name })} okText={t('common:action.save')} cancelText={t('common:action.cancel')} onCancel={props.onClose} onOk={save}
      okButtonProps={{ id: 'template-schedule-ok' }}>
      <Typography.Paragraph type="secondary">{t('scheduleHelp')}</Typography.Paragraph>
      {!props.canManage && <Alert type="info" showIcon title={t('selfOnly')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical"
        initialValues={{
          frequency: s?.frequency ?? 'weekly', hour: s?.hour ?? 8, weekday: s?.weekday ?? 1, dayOfMonth: s?.dayOfMonth ?? 1, format: s?.format ?? 'xlsx',
          userIds: s?.recipients.userIds ?? [user.id], roles: s?.recipients.roles ?? [], webhook: s?.webhook ?? false, enabled: s?.enabled ?? true,
        }}>
        <Space wrap>
          <Form.Item name="frequency" label={t('form.frequency')} rules={[{ required: true }]}>
            <Select style={{ width: 120 }} options={scheduleFrequencies.map((f) => ({ value: f, label: t(`frequency.${f}`) }))} />
          </Form.Item>
          {frequency === 'weekly' && (
            <Form.Item name="weekday" label={t('form.weekday')} rules={[{ required: true }]}>
              <Select style={{ width: 120 }} options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`weekday.${d}`) }))} />
            </Form.Item>
          )}
          {frequency === 'monthly' && (
            <Form.Item name="dayOfMonth" label={t('form.dayOfMonth')} rules={[{ required: true }]}><InputNumber min={1} max={28} precision={0} /></Form.Item>
          )}
          <Form.Item name="hour" label={t('form.hour')} rules={[{ required: true }]}><InputNumber min={0} max={23} precision={0} /></Form.Item>
          <Form.Item name="format" label={t('form.format')} rules={[{ required: true }]}>
            <Select style={{ width: 110 }} options={deliveryFormats.map((f) => ({ value: f, label: f.toUpperCase() }))} />
          </Form.Item>
        </Space>
        <Form.Item name="userIds" label={t('form.users')}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={userOptions} disabled={!props.canManage} />
        </Form.Item>
        <Form.Item name="roles" label={t('form.roles')}>
          <Select mode="multiple" options={props.roles} disabled={!props.canManage} />
        </Form.Item>
        <Space size="large">
          <Form.Item name="webhook" label={t('form.webhook')} valuePropName="checked"><Switch disabled={!props.canManage} /></Form.Item>
          <Form.Item name="enabled" label={t('form.enabled')} valuePropName="checked"><Switch /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

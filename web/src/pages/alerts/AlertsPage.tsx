import { Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Input, InputNumber, Modal, Select, Skeleton, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { alertRules, alertSeverities, alertsApi, type AlertItem, type AlertLink, type AlertSeverity, type RuleSetting } from '../../api/alerts';
import { useSession } from '../../auth/session';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { describeError } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { useInstant } from '../settings/common';

const severityColor: Record<AlertSeverity, string> = { info: 'blue', warning: 'orange', critical: 'red' };
const linkPath: Record<string, (id: string) => string> = {
  receipt: (id) => `/receipts/${id}`, order: (id) => `/orders/${id}`, customer: (id) => `/customers/${id}`, statement: (id) => `/reconciliation/${id}`,
};

/** 预警中心: the alerts within the user's scope, with their explanation and actions; and the tenant's rule settings. */
export default function AlertsPage() {
  const { t } = useTranslation('alerts');
  const [tab, setTab] = useState<'alerts' | 'rules'>('alerts');
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>} data-testid="alerts">
      <Tabs activeKey={tab} onChange={(key) => setTab(key as typeof tab)} destroyOnHidden
        items={[
          { key: 'alerts', label: t('tab.alerts'), children: <AlertsTab /> },
          { key: 'rules', label: t('tab.rules'), children: <RulesTab /> },
        ]}
      />
    </Card>
  );
}

function useMessageText() {
  const { i18n } = useTranslation();
  return (a: AlertItem) => (i18n.language.startsWith('zh') ? a.message.zh : a.message.en);
}

function AlertsTab() {
  const { t } = useTranslation('alerts');
  const instant = useInstant();
  const { user } = useSession();
  const text = useMessageText();
  const [status, setStatus] = useState<string | undefined>('unresolved');
  const [severity, setSeverity] = useState<AlertSeverity | undefined>();
  const [rule, setRule] = useState<string | undefined>();
  const [mine, setMine] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const columns = useMemo<DataColumn<AlertItem>[]>(
    () => [
      { key: 'raisedAt', title: t('field.raisedAt'), render: (_, a) => instant(a.raisedAt), exportValue: (a) => a.raisedAt },
      { key: 'severity', title: t('field.severity'), render: (_, a) => <Tag color={severityColor[a.severity]}>{t(`severity.${a.severity}`)}</Tag>, exportValue: (a) => a.severity },
      { key: 'rule', title: t('field.rule'), render: (_, a) => <Typography.Link onClick={() => setOpen(a.id)} data-testid={`alert-${a.id}`} aria-label={t('open')}>{t(`rule.${a.rule}`, { defaultValue: a.rule })}</Typography.Link>, exportValue: (a) => a.rule },
      { key: 'message', title: t('field.message'), render: (_, a) => text(a), exportValue: (a) => text(a) },
      { key: 'customer', title: t('field.customer'), render: (_, a) => (a.customerId ? <Link to={`/customers/${a.customerId}`}>{a.customerName}</Link> : '—'), exportValue: (a) => a.customerName },
      { key: 'status', title: t('common:field.status'), render: (_, a) => t(`status.${a.status}`), exportValue: (a) => a.status },
      { key: 'assignee', title: t('field.assignee'), render: (_, a) => a.assigneeName ?? '—', exportValue: (a) => a.assigneeName },
    ],
    // instant and text follow the language
    [t],
  );
  return (
    <>
      <DataTable<AlertItem>
        id="alerts" path="/alerts" query={{ status, severity, rule, assigneeId: mine ? user.id : undefined }} columns={columns} rowKey="id" exportName="alerts" reloadToken={reload}
        toolbar={
          <>
            <Select allowClear aria-label={t('filter.status')} placeholder={t('filter.status')} style={{ width: 140 }} value={status} onChange={setStatus} data-testid="alert-status-filter"
              options={['unresolved', 'open', 'acknowledged', 'resolved'].map((s) => ({ value: s, label: t(`status.${s}`) }))} />
            <Select allowClear aria-label={t('filter.severity')} placeholder={t('filter.severity')} style={{ width: 120 }} value={severity} onChange={setSeverity}
              options={alertSeverities.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
            <Select allowClear aria-label={t('filter.rule')} placeholder={t('filter.rule')} style={{ width: 200 }} value={rule} onChange={setRule}
              options={alertRules.map((r) => ({ value: r, label: t(`rule.${r}`) }))} />
            <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>{t('filter.mine')}</Checkbox>
          </>
        }
      />
      {open && <AlertDrawer id={open} onClose={() => setOpen(null)} onChanged={() => setReload((n) => n + 1)} />}
    </>
  );
}

function AlertDrawer(props: { id: string; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation('alerts');
  const { message } = App.useApp();
  const { user, can } = useSession();
  const instant = useInstant();
  const text = useMessageText();
  const loaded = useLoad((signal) => alertsApi.get(props.id, signal), [props.id]);
  const [busy, setBusy] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [note, setNote] = useState('');
  const a = loaded.data;

  const act = async (run: () => Promise<AlertItem>) => {
    setBusy(true);
    try {
      await run();
      loaded.reload();
      props.onChanged();
      return true;
    } catch (error) {
      message.error(describeError(t, error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const handle = can('alerts.handle') && a !== null && a.status !== 'resolved';

  return (
    <Drawer open onClose={props.onClose} size="large" title={t('detailTitle')} data-testid="alert-detail"
      extra={handle && a && (
        <Space>
          {a.status === 'open' && <Button loading={busy} onClick={() => void act(() => alertsApi.acknowledge(a.id))} data-testid="alert-acknowledge">{t('acknowledge')}</Button>}
          {a.assigneeId === user.id
            ? <Button loading={busy} onClick={() => void act(() => alertsApi.assign(a.id, null))}>{t('unassign')}</Button>
            : <Button loading={busy} onClick={() => void act(() => alertsApi.assign(a.id, user.id))}>{t('assignToMe')}</Button>}
          <Button type="primary" onClick={() => setResolving(true)} data-testid="alert-resolve">{t('resolve')}</Button>
        </Space>
      )}
    >
      {loaded.error && <Alert type="error" showIcon title={loaded.error} />}
      {!a && !loaded.error && <Skeleton active />}
      {a && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type={a.severity === 'critical' ? 'error' : a.severity === 'warning' ? 'warning' : 'info'} showIcon title={t(`rule.${a.rule}`, { defaultValue: a.rule })} description={<span data-testid="alert-message">{text(a)}</span>} />
          <Descriptions bordered size="small" column={1}
            items={[
              { key: 'status', label: t('common:field.status'), children: <span data-testid="alert-status">{t(`status.${a.status}`)}</span> },
              { key: 'severity', label: t('field.severity'), children: <Tag color={severityColor[a.severity]}>{t(`severity.${a.severity}`)}</Tag> },
              { key: 'raisedAt', label: t('field.raisedAt'), children: instant(a.raisedAt) },
              { key: 'assignee', label: t('field.assignee'), children: a.assigneeName ?? '—' },
              { key: 'links', label: t('field.links'), children: <Space wrap>{a.links.map((l) => <RecordLink key={`${l.type}:${l.id}`} link={l} />)}</Space> },
              ...(a.resolution ? [{ key: 'resolution', label: t('field.resolution'), children: `${t(`resolution.${a.resolution}`)}${a.resolvedAt ? ` · ${instant(a.resolvedAt)}` : ''}` }] : []),
              ...(a.resolutionNote ? [{ key: 'note', label: t('field.note'), children: a.resolutionNote }] : []),
            ]}
          />
        </Space>
      )}
      <Modal open={resolving} title={t('resolveTitle')} okText={t('resolve')} cancelText={t('common:action.cancel')} confirmLoading={busy} okButtonProps={{ disabled: note.trim() === '', id: 'alert-resolve-ok' }}
        onCancel={() => setResolving(false)}
        onOk={async () => {
          if (a && (await act(() => alertsApi.resolve(a.id, note)))) setResolving(false);
        }}
      >
        <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('notePlaceholder')} aria-label={t('field.note')} data-testid="alert-note" />
      </Modal>
    </Drawer>
  );
}

function RecordLink({ link }: { link: AlertLink }) {
  const { t } = useTranslation('alerts');
  const label = `${t(`link.${link.type}`, { defaultValue: link.type })} ${link.label}`;
  const path = linkPath[link.type];
  return path ? <Link to={path(link.id)}>{label}</Link> : <Tag>{label}</Tag>;
}

/** The rules as a table: on/off, severity and parameters; saved together (alerts.manage), read-only otherwise. */
function RulesTab() {
  const { t } = useTranslation('alerts');
  const { message } = App.useApp();
  const { can } = useSession();
  const editable = can('alerts.manage');
  const loaded = useLoad((signal) => alertsApi.rules(signal), []);
  const [rules, setRules] = useState<RuleSetting[]>([]);
  const [saving, setSaving] = useState(false);
  useEffect(() => setRules(loaded.data?.rules ?? []), [loaded.data]);
  const change = (rule: string, patch: Partial<RuleSetting>) => setRules((list) => list.map((r) => (r.rule === rule ? { ...r, ...patch } : r)));
  const save = async () => {
    setSaving(true);
    try {
      const saved = await alertsApi.saveRules(rules.map(({ rule, enabled, severity, params, recipients }) => ({ rule, enabled, severity, params, recipients })));
      setRules(saved.rules);
      message.success(t('saved'));
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setSaving(false);
    }
  };
  if (loaded.error) return <Alert type="error" showIcon title={loaded.error} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<RuleSetting> rowKey="rule" size="small" pagination={false} loading={loaded.loading} dataSource={rules} data-testid="alert-rules"
        columns={[
          { key: 'rule', title: t('field.rule'), render: (_, r) => t(`rule.${r.rule}`, { defaultValue: r.rule }) },
          { key: 'enabled', title: t('enabled'), render: (_, r) => <Switch checked={r.enabled} disabled={!editable} aria-label={`${t('enabled')} ${t(`rule.${r.rule}`)}`} onChange={(enabled) => change(r.rule, { enabled })} /> },
          {
            key: 'severity', title: t('field.severity'),
            render: (_, r) => <Select value={r.severity} disabled={!editable} style={{ width: 110 }} aria-label={`${t('field.severity')} ${t(`rule.${r.rule}`)}`} onChange={(severity) => change(r.rule, { severity })} options={alertSeverities.map((s) => ({ value: s, label: t(`severity.${s}`) }))} />,
          },
          {
            key: 'params', title: '',
            render: (_, r) => Object.keys(r.ranges).length === 0
              ? (r.rule === 'overdue_instalment' || r.rule === 'due_soon' ? <Typography.Text type="secondary">{t('tenantSetting')}</Typography.Text> : null)
              : (
                <Space wrap>
                  {Object.entries(r.ranges).map(([key, range]) => (
                    <span key={key}>
                      {t(`param.${key}`, { defaultValue: key })}{' '}
                      <InputNumber size="small" min={range.min} max={range.max} precision={0} disabled={!editable} value={r.params[key]} aria-label={`${t(`rule.${r.rule}`)} ${t(`param.${key}`, { defaultValue: key })}`}
                        onChange={(v) => change(r.rule, { params: { ...r.params, [key]: v ?? range.default } })} />
                    </span>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      {editable && <Button type="primary" loading={saving} onClick={() => void save()} data-testid="alert-rules-save">{t('save')}</Button>}
    </Space>
  );
}

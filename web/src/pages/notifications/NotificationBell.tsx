import { BellOutlined } from '@ant-design/icons';
import { App, Alert, Badge, Button, Form, List, Modal, Popover, Radio, Space, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationsApi, type AppNotification, type NotificationPreferences } from '../../api/notifications';
import { describeError } from '../../shared/errors';
import { useLiveReload } from '../../shared/live';
import { useInstant } from '../settings/common';

/** How often the badge asks for the unread count anyway: live updates tell it at once, this covers a broken stream. */
const pollMs = 60_000;

/** A delivered report's file (payload.download, an /api/v1 path the session cookie opens), if the notification has one. */
function downloadOf(n: AppNotification): string | null {
  const download = (n.payload as { download?: unknown } | null)?.download;
  return typeof download === 'string' && download.startsWith('/api/v1/report-deliveries/') ? download : null;
}

/** The bell in the header: unread badge, the latest notifications, mark read, and one's notification settings. */
export function NotificationBell() {
  const { t, i18n } = useTranslation('notifications');
  const instant = useInstant();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<AppNotification[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [prefsOpen, setPrefsOpen] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'zh';

  const refreshCount = useCallback((signal?: AbortSignal) => {
    notificationsApi.unreadCount(signal).then((r) => setUnread(r.unread), () => undefined);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    refreshCount(controller.signal);
    const timer = setInterval(() => refreshCount(controller.signal), pollMs);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [refreshCount]);

  const loadList = useCallback(() => {
    setError(null);
    notificationsApi.list({ limit: 20 }).then((page) => setItems(page.items), (e: unknown) => setError(describeError(t, e)));
  }, [t]);

  useEffect(() => {
    if (open) loadList();
  }, [open, loadList]);

  // A notification for this user was written (an alert raised, a refund to approve …): count again, and the
  // open list too.
  useLiveReload(() => {
    refreshCount();
    if (open) loadList();
  }, ['notification']);

  const markRead = async (ids: string[] | 'all') => {
    try {
      if (ids === 'all') await notificationsApi.markAllRead();
      else await notificationsApi.markRead(ids);
    } catch (e) {
      setError(describeError(t, e));
    }
    loadList();
    refreshCount();
  };

  const content = (
    <div style={{ width: 360 }} data-testid="notification-list">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <List<AppNotification>
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        locale={{ emptyText: t('empty') }}
        style={{ maxHeight: 400, overflowY: 'auto' }}
        renderItem={(n) => (
          <List.Item
            key={n.id}
            data-testid="notification-item"
            actions={n.readAt ? [] : [<Button key="read" type="link" size="small" onClick={() => void markRead([n.id])}>{t('markRead')}</Button>]}
          >
            <List.Item.Meta
              title={<Typography.Text strong={!n.readAt}>{n.title[lang]}</Typography.Text>}
              description={<><div>{n.body[lang]}</div>{downloadOf(n) && <a href={downloadOf(n)!} download data-testid="notification-download">{t('download')}</a>}<Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{instant(n.createdAt)}</Typography.Text></>}
            />
          </List.Item>
        )}
      />
      <Space style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
        <Button size="small" onClick={() => { setOpen(false); setPrefsOpen(true); }} data-testid="notification-preferences">{t('preferences')}</Button>
        <Button size="small" type="primary" disabled={unread === 0} onClick={() => void markRead('all')} data-testid="notification-read-all">{t('markAllRead')}</Button>
      </Space>
    </div>
  );

  return (
    <>
      <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} title={t('bell')} content={content}>
        <Button type="text" aria-label={`${t('bell')}, ${t('unread', { count: unread })}`} data-testid="notification-bell">
          <Badge count={unread} size="small" overflowCount={99} data-testid="notification-badge">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Popover>
      {prefsOpen && <PreferencesModal onClose={() => setPrefsOpen(false)} />}
    </>
  );
}

function PreferencesModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('notifications');
  const { message } = App.useApp();
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    notificationsApi.preferences(controller.signal).then(setPrefs, (e: unknown) => !controller.signal.aborted && setError(describeError(t, e)));
    return () => controller.abort();
  }, [t]);

  const save = async () => {
    if (!prefs) return;
    setSaving(true);
    try {
      await notificationsApi.setPreferences({ emailEnabled: prefs.emailEnabled, language: prefs.language });
      message.success(t('prefs.saved'));
      onClose();
    } catch (e) {
      setError(describeError(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('prefs.title')} onCancel={onClose} onOk={() => void save()} okButtonProps={{ loading: saving, disabled: !prefs, 'data-testid': 'preferences-save' }} okText={t('common:action.save')} cancelText={t('common:action.cancel')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {prefs && (
        <Form layout="vertical">
          <Form.Item label={t('prefs.email')} extra={prefs.email ? t('prefs.emailHelp', { email: prefs.email }) : t('prefs.noEmail')}>
            <Switch checked={prefs.emailEnabled} onChange={(emailEnabled) => setPrefs({ ...prefs, emailEnabled })} data-testid="preferences-email" />
          </Form.Item>
          <Form.Item label={t('prefs.language')}>
            <Radio.Group value={prefs.language} onChange={(e) => setPrefs({ ...prefs, language: e.target.value as 'zh' | 'en' })}>
              <Radio value="zh">{t('prefs.zh')}</Radio>
              <Radio value="en">{t('prefs.en')}</Radio>
            </Radio.Group>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

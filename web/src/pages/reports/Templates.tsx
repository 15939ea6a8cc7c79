import { DownOutlined, SaveOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Form, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { builtinRoles } from '../../../../src/core/auth/permissions.js';
import { adminApi } from '../../api/admin';
import { templatesApi, type ReportTemplate } from '../../api/reports';
import { useSession } from '../../auth/session';
import { describeError, showFieldErrors } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { definitionOf, resolveRange, type ReportView } from './params';

/** Built-in templates first, then the rest by name. */
export function orderTemplates(items: ReportTemplate[]): ReportTemplate[] {
  return [...items].sort((a, b) => (a.builtIn === b.builtIn ? a.name.localeCompare(b.name) : a.builtIn ? -1 : 1));
}

/** The 模板 menu: the templates the user may see (built-ins first); choosing one opens /reports?template=<id>. */
export function TemplatesMenu() {
  const { t } = useTranslation('reports');
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [asked, setAsked] = useState(false);
  // Listed when first opened (and again each time), not on every visit to the page.
  const list = useLoad((signal) => (asked ? templatesApi.list(signal) : Promise.resolve(null)), [asked, open]);
  const templates = orderTemplates(list.data?.items ?? []);
  const items = list.error
    ? [{ key: 'error', disabled: true, label: <Typography.Text type="danger">{t('templates.listFailed', { error: list.error })}</Typography.Text> }]
    : list.loading || list.data === null
      ? [{ key: 'loading', disabled: true, label: <Spin size="small" /> }]
      : templates.length === 0
        ? [{ key: 'none', disabled: true, label: t('templates.none') }]
        : templates.map((tpl) => ({
          key: tpl.id,
          label: (
            <Space data-testid={`template-${tpl.id}`}>
              {tpl.name}
              {tpl.builtIn && <Tag color="blue">{t('templates.builtIn')}</Tag>}
              {!tpl.builtIn && tpl.sharedWithRoles.length > 0 && <Tag>{t('templates.shared')}</Tag>}
              <Typography.Text type="secondary">{t(`tab.${tpl.kind}`, { defaultValue: tpl.kind })}</Typography.Text>
            </Space>
          ),
        }));
  return (
    <Dropdown
      trigger={['click']}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setAsked(true);
      }}
      menu={{
        items: [...items, { type: 'divider' as const }, { key: 'manage', icon: <SettingOutlined />, label: <Link to="/reports/templates">{t('templates.manage')}</Link> }],
        onClick: ({ key }) => {
          setOpen(false);
          if (key !== 'manage') navigate(`/reports?template=${encodeURIComponent(key)}`);
        },
      }}
    >
      <Button data-testid="templates-menu">{t('templates.menu')} <DownOutlined /></Button>
    </Dropdown>
  );
}

interface SaveValues {
  name: string;
  description?: string;
  sharedWithRoles?: string[];
}


/** 保存为模板: the view on screen as a template (its range as a preset when a preset was chosen). */
export function SaveTemplateButton({ view, today }: { view: ReportView; today: string }) {
  const { t, i18n } = useTranslation('reports');
  const { message } = App.useApp();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<SaveValues>();
  const mayShare = can('reports.manage');
  // Role codes to share with; the full list needs users.manage, so others choose among the built-in roles or type a code.
  const roles = useLoad((signal) => (open && mayShare && can('users.manage') ? adminApi.allRoles() : Promise.resolve(null)).then((r) => (signal.aborted ? null : r)), [open, mayShare]);
  const builtIn = builtinRoles.map((r) => ({ code: r.code, name: i18n.language.startsWith('zh') ? r.nameZh : r.nameEn }));
  const roleOptions = (roles.data ?? builtIn).map((r) => ({ value: r.code, label: `${r.name} (${r.code})` }));
  const rangeNote = !('range' in view)
    ? t('templates.noRange')
    : 'preset' in view.range
      ? t('templates.rangePreset', { preset: t(`preset.${view.range.preset}`) })
      : t('templates.rangeFixed', resolveRange(view.range, today));

  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setFailure(null);
    try {
      const saved = await templatesApi.create({
        ...definitionOf(view),
        name: values.name.trim(),
        description: values.description?.trim() ?? '',
        ...(mayShare ? { sharedWithRoles: values.sharedWithRoles ?? [] } : {}),
      });
      message.success(t('templates.saved', { name: saved.name }));
      setOpen(false);
      form.resetFields();
    } catch (error) {
      if (!showFieldErrors(form, t, error)) setFailure(describeError(t, error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button icon={<SaveOutlined />} onClick={() => setOpen(true)} data-testid="template-save">{t('templates.saveAs')}</Button>
      <Modal open={open} title={t('templates.saveTitle')} okText={t('common:action.save')} cancelText={t('common:action.cancel')} confirmLoading={saving}
        onOk={() => void save().catch(() => undefined)} onCancel={() => setOpen(false)} destroyOnHidden okButtonProps={{ id: 'template-save-ok' }}>
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="name" label={t('templates.name')} rules={[{ required: true, whitespace: true, message: t('templates.nameRequired') }]}>
            <Input maxLength={100} data-testid="template-name" />
          </Form.Item>
          <Form.Item name="description" label={t('templates.description')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          {mayShare && (
            <Form.Item name="sharedWithRoles" label={t('templates.share')} extra={t('templates.shareHint')}>
              <Select mode="tags" options={roleOptions} aria-label={t('templates.share')} />
            </Form.Item>
          )}
        </Form>
        <Typography.Text type="secondary">{t(`tab.${view.kind}`)} · {rangeNote}</Typography.Text>
      </Modal>
    </>
  );
}

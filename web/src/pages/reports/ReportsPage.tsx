import { Alert, Button, Card, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { todayIn } from '../../../../src/core/receivables/dates.js';
import { reportKinds, templatesApi, type ReportKind } from '../../api/reports';
import { useSession } from '../../auth/session';
import { useLoad } from '../../shared/useLoad';
import './charts';
import { ReportTab } from './tabs';
import { searchFromView, viewFromSearch, viewFromTemplate, type ReportView } from './params';
import { SaveTemplateButton, TemplatesMenu } from './Templates';

/**
 * 报表分析: the pivot builder and the standard reports as tabs. Everything that makes the view — the tab, its
 * parameters, the chart — is in the URL, so a view can be bookmarked, shared and reloaded; a template opened
 * with ?template=<id> is turned into those parameters and run.
 */
export default function ReportsPage() {
  const { t } = useTranslation('reports');
  const { tenant, can } = useSession();
  const [search, setSearch] = useSearchParams();
  const today = todayIn(tenant.timeZone);
  const templateId = search.get('template');
  const [templateName, setTemplateName] = useState<string | null>(null);
  const kinds = reportKinds.filter((k) => k !== 'reconciliation' || can('reconciliation.manage'));
  const parsed = useMemo(() => viewFromSearch(search), [search]);
  // A link to a tab this user may not open shows the first one instead.
  const view: ReportView = kinds.includes(parsed.kind) ? parsed : viewFromSearch(new URLSearchParams());
  // Each tab remembers its last parameters while the page is open, so switching back does not lose them.
  const lastOf = useRef(new Map<ReportKind, string>());
  useEffect(() => {
    if (!templateId) lastOf.current.set(view.kind, searchFromView(view).toString());
  });

  const show = (next: ReportView) => {
    setTemplateName(null);
    setSearch(searchFromView(next));
  };
  const switchTo = (kind: ReportKind) => {
    setTemplateName(null);
    setSearch(new URLSearchParams(lastOf.current.get(kind) ?? `tab=${kind}`));
  };

  return (
    <Card
      data-testid="reports"
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      extra={
        <Space wrap>
          {templateName && <Tag color="blue" data-testid="template-loaded">{t('templates.loaded', { name: templateName })}</Tag>}
          <TemplatesMenu />
          {!templateId && <SaveTemplateButton view={view} today={today} />}
        </Space>
      }
    >
      {templateId ? (
        <TemplateOpener id={templateId} onOpened={(name, next) => {
          setTemplateName(name);
          setSearch(searchFromView(next), { replace: true });
        }} onCancel={() => setSearch(new URLSearchParams(), { replace: true })} />
      ) : (
        <Tabs
          activeKey={view.kind}
          onChange={(key) => switchTo(key as ReportKind)}
          destroyOnHidden
          items={kinds.map((kind) => ({
            key: kind,
            label: <span data-testid={`report-tab-${kind}`}>{t(`tab.${kind}`)}</span>,
            children: kind === view.kind ? <ReportTab view={view} today={today} onChange={show} /> : null,
          }))}
        />
      )}
    </Card>
  );
}

/** Loads a template and hands its view to the page (which puts it in the URL, and so runs it). */
function TemplateOpener({ id, onOpened, onCancel }: { id: string; onOpened: (name: string, view: ReportView) => void; onCancel: () => void }) {
  const { t } = useTranslation('reports');
  const loaded = useLoad((signal) => templatesApi.get(id, signal), [id]);
  const opened = useRef(onOpened);
  opened.current = onOpened;
  useEffect(() => {
    if (loaded.data) opened.current(loaded.data.name, viewFromTemplate(loaded.data));
  }, [loaded.data]);
  if (loaded.error) {
    return (
      <Alert type="error" showIcon title={t('templates.loadFailed', { error: loaded.error })} data-testid="template-error"
        action={<Space><Button size="small" onClick={loaded.reload}>{t('common:action.retry')}</Button><Button size="small" onClick={onCancel}>{t('common:action.close')}</Button></Space>} />
    );
  }
  return <Spin tip={t('templates.loading')}><div style={{ minHeight: 200 }} /></Spin>;
}

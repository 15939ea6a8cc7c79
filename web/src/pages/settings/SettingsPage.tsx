import { Card, Spin, Tabs, Typography } from 'antd';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { useSession } from '../../auth/session';
import { NoPermission, NotFound } from '../../layout/AppLayout';

interface SettingsTab {
  key: 'tenant' | 'users' | 'roles' | 'departments' | 'api-keys' | 'periods' | 'integrations' | 'webhooks';
  anyOf: string[];
  page: LazyExoticComponent<ComponentType>;
}

/** Each tab is its own address (/settings/users …), shown only to those whose permissions allow it. */
const tabs: SettingsTab[] = [
  { key: 'tenant', anyOf: ['settings.manage'], page: lazy(() => import('./TenantTab')) },
  { key: 'users', anyOf: ['users.manage'], page: lazy(() => import('./UsersTab')) },
  { key: 'roles', anyOf: ['users.manage'], page: lazy(() => import('./RolesTab')) },
  { key: 'departments', anyOf: ['users.manage'], page: lazy(() => import('./DepartmentsTab')) },
  { key: 'api-keys', anyOf: ['api_keys.manage'], page: lazy(() => import('./ApiKeysTab')) },
  { key: 'periods', anyOf: ['periods.close', 'periods.reopen'], page: lazy(() => import('./PeriodsTab')) },
  { key: 'integrations', anyOf: ['integrations.manage'], page: lazy(() => import('../integrations/IntegrationsTab')) },
  { key: 'webhooks', anyOf: ['integrations.manage'], page: lazy(() => import('../notifications/WebhooksTab')) },
];

export default function SettingsPage() {
  const { t } = useTranslation('settings');
  const { can } = useSession();
  const navigate = useNavigate();
  const current = (useParams()['*'] ?? '').split('/')[0] ?? '';
  const permitted = tabs.filter((tab) => tab.anyOf.some(can));

  if (permitted.length === 0) return <NotFound />;
  if (!current) return <Navigate to={`/settings/${permitted[0]!.key}`} replace />;
  const active = permitted.find((tab) => tab.key === current);
  if (!active) return tabs.some((tab) => tab.key === current) ? <NoPermission /> : <NotFound />;

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>} data-testid="settings">
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`/settings/${key}`)}
        destroyOnHidden
        items={permitted.map((tab) => ({
          key: tab.key,
          label: <span data-testid={`settings-tab-${tab.key}`}>{t(`tab.${tab.key}`)}</span>,
          children: (
            <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
              <tab.page />
            </Suspense>
          ),
        }))}
      />
    </Card>
  );
}

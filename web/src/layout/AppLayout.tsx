import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Layout, Menu, Result, Space, Spin, Tooltip, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, matchRoutes, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../auth/session';
import type { Language } from '../i18n';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { NotificationBell } from '../pages/notifications/NotificationBell';
import { LiveProvider, useLiveConnected } from '../shared/live';
import { routes, type AppRoute } from '../routes';

const routePatterns = routes.map((r) => ({ path: r.path }));

/** The route pattern a path opens (/orders/:id for /orders/42), so moving between records of one page keeps it mounted. */
function pageKey(pathname: string): string {
  return matchRoutes(routePatterns, pathname)?.[0]?.route.path ?? pathname;
}

export function canOpen(route: AppRoute, can: (permission: string) => boolean): boolean {
  return !route.anyOf || route.anyOf.some(can);
}

/** The frame of every signed-in page: the menu by permission, language switch, who is signed in, live updates. */
export function AppLayout(props: { language: Language; onLanguage: (language: Language) => void }) {
  return (
    <LiveProvider>
      <Frame {...props} />
    </LiveProvider>
  );
}

function LiveStatus() {
  const { t } = useTranslation();
  const connected = useLiveConnected();
  return (
    <Tooltip title={t('common:header.liveHint')}>
      <Badge status={connected ? 'success' : 'default'} text={connected ? t('common:header.live') : t('common:header.liveOff')} data-testid="live-status" data-connected={connected} />
    </Tooltip>
  );
}

function Frame({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const { t } = useTranslation();
  const { user, tenant, can, signOut } = useSession();
  const location = useLocation();
  const items = useMemo(
    () =>
      routes
        .filter((route) => route.menu && canOpen(route, can))
        .map((route) => ({ key: route.menu!.key, icon: route.menu!.icon, label: <Link to={route.path.replace('/*', '')}>{t(`common:menu.${route.menu!.key}`)}</Link> })),
    [can, t],
  );
  const selected = location.pathname.split('/')[1] ?? 'dashboard';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={56} width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20, fontWeight: 700, fontSize: 18, color: '#0958d9' }}>
          {t('common:appName')}
        </div>
        <nav aria-label={t('common:appName')}>
          <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 'none' }} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', paddingInline: 24, display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary">{tenant.name}</Typography.Text>
          <Space size="middle">
            <LiveStatus />
            <NotificationBell />
            <Space size={4}>
              <GlobalOutlined aria-hidden />
              <LanguageSwitch value={language} onChange={onLanguage} label={t('common:header.language')} />
            </Space>
            <Dropdown
              menu={{
                items: [
                  { key: 'role', label: `${t('common:header.role')}: ${user.role}`, disabled: true },
                  { key: 'sign-out', icon: <LogoutOutlined />, label: t('common:header.signOut') },
                ],
                onClick: ({ key }) => key === 'sign-out' && void signOut(),
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {user.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          {/* One Suspense boundary per page (keyed by its route): a navigation to a page whose code is still loading
              shows the spinner at once. With one shared boundary React keeps the previous page on screen, and
              clickable, until the new page's code arrives — a user (and the workbench test) could pick a customer in
              the orders list's filter while the URL already said /orders/new. */}
          <Suspense key={pageKey(location.pathname)} fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function NoPermission() {
  const { t } = useTranslation();
  return <Result status="403" title={t('common:empty.noPermission')} />;
}

export function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('common:empty.notFound')} />;
}

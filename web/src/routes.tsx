import { AlertOutlined, ApiOutlined, AuditOutlined, BarChartOutlined, DashboardOutlined, ImportOutlined, ReconciliationOutlined, FileTextOutlined, MoneyCollectOutlined, RollbackOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';

/**
 * The workbench's pages as data: the menu, the router and the permission checks all read this one list.
 * Each page is its own chunk, fetched when first opened.
 */
export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Shown in the menu under this label (common:menu.*) when set. */
  menu?: { key: string; icon: ReactNode };
  /** Any one of these permissions opens the page; none listed: every signed-in user. */
  anyOf?: string[];
}

const Dashboard = lazy(() => import('./pages/dashboard/DashboardPage'));
const Customers = lazy(() => import('./pages/customers/CustomersPage'));
const CustomerDetail = lazy(() => import('./pages/customers/CustomerDetailPage'));
const Orders = lazy(() => import('./pages/orders/OrdersPage'));
const OrderDetail = lazy(() => import('./pages/orders/OrderDetailPage'));
const OrderEdit = lazy(() => import('./pages/orders/OrderEditPage'));
const Receipts = lazy(() => import('./pages/receipts/ReceiptsPage'));
const ReceiptNew = lazy(() => import('./pages/receipts/ReceiptNewPage'));
const ReceiptDetail = lazy(() => import('./pages/receipts/ReceiptDetailPage'));
const Refunds = lazy(() => import('./pages/refunds/RefundsPage'));
const RefundNew = lazy(() => import('./pages/refunds/RefundNewPage'));
const Audit = lazy(() => import('./pages/audit/AuditPage'));
const Settings = lazy(() => import('./pages/settings/SettingsPage'));
const GatewayEvents = lazy(() => import('./pages/gateway-events/GatewayEventsPage'));
const Statements = lazy(() => import('./pages/reconciliation/StatementsPage'));
const StatementDetail = lazy(() => import('./pages/reconciliation/StatementDetailPage'));
const Mappings = lazy(() => import('./pages/reconciliation/MappingsPage'));
const Imports = lazy(() => import('./pages/imports/ImportsPage'));
const ImportWizard = lazy(() => import('./pages/imports/ImportWizard'));
const Alerts = lazy(() => import('./pages/alerts/AlertsPage'));
const ReportTemplates = lazy(() => import('./pages/report-templates/TemplatesPage'));
const Reports = lazy(() => import('./pages/reports/ReportsPage'));

export const routes: AppRoute[] = [
  { path: '/dashboard', page: Dashboard, menu: { key: 'dashboard', icon: <DashboardOutlined /> } },
  { path: '/customers', page: Customers, menu: { key: 'customers', icon: <TeamOutlined /> }, anyOf: ['customers.view'] },
  { path: '/customers/:id', page: CustomerDetail, anyOf: ['customers.view'] },
  { path: '/orders', page: Orders, menu: { key: 'orders', icon: <FileTextOutlined /> }, anyOf: ['orders.view'] },
  { path: '/orders/new', page: OrderEdit, anyOf: ['orders.manage'] },
  { path: '/orders/:id', page: OrderDetail, anyOf: ['orders.view'] },
  { path: '/orders/:id/edit', page: OrderEdit, anyOf: ['orders.manage'] },
  { path: '/receipts', page: Receipts, menu: { key: 'receipts', icon: <MoneyCollectOutlined /> }, anyOf: ['receipts.view'] },
  { path: '/receipts/new', page: ReceiptNew, anyOf: ['receipts.create'] },
  { path: '/receipts/:id', page: ReceiptDetail, anyOf: ['receipts.view'] },
  { path: '/refunds', page: Refunds, menu: { key: 'refunds', icon: <RollbackOutlined /> }, anyOf: ['refunds.request', 'refunds.approve'] },
  { path: '/refunds/new', page: RefundNew, anyOf: ['refunds.request'] },
  { path: '/reports', page: Reports, menu: { key: 'reports', icon: <BarChartOutlined /> }, anyOf: ['receipts.view'] },
  { path: '/audit', page: Audit, menu: { key: 'audit', icon: <AuditOutlined /> }, anyOf: ['audit.view'] },
  { path: '/gateway-events', page: GatewayEvents, menu: { key: 'gatewayEvents', icon: <ApiOutlined /> }, anyOf: ['reconciliation.manage'] },
  { path: '/reconciliation', page: Statements, menu: { key: 'reconciliation', icon: <ReconciliationOutlined /> }, anyOf: ['reconciliation.manage'] },
  { path: '/reconciliation/mappings', page: Mappings, anyOf: ['reconciliation.manage'] },
  { path: '/reconciliation/:id', page: StatementDetail, anyOf: ['reconciliation.manage'] },
  { path: '/imports', page: Imports, menu: { key: 'imports', icon: <ImportOutlined /> }, anyOf: ['data.import'] },
  { path: '/imports/new', page: ImportWizard, anyOf: ['data.import'] },
  { path: '/imports/:id', page: ImportWizard, anyOf: ['data.import'] },
  { path: '/reports/templates', page: ReportTemplates, anyOf: ['receipts.view'] },
  { path: '/alerts', page: Alerts, menu: { key: 'alerts', icon: <AlertOutlined /> }, anyOf: ['alerts.view'] },
  { path: '/settings/*', page: Settings, menu: { key: 'settings', icon: <SettingOutlined /> }, anyOf: ['settings.manage', 'users.manage', 'api_keys.manage', 'periods.close', 'integrations.manage'] },
];

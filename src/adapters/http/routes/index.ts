import type { KxApp, RouteDeps } from '../context.js';
import { adjustmentRoutes } from './adjustments.js';
import { apiKeyRoutes } from './api-keys.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { customerStatementRoutes } from './customer-statement.js';
import { customerRoutes } from './customers.js';
import { dashboardRoutes } from './dashboard.js';
import { departmentRoutes } from './departments.js';
import { fxRateRoutes } from './fx-rates.js';
import { importRoutes } from './imports.js';
import { ledgerRoutes } from './ledger.js';
import { orderRoutes } from './orders.js';
import { periodRoutes } from './periods.js';
import { productRoutes } from './products.js';
import { receiptRoutes } from './receipts.js';
import { refundRoutes } from './refunds.js';
import { roleRoutes } from './roles.js';
import { settingsRoutes } from './settings.js';
import { statementRoutes } from './statements.js';
import { userRoutes } from './users.js';
import { integrationRoutes } from './integrations.js';
import { webhookRoutes } from './webhooks.js';
import { gatewayEventRoutes } from './gateway-events.js';
import { alertRoutes } from './alerts.js';
import { notificationRoutes } from './notifications.js';
import { webhookSubscriptionRoutes } from './webhook-subscriptions.js';
import { reportRoutes } from './reports.js';
import { reportExportRoutes } from './report-exports.js';
import { reportTemplateRoutes } from './report-templates.js';
import { exportRoutes } from './exports.js';
import { liveRoutes } from './live.js';

/** Every /api/v1 route module, registered inside the authenticated scope (one line each). */
export const apiRoutes: ((app: KxApp, deps: RouteDeps) => Promise<void>)[] = [
  adjustmentRoutes,
  apiKeyRoutes,
  auditRoutes,
  authRoutes,
  customerRoutes,
  customerStatementRoutes,
  dashboardRoutes,
  departmentRoutes,
  fxRateRoutes,
  ledgerRoutes,
  orderRoutes,
  periodRoutes,
  productRoutes,
  reportRoutes,
  reportExportRoutes,
  reportTemplateRoutes,
  receiptRoutes,
  refundRoutes,
  roleRoutes,
  settingsRoutes,
  statementRoutes,
  userRoutes,
  importRoutes,
  integrationRoutes,
  webhookRoutes,
  gatewayEventRoutes,
  alertRoutes,
  notificationRoutes,
  webhookSubscriptionRoutes,
  exportRoutes,
  liveRoutes,
];

import type { KxApp, RouteDeps } from '../context.js';
import { apiKeyRoutes } from './api-keys.js';
import { auditRoutes } from './audit.js';
import { authRoutes } from './auth.js';
import { customerRoutes } from './customers.js';
import { departmentRoutes } from './departments.js';
import { ledgerRoutes } from './ledger.js';
import { periodRoutes } from './periods.js';
import { roleRoutes } from './roles.js';
import { settingsRoutes } from './settings.js';
import { userRoutes } from './users.js';

/** Every /api/v1 route module, registered inside the authenticated scope (one line each). */
export const apiRoutes: ((app: KxApp, deps: RouteDeps) => Promise<void>)[] = [
  apiKeyRoutes,
  auditRoutes,
  authRoutes,
  customerRoutes,
  departmentRoutes,
  ledgerRoutes,
  periodRoutes,
  roleRoutes,
  settingsRoutes,
  userRoutes,
];

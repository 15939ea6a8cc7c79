import type { KxApp, RouteDeps } from '../context.js';

/** Every /api/v1 route module, registered inside the authenticated scope (one line each). */
export const apiRoutes: ((app: KxApp, deps: RouteDeps) => Promise<void>)[] = [];

import { api } from './client';
import type { ResponseJson } from './openapi-types';

/**
 * GET /api/v1/dashboard: one currency's figures and the caller's to-dos (src/adapters/http/routes/dashboard.ts), as
 * the type generated from the server's OpenAPI document. today: today in the tenant's time zone (YYYY-MM-DD).
 */
export type DashboardView = ResponseJson<'get', '/dashboard'>;
export type CustomerRef = DashboardView['topOverdue'][number]['customer'];
export type AgingBucket = DashboardView['aging'][number]['bucket'];
/** One list of to-dos: the first few, oldest first; `count` says how many there are. */
export type Todo = DashboardView['todos'][keyof DashboardView['todos']];

export function fetchDashboard(currency: string | undefined, signal?: AbortSignal): Promise<DashboardView> {
  return api.get<DashboardView>('/dashboard', { currency }, signal);
}

import { api } from './client';

/** GET /api/v1/dashboard: one currency's figures and the caller's to-dos (src/adapters/http/routes/dashboard.ts). */
export interface CustomerRef {
  id: string;
  code: string;
  name: string;
}

export type AgingBucket = 'not_due' | 'd1_30' | 'd31_60' | 'd61_90' | 'd90_plus';

export interface Todo<T> {
  count: number;
  /** The first few, oldest first; `count` says how many there are. */
  items: T[];
}

export interface DashboardView {
  currency: string;
  /** Today in the tenant's time zone (YYYY-MM-DD). */
  today: string;
  currencies: string[];
  figures: {
    receivable: string;
    receivedThisMonth: string;
    overdue: string;
    advance: string;
    refundsAwaitingApproval: { count: number; amount: string };
  };
  trend: { month: string; received: string; due: string }[];
  aging: { bucket: AgingBucket; amount: string; instalments: number }[];
  topOverdue: { customer: CustomerRef; overdue: string; oldestDueDate: string }[];
  todos: {
    receiptsToConfirm: Todo<{ id: string; number: string; customer: CustomerRef; amount: string; currency: string; receivedDate: string }>;
    refundsToApprove: Todo<{ id: string; number: string; customer: CustomerRef; amount: string; currency: string; requestedAt: string }>;
    myOverdueInstalments: Todo<{ instalmentId: string; orderId: string; orderNumber: string; customer: CustomerRef; dueDate: string; outstanding: string; currency: string }>;
  };
}

export function fetchDashboard(currency: string | undefined, signal?: AbortSignal): Promise<DashboardView> {
  return api.get<DashboardView>('/dashboard', { currency }, signal);
}

/** The alert center and alert rule settings (src/adapters/http/routes/alerts.ts). */
import { api } from './client';

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];
export const alertStatuses = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof alertStatuses)[number];
export const alertRules = [
  'overdue_instalment', 'due_soon', 'duplicate_receipt', 'overpayment', 'large_amount', 'refund_after_receipt', 'refund_ratio', 'unusual_amount',
  'payer_mismatch', 'back_dated', 'structuring', 'unallocated_aging', 'statement_unbalanced', 'webhook_signature_burst', 'dispute_opened',
] as const;

export interface AlertLink {
  type: string;
  id: string;
  label: string;
}

export interface AlertItem {
  id: string;
  rule: string;
  severity: AlertSeverity;
  status: AlertStatus;
  /** The explanation with its figures, rendered by the server in both languages. */
  message: { zh: string; en: string };
  links: AlertLink[];
  customerId: string | null;
  customerName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  raisedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolution: 'manual' | 'auto' | null;
  resolutionNote: string | null;
}

export interface RuleSetting {
  rule: string;
  enabled: boolean;
  severity: AlertSeverity;
  defaultSeverity: AlertSeverity;
  params: Record<string, number>;
  ranges: Record<string, { min: number; max: number; default: number }>;
  recipients: { users: string[]; roles: string[] };
}

export const alertsApi = {
  get: (id: string, signal?: AbortSignal) => api.get<AlertItem>(`/alerts/${id}`, undefined, signal),
  acknowledge: (id: string) => api.post<AlertItem>(`/alerts/${id}/acknowledge`),
  resolve: (id: string, note: string) => api.post<AlertItem>(`/alerts/${id}/resolve`, { note }),
  assign: (id: string, assigneeId: string | null) => api.post<AlertItem>(`/alerts/${id}/assign`, { assigneeId }),
  rules: (signal?: AbortSignal) => api.get<{ rules: RuleSetting[] }>('/alert-rules', undefined, signal),
  saveRules: (rules: Omit<RuleSetting, 'defaultSeverity' | 'ranges'>[]) => api.put<{ rules: RuleSetting[] }>('/alert-rules', { rules }),
};

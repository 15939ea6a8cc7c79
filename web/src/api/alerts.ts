/**
 * The alert center and alert rule settings (src/adapters/http/routes/alerts.ts): aliases of the types generated
 * from the server's OpenAPI document.
 */
import { api } from './client';
import { valuesOf, type ResponseJson } from './openapi-types';

/** message: the explanation with its figures, rendered by the server in both languages. */
export type AlertItem = ResponseJson<'get', '/alerts/{id}'>;
export type AlertLink = AlertItem['links'][number];
export type AlertSeverity = AlertItem['severity'];
export const alertSeverities = valuesOf<AlertSeverity>()(['info', 'warning', 'critical']);
export type AlertStatus = AlertItem['status'];
export const alertStatuses = valuesOf<AlertStatus>()(['open', 'acknowledged', 'resolved']);

export type RuleSetting = ResponseJson<'get', '/alert-rules'>['rules'][number];
export const alertRules = valuesOf<RuleSetting['rule']>()([
  'overdue_instalment', 'due_soon', 'duplicate_receipt', 'overpayment', 'large_amount', 'refund_after_receipt', 'refund_ratio', 'unusual_amount',
  'payer_mismatch', 'back_dated', 'structuring', 'unallocated_aging', 'statement_unbalanced', 'webhook_signature_burst', 'dispute_opened',
]);
/**
 * What saving a rule sends. Taken from the answer's shape rather than PUT's body: that body takes any string as
 * rule and severity so the server can list every problem of every rule in one answer (an enum in the schema would
 * stop at the first), and the page only ever sends what GET gave it.
 */
export type RuleChange = Omit<RuleSetting, 'defaultSeverity' | 'ranges'>;

export const alertsApi = {
  get: (id: string, signal?: AbortSignal) => api.get<AlertItem>(`/alerts/${id}`, undefined, signal),
  acknowledge: (id: string) => api.post<AlertItem>(`/alerts/${id}/acknowledge`),
  resolve: (id: string, note: string) => api.post<AlertItem>(`/alerts/${id}/resolve`, { note }),
  assign: (id: string, assigneeId: string | null) => api.post<AlertItem>(`/alerts/${id}/assign`, { assigneeId }),
  rules: (signal?: AbortSignal) => api.get<ResponseJson<'get', '/alert-rules'>>('/alert-rules', undefined, signal),
  saveRules: (rules: RuleChange[]) => api.put<ResponseJson<'put', '/alert-rules'>>('/alert-rules', { rules }),
};

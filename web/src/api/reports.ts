/**
 * Reports and report templates (src/adapters/http/routes/reports.ts, report-templates.ts). Amounts are decimal
 * strings in major units; ratios are decimal strings or null when there is nothing to divide by.
 *
 * The shapes are the server's: aliases of the types generated from its OpenAPI document (openapi.d.ts, made by
 * `npm run api:types`), so a change of a route schema is a type error here and in the pages, not a silent
 * mismatch. To change one, change the route's TypeBox schema and regenerate.
 */
import { api, type Query } from './client';
import { valuesOf, type QueryOf, type RequestJson, type ResponseJson } from './openapi-types';

// ---------- pivot (POST /reports/pivot) ----------
export type PivotRequest = RequestJson<'post', '/reports/pivot'>;
export type PivotDimension = PivotRequest['dimensions'][number];
/** overdue and avgDaysToPay come from instalments and allocations (not the journal); see docs/reports.md. */
export type PivotMeasure = PivotRequest['measures'][number];
export type PivotFilters = NonNullable<PivotRequest['filters']>;
export const timeDimensions = ['day', 'week', 'month', 'quarter', 'year'] as const satisfies readonly PivotDimension[];
export const pivotDimensions = valuesOf<PivotDimension>()([...timeDimensions, 'customer', 'customerTag', 'owner', 'department', 'product', 'channel', 'currency', 'kind']);
export const pivotMeasures = valuesOf<PivotMeasure>()(['issued', 'received', 'refunded', 'netReceived', 'outstanding', 'overdue', 'count', 'avgDaysToPay']);

export type PivotResult = ResponseJson<'post', '/reports/pivot'>;
/**
 * values: measure → decimal string (count and avgDaysToPay: a plain number as a string; avgDaysToPay may be ""
 * when no payment). drill: query parameters for GET /api/v1/receipts listing the receipts behind the row.
 */
export type PivotRow = PivotResult['rows'][number];

// ---------- standard reports ----------
/** buckets: upper bounds in days, comma-separated (default 30,60,90). */
export type AgingQuery = QueryOf<'get', '/reports/aging'>;
export type AgingGrouping = NonNullable<AgingQuery['groupBy']>;
export const agingGroupings = valuesOf<AgingGrouping>()(['customer', 'owner', 'department', 'none']);
/** buckets: not_due, then one label per bucket (1-30, 31-60, …, 90+). */
export type AgingResult = ResponseJson<'get', '/reports/aging'>;

export type CollectionQuery = QueryOf<'get', '/reports/collection'>;
export type CollectionResult = ResponseJson<'get', '/reports/collection'>;
export type CollectionPeriod = CollectionResult['periods'][number];

export type ForecastQuery = QueryOf<'get', '/reports/forecast'>;
export type ForecastResult = ResponseJson<'get', '/reports/forecast'>;
export type ForecastWeek = ForecastResult['weeks'][number];

/** GET /reports/refunds: refunds paid (and, separately, requested but not yet paid) in [from, to], grouped. */
export type RefundsQuery = QueryOf<'get', '/reports/refunds'>;
export type RefundGrouping = NonNullable<RefundsQuery['groupBy']>;
export const refundGroupings = valuesOf<RefundGrouping>()(['reason', 'channel', 'customer']);
export type RefundsResult = ResponseJson<'get', '/reports/refunds'>;

/** GET /reports/unallocated: confirmed receipts with money not allocated to any order (it sits in advances). */
export type UnallocatedQuery = QueryOf<'get', '/reports/unallocated'>;
/** Rows are capped at the report's row limit (`truncated`); totals cover all of them. */
export type UnallocatedResult = ResponseJson<'get', '/reports/unallocated'>;

/** GET /reports/reconciliation: bank statements and their lines by match status. */
export type ReconciliationQuery = QueryOf<'get', '/reports/reconciliation'>;
export type ReconciliationResult = ResponseJson<'get', '/reports/reconciliation'>;

// ---------- report templates (/report-templates) ----------
/** builtIn: read-only and shared with everyone who can see reports (copy one to change it); canEdit: the caller may edit, share, schedule and delete it. */
export type ReportTemplate = ResponseJson<'get', '/report-templates/{id}'>;
export type ReportKind = ReportTemplate['kind'];
export const reportKinds = valuesOf<ReportKind>()(['pivot', 'aging', 'collection', 'forecast', 'refunds', 'unallocated', 'reconciliation']);
export type ChartKind = ReportTemplate['chart'];
export const chartKinds = valuesOf<ChartKind>()(['table', 'bar', 'line', 'pie', 'heatmap']);

/**
 * What a template saves: the report's own request without its dates (`params`: the pivot body without from/to,
 * or the query of GET /reports/<kind> without from/to), the range, and how it is shown.
 */
export type TemplateDefinition = ReportTemplate['definition'];
/** Ranges relative to the day a template runs (tenant time zone), so a scheduled report covers the right days. */
export type ReportRange = NonNullable<TemplateDefinition['range']>;
export type RangePreset = Extract<ReportRange, { preset: unknown }>['preset'];
export const rangePresets = valuesOf<RangePreset>()(['last_7_days', 'last_30_days', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_12_months']);

/**
 * hour: 0–23 in the tenant's time zone; weekday 1 (Monday) – 7, weekly only; dayOfMonth 1–28, monthly only.
 * Recipients (users by id, roles by code) get it by email and in the bell, each within what they may see.
 */
export type TemplateSchedule = NonNullable<ReportTemplate['schedule']>;
export type ScheduleFrequency = TemplateSchedule['frequency'];
export const scheduleFrequencies = valuesOf<ScheduleFrequency>()(['daily', 'weekly', 'monthly']);
export type DeliveryFormat = TemplateSchedule['format'];
export const deliveryFormats = valuesOf<DeliveryFormat>()(['xlsx', 'csv', 'pdf']);

export type TemplateInput = RequestJson<'post', '/report-templates'>;
export type ScheduleInput = RequestJson<'put', '/report-templates/{id}/schedule'>;

/** What running a template answers: the result of its kind's own endpoint. */
export type ReportResult = ResponseJson<'post', '/report-templates/{id}/run'>['result'];

export const reportsApi = {
  pivot: (body: PivotRequest) => api.post<PivotResult>('/reports/pivot', body),
  aging: (query: AgingQuery, signal?: AbortSignal) => api.get<AgingResult>('/reports/aging', query as Query, signal),
  collection: (query: CollectionQuery, signal?: AbortSignal) => api.get<CollectionResult>('/reports/collection', query as Query, signal),
  forecast: (query: ForecastQuery, signal?: AbortSignal) => api.get<ForecastResult>('/reports/forecast', query as Query, signal),
  refunds: (query: RefundsQuery, signal?: AbortSignal) => api.get<RefundsResult>('/reports/refunds', query as Query, signal),
  unallocated: (query: UnallocatedQuery, signal?: AbortSignal) => api.get<UnallocatedResult>('/reports/unallocated', query as Query, signal),
  reconciliation: (query: ReconciliationQuery, signal?: AbortSignal) => api.get<ReconciliationResult>('/reports/reconciliation', query as Query, signal),
};

export const templatesApi = {
  list: (signal?: AbortSignal) => api.get<ResponseJson<'get', '/report-templates'>>('/report-templates', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ReportTemplate>(`/report-templates/${id}`, undefined, signal),
  create: (input: TemplateInput) => api.post<ReportTemplate>('/report-templates', input),
  update: (id: string, input: Partial<TemplateInput>) => api.patch<ReportTemplate>(`/report-templates/${id}`, input),
  remove: (id: string) => api.delete<void>(`/report-templates/${id}`),
  /** Runs the template now with its range resolved to today: the same result as the report's own endpoint. */
  run: (id: string) => api.post<ResponseJson<'post', '/report-templates/{id}/run'>>(`/report-templates/${id}/run`),
  setSchedule: (id: string, schedule: ScheduleInput) => api.put<ReportTemplate>(`/report-templates/${id}/schedule`, schedule),
  removeSchedule: (id: string) => api.delete<ReportTemplate>(`/report-templates/${id}/schedule`),
};

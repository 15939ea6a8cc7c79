/**
 * Reports and report templates (src/adapters/http/routes/reports.ts, report-templates.ts). Amounts are decimal
 * strings in major units; ratios are decimal strings or null when there is nothing to divide by.
 *
 * This file is also the contract between the reports page and the server: the server's TypeBox schemas must
 * produce exactly these shapes.
 */
import { api, type Query } from './client';

// ---------- pivot (POST /reports/pivot) ----------
export const timeDimensions = ['day', 'week', 'month', 'quarter', 'year'] as const;
export const pivotDimensions = [...timeDimensions, 'customer', 'customerTag', 'owner', 'department', 'product', 'channel', 'currency', 'kind'] as const;
export type PivotDimension = (typeof pivotDimensions)[number];
/** overdue and avgDaysToPay come from instalments and allocations (not the journal); see docs/reports.md. */
export const pivotMeasures = ['issued', 'received', 'refunded', 'netReceived', 'outstanding', 'overdue', 'count', 'avgDaysToPay'] as const;
export type PivotMeasure = (typeof pivotMeasures)[number];

export interface PivotFilters {
  customerIds?: string[];
  ownerIds?: string[];
  departmentIds?: string[];
  productIds?: string[];
  channels?: string[];
  currencies?: string[];
  kinds?: string[];
  customerTags?: string[];
}

export interface PivotRequest {
  dimensions: PivotDimension[];
  measures: PivotMeasure[];
  from: string;
  to: string;
  currency?: string;
  filters?: PivotFilters;
}

export interface PivotRow {
  keys: Record<string, string>;
  labels: Record<string, string>;
  /** measure → decimal string (count and avgDaysToPay: a plain number as a string; avgDaysToPay may be "" when no payment). */
  values: Record<string, string>;
  /** Query parameters for GET /api/v1/receipts listing the receipts behind the row (drill-down). */
  drill: Record<string, string>;
}

export interface PivotResult {
  currency: string;
  from: string;
  to: string;
  rates: { currency: string; rate: string }[];
  dimensions: string[];
  measures: string[];
  rows: PivotRow[];
  totals: Record<string, string>;
}

// ---------- standard reports ----------
export const agingGroupings = ['customer', 'owner', 'department', 'none'] as const;
export type AgingGrouping = (typeof agingGroupings)[number];
export interface AgingQuery {
  currency?: string;
  /** upper bounds in days, comma-separated (default 30,60,90) */
  buckets?: string;
  basis?: 'due' | 'order';
  groupBy?: AgingGrouping;
}
export interface AgingResult {
  currency: string;
  asOf: string;
  basis: string;
  groupBy: string;
  /** not_due, then one label per bucket (1-30, 31-60, …, 90+) */
  buckets: string[];
  rows: { key: string | null; label: string; amounts: string[]; total: string }[];
  totals: { amounts: string[]; total: string };
}

export interface CollectionQuery {
  from?: string;
  to?: string;
  currency?: string;
}
export interface CollectionPeriod {
  month: string;
  due: string;
  received: string;
  collectionRate: string | null;
  planCompletion: string | null;
  onTimeRate: string | null;
  openingReceivable: string;
  issued: string;
  closingReceivable: string;
  closingCurrent: string;
  dso: string | null;
  cei: string | null;
}
export interface CollectionResult {
  currency: string;
  from: string;
  to: string;
  method: string;
  periods: CollectionPeriod[];
}

export interface ForecastQuery {
  currency?: string;
  backtestAsOf?: string;
}
export interface ForecastWeek {
  from: string;
  to: string;
  expected: string;
}
export interface ForecastResult {
  currency: string;
  asOf: string;
  method: string;
  weeks: ForecastWeek[];
  beyond: string;
  open: string;
  customersOwnHistory: number;
  customersTenantHistory: number;
  backtest: { asOf: string; weeks: (ForecastWeek & { actual: string })[]; wape: string | null };
}

/** GET /reports/refunds: refunds paid (and, separately, requested but not yet paid) in [from, to], grouped. */
export const refundGroupings = ['reason', 'channel', 'customer'] as const;
export type RefundGrouping = (typeof refundGroupings)[number];
export interface RefundsQuery {
  from?: string;
  to?: string;
  currency?: string;
  groupBy?: RefundGrouping;
}
export interface RefundsResult {
  currency: string;
  from: string;
  to: string;
  groupBy: RefundGrouping;
  rows: {
    key: string | null;
    label: string;
    /** refunds paid in the range */
    paidCount: number;
    paid: string;
    /** requested or approved in the range, not paid (yet) */
    pendingCount: number;
    pending: string;
    /** paid ÷ money received from the same group in the range; null when nothing was received */
    refundRate: string | null;
  }[];
  totals: { paidCount: number; paid: string; pendingCount: number; pending: string; refundRate: string | null };
}

/** GET /reports/unallocated: confirmed receipts with money not allocated to any order (it sits in advances). */
export interface UnallocatedQuery {
  currency?: string;
  /** only receipts at least this many days old (default 0) */
  minAgeDays?: number;
  customerId?: string;
}
export interface UnallocatedResult {
  currency: string;
  asOf: string;
  rows: {
    receiptId: string;
    receiptNumber: string;
    customerId: string;
    customerName: string;
    receivedOn: string;
    ageDays: number;
    /** the receipt's own currency and amounts */
    receiptCurrency: string;
    amount: string;
    unallocated: string;
    /** unallocated in the report currency */
    unallocatedBase: string;
  }[];
  /** the rows are capped at the report's row limit; totals cover all of them */
  truncated: boolean;
  totals: { count: number; unallocatedBase: string };
}

/** GET /reports/reconciliation: bank statements and their lines by match status. */
export interface ReconciliationQuery {
  from?: string;
  to?: string;
}
export interface ReconciliationResult {
  from: string;
  to: string;
  statements: {
    statementId: string;
    account: string;
    currency: string;
    periodFrom: string | null;
    periodTo: string | null;
    importedAt: string;
    lines: number;
    matched: number;
    ignored: number;
    unmatched: number;
    /** credits on unmatched lines, in the statement's currency */
    unmatchedAmount: string;
    /** the statement's opening + movements = closing check; null when the file carried no balances */
    balanced: boolean | null;
  }[];
  totals: { statements: number; lines: number; matched: number; ignored: number; unmatched: number };
  /** confirmed receipts in [from, to] of bank channels that no statement line matches */
  receiptsWithoutLine: { count: number; amountBase: string };
}

// ---------- report templates (/report-templates) ----------
export const reportKinds = ['pivot', 'aging', 'collection', 'forecast', 'refunds', 'unallocated', 'reconciliation'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const chartKinds = ['table', 'bar', 'line', 'pie', 'heatmap'] as const;
export type ChartKind = (typeof chartKinds)[number];
/** Ranges relative to the day a template runs (tenant time zone), so a scheduled report covers the right days. */
export const rangePresets = ['last_7_days', 'last_30_days', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_12_months'] as const;
export type RangePreset = (typeof rangePresets)[number];
export type ReportRange = { preset: RangePreset } | { from: string; to: string };

/**
 * What a template saves: the report's own request without its dates (`params`: the pivot body without from/to,
 * or the query of GET /reports/<kind> without from/to), the range, and how it is shown.
 */
export interface TemplateDefinition {
  params: Record<string, unknown>;
  range?: ReportRange;
}

export const scheduleFrequencies = ['daily', 'weekly', 'monthly'] as const;
export type ScheduleFrequency = (typeof scheduleFrequencies)[number];
export const deliveryFormats = ['xlsx', 'csv', 'pdf'] as const;
export type DeliveryFormat = (typeof deliveryFormats)[number];

export interface TemplateSchedule {
  frequency: ScheduleFrequency;
  /** hour of day 0–23 in the tenant's time zone */
  hour: number;
  /** 1 (Monday) – 7, weekly only */
  weekday?: number;
  /** 1–28, monthly only */
  dayOfMonth?: number;
  format: DeliveryFormat;
  /** users by id and roles by code get it by email (and in the bell); each must be allowed to see the report */
  recipients: { userIds: string[]; roles: string[] };
  /** also deliver to the tenant's webhook subscribers of `report.delivered` */
  webhook: boolean;
  enabled: boolean;
  nextRunAt?: string | null;
  lastRun?: { at: string; outcome: 'done' | 'failed'; detail: string | null } | null;
}

export interface ReportTemplate {
  id: string;
  name: string;
  description: string;
  kind: ReportKind;
  definition: TemplateDefinition;
  chart: ChartKind;
  /** built-in templates are read-only and shared with everyone who can see reports; copy one to change it */
  builtIn: boolean;
  ownerUserId: string | null;
  ownerName: string | null;
  sharedWithRoles: string[];
  schedule: TemplateSchedule | null;
  /** the caller may edit, share, schedule and delete it */
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TemplateInput {
  name: string;
  description?: string;
  kind: ReportKind;
  definition: TemplateDefinition;
  chart: ChartKind;
  sharedWithRoles?: string[];
}

export type ScheduleInput = Omit<TemplateSchedule, 'nextRunAt' | 'lastRun'>;

export type ReportResult = PivotResult | AgingResult | CollectionResult | ForecastResult | RefundsResult | UnallocatedResult | ReconciliationResult;

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
  list: (signal?: AbortSignal) => api.get<{ items: ReportTemplate[] }>('/report-templates', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ReportTemplate>(`/report-templates/${id}`, undefined, signal),
  create: (input: TemplateInput) => api.post<ReportTemplate>('/report-templates', input),
  update: (id: string, input: Partial<TemplateInput>) => api.patch<ReportTemplate>(`/report-templates/${id}`, input),
  remove: (id: string) => api.delete<void>(`/report-templates/${id}`),
  /** Runs the template now with its range resolved to today: the same result as the report's own endpoint. */
  run: (id: string) => api.post<{ template: ReportTemplate; result: ReportResult }>(`/report-templates/${id}/run`),
  setSchedule: (id: string, schedule: ScheduleInput) => api.put<ReportTemplate>(`/report-templates/${id}/schedule`, schedule),
  removeSchedule: (id: string) => api.delete<ReportTemplate>(`/report-templates/${id}/schedule`),
};

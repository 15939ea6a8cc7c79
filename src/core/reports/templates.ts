import type { FieldIssue } from '../errors.js';
import { isBusinessDate } from '../ledger/entry.js';
import { limits } from '../limits.js';
import { addDays } from '../receivables/dates.js';
import { monthEnd, monthStart } from '../receivables/months.js';
import { isTimeDimension, pivotDimensions, pivotDimensionsMax, pivotMeasures } from './pivot.js';

/**
 * Report templates, the pure part: what a saved definition may hold for each kind of report, the date range
 * presets resolved against "today" in the tenant's time zone, and when a schedule runs next. The vocabulary
 * matches web/src/api/reports.ts (the contract between the reports page and the server).
 */
export const reportKinds = ['pivot', 'aging', 'collection', 'forecast', 'refunds', 'unallocated', 'reconciliation'] as const;
export type ReportKind = (typeof reportKinds)[number];
export const chartKinds = ['table', 'bar', 'line', 'pie', 'heatmap'] as const;
export type ChartKind = (typeof chartKinds)[number];
export const rangePresets = ['last_7_days', 'last_30_days', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_12_months'] as const;
export type RangePreset = (typeof rangePresets)[number];
export type ReportRange = { preset: RangePreset } | { from: string; to: string };
export const scheduleFrequencies = ['daily', 'weekly', 'monthly'] as const;
export type ScheduleFrequency = (typeof scheduleFrequencies)[number];
export const deliveryFormats = ['xlsx', 'csv', 'pdf'] as const;
export type DeliveryFormat = (typeof deliveryFormats)[number];

export interface TemplateDefinition {
  params: Record<string, unknown>;
  range?: ReportRange;
}

/** Kinds whose report covers [from, to]: a template of them carries a range (preset or fixed); the others have none. */
const rangedKinds: ReadonlySet<ReportKind> = new Set(['pivot', 'collection', 'refunds', 'reconciliation']);
export const isRangedKind = (kind: ReportKind) => rangedKinds.has(kind);

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const currencyPattern = /^[A-Z]{3}$/;

type Check = (value: unknown) => string | null;
const oneOf = (values: readonly string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : `one of ${values.join(', ')}`);
const currency: Check = (v) => (typeof v === 'string' && currencyPattern.test(v) ? null : 'an ISO 4217 code such as CNY');
const codeList = (item: Check, max: number): Check => (v) => {
  if (!Array.isArray(v) || v.length > max) return `a list of at most ${max}`;
  const bad = v.map(item).find((m) => m !== null);
  return bad === undefined ? null : `every item: ${bad}`;
};
const shortText: Check = (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 100 ? null : 'text of 1–100 characters');
const uuid: Check = (v) => (typeof v === 'string' && uuidPattern.test(v) ? null : 'a UUID');

/** The report's own parameters a template may save, per kind (its dates come from the range). */
const paramChecks: Record<ReportKind, Record<string, Check>> = {
  pivot: {
    dimensions: codeList(oneOf(pivotDimensions), pivotDimensionsMax),
    measures: codeList(oneOf(pivotMeasures), pivotMeasures.length),
    currency,
    filters: (v) => checkFilters(v),
  },
  aging: {
    currency,
    buckets: (v) => (typeof v === 'string' && /^\s*\d{1,5}(\s*,\s*\d{1,5}){0,9}\s*$/.test(v) ? null : 'upper bounds in days, comma-separated (30,60,90)'),
    basis: oneOf(['due', 'order']),
    groupBy: oneOf(['customer', 'owner', 'department', 'none']),
  },
  collection: { currency },
  forecast: { currency },
  refunds: { currency, groupBy: oneOf(['reason', 'channel', 'customer']) },
  unallocated: {
    currency,
    minAgeDays: (v) => (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3_650 ? null : 'whole days 0–3650'),
    customerId: uuid,
  },
  reconciliation: {},
};

const filterChecks: Record<string, Check> = {
  customerIds: codeList(uuid, 100), ownerIds: codeList(uuid, 100), departmentIds: codeList(uuid, 100), productIds: codeList(uuid, 100),
  channels: codeList(shortText, 100), currencies: codeList(shortText, 100), kinds: codeList(shortText, 100), customerTags: codeList(shortText, 100),
};

function checkFilters(value: unknown): string | null {
  if (!isPlainObject(value)) return 'an object of filter lists';
  for (const [key, v] of Object.entries(value)) {
    const check = filterChecks[key];
    if (!check) return `unknown filter ${key}`;
    const problem = check(v);
    if (problem) return `${key}: ${problem}`;
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every problem of a definition for a kind, each with the field it concerns (definition.params.x, definition.range). */
export function checkDefinition(kind: ReportKind, definition: TemplateDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ field, code: 'validation_failed', message });
  const bytes = Buffer.byteLength(JSON.stringify(definition));
  if (bytes > limits.reportTemplateDefinitionBytesMax) issue('definition', `at most ${limits.reportTemplateDefinitionBytesMax} bytes of JSON (${bytes})`);
  if (!isPlainObject(definition.params)) {
    issue('definition.params', 'an object');
    return issues;
  }
  const checks = paramChecks[kind];
  for (const [key, value] of Object.entries(definition.params)) {
    if (key === 'from' || key === 'to') issue(`definition.params.${key}`, 'dates come from definition.range, not the params');
    else if (!checks[key]) issue(`definition.params.${key}`, `a ${kind} report has no parameter ${key}`);
    else {
      const problem = checks[key](value);
      if (problem) issue(`definition.params.${key}`, problem);
    }
  }
  if (kind === 'pivot') issues.push(...checkPivot(definition.params));
  if (definition.range !== undefined && !isRangedKind(kind)) issue('definition.range', `a ${kind} report covers no date range (it is as of the day it runs)`);
  if (definition.range === undefined && kind === 'pivot') issue('definition.range', 'a pivot needs a range (a preset such as this_month, or from and to)');
  if (definition.range !== undefined && isRangedKind(kind)) issues.push(...checkRange(definition.range));
  return issues;
}

function checkPivot(params: Record<string, unknown>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ field: `definition.params.${field}`, code: 'validation_failed', message });
  const dimensions = Array.isArray(params.dimensions) ? (params.dimensions as string[]) : [];
  if (params.dimensions === undefined) issue('dimensions', 'a pivot lists its dimensions (possibly none: [])');
  if (new Set(dimensions).size !== dimensions.length) issue('dimensions', 'a dimension appears twice');
  if (dimensions.filter((d) => typeof d === 'string' && isTimeDimension(d)).length > 1) issue('dimensions', 'at most one time dimension');
  if (!Array.isArray(params.measures) || params.measures.length === 0) issue('measures', 'ask for at least one measure');
  return issues;
}

function checkRange(range: ReportRange): FieldIssue[] {
  const issue = (field: string, message: string): FieldIssue[] => [{ field: `definition.range${field}`, code: 'validation_failed', message }];
  if (!isPlainObject(range)) return issue('', 'a preset or from and to');
  if ('preset' in range) {
    if (Object.keys(range).length !== 1) return issue('', 'either { preset } or { from, to }');
    return (rangePresets as readonly string[]).includes(range.preset) ? [] : issue('.preset', `one of ${rangePresets.join(', ')}`);
  }
  const { from, to } = range as { from?: unknown; to?: unknown };
  if (Object.keys(range).length !== 2 || typeof from !== 'string' || typeof to !== 'string') return issue('', 'either { preset } or { from, to }');
  if (!isBusinessDate(from)) return issue('.from', 'not a real date (YYYY-MM-DD)');
  if (!isBusinessDate(to)) return issue('.to', 'not a real date (YYYY-MM-DD)');
  if (from > to) return issue('.to', 'to is before from');
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= limits.reportDaysMax) return issue('.to', `a report spans at most ${limits.reportDaysMax} days`);
  return [];
}

function quarterStart(date: string, back = 0): string {
  const month = Number(date.slice(5, 7));
  const first = `${date.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`;
  return monthStart(first, back * 3);
}

/**
 * The days a range covers when the template runs on `today` (a business date in the tenant's time zone).
 * "this" periods run from the period's first day to today (the days after today hold nothing yet, and the
 * pivot's overdue "at the end of the range" must not count instalments as late before they are); "last N days"
 * and "last 12 months" end today; "last" periods are whole. The collection report is per month either way. The
 * workbench resolves presets by the same rule (web/src/pages/reports/params.ts; docs/reports.md).
 */
export function resolveRange(range: ReportRange, today: string): { from: string; to: string } {
  if (!('preset' in range)) return { from: range.from, to: range.to };
  switch (range.preset) {
    case 'last_7_days': return { from: addDays(today, -6), to: today };
    case 'last_30_days': return { from: addDays(today, -29), to: today };
    case 'this_month': return { from: monthStart(today), to: today };
    case 'last_month': return { from: monthStart(today, 1), to: monthEnd(monthStart(today, 1)) };
    case 'this_quarter': return { from: quarterStart(today), to: today };
    case 'last_quarter': return { from: quarterStart(today, 1), to: monthEnd(monthStart(quarterStart(today, 1), -2)) };
    case 'this_year': return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last_12_months': return { from: monthStart(today, 11), to: today };
  }
}

/** The report request a template makes on `today`: its params, plus from/to for a ranged kind. */
export function requestOf(kind: ReportKind, definition: TemplateDefinition, today: string): Record<string, unknown> {
  const params = { ...definition.params };
  if (!isRangedKind(kind) || definition.range === undefined) return params;
  return { ...params, ...resolveRange(definition.range, today) };
}

// ——— schedules ———

export interface ScheduleRule {
  frequency: ScheduleFrequency;
  /** 0–23, in the tenant's time zone. */
  hour: number;
  /** 1 (Monday) – 7, weekly only. */
  weekday?: number;
  /** 1–28 (every month has it), monthly only. */
  dayOfMonth?: number;
}

export function checkScheduleRule(rule: ScheduleRule): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (field: string, message: string) => issues.push({ field, code: 'validation_failed', message });
  const wholeIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  if (!(scheduleFrequencies as readonly string[]).includes(rule.frequency)) issue('frequency', `one of ${scheduleFrequencies.join(', ')}`);
  if (!wholeIn(rule.hour, 0, 23)) issue('hour', 'an hour 0–23');
  if (rule.frequency === 'weekly' ? !wholeIn(rule.weekday, 1, 7) : rule.weekday !== undefined) issue('weekday', rule.frequency === 'weekly' ? 'a weekly schedule names its weekday, 1 (Monday) – 7' : 'only a weekly schedule has a weekday');
  if (rule.frequency === 'monthly' ? !wholeIn(rule.dayOfMonth, 1, 28) : rule.dayOfMonth !== undefined) issue('dayOfMonth', rule.frequency === 'monthly' ? 'a monthly schedule names its day, 1–28' : 'only a monthly schedule has a day of the month');
  return issues;
}

/** Minutes the time zone is ahead of UTC at an instant (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(timeZone: string, instant: Date): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant the wall clock of the time zone shows `hour`:00 on `date`. In a daylight-saving gap (the hour
 * does not exist that day) it is the first instant after the gap; in an overlap (the hour happens twice) the
 * first of the two.
 */
export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour);
  const candidates = new Set<number>();
  let guess = wall - zoneOffsetMinutes(timeZone, new Date(wall)) * 60_000;
  candidates.add(guess);
  guess = wall - zoneOffsetMinutes(timeZone, new Date(guess)) * 60_000;
  candidates.add(guess);
  const sorted = [...candidates].sort((a, b) => a - b);
  const exact = sorted.filter((t) => t + zoneOffsetMinutes(timeZone, new Date(t)) * 60_000 === wall);
  return new Date(exact.length > 0 ? exact[0]! : sorted[sorted.length - 1]!);
}

/** ISO weekday of a business date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The first run of a schedule strictly after `after`, in the tenant's time zone. */
export function nextRunAt(rule: ScheduleRule, after: Date, timeZone: string): Date {
  const first = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(after);
  // A day a schedule can fall on comes within 31 days; two months covers every case with room.
  for (let offset = 0; offset <= 62; offset++) {
    const day = addDays(first, offset);
    const matches = rule.frequency === 'daily'
      || (rule.frequency === 'weekly' && isoWeekday(day) === rule.weekday)
      || (rule.frequency === 'monthly' && Number(day.slice(8, 10)) === rule.dayOfMonth);
    if (!matches) continue;
    const at = zonedInstant(day, rule.hour, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no run of ${JSON.stringify(rule)} within 62 days of ${after.toISOString()}`);
}

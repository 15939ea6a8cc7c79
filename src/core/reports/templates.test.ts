import { describe, expect, it } from 'vitest';
import { checkDefinition, checkScheduleRule, nextRunAt, requestOf, resolveRange, zonedInstant, type RangePreset, type ScheduleRule } from './templates.js';

describe('range presets against today (a business date in the tenant time zone)', () => {
  const cases: [RangePreset, today: string, from: string, to: string][] = [
    ['this_quarter', '2026-02-15', '2026-01-01', '2026-02-15'],
    ['this_quarter', '2026-12-31', '2026-10-01', '2026-12-31'],
    ['last_quarter', '2026-02-15', '2025-10-01', '2025-12-31'],
    ['last_quarter', '2026-07-01', '2026-04-01', '2026-06-30'],
    ['last_month', '2026-03-31', '2026-02-01', '2026-02-28'],
    ['last_month', '2026-01-10', '2025-12-01', '2025-12-31'],
    ['last_month', '2024-03-01', '2024-02-01', '2024-02-29'],
    ['this_month', '2026-02-15', '2026-02-01', '2026-02-15'],
    ['last_7_days', '2026-03-02', '2026-02-24', '2026-03-02'],
    ['last_30_days', '2026-03-31', '2026-03-02', '2026-03-31'],
    ['this_year', '2026-06-30', '2026-01-01', '2026-06-30'],
    ['last_12_months', '2026-02-15', '2025-03-01', '2026-02-15'],
  ];
  it.each(cases)('%s on %s is %s … %s', (preset, today, from, to) => {
    expect(resolveRange({ preset }, today)).toEqual({ from, to });
  });

  it('a fixed range stays as saved; a ranged kind gets from/to added to its params, the others not', () => {
    expect(resolveRange({ from: '2026-01-05', to: '2026-01-09' }, '2030-01-01')).toEqual({ from: '2026-01-05', to: '2026-01-09' });
    expect(requestOf('pivot', { params: { dimensions: ['month'], measures: ['received'] }, range: { preset: 'last_month' } }, '2026-03-31'))
      .toEqual({ dimensions: ['month'], measures: ['received'], from: '2026-02-01', to: '2026-02-28' });
    expect(requestOf('aging', { params: { groupBy: 'owner' } }, '2026-03-31')).toEqual({ groupBy: 'owner' });
  });
});

describe('definitions per kind', () => {
  const fields = (kind: Parameters<typeof checkDefinition>[0], definition: Parameters<typeof checkDefinition>[1]) => checkDefinition(kind, definition).map((i) => i.field);

  it('accepts the reports’ own vocabularies', () => {
    expect(fields('pivot', { params: { dimensions: ['month', 'channel'], measures: ['received', 'count'], currency: 'CNY', filters: { channels: ['alipay'] } }, range: { preset: 'this_year' } })).toEqual([]);
    expect(fields('aging', { params: { buckets: '30,60,90,180', basis: 'order', groupBy: 'department' } })).toEqual([]);
    expect(fields('refunds', { params: { groupBy: 'reason' }, range: { from: '2026-01-01', to: '2026-03-31' } })).toEqual([]);
    expect(fields('unallocated', { params: { minAgeDays: 30 } })).toEqual([]);
    expect(fields('collection', { params: {} })).toEqual([]);
  });

  it('refuses what the report would refuse, naming the field', () => {
    expect(fields('pivot', { params: { dimensions: ['month', 'week'], measures: [] }, range: { preset: 'this_month' } })).toEqual(['definition.params.dimensions', 'definition.params.measures']);
    expect(fields('pivot', { params: { dimensions: ['planet'], measures: ['received'] }, range: { preset: 'this_month' } })).toEqual(['definition.params.dimensions']);
    expect(fields('pivot', { params: { dimensions: [], measures: ['received'], from: '2026-01-01' } })).toEqual(['definition.params.from', 'definition.range']);
    expect(fields('pivot', { params: { dimensions: [], measures: ['received'], filters: { planets: ['x'] } }, range: { preset: 'yesterday' as RangePreset } })).toEqual(['definition.params.filters', 'definition.range.preset']);
    expect(fields('aging', { params: { groupBy: 'planet', currency: 'cny' }, range: { preset: 'this_month' } })).toEqual(['definition.params.groupBy', 'definition.params.currency', 'definition.range']);
    expect(fields('refunds', { params: {}, range: { from: '2026-03-01', to: '2026-02-01' } })).toEqual(['definition.range.to']);
    expect(fields('refunds', { params: {}, range: { from: '2026-02-30', to: '2026-03-01' } })).toEqual(['definition.range.from']);
    expect(fields('unallocated', { params: { minAgeDays: -1, customerId: 'nope' } })).toEqual(['definition.params.minAgeDays', 'definition.params.customerId']);
    expect(fields('forecast', { params: { backtestAsOf: '2026-01-01' } })).toEqual(['definition.params.backtestAsOf']);
  });

  it('bounds the size of a definition', () => {
    const huge = { params: { filters: { customerTags: Array.from({ length: 100 }, () => 'x'.repeat(100)) }, dimensions: [], measures: ['received'] }, range: { preset: 'this_month' as const } };
    expect(fields('pivot', huge)).toContain('definition');
  });
});

describe('schedule rules', () => {
  it('weekday only for weekly, day of month 1–28 only for monthly', () => {
    const f = (rule: ScheduleRule) => checkScheduleRule(rule).map((i) => i.field);
    expect(f({ frequency: 'daily', hour: 8 })).toEqual([]);
    expect(f({ frequency: 'weekly', hour: 8, weekday: 1 })).toEqual([]);
    expect(f({ frequency: 'monthly', hour: 23, dayOfMonth: 28 })).toEqual([]);
    expect(f({ frequency: 'weekly', hour: 24 })).toEqual(['hour', 'weekday']);
    expect(f({ frequency: 'monthly', hour: 0, dayOfMonth: 31, weekday: 2 })).toEqual(['weekday', 'dayOfMonth']);
    expect(f({ frequency: 'daily', hour: 1.5, dayOfMonth: 3 })).toEqual(['hour', 'dayOfMonth']);
  });
});

describe('next run in the tenant time zone', () => {
  const at = (iso: string) => new Date(iso);
  it('Asia/Shanghai (UTC+8, no daylight saving): daily 08:00 is 00:00Z; the run at that very instant is the next day', () => {
    const daily: ScheduleRule = { frequency: 'daily', hour: 8 };
    expect(nextRunAt(daily, at('2026-03-10T00:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(nextRunAt(daily, at('2026-03-09T23:59:59Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-10T00:00:00.000Z');
    // 23:30 UTC on the 10th is already 07:30 on the 11th in Shanghai.
    expect(nextRunAt(daily, at('2026-03-10T23:30:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-11T00:00:00.000Z');
  });

  it('weekly on Monday 09:00 and monthly on the 1st 06:00 in Shanghai', () => {
    // 2026-03-04 is a Wednesday; the next Monday is 03-09, 09:00 +08 = 01:00Z.
    expect(nextRunAt({ frequency: 'weekly', hour: 9, weekday: 1 }, at('2026-03-04T12:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-09T01:00:00.000Z');
    // Sunday 2026-03-08 23:00 local (15:00Z) → Monday 03-09 09:00 local.
    expect(nextRunAt({ frequency: 'weekly', hour: 9, weekday: 1 }, at('2026-03-08T15:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-09T01:00:00.000Z');
    // 2026-01-31 local → 2026-02-01 06:00 local = 2026-01-31T22:00Z.
    expect(nextRunAt({ frequency: 'monthly', hour: 6, dayOfMonth: 1 }, at('2026-01-20T00:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-01-31T22:00:00.000Z');
    // Day 28 in February, then in March.
    expect(nextRunAt({ frequency: 'monthly', hour: 0, dayOfMonth: 28 }, at('2026-02-27T16:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-03-27T16:00:00.000Z');
  });

  it('UTC: the hour is the hour', () => {
    expect(nextRunAt({ frequency: 'daily', hour: 0 }, at('2026-12-31T00:00:00Z'), 'UTC').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('America/New_York across daylight saving: 08:00 local is 13:00Z in winter and 12:00Z in summer', () => {
    const daily: ScheduleRule = { frequency: 'daily', hour: 8 };
    // Clocks go forward on Sunday 2026-03-08 at 02:00.
    expect(nextRunAt(daily, at('2026-03-07T13:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(nextRunAt(daily, at('2026-03-06T14:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-07T13:00:00.000Z');
    // Clocks go back on Sunday 2026-11-01 at 02:00.
    expect(nextRunAt(daily, at('2026-10-31T12:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('an hour skipped by daylight saving runs at the first instant after the gap; a repeated hour runs once, the first time', () => {
    // 02:00 does not exist on 2026-03-08 in New York: 03:00 EDT = 07:00Z.
    expect(zonedInstant('2026-03-08', 2, 'America/New_York').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    // 01:00 happens twice on 2026-11-01: first at 01:00 EDT = 05:00Z.
    expect(zonedInstant('2026-11-01', 1, 'America/New_York').toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(nextRunAt({ frequency: 'daily', hour: 1 }, at('2026-11-01T05:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-02T06:00:00.000Z');
    // Europe/Berlin, clocks forward on 2026-03-29 at 02:00 CET.
    expect(zonedInstant('2026-03-29', 2, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(zonedInstant('2026-03-30', 2, 'Europe/Berlin').toISOString()).toBe('2026-03-30T00:00:00.000Z');
  });
});

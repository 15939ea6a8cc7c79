import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Dropdown, Empty, Select, Skeleton, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchFile } from '../../api/client';
import { rangePresets, type PivotRequest, type RangePreset, type ReportKind, type ReportRange } from '../../api/reports';
import { useSession } from '../../auth/session';
import { describeError } from '../../shared/errors';
import { download } from '../../shared/export';
import { useLiveReload } from '../../shared/live';
import { useLoad } from '../../shared/useLoad';
import { filterCurrencies } from '../receipts/ReceiptFilters';
import { resolveRange } from './params';

/**
 * A report's table as plain cells, for the charts' screen-reader tables (and to know whether there is anything
 * to export).
 */
export interface ReportTable {
  title: string;
  columns: { title: string; kind?: 'text' | 'amount' | 'date'; currency?: string }[];
  rows: (string | number | null)[][];
}

/**
 * Loads a report, and loads it again when money moves (receipts, refunds; statements for reconciliation): the
 * live stream already settles bursts, so a batch of receipts costs one reload at the start and one at the end.
 */
export function useReport<T>(load: (signal: AbortSignal) => Promise<T>, key: string, live: readonly string[] = ['receipt', 'refund']) {
  const loaded = useLoad(load, [key]);
  useLiveReload(loaded.reload, live);
  return loaded;
}

/**
 * The frame every report result sits in: an error in the server's words (with retry), a skeleton before the
 * first answer, an empty state, else the content. `data-ready` tells tests and people's tools the figures shown
 * are the answer to the parameters shown.
 */
export function ReportFrame({ testId, loading, error, hasData, empty, onRetry, children }: {
  testId: string; loading: boolean; error: string | null; hasData: boolean; empty: boolean; onRetry: () => void; children: ReactNode;
}) {
  const { t } = useTranslation('reports');
  const ready = hasData && !loading && error === null;
  return (
    <div data-testid={testId} data-ready={ready ? 'true' : 'false'} aria-busy={loading}>
      {error && (
        <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={t('loadFailed')} description={error} data-testid="report-error"
          action={<Button size="small" onClick={onRetry}>{t('common:action.retry')}</Button>} />
      )}
      {!hasData && !error && <Skeleton active paragraph={{ rows: 8 }} />}
      {hasData && empty && <Empty description={t('empty')} />}
      {hasData && !empty && children}
    </div>
  );
}

/** The request of the report on screen, as its export takes it: the pivot's body, or another report's query. */
export type ReportExportSource =
  | { kind: 'pivot'; body: PivotRequest }
  | { kind: Exclude<ReportKind, 'pivot'>; query: object };

/** Refresh (also happens by itself on live changes) and the export of the report on screen. */
export function ReportActions({ table, source, onRefresh, loading }: { table: ReportTable | null; source: ReportExportSource; onRefresh: () => void; loading: boolean }) {
  const { t } = useTranslation('reports');
  return (
    <Space>
      <Tooltip title={t('common:action.refresh')}>
        <Button icon={<ReloadOutlined />} aria-label={t('common:action.refresh')} onClick={onRefresh} loading={loading} />
      </Tooltip>
      <ExportButton table={table} source={source} />
    </Space>
  );
}

/**
 * CSV, Excel or PDF of the report on screen, made by the server from the same request (GET /reports/<kind>/export,
 * POST for the pivot): the report runs again as you, so the file holds the figures shown, in your data scope;
 * every export is audited and its CSV formula-safe in one place (docs/reports.md). Needs data.export.
 */
export function ExportButton({ table, source }: { table: ReportTable | null; source: ReportExportSource }) {
  const { t, i18n } = useTranslation('reports');
  const { message } = App.useApp();
  const { can } = useSession();
  const [exporting, setExporting] = useState(false);
  const save = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setExporting(true);
    const hide = message.loading(t('exporting'), 0);
    try {
      const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
      const query = { ...(source.kind === 'pivot' ? {} : (source.query as Record<string, string | number | undefined>)), format, lang };
      const { blob, filename } = await fetchFile(`/reports/${source.kind}/export`, query, undefined, source.kind === 'pivot' ? source.body : undefined);
      download(blob, filename);
      message.success(t('exported', { filename }));
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      hide();
      setExporting(false);
    }
  };
  // Like the lists' exports: without data.export (the built-in sales role) there is nothing to offer.
  const empty = !table || table.rows.length === 0 || !can('data.export');
  return (
    <Dropdown
      disabled={empty || exporting}
      menu={{ items: (['csv', 'xlsx', 'pdf'] as const).map((f) => ({ key: f, label: t(`common:action.${({ csv: 'exportCsv', xlsx: 'exportXlsx', pdf: 'exportPdf' } as const)[f]}`), 'data-testid': `report-export-${f}` })), onClick: ({ key }) => void save(key as 'csv' | 'xlsx' | 'pdf') }}
    >
      <Button icon={<DownloadOutlined />} disabled={empty} loading={exporting} title={t('exportHint')} data-testid="report-export">
        {t('common:action.export')}
      </Button>
    </Dropdown>
  );
}

/** The currencies to choose from; `all` adds "every currency, converted to the base currency" (the pivot's default). */
export function CurrencySelect({ value, onChange, all }: { value: string | undefined; onChange: (currency: string | undefined) => void; all?: boolean }) {
  const { t } = useTranslation('reports');
  const { tenant } = useSession();
  const currencies = [...new Set([tenant.baseCurrency, ...filterCurrencies])];
  const allValue = '*';
  return (
    <Select
      aria-label={t('field.currency')}
      value={value ?? (all ? allValue : tenant.baseCurrency)}
      onChange={(next: string) => onChange(next === allValue || (!all && next === tenant.baseCurrency) ? undefined : next)}
      options={[...(all ? [{ value: allValue, label: t('allCurrencies', { base: tenant.baseCurrency }) }] : []), ...currencies.map((c) => ({ value: c, label: c }))]}
      style={{ minWidth: all ? 200 : 100 }}
      data-testid="report-currency"
    />
  );
}

/** A range: a preset (relative to today, saved as such in templates) or two dates. */
export function RangeField({ value, onChange, today }: { value: ReportRange; onChange: (range: ReportRange) => void; today: string }) {
  const { t } = useTranslation('reports');
  const preset = 'preset' in value ? value.preset : undefined;
  const dates = resolveRange(value, today);
  const custom = 'custom';
  return (
    <Space.Compact>
      <Select
        aria-label={t('field.preset')}
        value={preset ?? custom}
        onChange={(next: string) => (next === custom ? onChange(dates) : onChange({ preset: next as RangePreset }))}
        options={[...rangePresets.map((p) => ({ value: p, label: t(`preset.${p}`) })), { value: custom, label: t('customRange') }]}
        style={{ width: 130 }}
        data-testid="report-preset"
      />
      <DatePicker.RangePicker
        aria-label={t('field.range')}
        placeholder={[t('field.from'), t('field.to')]}
        allowClear={false}
        value={[dayjs(dates.from), dayjs(dates.to)]}
        onChange={(picked) => {
          const [from, to] = picked ?? [];
          if (from && to) onChange({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
        }}
        data-testid="report-range"
      />
    </Space.Compact>
  );
}

/** Numbers that are not money (counts, days, ratios) in the user's language. */
export function useNumbers() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
    const none = '—';
    return {
      locale,
      integer: (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? none : integer.format(Number(value))),
      decimal: (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? none : decimal.format(Number(value))),
      /** A ratio (0.8512) as a percentage. */
      percent: (value: string | null | undefined) => (value === null || value === undefined || value === '' ? none : percent.format(Number(value))),
    };
  }, [locale]);
}

/** The table's cells as text for a chart's screen-reader table. */
export function chartTableOf(table: ReportTable, show: (value: string | number | null, column: ReportTable['columns'][number]) => string) {
  return { columns: table.columns.map((c) => c.title), rows: table.rows.map((row) => row.map((cell, i) => show(cell, table.columns[i]!))) };
}

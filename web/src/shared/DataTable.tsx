import { DownloadOutlined, ReloadOutlined, SettingOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Dropdown, Popover, Select, Space, Table, Tooltip } from 'antd';
import type { TableProps } from 'antd';
import type { ColumnType, TableRowSelection } from 'antd/es/table/interface';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fetchFile, type Page, type Query } from '../api/client';
import { useSession } from '../auth/session';
import { describeError } from './errors';
import { download, toCsv, toXlsx, type ExportColumn } from './export';
import { useLiveReload } from './live';

export interface DataColumn<T> extends ColumnType<T> {
  key: string;
  /** The value written to CSV/XLSX; without it the column is not exported (e.g. an actions column). */
  exportValue?: (row: T) => string | number | null | undefined;
  exportKind?: ExportColumn<T>['kind'];
  exportDecimals?: number;
  /** Hidden until the user turns it on in the column settings. */
  defaultHidden?: boolean;
}

export interface DataTableProps<T> {
  /** Remembers the column settings of this table (localStorage). */
  id: string;
  /** API path of a cursor-paginated list ({ items, nextCursor }). */
  path: string;
  query?: Query;
  columns: DataColumn<T>[];
  rowKey: keyof T & string;
  /** Base name of exported files. */
  exportName: string;
  /**
   * A list the server exports (GET /exports/<source>: every row under the filters up to 200,000, streamed,
   * audited, with data scope and masking, needs data.export). Without it the browser exports what it pages
   * through (small lists: statements, settings, audit), up to 10,000 rows.
   */
  serverExport?: 'receipts' | 'orders' | 'refunds' | 'customers';
  toolbar?: ReactNode;
  rowSelection?: TableRowSelection<T>;
  /** Change it to load the current page again (after an action). */
  reloadToken?: unknown;
  /** Reload the page shown when records of these kinds change (live updates: receipt, refund, statement, alert). */
  live?: readonly string[];
  onRow?: (row: T) => React.HTMLAttributes<HTMLElement>;
  emptyText?: ReactNode;
  /** Rows that open in place (e.g. an audit record's changes). */
  expandable?: TableProps<T>['expandable'];
}

const exportRowsMax = 10_000;
const exportPageSize = 200;
const pageSizes = [20, 50, 100];

function loadHidden(id: string, columns: DataColumn<unknown>[]): Set<string> {
  try {
    const stored = localStorage.getItem(`kx.columns.${id}`);
    if (stored) return new Set(JSON.parse(stored) as string[]);
  } catch {
    /* settings are a convenience: fall back to the defaults */
  }
  return new Set(columns.filter((c) => c.defaultHidden).map((c) => c.key));
}

/**
 * Every list in the workbench: server-side pagination (cursor pages, so a page never shifts while someone
 * records a receipt), filters given by the page as `query`, column settings, and export of what is shown —
 * the visible columns, every row under the current filters (up to a bound).
 */
export function DataTable<T extends object>(props: DataTableProps<T>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const [pageSize, setPageSize] = useState(pageSizes[0]!);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [hidden, setHidden] = useState<Set<string>>(() => loadHidden(props.id, props.columns as DataColumn<unknown>[]));
  const queryKey = JSON.stringify(props.query ?? {});
  const current = cursors[cursors.length - 1] ?? null;
  const abort = useRef<AbortController | null>(null);

  // New filters or page size: back to the first page.
  useEffect(() => setCursors([null]), [queryKey, pageSize]);

  const load = useCallback(async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setLoading(true);
    setFailure(null);
    try {
      const result = await api.get<Page<T>>(props.path, { ...(props.query ?? {}), limit: pageSize, cursor: current ?? undefined }, controller.signal);
      if (!controller.signal.aborted) setPage(result);
    } catch (error) {
      if ((error as Error).name !== 'AbortError') setFailure(describeError(t, error));
    } finally {
      if (!controller.signal.aborted) setLoading(false);
    }
  }, [props.path, queryKey, pageSize, current, t]);

  useEffect(() => {
    void load();
  }, [load, props.reloadToken]);
  useLiveReload(() => void load(), props.live ?? []);

  const visible = useMemo(() => props.columns.filter((c) => !hidden.has(c.key)), [props.columns, hidden]);

  const toggle = (keys: string[]) => {
    const next = new Set(props.columns.map((c) => c.key).filter((k) => !keys.includes(k)));
    setHidden(next);
    localStorage.setItem(`kx.columns.${props.id}`, JSON.stringify([...next]));
  };

  const exportFromServer = async (source: string, format: 'csv' | 'xlsx' | 'pdf') => {
    setExporting(true);
    const hide = message.loading(t('common:list.exportingServer'), 0);
    try {
      const language = i18n.language.startsWith('zh') ? 'zh' : 'en';
      const { blob, filename } = await fetchFile(`/exports/${source}`, { ...(props.query ?? {}), format, lang: language });
      download(blob, filename);
      message.success(t('common:list.exportedFile', { filename }));
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      hide();
      setExporting(false);
    }
  };

  const exportAs = async (format: 'csv' | 'xlsx' | 'pdf') => {
    if (props.serverExport) return exportFromServer(props.serverExport, format);
    if (format === 'pdf') return;
    setExporting(true);
    const hide = message.loading(t('common:list.exporting', { count: exportPageSize }), 0);
    try {
      const rows: T[] = [];
      let cursor: string | null = null;
      do {
        const result: Page<T> = await api.get<Page<T>>(props.path, { ...(props.query ?? {}), limit: exportPageSize, cursor: cursor ?? undefined });
        rows.push(...result.items);
        cursor = result.nextCursor;
      } while (cursor && rows.length < exportRowsMax);
      const columns: ExportColumn<T>[] = visible
        .filter((c) => c.exportValue)
        .map((c) => ({ title: typeof c.title === 'string' ? c.title : c.key, value: c.exportValue!, kind: c.exportKind, decimals: c.exportDecimals }));
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'csv') download(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), `${props.exportName}-${stamp}.csv`);
      else download(await toXlsx(props.exportName, columns, rows), `${props.exportName}-${stamp}.xlsx`);
      if (cursor) message.warning(t('common:list.exportCapped', { count: exportRowsMax }));
      else message.success(t('common:list.exported', { count: rows.length }));
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      hide();
      setExporting(false);
    }
  };

  const settings = (
    <Checkbox.Group
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      value={props.columns.filter((c) => !hidden.has(c.key)).map((c) => c.key)}
      onChange={(keys) => toggle(keys as string[])}
      options={props.columns.map((c) => ({ label: typeof c.title === 'string' ? c.title : c.key, value: c.key }))}
    />
  );

  return (
    <div>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12, gap: 8, flexWrap: 'wrap' }}>
        <Space wrap>{props.toolbar}</Space>
        <Space>
          <Tooltip title={t('common:action.refresh')}>
            <Button icon={<ReloadOutlined />} aria-label={t('common:action.refresh')} onClick={() => void load()} />
          </Tooltip>
          <Popover content={settings} title={t('common:action.columns')} trigger="click" placement="bottomRight">
            <Button icon={<SettingOutlined />} aria-label={t('common:action.columns')} />
          </Popover>
          <Dropdown
            menu={{
              items: [
                { key: 'csv', label: t('common:action.exportCsv') },
                { key: 'xlsx', label: t('common:action.exportXlsx') },
                ...(props.serverExport ? [{ key: 'pdf', label: t('common:action.exportPdf') }] : []),
              ],
              onClick: ({ key }) => void exportAs(key as 'csv' | 'xlsx' | 'pdf'),
            }}
            disabled={props.serverExport !== undefined && !can('data.export')}
          >
            <Button icon={<DownloadOutlined />} loading={exporting} disabled={props.serverExport !== undefined && !can('data.export')} data-testid="list-export">
              {t('common:action.export')}
            </Button>
          </Dropdown>
        </Space>
      </div>
      {failure && (
        <div role="alert" style={{ color: '#cf1322', marginBottom: 8 }}>
          {failure} <Button type="link" onClick={() => void load()}>{t('common:action.retry')}</Button>
        </div>
      )}
      <Table<T>
        size="middle"
        rowKey={props.rowKey}
        columns={visible}
        dataSource={page?.items ?? []}
        loading={loading}
        pagination={false}
        rowSelection={props.rowSelection}
        expandable={props.expandable}
        onRow={props.onRow}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: props.emptyText ?? t('common:list.empty') }}
      />
      <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 8, marginTop: 12 }}>
        <span>{t('common:list.page', { page: cursors.length })}</span>
        <Button disabled={cursors.length <= 1 || loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common:action.previous')}
        </Button>
        <Button disabled={!page?.nextCursor || loading} onClick={() => page?.nextCursor && setCursors((c) => [...c, page.nextCursor])}>
          {t('common:action.next')}
        </Button>
        <Select
          aria-label={t('common:list.pageSize', { count: pageSize })}
          value={pageSize}
          onChange={setPageSize}
          options={pageSizes.map((size) => ({ value: size, label: t('common:list.pageSize', { count: size }) }))}
          style={{ width: 120 }}
        />
      </div>
    </div>
  );
}

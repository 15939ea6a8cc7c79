import { Alert, Card, Col, Form, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { refundGroupings, reportsApi, type ReconciliationResult, type RefundsResult, type UnallocatedResult } from '../../api/reports';
import { useSession } from '../../auth/session';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { EChart } from '../../shared/EChart';
import { formatMoney } from '../../shared/money';
import { useInstant } from '../settings/common';
import { plotted, seriesColors } from './charts';
import { CurrencySelect, RangeField, ReportActions, ReportFrame, chartTableOf, useNumbers, useReport, type ReportTable } from './common';
import { queryOf, type ViewOf } from './params';
import { amountStyle, Toolbar } from './StandardTabs';

// ---------------------------------------------------------------- refunds

type RefundRow = RefundsResult['rows'][number];

/** 退款: refunds paid (and requested, not yet paid) by reason, channel or customer; a pie of what was paid. */
export function RefundsTab({ view, today, onChange }: { view: ViewOf<'refunds'>; today: string; onChange: (view: ViewOf<'refunds'>) => void }) {
  const { t, i18n } = useTranslation('reports');
  const numbers = useNumbers();
  const query = queryOf(view, today);
  const loaded = useReport((signal) => reportsApi.refunds(query, signal), JSON.stringify(query));
  const data = loaded.data;
  const set = (params: Partial<ViewOf<'refunds'>['params']>) => onChange({ ...view, params: { ...view.params, ...params } });
  const groupLabel = (row: Pick<RefundRow, 'key' | 'label'>, groupBy: string) => {
    if (groupBy === 'reason' && row.key) return t(`common:refundReason.${row.key}`, { defaultValue: row.label || row.key });
    if (groupBy === 'channel' && row.key) return t(`common:channel.${row.key}`, { defaultValue: row.label || row.key });
    return row.label || t('none');
  };
  const table = useMemo<ReportTable | null>(() => data && ({
    title: t('tab.refunds'),
    columns: [
      { title: t(`refunds.row.${data.groupBy}`) }, { title: t('refunds.paidCount') }, { title: t('refunds.paid'), kind: 'amount', currency: data.currency },
      { title: t('refunds.pendingCount') }, { title: t('refunds.pending'), kind: 'amount', currency: data.currency }, { title: t('refunds.refundRate') },
    ],
    rows: [
      ...data.rows.map((r) => [groupLabel(r, data.groupBy), r.paidCount, r.paid, r.pendingCount, r.pending, r.refundRate]),
      [t('total'), data.totals.paidCount, data.totals.paid, data.totals.pendingCount, data.totals.pending, data.totals.refundRate],
    ],
  }), [data, t, i18n.language]);
  return (
    <>
      <Toolbar actions={<ReportActions table={table} source={{ kind: 'refunds', query }} onRefresh={loaded.reload} loading={loaded.loading} />}>
        <Form.Item label={t('field.range')}><RangeField value={view.range} today={today} onChange={(range) => onChange({ ...view, range })} /></Form.Item>
        <Form.Item label={t('field.currency')}><CurrencySelect value={view.params.currency} onChange={(currency) => set({ currency })} /></Form.Item>
        <Form.Item label={t('refunds.groupBy')}>
          <Select aria-label={t('refunds.groupBy')} value={view.params.groupBy ?? 'reason'} onChange={(groupBy) => set({ groupBy })} style={{ width: 120 }}
            options={refundGroupings.map((g) => ({ value: g, label: t(`refunds.group.${g}`) }))} />
        </Form.Item>
      </Toolbar>
      <ReportFrame testId="report-refunds" loading={loaded.loading} error={loaded.error} hasData={data !== null} empty={(data?.rows.length ?? 0) === 0} onRetry={loaded.reload}>
        {data && table && (
          <RefundsResultView result={data} table={table} label={(r) => groupLabel(r, data.groupBy)} percent={numbers.percent} />
        )}
      </ReportFrame>
    </>
  );
}

function RefundsResultView({ result, table, label, percent }: { result: RefundsResult; table: ReportTable; label: (row: RefundRow) => string; percent: (ratio: string | null) => string }) {
  const { t, i18n } = useTranslation('reports');
  const money = (amount: string) => formatMoney(amount, result.currency, i18n.language);
  const option = useMemo(() => ({
    animationDuration: 300,
    color: seriesColors,
    legend: { type: 'scroll', bottom: 0 },
    tooltip: { trigger: 'item', formatter: (item: { dataIndex: number; percent: number }) => { const r = result.rows[item.dataIndex]!; return `${label(r)}<br/>${t('refunds.paid')}: ${money(r.paid)} (${item.percent}%)<br/>${t('refunds.paidCount')}: ${r.paidCount}`; } },
    series: [{ type: 'pie', radius: ['35%', '65%'], name: t('refunds.chart'), data: result.rows.map((r) => ({ name: label(r), value: Math.max(0, plotted(r.paid)) })) }],
  }), [result, label, i18n.language, t]);
  const a11y = chartTableOf(table, (cell, column) => (column.kind === 'amount' && typeof cell === 'string' ? money(cell) : String(cell ?? '—')));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={9}><Card size="small" title={t('refunds.chart')}><EChart testId="refunds-chart" option={option} label={t('refunds.chart')} table={a11y} height={320} /></Card></Col>
      <Col xs={24} xl={15}>
        <Table<RefundRow>
          size="small" sticky bordered rowKey={(r) => r.key ?? ''} dataSource={result.rows} pagination={false} scroll={{ x: 'max-content' }} data-testid="refunds-table"
          columns={[
            { key: 'label', title: t(`refunds.row.${result.groupBy}`), render: (_, r) => (result.groupBy === 'customer' && r.key ? <Link to={`/customers/${r.key}`}>{label(r)}</Link> : label(r)) },
            { key: 'paidCount', title: t('refunds.paidCount'), align: 'right', sorter: (a, b) => a.paidCount - b.paidCount, render: (_, r) => r.paidCount },
            { key: 'paid', title: t('refunds.paid'), align: 'right', defaultSortOrder: 'descend', sorter: (a, b) => plotted(a.paid) - plotted(b.paid), render: (_, r) => <span style={amountStyle}>{money(r.paid)}</span> },
            { key: 'pendingCount', title: t('refunds.pendingCount'), align: 'right', render: (_, r) => r.pendingCount },
            { key: 'pending', title: t('refunds.pending'), align: 'right', render: (_, r) => <span style={amountStyle}>{money(r.pending)}</span> },
            { key: 'refundRate', title: t('refunds.refundRate'), align: 'right', render: (_, r) => percent(r.refundRate) },
          ]}
          summary={() => (
            <Table.Summary>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}><strong>{t('total')}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right"><strong>{result.totals.paidCount}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right"><strong style={amountStyle}>{money(result.totals.paid)}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right"><strong>{result.totals.pendingCount}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right"><strong style={amountStyle}>{money(result.totals.pending)}</strong></Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right"><strong>{percent(result.totals.refundRate)}</strong></Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      </Col>
    </Row>
  );
}

// ---------------------------------------------------------------- unallocated

type UnallocatedRow = UnallocatedResult['rows'][number];

/** 未分配: confirmed receipts whose money sits in advances, oldest first, with links to the receipt and customer. */
export function UnallocatedTab({ view, onChange }: { view: ViewOf<'unallocated'>; onChange: (view: ViewOf<'unallocated'>) => void }) {
  const { t } = useTranslation('reports');
  const loaded = useReport((signal) => reportsApi.unallocated(view.params, signal), JSON.stringify(view.params));
  const data = loaded.data;
  const set = (params: Partial<ViewOf<'unallocated'>['params']>) => onChange({ ...view, params: { ...view.params, ...params } });
  const [minAge, setMinAge] = useState<number | null>(view.params.minAgeDays ?? null);
  const table = useMemo<ReportTable | null>(() => data && ({
    title: t('tab.unallocated'),
    columns: [
      { title: t('unallocated.receipt') }, { title: t('unallocated.customer') }, { title: t('unallocated.receivedOn'), kind: 'date' }, { title: t('unallocated.ageDays') },
      { title: t('field.currency') }, { title: t('unallocated.amount') }, { title: t('unallocated.unallocated') },
      { title: t('unallocated.unallocatedBase', { currency: data.currency }), kind: 'amount', currency: data.currency },
    ],
    rows: data.rows.map((r) => [r.receiptNumber, r.customerName, r.receivedOn, r.ageDays, r.receiptCurrency, r.amount, r.unallocated, r.unallocatedBase]),
  }), [data, t]);
  return (
    <>
      <Toolbar actions={<ReportActions table={table} source={{ kind: 'unallocated', query: view.params }} onRefresh={loaded.reload} loading={loaded.loading} />}>
        <Form.Item label={t('field.currency')}><CurrencySelect value={view.params.currency} onChange={(currency) => set({ currency })} /></Form.Item>
        <Form.Item label={t('unallocated.minAgeDays')}>
          <InputNumber aria-label={t('unallocated.minAgeDays')} min={0} max={3650} precision={0} value={minAge} onChange={setMinAge} style={{ width: 110 }}
            onBlur={() => set({ minAgeDays: minAge || undefined })} onPressEnter={() => set({ minAgeDays: minAge || undefined })} />
        </Form.Item>
        <Form.Item label={t('unallocated.customerFilter')}>
          <CustomerSelect allowClear aria-label={t('unallocated.customerFilter')} value={view.params.customerId} onChange={(customerId) => set({ customerId })} />
        </Form.Item>
      </Toolbar>
      <ReportFrame testId="report-unallocated" loading={loaded.loading} error={loaded.error} hasData={data !== null} empty={(data?.rows.length ?? 0) === 0} onRetry={loaded.reload}>
        {data && <UnallocatedResultView result={data} />}
      </ReportFrame>
    </>
  );
}

function UnallocatedResultView({ result }: { result: UnallocatedResult }) {
  const { t, i18n } = useTranslation('reports');
  const money = (amount: string, currency: string) => formatMoney(amount, currency, i18n.language);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        {t('asOf', { date: result.asOf })} · {t('unallocated.count', { count: result.totals.count })} · <strong style={amountStyle}>{money(result.totals.unallocatedBase, result.currency)}</strong>
      </Typography.Text>
      {result.truncated && <Alert type="warning" showIcon title={t('unallocated.truncated', { shown: result.rows.length, count: result.totals.count })} />}
      <Table<UnallocatedRow>
        size="small" sticky bordered rowKey="receiptId" dataSource={result.rows} scroll={{ x: 'max-content' }} data-testid="unallocated-table"
        pagination={result.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        columns={[
          { key: 'receipt', title: t('unallocated.receipt'), render: (_, r) => <Link to={`/receipts/${r.receiptId}`}>{r.receiptNumber}</Link> },
          { key: 'customer', title: t('unallocated.customer'), render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link> },
          { key: 'receivedOn', title: t('unallocated.receivedOn'), dataIndex: 'receivedOn', sorter: (a, b) => a.receivedOn.localeCompare(b.receivedOn) },
          { key: 'ageDays', title: t('unallocated.ageDays'), align: 'right', dataIndex: 'ageDays', sorter: (a, b) => a.ageDays - b.ageDays, defaultSortOrder: 'descend' },
          { key: 'amount', title: t('unallocated.amount'), align: 'right', render: (_, r) => <span style={amountStyle}>{money(r.amount, r.receiptCurrency)}</span> },
          { key: 'unallocated', title: t('unallocated.unallocated'), align: 'right', render: (_, r) => <span style={amountStyle}>{money(r.unallocated, r.receiptCurrency)}</span> },
          { key: 'base', title: t('unallocated.unallocatedBase', { currency: result.currency }), align: 'right', sorter: (a, b) => plotted(a.unallocatedBase) - plotted(b.unallocatedBase), render: (_, r) => <span style={amountStyle}>{money(r.unallocatedBase, result.currency)}</span> },
        ]}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={6}><strong>{t('total')}</strong> · {t('unallocated.count', { count: result.totals.count })}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right"><strong style={amountStyle}>{money(result.totals.unallocatedBase, result.currency)}</strong></Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Space>
  );
}

// ---------------------------------------------------------------- reconciliation

type StatementRow = ReconciliationResult['statements'][number];

/** 对账状态: each bank statement's lines by match status, and the bank receipts no statement line matches. */
export function ReconciliationTab({ view, today, onChange }: { view: ViewOf<'reconciliation'>; today: string; onChange: (view: ViewOf<'reconciliation'>) => void }) {
  const { t, i18n } = useTranslation('reports');
  const query = queryOf(view, today);
  const loaded = useReport((signal) => reportsApi.reconciliation(query, signal), JSON.stringify(query), ['statement', 'receipt']);
  const data = loaded.data;
  const balanced = (b: boolean | null) => (b === null ? t('reconciliation.balancedUnknown') : b ? t('reconciliation.balancedYes') : t('reconciliation.balancedNo'));
  const table = useMemo<ReportTable | null>(() => data && ({
    title: t('tab.reconciliation'),
    columns: [
      { title: t('reconciliation.account') }, { title: t('reconciliation.currency') }, { title: `${t('reconciliation.period')} · ${t('field.from')}`, kind: 'date' }, { title: `${t('reconciliation.period')} · ${t('field.to')}`, kind: 'date' },
      { title: t('reconciliation.importedAt') }, { title: t('reconciliation.lines') }, { title: t('reconciliation.matched') }, { title: t('reconciliation.ignored') },
      { title: t('reconciliation.unmatched') }, { title: t('reconciliation.unmatchedAmount') }, { title: t('reconciliation.balanced') },
    ],
    rows: data.statements.map((s) => [s.account, s.currency, s.periodFrom, s.periodTo, s.importedAt, s.lines, s.matched, s.ignored, s.unmatched, s.unmatchedAmount, balanced(s.balanced)]),
  }), [data, t, i18n.language]);
  return (
    <>
      <Toolbar actions={<ReportActions table={table} source={{ kind: 'reconciliation', query }} onRefresh={loaded.reload} loading={loaded.loading} />}>
        <Form.Item label={t('field.range')}><RangeField value={view.range} today={today} onChange={(range) => onChange({ ...view, range })} /></Form.Item>
      </Toolbar>
      <ReportFrame testId="report-reconciliation" loading={loaded.loading} error={loaded.error} hasData={data !== null} empty={(data?.statements.length ?? 0) === 0 && (data?.receiptsWithoutLine.count ?? 0) === 0} onRetry={loaded.reload}>
        {data && <ReconciliationResultView result={data} balanced={balanced} />}
      </ReportFrame>
    </>
  );
}

function ReconciliationResultView({ result, balanced }: { result: ReconciliationResult; balanced: (b: boolean | null) => string }) {
  const { t, i18n } = useTranslation('reports');
  const instant = useInstant();
  const { tenant } = useSession();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {result.receiptsWithoutLine.count > 0 && (
        <Alert type="warning" showIcon title={t('reconciliation.receiptsWithoutLine', { count: result.receiptsWithoutLine.count, amount: formatMoney(result.receiptsWithoutLine.amountBase, tenant.baseCurrency, i18n.language) })} />
      )}
      <Table<StatementRow>
        size="small" sticky bordered rowKey="statementId" dataSource={result.statements} pagination={false} scroll={{ x: 'max-content' }} data-testid="reconciliation-table"
        columns={[
          { key: 'account', title: t('reconciliation.statement'), render: (_, s) => <Link to={`/reconciliation/${s.statementId}`}>{s.account}</Link> },
          { key: 'currency', title: t('reconciliation.currency'), dataIndex: 'currency' },
          { key: 'period', title: t('reconciliation.period'), render: (_, s) => (s.periodFrom || s.periodTo ? `${s.periodFrom ?? '…'} – ${s.periodTo ?? '…'}` : '—') },
          { key: 'importedAt', title: t('reconciliation.importedAt'), render: (_, s) => instant(s.importedAt) },
          { key: 'lines', title: t('reconciliation.lines'), align: 'right', dataIndex: 'lines' },
          { key: 'matched', title: t('reconciliation.matched'), align: 'right', dataIndex: 'matched' },
          { key: 'ignored', title: t('reconciliation.ignored'), align: 'right', dataIndex: 'ignored' },
          { key: 'unmatched', title: t('reconciliation.unmatched'), align: 'right', sorter: (a, b) => a.unmatched - b.unmatched, render: (_, s) => (s.unmatched > 0 ? <Tag color="orange">{s.unmatched}</Tag> : 0) },
          { key: 'unmatchedAmount', title: t('reconciliation.unmatchedAmount'), align: 'right', render: (_, s) => <span style={amountStyle}>{formatMoney(s.unmatchedAmount, s.currency, i18n.language)}</span> },
          { key: 'balanced', title: t('reconciliation.balanced'), render: (_, s) => <Tag color={s.balanced === null ? 'default' : s.balanced ? 'green' : 'red'}>{balanced(s.balanced)}</Tag> },
        ]}
        summary={() => (
          <Table.Summary>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}><strong>{t('total')}</strong> · {result.totals.statements}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right"><strong>{result.totals.lines}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right"><strong>{result.totals.matched}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right"><strong>{result.totals.ignored}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right"><strong>{result.totals.unmatched}</strong></Table.Summary.Cell>
              <Table.Summary.Cell index={8} colSpan={2} />
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Space>
  );
}

import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Select, Skeleton, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, fetchFile } from '../../api/client';
import { describeError } from '../../shared/errors';
import { download } from '../../shared/export';
import type { CustomerStatement, StatementMovement } from '../../api/customers';
import type { Customer } from '../../api/types';
import { useSession } from '../../auth/session';
import { isZeroAmount, Money } from '../../shared/money';
import { useLoad } from '../../shared/useLoad';

/** What the page shows when printed: the statement alone, without the menu, header, tabs or buttons. */
const printCss = `
@media print {
  .ant-layout-sider, .ant-layout-header, .kx-no-print, .ant-tabs-nav { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
  .kx-statement { font-size: 12px; }
  .kx-statement .ant-table { font-size: 12px; }
}`;

function linkOf(m: StatementMovement): string | null {
  if (!m.sourceId) return null;
  if (m.sourceType === 'order') return `/orders/${m.sourceId}`;
  if (m.sourceType === 'receipt') return `/receipts/${m.sourceId}`;
  return null;
}

/**
 * 对账单: opening balance, the movements of a period in one currency with a running balance, closing balance —
 * all as the server computes them from the journal. Printable (window.print, with a print stylesheet).
 */
export function StatementTab({ customer }: { customer: Customer }) {
  const { t, i18n } = useTranslation('customers');
  const { tenant } = useSession();
  const [pdfLoading, setPdfLoading] = useState(false);
  const { message } = App.useApp();
  const [currency, setCurrency] = useState<string>(() => customer.figures[0]?.currency ?? tenant.baseCurrency);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const { data, loading, error, reload } = useLoad(
    (signal) => api.get<CustomerStatement>(`/customers/${customer.id}/statement`, { currency, from, to }, signal),
    [customer.id, currency, from, to],
  );
  const currencies = [...new Set([...(data?.currencies ?? []), ...customer.figures.map((f) => f.currency), tenant.baseCurrency, currency])].sort();
  // The server's PDF: every currency of the customer for the same period, with the tenant's name, audited.
  const downloadPdf = async () => {
    setPdfLoading(true);
    try {
      const { blob, filename } = await fetchFile(`/customers/${customer.id}/statement.pdf`, { from: data?.from, to: data?.to, lang: i18n.language.startsWith('zh') ? 'zh' : 'en' });
      download(blob, filename);
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setPdfLoading(false);
    }
  };
  const money = (amount: string, strong = false) => <Money amount={amount} currency={data?.currency ?? currency} strong={strong} />;

  return (
    <div className="kx-statement">
      <style>{printCss}</style>
      <Space wrap className="kx-no-print" style={{ marginBottom: 16 }}>
        <Select aria-label={t('common:field.currency')} value={currency} onChange={setCurrency} options={currencies.map((c) => ({ value: c, label: c }))} style={{ width: 100 }} />
        <DatePicker.RangePicker
          aria-label={t('statement.period')}
          value={range ?? (data ? [dayjs(data.from), dayjs(data.to)] : null)}
          onChange={(next) => {
            if (!next || !next[0] || !next[1]) return setRange(null);
            // The server answers at most 366 days at a time (a bounded statement).
            if (next[1].diff(next[0], 'day') + 1 > 366) return void message.warning(t('statement.tooLong'));
            setRange([next[0], next[1]]);
          }}
          allowClear={false}
          presets={[
            { label: t('statement.thisMonth'), value: [dayjs().startOf('month'), dayjs().endOf('month')] },
            { label: t('statement.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
            { label: t('statement.thisYear'), value: [dayjs().startOf('year'), dayjs().endOf('year')] },
          ]}
        />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data} data-testid="statement-print">
          {t('statement.print')}
        </Button>
        <Button icon={<FilePdfOutlined />} onClick={() => void downloadPdf()} disabled={!data} loading={pdfLoading} data-testid="statement-pdf">
          {t('statement.pdf')}
        </Button>
      </Space>
      {error && (
        <Alert type="error" showIcon title={error} action={<Button size="small" onClick={reload}>{t('common:action.retry')}</Button>} style={{ marginBottom: 16 }} />
      )}
      {loading && !data ? (
        <Skeleton active />
      ) : data ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('statement.heading', { name: data.customer.name, code: data.customer.code, currency: data.currency, from: data.from, to: data.to })}
          </Typography.Title>
          {data.truncated && <Alert type="warning" showIcon title={t('statement.truncated', { shown: data.movements.length, count: data.movementCount })} style={{ marginBottom: 12 }} />}
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} bordered style={{ marginBottom: 16 }} data-testid="statement-summary">
            <Descriptions.Item label={t('statement.opening')}>{money(data.openingBalance)}</Descriptions.Item>
            <Descriptions.Item label={t('statement.debit')}>{money(data.totals.debit)}</Descriptions.Item>
            <Descriptions.Item label={t('statement.credit')}>{money(data.totals.credit)}</Descriptions.Item>
            <Descriptions.Item label={t('statement.closing')}>{money(data.closingBalance, true)}</Descriptions.Item>
          </Descriptions>
          <Table<StatementMovement>
            size="small"
            rowKey="entryId"
            loading={loading}
            pagination={false}
            dataSource={data.movements}
            locale={{ emptyText: t('statement.empty') }}
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'date', title: t('common:field.date'), dataIndex: 'date' },
              { key: 'kind', title: t('statement.kind'), render: (_, m) => t(`statement.kinds.${m.kind}`) },
              {
                key: 'reference',
                title: t('statement.reference'),
                render: (_, m) => {
                  const href = linkOf(m);
                  return href ? <Link to={href}>{m.reference}</Link> : (m.reference ?? '—');
                },
              },
              { key: 'debit', title: t('statement.debit'), align: 'right', render: (_, m) => (isZeroAmount(m.debit) ? '' : money(m.debit)) },
              { key: 'credit', title: t('statement.credit'), align: 'right', render: (_, m) => (isZeroAmount(m.credit) ? '' : money(m.credit)) },
              { key: 'balance', title: t('statement.balance'), align: 'right', render: (_, m) => money(m.balance) },
            ]}
            summary={() => (
              <>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}><Typography.Text strong>{t('statement.totals')}</Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{money(data.totals.debit, true)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{money(data.totals.credit, true)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{money(data.closingBalance, true)}</Table.Summary.Cell>
                </Table.Summary.Row>
              </>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('statement.note')}</Typography.Paragraph>
        </>
      ) : null}
    </div>
  );
}

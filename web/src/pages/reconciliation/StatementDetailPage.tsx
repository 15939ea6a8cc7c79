import { ArrowLeftOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, InputNumber, Result, Row, Segmented, Skeleton, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api, type Page } from '../../api/client';
import { lineStatuses, statementsApi, type LineStatus, type StatementLine } from '../../api/statements';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { describeError } from '../../shared/errors';
import { Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';
import { useLoad } from '../../shared/useLoad';
import { useInstant } from '../settings/common';
import { CandidatesPanel } from './CandidatesPanel';
import { StatementWarnings } from './Warnings';

/** Counting what a bulk accept would take stops here (pages of 200): the confirmation then says "at least". */
const countLinesMax = 20_000;

/** Suggested lines scoring at least `minScore`, counted page by page up to a bound. */
async function countAbove(statementId: string, minScore: number): Promise<{ count: number; capped: boolean }> {
  let count = 0;
  let seen = 0;
  let cursor: string | null = null;
  do {
    const page: Page<StatementLine> = await api.get<Page<StatementLine>>(`/statements/${statementId}/lines`, { status: 'suggested', limit: 200, cursor: cursor ?? undefined });
    seen += page.items.length;
    count += page.items.filter((l) => (l.bestScore ?? 0) >= minScore).length;
    cursor = page.nextCursor;
  } while (cursor && seen < countLinesMax);
  return { count, capped: cursor !== null };
}

/** One statement: its figures and warnings, its lines beside the candidates of the line chosen, bulk accept. */
export default function StatementDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('reconciliation');
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const instant = useInstant();
  const statement = useLoad((signal) => statementsApi.get(id, signal), [id]);
  const [status, setStatus] = useState<LineStatus | 'all'>('all');
  const [selected, setSelected] = useState<StatementLine | null>(null);
  const [reload, setReload] = useState(0);
  const [minScore, setMinScore] = useState(90);
  const [bulkBusy, setBulkBusy] = useState(false);
  // One key per bulk run the user confirms (a double click on OK accepts once).
  const [bulkKey, setBulkKey] = useState(() => crypto.randomUUID());

  const changed = (line?: StatementLine) => {
    if (line) setSelected(line);
    setReload((n) => n + 1);
    statement.reload();
  };

  const columns = useMemo<DataColumn<StatementLine>[]>(
    () => [
      { key: 'position', title: t('field.position'), dataIndex: 'position', align: 'right', exportValue: (l) => l.position },
      { key: 'bookingDate', title: t('field.bookingDate'), dataIndex: 'bookingDate', exportValue: (l) => l.bookingDate },
      { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, l) => <Money amount={l.amount} currency={l.currency} strong />, exportValue: (l) => l.amount, exportKind: 'amount' },
      { key: 'payer', title: t('field.payer'), dataIndex: 'counterpartyName', exportValue: (l) => l.counterpartyName },
      { key: 'payerAccount', title: t('field.payerAccount'), dataIndex: 'counterpartyAccount', exportValue: (l) => l.counterpartyAccount, defaultHidden: true },
      { key: 'reference', title: t('field.reference'), render: (_, l) => l.endToEndRef || l.bankRef, exportValue: (l) => l.endToEndRef || l.bankRef },
      { key: 'description', title: t('field.description'), dataIndex: 'description', ellipsis: true, width: 200, exportValue: (l) => l.description },
      { key: 'status', title: t('common:field.status'), render: (_, l) => <StatusTag kind="statementLine" status={l.status} />, exportValue: (l) => t(`common:status.statementLine.${l.status}`) },
      { key: 'score', title: t('field.score'), align: 'right', render: (_, l) => l.bestScore ?? '—', exportValue: (l) => l.bestScore },
      {
        key: 'open',
        title: t('line.candidates'),
        render: (_, l) => (
          <Button size="small" type={selected?.id === l.id ? 'primary' : 'default'} aria-label={t('line.candidatesFor', { position: l.position })} data-testid={`line-${l.position}`}
            onClick={(event) => { event.stopPropagation(); setSelected(l); }}>
            {t('line.candidates')}
          </Button>
        ),
      },
    ],
    [t, selected?.id],
  );

  const bulkAccept = async () => {
    setBulkBusy(true);
    let counted: { count: number; capped: boolean };
    try {
      counted = await countAbove(id, minScore);
    } catch (error) {
      setBulkBusy(false);
      message.error(describeError(t, error));
      return;
    }
    setBulkBusy(false);
    if (counted.count === 0) {
      message.info(t('bulk.none', { score: minScore }));
      return;
    }
    modal.confirm({
      title: t('bulk.accept', { score: minScore }),
      content: <span data-testid="bulk-accept-count">{t(counted.capped ? 'bulk.askCapped' : 'bulk.ask', { count: counted.count, score: minScore })}</span>,
      okText: t('candidates.accept'),
      cancelText: t('common:action.cancel'),
      onOk: async () => {
        try {
          const result = await statementsApi.acceptAbove(id, minScore, bulkKey);
          message.success(t('bulk.done', { accepted: result.accepted, skipped: result.skipped.length }));
          if (result.skipped.length > 0) {
            modal.info({
              title: t('bulk.done', { accepted: result.accepted, skipped: result.skipped.length }),
              content: <ul>{result.skipped.map((l) => <li key={l.lineId}>{t('bulk.skippedLine', l)}</li>)}</ul>,
            });
          }
          setBulkKey(crypto.randomUUID());
          changed();
        } catch (error) {
          message.error(describeError(t, error));
        }
      },
    });
  };

  const rematch = async () => {
    try {
      message.success(t('rematched', await statementsApi.rematch(id)));
      changed();
    } catch (error) {
      message.error(describeError(t, error));
    }
  };

  if (statement.error && !statement.data) return <Result status="warning" title={statement.error} extra={<Button onClick={() => navigate('/reconciliation')}>{t('common:action.back')}</Button>} />;
  const s = statement.data;
  if (!s) return <Card><Skeleton active /></Card>;
  const total = lineStatuses.reduce((sum, st) => sum + s.counts[st], 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="statement-detail">
      <Card
        title={
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common:action.back')} onClick={() => navigate('/reconciliation')} />
            <Typography.Title level={4} style={{ margin: 0 }}>{t('detailTitle', { number: s.number })}</Typography.Title>
          </Space>
        }
        extra={<Button onClick={() => void rematch()} data-testid="statement-rematch">{t('rematch')}</Button>}
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, lg: 4 }}
          items={[
            { key: 'account', label: t('field.account'), children: s.accountId || '—' },
            { key: 'format', label: t('field.format'), children: t(`format.${s.format}`, { defaultValue: s.format }) },
            { key: 'period', label: t('field.period'), children: s.fromDate ? `${s.fromDate} – ${s.toDate ?? ''}` : '—' },
            { key: 'filename', label: t('field.filename'), children: s.filename || '—' },
            { key: 'opening', label: t('field.opening'), children: <Money amount={s.openingBalance} currency={s.currency} /> },
            { key: 'closing', label: t('field.closing'), children: <Money amount={s.closingBalance} currency={s.currency} /> },
            { key: 'lines', label: t('field.lines'), children: t('result.summary', { lines: s.lineCount, fresh: s.newLines, duplicates: s.duplicateLines }) },
            { key: 'importedAt', label: t('field.importedAt'), children: instant(s.importedAt) },
          ]}
        />
        <div style={{ marginTop: 12 }}>
          <StatementWarnings warnings={s.warnings} />
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
              <Segmented<LineStatus | 'all'>
                aria-label={t('line.filter')}
                value={status}
                onChange={setStatus}
                data-testid="line-status-filter"
                options={[
                  { value: 'all', label: `${t('line.all')} ${total}` },
                  ...lineStatuses.map((st) => ({ value: st, label: `${t(`common:status.statementLine.${st}`)} ${s.counts[st]}` })),
                ]}
              />
              <Space.Compact>
                <InputNumber min={1} max={100} precision={0} value={minScore} onChange={(v) => setMinScore(v ?? 90)} aria-label={t('bulk.minScore')} style={{ width: 80 }} data-testid="bulk-min-score" />
                <Button icon={<CheckOutlined />} loading={bulkBusy} disabled={s.counts.suggested === 0} onClick={() => void bulkAccept()} data-testid="bulk-accept">
                  {bulkBusy ? t('bulk.counting') : t('bulk.accept', { score: minScore })}
                </Button>
              </Space.Compact>
            </Space>
            <DataTable<StatementLine>
              id="statement-lines"
              path={`/statements/${id}/lines`}
              query={{ status: status === 'all' ? undefined : status }}
              columns={columns}
              rowKey="id"
              exportName={`statement-${s.number}`}
              reloadToken={reload}
              onRow={(l) => ({ onClick: () => setSelected(l), style: { cursor: 'pointer', background: selected?.id === l.id ? '#e6f4ff' : undefined } })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          {selected ? <CandidatesPanel key={selected.id} line={selected} onChanged={changed} /> : <Card size="small"><Typography.Text type="secondary">{t('line.selectHint')}</Typography.Text></Card>}
        </Col>
      </Row>
    </Space>
  );
}

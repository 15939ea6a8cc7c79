import { Alert, App, Button, Card, Empty, List, Progress, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { statementsApi, type Candidate, type StatementLine } from '../../api/statements';
import { describeError } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/idempotency';
import { Money } from '../../shared/money';
import { ReasonModal } from '../../shared/ReasonModal';
import { StatusTag } from '../../shared/StatusTag';
import { useLoad } from '../../shared/useLoad';

/** Red below 50, orange below 80, green from 80: how sure the matcher is, at a glance. */
function scoreColor(score: number): string {
  return score >= 80 ? '#237804' : score >= 50 ? '#ad6800' : '#cf1322';
}

/**
 * The candidates for one statement line, best first: the score as a bar, each signal behind it in words, the
 * receipts or instalments it would settle with their numbers and amounts; accept one, ignore the line, or undo
 * a match.
 */
export function CandidatesPanel({ line, onChanged }: { line: StatementLine; onChanged: (line: StatementLine) => void }) {
  const { t } = useTranslation('reconciliation');
  const { message } = App.useApp();
  const moneyIn = !line.amount.startsWith('-');
  const open = line.status === 'unmatched' || line.status === 'suggested';
  const candidates = useLoad((signal) => (moneyIn && open ? statementsApi.candidates(line.id, signal) : Promise.resolve({ items: [] as Candidate[] })), [line.id, line.status]);
  const keyFor = useIdempotencyKey();
  const [accepting, setAccepting] = useState<number | null>(null);
  const [asking, setAsking] = useState<'ignore' | 'unmatch' | null>(null);

  const accept = async (candidate: Candidate, index: number) => {
    const body = { customerId: candidate.customerId, items: candidate.items.map((i) => ({ kind: i.kind, id: i.id, amount: i.amount })) };
    setAccepting(index);
    try {
      const next = await statementsApi.match(line.id, body, keyFor({ line: line.id, ...body }));
      message.success(t('candidates.accepted', { customer: candidate.customerName }));
      onChanged(next);
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setAccepting(null);
    }
  };

  const header = (
    <Space wrap>
      <span>{t('candidates.title', { position: line.position })}</span>
      <StatusTag kind="statementLine" status={line.status} />
      <Money amount={line.amount} currency={line.currency} strong />
    </Space>
  );

  return (
    <Card size="small" title={header} data-testid="candidates"
      extra={
        <Space>
          {open && <Button size="small" onClick={() => setAsking('ignore')} data-testid="line-ignore">{t('candidates.ignore')}</Button>}
          {(line.status === 'matched' || line.status === 'ignored') && <Button size="small" danger onClick={() => setAsking('unmatch')} data-testid="line-unmatch">{t('candidates.unmatch')}</Button>}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {[line.counterpartyName, line.counterpartyAccount, line.bankRef || line.endToEndRef, line.description].filter(Boolean).join(' · ')}
      </Typography.Paragraph>
      {!moneyIn && <Alert type="info" showIcon title={t('line.moneyOut')} />}
      {line.statusReason && <Alert type="info" showIcon title={`${t('common:field.reason')}: ${line.statusReason}`} style={{ marginBottom: 8 }} />}
      {line.status === 'matched' && (
        <div>
          <Typography.Text strong>{t('candidates.matchedTo')}: </Typography.Text>
          {line.matchedReceipts.map((r) => (
            <span key={r.id} style={{ marginInlineEnd: 12 }}>
              <Link to={`/receipts/${r.id}`} data-testid="matched-receipt">{r.number}</Link> <Money amount={r.amount} currency={line.currency} />
            </span>
          ))}
          {line.customerId && <Link to={`/customers/${line.customerId}`}>{t('common:field.customer')}</Link>}
        </div>
      )}
      {candidates.error && <Alert type="error" showIcon title={candidates.error} />}
      {moneyIn && open && candidates.loading && <Skeleton active />}
      {moneyIn && open && !candidates.loading && candidates.data?.items.length === 0 && <Empty description={t('candidates.none')} />}
      {moneyIn && open && !candidates.loading && (candidates.data?.items.length ?? 0) > 0 && (
        <List
          dataSource={candidates.data!.items}
          renderItem={(c, index) => (
            <List.Item key={`${c.customerId}-${index}`} data-testid="candidate" style={{ display: 'block' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 12 }}>
                <Link to={`/customers/${c.customerId}`} style={{ fontWeight: 600 }}>{c.customerName}</Link>
                <Button type="primary" size="small" loading={accepting === index} disabled={accepting !== null} onClick={() => void accept(c, index)} data-testid={`candidate-accept-${index}`}>
                  {t('candidates.accept')}
                </Button>
              </div>
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Progress percent={c.score} strokeColor={scoreColor(c.score)} showInfo={false} size="small" style={{ flex: 1, margin: 0 }} aria-label={t('candidates.score', { score: c.score })} />
                <Typography.Text style={{ color: scoreColor(c.score), whiteSpace: 'nowrap' }} data-testid="candidate-score">{t('candidates.score', { score: c.score })}</Typography.Text>
              </div>
              <Typography.Text type="secondary">{t('candidates.signals')}:</Typography.Text>
              <ul style={{ margin: '4px 0 8px', paddingInlineStart: 20 }}>
                {c.signals.map((s, i) => (
                  <li key={`${s.kind}-${i}`}>
                    <Tag>{t(`signal.${s.kind}`, { defaultValue: s.kind })}</Tag>
                    <span style={{ color: '#237804', marginInlineEnd: 6 }}>{t('candidates.weight', { weight: s.weight })}</span>
                    {s.detail}
                  </li>
                ))}
              </ul>
              <Table
                size="small"
                pagination={false}
                rowKey={(i) => `${i.kind}-${i.id}`}
                dataSource={c.items}
                aria-label={t('candidates.items')}
                columns={[
                  { key: 'kind', title: t('candidates.items'), render: (_, i) => t(`candidates.kind.${i.kind}`) },
                  { key: 'number', title: t('field.number'), render: (_, i) => (i.kind === 'receipt' ? <Link to={`/receipts/${i.id}`}>{i.number}</Link> : i.number) },
                  { key: 'dueDate', title: t('candidates.dueDate'), render: (_, i) => i.dueDate ?? '—' },
                  { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, i) => <Money amount={i.amount} currency={i.currency} /> },
                ]}
              />
            </List.Item>
          )}
        />
      )}
      <ReasonModal
        open={asking !== null}
        title={t(asking === 'unmatch' ? 'candidates.unmatchTitle' : 'candidates.ignoreTitle', { position: line.position })}
        okText={t(asking === 'unmatch' ? 'candidates.unmatch' : 'candidates.ignore')}
        danger={asking === 'unmatch'}
        onClose={() => setAsking(null)}
        onSubmit={async (reason) => {
          const next = asking === 'unmatch' ? await statementsApi.unmatch(line.id, reason) : await statementsApi.ignore(line.id, reason);
          message.success(t(asking === 'unmatch' ? 'candidates.unmatched' : 'candidates.ignored'));
          onChanged(next);
        }}
      />
    </Card>
  );
}

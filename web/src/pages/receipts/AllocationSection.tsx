import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatAmount } from '../../../../src/core/money/index.js';
import { applyOldestFirst } from '../../../../src/core/receivables/allocation.js';
import type { OrderInstalment, OrderWithPlan } from '../../api/receipts';
import { AmountInput } from '../../shared/AmountInput';
import { minorOf, Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';

/** One open instalment the receipt can pay, with the order it belongs to. */
export interface OpenInstalment extends OrderInstalment {
  orderId: string;
  orderNumber: string;
  orderTitle: string;
}

/** Allocations being typed: instalment id → decimal string in the receipt's (= the order's) currency. */
export type AllocationDraft = Record<string, string>;

export function openInstalments(orders: OrderWithPlan[], currency: string): OpenInstalment[] {
  return orders
    .flatMap((o) => o.plan.filter((i) => i.voidedAt === null && (minorOf(i.outstanding, currency) ?? 0n) > 0n).map((i) => ({ ...i, orderId: o.id, orderNumber: o.number, orderTitle: o.title })))
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1));
}

/** The sums the form shows and checks: allocated, what remains (→ advance), and per-row problems. */
export function allocationTotals(rows: OpenInstalment[], draft: AllocationDraft, amount: string | undefined, currency: string) {
  let allocatedMinor = 0n;
  const rowErrors: Record<string, 'invalid' | 'exceeds'> = {};
  for (const row of rows) {
    const text = draft[row.id];
    if (!text) continue;
    const minor = minorOf(text, currency);
    if (minor === null) {
      rowErrors[row.id] = 'invalid';
      continue;
    }
    if (minor > (minorOf(row.outstanding, currency) ?? 0n)) rowErrors[row.id] = 'exceeds';
    allocatedMinor += minor;
  }
  const amountMinor = minorOf(amount, currency) ?? 0n;
  return { allocatedMinor, amountMinor, remainingMinor: amountMinor - allocatedMinor, rowErrors };
}

interface Props {
  customerId: string | undefined;
  rows: OpenInstalment[];
  loading: boolean;
  error: string | null;
  onRetry: () => void;
  currency: string;
  amount: string | undefined;
  draft: AllocationDraft;
  onChange: (draft: AllocationDraft) => void;
  /** Problems the server reported, by instalment id, and for the allocations as a whole. */
  serverErrors: Record<string, string>;
  serverError: string | null;
}

/**
 * The customer's open instalments in the receipt's currency, oldest due first: "suggest" fills them the way the
 * server's automatic allocation would (core/receivables applyOldestFirst, in minor units), each row can be
 * changed by hand, and what is not allocated is shown as going to the customer's advance (预收).
 */
export function AllocationSection({ customerId, rows, loading, error, onRetry, currency, amount, draft, onChange, serverErrors, serverError }: Props) {
  const { t } = useTranslation('receipts');
  const { allocatedMinor, amountMinor, remainingMinor, rowErrors } = allocationTotals(rows, draft, amount, currency);

  const suggest = () => {
    const { applied } = applyOldestFirst(
      rows.map((r) => ({ id: r.id, dueDate: r.dueDate, openMinor: minorOf(r.outstanding, currency) ?? 0n })),
      amountMinor,
    );
    onChange(Object.fromEntries(applied.map((a) => [a.id, formatAmount(a.amountMinor, currency)])));
  };

  const rowMessage = (id: string) => serverErrors[id] ?? (rowErrors[id] === 'invalid' ? t('common:error.invalid_amount') : rowErrors[id] === 'exceeds' ? t('common:error.exceeds_outstanding') : undefined);

  if (!customerId) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alloc.pickCustomer')} />;
  if (error) return <Alert type="error" showIcon title={error} action={<Button onClick={onRetry}>{t('common:action.retry')}</Button>} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ThunderboltOutlined />} data-testid="receipt-allocate-suggest" disabled={rows.length === 0 || amountMinor <= 0n} onClick={suggest}>
          {t('alloc.suggest')}
        </Button>
        <Button disabled={Object.keys(draft).length === 0} onClick={() => onChange({})}>
          {t('alloc.clear')}
        </Button>
        <Typography.Text type="secondary">{t('alloc.hint')}</Typography.Text>
      </Space>
      {serverError && <Alert type="error" showIcon title={serverError} />}
      <Table<OpenInstalment>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alloc.none', { currency })} /> }}
        columns={[
          { key: 'order', title: t('alloc.order'), render: (_, r) => <span>{r.orderNumber}{r.orderTitle ? <Typography.Text type="secondary"> · {r.orderTitle}</Typography.Text> : null}</span> },
          { key: 'seq', title: t('alloc.seq'), dataIndex: 'seq', width: 60 },
          { key: 'dueDate', title: t('alloc.dueDate'), dataIndex: 'dueDate' },
          { key: 'status', title: t('common:field.status'), render: (_, r) => <StatusTag kind="instalment" status={r.status} /> },
          { key: 'outstanding', title: t('alloc.outstanding'), align: 'right', render: (_, r) => <Money amount={r.outstanding} currency={currency} /> },
          {
            key: 'amount',
            title: t('alloc.amount'),
            width: 200,
            render: (_, r) => {
              const problem = rowMessage(r.id);
              return (
                <div>
                  <AmountInput
                    aria-label={t('alloc.amountFor', { order: r.orderNumber, seq: r.seq })}
                    currency={currency}
                    value={draft[r.id] ?? ''}
                    onChange={(value) => {
                      const next = { ...draft };
                      if (value === '') delete next[r.id];
                      else next[r.id] = value;
                      onChange(next);
                    }}
                  />
                  {problem && <div role="alert" style={{ color: '#cf1322', fontSize: 12 }}>{problem}</div>}
                </div>
              );
            },
          },
        ]}
      />
      <Descriptions
        size="small"
        column={3}
        bordered
        items={[
          { key: 'amount', label: t('common:field.amount'), children: <Money amount={formatAmount(amountMinor, currency)} currency={currency} /> },
          { key: 'allocated', label: t('alloc.allocated'), children: <Money amount={formatAmount(allocatedMinor, currency)} currency={currency} strong /> },
          {
            key: 'remaining',
            label: t('alloc.remaining'),
            children: (
              <span data-testid="receipt-remaining">
                <Money amount={formatAmount(remainingMinor, currency)} currency={currency} strong />
              </span>
            ),
          },
        ]}
      />
      {remainingMinor < 0n && <Alert type="error" showIcon title={t('alloc.over')} />}
    </Space>
  );
}

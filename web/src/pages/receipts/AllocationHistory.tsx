import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AllocationHistoryItem } from '../../api/receipts';
import { useSession } from '../../auth/session';
import { Money } from '../../shared/money';

// Dark enough for white text to pass WCAG AA contrast (the preset tag colours do not).
const kindColor = { allocate: '#0958d9', deallocate: '#ad4e00', void: '#595959' } as const;

/** Every allocation row of a receipt, signed: allocations, take-backs and the void's reversal, with who and when. */
export function AllocationHistory({ items, loading }: { items: AllocationHistoryItem[]; loading: boolean }) {
  const { t, i18n } = useTranslation('receipts');
  const { tenant } = useSession();
  return (
    <Table<AllocationHistoryItem>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('history.empty') }}
      columns={[
        { key: 'createdAt', title: t('history.when'), render: (_, r) => new Date(r.createdAt).toLocaleString(i18n.language, { timeZone: tenant.timeZone }) },
        { key: 'kind', title: t('history.kind'), render: (_, r) => <Tag color={kindColor[r.kind]}>{t(`history.kinds.${r.kind}`)}</Tag> },
        { key: 'order', title: t('alloc.order'), render: (_, r) => <Link to={`/orders/${r.orderId}`}>{r.orderNumber}</Link> },
        { key: 'instalment', title: t('alloc.seq'), render: (_, r) => (r.instalmentSeq === null ? '—' : `#${r.instalmentSeq} (${r.instalmentDueDate ?? ''})`) },
        { key: 'amount', title: t('common:field.amount'), align: 'right', render: (_, r) => <Money amount={r.amount} currency={r.currency} /> },
        {
          key: 'receiptAmount',
          title: t('history.receiptAmount'),
          align: 'right',
          render: (_, r) => (r.currency === r.receiptCurrency ? '—' : <Money amount={r.receiptAmount} currency={r.receiptCurrency} />),
        },
        { key: 'by', title: t('history.by'), render: (_, r) => r.createdByLogin ?? '—' },
      ]}
    />
  );
}

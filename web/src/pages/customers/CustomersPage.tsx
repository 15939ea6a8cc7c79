import { Card, Input, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Customer, CustomerFigures } from '../../api/types';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { Money } from '../../shared/money';

/** One line per currency the customer has money in. */
function figureLines(customer: Customer, pick: (f: CustomerFigures) => string, red = false) {
  if (customer.figures.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {customer.figures.map((f) => (
        <span key={f.currency} style={{ color: red && !/^0*\.?0*$/.test(pick(f)) ? '#cf1322' : undefined }}>
          <Money amount={pick(f)} currency={f.currency} />
        </span>
      ))}
    </Space>
  );
}

const exportFigure = (pick: (f: CustomerFigures) => string) => (c: Customer) => c.figures.map((f) => `${pick(f)} ${f.currency}`).join('; ');

export default function CustomersPage() {
  const { t } = useTranslation('customers');
  const [q, setQ] = useState('');
  const [tag, setTag] = useState('');

  const columns = useMemo<DataColumn<Customer>[]>(
    () => [
      { key: 'code', title: t('common:field.code'), dataIndex: 'code', exportValue: (c) => c.code },
      { key: 'name', title: t('common:field.name'), render: (_, c) => <Link to={`/customers/${c.id}`}>{c.name}</Link>, exportValue: (c) => c.name },
      { key: 'tags', title: t('tag'), render: (_, c) => c.tags.map((tg) => <Tag key={tg}>{tg}</Tag>), exportValue: (c) => c.tags.join(', ') },
      { key: 'receivable', title: t('receivable'), align: 'right', render: (_, c) => figureLines(c, (f) => f.receivable), exportValue: exportFigure((f) => f.receivable) },
      { key: 'overdue', title: t('overdue'), align: 'right', render: (_, c) => figureLines(c, (f) => f.overdue, true), exportValue: exportFigure((f) => f.overdue) },
      { key: 'advance', title: t('advance'), align: 'right', render: (_, c) => figureLines(c, (f) => f.advance), exportValue: exportFigure((f) => f.advance) },
      { key: 'received', title: t('received'), align: 'right', render: (_, c) => figureLines(c, (f) => f.received), exportValue: exportFigure((f) => f.received), defaultHidden: true },
      { key: 'refunded', title: t('refunded'), align: 'right', render: (_, c) => figureLines(c, (f) => f.refunded), exportValue: exportFigure((f) => f.refunded), defaultHidden: true },
    ],
    [t],
  );

  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}>
      <DataTable<Customer>
        id="customers"
        path="/customers"
        query={{ q, tag }}
        columns={columns}
        rowKey="id"
        exportName="customers"
        toolbar={
          <>
            <Input.Search aria-label={t('searchPlaceholder')} placeholder={t('searchPlaceholder')} allowClear onSearch={setQ} style={{ width: 240 }} />
            <Input.Search aria-label={t('tag')} placeholder={t('tag')} allowClear onSearch={setTag} style={{ width: 160 }} />
          </>
        }
      />
    </Card>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Customer, CustomerFigures } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { Money } from '../../shared/money';
import { CustomerForm } from './CustomerForm';
import { DepartmentSelect, OwnerSelect, useDirectory } from './directory';

/** One line per currency the customer has money in. */
function figureLines(customer: Customer, pick: (f: CustomerFigures) => string, red = false) {
  if (customer.figures.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
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
  const [owner, setOwner] = useState<string | null>(null);
  const [department, setDepartment] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const { user, can } = useSession();
  const { userName, departmentName } = useDirectory();
  const navigate = useNavigate();

  const columns = useMemo<DataColumn<Customer>[]>(
    () => [
      { key: 'code', title: t('common:field.code'), dataIndex: 'code', exportValue: (c) => c.code },
      { key: 'name', title: t('common:field.name'), render: (_, c) => <Link to={`/customers/${c.id}`}>{c.name}</Link>, exportValue: (c) => c.name },
      { key: 'owner', title: t('common:field.owner'), render: (_, c) => userName(c.ownerId), exportValue: (c) => userName(c.ownerId) },
      { key: 'department', title: t('common:field.department'), render: (_, c) => departmentName(c.departmentId), exportValue: (c) => departmentName(c.departmentId), defaultHidden: true },
      { key: 'tags', title: t('tag'), render: (_, c) => c.tags.map((tg) => <Tag key={tg}>{tg}</Tag>), exportValue: (c) => c.tags.join(', ') },
      { key: 'receivable', title: t('receivable'), align: 'right', render: (_, c) => figureLines(c, (f) => f.receivable), exportValue: exportFigure((f) => f.receivable) },
      { key: 'overdue', title: t('overdue'), align: 'right', render: (_, c) => figureLines(c, (f) => f.overdue, true), exportValue: exportFigure((f) => f.overdue) },
      { key: 'advance', title: t('advance'), align: 'right', render: (_, c) => figureLines(c, (f) => f.advance), exportValue: exportFigure((f) => f.advance) },
      { key: 'received', title: t('received'), align: 'right', render: (_, c) => figureLines(c, (f) => f.received), exportValue: exportFigure((f) => f.received), defaultHidden: true },
      { key: 'refunded', title: t('refunded'), align: 'right', render: (_, c) => figureLines(c, (f) => f.refunded), exportValue: exportFigure((f) => f.refunded), defaultHidden: true },
    ],
    [t, userName, departmentName],
  );

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      extra={
        can('customers.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
            {t('new')}
          </Button>
        )
      }
    >
      <DataTable<Customer> live={['receipt', 'refund']}
        id="customers"
        path="/customers"
        query={{ q, tag, owner, department }}
        columns={columns}
        rowKey="id"
        exportName="customers"
        serverExport="customers"
        toolbar={
          <>
            <Input.Search aria-label={t('search')} placeholder={t('searchPlaceholder')} allowClear onSearch={setQ} style={{ width: 240 }} />
            <Input.Search aria-label={t('tag')} placeholder={t('tag')} allowClear onSearch={setTag} style={{ width: 160 }} />
            {user.dataScope !== 'own' && <OwnerSelect aria-label={t('common:field.owner')} placeholder={t('common:field.owner')} value={owner} onChange={setOwner} />}
            {user.dataScope !== 'own' && <DepartmentSelect aria-label={t('common:field.department')} placeholder={t('common:field.department')} value={department} onChange={setDepartment} />}
          </>
        }
      />
      <CustomerForm open={creating} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/customers/${c.id}`)} />
    </Card>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { OrderStatus, OrderSummary } from '../../api/orders';
import { useSession } from '../../auth/session';
import { CustomerSelect } from '../../shared/CustomerSelect';
import { DataTable } from '../../shared/DataTable';
import { useDirectory } from '../customers/directory';
import { orderColumns } from './columns';

const statuses: OrderStatus[] = ['draft', 'confirmed', 'completed', 'cancelled'];

/** 订单/合同: filters by status, customer, signed date and text; totals and what is still outstanding. */
export default function OrdersPage() {
  const { t } = useTranslation('orders');
  const { can } = useSession();
  const navigate = useNavigate();
  const { userName } = useDirectory();
  const [status, setStatus] = useState<OrderStatus | undefined>();
  const [customer, setCustomer] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [q, setQ] = useState('');
  const columns = useMemo(() => orderColumns(t, { withCustomer: true, userName }), [t, userName]);

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      extra={
        can('orders.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orders/new')} data-testid="order-new">
            {t('new')}
          </Button>
        )
      }
    >
      <DataTable<OrderSummary> live={['receipt']}
        id="orders"
        path="/orders"
        query={{ status, customer, q, signedFrom: range?.[0].format('YYYY-MM-DD'), signedTo: range?.[1].format('YYYY-MM-DD') }}
        columns={columns}
        rowKey="id"
        exportName="orders"
        serverExport="orders"
        toolbar={
          <>
            <Input.Search aria-label={t('searchPlaceholder')} placeholder={t('searchPlaceholder')} allowClear onSearch={setQ} style={{ width: 220 }} />
            <Select
              aria-label={t('common:field.status')}
              placeholder={t('common:field.status')}
              allowClear
              value={status}
              onChange={setStatus}
              options={statuses.map((s) => ({ value: s, label: t(`common:status.order.${s}`) }))}
              style={{ width: 130 }}
            />
            <CustomerSelect allowClear value={customer} onChange={(id) => setCustomer(id)} style={{ width: 240 }} />
            <DatePicker.RangePicker
              aria-label={t('signedDate')}
              placeholder={[t('signedFrom'), t('signedTo')]}
              value={range}
              onChange={(next) => setRange(next && next[0] && next[1] ? [next[0], next[1]] : null)}
            />
          </>
        }
      />
    </Card>
  );
}

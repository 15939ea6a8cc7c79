import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type { OrderSummary } from '../../api/orders';
import type { DataColumn } from '../../shared/DataTable';
import { isZeroAmount, Money } from '../../shared/money';
import { StatusTag } from '../../shared/StatusTag';

/** The columns of an order list; the customer's page leaves the customer column out. */
export function orderColumns(t: TFunction, options: { withCustomer: boolean; userName: (id: string | null) => string }): DataColumn<OrderSummary>[] {
  const money = (key: 'total' | 'paid' | 'outstanding' | 'credited' | 'writtenOff', title: string, defaultHidden = false): DataColumn<OrderSummary> => ({
    key,
    title,
    align: 'right',
    defaultHidden,
    render: (_, o) => <Money amount={o[key]} currency={o.currency} strong={key === 'outstanding' && !isZeroAmount(o[key]) && o.status !== 'cancelled'} />,
    exportValue: (o) => o[key],
    exportKind: 'amount',
  });
  return [
    { key: 'number', title: t('orders:number'), render: (_, o) => <Link to={`/orders/${o.id}`}>{o.number}</Link>, exportValue: (o) => o.number },
    ...(options.withCustomer
      ? [{ key: 'customer', title: t('common:field.customer'), render: (_: unknown, o: OrderSummary) => <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>, exportValue: (o: OrderSummary) => `${o.customerName} (${o.customerCode})` }]
      : []),
    { key: 'title', title: t('orders:orderTitle'), dataIndex: 'title', exportValue: (o) => o.title },
    { key: 'signedDate', title: t('orders:signedDate'), dataIndex: 'signedDate', exportValue: (o) => o.signedDate },
    { key: 'status', title: t('common:field.status'), render: (_, o) => <StatusTag kind="order" status={o.status} />, exportValue: (o) => t(`common:status.order.${o.status}`) },
    { key: 'currency', title: t('common:field.currency'), dataIndex: 'currency', exportValue: (o) => o.currency, defaultHidden: true },
    money('total', t('orders:total')),
    money('paid', t('orders:paid'), true),
    money('credited', t('orders:credited'), true),
    money('writtenOff', t('orders:writtenOff'), true),
    money('outstanding', t('orders:outstanding')),
    { key: 'owner', title: t('common:field.owner'), render: (_, o) => options.userName(o.ownerId), exportValue: (o) => options.userName(o.ownerId), defaultHidden: true },
  ];
}

import { bundle } from '../../i18n/bundle';

export default bundle(
  {
    title: '客户',
    searchPlaceholder: '名称或编号',
    tag: '标签',
    receivable: '应收',
    overdue: '逾期',
    advance: '预收余额',
    received: '已回款',
    refunded: '已退款',
    new: '新建客户',
  },
  {
    title: 'Customers',
    searchPlaceholder: 'Name or code',
    tag: 'Tag',
    receivable: 'Receivable',
    overdue: 'Overdue',
    advance: 'Advance',
    received: 'Received',
    refunded: 'Refunded',
    new: 'New customer',
  },
);

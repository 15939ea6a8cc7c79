import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

type Kind = 'order' | 'instalment' | 'receipt' | 'refund' | 'adjustment' | 'gatewayEvent' | 'statementLine' | 'import';

/** Red for what needs attention (逾期, 驳回), orange for waiting, blue for in progress, green for done. */
const colors: Record<string, string> = {
  overdue: 'red',
  rejected: 'red',
  due_soon: 'orange',
  pending: 'gold',
  requested: 'gold',
  draft: 'default',
  partially_paid: 'blue',
  confirmed: 'blue',
  approved: 'cyan',
  paid: 'green',
  completed: 'green',
  cancelled: 'default',
  voided: 'default',
  void: 'default',
  // Gateway events, statement lines, imports.
  received: 'gold',
  processed: 'green',
  ignored: 'default',
  unmatched: 'orange',
  failed: 'red',
  conflict: 'red',
  suggested: 'blue',
  matched: 'green',
  validating: 'blue',
  validated: 'cyan',
  importing: 'blue',
  done: 'green',
};

export function StatusTag({ kind, status }: { kind: Kind; status: string }) {
  const { t } = useTranslation();
  return <Tag color={colors[status] ?? 'default'}>{t(`common:status.${kind}.${status}`, { defaultValue: status })}</Tag>;
}

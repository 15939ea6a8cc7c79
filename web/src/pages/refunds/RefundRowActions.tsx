import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refundsApi, type Refund } from '../../api/refunds';
import { useSession } from '../../auth/session';
import { describeError } from '../../shared/errors';

export type RefundAsk = { kind: 'reject' | 'cancel' | 'pay'; refund: Refund };

/**
 * The steps a refund can take now, for this user: approve and reject by an approver who did not request it
 * (the second approval by someone other than the first), pay once approved, cancel by the requester while it
 * waits (or by an approver before it is paid). The server enforces the same rules.
 */
export function RefundRowActions({ refund, onChanged, onAsk }: { refund: Refund; onChanged: () => void; onAsk: (ask: RefundAsk) => void }) {
  const { t } = useTranslation('refunds');
  const { user, can } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => crypto.randomUUID());
  const approver = can('refunds.approve');
  const mine = refund.requestedBy === user.id;
  const open = refund.status === 'requested' || refund.status === 'approved';

  const approve = async () => {
    setBusy(true);
    try {
      const next = await refundsApi.approve(refund.id, `${key}:${refund.approvals}`);
      message.success(next.status === 'approved' ? t('done.approved') : t('done.firstApproval'));
      onChanged();
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  const mayApprove = approver && refund.status === 'requested' && !mine && refund.firstApprovedBy !== user.id;
  const mayReject = approver && open && !mine;
  const mayPay = approver && refund.status === 'approved';
  const mayCancel = open && ((mine && refund.status === 'requested') || approver);
  if (!mayApprove && !mayReject && !mayPay && !mayCancel) return null;
  return (
    <Space size={4} wrap>
      {mayApprove && (
        <Tooltip title={refund.approvalsNeeded === 2 && refund.approvals === 0 ? t('ask.approveFirst') : undefined}>
          <Button size="small" type="primary" loading={busy} data-testid="refund-approve" onClick={() => void approve()}>
            {t('common:action.approve')}
          </Button>
        </Tooltip>
      )}
      {mayReject && (
        <Button size="small" danger data-testid="refund-reject" onClick={() => onAsk({ kind: 'reject', refund })}>
          {t('common:action.reject')}
        </Button>
      )}
      {mayPay && (
        <Button size="small" data-testid="refund-pay" onClick={() => onAsk({ kind: 'pay', refund })}>
          {t('action.pay')}
        </Button>
      )}
      {mayCancel && (
        <Button size="small" data-testid="refund-cancel" onClick={() => onAsk({ kind: 'cancel', refund })}>
          {t('action.cancel')}
        </Button>
      )}
    </Space>
  );
}

import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { receiptsApi, type Receipt } from '../../api/receipts';
import { useSession } from '../../auth/session';
import { isZeroAmount } from '../../shared/money';
import { receiptError } from './helpers';
import { ReasonModal } from '../../shared/ReasonModal';

/** What can be done to a receipt now, by status and by the user's permissions (the server checks again). */
export function ReceiptActions({ receipt, onChanged }: { receipt: Receipt; onChanged: (next: Receipt) => void }) {
  const { t } = useTranslation('receipts');
  const { can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const [asking, setAsking] = useState<'reject' | 'void' | null>(null);
  // One key per action on this receipt, so a retried click replays instead of acting twice.
  const [keys] = useState(() => ({ confirm: crypto.randomUUID(), allocate: crypto.randomUUID() }));

  const run = async (name: string, action: () => Promise<Receipt>, done: string) => {
    setBusy(name);
    try {
      onChanged(await action());
      message.success(done);
    } catch (error) {
      message.error(receiptError(t, error));
    } finally {
      setBusy(null);
    }
  };

  const pending = receipt.status === 'pending';
  const confirmed = receipt.status === 'confirmed';
  const hasAdvance = !isZeroAmount(receipt.advance);
  return (
    <Space wrap>
      {pending && can('receipts.confirm') && (
        // One click confirms (the browser test's contract); the action's idempotency key makes a double click harmless.
        <Button type="primary" data-testid="receipt-confirm" loading={busy === 'confirm'} onClick={() => void run('confirm', () => receiptsApi.confirm(receipt.id, keys.confirm), t('actions.confirmed'))}>
          {t('common:action.confirm')}
        </Button>
      )}
      {pending && can('receipts.confirm') && (
        <Button danger data-testid="receipt-reject" onClick={() => setAsking('reject')}>
          {t('common:action.reject')}
        </Button>
      )}
      {confirmed && hasAdvance && can('receipts.confirm') && (
        <Popconfirm title={t('actions.allocateAsk')} okText={t('common:action.confirm')} cancelText={t('common:action.cancel')} onConfirm={() => run('allocate', () => receiptsApi.allocate(receipt.id, { autoAllocate: true }, keys.allocate), t('actions.allocated'))}>
          <Button data-testid="receipt-allocate" loading={busy === 'allocate'}>
            {t('actions.allocate')}
          </Button>
        </Popconfirm>
      )}
      {confirmed && !isZeroAmount(receipt.refundable) && can('refunds.request') && (
        <Button data-testid="receipt-refund" onClick={() => navigate(`/refunds/new?receipt=${receipt.id}`)}>
          {t('actions.refund')}
        </Button>
      )}
      {confirmed && can('records.void') && (
        <Button danger data-testid="receipt-void" onClick={() => setAsking('void')}>
          {t('common:action.void')}
        </Button>
      )}
      <ReasonModal
        open={asking !== null}
        title={asking === 'void' ? t('actions.voidTitle', { number: receipt.number }) : t('actions.rejectTitle', { number: receipt.number })}
        okText={asking === 'void' ? t('common:action.void') : t('common:action.reject')}
        danger
        onClose={() => setAsking(null)}
        onSubmit={async (reason) => {
          const next = asking === 'void' ? await receiptsApi.void(receipt.id, reason) : await receiptsApi.reject(receipt.id, reason);
          onChanged(next);
          message.success(asking === 'void' ? t('actions.voided') : t('actions.rejected'));
        }}
      />
    </Space>
  );
}

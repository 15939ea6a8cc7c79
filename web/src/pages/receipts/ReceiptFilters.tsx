import { DatePicker, Input, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { receiptChannels, receiptKinds, receiptStatuses } from '../../api/receipts';
import { AmountInput } from '../../shared/AmountInput';
import { CustomerSelect } from '../../shared/CustomerSelect';

export interface ReceiptFilterValues {
  status?: string;
  channel?: string;
  kind?: string;
  customer?: string;
  received?: [Dayjs | null, Dayjs | null] | null;
  currency?: string;
  amountMin?: string;
  amountMax?: string;
  q?: string;
}

export const filterCurrencies = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'];

/** The receipts list's filters; amounts are compared in the chosen currency (the base currency when none is chosen). */
export function ReceiptFilters({ value, onChange, baseCurrency }: { value: ReceiptFilterValues; onChange: (next: ReceiptFilterValues) => void; baseCurrency: string }) {
  const { t } = useTranslation('receipts');
  const set = (patch: Partial<ReceiptFilterValues>) => onChange({ ...value, ...patch });
  const amountCurrency = value.currency ?? baseCurrency;
  const currencies = [...new Set([baseCurrency, ...filterCurrencies])];
  return (
    <Space wrap>
      <Input.Search aria-label={t('filter.q')} placeholder={t('filter.q')} allowClear onSearch={(q) => set({ q })} style={{ width: 220 }} />
      <CustomerSelect aria-label={t('common:field.customer')} allowClear value={value.customer} onChange={(customer) => set({ customer })} style={{ width: 220 }} />
      <Select
        aria-label={t('common:field.status')}
        placeholder={t('common:field.status')}
        allowClear
        value={value.status}
        onChange={(status?: string) => set({ status })}
        options={receiptStatuses.map((s) => ({ value: s, label: t(`common:status.receipt.${s}`) }))}
        style={{ width: 120 }}
      />
      <Select
        aria-label={t('field.kind')}
        placeholder={t('field.kind')}
        allowClear
        value={value.kind}
        onChange={(kind?: string) => set({ kind })}
        options={receiptKinds.map((k) => ({ value: k, label: t(`common:receiptKind.${k}`) }))}
        style={{ width: 120 }}
      />
      <Select
        aria-label={t('common:field.channel')}
        placeholder={t('common:field.channel')}
        allowClear
        value={value.channel}
        onChange={(channel?: string) => set({ channel })}
        options={receiptChannels.map((c) => ({ value: c, label: t(`common:channel.${c}`) }))}
        style={{ width: 140 }}
      />
      <DatePicker.RangePicker
        aria-label={t('field.receivedDate')}
        placeholder={[t('filter.receivedFrom'), t('filter.receivedTo')]}
        value={value.received ?? null}
        onChange={(received) => set({ received })}
        allowEmpty={[true, true]}
      />
      <Select
        aria-label={t('common:field.currency')}
        placeholder={t('common:field.currency')}
        allowClear
        value={value.currency}
        onChange={(currency?: string) => set({ currency })}
        options={currencies.map((c) => ({ value: c, label: c }))}
        style={{ width: 100 }}
      />
      <Space size={4}>
        <Typography.Text type="secondary">{t('filter.amount')}</Typography.Text>
        <div style={{ width: 130 }}>
          <AmountInput aria-label={t('filter.amountMin')} currency={amountCurrency} value={value.amountMin} onChange={(amountMin) => set({ amountMin })} />
        </div>
        <span aria-hidden>–</span>
        <div style={{ width: 130 }}>
          <AmountInput aria-label={t('filter.amountMax')} currency={amountCurrency} value={value.amountMax} onChange={(amountMax) => set({ amountMax })} />
        </div>
      </Space>
    </Space>
  );
}

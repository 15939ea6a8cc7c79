import { Input } from 'antd';
import { currencyExponent } from '../../../src/core/money/index.js';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

/**
 * Amounts are typed and sent as decimal strings, never as numbers, so nothing is rounded on the way; the
 * currency's own number of decimals is checked as the user types (CNY 2, JPY 0, KWD 3).
 */
export function AmountInput(props: { value?: string; onChange?: (value: string) => void; currency: string; id?: string; disabled?: boolean; 'aria-label'?: string; 'data-testid'?: string }) {
  return (
    <Input
      id={props.id}
      aria-label={props['aria-label']}
      data-testid={props['data-testid']}
      inputMode="decimal"
      value={props.value}
      disabled={props.disabled}
      onChange={(event) => props.onChange?.(event.target.value.replace(/[,\s，]/g, ''))}
      suffix={props.currency}
      style={{ textAlign: 'right' }}
    />
  );
}

export function amountShape(currency: string): RegExp {
  let exponent = 2;
  try {
    exponent = currencyExponent(currency);
  } catch {
    /* an unknown currency: the server will say so */
  }
  return exponent === 0 ? /^(0|[1-9]\d*)$/ : new RegExp(`^(0|[1-9]\\d*)(\\.\\d{1,${exponent}})?$`);
}

/** Form rules for a positive amount in `currency`. */
export function amountRules(t: TFunction, currency: string, required = true): Rule[] {
  return [
    ...(required ? [{ required: true, message: t('common:error.invalid_amount') }] : []),
    {
      validator: async (_rule, value: string | undefined) => {
        if (!value) return;
        if (!/^\d+(\.\d+)?$/.test(value)) throw new Error(t('common:error.invalid_amount'));
        if (!amountShape(currency).test(value)) throw new Error(t('common:error.too_many_decimals'));
        if (/^0*(\.0*)?$/.test(value)) throw new Error(t('common:error.amount_not_positive'));
      },
    },
  ];
}

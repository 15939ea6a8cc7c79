import { useRef } from 'react';
import { formatAmount, parseAmountMinor } from '../../../../src/core/money/index.js';
import type { TFunction } from 'i18next';
import { api, ApiError } from '../../api/client';
import { describeError } from '../../shared/errors';

/** Today's business date (YYYY-MM-DD) where the tenant is, not where the browser is. */
export function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A decimal string as minor units, or null when it is not (yet) a valid amount in this currency. */
export function minorOf(amount: string | undefined | null, currency: string): bigint | null {
  if (!amount) return null;
  try {
    return parseAmountMinor(amount, currency, { allowZero: true });
  } catch {
    return null;
  }
}

export function amountOf(minor: bigint, currency: string): string {
  return formatAmount(minor, currency);
}

/**
 * One Idempotency-Key per distinct request: a retry of the same body (after a network error) replays the first
 * answer instead of recording the receipt twice, while a corrected body after a refusal gets a fresh key.
 */
export function useIdempotencyKey(): (body: unknown) => string {
  const last = useRef<{ body: string; key: string } | null>(null);
  return (body) => {
    const text = JSON.stringify(body);
    if (last.current?.body !== text) last.current = { body: text, key: crypto.randomUUID() };
    return last.current.key;
  };
}

const names = new Map<string, Promise<string>>();

/** The display name of a user (who entered, confirmed, requested …), fetched once per id and page load. */
export function userName(id: string): Promise<string> {
  let name = names.get(id);
  if (!name) {
    name = api.get<{ displayName: string; login: string }>(`/users/${id}`).then(
      (u) => (u.displayName ? `${u.displayName} (${u.login})` : u.login),
      () => id.slice(0, 8),
    );
    names.set(id, name);
  }
  return name;
}

/** A refusal in plain words; "self-approval" reads as what it is for a receipt: someone else must confirm it. */
export function receiptError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'self_approval_forbidden') return t('receipts:error.selfConfirm');
  return describeError(t, error);
}

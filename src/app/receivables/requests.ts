import { sql, type Kysely } from 'kysely';
import { limits } from '../../core/limits.js';
import { requireKey } from '../idempotency.js';
import { decodeCursor, uuidPattern } from '../pagination.js';
import type { DB } from '../schema.js';
import { amountField, fail } from './common.js';

/**
 * What refunds and adjustments share: both are requests that one person makes and another approves
 * (maker-checker), each closed with a reason, listed newest first by their time-ordered ids.
 */

/**
 * True when this Idempotency-Key already has an answer. A request whose pre-checks read the state it
 * changed (a refund holding the last of a receipt) would fail them on a retry; such a retry goes straight
 * to the stored answer instead.
 */
export async function answeredBefore(db: Kysely<DB>, tenantId: string, key: string | undefined): Promise<boolean> {
  const checked = requireKey(key);
  const row = await db.selectFrom('idempotency_keys').select('key').where('tenant_id', '=', tenantId).where('key', '=', checked).executeTakeFirst();
  return row !== undefined;
}

/** The work of an idempotent request whose key is already answered: the store replays, so this never runs. */
export async function neverRuns(): Promise<never> {
  throw new Error('an answered Idempotency-Key ran its work again');
}

/** A reason for rejecting or cancelling: required, trimmed, bounded. */
export function requireReason(text: string | undefined, field = 'reason'): string {
  const reason = (text ?? '').trim();
  if (reason === '') throw fail('reason_required', field, 'say why');
  if (reason.length > limits.remarksCharsMax) throw fail('validation_failed', field, `at most ${limits.remarksCharsMax} characters`);
  return reason;
}

/** Free text beside a reason code: "other" says nothing on its own, so it needs the text. */
export function reasonTextFor(code: string, text: string | undefined): string {
  const trimmed = (text ?? '').trim();
  if (code === 'other' && trimmed === '') throw fail('reason_required', 'reasonText', 'the reason "other" needs a text saying what it is');
  return trimmed;
}

export function requireStatus<S extends string>(current: S, allowed: readonly S[], step: string, number: string): void {
  if (!allowed.includes(current)) {
    throw fail('invalid_state', 'status', `${number} is ${current}; ${step} needs ${allowed.join(' or ')}`, { status: current });
  }
}

export interface ListWindow {
  cursor?: string;
  sort?: 'newest' | 'oldest';
  from?: string;
  to?: string;
  currency?: string;
  minAmount?: string;
  maxAmount?: string;
}

/** The id after which a page starts (ids are UUIDv7, so id order is creation order). */
export function cursorId(cursor: string | undefined): string | undefined {
  return decodeCursor(cursor, (position) => uuidPattern.test(position) && position === position.toLowerCase());
}

/** An amount range in minor units; amounts are in major units of a currency, so the currency must be named. */
export function amountRange(filter: ListWindow): { min?: bigint; max?: bigint } {
  if (filter.minAmount === undefined && filter.maxAmount === undefined) return {};
  if (filter.currency === undefined) throw fail('validation_failed', 'currency', 'an amount range needs the currency its amounts are in');
  return {
    ...(filter.minAmount === undefined ? {} : { min: amountField(filter.minAmount, filter.currency, 'minAmount', { allowZero: true }) }),
    ...(filter.maxAmount === undefined ? {} : { max: amountField(filter.maxAmount, filter.currency, 'maxAmount', { allowZero: true }) }),
  };
}

/** The calendar date of an instant in the tenant's time zone, for date-range filters on timestamps. */
export function localDate(column: string, timeZone: string) {
  return sql<string>`(${sql.ref(column)} at time zone ${timeZone})::date`;
}

export const iso = (instant: Date | null): string | null => (instant === null ? null : instant.toISOString());

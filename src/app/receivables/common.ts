import { sql, type Kysely, type Transaction } from 'kysely';
import { KxError, type ErrorCode, type FieldIssue } from '../../core/errors.js';
import { validateEntry, type EntryDraft } from '../../core/ledger/entry.js';
import { isCurrency, parseAmountMinor } from '../../core/money/index.js';
import { formatRate, parseRate, todayIn, type StatusRules } from '../../core/receivables/index.js';
import { isKxError } from '../../core/errors.js';
import { customerScope, type Actor } from '../actor.js';
import { postValidEntry } from '../ledger.js';
import type { DB } from '../schema.js';

/** The tenant's settings that receivables rules depend on. */
export interface TenantRules {
  baseCurrency: string;
  timeZone: string;
  graceDays: number;
  dueSoonDays: number;
  allowSelfConfirm: boolean;
  /** Refunds above this (minor units of the base currency) need a second approver; null: never. */
  refundSecondApprovalMinor: bigint | null;
  writeOffMaxMinor: bigint;
}

export async function tenantRules(db: Kysely<DB>, tenantId: string): Promise<TenantRules> {
  const t = await db
    .selectFrom('tenants')
    .select(['base_currency', 'time_zone', 'grace_days', 'due_soon_days', 'allow_self_confirm', 'refund_second_approval_minor', 'write_off_max_minor'])
    .where('id', '=', tenantId)
    .executeTakeFirst();
  if (!t) throw new KxError('tenant_not_found', 'no such tenant');
  return {
    baseCurrency: t.base_currency,
    timeZone: t.time_zone,
    graceDays: t.grace_days,
    dueSoonDays: t.due_soon_days,
    allowSelfConfirm: t.allow_self_confirm,
    refundSecondApprovalMinor: t.refund_second_approval_minor,
    writeOffMaxMinor: t.write_off_max_minor,
  };
}

/** Today and the status windows, in the tenant's time zone: what instalment statuses are derived against. */
export function statusRules(rules: TenantRules, now: Date = new Date()): StatusRules {
  return { today: todayIn(rules.timeZone, now), graceDays: rules.graceDays, dueSoonDays: rules.dueSoonDays };
}

export function fieldIssue(field: string, code: ErrorCode, message: string): FieldIssue {
  return { field, code, message };
}

export function fail(code: ErrorCode, field: string, message: string, details?: Record<string, unknown>): KxError {
  return new KxError(code, message, { fields: [fieldIssue(field, code, message)], ...(details ? { details } : {}) });
}

export function requireCurrency(currency: string, field = 'currency'): string {
  if (!isCurrency(currency)) throw fail('unknown_currency', field, `${JSON.stringify(currency)} is not an ISO 4217 currency code`);
  return currency;
}

/** A positive decimal string in major units → minor units; the field named in any error. */
export function amountField(text: string, currency: string, field: string, options: { allowZero?: boolean } = {}): bigint {
  try {
    return parseAmountMinor(text, currency, options.allowZero ? { allowZero: true } : {});
  } catch (error) {
    if (isKxError(error)) throw new KxError(error.code, error.message, { fields: [fieldIssue(field, error.code, error.message)] });
    throw error;
  }
}

/**
 * The rate to the base currency on a date: "1" for the base currency, else the explicit rate given, else the
 * latest recorded rate on or before the date. No rate: exchange_rate_missing, never a guess.
 */
export async function baseRateFor(db: Kysely<DB>, tenantId: string, rules: TenantRules, currency: string, date: string, explicit?: string, field = 'exchangeRate'): Promise<string> {
  if (currency === rules.baseCurrency) return '1';
  if (explicit !== undefined) return formatRate(parseRate(explicit, field));
  const row = await db
    .selectFrom('fx_rates')
    .select(sql<string>`rate::text`.as('rate'))
    .where('tenant_id', '=', tenantId)
    .where('currency', '=', currency)
    .where('rate_date', '<=', date)
    .orderBy('rate_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    throw fail('exchange_rate_missing', field, `no exchange rate ${currency}→${rules.baseCurrency} on or before ${date}: record one (POST /api/v1/fx-rates) or give ${field}`, { currency, date });
  }
  return formatRate(parseRate(row.rate));
}

/** Posts a business entry in the actor's name inside the use case's transaction; returns the entry id. */
export async function postFor(trx: Transaction<DB>, actor: Actor, draft: EntryDraft): Promise<string> {
  const entry = validateEntry(draft);
  const posted = await postValidEntry(trx, { tenantId: actor.tenantId, actorId: actor.userId }, entry);
  return posted.entryId;
}

/** A customer the actor may see (not_found otherwise — another tenant's or out of scope look the same). */
export async function visibleCustomer(db: Kysely<DB>, actor: Actor, customerId: string, field = 'customerId') {
  const row = await db
    .selectFrom('customers as c')
    .select(['c.id', 'c.code', 'c.name', 'c.owner_id', 'c.department_id'])
    .where(customerScope(actor, 'c'))
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  if (!row) throw fail('not_found', field, 'no such customer', { customerId });
  return row;
}

/** Minor units → wire format handled by callers with formatAmount; this maps pg errors of the money CHECKs. */
export function pgConstraintOf(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23514' ? e.constraint : undefined;
}

import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonObjectFrom } from 'kysely/helpers/postgres';
import { KxError, type ErrorCode, type FieldIssue } from '../../core/errors.js';
import { validateEntry, type EntryDraft } from '../../core/ledger/entry.js';
import { isCurrency, parseAmountMinor } from '../../core/money/index.js';
import { formatRate, parseRate, todayIn, type StatusRules } from '../../core/receivables/index.js';
import { isKxError } from '../../core/errors.js';
import { customerScope, type Actor } from '../actor.js';
import { postValidEntry } from '../ledger.js';
import { preparedFirst } from '../prepared.js';
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

const ruleColumns = ['t.base_currency', 't.time_zone', 't.grace_days', 't.due_soon_days', 't.allow_self_confirm', 't.refund_second_approval_minor', 't.write_off_max_minor'] as const;

function tenantQuery(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom('tenants as t').select(ruleColumns).where('t.id', '=', tenantId);
}

type TenantRow = Awaited<ReturnType<ReturnType<typeof tenantQuery>['executeTakeFirstOrThrow']>>;

function rulesOf(t: TenantRow | undefined): TenantRules {
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

export async function tenantRules(db: Kysely<DB>, tenantId: string): Promise<TenantRules> {
  return rulesOf(await tenantQuery(db, tenantId).executeTakeFirst());
}

export interface VisibleCustomer {
  id: string;
  code: string;
  name: string;
  owner_id: string | null;
  department_id: string | null;
}

/**
 * tenantRules and visibleCustomer in one round trip: the rules, and the customer if the actor may see it
 * (undefined otherwise; visibleCustomer's caller names it not_found where its checks come to it).
 */
export async function tenantRulesAndCustomer(db: Kysely<DB>, actor: Actor, customerId: string): Promise<{ rules: TenantRules; customer: VisibleCustomer | undefined }> {
  const row = await preparedFirst(db, tenantQuery(db, actor.tenantId)
    .select((eb) => jsonObjectFrom(eb.selectFrom('customers as c').select(customerColumns).where(customerScope(actor, 'c')).where('c.id', '=', customerId)).as('customer')));
  return { rules: rulesOf(row), customer: row?.customer ?? undefined };
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
export async function visibleCustomer(db: Kysely<DB>, actor: Actor, customerId: string, field = 'customerId'): Promise<VisibleCustomer> {
  return requireVisible(await customerQuery(db, actor, customerId).executeTakeFirst(), customerId, field);
}

/** The customer found by tenantRulesAndCustomer, or not_found. */
export function requireVisible(customer: VisibleCustomer | undefined, customerId: string, field = 'customerId'): VisibleCustomer {
  if (!customer) throw fail('not_found', field, 'no such customer', { customerId });
  return customer;
}

const customerColumns = ['c.id', 'c.code', 'c.name', 'c.owner_id', 'c.department_id'] as const;

function customerQuery(db: Kysely<DB>, actor: Actor, customerId: string) {
  return db.selectFrom('customers as c').select(customerColumns).where(customerScope(actor, 'c')).where('c.id', '=', customerId);
}

/** Minor units → wire format handled by callers with formatAmount; this maps pg errors of the money CHECKs. */
export function pgConstraintOf(error: unknown): string | undefined {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23514' ? e.constraint : undefined;
}

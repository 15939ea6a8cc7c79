import type { Kysely, Selectable } from 'kysely';
import { KxError, type FieldIssue } from '../../core/errors.js';
import { formatAmount, isCurrency, parseAmountMinor } from '../../core/money/index.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { DB, TenantsTable } from '../schema.js';
import { isTimeZone } from '../tenants.js';
import { inTransaction } from '../transaction.js';
import { issue, throwIfInvalid, trimmed } from './common.js';
import { lockTenantPostings } from './periods.js';

export interface TenantSettings {
  id: string;
  slug: string;
  name: string;
  /** IANA time zone of business dates (due dates, period months). */
  timeZone: string;
  baseCurrency: string;
  /** Days after a due date before a receivable counts as overdue. */
  graceDays: number;
  /** Whether the person who recorded a receipt may also confirm it (maker-checker off). */
  allowSelfConfirm: boolean;
  /** Refunds at or above this amount (decimal string, base currency) need a second approval; null: never. */
  refundSecondApprovalAmount: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  /**
   * Webhook subscriptions may target loopback and private addresses: honoured only where the operator lets
   * tenants decide (KX_WEBHOOK_ALLOW_PRIVATE=tenant; docs/webhooks.md).
   */
  allowPrivateWebhookTargets: boolean;
}

export type SettingsChanges = Partial<Omit<TenantSettings, 'id' | 'slug'>>;

/** The bounds of the database's checks on tenants, so a bad value is a field error and not a 500. */
export const settingsBounds = {
  graceDays: [0, 365],
  sessionIdleMinutes: [5, 1_440],
  sessionAbsoluteMinutes: [15, 43_200],
} as const;
const nameCharsMax = 200;

type TenantRow = Selectable<TenantsTable>;

/** Any signed-in user may read the settings: they shape what every screen shows. */
export async function getSettings(db: Kysely<DB>, actor: Actor): Promise<TenantSettings> {
  const row = await db.selectFrom('tenants').selectAll().where('id', '=', actor.tenantId).executeTakeFirst();
  if (!row) throw new KxError('tenant_not_found', 'no such tenant');
  return view(row);
}

export async function updateSettings(db: Kysely<DB>, actor: Actor, changes: SettingsChanges): Promise<TenantSettings> {
  requirePermission(actor, 'settings.manage');
  return inTransaction(db, async (trx) => {
    // NO KEY UPDATE: serializes settings changes without holding up rows that merely refer to the tenant.
    const row = await trx.selectFrom('tenants').selectAll().where('id', '=', actor.tenantId).forNoKeyUpdate().executeTakeFirst();
    if (!row) throw new KxError('tenant_not_found', 'no such tenant');
    const before = view(row);
    const values = normalize(changes, row);
    if (values.base_currency !== undefined && values.base_currency !== row.base_currency) {
      // Amounts already booked are in the old base currency; changing it under them would change their
      // meaning. The tenant's posting lock waits for its postings in flight and holds off new ones until
      // this commits, so "no entry yet" stays true until the new currency is in place.
      await lockTenantPostings(trx, actor.tenantId);
      const entry = await trx.selectFrom('journal_entries').select('id').where('tenant_id', '=', actor.tenantId).limit(1).executeTakeFirst();
      if (entry) throw new KxError('invalid_state', 'the base currency cannot change once anything has been posted');
    }
    if (Object.keys(values).length === 0) return before;
    const updated = await trx.updateTable('tenants').set(values).where('id', '=', actor.tenantId).returningAll().executeTakeFirstOrThrow();
    const after = view(updated);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      await appendAudit(trx, actor, { action: 'settings.update', entityType: 'tenant', entityId: actor.tenantId, before: auditOf(before), after: auditOf(after) });
    }
    return after;
  });
}

function normalize(changes: SettingsChanges, current: TenantRow) {
  const issues: FieldIssue[] = [];
  const values: Partial<Pick<TenantRow, 'name' | 'time_zone' | 'base_currency' | 'grace_days' | 'allow_self_confirm' | 'allow_private_webhook_targets' | 'refund_second_approval_minor' | 'session_idle_minutes' | 'session_absolute_minutes'>> = {};
  const name = trimmed(changes.name);
  if (name !== undefined) {
    if (name.length === 0 || name.length > nameCharsMax) issues.push(issue('name', `a name is 1–${nameCharsMax} characters`));
    values.name = name;
  }
  if (changes.timeZone !== undefined) {
    if (!isTimeZone(changes.timeZone)) issues.push(issue('timeZone', 'not an IANA time zone such as Asia/Shanghai'));
    values.time_zone = changes.timeZone;
  }
  if (changes.baseCurrency !== undefined) {
    if (!isCurrency(changes.baseCurrency)) issues.push(issue('baseCurrency', 'not an ISO 4217 currency code', 'unknown_currency'));
    values.base_currency = changes.baseCurrency;
  }
  for (const key of ['graceDays', 'sessionIdleMinutes', 'sessionAbsoluteMinutes'] as const) {
    const value = changes[key];
    if (value === undefined) continue;
    const [min, max] = settingsBounds[key];
    if (!Number.isInteger(value) || value < min || value > max) issues.push(issue(key, `${key} is a whole number from ${min} to ${max}`));
  }
  values.grace_days = changes.graceDays;
  values.session_idle_minutes = changes.sessionIdleMinutes;
  values.session_absolute_minutes = changes.sessionAbsoluteMinutes;
  values.allow_self_confirm = changes.allowSelfConfirm;
  values.allow_private_webhook_targets = changes.allowPrivateWebhookTargets;
  if ((changes.sessionIdleMinutes ?? current.session_idle_minutes) > (changes.sessionAbsoluteMinutes ?? current.session_absolute_minutes)) {
    issues.push(issue('sessionIdleMinutes', 'the idle limit cannot be longer than the absolute limit'));
  }
  values.refund_second_approval_minor = threshold(changes, current, issues);
  throwIfInvalid(issues);
  for (const key of Object.keys(values) as (keyof typeof values)[]) if (values[key] === undefined) delete values[key];
  return values;
}

/**
 * The refund threshold is kept in minor units of the base currency, so it is parsed in the currency it
 * will be read in: the new one when the base currency changes in the same request. A threshold already
 * set must then be given again, since "500.00 CNY" does not mean 500 of another currency.
 */
function threshold(changes: SettingsChanges, current: TenantRow, issues: FieldIssue[]): bigint | null | undefined {
  const currency = changes.baseCurrency ?? current.base_currency;
  const currencyChanges = changes.baseCurrency !== undefined && changes.baseCurrency !== current.base_currency;
  // An unknown currency is reported on its own field; the threshold cannot be judged against it.
  if (!isCurrency(currency)) return undefined;
  if (changes.refundSecondApprovalAmount === undefined) {
    if (currencyChanges && current.refund_second_approval_minor !== null) {
      issues.push(issue('refundSecondApprovalAmount', `give the refund threshold again in ${currency}, or null`));
    }
    return undefined;
  }
  if (changes.refundSecondApprovalAmount === null) return null;
  try {
    return parseAmountMinor(changes.refundSecondApprovalAmount, currency);
  } catch (error) {
    if (!(error instanceof KxError)) throw error;
    issues.push(issue('refundSecondApprovalAmount', error.message, error.code));
    return undefined;
  }
}

function view(row: TenantRow): TenantSettings {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.time_zone,
    baseCurrency: row.base_currency,
    graceDays: row.grace_days,
    allowSelfConfirm: row.allow_self_confirm,
    refundSecondApprovalAmount: row.refund_second_approval_minor === null ? null : formatAmount(BigInt(row.refund_second_approval_minor), row.base_currency),
    sessionIdleMinutes: row.session_idle_minutes,
    sessionAbsoluteMinutes: row.session_absolute_minutes,
    allowPrivateWebhookTargets: row.allow_private_webhook_targets,
  };
}

function auditOf(settings: TenantSettings) {
  const { id: _id, slug: _slug, ...rest } = settings;
  return rest;
}

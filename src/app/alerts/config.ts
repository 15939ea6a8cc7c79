import type { Kysely } from 'kysely';
import { effectiveConfig, isAlertRule, type AlertConfig, type AlertRule, type StoredRuleSetting } from '../../core/alerts/rules.js';
import { tenantRules, type TenantRules } from '../receivables/common.js';
import type { DB } from '../schema.js';

/** What an evaluation needs of its tenant: the rules' configuration and the tenant's own dates and currency. */
export interface AlertTenant {
  tenantId: string;
  rules: TenantRules;
  config: AlertConfig;
}

export async function storedSettings(db: Kysely<DB>, tenantId: string): Promise<Partial<Record<AlertRule, StoredRuleSetting>>> {
  const rows = await db.selectFrom('alert_rule_settings').select(['rule', 'enabled', 'severity', 'params', 'recipients']).where('tenant_id', '=', tenantId).execute();
  const stored: Partial<Record<AlertRule, StoredRuleSetting>> = {};
  for (const r of rows) if (isAlertRule(r.rule)) stored[r.rule] = { enabled: r.enabled, severity: r.severity, params: r.params, recipients: r.recipients };
  return stored;
}

export async function alertTenant(db: Kysely<DB>, tenantId: string): Promise<AlertTenant> {
  const [rules, stored] = await Promise.all([tenantRules(db, tenantId), storedSettings(db, tenantId)]);
  return { tenantId, rules, config: effectiveConfig(stored) };
}

import { limits } from '../limits.js';

/**
 * The alert rules (预警规则) a tenant can switch on and tune. Each rule has defaults here; a tenant stores only
 * its overrides (alert_rule_settings). Parameters are whole numbers: days, percents, counts, and money
 * thresholds in whole units of the tenant's base currency (`…Major`), compared with base-currency amounts.
 */
export const alertRules = [
  'overdue_instalment',
  'due_soon',
  'duplicate_receipt',
  'overpayment',
  'large_amount',
  'refund_after_receipt',
  'refund_ratio',
  'unusual_amount',
  'payer_mismatch',
  'back_dated',
  'structuring',
  'unallocated_aging',
  'statement_unbalanced',
  'webhook_signature_burst',
  'dispute_opened',
] as const;
export type AlertRule = (typeof alertRules)[number];

export const severities = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof severities)[number];

export interface Recipients {
  users: string[];
  roles: string[];
}

export interface RuleConfig {
  enabled: boolean;
  severity: Severity;
  params: Record<string, number>;
  recipients: Recipients;
}

export type AlertConfig = Record<AlertRule, RuleConfig>;

interface RuleDefinition {
  severity: Severity;
  /** Default parameters with their allowed range (inclusive). */
  params: Record<string, { value: number; min: number; max: number }>;
  roles: string[];
}

const days = (value: number, max = 3650) => ({ value, min: 0, max });
const finance = ['finance'];

export const ruleDefinitions: Record<AlertRule, RuleDefinition> = {
  overdue_instalment: { severity: 'warning', params: {}, roles: finance }, // grace days: the tenant's own setting
  due_soon: { severity: 'info', params: {}, roles: [] }, // days ahead: the tenant's own setting; to the owner
  duplicate_receipt: { severity: 'warning', params: { windowDays: days(3, 90) }, roles: finance },
  overpayment: { severity: 'info', params: {}, roles: finance },
  large_amount: { severity: 'warning', params: { thresholdMajor: { value: 1_000_000, min: 1, max: 1_000_000_000_000 } }, roles: finance },
  refund_after_receipt: { severity: 'warning', params: { withinDays: days(7, 365) }, roles: finance },
  refund_ratio: { severity: 'warning', params: { percent: { value: 30, min: 1, max: 100 }, windowDays: days(90, 730) }, roles: finance },
  unusual_amount: { severity: 'info', params: { minHistory: { value: 8, min: 3, max: 1_000 }, madFactor: { value: 6, min: 2, max: 100 } }, roles: finance },
  payer_mismatch: { severity: 'info', params: { minSimilarityPercent: { value: 50, min: 1, max: 100 } }, roles: finance },
  back_dated: { severity: 'warning', params: { days: days(30, 3650) }, roles: finance },
  structuring: { severity: 'critical', params: { thresholdMajor: { value: 50_000, min: 1, max: 1_000_000_000_000 }, marginPercent: { value: 10, min: 1, max: 50 }, count: { value: 3, min: 2, max: 100 }, windowDays: days(7, 90) }, roles: finance },
  unallocated_aging: { severity: 'info', params: { days: days(30, 3650) }, roles: finance },
  statement_unbalanced: { severity: 'critical', params: {}, roles: finance },
  webhook_signature_burst: { severity: 'critical', params: { count: { value: 20, min: 1, max: 100_000 }, windowMinutes: { value: 10, min: 1, max: 1_440 } }, roles: ['admin'] },
  dispute_opened: { severity: 'critical', params: {}, roles: finance },
};

export function isAlertRule(value: string): value is AlertRule {
  return (alertRules as readonly string[]).includes(value);
}

/** What a tenant stored for a rule (any field may be missing: the default applies). */
export interface StoredRuleSetting {
  enabled?: boolean;
  severity?: Severity;
  params?: Record<string, number>;
  recipients?: Partial<Recipients>;
}

/** The effective configuration: defaults, overridden by what the tenant stored. */
export function effectiveConfig(stored: Partial<Record<AlertRule, StoredRuleSetting>>): AlertConfig {
  const config = {} as AlertConfig;
  for (const rule of alertRules) {
    const def = ruleDefinitions[rule];
    const s = stored[rule] ?? {};
    const params = Object.fromEntries(Object.entries(def.params).map(([k, p]) => [k, s.params?.[k] ?? p.value]));
    config[rule] = {
      enabled: s.enabled ?? true,
      severity: s.severity ?? def.severity,
      params,
      recipients: { users: s.recipients?.users ?? [], roles: s.recipients?.roles ?? def.roles },
    };
  }
  return config;
}

/** A problem with a setting, by field path (e.g. `large_amount.params.thresholdMajor`). */
export interface SettingProblem {
  field: string;
  message: string;
}

/** Checks a tenant's new setting for one rule: known parameters, whole numbers in range, bounded recipients. */
export function checkRuleSetting(rule: AlertRule, s: RuleConfig): SettingProblem[] {
  const def = ruleDefinitions[rule];
  const problems: SettingProblem[] = [];
  for (const [key, value] of Object.entries(s.params)) {
    const p = def.params[key];
    if (!p) problems.push({ field: `${rule}.params.${key}`, message: `the rule ${rule} has no parameter ${key}` });
    else if (!Number.isInteger(value) || value < p.min || value > p.max) problems.push({ field: `${rule}.params.${key}`, message: `a whole number from ${p.min} to ${p.max}` });
  }
  if (s.recipients.users.length + s.recipients.roles.length > limits.alertRecipientsMax) {
    problems.push({ field: `${rule}.recipients`, message: `at most ${limits.alertRecipientsMax} users and roles` });
  }
  return problems;
}

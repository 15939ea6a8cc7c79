import type { Migration } from 'kysely';
import * as foundation from './2026-11-26T1000-foundation.js';
import * as identity from './2026-11-26T1200-identity-audit-periods.js';
import * as auth from './2026-11-26T1300-auth.js';
import * as postingSpeed from './2026-11-26T2300-posting-speed.js';
import * as receivables from './2026-11-27T0000-receivables.js';
import * as receiptSpeed from './2026-11-27T0100-receipt-speed.js';
import * as intakeShared from './2026-11-27T0600-intake-shared.js';
import * as statements from './2026-11-27T0710-statements.js';
import * as imports from './2026-11-27T0720-imports.js';
import * as gateways from './2026-11-27T0700-gateways.js';
import * as outboxAlerts from './2026-11-28T0100-outbox-alerts.js';
import * as notifications from './2026-11-28T0200-notifications.js';
import * as ledgerDaily from './2026-11-28T0300-ledger-daily.js';
import * as alertsOps from './2026-11-29T0100-alerts-ops.js';
import * as reportTemplates from './2026-11-29T0200-report-templates.js';
import * as reportsSpeed from './2026-11-29T0400-reports-speed.js';
import * as instalmentFigures from './2026-11-29T0500-instalment-figures.js';
import * as monthlyStripes from './2026-11-29T0700-monthly-stripes.js';
import * as dashboardSpeed from './2026-11-29T0800-dashboard-speed.js';

/**
 * Every migration, by ISO-dated name (Kysely applies them in name order). A landed migration is frozen:
 * its name and its content never change.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-26T1000-foundation': foundation,
  '2026-11-26T1200-identity-audit-periods': identity,
  '2026-11-26T1300-auth': auth,
  '2026-11-26T2300-posting-speed': postingSpeed,
  '2026-11-27T0000-receivables': receivables,
  '2026-11-27T0100-receipt-speed': receiptSpeed,
  '2026-11-27T0600-intake-shared': intakeShared,
  '2026-11-27T0700-gateways': gateways,
  '2026-11-27T0710-statements': statements,
  '2026-11-27T0720-imports': imports,
  '2026-11-28T0100-outbox-alerts': outboxAlerts,
  '2026-11-28T0200-notifications': notifications,
  '2026-11-28T0300-ledger-daily': ledgerDaily,
  '2026-11-29T0100-alerts-ops': alertsOps,
  '2026-11-29T0200-report-templates': reportTemplates,
  '2026-11-29T0400-reports-speed': reportsSpeed,
  '2026-11-29T0500-instalment-figures': instalmentFigures,
  '2026-11-29T0700-monthly-stripes': monthlyStripes,
  '2026-11-29T0800-dashboard-speed': dashboardSpeed,
};

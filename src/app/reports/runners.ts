import type { Kysely } from 'kysely';
import type { Permission } from '../../core/auth/permissions.js';
import { KxError } from '../../core/errors.js';
import type { ReportKind } from '../../core/reports/templates.js';
import type { Actor } from '../actor.js';
import type { DB } from '../schema.js';
import { pivot, type PivotRequest, type PivotView } from './pivot.js';
import { reconciliationReport, type ReconciliationQuery, type ReconciliationView } from './reconciliation.js';
import { refundsReport, type RefundsQuery, type RefundsView } from './refunds.js';
import { unallocatedReport, type UnallocatedQuery, type UnallocatedView } from './unallocated.js';
import { agingReport, collectionReport, forecastReport, type AgingQuery, type AgingView, type CollectionQuery, type ForecastQuery } from './standard.js';

/** What a report of any kind answers (its own endpoint's response). */
export type ReportResult = PivotView | AgingView | Awaited<ReturnType<typeof collectionReport>> | Awaited<ReturnType<typeof forecastReport>>
  | RefundsView | UnallocatedView | ReconciliationView;

/**
 * Each kind of report a template can run, by the same app function as the report's own endpoint (so a
 * template's result is the endpoint's result), with the permission that function checks. A kind without a
 * runner answers report_kind_unavailable; adding a report is one line here.
 */
export interface ReportRunner {
  /** What the report itself requires (a scheduled run skips a recipient without it, and says so). */
  permission: Permission;
  run: (db: Kysely<DB>, actor: Actor, request: Record<string, unknown>) => Promise<ReportResult>;
}

export const reportRunners: Partial<Record<ReportKind, ReportRunner>> = {
  pivot: { permission: 'receipts.view', run: (db, actor, request) => pivot(db, actor, request as unknown as PivotRequest) },
  aging: { permission: 'receipts.view', run: (db, actor, request) => agingReport(db, actor, request as AgingQuery) },
  collection: { permission: 'receipts.view', run: (db, actor, request) => collectionReport(db, actor, request as CollectionQuery) },
  forecast: { permission: 'receipts.view', run: (db, actor, request) => forecastReport(db, actor, request as ForecastQuery) },
  refunds: { permission: 'receipts.view', run: (db, actor, request) => refundsReport(db, actor, request as RefundsQuery) },
  unallocated: { permission: 'receipts.view', run: (db, actor, request) => unallocatedReport(db, actor, request as UnallocatedQuery) },
  reconciliation: { permission: 'reconciliation.manage', run: (db, actor, request) => reconciliationReport(db, actor, request as ReconciliationQuery) },
};

export function runnerFor(kind: ReportKind): ReportRunner {
  const runner = reportRunners[kind];
  if (!runner) throw new KxError('report_kind_unavailable', `${kind} reports cannot be run from a template yet`, { details: { kind } });
  return runner;
}

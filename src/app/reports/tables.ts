import type { ColumnType } from 'kysely';
import type { ChartKind, DeliveryFormat, ReportKind, ScheduleFrequency, TemplateDefinition } from '../../core/reports/templates.js';

/*
 * Row types of the report template tables (migration 2026-11-29T0200-report-templates), kept beside the code
 * that owns them; src/app/schema.ts lists them in the DB interface.
 */

type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Json<T> = ColumnType<T, string, string>;

export interface ReportTemplatesTable {
  tenant_id: string;
  id: string;
  owner_id: string;
  name: string;
  description: Defaulted<string>;
  kind: ReportKind;
  definition: Json<TemplateDefinition>;
  chart: ChartKind;
  shared_roles: Defaulted<string[]>;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export interface ReportSchedulesTable {
  tenant_id: string;
  template_id: string;
  frequency: ScheduleFrequency;
  hour: number;
  weekday: number | null;
  day_of_month: number | null;
  format: DeliveryFormat;
  recipient_users: Defaulted<string[]>;
  recipient_roles: Defaulted<string[]>;
  webhook: Defaulted<boolean>;
  enabled: Defaulted<boolean>;
  next_run_at: Date | null;
  claimed_by: Defaulted<string | null>;
  claimed_until: Defaulted<Date | null>;
  last_run_at: Defaulted<Date | null>;
  last_run_outcome: Defaulted<'done' | 'failed' | null>;
  last_run_detail: Defaulted<string | null>;
  created_by: string | null;
  created_at: Defaulted<Date>;
  updated_at: Defaulted<Date>;
}

export type ReportDeliveryStatus = 'delivered' | 'skipped' | 'failed';

export interface ReportDeliveriesTable {
  tenant_id: string;
  id: string;
  template_id: string;
  template_name: string;
  run_at: Date;
  recipient_id: string;
  status: ReportDeliveryStatus;
  detail: string | null;
  format: DeliveryFormat;
  file_name: Defaulted<string>;
  content_type: Defaulted<string>;
  content: Buffer | null;
  row_count: number | null;
  created_at: Defaulted<Date>;
}

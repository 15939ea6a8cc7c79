import { sql, type Kysely, type RawBuilder } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { convertMinor, todayIn } from '../../core/receivables/index.js';
import { ratio } from '../../core/reports/kpi.js';
import { customerScope, nowFor, requirePermission, type Actor } from '../actor.js';
import { baseRateFor, requireCurrency, tenantRules, type TenantRules } from '../receivables/common.js';
import type { DB } from '../schema.js';
import { reportRange } from './range.js';

/**
 * Refunds by reason, channel or customer (GET /api/v1/reports/refunds): refunds paid in [from, to] (by their
 * paid date), refunds requested or approved in it that are not paid (still requested or approved now), and the
 * refund rate = paid ÷ money received in the range from the same group — the same customer, the same channel;
 * for a reason, all money received. Received is the pivot's `received` (cash in from confirmed receipts, less
 * voided ones, from the daily figures). Amounts in one currency: the one asked (only its refunds and receipts),
 * or every currency converted to the base currency at the latest rate on or before `to`, as the pivot does.
 */
export const refundGroupings = ['reason', 'channel', 'customer'] as const;
export type RefundGrouping = (typeof refundGroupings)[number];

export interface RefundsQuery {
  from?: string;
  to?: string;
  currency?: string;
  groupBy?: RefundGrouping;
}

interface Figures {
  paidCount: number;
  paid: bigint;
  pendingCount: number;
  pending: bigint;
}

export interface RefundsRow {
  key: string | null;
  label: string;
  paidCount: number;
  paid: string;
  pendingCount: number;
  pending: string;
  refundRate: string | null;
}

export interface RefundsView {
  currency: string;
  from: string;
  to: string;
  groupBy: RefundGrouping;
  rows: RefundsRow[];
  totals: Omit<RefundsRow, 'key' | 'label'>;
}

/** The group's key over refunds r, and over the daily figures d for what was received (null: one group). */
const refundKey: Record<RefundGrouping, RawBuilder<string | null>> = { reason: sql`r.reason_code`, channel: sql`r.paid_channel`, customer: sql`r.customer_id::text` };
const receivedKey: Record<RefundGrouping, RawBuilder<string | null>> = { reason: sql`null::text`, channel: sql`d.channel_key`, customer: sql`d.customer_key::text` };

export async function refundsReport(db: Kysely<DB>, actor: Actor, query: RefundsQuery): Promise<RefundsView> {
  requirePermission(actor, 'receipts.view');
  const rules = await tenantRules(db, actor.tenantId);
  const currency = query.currency === undefined ? rules.baseCurrency : requireCurrency(query.currency);
  const { from, to } = reportRange(query, todayIn(rules.timeZone, nowFor(actor)));
  const groupBy = query.groupBy ?? 'reason';
  const [refunds, received] = await Promise.all([refundRows(db, actor, rules, { from, to, currency: query.currency, groupBy }), receivedRows(db, actor, { from, to, currency: query.currency, groupBy })]);
  const convert = await converter(db, actor, rules, currency, query.currency === undefined, to, [...refunds, ...received].map((r) => r.currency));

  const groups = new Map<string | null, Figures>();
  for (const r of refunds) {
    const g = groups.get(r.key) ?? { paidCount: 0, paid: 0n, pendingCount: 0, pending: 0n };
    g.paidCount += Number(r.paid_count);
    g.paid += convert(BigInt(r.paid), r.currency);
    g.pendingCount += Number(r.pending_count);
    g.pending += convert(BigInt(r.pending), r.currency);
    groups.set(r.key, g);
  }
  if (groups.size > limits.pivotRowsMax) throw new KxError('report_too_large', `the report has ${groups.size} rows; at most ${limits.pivotRowsMax}: narrow the range or group by reason or channel`);
  const receivedBy = new Map<string | null, bigint>();
  for (const r of received) receivedBy.set(r.key, (receivedBy.get(r.key) ?? 0n) + convert(BigInt(r.received), r.currency));
  const allReceived = [...receivedBy.values()].reduce((a, b) => a + b, 0n);

  const names = groupBy === 'customer' ? await customerNames(db, actor.tenantId, [...groups.keys()].filter((k): k is string => k !== null)) : new Map<string, string>();
  const money = (minor: bigint) => formatAmount(minor, currency);
  const shown = (f: Figures, receivedMinor: bigint) => ({
    paidCount: f.paidCount, paid: money(f.paid), pendingCount: f.pendingCount, pending: money(f.pending), refundRate: ratio(f.paid, receivedMinor, 4),
  });
  const rows = [...groups].map(([key, f]) => ({ key, label: key === null ? '' : (names.get(key) ?? key), f }))
    .sort((a, b) => (a.f.paid !== b.f.paid ? (a.f.paid > b.f.paid ? -1 : 1) : a.f.pending !== b.f.pending ? (a.f.pending > b.f.pending ? -1 : 1) : a.label < b.label ? -1 : 1))
    .map(({ key, label, f }) => ({ key, label, ...shown(f, groupBy === 'reason' ? allReceived : (receivedBy.get(key) ?? 0n)) }));
  const total = [...groups.values()].reduce((t, f) => ({ paidCount: t.paidCount + f.paidCount, paid: t.paid + f.paid, pendingCount: t.pendingCount + f.pendingCount, pending: t.pending + f.pending }), { paidCount: 0, paid: 0n, pendingCount: 0, pending: 0n });
  return { currency, from, to, groupBy, rows, totals: shown(total, allReceived) };
}

interface Slice {
  from: string;
  to: string;
  /** Only this currency; undefined: all of them. */
  currency: string | undefined;
  groupBy: RefundGrouping;
}

function scopeOn(db: Kysely<DB>, actor: Actor, column: RawBuilder<unknown>) {
  return actor.dataScope === 'all' ? sql`` : sql`and ${column} in (${db.selectFrom('customers as c').select('c.id').where(customerScope(actor, 'c'))})`;
}

/** Paid in the range by paid date; pending: requested or approved in the range (tenant's days) and neither paid nor closed. */
async function refundRows(db: Kysely<DB>, actor: Actor, rules: TenantRules, s: Slice) {
  const day = (instant: RawBuilder<unknown>) => sql`(${instant} at time zone ${rules.timeZone})::date`;
  const inRange = (date: RawBuilder<unknown>) => sql`${date} between ${s.from}::date and ${s.to}::date`;
  const paid = sql`r.status = 'paid' and ${inRange(sql`r.paid_date`)}`;
  const pending = sql`r.status in ('requested', 'approved') and (${inRange(day(sql`r.requested_at`))} or ${inRange(day(sql`r.approved_at`))})`;
  const result = await sql<{ key: string | null; currency: string; paid_count: string; paid: string; pending_count: string; pending: string }>`
    select ${refundKey[s.groupBy]} as key, r.currency::text as currency,
           count(*) filter (where ${paid}) as paid_count, coalesce(sum(r.amount_minor) filter (where ${paid}), 0)::text as paid,
           count(*) filter (where ${pending}) as pending_count, coalesce(sum(r.amount_minor) filter (where ${pending}), 0)::text as pending
      from refunds r
     where r.tenant_id = ${actor.tenantId} and ((${paid}) or (${pending}))
       ${s.currency === undefined ? sql`` : sql`and r.currency = ${s.currency}`}
       ${scopeOn(db, actor, sql`r.customer_id`)}
     group by 1, 2
     limit ${limits.pivotRowsMax * 10 + 1}`.execute(db);
  return result.rows;
}

/** Cash in from confirmed receipts less voided ones in the range, per group and currency (the pivot's `received`). */
async function receivedRows(db: Kysely<DB>, actor: Actor, s: Slice) {
  const result = await sql<{ key: string | null; currency: string; received: string }>`
    select ${receivedKey[s.groupBy]} as key, d.currency::text as currency, sum(d.debit_minor - d.credit_minor)::text as received
      from ledger_daily d
      join accounts a on a.tenant_id = d.tenant_id and a.id = d.account_id
     where d.tenant_id = ${actor.tenantId} and d.day between ${s.from}::date and ${s.to}::date
       and a.code like 'cash:%' and d.source in ('receipt', 'receipt_void')
       ${s.currency === undefined ? sql`` : sql`and d.currency = ${s.currency}`}
       ${scopeOn(db, actor, sql`d.customer_key`)}
     group by 1, 2`.execute(db);
  return result.rows;
}

/**
 * Minor units of a currency → the report currency: unchanged when one currency was asked; else at the latest
 * rate on or before `day` (shared by the standard reports that convert).
 */
export async function converter(db: Kysely<DB>, actor: Actor, rules: TenantRules, currency: string, convertAll: boolean, day: string, currencies: string[]): Promise<(minor: bigint, from: string) => bigint> {
  if (!convertAll) return (minor) => minor;
  const rates = new Map<string, string>();
  for (const c of new Set(currencies)) rates.set(c, await baseRateFor(db, actor.tenantId, rules, c, day, undefined, 'currency'));
  return (minor, from) => convertMinor(minor, from, currency, rates.get(from)!);
}

export async function customerNames(db: Kysely<DB>, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('customers').select(['id', sql<string>`code || ' ' || name`.as('label')]).where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

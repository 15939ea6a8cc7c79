import { sql, type Kysely } from 'kysely';
import { formatRate, parseRate } from '../../core/receivables/index.js';
import { can, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { pageSize, toPage, type Page } from '../pagination.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { fail, requireCurrency, tenantRules } from './common.js';
import { positionOf, splitPosition } from './cursors.js';

/** Exchange rates to the tenant's base currency, one per currency and day (entered or imported). */
export interface FxRateView {
  currency: string;
  baseCurrency: string;
  rateDate: string;
  /** Units of the base currency per unit of `currency`, as a decimal string. */
  rate: string;
  source: string;
  createdBy: string | null;
  createdAt: string;
}

export interface FxRateInput {
  currency: string;
  rateDate: string;
  rate: string;
}

export interface FxRateFilter {
  currency?: string;
  cursor?: string;
  limit?: number;
}

/** Records the rate of a currency on a day; a second rate for the same day replaces the first (audited with both). */
export async function recordFxRate(db: Kysely<DB>, actor: Actor, input: FxRateInput): Promise<{ created: boolean; rate: FxRateView }> {
  requirePermission(actor, 'settings.manage');
  const currency = requireCurrency(input.currency);
  const rate = formatRate(parseRate(input.rate, 'rate'));
  const rules = await tenantRules(db, actor.tenantId);
  if (currency === rules.baseCurrency) throw fail('validation_failed', 'currency', `${currency} is the base currency: its rate is always 1`);
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('fx_rates')
      .select(sql<string>`rate::text`.as('rate'))
      .where('tenant_id', '=', actor.tenantId)
      .where('currency', '=', currency)
      .where('rate_date', '=', input.rateDate)
      .forUpdate()
      .executeTakeFirst();
    const row = await trx
      .insertInto('fx_rates')
      .values({ tenant_id: actor.tenantId, currency, rate_date: input.rateDate, rate, source: 'manual', created_by: actor.userId })
      .onConflict((oc) => oc.columns(['tenant_id', 'currency', 'rate_date']).doUpdateSet({ rate, source: 'manual', created_by: actor.userId, created_at: new Date() }))
      .returning(['currency', 'rate_date', sql<string>`rate::text`.as('rate'), 'source', 'created_by', 'created_at'])
      .executeTakeFirstOrThrow();
    const previous = before ? formatRate(parseRate(before.rate)) : null;
    if (previous !== rate) {
      await appendAudit(trx, actor, {
        action: previous === null ? 'fx_rate.recorded' : 'fx_rate.replaced',
        entityType: 'fx_rate',
        entityId: null,
        before: previous === null ? null : { currency, rateDate: input.rateDate, rate: previous },
        after: { currency, rateDate: input.rateDate, rate, baseCurrency: rules.baseCurrency },
      });
    }
    return { created: before === undefined, rate: view(row, rules.baseCurrency) };
  });
}

/** Rates latest first (then by currency); anyone who reads orders or receipts reads the rates they were booked at. */
export async function listFxRates(db: Kysely<DB>, actor: Actor, filter: FxRateFilter): Promise<Page<FxRateView>> {
  if (!can(actor, 'orders.view') && !can(actor, 'receipts.view')) requirePermission(actor, 'settings.manage');
  const size = pageSize(filter.limit);
  const position = positionOf(filter.cursor, (p) => /^\d{4}-\d{2}-\d{2}\|[A-Z]{3}$/.test(p));
  const rules = await tenantRules(db, actor.tenantId);
  let query = db
    .selectFrom('fx_rates')
    .select(['currency', 'rate_date', sql<string>`rate::text`.as('rate'), 'source', 'created_by', 'created_at'])
    .where('tenant_id', '=', actor.tenantId);
  if (filter.currency !== undefined) query = query.where('currency', '=', requireCurrency(filter.currency));
  if (position !== undefined) {
    const [date, currency] = splitPosition(position);
    query = query.where((eb) => eb.or([eb('rate_date', '<', date), eb.and([eb('rate_date', '=', date), eb('currency', '>', currency)])]));
  }
  const rows = await query.orderBy('rate_date', 'desc').orderBy('currency').limit(size + 1).execute();
  return toPage(rows, size, (r) => view(r, rules.baseCurrency), (r) => `${r.rate_date}|${r.currency}`);
}

type RateRow = { currency: string; rate_date: string; rate: string; source: string; created_by: string | null; created_at: Date };

function view(row: RateRow, baseCurrency: string): FxRateView {
  return {
    currency: row.currency,
    baseCurrency,
    rateDate: row.rate_date,
    rate: formatRate(parseRate(row.rate)),
    source: row.source,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

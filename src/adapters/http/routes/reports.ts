import { Type } from 'typebox';
import { pivot } from '../../../app/reports/pivot.js';
import { reconciliationReport } from '../../../app/reports/reconciliation.js';
import { refundGroupings, refundsReport } from '../../../app/reports/refunds.js';
import { agingGroupings, agingReport, collectionReport, collectionMonthsMax, forecastReport } from '../../../app/reports/standard.js';
import { unallocatedAgeDaysMax, unallocatedReport } from '../../../app/reports/unallocated.js';
import { limits } from '../../../core/limits.js';
import { pivotDimensions, pivotDimensionsMax, pivotMeasures } from '../../../core/reports/pivot.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Currency, Uuid } from './money-common.js';

const tags = ['reports'];
const Id = Type.String({ minLength: 36, maxLength: 36 });
const listOf = <T extends ReturnType<typeof Type.String>>(item: T) => Type.Optional(Type.Array(item, { maxItems: 100 }));
const Code = Type.String({ minLength: 1, maxLength: 100 });

export const PivotBody = Type.Object({
  dimensions: Type.Array(Type.Union(pivotDimensions.map((d) => Type.Literal(d))), { maxItems: pivotDimensionsMax, description: `0–${pivotDimensionsMax} dimensions, at most one of them a time one (day, week (ISO, Monday first), month, quarter, year of the business date)` }),
  measures: Type.Array(Type.Union(pivotMeasures.map((m) => Type.Literal(m))), { minItems: 1, maxItems: pivotMeasures.length }),
  from: Type.String({ maxLength: 10, description: 'first business date, inclusive' }),
  to: Type.String({ maxLength: 10, description: `last business date, inclusive; at most ${limits.reportDaysMax} days after from` }),
  currency: Type.Optional(Currency),
  filters: Type.Optional(Type.Object({
    customerIds: listOf(Id), ownerIds: listOf(Id), departmentIds: listOf(Id), productIds: listOf(Id),
    channels: listOf(Code), currencies: listOf(Code), kinds: listOf(Code), customerTags: listOf(Code),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const PivotResult = Type.Object({
  currency: Type.String(),
  from: Type.String(),
  to: Type.String(),
  rates: Type.Array(Type.Object({ currency: Type.String(), rate: Type.String() }), { description: 'rates to `currency` used (latest on or before `to`)' }),
  dimensions: Type.Array(Type.String()),
  measures: Type.Array(Type.String()),
  rows: Type.Array(Type.Object({
    keys: Type.Record(Type.String(), Type.String()),
    labels: Type.Record(Type.String(), Type.String()),
    values: Type.Record(Type.String(), Type.String()),
    drill: Type.Record(Type.String(), Type.String(), { description: 'query parameters of GET /api/v1/receipts listing the receipts behind the row' }),
  }), { maxItems: limits.pivotRowsMax }),
  totals: Type.Record(Type.String(), Type.String()),
});

const Ratio = Type.Union([Type.String(), Type.Null()]);
export const Aging = Type.Object({
  currency: Type.String(),
  asOf: Type.String({ format: 'date' }),
  basis: Type.Enum(['due', 'order']),
  groupBy: Type.Enum([...agingGroupings]),
  buckets: Type.Array(Type.String(), { description: 'not_due, then one label per bucket (1-30, 31-60, …, 90+)' }),
  rows: Type.Array(Type.Object({ key: Type.Union([Type.String(), Type.Null()]), label: Type.String(), amounts: Type.Array(Type.String()), total: Type.String() }), { maxItems: limits.pivotRowsMax }),
  totals: Type.Object({ amounts: Type.Array(Type.String()), total: Type.String() }),
});
export const Collection = Type.Object({
  currency: Type.String(),
  from: Type.String(),
  to: Type.String(),
  method: Type.String(),
  periods: Type.Array(Type.Object({
    month: Type.String(), due: Type.String(), received: Type.String(), collectionRate: Ratio, planCompletion: Ratio, onTimeRate: Ratio,
    openingReceivable: Type.String(), issued: Type.String(), closingReceivable: Type.String(), closingCurrent: Type.String(),
    dso: Ratio, cei: Ratio,
  }), { maxItems: collectionMonthsMax }),
});

const Week = { from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }), expected: Type.String() };
export const ForecastResult = Type.Object({
  currency: Type.String(),
  asOf: Type.String({ format: 'date' }),
  method: Type.String(),
  weeks: Type.Array(Type.Object(Week), { maxItems: 13 }),
  beyond: Type.String({ description: 'open amounts expected after the 13 weeks, or later than any past payment came' }),
  open: Type.String(),
  customersOwnHistory: Type.Integer(),
  customersTenantHistory: Type.Integer(),
  backtest: Type.Object({
    asOf: Type.String({ format: 'date' }),
    weeks: Type.Array(Type.Object({ ...Week, actual: Type.String() }), { maxItems: 13 }),
    wape: Type.Union([Type.String(), Type.Null()], { description: 'Σ|expected − actual| ÷ Σ actual; null when nothing arrived' }),
  }),
});

const RangeQuery = {
  from: Type.Optional(Type.String({ maxLength: 10, description: 'first business date, inclusive (default: the first day of the month 11 months before `to`)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: `last business date, inclusive (default: today); at most ${limits.reportDaysMax} days after from` })),
};
const refundFigures = {
  paidCount: Type.Integer({ description: 'refunds paid in the range (by paid date)' }),
  paid: Type.String(),
  pendingCount: Type.Integer({ description: 'requested or approved in the range, not paid (yet)' }),
  pending: Type.String(),
  refundRate: Type.Union([Type.String(), Type.Null()], { description: 'paid ÷ received from the same group in the range (per reason: all received), 4 places; null when nothing was received' }),
};
export const RefundsResult = Type.Object({
  currency: Type.String(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  groupBy: Type.Union([Type.Literal('reason'), Type.Literal('channel'), Type.Literal('customer')]),
  rows: Type.Array(Type.Object({ key: Type.Union([Type.String(), Type.Null()]), label: Type.String(), ...refundFigures }), { maxItems: limits.pivotRowsMax }),
  totals: Type.Object(refundFigures),
});
export const UnallocatedResult = Type.Object({
  currency: Type.String(),
  asOf: Type.String({ format: 'date' }),
  rows: Type.Array(Type.Object({
    receiptId: Type.String(), receiptNumber: Type.String(), customerId: Type.String(), customerName: Type.String(),
    receivedOn: Type.String({ format: 'date' }), ageDays: Type.Integer(),
    receiptCurrency: Type.String(), amount: Type.String(), unallocated: Type.String({ description: 'amount − allocated − refunded, in the receipt’s currency' }),
    unallocatedBase: Type.String({ description: 'unallocated in the report currency' }),
  }), { maxItems: limits.unallocatedReportRowsMax }),
  truncated: Type.Boolean({ description: `more receipts qualify than the ${limits.unallocatedReportRowsMax} listed; totals cover all of them` }),
  totals: Type.Object({ count: Type.Integer(), unallocatedBase: Type.String() }),
});
export const ReconciliationResult = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  statements: Type.Array(Type.Object({
    statementId: Type.String(), account: Type.String(), currency: Type.String(),
    periodFrom: Type.Union([Type.String(), Type.Null()]), periodTo: Type.Union([Type.String(), Type.Null()]), importedAt: Type.String(),
    lines: Type.Integer(), matched: Type.Integer(), ignored: Type.Integer(), unmatched: Type.Integer(),
    unmatchedAmount: Type.String({ description: 'credits on unmatched lines, in the statement’s currency' }),
    balanced: Type.Union([Type.Boolean(), Type.Null()], { description: 'opening + lines = closing over the whole file; null when it carried no balances' }),
  }), { maxItems: limits.pivotRowsMax }),
  totals: Type.Object({ statements: Type.Integer(), lines: Type.Integer(), matched: Type.Integer(), ignored: Type.Integer(), unmatched: Type.Integer() }),
  receiptsWithoutLine: Type.Object({ count: Type.Integer(), amountBase: Type.String() }, { description: 'confirmed bank-transfer receipts received in the range that no statement line claims, in the base currency' }),
});

const AgingQuery = Type.Object({
  currency: Type.Optional(Currency),
  buckets: Type.Optional(Type.String({ maxLength: 100, description: 'upper bounds in days, comma-separated (default 30,60,90)' })),
  basis: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('order')])),
  groupBy: Type.Optional(Type.Union(agingGroupings.map((g) => Type.Literal(g)))),
}, { additionalProperties: false });
const CollectionQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 10, description: 'a day of the first month (default: 11 months before `to`)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'a day of the last month (default: this month)' })),
  currency: Type.Optional(Currency),
}, { additionalProperties: false });
const ForecastQuery = Type.Object({
  currency: Type.Optional(Currency),
  backtestAsOf: Type.Optional(Type.String({ maxLength: 10, description: 'the past day the backtest forecasts from (default 13 weeks ago)' })),
}, { additionalProperties: false });
const RefundsQuery = Type.Object({
  ...RangeQuery,
  currency: Type.Optional(Currency),
  groupBy: Type.Optional(Type.Union(refundGroupings.map((g) => Type.Literal(g)))),
}, { additionalProperties: false });
const UnallocatedQuery = Type.Object({
  currency: Type.Optional(Currency),
  minAgeDays: Type.Optional(Type.Integer({ minimum: 0, maximum: unallocatedAgeDaysMax, description: 'only receipts at least this many days old (default 0)' })),
  customerId: Type.Optional(Uuid),
}, { additionalProperties: false });
const ReconciliationQuery = Type.Object(RangeQuery, { additionalProperties: false });

/** Each GET report's query, as its endpoint validates it (its export takes the same, plus format and lang). */
export const reportQueries = { aging: AgingQuery, collection: CollectionQuery, forecast: ForecastQuery, refunds: RefundsQuery, unallocated: UnallocatedQuery, reconciliation: ReconciliationQuery };

/** Reports: the pivot over the daily figures, and the standard reports. */
export async function reportRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  app.post('/api/v1/reports/pivot', {
    schema: {
      tags,
      summary: 'Pivot: receivable issued, received, refunded, net received, outstanding and receipt count along up to three dimensions, within your data scope',
      body: PivotBody,
      response: { 200: PivotResult },
    },
  }, async (request) => pivot(db, actorOf(request), request.body));

  app.get('/api/v1/reports/aging', {
    schema: {
      tags,
      summary: 'AR aging (账龄): unpaid instalments by days past due or since the order, per customer, owner or department',
      querystring: AgingQuery,
      response: { 200: Aging },
    },
  }, async (request) => agingReport(db, actorOf(request), request.query));

  app.get('/api/v1/reports/collection', {
    schema: {
      tags,
      summary: 'Per month: instalments due, received, 回款率, plan completion, on-time payment rate, DSO and CEI',
      querystring: CollectionQuery,
      response: { 200: Collection },
    },
  }, async (request) => collectionReport(db, actorOf(request), request.query));

  app.get('/api/v1/reports/forecast', {
    schema: {
      tags,
      summary: 'Collection forecast: expected cash-in per week for 13 weeks from open instalments and payment delays, with its method and a backtest',
      querystring: ForecastQuery,
      response: { 200: ForecastResult },
    },
  }, async (request) => forecastReport(db, actorOf(request), request.query));

  app.get('/api/v1/reports/refunds', {
    schema: {
      tags,
      summary: 'Refunds by reason, channel or customer: paid and pending in the range, and the refund rate against money received',
      querystring: RefundsQuery,
      response: { 200: RefundsResult },
    },
  }, async (request) => refundsReport(db, actorOf(request), request.query));

  app.get('/api/v1/reports/unallocated', {
    schema: {
      tags,
      summary: 'Unallocated receipts: confirmed receipts with money neither applied to an order nor refunded, oldest first, with their age',
      querystring: UnallocatedQuery,
      response: { 200: UnallocatedResult },
    },
  }, async (request) => unallocatedReport(db, actorOf(request), request.query));

  app.get('/api/v1/reports/reconciliation', {
    schema: {
      tags,
      summary: 'Reconciliation status: statements imported in the range with their lines by status, and bank receipts no statement line matched',
      querystring: ReconciliationQuery,
      response: { 200: ReconciliationResult },
    },
  }, async (request) => reconciliationReport(db, actorOf(request), request.query));
}

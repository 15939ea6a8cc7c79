import { Type } from 'typebox';
import { pivot } from '../../../app/reports/pivot.js';
import { limits } from '../../../core/limits.js';
import { pivotDimensions, pivotDimensionsMax, pivotMeasures } from '../../../core/reports/pivot.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Currency } from './money-common.js';

const tags = ['reports'];
const Id = Type.String({ minLength: 36, maxLength: 36 });
const listOf = <T extends ReturnType<typeof Type.String>>(item: T) => Type.Optional(Type.Array(item, { maxItems: 100 }));
const Code = Type.String({ minLength: 1, maxLength: 100 });

const PivotBody = Type.Object({
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

const PivotResult = Type.Object({
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

/** Reports: the pivot over the daily figures. */
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
}

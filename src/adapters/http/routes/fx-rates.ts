import { Type } from 'typebox';
import { listFxRates, recordFxRate } from '../../../app/receivables/fx-rates.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { BusinessDate, Currency, decimalsAreStrings, NullableUuid, PageQuery } from './money-common.js';

const tags = ['fx-rates'];

const FxRate = Type.Object({
  currency: Type.String(),
  baseCurrency: Type.String(),
  rateDate: Type.String({ format: 'date' }),
  rate: Type.String({ description: 'units of the base currency per unit of currency, decimal string' }),
  source: Type.String(),
  createdBy: NullableUuid,
  createdAt: Type.String({ format: 'date-time' }),
});

/** Exchange rates to the base currency: one per currency and day, used when orders and receipts are booked. */
export async function fxRateRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.post('/api/v1/fx-rates', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Record the rate of a currency on a day (201); the same day again replaces it (200)',
      body: Type.Object({
        currency: Currency,
        rateDate: BusinessDate,
        rate: Type.String({ minLength: 1, maxLength: 30, description: 'e.g. "7.1234": at most 10 decimals, never a JSON number' }),
      }, { additionalProperties: false }),
      response: { 200: FxRate, 201: FxRate },
    },
  }, async (request, reply) => {
    const { created, rate } = await recordFxRate(db, actorOf(request), request.body);
    return reply.code(created ? 201 : 200).send(rate);
  });

  app.get('/api/v1/fx-rates', {
    schema: {
      tags,
      summary: 'Recorded rates, latest first',
      querystring: Type.Object({ currency: Type.Optional(Currency), ...PageQuery }),
      response: { 200: Type.Object({ items: Type.Array(FxRate), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listFxRates(db, actorOf(request), request.query));
}

import { Type } from 'typebox';
import { limits } from '../../../core/limits.js';
import { closePeriod, listPeriods, reopenPeriod, reopenReasonCharsMax } from '../../../app/admin/periods.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const Period = Type.Object({
  month: Type.String({ description: 'YYYY-MM' }),
  status: Type.Enum(['open', 'closed']),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  closedBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  reopenedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  reopenedBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  reopenReason: Type.Union([Type.String(), Type.Null()]),
});

// The shape is checked in the app layer, so a bad month is a field error of the same form from every caller.
const Month = Type.Object({ month: Type.String({ maxLength: 7, description: 'YYYY-MM' }) });

const tags = ['periods'];

/** Accounting periods (结账): a closed month accepts no posting dated inside it. */
export async function periodRoutes(app: KxApp, { database }: RouteDeps): Promise<void> {
  const { db } = database;

  app.get('/api/v1/periods', {
    schema: {
      tags,
      summary: 'Months with their status, newest first',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Period), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listPeriods(db, actorOf(request), request.query));

  app.post('/api/v1/periods/:month/close', {
    schema: { tags, summary: 'Close a month (periods.close): nothing may be posted with a date inside it any more', params: Month, response: { 200: Period } },
  }, async (request) => closePeriod(db, actorOf(request), request.params.month));

  app.post('/api/v1/periods/:month/reopen', {
    schema: {
      tags,
      summary: 'Reopen a closed month (periods.reopen, administrators only) with a reason',
      params: Month,
      body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: reopenReasonCharsMax * 2 })) }, { additionalProperties: false }),
      response: { 200: Period },
    },
    // A request without any body lacks the reason: answer that (reason_required), not "body must be object".
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request) => reopenPeriod(db, actorOf(request), request.params.month, request.body.reason));
}

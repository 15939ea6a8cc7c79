import { Type } from 'typebox';
import { customerStatement, statementMovementsMax, statementRangeDaysMax } from '../../../app/customer-statement.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Currency, IdParams, NullableUuid, Uuid } from './money-common.js';

const tags = ['customers'];
const Kind = Type.Union([
  Type.Literal('order_confirmed'), Type.Literal('receipt'), Type.Literal('allocation'), Type.Literal('receipt_void'),
  Type.Literal('refund'), Type.Literal('credit_note'), Type.Literal('write_off'),
]);

const Statement = Type.Object({
  customer: Type.Object({ id: Uuid, code: Type.String(), name: Type.String() }),
  currency: Type.String(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  openingBalance: Type.String({ description: 'owed net of advance before `from`: accounts_receivable minus customer_advances (negative: paid ahead)' }),
  movements: Type.Array(Type.Object({
    date: Type.String({ format: 'date', description: 'posting date of the journal entry' }),
    kind: Kind,
    entryId: Uuid,
    sourceType: Type.Union([Type.Literal('order'), Type.Literal('receipt'), Type.Literal('refund'), Type.Literal('adjustment'), Type.Null()]),
    sourceId: NullableUuid,
    reference: Type.Union([Type.String({ description: 'the document number: OD-…, RC-…, RF-…, AJ-…' }), Type.Null()]),
    memo: Type.String(),
    debit: Type.String({ description: 'raises what the customer owes' }),
    credit: Type.String({ description: 'lowers what the customer owes' }),
    balance: Type.String({ description: 'running balance after this movement' }),
  })),
  totals: Type.Object({ debit: Type.String(), credit: Type.String() }),
  closingBalance: Type.String({ description: 'openingBalance + totals.debit − totals.credit' }),
  truncated: Type.Boolean({ description: 'more movements than `limit`: totals and closing balance still count them all' }),
  movementCount: Type.Integer(),
  currencies: Type.Array(Type.String()),
});

/** GET /customers/:id/statement — the customer statement (对账单) from the journal. */
export async function customerStatementRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  app.get('/api/v1/customers/:id/statement', {
    schema: {
      tags,
      summary: 'Customer statement (对账单): opening balance, movements from the journal with a running balance, closing balance',
      params: IdParams,
      querystring: Type.Object({
        currency: Type.Optional(Currency),
        from: Type.Optional(Type.String({ maxLength: 10, description: `first business date, inclusive (default: the first of the current month in the tenant's time zone)` })),
        to: Type.Optional(Type.String({ maxLength: 10, description: `last business date, inclusive (default: the end of that month); at most ${statementRangeDaysMax} days` })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: statementMovementsMax, description: 'movements listed at most (default 500)' })),
      }),
      response: { 200: Statement },
    },
  }, async (request) => customerStatement(db, actorOf(request), request.params.id, request.query));
}

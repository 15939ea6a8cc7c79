import { Type } from 'typebox';
import { adjustmentReasons, approveAdjustment, cancelAdjustment, getAdjustment, listAdjustments, rejectAdjustment, requestAdjustment } from '../../../app/receivables/adjustments.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Amount, BusinessDate, Currency, decimalsAreStrings, IdempotencyHeaders, IdParams, idempotencyKeyOf, NullableString, PageQuery, ReasonBody, sendOutcome, Uuid } from './money-common.js';

const tags = ['adjustments'];
const Kind = Type.Enum(['credit_note', 'write_off']);
const Status = Type.Enum(['requested', 'approved', 'rejected', 'cancelled']);
const Reason = Type.Enum([...adjustmentReasons], {
  description: 'credit_note: order_cancelled, order_reduced, price_adjustment, other; write_off: small_difference, bad_debt, other',
});

const Adjustment = Type.Object({
  id: Uuid,
  number: Type.String({ description: 'CN-YYYY-nnnnnn or WO-YYYY-nnnnnn' }),
  kind: Kind,
  orderId: Uuid,
  orderNumber: Type.String(),
  orderStatus: Type.Enum(['draft', 'confirmed', 'completed', 'cancelled']),
  customerId: Uuid,
  customerCode: Type.String(),
  customerName: Type.String(),
  currency: Type.String(),
  amount: Type.String({ description: 'decimal string in major units of the order’s currency' }),
  reasonCode: Type.String(),
  reasonText: Type.String(),
  status: Status,
  requestedBy: NullableString,
  requestedAt: Type.String({ format: 'date-time' }),
  approvedBy: NullableString,
  approvedAt: NullableString,
  closedBy: NullableString,
  closedAt: NullableString,
  closeReason: NullableString,
  entryId: NullableString,
});


/** Credit notes (order cancelled or reduced) and write-offs of small differences (核销), each approved by another person. */
export async function adjustmentRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/adjustments', {
    schema: {
      tags,
      summary: 'List credit notes and write-offs of the customers you may see, newest first',
      querystring: Type.Object({
        kind: Type.Optional(Kind),
        status: Type.Optional(Status),
        customer: Type.Optional(Uuid),
        owner: Type.Optional(Uuid),
        department: Type.Optional(Type.String({ format: 'uuid', description: 'this department and its sub-departments' })),
        order: Type.Optional(Uuid),
        reasonCode: Type.Optional(Reason),
        from: Type.Optional(BusinessDate),
        to: Type.Optional(BusinessDate),
        currency: Type.Optional(Currency),
        minAmount: Type.Optional(Amount),
        maxAmount: Type.Optional(Amount),
        sort: Type.Optional(Type.Enum(['newest', 'oldest'])),
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Adjustment), nextCursor: NullableString }) },
    },
  }, async (request) => listAdjustments(db, actorOf(request), request.query));

  app.get('/api/v1/adjustments/:id', {
    schema: { tags, summary: 'One credit note or write-off', params: IdParams, response: { 200: Adjustment } },
  }, async (request) => getAdjustment(db, actorOf(request), request.params.id));

  app.post('/api/v1/adjustments', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Request a credit note (orders.manage) or a write-off (receivables.write_off) on a confirmed order',
      headers: IdempotencyHeaders,
      body: Type.Object({
        kind: Kind,
        orderId: Uuid,
        amount: Amount,
        reasonCode: Reason,
        reasonText: Type.Optional(Type.String({ maxLength: limits.remarksCharsMax })),
      }, { additionalProperties: false }),
      response: { 201: Adjustment },
    },
  }, async (request, reply) => sendOutcome(reply, await requestAdjustment(db, actorOf(request), request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/adjustments/:id/approve', {
    schema: { tags, summary: 'Approve (receivables.write_off; not the requester): reduces or settles the order and posts', params: IdParams, headers: IdempotencyHeaders, response: { 200: Adjustment } },
  }, async (request, reply) => sendOutcome(reply, await approveAdjustment(db, actorOf(request), request.params.id, idempotencyKeyOf(request))));

  app.post('/api/v1/adjustments/:id/reject', {
    schema: { tags, summary: 'Reject a requested credit note or write-off, with a reason', params: IdParams, headers: IdempotencyHeaders, body: ReasonBody, response: { 200: Adjustment } },
  }, async (request, reply) => sendOutcome(reply, await rejectAdjustment(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/adjustments/:id/cancel', {
    schema: { tags, summary: 'Cancel a requested credit note or write-off, with a reason', params: IdParams, headers: IdempotencyHeaders, body: ReasonBody, response: { 200: Adjustment } },
  }, async (request, reply) => sendOutcome(reply, await cancelAdjustment(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));
}

import { Type } from 'typebox';
import { approveRefund, cancelRefund, getRefund, listRefunds, payRefund, refundableOf, refundChannels, refundReasons, rejectRefund, requestRefund } from '../../../app/receivables/refunds.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Amount, BusinessDate, Currency, IdempotencyHeaders, IdParams, idempotencyKeyOf, NullableString, PageQuery, ReasonBody, sendOutcome, Uuid, decimalsAreStrings } from './money-common.js';

const tags = ['refunds'];
const Reason = Type.Enum([...refundReasons]);
const Channel = Type.Enum([...refundChannels]);
const Status = Type.Enum(['requested', 'approved', 'paid', 'rejected', 'cancelled']);

const Refund = Type.Object({
  id: Uuid,
  number: Type.String({ description: 'RF-YYYY-nnnnnn' }),
  customerId: Uuid,
  customerCode: Type.String(),
  customerName: Type.String(),
  receiptId: Type.Union([Uuid, Type.Null()], { description: 'null: from the advance balance (see sources)' }),
  receiptNumber: NullableString,
  currency: Type.String(),
  amount: Type.String({ description: 'decimal string in major units' }),
  reasonCode: Reason,
  reasonText: Type.String(),
  status: Status,
  approvalsNeeded: Type.Integer({ minimum: 1, maximum: 2 }),
  approvals: Type.Integer({ minimum: 0, maximum: 2 }),
  requestedBy: NullableString,
  requestedAt: Type.String({ format: 'date-time' }),
  firstApprovedBy: NullableString,
  firstApprovedAt: NullableString,
  approvedBy: NullableString,
  approvedAt: NullableString,
  closedBy: NullableString,
  closedAt: NullableString,
  closeReason: NullableString,
  paidChannel: NullableString,
  paidExternalRef: NullableString,
  paidDate: NullableString,
  approveEntryId: NullableString,
  payEntryId: NullableString,
  sources: Type.Array(Type.Object({ receiptId: Uuid, receiptNumber: Type.String(), amount: Type.String() })),
});

const Refundable = Type.Object({
  customerId: Uuid,
  currency: Type.String(),
  receiptId: Type.Union([Uuid, Type.Null()]),
  refundable: Type.String({ description: 'decimal string in major units: what can still be refunded' }),
  receipts: Type.Array(Type.Object({
    receiptId: Uuid, number: Type.String(), receivedDate: Type.String(), amount: Type.String(), allocated: Type.String(), held: Type.String(), refundable: Type.String(),
  })),
});


/** The filters of the refund list (also the filters of its export, /exports/…). */
export const RefundListFilters = {
  customer: Type.Optional(Uuid),
  owner: Type.Optional(Uuid),
  department: Type.Optional(Type.String({ format: 'uuid', description: 'this department and its sub-departments' })),
  receipt: Type.Optional(Uuid),
  status: Type.Optional(Status),
  reasonCode: Type.Optional(Reason),
  channel: Type.Optional(Channel),
  awaitingMyApproval: Type.Optional(Type.Boolean({ description: 'only refunds you could approve now' })),
  from: Type.Optional(BusinessDate),
  to: Type.Optional(BusinessDate),
  currency: Type.Optional(Currency),
  minAmount: Type.Optional(Amount),
  maxAmount: Type.Optional(Amount),
  sort: Type.Optional(Type.Enum(['newest', 'oldest'])),
};

/** Refunds (退款): request → approve (one or two approvers) → pay, or reject / cancel. */
export async function refundRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/refunds', {
    schema: {
      tags,
      summary: 'List refunds of the customers you may see, newest first',
      querystring: Type.Object({
        ...RefundListFilters,
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Refund), nextCursor: NullableString }) },
    },
  }, async (request) => listRefunds(db, actorOf(request), request.query));

  app.get('/api/v1/refunds/refundable', {
    schema: {
      tags,
      summary: 'What can still be refunded: from one receipt, or from a customer’s advance balance in a currency',
      querystring: Type.Object({ receiptId: Type.Optional(Uuid), customerId: Type.Optional(Uuid), currency: Type.Optional(Currency) }, { additionalProperties: false }),
      response: { 200: Refundable },
    },
  }, async (request) => refundableOf(db, actorOf(request), request.query));

  app.get('/api/v1/refunds/:id', {
    schema: { tags, summary: 'One refund with the receipts it draws on', params: IdParams, response: { 200: Refund } },
  }, async (request) => getRefund(db, actorOf(request), request.params.id));

  app.post('/api/v1/refunds', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Request a refund from a receipt, or (without receiptId) from the customer’s advance balance',
      headers: IdempotencyHeaders,
      body: Type.Object({
        customerId: Uuid,
        receiptId: Type.Optional(Uuid),
        amount: Amount,
        currency: Currency,
        reasonCode: Reason,
        reasonText: Type.Optional(Type.String({ maxLength: limits.remarksCharsMax })),
      }, { additionalProperties: false }),
      response: { 201: Refund },
    },
  }, async (request, reply) => sendOutcome(reply, await requestRefund(db, actorOf(request), request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/refunds/:id/approve', {
    schema: { tags, summary: 'Approve (another person than the requester; above the tenant threshold, two different approvers)', params: IdParams, headers: IdempotencyHeaders, response: { 200: Refund } },
  }, async (request, reply) => sendOutcome(reply, await approveRefund(db, actorOf(request), request.params.id, idempotencyKeyOf(request))));

  app.post('/api/v1/refunds/:id/reject', {
    schema: { tags, summary: 'Reject a requested or approved (unpaid) refund, with a reason', params: IdParams, headers: IdempotencyHeaders, body: ReasonBody, response: { 200: Refund } },
  }, async (request, reply) => sendOutcome(reply, await rejectRefund(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/refunds/:id/cancel', {
    schema: { tags, summary: 'Cancel a requested or approved (unpaid) refund, with a reason', params: IdParams, headers: IdempotencyHeaders, body: ReasonBody, response: { 200: Refund } },
  }, async (request, reply) => sendOutcome(reply, await cancelRefund(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/refunds/:id/pay', {
    schema: {
      tags,
      summary: 'Record the payment of an approved refund',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: Type.Object({
        channel: Channel,
        externalRef: Type.Optional(Type.String({ maxLength: limits.referenceCharsMax })),
        paidDate: BusinessDate,
      }, { additionalProperties: false }),
      response: { 200: Refund },
    },
  }, async (request, reply) => sendOutcome(reply, await payRefund(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));
}

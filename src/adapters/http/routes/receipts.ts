import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { applyAdvance, customerAdvances } from '../../../app/receivables/receipt-advances.js';
import { allocateReceipt, allocationHistory, deallocateReceipt } from '../../../app/receivables/receipt-allocations.js';
import { getReceipt, listReceipts } from '../../../app/receivables/receipt-list.js';
import { voidReceipt } from '../../../app/receivables/receipt-void.js';
import { confirmReceipt, createReceipt, rejectReceipt } from '../../../app/receivables/receipts.js';
import { receiptChannels } from '../../../core/ledger/chart.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Amount, BusinessDate, Currency, IdempotencyHeaders, IdParams, idempotencyKeyOf, NullableString, NullableUuid, PageQuery, sendOutcome, Uuid, decimalsAreStrings } from './money-common.js';

const tags = ['receipts'];
/** A string out of a fixed list (the TypeBox type keeps the literal union for the handlers). */
const oneOf = <T extends string>(values: readonly T[]) => Type.Unsafe<T>(Type.String({ enum: [...values] }));
const Channel = oneOf(receiptChannels);
const Status = oneOf(['pending', 'confirmed', 'rejected', 'voided'] as const);
const Kind = oneOf(['order_payment', 'prepayment'] as const);
const Rate = Type.String({ minLength: 1, maxLength: 30, description: 'decimal string, at most 10 decimals, e.g. "7.1234"' });
const Text = (maxLength: number) => Type.String({ maxLength });

const AllocationInput = Type.Object({
  orderId: Uuid,
  instalmentId: Type.Optional(Uuid),
  amount: Type.String({ ...Amount, description: 'in the order’s currency' }),
  exchangeRate: Type.Optional(Type.String({ ...Rate, description: 'only for an order in another currency: units of the order’s currency per unit of the receipt’s' })),
}, { additionalProperties: false });
const Allocations = Type.Array(AllocationInput, { maxItems: limits.allocationsPerRequestMax });
const AllocationChoice = Type.Object({ allocations: Type.Optional(Allocations), autoAllocate: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const Attachment = Type.Object({
  name: Type.String({ minLength: 1, maxLength: limits.nameCharsMax }),
  url: Type.Optional(Type.String({ maxLength: 2_000 })),
  sizeBytes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 ** 12 })),
  contentType: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

const NewReceipt = Type.Object({
  customerId: Uuid,
  kind: Kind,
  amount: Amount,
  currency: Currency,
  channel: Channel,
  receivedDate: BusinessDate,
  payerName: Type.Optional(Text(limits.nameCharsMax)),
  payerAccount: Type.Optional(Text(limits.referenceCharsMax)),
  externalRef: Type.Optional(Text(limits.referenceCharsMax)),
  remarks: Type.Optional(Text(limits.remarksCharsMax)),
  attachments: Type.Optional(Type.Array(Attachment, { maxItems: limits.receiptAttachmentsMax })),
  allocations: Type.Optional(Allocations),
  autoAllocate: Type.Optional(Type.Boolean()),
  exchangeRate: Type.Optional(Type.String({ ...Rate, description: 'base-currency units per unit of the receipt’s currency; else the recorded rate of the received date' })),
  confirm: Type.Optional(Type.Boolean({ description: 'confirm at once (self-confirmation): needs receipts.confirm and a tenant that allows it' })),
}, { additionalProperties: false });

const Customer = Type.Object({ id: Uuid, code: Type.String(), name: Type.String(), ownerId: NullableUuid, departmentId: NullableUuid });
const summaryFields = {
  id: Uuid,
  number: Type.String({ description: 'RC-YYYY-nnnnnn' }),
  customer: Customer,
  kind: Kind,
  status: Status,
  currency: Type.String(),
  amount: Type.String(),
  channel: Type.String(),
  receivedDate: Type.String(),
  payerName: Type.String(),
  payerAccount: Type.String(),
  externalRef: Type.String(),
  allocated: Type.String({ description: 'applied to orders, net of take-backs' }),
  advance: Type.String({ description: 'the advance part (预收): amount − allocated − held by refunds' }),
  refundHeld: Type.String(),
  refunded: Type.String(),
  refundable: Type.String(),
  source: oneOf(['manual', 'gateway', 'statement', 'import'] as const),
  sourceRef: NullableString,
  reconciledAt: NullableString,
  baseRate: NullableString,
  baseAmount: NullableString,
  createdAt: Type.String(),
};
const ReceiptSummary = Type.Object(summaryFields);
const Receipt = Type.Object({
  ...summaryFields,
  remarks: Type.String(),
  attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.Optional(Type.String()), sizeBytes: Type.Optional(Type.Integer()), contentType: Type.Optional(Type.String()) })),
  baseCurrency: Type.String(),
  requestedAllocations: Type.Array(Type.Object({ orderId: Uuid, orderNumber: Type.String(), instalmentId: NullableUuid, amount: Type.String(), currency: Type.String(), exchangeRate: NullableString })),
  autoAllocate: Type.Boolean(),
  allocations: Type.Array(Type.Object({ orderId: Uuid, orderNumber: Type.String(), currency: Type.String(), amount: Type.String(), receiptAmount: Type.String() })),
  entryId: NullableUuid,
  voidEntryId: NullableUuid,
  statusReason: NullableString,
  createdBy: NullableUuid,
  confirmedBy: NullableUuid,
  confirmedAt: NullableString,
  rejectedBy: NullableUuid,
  rejectedAt: NullableString,
  voidedBy: NullableUuid,
  voidedAt: NullableString,
});

const History = Type.Object({
  receiptId: Uuid,
  receiptNumber: Type.String(),
  items: Type.Array(Type.Object({
    id: Uuid,
    kind: oneOf(['allocate', 'deallocate', 'void'] as const),
    orderId: Uuid,
    orderNumber: Type.String(),
    instalmentId: NullableUuid,
    instalmentSeq: Type.Union([Type.Integer(), Type.Null()]),
    instalmentDueDate: NullableString,
    amount: Type.String({ description: 'signed, in the order’s currency' }),
    currency: Type.String(),
    receiptAmount: Type.String({ description: 'signed, in the receipt’s currency' }),
    receiptCurrency: Type.String(),
    rate: NullableString,
    entryId: Uuid,
    createdBy: NullableUuid,
    createdByLogin: NullableString,
    createdAt: Type.String(),
  })),
});

const AdvanceBalance = Type.Object({
  currency: Type.String(),
  balance: Type.String({ description: 'not applied and not refunded' }),
  held: Type.String({ description: 'held by open refunds' }),
  available: Type.String(),
  receipts: Type.Array(Type.Object({ id: Uuid, number: Type.String(), receivedDate: Type.String(), amount: Type.String(), allocated: Type.String(), refundHeld: Type.String(), refunded: Type.String(), available: Type.String() })),
});
const Advances = Type.Object({ customerId: Uuid, advances: Type.Array(AdvanceBalance) });
const AppliedAdvance = Type.Object({
  customerId: Uuid,
  entryId: Uuid,
  applied: Type.Array(Type.Object({ receiptId: Uuid, receiptNumber: Type.String(), orderId: Uuid, orderNumber: Type.String(), instalmentId: Uuid, amount: Type.String(), currency: Type.String() })),
  advances: Type.Array(AdvanceBalance),
});

/** Confirming "as the maker asked" and "take everything back" need no body: none counts as an empty one. */
async function noBodyIsEmpty(request: FastifyRequest): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}

const Reason = Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false });

/** The filters of the receipt list (also the filters of its export, /exports/…). */
export const ReceiptListFilters = {
  customer: Type.Optional(Uuid),
  owner: Type.Optional(Uuid),
  department: Type.Optional(Uuid),
  channel: Type.Optional(Channel),
  status: Type.Optional(Status),
  kind: Type.Optional(Kind),
  currency: Type.Optional(Currency),
  receivedFrom: Type.Optional(BusinessDate),
  receivedTo: Type.Optional(BusinessDate),
  amountMin: Type.Optional(Type.String({ ...Amount, description: 'in `currency` (required with an amount range)' })),
  amountMax: Type.Optional(Type.String({ ...Amount, description: 'in `currency` (required with an amount range)' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the number, payer name or external reference' })),
  sort: Type.Optional(oneOf(['receivedDate', '-receivedDate', 'amount', '-amount'] as const)),
};

/** Receipts (回款), their allocation to orders, voids, and customers' advance balances (预收款). */
export async function receiptRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.post('/api/v1/receipts', {
    preValidation: decimalsAreStrings,
    schema: { tags, summary: 'Enter a receipt (pending review), optionally with allocations; confirm: true confirms at once where self-confirmation is allowed', headers: IdempotencyHeaders, body: NewReceipt, response: { 201: Receipt } },
  }, async (request, reply) => sendOutcome(reply, await createReceipt(db, actorOf(request), request.body, idempotencyKeyOf(request))));

  app.get('/api/v1/receipts', {
    schema: {
      tags,
      summary: 'Receipts you may see, filtered and sorted (cursor pagination)',
      querystring: Type.Object({
        ...ReceiptListFilters,
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(ReceiptSummary), nextCursor: NullableString }) },
    },
  }, async (request) => listReceipts(db, actorOf(request), request.query));

  app.get('/api/v1/receipts/:id', {
    schema: { tags, summary: 'One receipt: amounts allocated, advance part, refundable, status, allocations per order', params: IdParams, response: { 200: Receipt } },
  }, async (request) => getReceipt(db, actorOf(request), request.params.id));

  app.post('/api/v1/receipts/:id/confirm', {
    preValidation: [noBodyIsEmpty, decimalsAreStrings],
    schema: { tags, summary: 'Confirm a pending receipt (someone other than who entered it): posts it with its allocations', params: IdParams, headers: IdempotencyHeaders, body: AllocationChoice, response: { 200: Receipt } },
  }, async (request, reply) => sendOutcome(reply, await confirmReceipt(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/receipts/:id/reject', {
    schema: { tags, summary: 'Reject a pending receipt, with a reason (nothing is posted)', params: IdParams, headers: IdempotencyHeaders, body: Reason, response: { 200: Receipt } },
  }, async (request, reply) => sendOutcome(reply, await rejectReceipt(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/receipts/:id/allocations', {
    preValidation: decimalsAreStrings,
    schema: { tags, summary: 'Allocate the receipt’s advance part to orders (by hand, or oldest due first)', params: IdParams, headers: IdempotencyHeaders, body: AllocationChoice, response: { 200: Receipt } },
  }, async (request, reply) => sendOutcome(reply, await allocateReceipt(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.get('/api/v1/receipts/:id/allocations', {
    schema: { tags, summary: 'The receipt’s allocation history: every row, signed, with who and when', params: IdParams, response: { 200: History } },
  }, async (request) => allocationHistory(db, actorOf(request), request.params.id));

  app.post('/api/v1/receipts/:id/deallocations', {
    preValidation: [noBodyIsEmpty, decimalsAreStrings],
    schema: {
      tags,
      summary: 'Take allocations back to the receipt’s advance part (all of them, an order’s, an instalment’s, or an amount of it)',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: Type.Object({ orderId: Type.Optional(Uuid), instalmentId: Type.Optional(Uuid), amount: Type.Optional(Type.String({ ...Amount, description: 'in the order’s currency' })) }, { additionalProperties: false }),
      response: { 200: Receipt },
    },
  }, async (request, reply) => sendOutcome(reply, await deallocateReceipt(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/receipts/:id/void', {
    schema: { tags, summary: 'Void (作废) a confirmed receipt with a reason: takes back its allocations and reverses its money', params: IdParams, headers: IdempotencyHeaders, body: Reason, response: { 200: Receipt } },
  }, async (request, reply) => sendOutcome(reply, await voidReceipt(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.get('/api/v1/customers/:id/advances', {
    schema: { tags, summary: 'A customer’s advance balance (预收) per currency: balance, held by open refunds, available, and the receipts it comes from', params: IdParams, response: { 200: Advances } },
  }, async (request) => customerAdvances(db, actorOf(request), request.params.id));

  app.post('/api/v1/customers/:id/advances/apply', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Apply a customer’s advance to an order, or to all open orders oldest due first (auto), drawing on receipts oldest first',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: Type.Object({ orderId: Type.Optional(Uuid), amount: Type.Optional(Amount), currency: Type.Optional(Currency), auto: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: AppliedAdvance },
    },
  }, async (request, reply) => sendOutcome(reply, await applyAdvance(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));
}

import { Type } from 'typebox';
import { listOrders, orderSorts } from '../../../app/receivables/order-list.js';
import { getOrder } from '../../../app/receivables/order-views.js';
import { cancelDraft, confirmOrder, createOrder, updateDraft } from '../../../app/receivables/orders.js';
import { replacePlan } from '../../../app/receivables/plans.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Amount, BusinessDate, Currency, decimalsAreStrings, IdempotencyHeaders, idempotencyKeyOf, IdParams, NullableString, NullableUuid, PageQuery, sendOutcome, Uuid } from './money-common.js';

const tags = ['orders'];
const Status = Type.Union([Type.Literal('draft'), Type.Literal('confirmed'), Type.Literal('completed'), Type.Literal('cancelled')]);

const summaryFields = {
  id: Uuid,
  number: Type.String({ description: 'OD-YYYY-nnnnnn' }),
  customerId: Uuid,
  customerCode: Type.String(),
  customerName: Type.String(),
  title: Type.String(),
  currency: Type.String(),
  status: Status,
  ownerId: NullableUuid,
  departmentId: NullableUuid,
  signedDate: Type.String({ format: 'date' }),
  total: Type.String({ description: 'Σ line amounts, major units' }),
  paid: Type.String(),
  credited: Type.String(),
  writtenOff: Type.String(),
  outstanding: Type.String({ description: 'total − paid − credited − written off' }),
  baseRate: NullableString,
  baseTotal: Type.Union([Type.String({ description: 'in the tenant’s base currency, fixed when confirmed' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
};
const OrderSummary = Type.Object(summaryFields);

const Order = Type.Object({
  ...summaryFields,
  baseCurrency: Type.String(),
  overdue: Type.String({ description: 'unpaid parts of instalments past due plus grace days' }),
  remarks: Type.String(),
  confirmEntryId: NullableUuid,
  confirmedAt: NullableString,
  confirmedBy: NullableUuid,
  cancelledAt: NullableString,
  cancelReason: NullableString,
  createdBy: NullableUuid,
  updatedAt: Type.String({ format: 'date-time' }),
  lines: Type.Array(Type.Object({
    lineNo: Type.Integer(),
    productId: NullableUuid,
    productCode: NullableString,
    productName: NullableString,
    description: Type.String(),
    quantity: Type.String(),
    unitPrice: Type.String(),
    amount: Type.String(),
  })),
  plan: Type.Array(Type.Object({
    id: Uuid,
    seq: Type.Integer(),
    dueDate: Type.String({ format: 'date' }),
    amount: Type.String(),
    settled: Type.String(),
    outstanding: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('due_soon'), Type.Literal('overdue'), Type.Literal('partially_paid'), Type.Literal('paid'), Type.Literal('void')], { description: 'derived at read time in the tenant’s time zone' }),
    voidedAt: NullableString,
  })),
  allocations: Type.Array(Type.Object({
    id: Uuid,
    receiptId: Uuid,
    receiptNumber: Type.String(),
    instalmentId: NullableUuid,
    kind: Type.Union([Type.Literal('allocate'), Type.Literal('deallocate'), Type.Literal('void')]),
    amount: Type.String({ description: 'order currency; negative when taken back' }),
    receiptCurrency: Type.String(),
    receiptAmount: Type.String(),
    rate: NullableString,
    createdAt: Type.String({ format: 'date-time' }),
  })),
});

const LineInput = Type.Object({
  productId: Type.Optional(Type.Union([Type.Null(), Uuid])),
  description: Type.String({ maxLength: limits.memoCharsMax }),
  quantity: Type.String({ minLength: 1, maxLength: 20, description: 'decimal string, at most 3 decimals: "2", "1.5"' }),
  unitPrice: Amount,
}, { additionalProperties: false });

const InstalmentInput = Type.Object({ dueDate: BusinessDate, amount: Amount }, { additionalProperties: false });
const PlanInstalmentInput = Type.Object({ id: Type.Optional(Uuid), dueDate: BusinessDate, amount: Amount }, { additionalProperties: false });

const orderFields = {
  customerId: Uuid,
  title: Type.String({ maxLength: limits.nameCharsMax }),
  currency: Currency,
  signedDate: BusinessDate,
  ownerId: Type.Optional(Type.Union([Type.Null(), Uuid])),
  departmentId: Type.Optional(Type.Union([Type.Null(), Uuid])),
  remarks: Type.Optional(Type.String({ maxLength: limits.remarksCharsMax })),
  lines: Type.Array(LineInput, { minItems: 1, maxItems: limits.orderLinesMax }),
  instalments: Type.Optional(Type.Array(InstalmentInput, { maxItems: limits.instalmentsPerPlanMax, description: 'must add up to the total; [] or left out: none yet' })),
};

/** The filters of the order list (also the filters of its export, /exports/…). */
export const OrderListFilters = {
  customer: Type.Optional(Uuid),
  owner: Type.Optional(Uuid),
  department: Type.Optional(Type.String({ format: 'uuid', description: 'this department and its sub-departments' })),
  product: Type.Optional(Uuid),
  status: Type.Optional(Status),
  currency: Type.Optional(Currency),
  signedFrom: Type.Optional(BusinessDate),
  signedTo: Type.Optional(BusinessDate),
  amountMin: Type.Optional(Type.String({ maxLength: 40, description: 'total at least, in major units of currency (currency required)' })),
  amountMax: Type.Optional(Type.String({ maxLength: 40, description: 'total at most, in major units of currency (currency required)' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'part of the number or title' })),
  sort: Type.Optional(Type.Union(orderSorts.map((s) => Type.Literal(s)), { description: 'default -signedDate' })),
};

/** Orders (订单/合同) and their payment plans (回款计划), within the actor's data scope. */
export async function orderRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.post('/api/v1/orders', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Create a draft order (Idempotency-Key required)',
      headers: IdempotencyHeaders,
      body: Type.Object(orderFields, { additionalProperties: false }),
      response: { 200: Order, 201: Order },
    },
  }, async (request, reply) => sendOutcome(reply, await createOrder(db, actorOf(request), request.body, idempotencyKeyOf(request))));

  app.get('/api/v1/orders', {
    schema: {
      tags,
      summary: 'List the orders you may see',
      querystring: Type.Object({
        ...OrderListFilters,
        ...PageQuery,
      }),
      response: { 200: Type.Object({ items: Type.Array(OrderSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listOrders(db, actorOf(request), request.query));

  app.get('/api/v1/orders/:id', {
    schema: { tags, summary: 'One order with its lines, plan (statuses derived now) and allocation history', params: IdParams, response: { 200: Order } },
  }, async (request) => getOrder(db, actorOf(request), request.params.id));

  app.patch('/api/v1/orders/:id', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Edit a draft (lines and plan are replaced as a whole)',
      params: IdParams,
      body: Type.Object({
        customerId: Type.Optional(orderFields.customerId),
        title: Type.Optional(orderFields.title),
        currency: Type.Optional(orderFields.currency),
        signedDate: Type.Optional(orderFields.signedDate),
        ownerId: orderFields.ownerId,
        departmentId: orderFields.departmentId,
        remarks: orderFields.remarks,
        lines: Type.Optional(orderFields.lines),
        instalments: orderFields.instalments,
      }, { additionalProperties: false }),
      response: { 200: Order },
    },
  }, async (request) => updateDraft(db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/orders/:id/confirm', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Confirm a draft: posts the receivable (Idempotency-Key required)',
      params: IdParams,
      headers: IdempotencyHeaders,
      body: Type.Object({
        exchangeRate: Type.Optional(Type.String({ maxLength: 30, description: 'units of the base currency per unit of the order’s; default: the latest recorded rate on or before the signed date' })),
      }, { additionalProperties: false }),
      response: { 200: Order },
    },
  }, async (request, reply) => sendOutcome(reply, await confirmOrder(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/orders/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel a draft, with a reason (a confirmed order is cancelled by a credit note)',
      params: IdParams,
      body: Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
      response: { 200: Order },
    },
  }, async (request) => cancelDraft(db, actorOf(request), request.params.id, request.body));

  app.put('/api/v1/orders/:id/plan', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Replace the payment plan (on a confirmed order only the unpaid part; paid instalments are kept by id)',
      params: IdParams,
      body: Type.Object({ instalments: Type.Array(PlanInstalmentInput, { minItems: 1, maxItems: limits.instalmentsPerPlanMax }) }, { additionalProperties: false }),
      response: { 200: Order },
    },
  }, async (request) => replacePlan(db, actorOf(request), request.params.id, request.body));
}

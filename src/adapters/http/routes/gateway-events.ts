import { Type } from 'typebox';
import { assignGatewayEvent, gatewayEventStatuses, getGatewayEvent, listGatewayEvents, listWebhookRejections, replayGatewayEvent } from '../../../app/gateways/events.js';
import { gatewayProviders } from '../../../app/gateways/integrations.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { IdempotencyHeaders, IdParams, idempotencyKeyOf, NullableString, PageQuery, sendOutcome, Uuid } from './money-common.js';

const tags = ['gateway events'];
const Status = Type.Enum([...gatewayEventStatuses]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Item = Type.Object({
  id: Uuid,
  integrationId: Uuid,
  provider: Type.Enum([...gatewayProviders]),
  eventId: Type.String({ description: "the provider's event id" }),
  providerType: Type.String(),
  status: Status,
  kind: Type.Union([Type.Enum(['payment_succeeded', 'payment_failed', 'refund_succeeded', 'dispute_opened', 'fee_charged']), Type.Null()]),
  amount: Nullable(Type.String({ description: 'decimal string in major units' })),
  currency: NullableString,
  receivedAt: Type.String({ format: 'date-time' }),
  processedAt: NullableString,
  receiptId: Nullable(Uuid),
  receiptNumber: NullableString,
  refundId: Nullable(Uuid),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  attempts: Type.Integer(),
});

const Detail = Type.Intersect([Item, Type.Object({
  payload: Type.String({ description: 'the notification as received (WeChat Pay: with its resource decrypted)' }),
  verification: Type.Object({ ok: Type.Boolean(), method: Type.String(), detail: Type.String() }),
})]);

const Rejection = Type.Object({
  id: Uuid, integrationId: Nullable(Uuid), provider: Type.String(), reason: Type.String({ description: 'a stable error code' }), detail: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }), ip: NullableString,
});

/** The gateway event log, replay and assignment of unmatched payments; the webhook rejection log (reconciliation.manage). */
export async function gatewayEventRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  const wake = () => deps.gateways.worker?.wake();

  app.get('/api/v1/gateway-events', {
    schema: {
      tags, summary: 'Gateway events, newest first',
      querystring: Type.Object({ status: Type.Optional(Status), provider: Type.Optional(Type.Enum([...gatewayProviders])), integrationId: Type.Optional(Uuid), ...PageQuery }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Item), nextCursor: NullableString }) },
    },
  }, async (request) => listGatewayEvents(db, actorOf(request), request.query));

  app.get('/api/v1/gateway-events/:id', {
    schema: { tags, summary: 'One gateway event with its payload and how it was verified', params: IdParams, response: { 200: Detail } },
  }, async (request) => getGatewayEvent(db, actorOf(request), request.params.id));

  app.post('/api/v1/gateway-events/:id/replay', {
    schema: {
      tags, summary: 'Process a failed or unmatched event again', params: IdParams, headers: IdempotencyHeaders,
      description: 'Its effects are keyed by the provider\'s ids: a replay never makes a second receipt or refund.',
      response: { 200: Item },
    },
  }, async (request, reply) => sendOutcome(reply, await replayGatewayEvent(db, actorOf(request), request.params.id, idempotencyKeyOf(request), wake)));

  app.post('/api/v1/gateway-events/:id/assign', {
    schema: {
      tags, summary: 'Name the customer (and order) of an unmatched payment: its confirmed receipt is made',
      description: 'The payer is remembered (payer aliases), so their next payment matches by itself.',
      params: IdParams, headers: IdempotencyHeaders,
      body: Type.Object({ customerId: Uuid, orderId: Type.Optional(Uuid) }, { additionalProperties: false }),
      response: { 200: Item },
    },
  }, async (request, reply) => sendOutcome(reply, await assignGatewayEvent(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));

  app.get('/api/v1/webhook-rejections', {
    schema: {
      tags, summary: 'Refused webhook deliveries (bad signature, stale, unknown or disabled integration), newest first',
      querystring: Type.Object({ integrationId: Type.Optional(Uuid), ...PageQuery }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Rejection), nextCursor: NullableString }) },
    },
  }, async (request) => listWebhookRejections(db, actorOf(request), request.query));
}

import { Type } from 'typebox';
import { createSubscription, getDelivery, listDeliveries, listSubscriptions, resendDelivery, updateSubscription } from '../../../app/notify/webhooks.js';
import { limits } from '../../../core/limits.js';
import { ALL_EVENT_TYPES, notificationEventTypes } from '../../../core/notify/event-types.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { IdParams, Uuid } from './money-common.js';

const tags = ['webhooks'];
const EventTypes = Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: limits.webhookSubscriptionEventTypesMax, description: `${ALL_EVENT_TYPES} or any of ${notificationEventTypes.join(', ')}` });
const Url = Type.String({ minLength: 1, maxLength: limits.webhookUrlCharsMax, description: 'http(s) URL; must resolve to public addresses unless private targets are allowed' });
const Description = Type.String({ maxLength: 200 });
const Subscription = Type.Object({
  id: Uuid, url: Type.String(), description: Type.String(), eventTypes: Type.Array(Type.String()), active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
});
const Status = Type.Enum(['pending', 'succeeded', 'failed']);
const Delivery = Type.Object({
  id: Uuid, eventId: Uuid, type: Type.String(), status: Status, attempts: Type.Integer(),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]), lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }), finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const Attempt = Type.Object({
  attemptNo: Type.Integer(), startedAt: Type.String({ format: 'date-time' }), durationMs: Type.Integer(), statusCode: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]), responseBody: Type.Union([Type.String(), Type.Null()]),
});
const DeliveryParams = Type.Object({ id: Uuid, deliveryId: Uuid });

/** Outbound webhook subscriptions and their delivery log (integrations.manage). Signature scheme: docs/webhooks.md. */
export async function webhookSubscriptionRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  const key = deps.gateways.settings.secretKey;
  const { sender, worker } = deps.notify;

  app.get('/api/v1/webhook-subscriptions', {
    schema: { tags, summary: 'List outbound webhook subscriptions', response: { 200: Type.Object({
      items: Type.Array(Subscription),
      privateTargets: Type.Union([Type.Literal('never'), Type.Literal('tenant'), Type.Literal('always')], { description: 'The operator\'s ceiling on private targets (KX_WEBHOOK_ALLOW_PRIVATE): never, where the tenant allows it, or always' }),
    }) } },
  }, async (request) => ({ ...(await listSubscriptions(db, actorOf(request))), privateTargets: sender.privateTargets ?? 'never' }));

  app.post('/api/v1/webhook-subscriptions', {
    schema: {
      tags, summary: 'Subscribe a URL to events',
      description: 'The answer carries the signing secret, this once only: deliveries are signed with it (Kx-Signature, see docs/webhooks.md).',
      body: Type.Object({ url: Url, eventTypes: EventTypes, description: Type.Optional(Description) }, { additionalProperties: false }),
      response: { 201: Type.Intersect([Subscription, Type.Object({ secret: Type.String({ description: 'shown this once only' }) })]) },
    },
  }, async (request, reply) => {
    const created = await createSubscription(db, actorOf(request), key, sender, request.body);
    return reply.code(201).header('cache-control', 'no-store').send({ ...created.subscription, secret: created.secret });
  });

  app.patch('/api/v1/webhook-subscriptions/:id', {
    schema: {
      tags, summary: 'Change a subscription\'s URL, event types or description, or disable / enable it', params: IdParams,
      body: Type.Object({ url: Type.Optional(Url), eventTypes: Type.Optional(EventTypes), description: Type.Optional(Description), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Subscription },
    },
  }, async (request) => updateSubscription(db, actorOf(request), sender, request.params.id, request.body));

  app.get('/api/v1/webhook-subscriptions/:id/deliveries', {
    schema: {
      tags, summary: 'A subscription\'s delivery log, newest first', params: IdParams,
      querystring: Type.Object({
        cursor: Type.Optional(Type.String({ maxLength: 500 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.webhookDeliveriesPageSizeMax })),
        status: Type.Optional(Status),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Delivery), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listDeliveries(db, actorOf(request), request.params.id, request.query as Parameters<typeof listDeliveries>[3]));

  app.get('/api/v1/webhook-subscriptions/:id/deliveries/:deliveryId', {
    schema: {
      tags, summary: 'One delivery with its body and every attempt', params: DeliveryParams,
      response: { 200: Type.Intersect([Delivery, Type.Object({ body: Type.String(), attemptLog: Type.Array(Attempt) })]) },
    },
  }, async (request) => getDelivery(db, actorOf(request), request.params.id, request.params.deliveryId));

  app.post('/api/v1/webhook-subscriptions/:id/deliveries/:deliveryId/resend', {
    schema: { tags, summary: 'Send a delivery again now', params: DeliveryParams, response: { 200: Delivery } },
  }, async (request) => {
    const delivery = await resendDelivery(db, actorOf(request), request.params.id, request.params.deliveryId);
    worker.wake();
    return delivery;
  });
}

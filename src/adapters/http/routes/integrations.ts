import { Type } from 'typebox';
import { createIntegration, gatewayProviders, getIntegration, listIntegrations, updateIntegration } from '../../../app/gateways/integrations.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { IdParams, Uuid } from './money-common.js';

const tags = ['integrations'];
const Provider = Type.Enum([...gatewayProviders]);
const Secret = Type.String({ minLength: 1, maxLength: limits.integrationSecretCharsMax });

const Config = Type.Object({
  appId: Type.Optional(Type.String({ description: 'alipay: the app id notifications are for' })),
  mchId: Type.Optional(Type.String({ description: 'wechatpay: merchant id' })),
  platformSerial: Type.Optional(Type.String({ description: 'wechatpay: serial of the platform certificate' })),
  defaultChannel: Type.Optional(Type.String({ description: 'generic: the cash channel its money lands in (default other)' })),
  autoAllocate: Type.Optional(Type.Boolean({ description: 'money matched to a customer but no order goes to their oldest open orders' })),
}, { additionalProperties: false });

const Secrets = Type.Object({
  webhookSecret: Type.Optional(Secret),
  alipayPublicKey: Type.Optional(Secret),
  apiV3Key: Type.Optional(Secret),
  platformCertificate: Type.Optional(Secret),
  hmacSecret: Type.Optional(Secret),
}, { additionalProperties: false, description: 'write-only: stored encrypted, never answered (secretsSet lists the names of those set)' });

const Integration = Type.Object({
  id: Uuid,
  provider: Provider,
  name: Type.String(),
  enabled: Type.Boolean(),
  config: Config,
  secretsSet: Type.Array(Type.String()),
  webhookPath: Type.String({ description: 'where the provider sends notifications' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** Payment-gateway integrations (integrations.manage). */
export async function integrationRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  const key = deps.gateways.settings.secretKey;

  app.get('/api/v1/integrations', {
    schema: { tags, summary: 'List the tenant\'s gateway integrations', response: { 200: Type.Object({ items: Type.Array(Integration) }) } },
  }, async (request) => listIntegrations(db, actorOf(request)));

  app.get('/api/v1/integrations/:id', {
    schema: { tags, summary: 'One integration', params: IdParams, response: { 200: Integration } },
  }, async (request) => getIntegration(db, actorOf(request), request.params.id));

  app.post('/api/v1/integrations', {
    schema: {
      tags,
      summary: 'Add a gateway integration',
      description: 'stripe: secrets.webhookSecret. alipay: config.appId, secrets.alipayPublicKey (PEM or base64). wechatpay: config.mchId and platformSerial, secrets.apiV3Key and platformCertificate (PEM). generic: secrets.hmacSecret, or none and one is generated and answered once as generatedSecret.',
      body: Type.Object({ provider: Provider, name: Type.String({ minLength: 1, maxLength: limits.nameCharsMax }), config: Type.Optional(Config), secrets: Type.Optional(Secrets) }, { additionalProperties: false }),
      response: { 201: Type.Intersect([Integration, Type.Object({ generatedSecret: Type.Optional(Type.String({ description: 'shown this once only' })) })]) },
    },
  }, async (request, reply) => {
    const created = await createIntegration(db, actorOf(request), key, request.body as Parameters<typeof createIntegration>[3]);
    return reply.code(201).header('cache-control', 'no-store').send({ ...created.integration, ...(created.generatedSecret ? { generatedSecret: created.generatedSecret } : {}) });
  });

  app.patch('/api/v1/integrations/:id', {
    schema: {
      tags,
      summary: 'Rename, enable or disable an integration, replace its settings, or set secrets',
      description: 'config replaces the whole settings object; secrets sets the ones named and keeps the others.',
      params: IdParams,
      body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1, maxLength: limits.nameCharsMax })), enabled: Type.Optional(Type.Boolean()), config: Type.Optional(Config), secrets: Type.Optional(Secrets) }, { additionalProperties: false }),
      response: { 200: Integration },
    },
  }, async (request) => {
    const updated = await updateIntegration(db, actorOf(request), key, request.params.id, request.body as Parameters<typeof updateIntegration>[4]);
    deps.gateways.forget(updated.id);
    return updated;
  });
}

import { Type } from 'typebox';
import { apiKeyNameCharsMax, createApiKey, listApiKeys, revokeApiKey, type ApiKeyView } from '../../../app/auth/api-keys.js';
import { dataScopes, permissions } from '../../../core/auth/permissions.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const tags = ['api-keys'];
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });

const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  dataScope: Type.Enum([...dataScopes]),
  createdBy: Uuid,
  createdByLogin: Type.String(),
  createdAt: DateTime,
  lastUsedAt: Type.Union([DateTime, Type.Null()]),
  revokedAt: Type.Union([DateTime, Type.Null()]),
});

function json(view: ApiKeyView) {
  return { ...view, createdAt: view.createdAt.toISOString(), lastUsedAt: view.lastUsedAt?.toISOString() ?? null, revokedAt: view.revokedAt?.toISOString() ?? null };
}

/** API keys for integrations (permission api_keys.manage). The secret is shown once, at creation. */
export async function apiKeyRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.post('/api/v1/api-keys', {
    schema: {
      tags,
      summary: 'Create an API key; the key is in this answer only',
      description: 'Use it as "Authorization: Bearer <key>". A key gets no permission or data scope beyond its creator\'s, and loses any its creator later loses.',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: apiKeyNameCharsMax }),
        permissions: Type.Array(Type.Enum([...permissions]), { minItems: 1, maxItems: permissions.length, uniqueItems: true }),
        dataScope: Type.Enum([...dataScopes]),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Uuid, key: Type.String({ description: 'kx_… — store it now; it cannot be shown again' }), apiKey: ApiKey }) },
    },
  }, async (request, reply) => {
    const created = await createApiKey(db, actorOf(request), request.body);
    return reply.code(201).header('cache-control', 'no-store').send({ id: created.id, key: created.key, apiKey: json(created.apiKey) });
  });

  app.get('/api/v1/api-keys', {
    schema: {
      tags,
      summary: "The tenant's API keys, newest first (never their secrets)",
      querystring: Type.Object({
        status: Type.Optional(Type.Enum(['active', 'revoked'])),
        cursor: Type.Optional(Type.String({ maxLength: 500 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
      }),
      response: { 200: Type.Object({ items: Type.Array(ApiKey), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => {
    const page = await listApiKeys(db, actorOf(request), request.query);
    return { items: page.items.map(json), nextCursor: page.nextCursor };
  });

  app.post('/api/v1/api-keys/:id/revoke', {
    schema: { tags, summary: 'Revoke an API key: the next request with it is refused', params: Type.Object({ id: Uuid }), response: { 200: ApiKey } },
  }, async (request) => json(await revokeApiKey(db, actorOf(request), request.params.id)));
}

import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { gatewayProviders } from '../../../app/gateways/integrations.js';
import { isKxError } from '../../../core/errors.js';
import type { GatewayProvider } from '../../../core/gateways/event.js';
import { limits } from '../../../core/limits.js';
import { providerAnswer, verifyNotification } from '../../gateways/index.js';
import type { KxApp, RouteDeps } from '../context.js';
import { problemOf, sendProblem, statusByCode } from '../problem.js';

/**
 * The body as received. A class with a private field: the app-wide text guard walks request bodies key by key,
 * and a Buffer would be walked byte by byte; the signature is checked on these exact bytes, before any parsing.
 */
export class RawBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

/**
 * POST /api/v1/webhooks/:provider/:integrationId — public: the provider proves itself by its signature, not a
 * session or API key (so no CSRF either). Any content type is taken as raw bytes up to webhookBodyBytesMax.
 * Answered in the provider's own format; a refusal is logged (GET /webhook-rejections) and answered 4xx, so the
 * provider retries what we could not accept and stops on what we stored (a duplicate or a conflict included).
 */
export async function webhookRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const intake = deps.gateways;
  await app.register(async (child) => {
    const scope = child as KxApp;
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limits.webhookBodyBytesMax }, (_request, body, done) => done(null, new RawBody(body as Buffer)));

    scope.post('/api/v1/webhooks/:provider/:integrationId', {
      bodyLimit: limits.webhookBodyBytesMax,
      config: { public: true, rateLimit: { max: limits.webhookRequestsPerMinutePerIpMax, timeWindow: 60_000 } },
      schema: {
        tags: ['gateway events'],
        summary: 'Receive a payment-gateway notification (Stripe, Alipay, WeChat Pay, generic HMAC)',
        description: 'Public: verified by the provider\'s signature over the raw body. Stored once per event id, then processed in the background. Answers: Stripe/generic 200 {received:true}; Alipay text "success"; WeChat Pay 200 {code:"SUCCESS"}. Refusals (401 bad signature or stale timestamp, 404 unknown or disabled integration, 400 bad body) are logged under GET /api/v1/webhook-rejections.',
        security: [],
        params: Type.Object({ provider: Type.Enum([...gatewayProviders]), integrationId: Type.String({ format: 'uuid' }) }),
      },
    }, async (request, reply) => {
      const provider = request.params.provider as GatewayProvider;
      const rawBody = request.body instanceof RawBody ? request.body.bytes : Buffer.alloc(0);
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      try {
        await intake.receive(provider, request.params.integrationId, { rawBody, headers }, request.ip ?? null, verifyNotification);
        return answer(reply, provider, true);
      } catch (error) {
        if (!isKxError(error)) throw error;
        request.log.info({ provider, integrationId: request.params.integrationId, code: error.code }, 'webhook refused');
        return answer(reply, provider, false, error.message, statusByCode[error.code], error.code);
      }
    });
  });
}

function answer(reply: FastifyReply, provider: GatewayProvider, ok: boolean, message?: string, status?: number, code?: string) {
  const a = providerAnswer(provider, ok, message, status);
  // Stripe and the generic webhook read only the status; their refusals carry our stable code for people.
  if (!ok && (provider === 'stripe' || provider === 'generic')) {
    return sendProblem(reply, problemOf(a.statusCode, code ?? 'webhook_body_invalid', message ?? 'not accepted'));
  }
  return reply.code(a.statusCode).type(a.contentType).send(a.body);
}

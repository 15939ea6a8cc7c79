/**
 * Payment-gateway integrations (issue 6, src/adapters/http/routes/integrations.ts): per provider its public
 * config and its secrets. Secrets go in only; the server answers with the names of those that are set.
 */
import { api } from './client';
import { valuesOf, type RequestJson, type ResponseJson } from './openapi-types';

/**
 * secretsSet: names of the secrets stored (never their values). webhookPath: '/api/v1/webhooks/<provider>/<id>',
 * the provider needs the origin in front.
 */
export type Integration = ResponseJson<'get', '/integrations/{id}'>;
export type Provider = Integration['provider'];
export const providers = valuesOf<Provider>()(['stripe', 'alipay', 'wechatpay', 'generic']);

/**
 * Public settings: what the provider needs named, and the tenant's matching rules. defaultChannel: the cash
 * account a generic integration's money lands in (Stripe, Alipay, WeChat Pay have their own); autoAllocate: money
 * matched to a customer but no order goes to the oldest open orders instead of the advance.
 */
export type IntegrationConfig = Integration['config'];

/** The answer to a create: for a generic HMAC integration without a secret given, the one the server made, once. */
export type CreatedIntegration = ResponseJson<'post', '/integrations'>;

export type NewIntegration = RequestJson<'post', '/integrations'>;
export type IntegrationSecrets = NonNullable<NewIntegration['secrets']>;
export type IntegrationChanges = RequestJson<'patch', '/integrations/{id}'>;

/**
 * The fields each provider needs, as the contract names them: public config shown and editable, secrets
 * write-only. `multiline` secrets are PEM blocks (public keys, certificates).
 */
export const providerFields: Record<Provider, { config: ('appId' | 'mchId' | 'platformSerial')[]; secrets: { name: keyof IntegrationSecrets; multiline?: boolean; optional?: boolean }[] }> = {
  stripe: { config: [], secrets: [{ name: 'webhookSecret' }] },
  alipay: { config: ['appId'], secrets: [{ name: 'alipayPublicKey', multiline: true }] },
  wechatpay: { config: ['mchId', 'platformSerial'], secrets: [{ name: 'apiV3Key' }, { name: 'platformCertificate', multiline: true }] },
  // Left empty, the server makes one and shows it once.
  generic: { config: [], secrets: [{ name: 'hmacSecret', optional: true }] },
};

export const integrationsApi = {
  list: (signal?: AbortSignal) => api.get<ResponseJson<'get', '/integrations'>>('/integrations', undefined, signal),
  create: (body: NewIntegration, key: string) => api.post<CreatedIntegration>('/integrations', body, key),
  update: (id: string, changes: IntegrationChanges) => api.patch<Integration>(`/integrations/${id}`, changes),
};

/** The address to give the provider: this server's origin and the integration's path. */
export function webhookUrl(integration: Pick<Integration, 'webhookPath'>, origin = window.location.origin): string {
  return `${origin}${integration.webhookPath}`;
}

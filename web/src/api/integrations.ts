/**
 * Payment-gateway integrations (issue 6, src/adapters/http/routes/integrations.ts): per provider its public
 * config and its secrets. Secrets go in only; the server answers with the names of those that are set.
 */
import { api } from './client';

export const providers = ['stripe', 'alipay', 'wechatpay', 'generic'] as const;
export type Provider = (typeof providers)[number];

export interface Integration {
  id: string;
  provider: Provider;
  name: string;
  enabled: boolean;
  config: IntegrationConfig;
  /** Names of the secrets stored (never their values). */
  secretsSet: string[];
  /** '/api/v1/webhooks/<provider>/<id>': the provider needs the origin in front. */
  webhookPath: string;
  createdAt: string;
  updatedAt: string;
}

/** Public settings: what the provider needs named, and the tenant's matching rules. */
export interface IntegrationConfig {
  appId?: string;
  mchId?: string;
  platformSerial?: string;
  /** The cash account a generic integration's money lands in (Stripe, Alipay, WeChat Pay have their own). */
  defaultChannel?: string;
  /** Money matched to a customer but no order goes to the oldest open orders instead of the advance. */
  autoAllocate?: boolean;
}

/** The answer to a create: for a generic HMAC integration without a secret given, the one the server made, once. */
export interface CreatedIntegration extends Integration {
  generatedSecret?: string;
}

export interface NewIntegration {
  provider: Provider;
  name: string;
  config: IntegrationConfig;
  secrets: Record<string, string>;
}

export interface IntegrationChanges {
  name?: string;
  enabled?: boolean;
  config?: IntegrationConfig;
  secrets?: Record<string, string>;
}

/**
 * The fields each provider needs, as the contract names them: public config shown and editable, secrets
 * write-only. `multiline` secrets are PEM blocks (public keys, certificates).
 */
export const providerFields: Record<Provider, { config: ('appId' | 'mchId' | 'platformSerial')[]; secrets: { name: string; multiline?: boolean; optional?: boolean }[] }> = {
  stripe: { config: [], secrets: [{ name: 'webhookSecret' }] },
  alipay: { config: ['appId'], secrets: [{ name: 'alipayPublicKey', multiline: true }] },
  wechatpay: { config: ['mchId', 'platformSerial'], secrets: [{ name: 'apiV3Key' }, { name: 'platformCertificate', multiline: true }] },
  // Left empty, the server makes one and shows it once.
  generic: { config: [], secrets: [{ name: 'hmacSecret', optional: true }] },
};

export const integrationsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: Integration[] }>('/integrations', undefined, signal),
  create: (body: NewIntegration, key: string) => api.post<CreatedIntegration>('/integrations', body, key),
  update: (id: string, changes: IntegrationChanges) => api.patch<Integration>(`/integrations/${id}`, changes),
};

/** The address to give the provider: this server's origin and the integration's path. */
export function webhookUrl(integration: Pick<Integration, 'webhookPath'>, origin = window.location.origin): string {
  return `${origin}${integration.webhookPath}`;
}

import { createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import type { Kysely } from 'kysely';
import { receiptChannels, type ReceiptChannel } from '../../core/ledger/chart.js';
import type { GatewayCredentials, GatewayProvider } from '../../core/gateways/event.js';
import { limits } from '../../core/limits.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { newId } from '../ids.js';
import { fail } from '../receivables/common.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { decryptSecrets, encryptSecrets } from './secrets.js';

/**
 * Integrations (支付网关接入): one tenant's account at Stripe, Alipay, WeChat Pay or a system that signs with a
 * shared HMAC secret. Secrets are write-only: stored encrypted, never answered, only their names are shown.
 */
export const gatewayProviders = ['stripe', 'alipay', 'wechatpay', 'generic'] as const satisfies readonly GatewayProvider[];

/** Public settings: what the provider needs to name (appId, mchId, serial) and the tenant's matching rules. */
export interface IntegrationConfig {
  appId?: string;
  mchId?: string;
  platformSerial?: string;
  /** The cash account a generic integration's money lands in (stripe/alipay/wechatpay have their own). */
  defaultChannel?: ReceiptChannel;
  /** Money matched to a customer but no order is applied to the customer's oldest open orders instead of held as advance. */
  autoAllocate?: boolean;
}

interface ProviderRules {
  config: readonly (keyof IntegrationConfig)[];
  requiredConfig: readonly (keyof IntegrationConfig)[];
  secrets: readonly string[];
}

const common = ['defaultChannel', 'autoAllocate'] as const;
const rulesByProvider: Record<GatewayProvider, ProviderRules> = {
  stripe: { config: [...common], requiredConfig: [], secrets: ['webhookSecret'] },
  alipay: { config: ['appId', ...common], requiredConfig: ['appId'], secrets: ['alipayPublicKey'] },
  wechatpay: { config: ['mchId', 'platformSerial', ...common], requiredConfig: ['mchId', 'platformSerial'], secrets: ['apiV3Key', 'platformCertificate'] },
  generic: { config: [...common], requiredConfig: [], secrets: ['hmacSecret'] },
};

export interface Integration {
  id: string;
  provider: GatewayProvider;
  name: string;
  enabled: boolean;
  config: IntegrationConfig;
  secretsSet: string[];
  webhookPath: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewIntegration {
  provider: GatewayProvider;
  name: string;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

export interface IntegrationPatch {
  name?: string;
  enabled?: boolean;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
}

export function webhookPathOf(provider: string, id: string): string {
  return `/api/v1/webhooks/${provider}/${id}`;
}

type Row = Awaited<ReturnType<ReturnType<typeof rowsOf>['executeTakeFirstOrThrow']>>;

function rowsOf(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom('integrations').select(['id', 'provider', 'name', 'enabled', 'config', 'secret_names', 'created_at', 'updated_at', 'secrets_ciphertext']).where('tenant_id', '=', tenantId);
}

function viewOf(row: Row): Integration {
  return {
    id: row.id, provider: row.provider, name: row.name, enabled: row.enabled, config: row.config as IntegrationConfig, secretsSet: [...row.secret_names].sort(),
    webhookPath: webhookPathOf(row.provider, row.id), createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString(),
  };
}

export async function listIntegrations(db: Kysely<DB>, actor: Actor): Promise<{ items: Integration[] }> {
  requirePermission(actor, 'integrations.manage');
  const rows = await rowsOf(db, actor.tenantId).orderBy('id').limit(limits.integrationsPerTenantMax).execute();
  return { items: rows.map(viewOf) };
}

export async function getIntegration(db: Kysely<DB>, actor: Actor, id: string): Promise<Integration> {
  requirePermission(actor, 'integrations.manage');
  const row = await rowsOf(db, actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such integration', { integrationId: id });
  return viewOf(row);
}

/** Creates an integration; a generic one without an hmacSecret gets one generated, answered this once only. */
export async function createIntegration(db: Kysely<DB>, actor: Actor, key: Buffer, input: NewIntegration): Promise<{ integration: Integration; generatedSecret?: string }> {
  requirePermission(actor, 'integrations.manage');
  const rules = rulesByProvider[input.provider];
  if (!rules) throw fail('validation_failed', 'provider', `provider must be one of ${gatewayProviders.join(', ')}`);
  const name = requireName(input.name);
  const config = checkedConfig(input.provider, input.config ?? {});
  const secrets = checkedSecrets(input.provider, input.secrets ?? {});
  let generatedSecret: string | undefined;
  if (input.provider === 'generic' && secrets.hmacSecret === undefined) {
    generatedSecret = `whsec_${randomBytes(32).toString('base64url')}`;
    secrets.hmacSecret = generatedSecret;
  }
  const missing = rules.secrets.filter((s) => secrets[s] === undefined);
  if (missing.length > 0) throw fail('validation_failed', `secrets.${missing[0]}`, `a ${input.provider} integration needs ${missing.join(' and ')}`);
  const id = newId();
  const integration = await inTransaction(db, async (trx) => {
    const { count } = await trx.selectFrom('integrations').select((eb) => eb.fn.countAll<string>().as('count')).where('tenant_id', '=', actor.tenantId).executeTakeFirstOrThrow();
    if (Number(count) >= limits.integrationsPerTenantMax) throw fail('validation_failed', 'provider', `a tenant may have at most ${limits.integrationsPerTenantMax} integrations`);
    await trx.insertInto('integrations').values({
      tenant_id: actor.tenantId, id, provider: input.provider, name, config: JSON.stringify(config),
      secrets_ciphertext: encryptSecrets(key, id, secrets), secret_names: Object.keys(secrets).sort(),
    }).execute();
    const view = viewOf(await rowsOf(trx, actor.tenantId).where('id', '=', id).executeTakeFirstOrThrow());
    // Names of the secrets only: the audit trail is read by auditors, never a place for a credential.
    await appendAudit(trx, actor, { action: 'integration.created', entityType: 'integration', entityId: id, after: { provider: view.provider, name, enabled: true, config: { ...config }, secretsSet: view.secretsSet } });
    return view;
  });
  return { integration, ...(generatedSecret !== undefined ? { generatedSecret } : {}) };
}

export async function updateIntegration(db: Kysely<DB>, actor: Actor, key: Buffer, id: string, patch: IntegrationPatch): Promise<Integration> {
  requirePermission(actor, 'integrations.manage');
  return inTransaction(db, async (trx) => {
    const row = await rowsOf(trx, actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw fail('not_found', 'id', 'no such integration', { integrationId: id });
    const before = viewOf(row);
    const name = patch.name === undefined ? row.name : requireName(patch.name);
    const config = patch.config === undefined ? before.config : checkedConfig(row.provider, patch.config);
    const changedSecrets = checkedSecrets(row.provider, patch.secrets ?? {});
    const secrets = { ...decryptSecrets(key, id, row.secrets_ciphertext), ...changedSecrets };
    await trx.updateTable('integrations').set({
      name, enabled: patch.enabled ?? row.enabled, config: JSON.stringify(config), updated_at: new Date(),
      ...(Object.keys(changedSecrets).length > 0 ? { secrets_ciphertext: encryptSecrets(key, id, secrets), secret_names: Object.keys(secrets).sort() } : {}),
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    const after = viewOf(await rowsOf(trx, actor.tenantId).where('id', '=', id).executeTakeFirstOrThrow());
    await appendAudit(trx, actor, {
      action: 'integration.updated', entityType: 'integration', entityId: id,
      before: { name: before.name, enabled: before.enabled, config: { ...before.config } },
      after: { name: after.name, enabled: after.enabled, config: { ...after.config }, secretsChanged: Object.keys(changedSecrets).sort() },
    });
    return after;
  });
}

/** What the webhook endpoint needs of an integration: its tenant, state, rules and decrypted credentials. */
export interface WebhookIntegration {
  tenantId: string;
  id: string;
  provider: GatewayProvider;
  enabled: boolean;
  config: IntegrationConfig;
  credentials: GatewayCredentials;
}

/**
 * The integration named in a webhook URL, across tenants (the URL carries no tenant). Integrations are few
 * (≤ integrationsPerTenantMax per tenant) and the caller caches the answer, so no index without tenant_id
 * is kept for this one lookup.
 */
export async function integrationForWebhook(db: Kysely<DB>, key: Buffer, id: string): Promise<WebhookIntegration | undefined> {
  const row = await db.selectFrom('integrations').select(['tenant_id', 'id', 'provider', 'enabled', 'config', 'secrets_ciphertext']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const config = row.config as IntegrationConfig;
  return { tenantId: row.tenant_id, id: row.id, provider: row.provider, enabled: row.enabled, config, credentials: credentialsOf(row.provider, config, decryptSecrets(key, row.id, row.secrets_ciphertext)) };
}

function credentialsOf(provider: GatewayProvider, config: IntegrationConfig, s: Record<string, string>): GatewayCredentials {
  switch (provider) {
    case 'stripe': return { provider, webhookSecret: s.webhookSecret! };
    case 'alipay': return { provider, alipayPublicKey: s.alipayPublicKey!, ...(config.appId ? { appId: config.appId } : {}) };
    case 'wechatpay': return { provider, apiV3Key: s.apiV3Key!, platformCertificates: [{ serial: config.platformSerial ?? '', pem: s.platformCertificate! }] };
    case 'generic': return { provider, hmacSecrets: [s.hmacSecret!] };
  }
}

/** The cash channel money from this integration lands in. */
export function channelOf(provider: GatewayProvider, config: IntegrationConfig): ReceiptChannel {
  if (provider === 'stripe') return 'stripe';
  if (provider === 'alipay') return 'alipay';
  if (provider === 'wechatpay') return 'wechat_pay';
  return config.defaultChannel ?? 'other';
}

function requireName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > limits.nameCharsMax) throw fail('validation_failed', 'name', `a name is 1–${limits.nameCharsMax} characters`);
  return trimmed;
}

/** Known settings only, well-formed; the provider's required ones present (a PATCH replaces the whole object). */
function checkedConfig(provider: GatewayProvider, input: Record<string, unknown>): IntegrationConfig {
  const rules = rulesByProvider[provider];
  const config: IntegrationConfig = {};
  for (const [field, value] of Object.entries(input)) {
    if (!(rules.config as readonly string[]).includes(field)) throw fail('validation_failed', `config.${field}`, `a ${provider} integration has no setting ${field} (it has ${rules.config.join(', ')})`);
    if (field === 'autoAllocate') {
      if (typeof value !== 'boolean') throw fail('validation_failed', 'config.autoAllocate', 'true or false');
      config.autoAllocate = value;
    } else if (field === 'defaultChannel') {
      if (!receiptChannels.includes(value as ReceiptChannel)) throw fail('validation_failed', 'config.defaultChannel', `one of ${receiptChannels.join(', ')}`);
      config.defaultChannel = value as ReceiptChannel;
    } else {
      if (typeof value !== 'string' || value.trim() === '' || value.length > limits.referenceCharsMax) throw fail('validation_failed', `config.${field}`, `1–${limits.referenceCharsMax} characters`);
      config[field as 'appId' | 'mchId' | 'platformSerial'] = value.trim();
    }
  }
  const missing = rules.requiredConfig.filter((f) => config[f] === undefined);
  if (missing.length > 0) throw fail('validation_failed', `config.${missing[0]}`, `a ${provider} integration needs ${missing.join(' and ')}`);
  return config;
}

/** Known names only, non-empty, bounded; PEM keys and certificates must parse, so a typo is caught now and not at the first payment. */
function checkedSecrets(provider: GatewayProvider, input: Record<string, string>): Record<string, string> {
  const allowed = rulesByProvider[provider].secrets;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    const field = `secrets.${name}`;
    if (!allowed.includes(name)) throw fail('validation_failed', field, `a ${provider} integration has no secret ${name} (it has ${allowed.join(', ')})`);
    if (typeof value !== 'string' || value.trim() === '' || value.length > limits.integrationSecretCharsMax) throw fail('validation_failed', field, `1–${limits.integrationSecretCharsMax} characters`);
    if (name === 'alipayPublicKey') requireParses(field, () => createPublicKey(pemOf(value)));
    // A platform certificate, or (WeChat's public-key mode) the platform public key itself.
    if (name === 'platformCertificate') requireParses(field, () => (value.includes('BEGIN CERTIFICATE') ? new X509Certificate(value) : createPublicKey(value)));
    if (name === 'apiV3Key' && ![16, 24, 32].includes(Buffer.byteLength(value))) throw fail('validation_failed', field, 'the API v3 key is 32 characters');
    if (name === 'hmacSecret' && value.length < 16) throw fail('validation_failed', field, 'an HMAC secret has at least 16 characters');
    out[name] = name === 'alipayPublicKey' ? pemOf(value) : value;
  }
  return out;
}

/** Alipay's console hands out the public key as bare base64: wrap it as PEM so every verifier reads it alike. */
function pemOf(key: string): string {
  const trimmed = key.trim();
  if (trimmed.startsWith('-----BEGIN')) return trimmed;
  const lines = trimmed.replace(/\s+/g, '').match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----`;
}

function requireParses(field: string, parse: () => unknown): void {
  try {
    parse();
  } catch {
    throw fail('validation_failed', field, 'not a PEM key or certificate this server can read');
  }
}

import type { Kysely } from 'kysely';
import { isKxError, KxError } from '../../core/errors.js';
import type { GatewayProvider, InboundNotification, VerifiedGatewayEvent, VerifyNotification } from '../../core/gateways/event.js';
import type { DB } from '../schema.js';
import { integrationForWebhook, type WebhookIntegration } from './integrations.js';
import { recordRejection, storeEvent, type StoreOutcome } from './intake.js';
import { GatewayWorker, type WorkerOptions } from './process.js';

/** What the server gives the gateway intake: the secrets key, the clock (tests), and the worker's settings. */
export interface GatewaySettings {
  /** 32 bytes: encrypts integration secrets at rest. */
  secretKey: Buffer;
  /** The clock timestamps are checked against; tests of old signed vectors set it. */
  nowMs?: () => number;
  /** false: no background worker (a CLI, or a test that drives processing itself). */
  worker?: WorkerOptions | false;
}

/** How long a process trusts what it read of an integration (a disabled one may take this long to stop everywhere). */
const integrationCacheMs = 5_000;

/**
 * One server process's gateway intake: the webhook path (look up, verify, store, answer) and the worker that
 * processes stored events. Integrations are cached briefly with their decrypted credentials: the webhook path
 * then costs one insert, not a read, a decryption and an insert.
 */
export class GatewayIntake {
  readonly worker: GatewayWorker | null;
  private readonly cache = new Map<string, { atMs: number; integration: WebhookIntegration | undefined }>();
  private readonly nowMs: () => number;

  constructor(private readonly db: Kysely<DB>, readonly settings: GatewaySettings) {
    this.nowMs = settings.nowMs ?? Date.now;
    this.worker = settings.worker === false ? null : new GatewayWorker(db, settings.worker ?? {});
  }

  start(): void {
    this.worker?.start();
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
  }

  /** Forget a changed integration at once in this process. */
  forget(integrationId: string): void {
    this.cache.delete(integrationId);
  }

  private async integration(id: string): Promise<WebhookIntegration | undefined> {
    const cached = this.cache.get(id);
    const now = Date.now();
    if (cached && now - cached.atMs < integrationCacheMs) return cached.integration;
    const integration = await integrationForWebhook(this.db, this.settings.secretKey, id);
    // Bounded: at most one entry per integration that exists, plus misses; misses are dropped when it is large.
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { atMs: now, integration });
    return integration;
  }

  /**
   * One delivery: the integration (unknown or disabled: refused), the signature over the raw bytes, then the
   * insert. A refusal is logged (webhook_rejections) and thrown as the KxError the provider's answer is made of.
   */
  async receive(provider: GatewayProvider, integrationId: string, notification: InboundNotification, ip: string | null, verify: VerifyNotification): Promise<StoreOutcome> {
    const integration = await this.integration(integrationId);
    const reject = async (error: KxError, tenantId: string | null, known: string | null): Promise<never> => {
      await recordRejection(this.db, { tenantId, integrationId: known, provider, reason: error.code, detail: error.message, ip });
      throw error;
    };
    if (!integration || integration.provider !== provider) {
      return reject(new KxError('webhook_integration_unknown', `no ${provider} integration ${integrationId}`), integration?.tenantId ?? null, null);
    }
    if (!integration.enabled) return reject(new KxError('webhook_integration_unknown', 'this integration is disabled'), integration.tenantId, integration.id);
    let verified: VerifiedGatewayEvent;
    try {
      verified = verify(provider, notification, integration.credentials, this.nowMs());
    } catch (error) {
      if (isKxError(error)) return reject(error, integration.tenantId, integration.id);
      throw error;
    }
    const stored = await storeEvent(this.db, integration, verified, {
      ...notification,
      verification: { ok: true, method: verified.verification?.method ?? provider, detail: verified.verification?.detail ?? '' },
    }).catch((error: unknown) => (isKxError(error) ? reject(error, integration.tenantId, integration.id) : Promise.reject(error)));
    if (stored.outcome === 'stored' && stored.status === 'received') this.worker?.wake();
    return stored;
  }
}

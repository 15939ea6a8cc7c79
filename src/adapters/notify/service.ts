import type { Kysely } from 'kysely';
import type { DB } from '../../app/schema.js';
import { NotifyWorker } from '../../app/notify/worker.js';
import type { Mailer, WebhookSender } from '../../app/notify/ports.js';
import { HttpWebhookSender, type HttpSenderOptions, type PrivateTargetsPolicy } from './http-sender.js';
import { SmtpMailer } from './smtp-mailer.js';

/** What the server configures about notifications (server.ts reads it from the environment). */
export interface NotifySettings {
  /** KX_WEBHOOK_ALLOW_PRIVATE: whether subscriptions may target loopback and private addresses (true, false, or where the tenant allows it). */
  allowPrivateTargets?: PrivateTargetsPolicy;
  /** KX_SMTP_URL and KX_SMTP_FROM; without them emails stay queued. */
  smtp?: { url: string; from: string };
  /** A mailer to use instead of SMTP (tests of failures). */
  mailer?: Mailer;
  /** Name resolution for the SSRF check (tests). */
  resolve?: HttpSenderOptions['resolve'];
  nowMs?: () => number;
  random?: () => number;
  /** false: no background worker; the test drives `worker.runOnce()`. */
  worker?: { pollMs?: number } | false;
}

/** One process's notification delivery: the SSRF-checked HTTP sender, the mailer and the worker. */
export class NotifyService {
  readonly sender: WebhookSender;
  readonly worker: NotifyWorker;
  private readonly smtp: SmtpMailer | null;
  private readonly background: boolean;

  constructor(db: Kysely<DB>, secretKey: Buffer, settings: NotifySettings = {}, onError?: (error: unknown) => void) {
    this.sender = new HttpWebhookSender({ allowPrivateTargets: settings.allowPrivateTargets ?? false, ...(settings.resolve ? { resolve: settings.resolve } : {}) });
    this.smtp = settings.smtp ? new SmtpMailer(settings.smtp.url, settings.smtp.from) : null;
    this.background = settings.worker !== false;
    this.worker = new NotifyWorker(db, {
      secretKey, sender: this.sender, mailer: settings.mailer ?? this.smtp,
      ...(settings.nowMs ? { nowMs: settings.nowMs } : {}), ...(settings.random ? { random: settings.random } : {}),
      ...(settings.worker ? { pollMs: settings.worker.pollMs ?? 5_000 } : {}), ...(onError ? { onError } : {}),
    });
  }

  start(): void {
    if (this.background) this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    this.smtp?.close();
  }
}

import { sql, type Kysely } from 'kysely';
import { isKxError } from '../../core/errors.js';
import { KX_SIGNATURE_HEADER, signKx } from '../../core/gateways/kx-signature.js';
import { limits } from '../../core/limits.js';
import { nextAttemptAtMs } from '../../core/notify/retry.js';
import { BackgroundLoop } from '../background-loop.js';
import { decryptSecrets } from '../gateways/secrets.js';
import type { DB } from '../schema.js';
import type { MailAttachment, Mailer, WebhookSender } from './ports.js';
import { subscriptionSecretAad } from './webhooks.js';

/**
 * Sends what enqueueNotification queued: webhook deliveries and emails. Each pass claims a batch of due rows
 * with FOR UPDATE SKIP LOCKED and a lease (like the gateway worker), so several server processes share the
 * queues and a process that dies mid-send only delays its rows until the lease runs out. A failure is retried
 * on the schedule of src/core/notify/retry.ts until 3 days after enqueueing, then the row is 'failed'.
 * The clock is injected: tests move it forward instead of waiting for a retry.
 */
export interface NotifyWorkerOptions {
  secretKey: Buffer;
  sender: WebhookSender;
  /** No SMTP configured: emails stay queued (they are sent once a mailer is configured and the server restarts). */
  mailer: Mailer | null;
  nowMs?: () => number;
  random?: () => number;
  pollMs?: number;
  onError?: (error: unknown) => void;
}

interface ClaimedWebhook {
  tenant_id: string;
  id: string;
  event_id: string;
  type: string;
  body: string;
  attempts: number;
  give_up_at: Date;
  url: string;
  active: boolean;
  subscription_id: string;
  secret_ciphertext: string;
  tenant_allows_private: boolean;
}

interface ClaimedEmail {
  tenant_id: string;
  id: string;
  to_address: string;
  subject: string;
  body: string;
  attempts: number;
  give_up_at: Date;
  attachment_id: string | null;
}

const leaseOf = (now: Date) => new Date(now.getTime() + limits.notifyDeliveryLeaseMs);

export class NotifyWorker {
  private readonly loop: BackgroundLoop;
  private readonly nowMs: () => number;
  private readonly random: () => number;

  constructor(private readonly db: Kysely<DB>, private readonly options: NotifyWorkerOptions) {
    this.nowMs = options.nowMs ?? Date.now;
    this.random = options.random ?? Math.random;
    this.loop = new BackgroundLoop(() => this.runOnce(), options.pollMs ?? 5_000, options.onError);
  }

  start(): void {
    this.loop.start();
  }

  /** Runs a pass soon (after a commit that enqueued something, a resend). */
  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass over both queues until nothing is due; answers how many rows it handled. Tests call it directly. */
  async runOnce(): Promise<{ webhooks: number; emails: number }> {
    let webhooks = 0;
    let emails = 0;
    for (;;) {
      const claimed = await this.claimWebhooks();
      if (claimed.length === 0) break;
      // Different receivers in parallel: one slow receiver must not hold up the others for the whole batch.
      await Promise.all(claimed.map((d) => this.deliver(d)));
      webhooks += claimed.length;
    }
    if (this.options.mailer) {
      for (;;) {
        const claimed = await this.claimEmails();
        if (claimed.length === 0) break;
        for (const mail of claimed) await this.mail(mail);
        emails += claimed.length;
      }
    }
    return { webhooks, emails };
  }

  private async claimWebhooks(): Promise<ClaimedWebhook[]> {
    const now = new Date(this.nowMs());
    const { rows } = await sql<ClaimedWebhook>`
      UPDATE webhook_deliveries d
         SET lease_until = ${leaseOf(now)}, attempts = d.attempts + 1
        FROM (SELECT tenant_id, id FROM webhook_deliveries
               WHERE status = 'pending' AND next_attempt_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
               ORDER BY next_attempt_at LIMIT ${limits.notifyDeliveriesPerBatchMax}
                 FOR UPDATE SKIP LOCKED) c, webhook_subscriptions s
        , tenants t
       WHERE d.tenant_id = c.tenant_id AND d.id = c.id AND s.tenant_id = d.tenant_id AND s.id = d.subscription_id AND t.id = d.tenant_id
      RETURNING d.tenant_id, d.id, d.event_id, d.type, d.body, d.attempts, d.give_up_at, s.url, s.active, s.id AS subscription_id, s.secret_ciphertext,
                t.allow_private_webhook_targets AS tenant_allows_private`.execute(this.db);
    return rows;
  }

  private async deliver(d: ClaimedWebhook): Promise<void> {
    const started = this.nowMs();
    const clockStart = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let responseBody: string | null = null;
    if (!d.active) error = 'the subscription is disabled';
    else {
      try {
        const { secret } = decryptSecrets(this.options.secretKey, subscriptionSecretAad(d.subscription_id), d.secret_ciphertext);
        const headers = {
          'content-type': 'application/json',
          'user-agent': 'Kuanxiang-Webhooks/1',
          [KX_SIGNATURE_HEADER]: signKx(secret!, d.body, Math.floor(started / 1000)),
          'kx-event-id': d.event_id,
          'kx-event-type': d.type,
          'kx-delivery-id': d.id,
          'kx-delivery-attempt': String(d.attempts),
        };
        // The tenant's switch as it is now: turned off, a private target is refused from the next attempt on.
        const answer = await this.options.sender.post(d.url, headers, d.body, d.tenant_allows_private);
        statusCode = answer.statusCode;
        responseBody = answer.body.slice(0, limits.webhookResponseStoredCharsMax);
        if (statusCode < 200 || statusCode > 299) error = `the receiver answered ${statusCode}`;
      } catch (caught) {
        error = (isKxError(caught) ? `${caught.code}: ${caught.message}` : (caught as Error).message).slice(0, 500);
      }
    }
    const durationMs = Math.max(0, Math.round(performance.now() - clockStart));
    const now = this.nowMs();
    const next = error === null ? undefined : nextAttemptAtMs(d.attempts, now, d.give_up_at.getTime(), this.random());
    const status = error === null ? 'succeeded' : next === undefined || !d.active ? 'failed' : 'pending';
    await this.db.transaction().execute(async (trx) => {
      // Only while the row is still this claim's: a resend or another process after a lost lease wins.
      const updated = await trx.updateTable('webhook_deliveries').set({
        status, last_status_code: statusCode, last_error: error, lease_until: null,
        ...(status === 'pending' ? { next_attempt_at: new Date(next!) } : { finished_at: new Date(now) }),
      }).where('tenant_id', '=', d.tenant_id).where('id', '=', d.id).where('status', '=', 'pending').where('attempts', '=', d.attempts).executeTakeFirst();
      if (updated.numUpdatedRows === 0n) return;
      await trx.insertInto('webhook_attempts').values({
        tenant_id: d.tenant_id, delivery_id: d.id, attempt_no: d.attempts, started_at: new Date(started), duration_ms: durationMs,
        status_code: statusCode, error, response_body: responseBody,
      }).onConflict((oc) => oc.doNothing()).execute();
    });
  }

  private async claimEmails(): Promise<ClaimedEmail[]> {
    const now = new Date(this.nowMs());
    const { rows } = await sql<ClaimedEmail>`
      UPDATE email_deliveries e
         SET lease_until = ${leaseOf(now)}, attempts = e.attempts + 1
        FROM (SELECT tenant_id, id FROM email_deliveries
               WHERE status = 'pending' AND next_attempt_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
               ORDER BY next_attempt_at LIMIT ${limits.notifyDeliveriesPerBatchMax}
                 FOR UPDATE SKIP LOCKED) c
       WHERE e.tenant_id = c.tenant_id AND e.id = c.id
      RETURNING e.tenant_id, e.id, e.to_address, e.subject, e.body, e.attempts, e.give_up_at, e.attachment_id`.execute(this.db);
    return rows;
  }

  private async mail(m: ClaimedEmail): Promise<void> {
    let error: string | null = null;
    try {
      const attachments = m.attachment_id === null ? [] : await this.attachmentOf(m.tenant_id, m.attachment_id);
      await this.options.mailer!.send({ to: m.to_address, subject: m.subject, text: m.body, ...(attachments.length > 0 ? { attachments } : {}) });
    } catch (caught) {
      error = ((caught as Error).message ?? String(caught)).slice(0, 500);
    }
    const now = this.nowMs();
    const next = error === null ? undefined : nextAttemptAtMs(m.attempts, now, m.give_up_at.getTime(), this.random());
    const status = error === null ? 'sent' : next === undefined ? 'failed' : 'pending';
    await this.db.updateTable('email_deliveries').set({
      status, last_error: error, lease_until: null,
      ...(status === 'pending' ? { next_attempt_at: new Date(next!) } : status === 'sent' ? { sent_at: new Date(now) } : {}),
    }).where('tenant_id', '=', m.tenant_id).where('id', '=', m.id).where('status', '=', 'pending').where('attempts', '=', m.attempts).execute();
  }

  /**
   * A delivered report's file, read when the mail is sent (not copied into the queue). One over the bound is
   * not attached: the mail's text says where the recipient downloads it.
   */
  private async attachmentOf(tenantId: string, deliveryId: string): Promise<MailAttachment[]> {
    const row = await this.db.selectFrom('report_deliveries').select(['file_name', 'content_type', 'content'])
      .where('tenant_id', '=', tenantId).where('id', '=', deliveryId).where('status', '=', 'delivered')
      .where(sql<boolean>`octet_length(content) <= ${limits.emailAttachmentBytesMax}`).executeTakeFirst();
    return row?.content ? [{ filename: row.file_name, contentType: row.content_type, content: row.content }] : [];
  }
}

/*
 * What the notification worker needs from the outside world, as interfaces: the adapters (src/adapters/notify)
 * implement them with node:http and nodemailer, and app.ts wires them in.
 */

export interface WebhookAnswer {
  statusCode: number;
  /** The start of the receiver's answer (bounded by limits.webhookResponseBytesMax). */
  body: string;
}

export interface WebhookSender {
  /** The operator's ceiling on private targets, for screens to explain it (absent: never). */
  readonly privateTargets?: 'never' | 'tenant' | 'always';
  /**
   * Throws KxError webhook_target_forbidden for a URL we must not call (SSRF); resolves the host to check it.
   * `tenantAllowsPrivate`: the tenant's own switch (tenants.allow_private_webhook_targets), which counts only
   * where the operator lets tenants decide (KX_WEBHOOK_ALLOW_PRIVATE=tenant).
   */
  checkTarget(url: string, tenantAllowsPrivate?: boolean): Promise<unknown>;
  /** Checks the target again (DNS may have changed), then POSTs; rejects on a refusal, a network error or a timeout. */
  post(url: string, headers: Record<string, string>, body: string, tenantAllowsPrivate?: boolean): Promise<WebhookAnswer>;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

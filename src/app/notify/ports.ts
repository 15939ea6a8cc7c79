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
  /** Throws KxError webhook_target_forbidden for a URL we must not call (SSRF); resolves the host to check it. */
  checkTarget(url: string): Promise<unknown>;
  /** Checks the target again (DNS may have changed), then POSTs; rejects on a refusal, a network error or a timeout. */
  post(url: string, headers: Record<string, string>, body: string): Promise<WebhookAnswer>;
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

import nodemailer, { type Transporter } from 'nodemailer';
import type { Mailer, MailMessage } from '../../app/notify/ports.js';

/** SMTP through nodemailer: KX_SMTP_URL (smtp:// or smtps://, credentials in the URL) and KX_SMTP_FROM. */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string) {
    // Bounded waits: an SMTP server that hangs must not hold the worker for nodemailer's minutes-long defaults.
    this.transport = nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from, to: message.to, subject: message.subject, text: message.text,
      ...(message.attachments ? { attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })) } : {}),
    });
  }

  close(): void {
    this.transport.close();
  }
}

import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import nodemailer, { type Transporter } from 'nodemailer';
import { mailConfig } from '../config/config.js';

export interface Address {
  name?: string;
  address: string;
}

export interface OutgoingMessage {
  to: Address[];
  cc: Address[];
  /** Where replies go, when not to the sender. */
  replyTo?: Address | null;
  /** One-click unsubscribe (RFC 8058): sent as List-Unsubscribe with List-Unsubscribe-Post. */
  listUnsubscribe?: string | null;
  subject: string;
  html: string;
  text: string;
  /** Sent as the Message-ID, so the SMTP server's logs and ours can be matched. */
  messageId: string;
}

export class SmtpError extends Error {
  constructor(
    message: string,
    /** A 5xx answer: the server refused for good (a bounce); retrying will not help. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** SMTP through nodemailer, pooled; `SMTP_URL` names the server (the development inbox under `npm start`). */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private transporter: Transporter | undefined;

  constructor(@Inject(mailConfig.KEY) readonly config: ConfigType<typeof mailConfig>) {}

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    if (!this.config.smtpUrl) throw new SmtpError('SMTP_URL is not set: there is no mail server to send to', false);
    // The URL goes inside the options: as createTransport's first argument, the second would be taken as
    // defaults for every message, and each email would open a connection of its own.
    this.transporter ??= nodemailer.createTransport({ url: this.config.smtpUrl, pool: true, maxConnections: 3 });
    try {
      const info: { messageId?: string } = await this.transporter.sendMail({
        from: this.config.from,
        to: message.to,
        cc: message.cc,
        ...(message.replyTo && { replyTo: message.replyTo }),
        ...(message.listUnsubscribe && {
          headers: {
            'List-Unsubscribe': `<${message.listUnsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        }),
        subject: message.subject,
        html: message.html,
        text: message.text,
        messageId: message.messageId,
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { messageId: String(info.messageId ?? message.messageId) };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      throw new SmtpError((error as Error).message, typeof code === 'number' && code >= 500);
    }
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}

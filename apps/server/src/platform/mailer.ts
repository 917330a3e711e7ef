import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The one way the server sends email. Without SMTP_URL it is not configured and sends nothing. */
export interface Mailer {
  readonly configured: boolean;
  /** Resolves when the SMTP server accepted the message; rejects with a message free of secrets. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export class MailerNotConfigured extends Error {
  constructor() {
    super('Email is not configured (set SMTP_URL)');
  }
}

export function createMailer(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM' | 'SMTP_TIMEOUT_MS'>,
  log: Logger,
): Mailer {
  if (!config.SMTP_URL) {
    return {
      configured: false,
      send: () => Promise.reject(new MailerNotConfigured()),
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport({
    url: config.SMTP_URL,
    connectionTimeout: config.SMTP_TIMEOUT_MS,
    greetingTimeout: config.SMTP_TIMEOUT_MS,
    socketTimeout: config.SMTP_TIMEOUT_MS,
  });
  return {
    configured: true,
    async send(message) {
      try {
        await transport.sendMail({ from: config.SMTP_FROM, ...message });
        // The recipient and subject only: bodies carry one-time links.
        log.info({ to: message.to, subject: message.subject }, 'email sent');
      } catch (error) {
        // nodemailer's errors may quote the server's reply but never the URL's credentials.
        const reason = error instanceof Error ? error.message : String(error);
        log.warn({ to: message.to, subject: message.subject, reason }, 'email not sent');
        throw new Error(`The email could not be sent: ${reason}`);
      }
    },
    close: () => transport.close(),
  };
}

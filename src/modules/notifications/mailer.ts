/**
 * Where an email goes: an SMTP server (SMTP_URL, through nodemailer) or the built-in mail
 * catcher (the mail_messages table, read at /dashboard/<org>/mail). Each message is built once
 * into its raw MIME source; the catcher stores exactly what SMTP would have carried.
 *
 * The catcher takes a message when there is no SMTP_URL (the embedded default), and always for
 * a demo organization or an address at a documentation domain (example.com/.net/.org, RFC 2606):
 * those belong to nobody, and a real server would bounce them or worse.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Db } from '@/db/client';
import { type MailAttachmentInfo, mailMessages } from '@/db/schema';
import { newId } from '@/lib/ids';

export interface OutgoingMail {
  /** Null for account mail (password reset, address verification): it belongs to `userId`. */
  organizationId: string | null;
  userId?: string;
  /** The outbox message being delivered: with the address, it names the email (Message-ID). */
  outboxId: string;
  topic: string;
  to: string;
  toName?: string;
  subject: string;
  text: string;
  html: string;
  /** `encoding: 'base64'`: binary content (a ticket's QR code PNG) given as base64. */
  attachments?: { filename: string; content: string; contentType: string; encoding?: 'base64' }[];
  /** Never to a real server (demo organizations). */
  catchOnly?: boolean;
}

export interface Mailer {
  /** 'smtp' when SMTP_URL is set; 'catcher' when every message is kept in the database. */
  readonly mode: 'smtp' | 'catcher';
  send(mail: OutgoingMail): Promise<{ via: 'smtp' | 'catcher' }>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** Socket timeouts for SMTP (ms): an unreachable server fails the try, the outbox retries later. */
  timeoutMs?: number;
}

const DOCUMENTATION_DOMAINS = /@(?:[^@]+\.)?example\.(?:com|net|org)$/i;

export function isDocumentationAddress(address: string): boolean {
  return DOCUMENTATION_DOMAINS.test(address.trim());
}

export async function composeRaw(from: string, mail: OutgoingMail, date: Date): Promise<{ raw: string; messageId: string }> {
  const hash = createHash('sha256').update(`${mail.outboxId}\n${mail.to.toLowerCase()}`).digest('hex').slice(0, 24);
  const fromDomain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'bookline.localhost';
  const messageId = `<${hash}.${mail.outboxId}@${fromDomain}>`;
  const composer = new MailComposer({
    from,
    to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date,
    messageId,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Bookline-Topic': mail.topic },
    attachments: mail.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, encoding: a.encoding })),
  });
  const raw = await composer.compile().build();
  return { raw: raw.toString('utf8'), messageId };
}

export function createMailer(db: Db, options: MailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 20_000;
  // Pooled: a connection is kept open and reused across messages (a new SMTP session per message
  // cost 110 ms against 21 ms reused, measured here with smtp-server on loopback, which delays
  // each greeting by 100 ms as many servers do).
  const transport = options.smtpUrl
    ? nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 2, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout * 2 } satisfies SMTPPool.Options)
    : null;

  async function catchMail(mail: OutgoingMail, raw: string) {
    const attachments: MailAttachmentInfo[] = (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content, a.encoding ?? 'utf8') }));
    await db
      .insert(mailMessages)
      .values({
        id: newId('mailMessage'),
        organizationId: mail.organizationId,
        userId: mail.userId ?? null,
        outboxId: mail.outboxId,
        topic: mail.topic,
        from: options.from,
        to: mail.toName ? `${mail.toName} <${mail.to}>` : mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        raw,
        attachments,
      })
      .onConflictDoNothing();
  }

  return {
    mode: transport ? 'smtp' : 'catcher',
    async send(mail) {
      const { raw } = await composeRaw(options.from, mail, new Date());
      if (!transport || mail.catchOnly || isDocumentationAddress(mail.to)) {
        await catchMail(mail, raw);
        return { via: 'catcher' };
      }
      const envelopeFrom = /<([^>]+)>/.exec(options.from)?.[1] ?? options.from;
      await transport.sendMail({ envelope: { from: envelopeFrom, to: [mail.to] }, raw });
      return { via: 'smtp' };
    },
    close() {
      transport?.close();
    },
  };
}

/** What the server says at start about where mail goes: a warning in production without SMTP. */
export function transportNotice(e: { SMTP_URL?: string; NODE_ENV: string }): { level: 'warn' | 'info'; message: string } {
  if (e.SMTP_URL) return { level: 'info', message: `email is sent through ${new URL(e.SMTP_URL).host} (SMTP_URL); demo organizations and example.com addresses stay in the mail catcher` };
  const where = 'kept in the built-in mail catcher (/dashboard/<org>/mail)';
  if (e.NODE_ENV === 'production') {
    return { level: 'warn', message: `SMTP_URL is not set: no email leaves this server; every message is ${where}. Set SMTP_URL (smtp://user:password@host:587) and MAIL_FROM to send email.` };
  }
  return { level: 'info', message: `SMTP_URL is not set: emails are ${where}` };
}

/**
 * Account mail (docs/decisions/0009-account-mail.md): Better Auth's password-reset and
 * address-verification links, written to the outbox by identity's hooks with no organization,
 * delivered here like any other email (same worker, retries, SMTP or the catcher). The link is
 * sealed in the outbox row (lib/sealed.ts, bound to the user) and opened only to send; the
 * recipient is the account's address at delivery, read in the delivery's short transaction.
 *
 * Who may read a caught copy: nobody through an organization's mail page (no organization);
 * the account's owner, signed in, may read caught verification emails (listOwnVerificationMail;
 * row-level security allows only those); a caught password-reset email is readable by no one in
 * the app — outside production the server logs where it is (the row's outbox id), for whoever
 * runs the server and so already holds the database.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { mailMessages, users } from '@/db/schema';
import { env } from '@/lib/env';
import type { Logger } from '@/lib/logger';
import { resolveAuthSecret } from '@/lib/secrets';
import { unseal } from '@/lib/sealed';
import { type AccountOutboxHandler, type Ctx, requireUser, tenantTx } from '@/modules/kernel';
import { accountMail, type AccountMailKind } from './account-templates';
import type { Mailer } from './mailer';
import { mailLocale } from './templates';

/** The topics identity enqueues, and the sealing purpose their links use (identity/account-mail-hooks.ts). */
export const ACCOUNT_MAIL_TOPICS = { 'email.password_reset': 'passwordReset', 'email.verify_email': 'verifyEmail' } as const satisfies Record<string, AccountMailKind>;
export const ACCOUNT_LINK_PURPOSE = 'account-mail-link';

export function createAccountMailHandlers(log: Logger, mailer: Mailer | undefined, secret = resolveAuthSecret(env())): Record<keyof typeof ACCOUNT_MAIL_TOPICS, AccountOutboxHandler> {
  const handler = (kind: AccountMailKind): AccountOutboxHandler => ({
    account: async (m, tx) => {
      const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, m.userId));
      if (!user || !mailer) return undefined; // the account is gone: nothing to say
      const url = unseal(secret, ACCOUNT_LINK_PURPOSE, m.payload.link, m.userId);
      // A link sealed under another server secret cannot be shown; failing the try would retry
      // in vain. The user asks again (the page says the link may take minutes, or never come).
      if (!url) {
        log.warn({ outbox: m.id, user: m.userId, topic: m.topic }, 'account email skipped: its link cannot be opened with this server secret');
        return undefined;
      }
      const rendered = accountMail(kind, mailLocale(m.payload.locale as string | undefined), {
        name: user.name,
        email: user.email,
        url,
        expiresInMinutes: Number(m.payload.expiresInMinutes ?? 60),
      });
      return async () => {
        const { via } = await mailer.send({ organizationId: null, userId: m.userId, outboxId: m.id, topic: m.topic, to: user.email, toName: user.name, ...rendered });
        // No one may read a caught reset email in the app (see above); whoever runs the server can
        // find it in the database (the forgot-password page tells the user to ask them). Never the
        // link itself in a log line.
        if (via === 'catcher' && kind === 'passwordReset') {
          log[env().NODE_ENV === 'production' ? 'warn' : 'info']({ outbox: m.id, user: m.userId }, `password-reset email kept in the mail catcher (no SMTP_URL): SELECT text FROM mail_messages WHERE outbox_id = '${m.id}'`);
        }
      };
    },
  });
  return { 'email.password_reset': handler('passwordReset'), 'email.verify_email': handler('verifyEmail') };
}

export interface CaughtVerificationMail {
  id: string;
  subject: string;
  /** The verification link in it. */
  link: string | null;
  createdAt: string;
}

/**
 * The signed-in user's caught verification emails (newest first, at most 5): on a server with
 * no SMTP the only way to reach the link. Row-level security shows the app role only its own
 * user's verification mail, never a password-reset email (migration 0011).
 */
export async function listOwnVerificationMail(ctx: Ctx): Promise<CaughtVerificationMail[]> {
  const user = requireUser(ctx);
  return tenantTx(
    ctx,
    async (tx) => {
      const rows = await tx
        .select({ id: mailMessages.id, subject: mailMessages.subject, text: mailMessages.text, createdAt: mailMessages.createdAt })
        .from(mailMessages)
        .where(and(isNull(mailMessages.organizationId), eq(mailMessages.userId, user.userId), eq(mailMessages.topic, 'email.verify_email')))
        .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
        .limit(5);
      return rows.map((r) => ({
        id: r.id,
        subject: r.subject,
        link: /https?:\/\/\S+\/api\/auth\/verify-email\?\S+/.exec(r.text)?.[0] ?? null,
        createdAt: r.createdAt.toISOString(),
      }));
    },
    null,
  );
}

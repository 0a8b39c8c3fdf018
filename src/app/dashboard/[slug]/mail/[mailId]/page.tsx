import type { Metadata } from 'next';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { isAppError } from '@/lib/errors';
import { getMail, type MailDto } from '@/modules/notifications';
import { Alert } from '@/ui/alert';
import { cachedMemberCtx } from '../../../../_lib/request-cache';
import { formatDateTime } from '../../../_lib/format';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string; mailId: string }>;
}

/** The message, or why it cannot be shown (another tenant's id and a malformed one alike: not found). */
async function load(slug: string, mailId: string): Promise<MailDto | 'not_found' | 'forbidden'> {
  const ctx = await cachedMemberCtx(slug);
  if (!/^mail_[0-9a-z]{26}$/.test(mailId)) return 'not_found';
  try {
    return await getMail(ctx, mailId);
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return 'not_found';
    if (isAppError(err) && err.code === 'FORBIDDEN') return 'forbidden';
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, mailId } = await params;
  const [mail, t] = await Promise.all([load(slug, mailId), getTranslations('mailPage')]);
  return { title: typeof mail === 'string' ? t('title') : t('message.metaTitle', { subject: mail.subject }) };
}

export default async function MailMessagePage({ params }: Props) {
  const { slug, mailId } = await params;
  const [ctx, mail, t, locale] = await Promise.all([cachedMemberCtx(slug), load(slug, mailId), getTranslations('mailPage'), getLocale()]);
  const tenant = ctx.tenant!;
  const back = (
    <Link href={`/dashboard/${slug}/mail`} className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline">
      ← {t('message.back')}
    </Link>
  );
  if (mail === 'forbidden' || mail === 'not_found') {
    return (
      <div className="mx-auto max-w-4xl">
        {back}
        <Alert tone="warning" title={mail === 'forbidden' ? t('forbiddenTitle') : t('message.notFoundTitle')} className="mt-4">
          <p>{mail === 'forbidden' ? t('forbiddenBody', { organization: tenant.name }) : t('message.notFoundBody')}</p>
        </Alert>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-5xl">
      {back}
      <h1 className="mt-3 text-2xl font-bold tracking-tight break-words text-slate-900">{mail.subject}</h1>
      <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-semibold text-slate-700">{t('message.from')}</dt>
        <dd className="break-all text-slate-900">{mail.from}</dd>
        <dt className="font-semibold text-slate-700">{t('message.to')}</dt>
        <dd className="break-all text-slate-900" data-testid="mail-to">{mail.to}</dd>
        <dt className="font-semibold text-slate-700">{t('message.date')}</dt>
        <dd className="text-slate-900">
          <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt, locale, tenant.timezone)}</time>
        </dd>
        <dt className="font-semibold text-slate-700">{t('message.attachmentsTitle')}</dt>
        <dd className="text-slate-900">
          {mail.attachments.length === 0 ? (
            t('message.noAttachments')
          ) : (
            <ul data-testid="mail-attachments">
              {mail.attachments.map((a) => (
                <li key={a.filename}>
                  {a.filename} <span className="text-slate-600">({a.contentType.split(';')[0]}, {a.size} B)</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>

      <section aria-labelledby="mail-rendered" className="mt-6">
        <h2 id="mail-rendered" className="text-lg font-semibold text-slate-900">
          {t('message.rendered')}
        </h2>
        {/* sandbox="" : no scripts, no forms, an opaque origin; links open nothing inside the dashboard. */}
        <iframe
          sandbox=""
          srcDoc={mail.html}
          title={t('message.frameTitle', { subject: mail.subject })}
          className="mt-3 h-[32rem] w-full rounded-lg border border-slate-200 bg-white"
          data-testid="mail-html"
        />
      </section>

      <details className="mt-6 rounded-lg border border-slate-200 bg-white">
        <summary className="cursor-pointer px-4 py-3 font-semibold text-slate-900">{t('message.text')}</summary>
        <pre className="overflow-x-auto px-4 pb-4 text-sm whitespace-pre-wrap break-words text-slate-800" data-testid="mail-text">
          {mail.text}
        </pre>
      </details>
      <details className="mt-3 rounded-lg border border-slate-200 bg-white">
        <summary className="cursor-pointer px-4 py-3 font-semibold text-slate-900">{t('message.raw')}</summary>
        <pre className="max-h-[32rem] overflow-auto px-4 pb-4 text-xs whitespace-pre text-slate-800" data-testid="mail-raw">
          {mail.raw}
        </pre>
      </details>
    </div>
  );
}

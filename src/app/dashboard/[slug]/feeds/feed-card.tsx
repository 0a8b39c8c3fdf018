'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { FeedDto } from '@/modules/feeds/schemas';
import { Button } from '@/ui/button';
import { useToast } from '@/ui/toast';

/** One feed: what it shows, who made it and when, and its revocation (asked twice). */
export function FeedCard({ slug, feed, name, locale, timeZone, onRevoked }: { slug: string; feed: FeedDto; name: string; locale: string; timeZone: string; onRevoked: () => void }) {
  const t = useTranslations('feedsPage.card');
  const te = useTranslations('dashboard.errors');
  const notify = useToast();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The question replaces the button: focus follows to its answer, so keyboard users are not lost.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(feed.createdAt));
  const headingId = `feed-${feed.id}-name`;

  async function revoke() {
    if (busy) return;
    setBusy(true);
    const result = await call(api.orgs[':slug'].feeds[':feedId'].$delete({ param: { slug, feedId: feed.id } }));
    setBusy(false);
    if (!result.ok) return notify('error', failureMessage(result, te));
    notify('success', t('revoked'));
    onRevoked();
  }

  return (
    <article className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start sm:justify-between" aria-labelledby={headingId} data-testid="feed">
      <div className="min-w-0">
        <h3 id={headingId} className="font-semibold break-words text-slate-900">
          {name}
        </h3>
        <p className="mt-0.5 text-sm text-slate-600">{feed.createdBy ? t('created', { date, name: feed.createdBy.name }) : t('createdUnknown', { date })}</p>
      </div>
      <div className="flex shrink-0 flex-col gap-2 sm:items-end" role="group" aria-label={t('actions', { name })}>
        {confirming ? (
          <>
            <p className="text-sm text-slate-700" id={`feed-${feed.id}-question`}>
              {t('revokeQuestion')}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button type="button" size="sm" variant="danger" loading={busy} loadingText={t('revoking')} aria-describedby={`feed-${feed.id}-question`} onClick={revoke} ref={confirmButton}>
                {t('confirmRevoke')}
              </Button>
              <Button
                type="button"
                size="sm"
                variant="ghost"
                onClick={() => {
                  setConfirming(false);
                  requestAnimationFrame(() => revokeButton.current?.focus());
                }}
              >
                {t('cancelRevoke')}
              </Button>
            </div>
          </>
        ) : (
          <Button ref={revokeButton} type="button" size="sm" variant="secondary" onClick={() => setConfirming(true)}>
            {t('revoke')}
          </Button>
        )}
      </div>
    </article>
  );
}

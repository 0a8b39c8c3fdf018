'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { EventStatus } from '@/db/enums';
import { api, call, failureMessage } from '@/app/_lib/api';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { useToast } from '@/ui/toast';

/**
 * Publish, back to draft, cancel (confirmed), delete (confirmed; the API refuses an event with
 * sold tickets and says so). Each is one request; the page re-reads the event afterwards.
 */
export function EventActions({ slug, eventId, title, status }: { slug: string; eventId: string; title: string; status: EventStatus }) {
  const t = useTranslations('eventsAdmin.actions');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'cancel' | 'delete' | null>(null);

  async function setStatus(next: EventStatus) {
    setBusy(true);
    setError(null);
    const r = await call(api.orgs[':slug']['ticketed-events'][':eventId'].$patch({ param: { slug, eventId }, json: { status: next } }));
    setBusy(false);
    setConfirm(null);
    if (!r.ok) return setError(t('failed', { message: failureMessage(r, te) }));
    notify('success', t(next === 'published' ? 'published' : next === 'draft' ? 'unpublished' : 'cancelled', { title }));
    router.refresh();
  }

  async function remove() {
    setBusy(true);
    setError(null);
    const r = await call(api.orgs[':slug']['ticketed-events'][':eventId'].$delete({ param: { slug, eventId } }));
    setBusy(false);
    setConfirm(null);
    if (!r.ok) return setError(t('failed', { message: failureMessage(r, te) }));
    notify('success', t('deleted', { title }));
    router.push(`/dashboard/${slug}/events`);
  }

  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {status === 'draft' ? (
          <Button onClick={() => void setStatus('published')} disabled={busy}>
            {t('publish')}
          </Button>
        ) : null}
        {status === 'published' ? (
          <Button variant="secondary" onClick={() => void setStatus('draft')} disabled={busy}>
            {t('unpublish')}
          </Button>
        ) : null}
        {status !== 'cancelled' ? (
          <Button variant="danger" aria-haspopup="dialog" onClick={() => setConfirm('cancel')} disabled={busy}>
            {t('cancel')}
          </Button>
        ) : null}
        <Button variant="ghost" aria-haspopup="dialog" onClick={() => setConfirm('delete')} disabled={busy}>
          {t('delete')}
        </Button>
      </div>
      <LiveRegion politeness="assertive">
        {error ? (
          <Alert tone="error" className="mt-3">
            {error}
          </Alert>
        ) : null}
      </LiveRegion>
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'delete' ? t('confirmDeleteTitle', { title }) : t('confirmCancelTitle', { title })}
        description={confirm === 'delete' ? t('confirmDeleteBody') : t('confirmCancelBody')}
        closeLabel={tc('close')}
      >
        <div className="mt-4 flex flex-wrap gap-2">
          <Button variant="danger" loading={busy} onClick={() => void (confirm === 'delete' ? remove() : setStatus('cancelled'))}>
            {confirm === 'delete' ? t('delete') : t('cancel')}
          </Button>
          <Button variant="secondary" data-autofocus onClick={() => setConfirm(null)}>
            {t('keep')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

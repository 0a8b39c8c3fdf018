'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage } from '@/app/_lib/api';

function send(slug: string, item: { service: string } | { resource: string }, archive: boolean) {
  if ('service' in item) {
    const service = api.orgs[':slug'].services[':serviceId'];
    const param = { slug, serviceId: item.service };
    return archive ? call(service.archive.$post({ param })) : call(service.$patch({ param, json: { active: true } }));
  }
  const resource = api.orgs[':slug'].resources[':resourceId'];
  const param = { slug, resourceId: item.resource };
  return archive ? call(resource.archive.$post({ param })) : call(resource.$patch({ param, json: { active: true } }));
}

/**
 * Archive (POST …/archive, after a confirmation) or restore (PATCH `{ active: true }`) a service
 * or a resource. Bookings keep pointing at archived items; they just stop being offered.
 */
export function ArchiveButton({ slug, item, name, active }: { slug: string; item: { service: string } | { resource: string }; name: string; active: boolean }) {
  const t = useTranslations('catalogPage.archive');
  const te = useTranslations('catalogPage.errors');
  const router = useRouter();
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  async function run(archive: boolean) {
    setBusy(true);
    const result = await send(slug, item, archive);
    setBusy(false);
    setOpen(false);
    if (!result.ok) {
      notify('error', failureMessage(result, te));
      return;
    }
    notify('success', archive ? t('archived', { name }) : t('restored', { name }));
    router.refresh();
  }

  if (!active) {
    return (
      <Button type="button" variant="secondary" disabled={busy} onClick={() => run(false)}>
        {t('restore')}
      </Button>
    );
  }
  return (
    <>
      <Button type="button" variant="danger" onClick={() => setOpen(true)}>
        {t('archive')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t('confirmTitle', { name })} description={t('confirmBody')} closeLabel={t('cancel')}>
        <div className="mt-6 flex flex-wrap justify-end gap-3">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            {t('cancel')}
          </Button>
          <Button type="button" variant="danger" disabled={busy} onClick={() => run(true)}>
            {t('archive')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

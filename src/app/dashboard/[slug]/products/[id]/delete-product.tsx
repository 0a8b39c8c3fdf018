'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { Dialog } from '@/ui/dialog';
import { useToast } from '@/ui/toast';
import { api, call, failureMessage } from '@/app/_lib/api';

/** Deletes the product after a confirmation; a 409 (orders or carts refer to it) is shown in the dialog. */
export function DeleteProduct({ slug, productId, title }: { slug: string; productId: string; title: string }) {
  const t = useTranslations('productsAdmin.edit');
  const te = useTranslations('dashboard.errors');
  const tc = useTranslations('dashboard.common');
  const router = useRouter();
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onDelete() {
    setBusy(true);
    setError(null);
    const result = await call(api.orgs[':slug'].products[':productId'].$delete({ param: { slug, productId } }));
    setBusy(false);
    if (result.ok) {
      notify('success', t('deleted', { title }));
      setOpen(false);
      router.push(`/dashboard/${slug}/products`);
      return;
    }
    setError(t('deleteFailed', { message: failureMessage(result, te) }));
  }

  return (
    <>
      <Button
        variant="danger"
        size="sm"
        aria-haspopup="dialog"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
      >
        {t('delete')}
      </Button>
      <Dialog open={open} onClose={() => (busy ? undefined : setOpen(false))} title={t('deleteTitle', { title })} description={t('deleteBody')} closeLabel={tc('close')}>
        <LiveRegion politeness="assertive">{error ? <Alert tone="error">{error}</Alert> : null}</LiveRegion>
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" disabled={busy} onClick={() => setOpen(false)}>
            {tc('cancel')}
          </Button>
          <Button variant="danger" loading={busy} loadingText={t('deleting')} onClick={() => void onDelete()}>
            {t('deleteConfirm')}
          </Button>
        </div>
      </Dialog>
    </>
  );
}

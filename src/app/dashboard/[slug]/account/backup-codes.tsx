'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert, LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';

/** Backup codes, shown once: copy them or save them as a text file. */
export function BackupCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const t = useTranslations('accountPage.backupCodes');
  const [status, setStatus] = useState<string | null>(null);
  const text = codes.join('\n');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(t('copied'));
    } catch {
      setStatus(t('copyFailed'));
    }
  }

  function download() {
    const blob = new Blob([`${t('fileHeader', { email })}\n\n${text}\n`], { type: 'text/plain' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'bookline-backup-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  }

  return (
    <div className="space-y-4" data-testid="backup-codes">
      <Alert tone="warning" title={t('title')}>
        <p>{t('warning')}</p>
      </Alert>
      <ul aria-label={t('listLabel')} className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-4 font-mono text-sm text-slate-900 sm:grid-cols-3">
        {codes.map((c) => (
          <li key={c} className="break-all">
            {c}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" size="sm" onClick={copy}>
          {t('copy')}
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={download}>
          {t('download')}
        </Button>
        <Button type="button" size="sm" onClick={onDone}>
          {t('done')}
        </Button>
      </div>
      <LiveRegion>{status ? <p className="text-sm text-slate-700">{status}</p> : null}</LiveRegion>
    </div>
  );
}

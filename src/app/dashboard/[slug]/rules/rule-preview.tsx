'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import type { RulePreviewDto } from '@/modules/rules/schemas';
import { formatDateTime } from '../../_lib/format';
import { Alert } from '@/ui/alert';
import { Button } from '@/ui/button';
import { SelectField } from '@/ui/field';
import { Spinner } from '@/ui/spinner';

const WINDOWS = [7, 30, 90, 365] as const;

/** "This rule would have affected 12 of the last 30 days' 140 bookings", with a few of them. */
export function RulePreview({ slug, ruleId, locale, timeZone }: { slug: string; ruleId: string; locale: string; timeZone: string }) {
  const t = useTranslations('rulesPage.preview');
  const te = useTranslations('dashboard.errors');
  const [days, setDays] = useState<number>(30);
  const [state, setState] = useState<{ preview: RulePreviewDto | null; error: string | null; loading: boolean }>({ preview: null, error: null, loading: true });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    void call(api.orgs[':slug'].rules[':ruleId'].preview.$get({ param: { slug, ruleId }, query: { days: String(days) } }, { headers: { 'Accept-Language': locale }, init: { signal: controller.signal } }), controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      if (result.ok) setState({ preview: result.data, error: null, loading: false });
      else if (result.error.code !== 'ABORTED') setState({ preview: null, error: failureMessage(result, te), loading: false });
    });
    return () => controller.abort();
  }, [slug, ruleId, days, attempt, locale, te]);

  const { preview, error, loading } = state;
  return (
    <div className="space-y-4" data-testid="rule-preview">
      <SelectField id="rule-preview-days" label={t('window')} value={String(days)} onChange={(e) => setDays(Number(e.target.value))}>
        {WINDOWS.map((d) => (
          <option key={d} value={d}>
            {t('lastDays', { days: d })}
          </option>
        ))}
      </SelectField>
      <div aria-live="polite" aria-busy={loading}>
        {loading ? (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner /> {t('loading')}
          </p>
        ) : error ? (
          <Alert tone="error">
            <p>{error}</p>
            <Button type="button" size="sm" variant="secondary" className="mt-2" onClick={() => setAttempt((n) => n + 1)}>
              {t('retry')}
            </Button>
          </Alert>
        ) : preview ? (
          <>
            <p className="text-sm font-medium text-slate-900" data-testid="rule-preview-summary">
              {t('summary', { affected: preview.affected, evaluated: preview.evaluated, days })}
            </p>
            {preview.examples.length > 0 ? (
              <>
                <h3 className="mt-3 text-sm font-semibold text-slate-900">{t('examples')}</h3>
                <ul className="mt-2 space-y-2 text-sm">
                  {preview.examples.map((ex) => (
                    <li key={ex.bookingId} className="rounded-md border border-slate-200 p-2">
                      <span className="font-medium text-slate-900">{ex.customerName}</span>
                      <span className="text-slate-600"> · {formatDateTime(ex.start, locale, timeZone)}</span>
                      <span className="block text-slate-800">{ex.reason}</span>
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="mt-2 text-sm text-slate-600">{t('none')}</p>
            )}
          </>
        ) : null}
      </div>
    </div>
  );
}

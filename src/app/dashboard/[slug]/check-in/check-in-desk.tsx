'use client';

/**
 * The check-in field (autofocused; Enter submits; a scanner that types and presses Enter works
 * too) and one big answer for the last code: admitted with who and what, already checked in
 * with when, void, or not found. After each answer the field is emptied and focused again, so
 * the next person's code can come straight in. The server decides (one conditional update):
 * two desks scanning one code at once get one "admitted".
 */
import { useTranslations } from 'next-intl';
import { type FormEvent, useRef, useState } from 'react';
import { api, call, failureMessage } from '@/app/_lib/api';
import { LiveRegion } from '@/ui/alert';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { formatTime } from '../../_lib/format';
import { CameraScan } from './camera-scan';

type Outcome =
  | { kind: 'admitted'; holder: string; type: string; event: string }
  | { kind: 'already'; at: string | null }
  | { kind: 'void' }
  | { kind: 'notFound'; code: string }
  | { kind: 'error'; message: string };

export function CheckInDesk({ slug, zone, locale }: { slug: string; zone: string; locale: string }) {
  const t = useTranslations('eventsAdmin.checkIn');
  const te = useTranslations('dashboard.errors');
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // Set synchronously: a scanner's double Enter comes before React re-renders `busy`.
  const sending = useRef(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    await checkIn(code);
  }

  async function checkIn(value: string) {
    const typed = value.trim();
    if (sending.current) return;
    if (!typed) {
      setFieldError(t('emptyCode'));
      input.current?.focus();
      return;
    }
    sending.current = true;
    setBusy(true);
    setFieldError(null);
    const r = await call(api.orgs[':slug']['check-in'].$post({ param: { slug }, json: { code: typed } }));
    sending.current = false;
    setBusy(false);
    if (r.ok) {
      setOutcome({ kind: 'admitted', holder: r.data.ticket.holderName ?? '', type: r.data.ticket.ticketType, event: r.data.event.title });
      setCode('');
    } else {
      const details = (r.error.details ?? {}) as { reason?: string; checkedInAt?: string };
      if (r.status === 409 && details.reason === 'already_checked_in') setOutcome({ kind: 'already', at: details.checkedInAt ?? null });
      else if (r.status === 409 && details.reason === 'ticket_void') setOutcome({ kind: 'void' });
      else if (r.status === 404) setOutcome({ kind: 'notFound', code: typed });
      else if (r.status === 400 && r.fields.code) setOutcome({ kind: 'notFound', code: typed });
      else setOutcome({ kind: 'error', message: failureMessage(r, te) });
      // Refused codes stay selected: a typo is fixed in place, the next scan replaces it.
    }
    input.current?.focus();
    input.current?.select();
  }

  return (
    <div className="mt-6 space-y-6">
      <form onSubmit={submit} noValidate className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
        <div className="flex flex-wrap items-end gap-3">
          <TextField
            ref={input}
            id="check-in-code"
            className="min-w-0 flex-1 basis-64"
            label={t('code')}
            hint={t('codeHint')}
            error={fieldError}
            value={code}
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={64}
            onChange={(e) => setCode(e.target.value)}
            style={{ fontSize: '1.25rem', height: '3rem', fontFamily: 'ui-monospace, monospace', letterSpacing: '0.05em' }}
          />
          <Button type="submit" className="h-12 text-base" aria-disabled={busy || undefined}>
            {busy ? t('checking') : t('submit')}
          </Button>
        </div>
        <CameraScan
          onCode={(scanned) => {
            setCode(scanned);
            void checkIn(scanned);
          }}
        />
      </form>
      <LiveRegion politeness="assertive">{outcome ? <OutcomePanel outcome={outcome} zone={zone} locale={locale} /> : null}</LiveRegion>
    </div>
  );
}

function OutcomePanel({ outcome, zone, locale }: { outcome: Outcome; zone: string; locale: string }) {
  const t = useTranslations('eventsAdmin.checkIn');
  if (outcome.kind === 'admitted') {
    return (
      <div data-testid="check-in-result" data-outcome="admitted" className="rounded-lg border-2 border-emerald-600 bg-emerald-50 p-6 text-emerald-950">
        <p className="flex items-center gap-3 text-3xl font-bold">
          <span aria-hidden="true" className="grid size-12 place-items-center rounded-full bg-emerald-700 text-3xl text-white">
            ✓
          </span>
          {t('admittedTitle')}
        </p>
        <p className="mt-3 text-lg">{t('admittedBody', { holder: outcome.holder, type: outcome.type, event: outcome.event })}</p>
      </div>
    );
  }
  const [title, body] =
    outcome.kind === 'already'
      ? [t('alreadyTitle'), outcome.at ? t('alreadyBody', { time: formatTime(outcome.at, locale, zone) }) : null]
      : outcome.kind === 'void'
        ? [t('voidTitle'), t('voidBody')]
        : outcome.kind === 'notFound'
          ? [t('notFoundTitle'), t('notFoundBody', { code: outcome.code })]
          : [t('errorTitle'), outcome.message];
  return (
    <div data-testid="check-in-result" data-outcome={outcome.kind} className="rounded-lg border-2 border-red-600 bg-red-50 p-6 text-red-950">
      <p className="flex items-center gap-3 text-3xl font-bold">
        <span aria-hidden="true" className="grid size-12 place-items-center rounded-full bg-red-700 text-3xl text-white">
          ✗
        </span>
        {title}
      </p>
      {body ? <p className="mt-3 text-lg">{body}</p> : null}
    </div>
  );
}

'use client';

/**
 * Staff edits of a booking that are not moves in its lifecycle: the internal notes, and the
 * final amount of a booking priced "from" (PATCH /orgs/:slug/bookings/:id, audited). Each form
 * keeps what was typed when the save fails and says why; the page reloads with the saved value.
 */
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type FormEvent, useState, useTransition } from 'react';
import { api, call, failureMessage, sentence } from '@/app/_lib/api';
import { updateBookingInput } from '@/modules/bookings/schemas';
import { Button } from '@/ui/button';
import { TextField } from '@/ui/field';
import { TextareaField } from '@/ui/textarea-field';
import { useToast } from '@/ui/toast';
import { fractionDigits, toMajor, toMinor } from '../../catalog/_lib/catalog';

const NOTES_MAX = 5000;

function useSave(slug: string, bookingId: string) {
  const router = useRouter();
  const [, startTransition] = useTransition();
  const te = useTranslations('dashboard.errors');
  return async (json: { internalNotes?: string; priceMinor?: number }): Promise<{ ok: true } | { ok: false; message: string; field?: string }> => {
    const parsed = updateBookingInput.safeParse(json);
    if (!parsed.success) return { ok: false, message: sentence(parsed.error.issues[0]!.message), field: parsed.error.issues[0]!.path.map(String).join('.') };
    const result = await call(api.orgs[':slug'].bookings[':bookingId'].$patch({ param: { slug, bookingId }, json: parsed.data }));
    if (!result.ok) {
      const field = Object.keys(result.fields)[0];
      return { ok: false, message: field ? sentence(result.fields[field]!) : failureMessage(result, te), field };
    }
    startTransition(() => router.refresh());
    return { ok: true };
  };
}

export function NotesEditor({ slug, bookingId, notes }: { slug: string; bookingId: string; notes: string }) {
  const t = useTranslations('dashboard.booking.edit');
  const notify = useToast();
  const save = useSave(slug, bookingId);
  const [value, setValue] = useState(notes);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const result = await save({ internalNotes: value.trim() });
    setBusy(false);
    if (result.ok) notify('success', t('notesSaved'));
    else setError(result.message);
  }

  return (
    <form onSubmit={onSubmit} className="mt-3 space-y-3" noValidate>
      <TextareaField
        id="booking-notes"
        label={t('notesLabel')}
        hint={t('notesHint', { max: NOTES_MAX })}
        rows={4}
        maxLength={NOTES_MAX}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={error ?? undefined}
      />
      <Button type="submit" size="sm" variant="secondary" disabled={busy || value === notes}>
        {busy ? t('saving') : t('saveNotes')}
      </Button>
    </form>
  );
}

export function FinalPriceEditor({ slug, bookingId, priceMinor, currency }: { slug: string; bookingId: string; priceMinor: number; currency: string }) {
  const t = useTranslations('dashboard.booking.edit');
  const notify = useToast();
  const save = useSave(slug, bookingId);
  const digits = fractionDigits(currency);
  const [value, setValue] = useState(() => toMajor(priceMinor, digits));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const minor = toMinor(value, digits);
    if (minor === null) {
      setError(t('amountInvalid', { digits }));
      document.getElementById('booking-final-price')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const result = await save({ priceMinor: minor });
    setBusy(false);
    if (result.ok) notify('success', t('priceSaved'));
    else setError(result.message);
  }

  return (
    <form onSubmit={onSubmit} className="mt-3 flex flex-wrap items-end gap-2" noValidate>
      <TextField
        id="booking-final-price"
        label={t('finalPriceLabel', { currency })}
        hint={t('finalPriceHint')}
        inputMode="decimal"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={error ?? undefined}
        className="w-48"
      />
      <Button type="submit" size="sm" variant="secondary" disabled={busy}>
        {busy ? t('saving') : t('savePrice')}
      </Button>
    </form>
  );
}

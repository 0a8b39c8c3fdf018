'use client';

/**
 * The one answer to "that time was just taken" (a 409 `slot_taken`), for every screen that
 * books or moves a booking: the public booking page, the manage page, the staff reschedule
 * dialog and the calendar's create dialog. The API lists the nearest free times with the
 * resource each would be booked on, the chosen one first; a time on another resource says so.
 */
import { useLocale, useTranslations } from 'next-intl';
import type { ApiFailure } from '@/app/_lib/api';
import { type AlternativeDto, conflictDetailsDto } from '@/modules/bookings/schemas';
import { Alert } from '@/ui/alert';
import { cx, focusRing } from '@/ui/class-names';

/** The alternatives of a 409 for a taken time, or null when the failure is something else. */
export function takenAlternatives(result: ApiFailure): AlternativeDto[] | null {
  if (result.status !== 409) return null;
  const details = conflictDetailsDto.safeParse(result.error.details);
  if (!details.success || details.data.reason !== 'slot_taken') return null;
  return details.data.alternatives ?? [];
}

export function ConflictAlternatives({
  alternatives,
  takenLabel,
  zone,
  chosenResourceId,
  onChoose,
  disabled,
  stays = false,
  headingRef,
  title,
  body,
}: {
  alternatives: AlternativeDto[];
  /** The time that was taken, already worded (e.g. "Tuesday, 3 June, 10:00–11:00"). */
  takenLabel: string;
  /** The zone times are shown in. */
  zone: string;
  /** The resource the person chose (null: any); a time on another resource is labelled. */
  chosenResourceId: string | null;
  onChoose: (alternative: AlternativeDto) => void;
  disabled?: boolean;
  stays?: boolean;
  headingRef?: React.Ref<HTMLDivElement>;
  /** Other words for the same choice (the live page's "your time was just taken", before sending). */
  title?: string;
  body?: string;
}) {
  const t = useTranslations('booking');
  const locale = useLocale();
  const when = (a: AlternativeDto) => {
    const date = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: zone });
    const time = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: zone });
    return stays ? `${date.format(new Date(a.start))} – ${date.format(new Date(a.end))}` : `${date.format(new Date(a.start))}, ${time.format(new Date(a.start))}`;
  };
  return (
    <div ref={headingRef} tabIndex={-1} className="focus:outline-none">
      <Alert tone="warning" title={title ?? t('conflictTitle')}>
        <p>{body ?? t('conflictBody', { time: takenLabel })}</p>
        {alternatives.length > 0 ? (
          <ul aria-label={t('alternativesLabel')} className="mt-3 grid gap-2 sm:grid-cols-2">
            {alternatives.map((alt) => {
              const elsewhere = chosenResourceId !== null && alt.resourceId !== chosenResourceId;
              return (
                <li key={`${alt.start}|${alt.end}|${alt.resourceId}`}>
                  <button
                    type="button"
                    disabled={disabled}
                    onClick={() => onChoose(alt)}
                    className={cx(
                      'w-full rounded-md border border-amber-400 bg-white px-3 py-2 text-left text-sm font-medium text-slate-900 hover:bg-amber-100 disabled:cursor-not-allowed disabled:opacity-60',
                      focusRing,
                    )}
                  >
                    <span className="block">{when(alt)}</span>
                    {elsewhere ? (
                      <span className="mt-0.5 block text-xs font-semibold text-amber-900">{t('alternativeOtherResource', { name: alt.resourceName })}</span>
                    ) : chosenResourceId === null ? (
                      <span className="mt-0.5 block text-xs text-slate-600">{t('alternativeWithName', { name: alt.resourceName })}</span>
                    ) : null}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="mt-2">{t('conflictNone')}</p>
        )}
      </Alert>
    </div>
  );
}

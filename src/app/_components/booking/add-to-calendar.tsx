'use client';

import { useTranslations } from 'next-intl';
import { type CalendarEvent, googleCalendarUrl, icsFile } from '@/app/_lib/calendar-event';
import { buttonClasses } from '@/ui/button';

/** "Add to calendar": an .ics download (Apple, Outlook, any calendar) and a Google Calendar link. */
export function AddToCalendar({ event, fileName }: { event: CalendarEvent; fileName: string }) {
  const t = useTranslations('booking');
  function download() {
    const url = URL.createObjectURL(new Blob([icsFile(event)], { type: 'text/calendar;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return (
    <div role="group" aria-label={t('addToCalendar')} className="flex flex-wrap items-center gap-2">
      <span className="text-sm font-medium text-slate-900">{t('addToCalendar')}:</span>
      <button type="button" onClick={download} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
        {t('calendarFile')}
      </button>
      <a href={googleCalendarUrl(event)} target="_blank" rel="noopener noreferrer" className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
        {t('googleCalendar')}
        <span className="sr-only"> ({t('opensNewTab')})</span>
      </a>
    </div>
  );
}

'use client';

import { DateTime } from 'luxon';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/ui/button';
import { useToast } from '@/ui/toast';
import { CreateBookingDialog, type ServiceOption } from '../calendar/_components/create-booking-dialog';

/** "New booking" on the bookings list: the calendar's dialog, with the resource to choose. */
export function NewBooking({ slug, zone, services, resources }: { slug: string; zone: string; services: ServiceOption[]; resources: { id: string; name: string }[] }) {
  const t = useTranslations('calendarPage.create');
  const router = useRouter();
  const notify = useToast();
  const [open, setOpen] = useState(false);
  // Tomorrow at 09:00 in the organization's zone, to be changed in the dialog.
  const [start] = useState(() => DateTime.now().setZone(zone).plus({ days: 1 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }));
  return (
    <>
      <Button type="button" onClick={() => setOpen(true)}>
        {t('newBooking')}
      </Button>
      {open ? (
        <CreateBookingDialog
          open
          slug={slug}
          zone={zone}
          resources={resources}
          start={start}
          services={services}
          onClose={() => setOpen(false)}
          onDone={(message) => {
            setOpen(false);
            notify('success', message);
            router.refresh();
          }}
        />
      ) : null}
    </>
  );
}

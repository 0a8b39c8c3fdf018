'use client';

import { useEffect, useRef } from 'react';
import { api, call } from '@/app/_lib/api';

const sendStep = api.public.orgs[':slug'].funnel.$post;

/**
 * Reports the booking page's two browser-side funnel steps, once per page view each: the
 * service was viewed, and a time was chosen (the first time only, however often the visitor
 * changes it). Counts only: the request carries the service and the step, no cookie or id of
 * the visitor, and nothing waits for it (`keepalive` lets it finish if the visitor leaves).
 * The server counts the rest (details submitted, booked, drop-offs) from the booking route.
 */
export function useFunnelSteps(slug: string, serviceId: string, timeChosen: boolean): void {
  const sent = useRef<{ key: string; viewed: boolean; chosen: boolean }>({ key: '', viewed: false, chosen: false });
  useEffect(() => {
    const key = `${slug}/${serviceId}`;
    if (sent.current.key !== key) sent.current = { key, viewed: false, chosen: false };
    const report = (step: 'service_viewed' | 'time_chosen') =>
      void call(sendStep({ param: { slug }, json: { serviceId, step } }, { init: { keepalive: true, credentials: 'omit' } }));
    if (!sent.current.viewed) {
      sent.current.viewed = true;
      report('service_viewed');
    }
    if (timeChosen && !sent.current.chosen) {
      sent.current.chosen = true;
      report('time_chosen');
    }
  }, [slug, serviceId, timeChosen]);
}

/**
 * Stays booked by the night (residences, boats): check-in on date A, check-out on date B.
 * Dates are the resource's own local dates; the asset is exclusive, so any busy interval blocks.
 */
import { DAY_MS, MINUTE_MS, parseLocalTime } from './calendar';
import { IntervalSet } from './intervals';
import { compileResource } from './resource';
import type { AvailabilityWindow, ResourceAvailabilityInput, StayOption, StayParams } from './types';
import { checkInteger, checkPositive, checkWindow } from './validate';

/**
 * Every stay [A at checkInTime, B at checkOutTime) with A in the window (the resource's local
 * dates), minNights <= B − A <= maxNights, each night A … B−1 an open day, clear of busy
 * intervals and blackouts, and starting within notice/horizon. Sorted by start, then end.
 */
export function computeStayOptions(params: StayParams, resource: ResourceAvailabilityInput, window: AvailabilityWindow): StayOption[] {
  const checkIn = parseLocalTime(params.checkInTime, 'params.checkInTime');
  const checkOut = parseLocalTime(params.checkOutTime, 'params.checkOutTime');
  const minNights = checkInteger(params.minNights, 'params.minNights', 1);
  const maxNights = checkInteger(params.maxNights, 'params.maxNights', minNights);
  const notice = checkInteger(params.minNoticeMinutes, 'params.minNoticeMinutes', 0) * MINUTE_MS;
  const horizon = checkPositive(params.maxAdvanceDays, 'params.maxAdvanceDays') * DAY_MS;
  const win = checkWindow(window);
  const compiled = compileResource(resource, 0);

  const { calendar, id } = compiled;
  const lo = win.now + notice;
  const hi = win.now + horizon;
  const blocked = IntervalSet.of([...resource.blackouts, ...resource.busy]);
  const isOpen = (day: number) => compiled.rangesOn(day).length > 0;

  const stays: StayOption[] = [];
  for (let first = win.fromDay; first <= win.toDay; first++) {
    if (!isOpen(first)) continue;
    const start = calendar.toInstant(first, checkIn);
    if (start < lo || start >= hi) continue;
    for (let nights = 1; nights <= maxNights; nights++) {
      if (!isOpen(first + nights - 1)) break;
      if (nights < minNights) continue;
      const end = calendar.toInstant(first + nights, checkOut);
      if (end <= start) continue;
      // A longer stay contains this one, so once something blocks, every longer stay is blocked.
      if (blocked.overlaps(start, end)) break;
      stays.push({ start, end, nights, resourceIds: [id], remaining: 1 });
    }
  }
  return stays.sort((a, b) => a.start - b.start || a.end - b.end);
}

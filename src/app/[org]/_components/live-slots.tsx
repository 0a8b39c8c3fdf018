'use client';

/**
 * Live availability on the public booking page (issue #13): the public stream of one service
 * ("slot taken / freed", no personal data), which days an event touches, and what to say when
 * the time a visitor had chosen is taken by someone else before they send.
 */
import { useTranslations } from 'next-intl';
import { ConflictAlternatives } from '@/app/_components/booking/conflict-alternatives';
import { type LiveState, useEventStream } from '@/app/_lib/live';
import type { AlternativeDto } from '@/modules/bookings/schemas';
import type { SlotDto } from '@/modules/scheduling/schemas';
import { addDays, dateInZone } from '../_lib/format';

/** A frame of `event: slot`; null after a reconnection (events may have been missed). */
export interface SlotChange {
  change: string;
  resourceId?: string;
  startsAt: string;
  endsAt: string;
}

export function asSlotChange(data: unknown): SlotChange | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.startsAt !== 'string' || typeof d.endsAt !== 'string' || Number.isNaN(Date.parse(d.startsAt)) || Number.isNaN(Date.parse(d.endsAt))) return null;
  return {
    change: typeof d.change === 'string' ? d.change : 'changed',
    resourceId: typeof d.resourceId === 'string' ? d.resourceId : undefined,
    startsAt: d.startsAt,
    endsAt: d.endsAt,
  };
}

/**
 * The service's availability stream while mounted. `onChange(change)` for each event, and
 * `onChange(null)` when the stream is back after a drop (refetch what is shown). A frame that
 * cannot be read is treated as "something changed" (null) rather than ignored.
 */
export function useAvailabilityStream(orgSlug: string, serviceId: string, onChange: (change: SlotChange | null) => void): LiveState {
  const url = `/api/v1/public/orgs/${encodeURIComponent(orgSlug)}/availability/stream?serviceId=${encodeURIComponent(serviceId)}`;
  return useEventStream(url, {
    events: ['slot'],
    onMessage: (m) => onChange(asSlotChange(m.data)),
    onResync: () => onChange(null),
  });
}

/** The calendar days (in `zone`) an event's [start, end) touches, first to last. */
export function daysTouched(change: Pick<SlotChange, 'startsAt' | 'endsAt'>, zone: string): string[] {
  const first = dateInZone(change.startsAt, zone);
  // The end is exclusive: a booking ending at midnight does not touch the next day.
  const endMs = Math.max(Date.parse(change.startsAt), Date.parse(change.endsAt) - 1);
  const last = dateInZone(new Date(endMs).toISOString(), zone);
  const days: string[] = [];
  for (let d = first; d <= last && days.length < 400; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * The free times nearest to the one that was taken (same day first, then by distance), as the
 * conflict answer's alternatives, so the same component offers them.
 */
export function nearestAlternatives(
  taken: Pick<SlotDto, 'start'>,
  slots: SlotDto[],
  chosenResourceId: string | null,
  resourceName: (id: string) => string | undefined,
  limit = 4,
): AlternativeDto[] {
  const at = Date.parse(taken.start);
  return [...slots]
    .filter((s) => s.resourceIds.length > 0 && Date.parse(s.start) !== at)
    .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at))
    .slice(0, limit)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map((s) => {
      const resourceId = chosenResourceId && s.resourceIds.includes(chosenResourceId) ? chosenResourceId : s.resourceIds[0]!;
      return { start: s.start, end: s.end, resourceId, resourceName: resourceName(resourceId) ?? '', resourceIds: s.resourceIds, remaining: s.remaining };
    });
}

export interface TakenSelection {
  slot: SlotDto;
  alternatives: AlternativeDto[];
}

/**
 * "Your time was just taken": shown where the conflict answer would be, before the visitor
 * sends; choosing an alternative selects it (the details may not be filled in yet). It does not
 * take focus — the visitor may be typing — the flow's live region announces it instead.
 */
export function SlotTakenNotice({
  taken,
  takenLabel,
  zone,
  stays,
  chosenResourceId,
  onChoose,
}: {
  taken: TakenSelection;
  takenLabel: string;
  zone: string;
  stays: boolean;
  chosenResourceId: string | null;
  onChoose: (slot: SlotDto, resourceId: string) => void;
}) {
  const t = useTranslations('live.slotTaken');
  return (
    <div data-testid="slot-taken-notice">
      <ConflictAlternatives
        alternatives={taken.alternatives}
        takenLabel={takenLabel}
        zone={zone}
        stays={stays}
        chosenResourceId={chosenResourceId}
        title={t('title')}
        body={t(taken.alternatives.length > 0 ? 'bodyAlternatives' : 'body', { time: takenLabel })}
        onChoose={(alt) => onChoose({ start: alt.start, end: alt.end, resourceIds: alt.resourceIds, remaining: alt.remaining }, alt.resourceId)}
      />
    </div>
  );
}

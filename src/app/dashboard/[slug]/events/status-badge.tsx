import type { EventStatus } from '@/db/enums';
import { Badge, type BadgeTone } from '@/ui/badge';

const tones: Record<EventStatus, BadgeTone> = { draft: 'neutral', published: 'success', cancelled: 'danger' };

/** An event's status in words (colour only repeats what the word says). */
export function EventStatusBadge({ status, label, className }: { status: EventStatus; label: string; className?: string }) {
  return (
    <Badge tone={tones[status]} className={className}>
      {label}
    </Badge>
  );
}

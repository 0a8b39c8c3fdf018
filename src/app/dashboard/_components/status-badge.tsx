import { useTranslations } from 'next-intl';
import { Badge, type BadgeTone } from '@/ui/badge';
import type { BookingStatus } from '../_lib/list-query';

const tones: Record<BookingStatus, BadgeTone> = {
  pending: 'warning',
  confirmed: 'brand',
  in_progress: 'brand',
  completed: 'success',
  cancelled: 'neutral',
  rejected: 'danger',
  no_show: 'danger',
  held: 'warning',
};

/** A booking's status in words (colour only repeats what the word says). */
export function StatusBadge({ status, className }: { status: BookingStatus; className?: string }) {
  const t = useTranslations('dashboard.status');
  return (
    <Badge tone={tones[status]} className={className}>
      {t(status)}
    </Badge>
  );
}

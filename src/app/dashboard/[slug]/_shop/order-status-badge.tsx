import { useTranslations } from 'next-intl';
import type { OrderStatus } from '@/db/enums';
import { Badge, type BadgeTone } from '@/ui/badge';

const tones: Record<OrderStatus, BadgeTone> = {
  pending_payment: 'warning',
  paid: 'brand',
  fulfilled: 'brand',
  delivered: 'success',
  cancelled: 'neutral',
  refunded: 'danger',
};

/** An order's status in words (colour only repeats what the word says). */
export function OrderStatusBadge({ status, className }: { status: OrderStatus; className?: string }) {
  const t = useTranslations('shopAdmin.status');
  return (
    <Badge tone={tones[status]} className={className}>
      {t(status)}
    </Badge>
  );
}

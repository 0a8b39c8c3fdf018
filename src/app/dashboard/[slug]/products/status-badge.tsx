import { Badge, type BadgeTone } from '@/ui/badge';

const tones: Record<'draft' | 'active' | 'archived', BadgeTone> = { draft: 'warning', active: 'success', archived: 'neutral' };

/** A product's status in words (colour only repeats what the word says). */
export function ProductStatusBadge({ status, label, className }: { status: 'draft' | 'active' | 'archived'; label: string; className?: string }) {
  return (
    <Badge tone={tones[status]} className={className}>
      {label}
    </Badge>
  );
}

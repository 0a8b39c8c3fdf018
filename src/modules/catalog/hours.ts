/** Writes of weekly hours shared by the business-hours and resource-hours use cases. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { workingHours } from '@/db/schema';
import { newId } from '@/lib/ids';
import { toDbTime, type WeeklyHours } from './time-ranges';

/** Replaces the weekly rows of the organization (resourceId null) or of one resource. Caller holds the lock. */
export async function replaceWeeklyHours(
  tx: Tx,
  organizationId: string,
  resourceId: string | null,
  weekly: readonly { weekday: number; ranges: readonly { start: string; end: string }[] }[],
): Promise<void> {
  await tx
    .delete(workingHours)
    .where(and(eq(workingHours.organizationId, organizationId), resourceId ? eq(workingHours.resourceId, resourceId) : isNull(workingHours.resourceId)));
  const rows = weekly.flatMap((day) =>
    day.ranges.map((range) => ({
      id: newId('workingHours'),
      organizationId,
      resourceId,
      weekday: day.weekday,
      startTime: toDbTime(range.start),
      endTime: toDbTime(range.end),
    })),
  );
  if (rows.length > 0) await tx.insert(workingHours).values(rows);
}

/** Only the days that have ranges: a compact form for audit rows. */
export const openDays = (weekly: readonly WeeklyHours[]) => weekly.filter((d) => d.ranges.length > 0);

/**
 * A booking as a calendar event, for "Add to calendar" on the confirmation and manage pages:
 * the one iCalendar generator (src/lib/ical.ts, shared with the emails' attachments) and a
 * Google Calendar link.
 */
export { type CalendarEvent, googleCalendarUrl, icsFile } from '@/lib/ical';

ALTER TABLE "services" ADD COLUMN "reminder_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "reminder_sent_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_reminder_hours_valid" CHECK ("services"."reminder_hours" >= 0 and "services"."reminder_hours" <= 336);
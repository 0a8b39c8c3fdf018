CREATE TABLE "waitlist_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"service_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"member_id" text NOT NULL,
	"user_id" text NOT NULL,
	"customer_id" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"seats" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"offered_booking_id" text,
	"hold_expires_at" timestamp with time zone,
	"offered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entries_status_valid" CHECK ("waitlist_entries"."status" in ('waiting', 'offered', 'booked', 'expired', 'left')),
	CONSTRAINT "waitlist_entries_range_valid" CHECK ("waitlist_entries"."ends_at" > "waitlist_entries"."starts_at"),
	CONSTRAINT "waitlist_entries_seats_positive" CHECK ("waitlist_entries"."seats" >= 1),
	CONSTRAINT "waitlist_entries_offer_valid" CHECK (("waitlist_entries"."status" = 'offered') = ("waitlist_entries"."hold_expires_at" is not null and "waitlist_entries"."offered_booking_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_status_valid";--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_service_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."services"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_resource_fk" FOREIGN KEY ("organization_id","resource_id") REFERENCES "public"."resources"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_customer_fk" FOREIGN KEY ("organization_id","customer_id") REFERENCES "public"."customers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_booking_fk" FOREIGN KEY ("organization_id","offered_booking_id") REFERENCES "public"."bookings"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "waitlist_entries_queue_idx" ON "waitlist_entries" USING btree ("organization_id","resource_id","status","created_at");--> statement-breakpoint
CREATE INDEX "waitlist_entries_member_idx" ON "waitlist_entries" USING btree ("organization_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "waitlist_entries_hold_expiry_idx" ON "waitlist_entries" USING btree ("hold_expires_at") WHERE "waitlist_entries"."status" = 'offered';--> statement-breakpoint
CREATE UNIQUE INDEX "waitlist_entries_open_uq" ON "waitlist_entries" USING btree ("organization_id","member_id","resource_id","starts_at","ends_at") WHERE "waitlist_entries"."status" in ('waiting', 'offered');--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_status_valid" CHECK ("bookings"."status" in ('pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'rejected', 'no_show', 'held'));--> statement-breakpoint
-- custom SQL below (carry over when renumbering): a waitlist hold (status 'held') is a real
-- reservation of its range, so the exclusion constraint, its index and the busy intervals
-- (migrations 0003, 0004) count it as active; waitlist_entries is tenant-scoped like 0017.
ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
  EXCLUDE USING gist (resource_id WITH =, blocked_range WITH &&)
  WHERE (exclusive AND status IN ('pending', 'confirmed', 'in_progress', 'held'));
--> statement-breakpoint
DROP INDEX bookings_active_blocked_idx;
--> statement-breakpoint
CREATE INDEX bookings_active_blocked_idx ON bookings USING gist (organization_id, resource_id, blocked_range)
  WHERE status IN ('pending', 'confirmed', 'in_progress', 'held');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_busy_intervals(p_org text, p_resources text[], p_from timestamptz, p_to timestamptz, p_exclude text)
  RETURNS TABLE (resource_id text, packed text, exclusive_count integer, seats integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT b.resource_id,
         string_agg(
           (extract(epoch from lower(b.blocked_range)) * 1000)::bigint || ',' ||
           (extract(epoch from upper(b.blocked_range)) * 1000)::bigint || ',' ||
           CASE WHEN b.exclusive THEN '' ELSE b.seats::text END,
           ';'),
         (count(*) FILTER (WHERE b.exclusive))::integer,
         (coalesce(sum(b.seats) FILTER (WHERE NOT b.exclusive), 0))::integer
  FROM bookings b
  WHERE p_org = app_organization_id()
    AND b.organization_id = p_org
    AND b.resource_id = ANY (p_resources)
    AND b.status IN ('pending', 'confirmed', 'in_progress', 'held')
    AND b.blocked_range && tstzrange(p_from, p_to, '[)')
    AND (p_exclude IS NULL OR b.id <> p_exclude)
  GROUP BY b.resource_id
$$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "waitlist_entries" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "waitlist_entries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY waitlist_entries_tenant ON "waitlist_entries" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

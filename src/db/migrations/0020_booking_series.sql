CREATE TABLE "booking_series" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"rrule" text NOT NULL,
	"start_date" text NOT NULL,
	"start_time" text NOT NULL,
	"zone" text NOT NULL,
	"end_day_offset" integer,
	"end_time" text,
	"service_id" text NOT NULL,
	"resource_id" text NOT NULL,
	"customer_id" text,
	"customer_email" text NOT NULL,
	"created_by_user_id" text,
	"mode" text NOT NULL,
	"idempotency_key" text,
	"idempotency_fingerprint" text,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_series_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "booking_series_mode_valid" CHECK ("booking_series"."mode" in ('all_or_nothing', 'skip_conflicts')),
	CONSTRAINT "booking_series_end_pair" CHECK (("booking_series"."end_day_offset" is null) = ("booking_series"."end_time" is null))
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "series_id" text;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_service_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."services"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_resource_fk" FOREIGN KEY ("organization_id","resource_id") REFERENCES "public"."resources"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_customer_fk" FOREIGN KEY ("organization_id","customer_id") REFERENCES "public"."customers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_series_idempotency_uq" ON "booking_series" USING btree ("organization_id","idempotency_key") WHERE "booking_series"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "booking_series_organization_created_idx" ON "booking_series" USING btree ("organization_id","created_at");--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_series_fk" FOREIGN KEY ("organization_id","series_id") REFERENCES "public"."booking_series"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bookings_organization_series_idx" ON "bookings" USING btree ("organization_id","series_id","starts_at") WHERE "bookings"."series_id" is not null;--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
GRANT SELECT, INSERT, UPDATE, DELETE ON "booking_series" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "booking_series" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY booking_series_tenant ON "booking_series" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

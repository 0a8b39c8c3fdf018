CREATE TABLE "booking_funnel_daily" (
	"organization_id" text NOT NULL,
	"service_id" text NOT NULL,
	"day" date NOT NULL,
	"step" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "booking_funnel_daily_pk" PRIMARY KEY("organization_id","service_id","day","step"),
	CONSTRAINT "booking_funnel_daily_step_valid" CHECK ("booking_funnel_daily"."step" in ('service_viewed', 'time_chosen', 'details_submitted', 'booked', 'conflict', 'rule', 'invalid')),
	CONSTRAINT "booking_funnel_daily_count_positive" CHECK ("booking_funnel_daily"."count" >= 0)
);
--> statement-breakpoint
ALTER TABLE "booking_funnel_daily" ADD CONSTRAINT "booking_funnel_daily_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_funnel_daily" ADD CONSTRAINT "booking_funnel_daily_service_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."services"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- Members read the counts of their organization (analytics:read) under RLS; the counts are
-- written only by each app instance's flusher on the owner connection (one upsert adding up
-- every organization's counts), so the app role may only read.
GRANT SELECT ON "booking_funnel_daily" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "booking_funnel_daily" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY booking_funnel_daily_tenant ON "booking_funnel_daily" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

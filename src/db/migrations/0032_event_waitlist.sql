CREATE TABLE "event_waitlist_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"event_id" text NOT NULL,
	"variant_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"order_id" text,
	"offer_expires_at" timestamp with time zone,
	"offered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"token_hash" text NOT NULL,
	"token_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_waitlist_entries_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "event_waitlist_entries_token_uq" UNIQUE("token_hash"),
	CONSTRAINT "event_waitlist_entries_status_valid" CHECK ("event_waitlist_entries"."status" in ('waiting', 'offered', 'purchased', 'expired', 'left')),
	CONSTRAINT "event_waitlist_entries_quantity_valid" CHECK ("event_waitlist_entries"."quantity" between 1 and 10),
	CONSTRAINT "event_waitlist_entries_locale_valid" CHECK ("event_waitlist_entries"."locale" in ('en', 'es')),
	CONSTRAINT "event_waitlist_entries_offer_valid" CHECK (("event_waitlist_entries"."status" = 'offered') = ("event_waitlist_entries"."offer_expires_at" is not null) and ("event_waitlist_entries"."status" not in ('offered', 'purchased') or "event_waitlist_entries"."order_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "waitlist_hold_minutes" integer DEFAULT 120 NOT NULL;--> statement-breakpoint
ALTER TABLE "event_waitlist_entries" ADD CONSTRAINT "event_waitlist_entries_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_waitlist_entries" ADD CONSTRAINT "event_waitlist_entries_event_fk" FOREIGN KEY ("organization_id","event_id") REFERENCES "public"."events"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_waitlist_entries" ADD CONSTRAINT "event_waitlist_entries_variant_fk" FOREIGN KEY ("organization_id","variant_id") REFERENCES "public"."product_variants"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_waitlist_entries" ADD CONSTRAINT "event_waitlist_entries_order_fk" FOREIGN KEY ("organization_id","order_id") REFERENCES "public"."orders"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_waitlist_entries_queue_idx" ON "event_waitlist_entries" USING btree ("organization_id","event_id","status","created_at");--> statement-breakpoint
CREATE INDEX "event_waitlist_entries_order_idx" ON "event_waitlist_entries" USING btree ("organization_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_waitlist_entries_live_uq" ON "event_waitlist_entries" USING btree ("organization_id","event_id",lower("email")) WHERE "event_waitlist_entries"."status" in ('waiting', 'offered');--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_waitlist_hold_valid" CHECK ("events"."waitlist_hold_minutes" between 5 and 10080);--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
GRANT SELECT, INSERT, UPDATE, DELETE ON "event_waitlist_entries" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "event_waitlist_entries" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY event_waitlist_entries_tenant ON "event_waitlist_entries" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

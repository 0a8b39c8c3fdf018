CREATE TABLE "booking_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"rule_id" text,
	"rule_name" text NOT NULL,
	"reason" jsonb NOT NULL,
	"approvers" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"comment" text,
	"decided_by_user_id" text,
	"decided_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_approvals_status_valid" CHECK ("booking_approvals"."status" in ('pending', 'approved', 'rejected', 'expired', 'closed')),
	CONSTRAINT "booking_approvals_decided" CHECK (("booking_approvals"."status" = 'pending') = ("booking_approvals"."decided_at" is null))
);
--> statement-breakpoint
CREATE TABLE "booking_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"scope" text NOT NULL,
	"section" text,
	"resource_id" text,
	"tier_id" text,
	"outcome" text NOT NULL,
	"admins_exempt" boolean DEFAULT true NOT NULL,
	"approvers" jsonb DEFAULT '{"roles":["owner","admin"],"memberIds":[]}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_rules_kind_valid" CHECK ("booking_rules"."kind" in ('blackout', 'lead_time', 'duration', 'max_consecutive', 'min_gap', 'quota', 'max_upcoming', 'tier_only')),
	CONSTRAINT "booking_rules_outcome_valid" CHECK ("booking_rules"."outcome" in ('deny', 'approval', 'warn')),
	CONSTRAINT "booking_rules_scope_valid" CHECK (("booking_rules"."scope" = 'organization' and "booking_rules"."section" is null and "booking_rules"."resource_id" is null)
       or ("booking_rules"."scope" = 'section' and "booking_rules"."section" is not null and "booking_rules"."resource_id" is null)
       or ("booking_rules"."scope" = 'resource' and "booking_rules"."resource_id" is not null and "booking_rules"."section" is null))
);
--> statement-breakpoint
ALTER TABLE "booking_approvals" ADD CONSTRAINT "booking_approvals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_approvals" ADD CONSTRAINT "booking_approvals_decided_by_user_id_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_approvals" ADD CONSTRAINT "booking_approvals_booking_fk" FOREIGN KEY ("organization_id","booking_id") REFERENCES "public"."bookings"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_rules" ADD CONSTRAINT "booking_rules_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_rules" ADD CONSTRAINT "booking_rules_resource_fk" FOREIGN KEY ("organization_id","resource_id") REFERENCES "public"."resources"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_rules" ADD CONSTRAINT "booking_rules_tier_fk" FOREIGN KEY ("organization_id","tier_id") REFERENCES "public"."member_tiers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_approvals_organization_status_idx" ON "booking_approvals" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "booking_approvals_booking_idx" ON "booking_approvals" USING btree ("organization_id","booking_id");--> statement-breakpoint
CREATE INDEX "booking_approvals_pending_expiry_idx" ON "booking_approvals" USING btree ("expires_at") WHERE "booking_approvals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "booking_rules_organization_idx" ON "booking_rules" USING btree ("organization_id","active","sort_order");--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
GRANT SELECT, INSERT, UPDATE, DELETE ON "booking_rules" TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "booking_approvals" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "booking_rules" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "booking_approvals" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY booking_rules_tenant ON "booking_rules" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY booking_approvals_tenant ON "booking_approvals" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

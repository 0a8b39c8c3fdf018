CREATE TABLE "member_tiers" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rank" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_tiers_rank_range" CHECK ("member_tiers"."rank" between 0 and 1000)
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "tier_id" text;--> statement-breakpoint
ALTER TABLE "member_tiers" ADD CONSTRAINT "member_tiers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_tiers_organization_id_uq" ON "member_tiers" USING btree ("organization_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_tiers_organization_rank_uq" ON "member_tiers" USING btree ("organization_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "member_tiers_organization_name_uq" ON "member_tiers" USING btree ("organization_id",lower("name"));--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_tier_fk" FOREIGN KEY ("organization_id","tier_id") REFERENCES "public"."member_tiers"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "members_organization_tier_idx" ON "members" USING btree ("organization_id","tier_id");--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- Owners and admins manage their organization's tiers; a tier that members hold cannot be
-- deleted (members_tier_fk, no action), the use case answers 409 first with the count.
GRANT SELECT, INSERT, UPDATE, DELETE ON "member_tiers" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "member_tiers" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY member_tiers_tenant ON "member_tiers" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

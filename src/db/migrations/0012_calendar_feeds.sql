CREATE TABLE "calendar_feeds" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"kind" text NOT NULL,
	"resource_id" text,
	"user_id" text,
	"token_hash" text NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "calendar_feeds_kind_valid" CHECK ("calendar_feeds"."kind" in ('resource', 'member')),
	CONSTRAINT "calendar_feeds_subject" CHECK (("calendar_feeds"."kind" = 'resource' and "calendar_feeds"."resource_id" is not null and "calendar_feeds"."user_id" is null) or ("calendar_feeds"."kind" = 'member' and "calendar_feeds"."user_id" is not null and "calendar_feeds"."resource_id" is null))
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_created_by_user_id_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_resource_fk" FOREIGN KEY ("organization_id","resource_id") REFERENCES "public"."resources"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_uq" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "calendar_feeds_organization_created_idx" ON "calendar_feeds" USING btree ("organization_id","created_at");--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- Members create and revoke feeds of their organization; the public feed route finds a token's
-- row by its hash on the owner connection (the token names no organization), then reads the
-- bookings under this organization's scope.
GRANT SELECT, INSERT, UPDATE (revoked_at) ON "calendar_feeds" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY calendar_feeds_tenant ON "calendar_feeds" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

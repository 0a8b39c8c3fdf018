CREATE TABLE "notification_settings" (
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"email_new_requests" boolean DEFAULT true NOT NULL,
	"email_new_bookings" boolean DEFAULT true NOT NULL,
	"email_cancellations" boolean DEFAULT true NOT NULL,
	"email_reschedules" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_settings_organization_id_user_id_pk" PRIMARY KEY("organization_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_id" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_source_user_uq" UNIQUE("source_id","user_id"),
	CONSTRAINT "notifications_data_object" CHECK (jsonb_typeof("notifications"."data") = 'object')
);
--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("organization_id","user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("organization_id","user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- A member reads and marks read only their own notifications in the organization of the
-- request; rows are written by the outbox worker (owner connection), never by the app role.
GRANT SELECT, UPDATE (read_at) ON "notifications" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_own ON "notifications" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id() AND user_id = app_user_id())
  WITH CHECK (organization_id = app_organization_id() AND user_id = app_user_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "notification_settings" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "notification_settings" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_settings_own ON "notification_settings" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id() AND user_id = app_user_id())
  WITH CHECK (organization_id = app_organization_id() AND user_id = app_user_id());

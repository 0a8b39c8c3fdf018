CREATE TABLE "mail_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"outbox_id" text,
	"topic" text NOT NULL,
	"from" text NOT NULL,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"raw" text NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_messages_organization_created_idx" ON "mail_messages" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_messages_outbox_to_uq" ON "mail_messages" USING btree ("outbox_id","to");--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- The outbox worker writes caught mail on the owner connection; the app role reads its own
-- tenant's messages (the route also requires owner/admin) and never writes them.
ALTER TABLE "mail_messages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON "mail_messages" TO bookline_app;
--> statement-breakpoint
CREATE POLICY mail_messages_tenant ON "mail_messages" FOR SELECT TO bookline_app
  USING (organization_id = app_organization_id());

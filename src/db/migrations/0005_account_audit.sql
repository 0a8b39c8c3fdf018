CREATE TABLE "account_audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"action" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"request_id" text,
	"details" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_audit_log" ADD CONSTRAINT "account_audit_log_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_audit_log_user_created_idx" ON "account_audit_log" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "account_audit_log_created_idx" ON "account_audit_log" USING btree ("created_at");--> statement-breakpoint
-- Account security events are written by Better Auth's hooks on the owner connection. The
-- app role may read a signed-in user's own rows (app.user_id) and nothing else: no insert,
-- update or delete, and no other user's rows.
ALTER TABLE "account_audit_log" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON "account_audit_log" TO bookline_app;
--> statement-breakpoint
CREATE POLICY account_audit_log_own ON "account_audit_log" FOR SELECT TO bookline_app
  USING (user_id = app_user_id());
--> statement-breakpoint
-- Append-only for every role: a recorded event is never rewritten. Rows go only with their
-- user (ON DELETE CASCADE: deleting an account erases its personal data).
CREATE OR REPLACE FUNCTION account_audit_log_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'account_audit_log rows cannot be changed'
    USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_audit_log_immutable
  BEFORE UPDATE ON "account_audit_log"
  FOR EACH ROW EXECUTE FUNCTION account_audit_log_immutable();

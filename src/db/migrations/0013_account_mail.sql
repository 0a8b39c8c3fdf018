ALTER TABLE "mail_messages" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "organization_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "user_id" text;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mail_messages_user_created_idx" ON "mail_messages" USING btree ("user_id","created_at") WHERE "mail_messages"."user_id" is not null;--> statement-breakpoint
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_owner_present" CHECK ("mail_messages"."organization_id" is not null or "mail_messages"."user_id" is not null);--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_owner_present" CHECK ("outbox"."organization_id" is not null or "outbox"."user_id" is not null);--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- Account mail (password reset, address verification) has no organization: rows with a NULL
-- organization_id match no tenant policy (NULL = x is never true), so the app role can neither
-- see nor write them in the outbox, and no organization's mail page lists them. The one
-- exception: a signed-in user may read a caught verification email sent to their own account
-- (the embedded default has no other way to deliver it). Never a password-reset email: a
-- stolen session must not turn into a changed password (docs/decisions/0009-account-mail.md).
CREATE POLICY mail_messages_own_verification ON "mail_messages" FOR SELECT TO bookline_app
  USING (organization_id IS NULL AND user_id = app_user_id() AND topic = 'email.verify_email');

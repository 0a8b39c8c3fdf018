ALTER TABLE "blackouts" ADD COLUMN "kind" text DEFAULT 'closure' NOT NULL;--> statement-breakpoint
ALTER TABLE "blackouts" ADD COLUMN "translations" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "blackouts" ADD CONSTRAINT "blackouts_kind_valid" CHECK ("blackouts"."kind" in ('closure', 'maintenance', 'event', 'other'));
ALTER TABLE "outbox" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "event_seq" bigint;--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "outbox" USING btree ("created_at") WHERE "outbox"."published_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_event_seq_idx" ON "outbox" USING btree ("event_seq") WHERE "outbox"."event_seq" is not null;--> statement-breakpoint
-- custom SQL below
-- Realtime event numbers (modules/realtime/publish.ts). Rows written before this migration are
-- history, not news: they are marked published so no stream replays them.
CREATE SEQUENCE IF NOT EXISTS "realtime_event_seq";--> statement-breakpoint
UPDATE "outbox" SET "published_at" = now() WHERE "published_at" IS NULL;

-- Manage links get random, rotatable tokens in their own table (modules/bookings/manage-token.ts);
-- merged customers' emails become aliases of the survivor (modules/customers/upsert-customer.ts);
-- customer counters count the bookings that stand (not cancelled or rejected).
CREATE TABLE "booking_manage_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_ciphertext" text,
	"replaced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Links issued before this migration were an HMAC of the booking id: their hashes move over so
-- those links keep working; without a ciphertext they are re-issued when one must be shown again.
INSERT INTO "booking_manage_tokens" ("id", "organization_id", "booking_id", "token_hash", "created_at")
  SELECT 'bmt_' || substr("id", 5), "organization_id", "id", "manage_token_hash", "created_at" FROM "bookings" WHERE "manage_token_hash" IS NOT NULL;
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_manage_token_hash_unique";--> statement-breakpoint
DROP INDEX "customers_organization_email_uq";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email_retired" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- A merged customer points straight at the survivor (merges used to leave chains).
WITH RECURSIVE walk ("id", "organization_id", "root", "depth") AS (
    SELECT "id", "organization_id", "merged_into_id", 1 FROM "customers" WHERE "merged_into_id" IS NOT NULL
  UNION ALL
    SELECT w."id", w."organization_id", p."merged_into_id", w."depth" + 1
    FROM walk w JOIN "customers" p ON p."organization_id" = w."organization_id" AND p."id" = w."root"
    WHERE p."merged_into_id" IS NOT NULL AND w."depth" < 100
)
UPDATE "customers" c SET "merged_into_id" = r."root"
  FROM (SELECT DISTINCT ON ("id") "id", "organization_id", "root" FROM walk ORDER BY "id", "depth" DESC) r
  WHERE c."organization_id" = r."organization_id" AND c."id" = r."id" AND c."merged_into_id" <> r."root";
--> statement-breakpoint
-- Merged rows now keep their email as an alias. Where another customer took that email since
-- (the bug this fixes) or a newer merged row has it, the older row retires its email instead.
UPDATE "customers" m SET "email_retired" = true
  WHERE m."merged_into_id" IS NOT NULL AND EXISTS (
    SELECT 1 FROM "customers" o
    WHERE o."organization_id" = m."organization_id" AND lower(o."email") = lower(m."email") AND o."id" <> m."id"
      AND (o."merged_into_id" IS NULL OR o."created_at" > m."created_at" OR (o."created_at" = m."created_at" AND o."id" > m."id")));
--> statement-breakpoint
UPDATE "customers" c SET
  "total_bookings" = (SELECT count(*)::int FROM "bookings" b WHERE b."organization_id" = c."organization_id" AND b."customer_id" = c."id" AND b."status" NOT IN ('cancelled', 'rejected')),
  "last_booking_at" = (SELECT max(b."starts_at") FROM "bookings" b WHERE b."organization_id" = c."organization_id" AND b."customer_id" = c."id" AND b."status" NOT IN ('cancelled', 'rejected'));
--> statement-breakpoint
ALTER TABLE "booking_manage_tokens" ADD CONSTRAINT "booking_manage_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_manage_tokens" ADD CONSTRAINT "booking_manage_tokens_booking_fk" FOREIGN KEY ("organization_id","booking_id") REFERENCES "public"."bookings"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_manage_tokens_hash_uq" ON "booking_manage_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_manage_tokens_current_uq" ON "booking_manage_tokens" USING btree ("organization_id","booking_id") WHERE "booking_manage_tokens"."replaced_at" is null;--> statement-breakpoint
CREATE INDEX "booking_manage_tokens_organization_booking_idx" ON "booking_manage_tokens" USING btree ("organization_id","booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_organization_email_uq" ON "customers" USING btree ("organization_id",lower("email")) WHERE not "customers"."email_retired";--> statement-breakpoint
ALTER TABLE "bookings" DROP COLUMN "manage_token_hash";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "booking_manage_tokens" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "booking_manage_tokens" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY booking_manage_tokens_tenant ON "booking_manage_tokens" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

ALTER TABLE "bookings" ADD COLUMN "cancellation_policy" jsonb;--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- Bookings of a package made before this column: the policy their package has now is the best record of it.
UPDATE "bookings" b SET "cancellation_policy" = p."cancellation_policy"
  FROM "service_packages" p
 WHERE p."organization_id" = b."organization_id" AND p."service_id" = b."service_id" AND b."deposit_minor" IS NOT NULL AND b."cancellation_policy" IS NULL;

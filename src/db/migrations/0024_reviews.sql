CREATE TABLE "reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"subject_type" text NOT NULL,
	"service_id" text,
	"product_id" text,
	"booking_id" text,
	"order_line_id" text,
	"rating" integer NOT NULL,
	"title" text,
	"body" text NOT NULL,
	"author_name" text NOT NULL,
	"locale" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"rejection_reason" text,
	"featured" boolean DEFAULT false NOT NULL,
	"moderated_by_user_id" text,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "reviews_subject_valid" CHECK ("reviews"."subject_type" in ('service', 'product')),
	CONSTRAINT "reviews_subject_shape" CHECK (("reviews"."subject_type" = 'service' and "reviews"."service_id" is not null and "reviews"."booking_id" is not null and "reviews"."product_id" is null and "reviews"."order_line_id" is null)
       or ("reviews"."subject_type" = 'product' and "reviews"."product_id" is not null and "reviews"."order_line_id" is not null and "reviews"."service_id" is null and "reviews"."booking_id" is null)),
	CONSTRAINT "reviews_rating_range" CHECK ("reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_status_valid" CHECK ("reviews"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "reviews_rejection_reason" CHECK (("reviews"."status" = 'rejected') = ("reviews"."rejection_reason" is not null)),
	CONSTRAINT "reviews_featured_approved" CHECK (not "reviews"."featured" or "reviews"."status" = 'approved'),
	CONSTRAINT "reviews_body_length" CHECK (char_length("reviews"."body") between 1 and 2000),
	CONSTRAINT "reviews_title_length" CHECK ("reviews"."title" is null or char_length("reviews"."title") between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "rating_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "rating_sum" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_service_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."services"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_product_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."products"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_booking_fk" FOREIGN KEY ("organization_id","booking_id") REFERENCES "public"."bookings"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_booking_uq" ON "reviews" USING btree ("booking_id") WHERE "reviews"."booking_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_order_line_uq" ON "reviews" USING btree ("order_line_id") WHERE "reviews"."order_line_id" is not null;--> statement-breakpoint
CREATE INDEX "reviews_queue_idx" ON "reviews" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "reviews_service_public_idx" ON "reviews" USING btree ("organization_id","service_id","featured","created_at") WHERE "reviews"."status" = 'approved' and "reviews"."service_id" is not null;--> statement-breakpoint
CREATE INDEX "reviews_product_public_idx" ON "reviews" USING btree ("organization_id","product_id","featured","created_at") WHERE "reviews"."status" = 'approved' and "reviews"."product_id" is not null;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_rating_valid" CHECK ("services"."rating_count" >= 0 and "services"."rating_sum" >= "services"."rating_count" and "services"."rating_sum" <= 5 * "services"."rating_count");
--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
GRANT SELECT, INSERT, UPDATE, DELETE ON "reviews" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "reviews" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY reviews_tenant ON "reviews" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

ALTER TABLE "booking_addons" ADD COLUMN "stock_item_id" text;--> statement-breakpoint
ALTER TABLE "booking_addons" ADD COLUMN "stock_units" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_addons" ADD COLUMN "stock_state" text;--> statement-breakpoint
ALTER TABLE "service_addons" ADD COLUMN "stock_item_id" text;--> statement-breakpoint
ALTER TABLE "service_addons" ADD COLUMN "units" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "booking_addons" ADD CONSTRAINT "booking_addons_stock_item_fk" FOREIGN KEY ("organization_id","stock_item_id") REFERENCES "public"."stock_items"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_addons" ADD CONSTRAINT "service_addons_stock_item_fk" FOREIGN KEY ("organization_id","stock_item_id") REFERENCES "public"."stock_items"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_addons_stock_item_idx" ON "booking_addons" USING btree ("organization_id","stock_item_id") WHERE "booking_addons"."stock_state" = 'held';--> statement-breakpoint
CREATE INDEX "service_addons_stock_item_idx" ON "service_addons" USING btree ("organization_id","stock_item_id");--> statement-breakpoint
ALTER TABLE "booking_addons" ADD CONSTRAINT "booking_addons_stock_valid" CHECK (("booking_addons"."stock_item_id" is null and "booking_addons"."stock_state" is null and "booking_addons"."stock_units" = 0) or ("booking_addons"."stock_item_id" is not null and "booking_addons"."stock_state" in ('held', 'consumed', 'returned') and "booking_addons"."stock_units" >= 1));--> statement-breakpoint
ALTER TABLE "service_addons" ADD CONSTRAINT "service_addons_units_valid" CHECK ("service_addons"."units" between 1 and 1000);
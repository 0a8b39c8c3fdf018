CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"images" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"timezone" text NOT NULL,
	"resource_id" text,
	"capacity" integer NOT NULL,
	"sales_start_at" timestamp with time zone,
	"sales_end_at" timestamp with time zone,
	"age_notes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"product_id" text NOT NULL,
	"capacity_stock_item_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "events_organization_slug_uq" UNIQUE("organization_id","slug"),
	CONSTRAINT "events_product_uq" UNIQUE("organization_id","product_id"),
	CONSTRAINT "events_status_valid" CHECK ("events"."status" in ('draft', 'published', 'cancelled')),
	CONSTRAINT "events_capacity_positive" CHECK ("events"."capacity" > 0),
	CONSTRAINT "events_times_valid" CHECK ("events"."starts_at" < "events"."ends_at"),
	CONSTRAINT "events_sales_window_valid" CHECK ("events"."sales_start_at" is null or "events"."sales_end_at" is null or "events"."sales_start_at" < "events"."sales_end_at")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"event_id" text NOT NULL,
	"order_id" text NOT NULL,
	"order_line_id" text NOT NULL,
	"ticket_type_id" text,
	"ticket_type_name" text NOT NULL,
	"code_hash" text NOT NULL,
	"code_sealed" text NOT NULL,
	"holder_name" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "tickets_code_uq" UNIQUE("organization_id","code_hash"),
	CONSTRAINT "tickets_status_valid" CHECK ("tickets"."status" in ('valid', 'void')),
	CONSTRAINT "tickets_check_in_valid" CHECK ("tickets"."checked_in_at" is not null or "tickets"."checked_in_by" is null)
);
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_fulfilment_valid";--> statement-breakpoint
ALTER TABLE "product_variants" ADD COLUMN "pool_stock_item_id" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "kind" text DEFAULT 'product' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_resource_fk" FOREIGN KEY ("organization_id","resource_id") REFERENCES "public"."resources"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_product_fk" FOREIGN KEY ("organization_id","product_id") REFERENCES "public"."products"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_capacity_stock_fk" FOREIGN KEY ("organization_id","capacity_stock_item_id") REFERENCES "public"."stock_items"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_checked_in_by_user_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_event_fk" FOREIGN KEY ("organization_id","event_id") REFERENCES "public"."events"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_order_fk" FOREIGN KEY ("organization_id","order_id") REFERENCES "public"."orders"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_order_line_fk" FOREIGN KEY ("organization_id","order_line_id") REFERENCES "public"."order_lines"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_ticket_type_fk" FOREIGN KEY ("organization_id","ticket_type_id") REFERENCES "public"."product_variants"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_listing_idx" ON "events" USING btree ("organization_id","status","starts_at");--> statement-breakpoint
CREATE INDEX "tickets_event_idx" ON "tickets" USING btree ("organization_id","event_id","created_at");--> statement-breakpoint
CREATE INDEX "tickets_order_idx" ON "tickets" USING btree ("organization_id","order_id");--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_pool_stock_item_fk" FOREIGN KEY ("organization_id","pool_stock_item_id") REFERENCES "public"."stock_items"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_pool_differs" CHECK ("product_variants"."pool_stock_item_id" is null or "product_variants"."pool_stock_item_id" <> "product_variants"."stock_item_id");--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_kind_valid" CHECK ("products"."kind" in ('product', 'ticket'));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_fulfilment_valid" CHECK ("orders"."fulfilment" in ('shipping', 'pickup', 'digital') and ("orders"."fulfilment" <> 'shipping' or "orders"."address" is not null));--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
GRANT SELECT, INSERT, UPDATE, DELETE ON "events" TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "tickets" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "tickets" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY events_tenant ON "events" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY tickets_tenant ON "tickets" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

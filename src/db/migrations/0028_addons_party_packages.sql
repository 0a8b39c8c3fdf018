CREATE TABLE "booking_addons" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"booking_id" text NOT NULL,
	"addon_id" text,
	"name" text NOT NULL,
	"unit_price_minor" integer NOT NULL,
	"pricing" text NOT NULL,
	"quantity" integer NOT NULL,
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"total_minor" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "booking_addons_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "booking_addons_pricing_valid" CHECK ("booking_addons"."pricing" in ('per_booking', 'per_guest')),
	CONSTRAINT "booking_addons_amounts_valid" CHECK ("booking_addons"."quantity" >= 1 and "booking_addons"."unit_price_minor" >= 0 and "booking_addons"."extra_minutes" >= 0 and "booking_addons"."total_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "service_addons" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"service_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"price_minor" integer DEFAULT 0 NOT NULL,
	"pricing" text DEFAULT 'per_booking' NOT NULL,
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"max_quantity" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_addons_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "service_addons_pricing_valid" CHECK ("service_addons"."pricing" in ('per_booking', 'per_guest')),
	CONSTRAINT "service_addons_amounts_valid" CHECK ("service_addons"."price_minor" >= 0 and "service_addons"."extra_minutes" >= 0 and "service_addons"."extra_minutes" <= 1440 and "service_addons"."max_quantity" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "service_packages" (
	"organization_id" text NOT NULL,
	"service_id" text NOT NULL,
	"included_children" integer DEFAULT 0 NOT NULL,
	"included_adults" integer DEFAULT 0 NOT NULL,
	"extra_child_minor" integer DEFAULT 0 NOT NULL,
	"extra_adult_minor" integer DEFAULT 0 NOT NULL,
	"min_guests" integer DEFAULT 1 NOT NULL,
	"max_guests" integer NOT NULL,
	"deposit_type" text NOT NULL,
	"deposit_value" integer NOT NULL,
	"balance_due_days" integer DEFAULT 0 NOT NULL,
	"cancellation_policy" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_packages_pk" PRIMARY KEY("organization_id","service_id"),
	CONSTRAINT "service_packages_guests_valid" CHECK ("service_packages"."included_children" >= 0 and "service_packages"."included_adults" >= 0 and "service_packages"."min_guests" >= 1 and "service_packages"."min_guests" <= "service_packages"."max_guests" and "service_packages"."max_guests" <= 1000),
	CONSTRAINT "service_packages_prices_valid" CHECK ("service_packages"."extra_child_minor" >= 0 and "service_packages"."extra_adult_minor" >= 0),
	CONSTRAINT "service_packages_deposit_valid" CHECK ("service_packages"."deposit_type" in ('fixed', 'percent') and "service_packages"."deposit_value" >= 0 and ("service_packages"."deposit_type" <> 'percent' or "service_packages"."deposit_value" <= 100)),
	CONSTRAINT "service_packages_balance_due_valid" CHECK ("service_packages"."balance_due_days" >= 0 and "service_packages"."balance_due_days" <= 365),
	CONSTRAINT "service_packages_policy_array" CHECK (jsonb_typeof("service_packages"."cancellation_policy") = 'array')
);
--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "children" integer;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "adults" integer;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "deposit_minor" integer;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "balance_minor" integer;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "deposit_order_id" text;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "deposit_paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "balance_paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bookings" ADD COLUMN "refund_minor" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "purpose" text DEFAULT 'shop' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "booking_id" text;--> statement-breakpoint
ALTER TABLE "booking_addons" ADD CONSTRAINT "booking_addons_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_addons" ADD CONSTRAINT "booking_addons_booking_fk" FOREIGN KEY ("organization_id","booking_id") REFERENCES "public"."bookings"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_addons" ADD CONSTRAINT "service_addons_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_addons" ADD CONSTRAINT "service_addons_service_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."services"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_packages" ADD CONSTRAINT "service_packages_service_fk" FOREIGN KEY ("organization_id","service_id") REFERENCES "public"."services"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_addons_booking_idx" ON "booking_addons" USING btree ("organization_id","booking_id","position");--> statement-breakpoint
CREATE INDEX "service_addons_service_idx" ON "service_addons" USING btree ("organization_id","service_id","position");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_booking_fk" FOREIGN KEY ("organization_id","booking_id") REFERENCES "public"."bookings"("organization_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_deposit_order_uq" ON "bookings" USING btree ("organization_id","deposit_order_id") WHERE "bookings"."deposit_order_id" is not null;--> statement-breakpoint
CREATE INDEX "orders_booking_idx" ON "orders" USING btree ("organization_id","booking_id") WHERE "orders"."booking_id" is not null;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_guests_valid" CHECK (("bookings"."children" is null or "bookings"."children" >= 0) and ("bookings"."adults" is null or "bookings"."adults" >= 0));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_deposit_valid" CHECK (("bookings"."deposit_minor" is null and "bookings"."balance_minor" is null) or ("bookings"."deposit_minor" >= 0 and "bookings"."balance_minor" >= 0 and "bookings"."deposit_minor" + "bookings"."balance_minor" = "bookings"."price_minor"));--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_refund_valid" CHECK ("bookings"."refund_minor" is null or ("bookings"."refund_minor" >= 0 and "bookings"."refund_minor" <= "bookings"."price_minor"));--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_purpose_valid" CHECK ("orders"."purpose" in ('shop', 'deposit', 'balance') and ("orders"."purpose" = 'shop') = ("orders"."booking_id" is null));--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
GRANT SELECT, INSERT, UPDATE, DELETE ON "service_addons" TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "service_packages" TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "booking_addons" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "service_addons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "service_packages" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "booking_addons" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY service_addons_tenant ON "service_addons" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY service_packages_tenant ON "service_packages" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY booking_addons_tenant ON "booking_addons" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
-- A booking's line keeps its copy when the add-on is deleted: only addon_id is cleared (PostgreSQL 15+ column list).
-- Deferred, like bookings_deposit_order_fk: a backup import inserts tables in the order of the FKs Drizzle knows, and it does not know these two.
ALTER TABLE "booking_addons" ADD CONSTRAINT "booking_addons_addon_fk" FOREIGN KEY ("organization_id","addon_id") REFERENCES "public"."service_addons"("organization_id","id") ON DELETE SET NULL ("addon_id") DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
-- bookings → orders (the deposit's order); declared here because the schema files would import each other.
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_deposit_order_fk" FOREIGN KEY ("organization_id","deposit_order_id") REFERENCES "public"."orders"("organization_id","id") DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
-- Deposit and balance orders have no lines: no goods to ship; they are "picked up" at the party.
ALTER TABLE "orders" ADD CONSTRAINT "orders_booking_pickup" CHECK ("purpose" = 'shop' or "fulfilment" = 'pickup');

CREATE TABLE "loyalty_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"customer_id" text NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"lifetime_earned" integer DEFAULT 0 NOT NULL,
	"tier" text DEFAULT 'bronze' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_accounts_organization_id_uq" UNIQUE("organization_id","id"),
	CONSTRAINT "loyalty_accounts_customer_uq" UNIQUE("organization_id","customer_id"),
	CONSTRAINT "loyalty_accounts_balance_nonnegative" CHECK ("loyalty_accounts"."balance" >= 0),
	CONSTRAINT "loyalty_accounts_lifetime_nonnegative" CHECK ("loyalty_accounts"."lifetime_earned" >= 0),
	CONSTRAINT "loyalty_accounts_tier_valid" CHECK ("loyalty_accounts"."tier" in ('bronze', 'silver', 'gold', 'platinum'))
);
--> statement-breakpoint
CREATE TABLE "loyalty_ledger" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"account_id" text NOT NULL,
	"delta" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"source_type" text,
	"booking_id" text,
	"order_id" text,
	"ticket_ref" text,
	"balance_after" integer DEFAULT 0 NOT NULL,
	"tier_after" text DEFAULT 'bronze' NOT NULL,
	"expires_at" timestamp with time zone,
	"remaining" integer,
	"actor_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_ledger_delta_nonzero" CHECK ("loyalty_ledger"."delta" <> 0),
	CONSTRAINT "loyalty_ledger_kind_valid" CHECK ("loyalty_ledger"."kind" in ('earn', 'redeem', 'expire', 'adjust', 'reverse')),
	CONSTRAINT "loyalty_ledger_kind_sign" CHECK (("loyalty_ledger"."kind" <> 'earn' or "loyalty_ledger"."delta" > 0) and ("loyalty_ledger"."kind" not in ('redeem', 'expire') or "loyalty_ledger"."delta" < 0)),
	CONSTRAINT "loyalty_ledger_source_valid" CHECK (("loyalty_ledger"."source_type" is null and "loyalty_ledger"."booking_id" is null and "loyalty_ledger"."order_id" is null and "loyalty_ledger"."ticket_ref" is null) or ("loyalty_ledger"."source_type" = 'booking' and "loyalty_ledger"."booking_id" is not null) or ("loyalty_ledger"."source_type" = 'order' and "loyalty_ledger"."order_id" is not null) or ("loyalty_ledger"."source_type" = 'ticket' and "loyalty_ledger"."ticket_ref" is not null)),
	CONSTRAINT "loyalty_ledger_adjust_reason" CHECK ("loyalty_ledger"."kind" <> 'adjust' or length("loyalty_ledger"."reason") > 0),
	CONSTRAINT "loyalty_ledger_remaining_valid" CHECK ("loyalty_ledger"."remaining" is null or ("loyalty_ledger"."remaining" >= 0 and "loyalty_ledger"."remaining" <= "loyalty_ledger"."delta"))
);
--> statement-breakpoint
CREATE TABLE "loyalty_programs" (
	"organization_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"points_per_unit" integer DEFAULT 1 NOT NULL,
	"earn_unit_minor" integer DEFAULT 100 NOT NULL,
	"redeem_points" integer DEFAULT 100 NOT NULL,
	"redeem_value_minor" integer DEFAULT 100 NOT NULL,
	"min_redeem_points" integer DEFAULT 100 NOT NULL,
	"expiry_months" integer DEFAULT 12,
	"silver_min" integer DEFAULT 1000 NOT NULL,
	"gold_min" integer DEFAULT 3000 NOT NULL,
	"platinum_min" integer DEFAULT 6000 NOT NULL,
	"earn_on_bookings" boolean DEFAULT true NOT NULL,
	"earn_on_orders" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "loyalty_programs_rates_valid" CHECK ("loyalty_programs"."points_per_unit" between 0 and 1000 and "loyalty_programs"."earn_unit_minor" between 1 and 100000000 and "loyalty_programs"."redeem_points" between 1 and 1000000 and "loyalty_programs"."redeem_value_minor" between 1 and 100000000 and "loyalty_programs"."min_redeem_points" >= 1),
	CONSTRAINT "loyalty_programs_expiry_valid" CHECK ("loyalty_programs"."expiry_months" is null or "loyalty_programs"."expiry_months" between 1 and 120),
	CONSTRAINT "loyalty_programs_thresholds_valid" CHECK (0 < "loyalty_programs"."silver_min" and "loyalty_programs"."silver_min" < "loyalty_programs"."gold_min" and "loyalty_programs"."gold_min" < "loyalty_programs"."platinum_min")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "points_redeemed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "points_discount_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "loyalty_accounts" ADD CONSTRAINT "loyalty_accounts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_accounts" ADD CONSTRAINT "loyalty_accounts_customer_fk" FOREIGN KEY ("organization_id","customer_id") REFERENCES "public"."customers"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ADD CONSTRAINT "loyalty_ledger_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ADD CONSTRAINT "loyalty_ledger_account_fk" FOREIGN KEY ("organization_id","account_id") REFERENCES "public"."loyalty_accounts"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "loyalty_ledger_account_idx" ON "loyalty_ledger" USING btree ("organization_id","account_id","created_at");--> statement-breakpoint
CREATE INDEX "loyalty_ledger_lots_idx" ON "loyalty_ledger" USING btree ("organization_id","account_id","expires_at") WHERE "loyalty_ledger"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "loyalty_ledger_expiry_idx" ON "loyalty_ledger" USING btree ("expires_at") WHERE "loyalty_ledger"."remaining" > 0 and "loyalty_ledger"."expires_at" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "loyalty_ledger_source_uq" ON "loyalty_ledger" USING btree ("organization_id","source_type",coalesce("booking_id", "order_id", "ticket_ref"),"kind",("delta" > 0)) WHERE "loyalty_ledger"."source_type" is not null and "loyalty_ledger"."kind" in ('earn', 'redeem', 'reverse');--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_points_valid" CHECK ("orders"."points_redeemed" >= 0 and "orders"."points_discount_minor" >= 0 and "orders"."points_discount_minor" <= "orders"."discount_minor" and ("orders"."points_redeemed" > 0) = ("orders"."points_discount_minor" > 0));--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- The app may read and write the program, open accounts and lock them (UPDATE on one column is
-- what SELECT … FOR UPDATE needs); balances change only through the ledger trigger below, which
-- runs as the table owner. The ledger is append-only for the app: SELECT and INSERT, nothing else.
GRANT SELECT, INSERT, UPDATE ON "loyalty_programs" TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "loyalty_accounts" TO bookline_app;
--> statement-breakpoint
GRANT UPDATE ("updated_at") ON "loyalty_accounts" TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "loyalty_ledger" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "loyalty_programs" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "loyalty_accounts" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY loyalty_programs_tenant ON "loyalty_programs" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY loyalty_accounts_tenant ON "loyalty_accounts" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY loyalty_ledger_tenant ON "loyalty_ledger" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
-- A new account starts empty whatever the insert says: points arrive only as ledger rows.
CREATE OR REPLACE FUNCTION loyalty_restoring() RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT current_setting('bookline.restoring', true) = 'on' AND current_setting('role') <> 'bookline_app'
$$;
--> statement-breakpoint
-- A backup's restore (modules/backup, as the owner role with bookline.restoring on) writes the
-- rows as they were exported; everyone else goes through the triggers below.
CREATE OR REPLACE FUNCTION loyalty_account_opens_empty() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF loyalty_restoring() THEN
    RETURN NEW;
  END IF;
  NEW.balance := 0;
  NEW.lifetime_earned := 0;
  NEW.tier := 'bronze';
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER loyalty_account_opens_empty
  BEFORE INSERT ON "loyalty_accounts"
  FOR EACH ROW EXECUTE FUNCTION loyalty_account_opens_empty();
--> statement-breakpoint
-- Each ledger row moves its account in the same statement: balance (CHECK balance >= 0 refuses
-- an overdraft with 23514), lifetime earned (earn, adjust, and take-backs of earned points, never
-- below 0), and the tier from the organization's thresholds on lifetime earned; the row records
-- balance_after and tier_after. A positive row is a lot (`remaining` = delta); a negative row
-- consumes lots, soonest expiry first (no expiry last), then oldest: sum(remaining) = balance.
-- SECURITY DEFINER: the app role cannot update balances or the ledger itself.
CREATE OR REPLACE FUNCTION loyalty_ledger_apply() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s_min integer := 1000;
  g_min integer := 3000;
  p_min integer := 6000;
  life_delta integer;
  need integer;
  take integer;
  lot record;
BEGIN
  IF loyalty_restoring() THEN
    RETURN NEW;
  END IF;
  SELECT silver_min, gold_min, platinum_min INTO s_min, g_min, p_min
    FROM loyalty_programs WHERE organization_id = NEW.organization_id;
  IF NOT FOUND THEN
    s_min := 1000; g_min := 3000; p_min := 6000;
  END IF;
  life_delta := CASE
    WHEN NEW.kind IN ('earn', 'adjust') THEN NEW.delta
    WHEN NEW.kind = 'reverse' AND NEW.delta < 0 THEN NEW.delta
    ELSE 0 END;
  UPDATE loyalty_accounts a SET
      balance = a.balance + NEW.delta,
      lifetime_earned = GREATEST(0, a.lifetime_earned + life_delta),
      tier = CASE
        WHEN GREATEST(0, a.lifetime_earned + life_delta) >= p_min THEN 'platinum'
        WHEN GREATEST(0, a.lifetime_earned + life_delta) >= g_min THEN 'gold'
        WHEN GREATEST(0, a.lifetime_earned + life_delta) >= s_min THEN 'silver'
        ELSE 'bronze' END,
      updated_at = NEW.created_at
    WHERE a.organization_id = NEW.organization_id AND a.id = NEW.account_id
    RETURNING a.balance, a.tier INTO NEW.balance_after, NEW.tier_after;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'loyalty account % not found', NEW.account_id USING ERRCODE = '23503';
  END IF;
  IF NEW.delta > 0 THEN
    NEW.remaining := NEW.delta;
  ELSE
    NEW.remaining := NULL;
    need := -NEW.delta;
    FOR lot IN
      SELECT l.id, l.remaining FROM loyalty_ledger l
        WHERE l.organization_id = NEW.organization_id AND l.account_id = NEW.account_id AND l.remaining > 0
        ORDER BY l.expires_at NULLS LAST, l.created_at, l.id
        FOR UPDATE
    LOOP
      take := LEAST(need, lot.remaining);
      UPDATE loyalty_ledger SET remaining = remaining - take WHERE id = lot.id;
      need := need - take;
      EXIT WHEN need = 0;
    END LOOP;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER loyalty_ledger_apply
  BEFORE INSERT ON "loyalty_ledger"
  FOR EACH ROW EXECUTE FUNCTION loyalty_ledger_apply();
--> statement-breakpoint
-- Append-only for every role: a written row never changes, except what is left of a lot going
-- down (the trigger above). The app role has no UPDATE or DELETE privilege on it at all; rows go
-- only with their organization (ON DELETE CASCADE).
CREATE OR REPLACE FUNCTION loyalty_ledger_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'remaining') IS DISTINCT FROM (to_jsonb(OLD) - 'remaining') OR NEW.remaining > OLD.remaining THEN
    RAISE EXCEPTION 'loyalty_ledger rows cannot be changed' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER loyalty_ledger_immutable
  BEFORE UPDATE ON "loyalty_ledger"
  FOR EACH ROW EXECUTE FUNCTION loyalty_ledger_immutable();

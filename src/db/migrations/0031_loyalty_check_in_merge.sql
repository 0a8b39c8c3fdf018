ALTER TABLE "loyalty_ledger" DROP CONSTRAINT "loyalty_ledger_kind_valid";--> statement-breakpoint
ALTER TABLE "loyalty_ledger" DROP CONSTRAINT "loyalty_ledger_kind_sign";--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD COLUMN "points_per_check_in" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ADD CONSTRAINT "loyalty_ledger_kind_valid" CHECK ("loyalty_ledger"."kind" in ('earn', 'redeem', 'expire', 'adjust', 'reverse', 'merge_out', 'merge_in'));--> statement-breakpoint
ALTER TABLE "loyalty_ledger" ADD CONSTRAINT "loyalty_ledger_kind_sign" CHECK (("loyalty_ledger"."kind" not in ('earn', 'merge_in') or "loyalty_ledger"."delta" > 0) and ("loyalty_ledger"."kind" not in ('redeem', 'expire', 'merge_out') or "loyalty_ledger"."delta" < 0));--> statement-breakpoint
ALTER TABLE "loyalty_programs" ADD CONSTRAINT "loyalty_programs_check_in_valid" CHECK ("loyalty_programs"."points_per_check_in" between 0 and 1000000);--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- The ledger trigger of loyalty_ledger, with one change: a merge_in row (a merged-away customer's
-- points arriving on the survivor's account) counts toward lifetime earned, as earn rows do, so
-- the survivor's tier follows; merge_out leaves the merged-away account's lifetime as it was.
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
    WHEN NEW.kind IN ('earn', 'adjust', 'merge_in') THEN NEW.delta
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

-- Organization changes, announced (issue #17, docs/decisions/0024): every instance keeps the
-- organization rows it read in memory by slug (src/modules/organizations/organization-cache.ts)
-- and drops one when PostgreSQL says it changed. pg_notify is delivered at commit, so a listener
-- hears of a change only once it is visible; a rolled-back change says nothing. The payload is
-- the slug the row was kept under (the old one on a rename); '*' (a TRUNCATE) clears them all.
CREATE FUNCTION bookline_organization_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('bookline_organizations', '*');
  ELSE
    PERFORM pg_notify('bookline_organizations', OLD.slug);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organizations_changed AFTER UPDATE OR DELETE ON organizations
  FOR EACH ROW EXECUTE FUNCTION bookline_organization_changed();
--> statement-breakpoint
CREATE TRIGGER organizations_truncated AFTER TRUNCATE ON organizations
  FOR EACH STATEMENT EXECUTE FUNCTION bookline_organization_changed();

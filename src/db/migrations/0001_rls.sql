-- Row-level security: the second wall behind the application's organization_id filter.
-- Tenant queries run inside a transaction that switches to the non-superuser role
-- bookline_app and sets app.organization_id (and app.user_id / app.user_email for the few
-- rows a user may see across organizations: their own memberships and invitations).
-- Without those settings the role sees no tenant rows. See src/db/tenant.ts.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bookline_app') THEN
    CREATE ROLE bookline_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT bookline_app TO CURRENT_USER;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_organization_id() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.organization_id', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.user_id', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_email() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('app.user_email', true), '') $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO bookline_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_organization_id(), app_user_id(), app_user_email() TO bookline_app;
--> statement-breakpoint
-- Identity: names and emails for member lists; never password hashes or tokens.
GRANT SELECT (id, name, email, image, two_factor_enabled, created_at) ON "user" TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organizations, members, invitations, outbox TO bookline_app;
--> statement-breakpoint
-- The audit log is append-only for the application.
GRANT SELECT, INSERT ON audit_log TO bookline_app;
--> statement-breakpoint
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Public profiles are looked up by slug before a tenant is known; writes need the tenant.
CREATE POLICY organizations_read ON organizations FOR SELECT TO bookline_app USING (true);
--> statement-breakpoint
CREATE POLICY organizations_insert ON organizations FOR INSERT TO bookline_app
  WITH CHECK (id = app_organization_id());
--> statement-breakpoint
CREATE POLICY organizations_update ON organizations FOR UPDATE TO bookline_app
  USING (id = app_organization_id()) WITH CHECK (id = app_organization_id());
--> statement-breakpoint
CREATE POLICY organizations_delete ON organizations FOR DELETE TO bookline_app
  USING (id = app_organization_id());
--> statement-breakpoint
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY members_read ON members FOR SELECT TO bookline_app
  USING (organization_id = app_organization_id() OR user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY members_insert ON members FOR INSERT TO bookline_app
  WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY members_update ON members FOR UPDATE TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE POLICY members_delete ON members FOR DELETE TO bookline_app
  USING (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invitations_read ON invitations FOR SELECT TO bookline_app
  USING (organization_id = app_organization_id() OR email = lower(app_user_email()));
--> statement-breakpoint
CREATE POLICY invitations_write ON invitations FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_log_tenant ON audit_log FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outbox_tenant ON outbox FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- Every organization keeps at least one owner. Checked at commit (deferred) so a transfer
-- (promote B, then demote A) works in one transaction; a cascade delete of the whole
-- organization passes because the organization row is gone by then.
CREATE OR REPLACE FUNCTION members_keep_an_owner() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.role = 'owner'
     AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = OLD.organization_id)
     AND NOT EXISTS (SELECT 1 FROM members m WHERE m.organization_id = OLD.organization_id AND m.role = 'owner') THEN
    RAISE EXCEPTION 'organization % must keep at least one owner', OLD.organization_id
      USING ERRCODE = '23514', CONSTRAINT = 'members_keep_an_owner';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER members_keep_an_owner
  AFTER UPDATE OF role OR DELETE ON members
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION members_keep_an_owner();

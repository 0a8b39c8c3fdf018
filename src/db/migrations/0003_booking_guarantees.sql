-- The double-booking guarantee: no two active exclusive bookings of one resource may overlap
-- in their blocked ranges (service time plus buffers). Group (capacity-N) bookings share a
-- resource by seats; they are counted under pg_advisory_xact_lock on the resource, which every
-- booking write takes first (see modules/bookings). The lock also avoids the deadlocks the
-- exclusion check alone produced under contention on PostgreSQL 15 (brief, measured).
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
  EXCLUDE USING gist (resource_id WITH =, blocked_range WITH &&)
  WHERE (exclusive AND status IN ('pending', 'confirmed', 'in_progress'));
--> statement-breakpoint
CREATE INDEX bookings_active_blocked_idx ON bookings USING gist (organization_id, resource_id, blocked_range)
  WHERE status IN ('pending', 'confirmed', 'in_progress');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON services, resources, service_resources, working_hours, date_overrides, blackouts, customers, bookings TO bookline_app;
--> statement-breakpoint
-- Booking history is append-only for the application, like the audit log.
GRANT SELECT, INSERT ON booking_events TO bookline_app;
--> statement-breakpoint
ALTER TABLE services ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY services_tenant ON services FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE resources ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY resources_tenant ON resources FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE service_resources ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY service_resources_tenant ON service_resources FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE working_hours ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY working_hours_tenant ON working_hours FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE date_overrides ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY date_overrides_tenant ON date_overrides FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE blackouts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY blackouts_tenant ON blackouts FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY customers_tenant ON customers FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE bookings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY bookings_tenant ON bookings FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());
--> statement-breakpoint
ALTER TABLE booking_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY booking_events_tenant ON booking_events FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

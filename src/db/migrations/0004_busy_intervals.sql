-- Busy intervals for availability and the in-lock overlap check, as a tenant-checked function.
-- Why: under row-level security PostgreSQL evaluates a policy before any non-leakproof
-- predicate, and the range-overlap operator (&&) is not leakproof, so the planner could use
-- only organization_id from the index and filtered every booking of the organization
-- (measured: 20,000 rows scanned, 14.7 ms, for 2,000 in the window). This function runs as
-- its owner, with the index, but answers only for the organization the calling transaction
-- is scoped to (app.organization_id), so the second wall still stands.
CREATE OR REPLACE FUNCTION app_busy_intervals(p_org text, p_resources text[], p_from timestamptz, p_to timestamptz, p_exclude text)
  RETURNS TABLE (resource_id text, packed text, exclusive_count integer, seats integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT b.resource_id,
         string_agg(
           (extract(epoch from lower(b.blocked_range)) * 1000)::bigint || ',' ||
           (extract(epoch from upper(b.blocked_range)) * 1000)::bigint || ',' ||
           CASE WHEN b.exclusive THEN '' ELSE b.seats::text END,
           ';'),
         (count(*) FILTER (WHERE b.exclusive))::integer,
         (coalesce(sum(b.seats) FILTER (WHERE NOT b.exclusive), 0))::integer
  FROM bookings b
  WHERE p_org = app_organization_id()
    AND b.organization_id = p_org
    AND b.resource_id = ANY (p_resources)
    AND b.status IN ('pending', 'confirmed', 'in_progress')
    AND b.blocked_range && tstzrange(p_from, p_to, '[)')
    AND (p_exclude IS NULL OR b.id <> p_exclude)
  GROUP BY b.resource_id
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_busy_intervals(text, text[], timestamptz, timestamptz, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_busy_intervals(text, text[], timestamptz, timestamptz, text) TO bookline_app;

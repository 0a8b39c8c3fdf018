CREATE TABLE "stock_movements" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"stock_item_id" text NOT NULL,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"on_hand_after" integer NOT NULL,
	"reserved_after" integer NOT NULL,
	"actor_user_id" text,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_delta_nonzero" CHECK ("stock_movements"."delta" <> 0),
	CONSTRAINT "stock_movements_after_valid" CHECK ("stock_movements"."on_hand_after" >= 0 and "stock_movements"."reserved_after" >= 0)
);
--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "search_config" "regconfig" DEFAULT 'english'::regconfig NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_stock_item_fk" FOREIGN KEY ("organization_id","stock_item_id") REFERENCES "public"."stock_items"("organization_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stock_movements_item_idx" ON "stock_movements" USING btree ("organization_id","stock_item_id","created_at");--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is STABLE (it reads a dictionary); a generated column needs IMMUTABLE. The
-- dictionary named explicitly never changes under us, so the wrapper may say so.
CREATE OR REPLACE FUNCTION bookline_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- array_to_string is STABLE in general (element output functions); for text[] it is not.
CREATE OR REPLACE FUNCTION bookline_words(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_to_string($1, ' ') $$;
--> statement-breakpoint
UPDATE "products" p SET "search_config" = (CASE WHEN o.locale LIKE 'es%' THEN 'spanish' ELSE 'english' END)::regconfig
  FROM "organizations" o WHERE o.id = p.organization_id;
--> statement-breakpoint
-- Full-text: title A, tags B, description C; the base texts in the product's configuration,
-- the translations in their own language's; accents folded away on both sides.
ALTER TABLE "products" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector(search_config, coalesce(bookline_unaccent(title), '')), 'A')
  || setweight(to_tsvector('spanish'::regconfig, coalesce(bookline_unaccent(translations #>> '{es,title}'), '')), 'A')
  || setweight(to_tsvector('english'::regconfig, coalesce(bookline_unaccent(translations #>> '{en,title}'), '')), 'A')
  || setweight(to_tsvector('simple'::regconfig, coalesce(bookline_unaccent(bookline_words(tags)), '')), 'B')
  || setweight(to_tsvector(search_config, coalesce(bookline_unaccent(description), '')), 'C')
  || setweight(to_tsvector('spanish'::regconfig, coalesce(bookline_unaccent(translations #>> '{es,description}'), '')), 'C')
  || setweight(to_tsvector('english'::regconfig, coalesce(bookline_unaccent(translations #>> '{en,description}'), '')), 'C')
) STORED;
--> statement-breakpoint
-- Trigram text (typos, as-you-type suggestions): titles in every language and tags, folded.
ALTER TABLE "products" ADD COLUMN "search_text" text GENERATED ALWAYS AS (
  lower(coalesce(bookline_unaccent(
    title || ' ' || coalesce(translations #>> '{es,title}', '') || ' ' || coalesce(translations #>> '{en,title}', '') || ' ' || coalesce(bookline_words(tags), '')
  ), ''))
) STORED;
--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ("search_vector");
--> statement-breakpoint
CREATE INDEX "products_search_trgm_idx" ON "products" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
-- The ids of the tenant's products a search matches, read from the GIN indexes. Under row-level
-- security a non-leakproof operator (@@, <%) cannot be an index condition (it would run before
-- the policy), so the app role's planner scans the tenant's rows and evaluates word_similarity
-- on each (~170 ms at 10,000 products on PostgreSQL 15). This function runs as its owner (the
-- migrating superuser) and takes the tenant from the transaction's app.organization_id, the
-- setting the policies read, so it answers for that tenant only. The GIN subqueries carry no
-- tenant filter (with one the planner walks the tenant's btree instead); the outer filter does.
CREATE OR REPLACE FUNCTION bookline_product_search(q text, suggest boolean DEFAULT false) RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET enable_seqscan = off
  AS $$
    WITH query AS (
      SELECT websearch_to_tsquery('english'::regconfig, bookline_unaccent(q))
          || websearch_to_tsquery('spanish'::regconfig, bookline_unaccent(q))
          || websearch_to_tsquery('simple'::regconfig, bookline_unaccent(q)) AS tsq,
        lower(bookline_unaccent(q)) AS folded
    )
    SELECT p.id FROM products p
    WHERE p.organization_id = nullif(current_setting('app.organization_id', true), '')
      AND p.id IN (
        SELECT s1.id FROM products s1, query WHERE NOT suggest AND s1.search_vector @@ query.tsq
        UNION ALL
        SELECT s2.id FROM products s2, query WHERE suggest AND s2.search_text LIKE '%' || replace(replace(replace(query.folded, '\', '\\'), '%', '\%'), '_', '\_') || '%'
        UNION ALL
        SELECT s3.id FROM products s3, query WHERE query.folded <% s3.search_text
      )
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION bookline_product_search(text, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION bookline_product_search(text, boolean) TO bookline_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON "stock_movements" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "stock_movements" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY stock_movements_tenant ON "stock_movements" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

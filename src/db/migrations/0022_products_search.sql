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
GRANT SELECT, INSERT ON "stock_movements" TO bookline_app;
--> statement-breakpoint
ALTER TABLE "stock_movements" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY stock_movements_tenant ON "stock_movements" FOR ALL TO bookline_app
  USING (organization_id = app_organization_id()) WITH CHECK (organization_id = app_organization_id());

-- Citus keys (issue #17 item 7, docs/decisions/0022): every primary key, unique key, exclusion
-- constraint and foreign key of a tenant table includes organization_id, the distribution column
-- (checked by tests/citus-catalog.test.ts). The whole file is written by hand, in dependency
-- order: drizzle-kit's generated order drops the unique (organization_id, id) keys while the
-- composite foreign keys still depend on them, and cannot name the old primary keys. Carry the
-- whole file over when renumbering; the snapshot matches its end state.
--
-- 1. Foreign keys into the re-keyed tables go first (they are added back unchanged in 5).
ALTER TABLE blackouts DROP CONSTRAINT blackouts_resource_fk;
--> statement-breakpoint
ALTER TABLE booking_addons DROP CONSTRAINT booking_addons_addon_fk;
--> statement-breakpoint
ALTER TABLE booking_addons DROP CONSTRAINT booking_addons_booking_fk;
--> statement-breakpoint
ALTER TABLE booking_addons DROP CONSTRAINT booking_addons_stock_item_fk;
--> statement-breakpoint
ALTER TABLE booking_approvals DROP CONSTRAINT booking_approvals_booking_fk;
--> statement-breakpoint
ALTER TABLE booking_events DROP CONSTRAINT booking_events_booking_fk;
--> statement-breakpoint
ALTER TABLE booking_funnel_daily DROP CONSTRAINT booking_funnel_daily_service_fk;
--> statement-breakpoint
ALTER TABLE booking_manage_tokens DROP CONSTRAINT booking_manage_tokens_booking_fk;
--> statement-breakpoint
ALTER TABLE booking_rules DROP CONSTRAINT booking_rules_resource_fk;
--> statement-breakpoint
ALTER TABLE booking_rules DROP CONSTRAINT booking_rules_tier_fk;
--> statement-breakpoint
ALTER TABLE booking_series DROP CONSTRAINT booking_series_customer_fk;
--> statement-breakpoint
ALTER TABLE booking_series DROP CONSTRAINT booking_series_resource_fk;
--> statement-breakpoint
ALTER TABLE booking_series DROP CONSTRAINT booking_series_service_fk;
--> statement-breakpoint
ALTER TABLE bookings DROP CONSTRAINT bookings_customer_fk;
--> statement-breakpoint
ALTER TABLE bookings DROP CONSTRAINT bookings_deposit_order_fk;
--> statement-breakpoint
ALTER TABLE bookings DROP CONSTRAINT bookings_resource_fk;
--> statement-breakpoint
ALTER TABLE bookings DROP CONSTRAINT bookings_series_fk;
--> statement-breakpoint
ALTER TABLE bookings DROP CONSTRAINT bookings_service_fk;
--> statement-breakpoint
ALTER TABLE calendar_feeds DROP CONSTRAINT calendar_feeds_resource_fk;
--> statement-breakpoint
ALTER TABLE cart_lines DROP CONSTRAINT cart_lines_cart_fk;
--> statement-breakpoint
ALTER TABLE cart_lines DROP CONSTRAINT cart_lines_variant_fk;
--> statement-breakpoint
ALTER TABLE customers DROP CONSTRAINT customers_merged_into_fk;
--> statement-breakpoint
ALTER TABLE date_overrides DROP CONSTRAINT date_overrides_resource_fk;
--> statement-breakpoint
ALTER TABLE event_waitlist_entries DROP CONSTRAINT event_waitlist_entries_event_fk;
--> statement-breakpoint
ALTER TABLE event_waitlist_entries DROP CONSTRAINT event_waitlist_entries_order_fk;
--> statement-breakpoint
ALTER TABLE event_waitlist_entries DROP CONSTRAINT event_waitlist_entries_variant_fk;
--> statement-breakpoint
ALTER TABLE events DROP CONSTRAINT events_capacity_stock_fk;
--> statement-breakpoint
ALTER TABLE events DROP CONSTRAINT events_product_fk;
--> statement-breakpoint
ALTER TABLE events DROP CONSTRAINT events_resource_fk;
--> statement-breakpoint
ALTER TABLE loyalty_accounts DROP CONSTRAINT loyalty_accounts_customer_fk;
--> statement-breakpoint
ALTER TABLE loyalty_ledger DROP CONSTRAINT loyalty_ledger_account_fk;
--> statement-breakpoint
ALTER TABLE members DROP CONSTRAINT members_tier_fk;
--> statement-breakpoint
ALTER TABLE order_events DROP CONSTRAINT order_events_order_fk;
--> statement-breakpoint
ALTER TABLE order_lines DROP CONSTRAINT order_lines_order_fk;
--> statement-breakpoint
ALTER TABLE orders DROP CONSTRAINT orders_booking_fk;
--> statement-breakpoint
ALTER TABLE orders DROP CONSTRAINT orders_promo_code_fk;
--> statement-breakpoint
ALTER TABLE payments DROP CONSTRAINT payments_order_fk;
--> statement-breakpoint
ALTER TABLE product_categories DROP CONSTRAINT product_categories_parent_fk;
--> statement-breakpoint
ALTER TABLE product_variants DROP CONSTRAINT product_variants_pool_stock_item_fk;
--> statement-breakpoint
ALTER TABLE product_variants DROP CONSTRAINT product_variants_product_fk;
--> statement-breakpoint
ALTER TABLE product_variants DROP CONSTRAINT product_variants_stock_item_fk;
--> statement-breakpoint
ALTER TABLE products DROP CONSTRAINT products_category_fk;
--> statement-breakpoint
ALTER TABLE promo_redemptions DROP CONSTRAINT promo_redemptions_code_fk;
--> statement-breakpoint
ALTER TABLE promo_redemptions DROP CONSTRAINT promo_redemptions_order_fk;
--> statement-breakpoint
ALTER TABLE reviews DROP CONSTRAINT reviews_booking_fk;
--> statement-breakpoint
ALTER TABLE reviews DROP CONSTRAINT reviews_order_line_fk;
--> statement-breakpoint
ALTER TABLE reviews DROP CONSTRAINT reviews_product_fk;
--> statement-breakpoint
ALTER TABLE reviews DROP CONSTRAINT reviews_service_fk;
--> statement-breakpoint
ALTER TABLE service_addons DROP CONSTRAINT service_addons_service_fk;
--> statement-breakpoint
ALTER TABLE service_addons DROP CONSTRAINT service_addons_stock_item_fk;
--> statement-breakpoint
ALTER TABLE service_packages DROP CONSTRAINT service_packages_service_fk;
--> statement-breakpoint
ALTER TABLE service_resources DROP CONSTRAINT service_resources_resource_fk;
--> statement-breakpoint
ALTER TABLE service_resources DROP CONSTRAINT service_resources_service_fk;
--> statement-breakpoint
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_stock_item_fk;
--> statement-breakpoint
ALTER TABLE stock_reservations DROP CONSTRAINT stock_reservations_order_fk;
--> statement-breakpoint
ALTER TABLE stock_reservations DROP CONSTRAINT stock_reservations_stock_fk;
--> statement-breakpoint
ALTER TABLE tickets DROP CONSTRAINT tickets_event_fk;
--> statement-breakpoint
ALTER TABLE tickets DROP CONSTRAINT tickets_order_fk;
--> statement-breakpoint
ALTER TABLE tickets DROP CONSTRAINT tickets_order_line_fk;
--> statement-breakpoint
ALTER TABLE tickets DROP CONSTRAINT tickets_ticket_type_fk;
--> statement-breakpoint
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_booking_fk;
--> statement-breakpoint
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_customer_fk;
--> statement-breakpoint
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_member_id_members_id_fk;
--> statement-breakpoint
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_resource_fk;
--> statement-breakpoint
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_service_fk;
--> statement-breakpoint
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_endpoint_fk;
--> statement-breakpoint
ALTER TABLE working_hours DROP CONSTRAINT working_hours_resource_fk;
--> statement-breakpoint
-- 2. The unique (organization_id, id) keys those foreign keys referenced: the new primary key replaces them.
ALTER TABLE booking_addons DROP CONSTRAINT booking_addons_organization_id_uq;
--> statement-breakpoint
ALTER TABLE booking_series DROP CONSTRAINT booking_series_organization_id_uq;
--> statement-breakpoint
ALTER TABLE bookings DROP CONSTRAINT bookings_organization_id_uq;
--> statement-breakpoint
ALTER TABLE carts DROP CONSTRAINT carts_organization_id_uq;
--> statement-breakpoint
ALTER TABLE customers DROP CONSTRAINT customers_organization_id_uq;
--> statement-breakpoint
ALTER TABLE event_waitlist_entries DROP CONSTRAINT event_waitlist_entries_organization_id_uq;
--> statement-breakpoint
ALTER TABLE events DROP CONSTRAINT events_organization_id_uq;
--> statement-breakpoint
ALTER TABLE loyalty_accounts DROP CONSTRAINT loyalty_accounts_organization_id_uq;
--> statement-breakpoint
ALTER TABLE order_lines DROP CONSTRAINT order_lines_organization_id_uq;
--> statement-breakpoint
ALTER TABLE orders DROP CONSTRAINT orders_organization_id_uq;
--> statement-breakpoint
ALTER TABLE product_categories DROP CONSTRAINT product_categories_organization_id_uq;
--> statement-breakpoint
ALTER TABLE product_variants DROP CONSTRAINT product_variants_organization_id_uq;
--> statement-breakpoint
ALTER TABLE products DROP CONSTRAINT products_organization_id_uq;
--> statement-breakpoint
ALTER TABLE promo_codes DROP CONSTRAINT promo_codes_organization_id_uq;
--> statement-breakpoint
ALTER TABLE resources DROP CONSTRAINT resources_organization_id_uq;
--> statement-breakpoint
ALTER TABLE reviews DROP CONSTRAINT reviews_organization_id_uq;
--> statement-breakpoint
ALTER TABLE service_addons DROP CONSTRAINT service_addons_organization_id_uq;
--> statement-breakpoint
ALTER TABLE services DROP CONSTRAINT services_organization_id_uq;
--> statement-breakpoint
ALTER TABLE stock_items DROP CONSTRAINT stock_items_organization_id_uq;
--> statement-breakpoint
ALTER TABLE tickets DROP CONSTRAINT tickets_organization_id_uq;
--> statement-breakpoint
ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_organization_id_uq;
--> statement-breakpoint
DROP INDEX member_tiers_organization_id_uq;
--> statement-breakpoint
-- 3. Primary keys (id) become (organization_id, id), under the same name.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey;
--> statement-breakpoint
ALTER TABLE audit_log ADD CONSTRAINT audit_log_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE blackouts DROP CONSTRAINT blackouts_pkey;
--> statement-breakpoint
ALTER TABLE blackouts ADD CONSTRAINT blackouts_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_addons DROP CONSTRAINT booking_addons_pkey;
--> statement-breakpoint
ALTER TABLE booking_addons ADD CONSTRAINT booking_addons_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_approvals DROP CONSTRAINT booking_approvals_pkey;
--> statement-breakpoint
ALTER TABLE booking_approvals ADD CONSTRAINT booking_approvals_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_events DROP CONSTRAINT booking_events_pkey;
--> statement-breakpoint
ALTER TABLE booking_events ADD CONSTRAINT booking_events_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_manage_tokens DROP CONSTRAINT booking_manage_tokens_pkey;
--> statement-breakpoint
ALTER TABLE booking_manage_tokens ADD CONSTRAINT booking_manage_tokens_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_rules DROP CONSTRAINT booking_rules_pkey;
--> statement-breakpoint
ALTER TABLE booking_rules ADD CONSTRAINT booking_rules_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_series DROP CONSTRAINT booking_series_pkey;
--> statement-breakpoint
ALTER TABLE booking_series ADD CONSTRAINT booking_series_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE bookings DROP CONSTRAINT bookings_pkey;
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE calendar_feeds DROP CONSTRAINT calendar_feeds_pkey;
--> statement-breakpoint
ALTER TABLE calendar_feeds ADD CONSTRAINT calendar_feeds_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE cart_lines DROP CONSTRAINT cart_lines_pkey;
--> statement-breakpoint
ALTER TABLE cart_lines ADD CONSTRAINT cart_lines_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE carts DROP CONSTRAINT carts_pkey;
--> statement-breakpoint
ALTER TABLE carts ADD CONSTRAINT carts_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE customers DROP CONSTRAINT customers_pkey;
--> statement-breakpoint
ALTER TABLE customers ADD CONSTRAINT customers_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE date_overrides DROP CONSTRAINT date_overrides_pkey;
--> statement-breakpoint
ALTER TABLE date_overrides ADD CONSTRAINT date_overrides_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE event_waitlist_entries DROP CONSTRAINT event_waitlist_entries_pkey;
--> statement-breakpoint
ALTER TABLE event_waitlist_entries ADD CONSTRAINT event_waitlist_entries_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE events DROP CONSTRAINT events_pkey;
--> statement-breakpoint
ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE invitations DROP CONSTRAINT invitations_pkey;
--> statement-breakpoint
ALTER TABLE invitations ADD CONSTRAINT invitations_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE loyalty_accounts DROP CONSTRAINT loyalty_accounts_pkey;
--> statement-breakpoint
ALTER TABLE loyalty_accounts ADD CONSTRAINT loyalty_accounts_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE loyalty_ledger DROP CONSTRAINT loyalty_ledger_pkey;
--> statement-breakpoint
ALTER TABLE loyalty_ledger ADD CONSTRAINT loyalty_ledger_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE member_tiers DROP CONSTRAINT member_tiers_pkey;
--> statement-breakpoint
ALTER TABLE member_tiers ADD CONSTRAINT member_tiers_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE members DROP CONSTRAINT members_pkey;
--> statement-breakpoint
ALTER TABLE members ADD CONSTRAINT members_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE notifications DROP CONSTRAINT notifications_pkey;
--> statement-breakpoint
ALTER TABLE notifications ADD CONSTRAINT notifications_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE order_events DROP CONSTRAINT order_events_pkey;
--> statement-breakpoint
ALTER TABLE order_events ADD CONSTRAINT order_events_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE order_lines DROP CONSTRAINT order_lines_pkey;
--> statement-breakpoint
ALTER TABLE order_lines ADD CONSTRAINT order_lines_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE orders DROP CONSTRAINT orders_pkey;
--> statement-breakpoint
ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE payments DROP CONSTRAINT payments_pkey;
--> statement-breakpoint
ALTER TABLE payments ADD CONSTRAINT payments_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE product_categories DROP CONSTRAINT product_categories_pkey;
--> statement-breakpoint
ALTER TABLE product_categories ADD CONSTRAINT product_categories_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE product_variants DROP CONSTRAINT product_variants_pkey;
--> statement-breakpoint
ALTER TABLE product_variants ADD CONSTRAINT product_variants_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE products DROP CONSTRAINT products_pkey;
--> statement-breakpoint
ALTER TABLE products ADD CONSTRAINT products_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE promo_codes DROP CONSTRAINT promo_codes_pkey;
--> statement-breakpoint
ALTER TABLE promo_codes ADD CONSTRAINT promo_codes_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE promo_redemptions DROP CONSTRAINT promo_redemptions_pkey;
--> statement-breakpoint
ALTER TABLE promo_redemptions ADD CONSTRAINT promo_redemptions_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE resources DROP CONSTRAINT resources_pkey;
--> statement-breakpoint
ALTER TABLE resources ADD CONSTRAINT resources_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE reviews DROP CONSTRAINT reviews_pkey;
--> statement-breakpoint
ALTER TABLE reviews ADD CONSTRAINT reviews_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE service_addons DROP CONSTRAINT service_addons_pkey;
--> statement-breakpoint
ALTER TABLE service_addons ADD CONSTRAINT service_addons_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE services DROP CONSTRAINT services_pkey;
--> statement-breakpoint
ALTER TABLE services ADD CONSTRAINT services_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE stock_items DROP CONSTRAINT stock_items_pkey;
--> statement-breakpoint
ALTER TABLE stock_items ADD CONSTRAINT stock_items_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_pkey;
--> statement-breakpoint
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE stock_reservations DROP CONSTRAINT stock_reservations_pkey;
--> statement-breakpoint
ALTER TABLE stock_reservations ADD CONSTRAINT stock_reservations_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE tickets DROP CONSTRAINT tickets_pkey;
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE waitlist_entries DROP CONSTRAINT waitlist_entries_pkey;
--> statement-breakpoint
ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_pkey;
--> statement-breakpoint
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE webhook_endpoints DROP CONSTRAINT webhook_endpoints_pkey;
--> statement-breakpoint
ALTER TABLE webhook_endpoints ADD CONSTRAINT webhook_endpoints_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
ALTER TABLE working_hours DROP CONSTRAINT working_hours_pkey;
--> statement-breakpoint
ALTER TABLE working_hours ADD CONSTRAINT working_hours_pkey PRIMARY KEY (organization_id, id);
--> statement-breakpoint
-- 4. Unique keys gain organization_id. Tokens stay unique per organization; where a link carries
-- no organization (manage links, calendar feeds, invitations, a payment provider's reference),
-- a plain index keeps the lookup by hash alone.
ALTER TABLE "invitations" DROP CONSTRAINT "invitations_token_hash_unique";
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_token_hash_unique" UNIQUE("organization_id","token_hash");
--> statement-breakpoint
CREATE INDEX "invitations_token_hash_idx" ON "invitations" USING btree ("token_hash");
--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_source_user_uq";
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_source_user_uq" UNIQUE("organization_id","source_id","user_id");
--> statement-breakpoint
ALTER TABLE "event_waitlist_entries" DROP CONSTRAINT "event_waitlist_entries_token_uq";
--> statement-breakpoint
ALTER TABLE "event_waitlist_entries" ADD CONSTRAINT "event_waitlist_entries_token_uq" UNIQUE("organization_id","token_hash");
--> statement-breakpoint
DROP INDEX "booking_manage_tokens_hash_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "booking_manage_tokens_hash_uq" ON "booking_manage_tokens" USING btree ("organization_id","token_hash");
--> statement-breakpoint
CREATE INDEX "booking_manage_tokens_hash_idx" ON "booking_manage_tokens" USING btree ("token_hash");
--> statement-breakpoint
DROP INDEX "calendar_feeds_token_hash_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_hash_uq" ON "calendar_feeds" USING btree ("organization_id","token_hash");
--> statement-breakpoint
CREATE INDEX "calendar_feeds_token_hash_idx" ON "calendar_feeds" USING btree ("token_hash");
--> statement-breakpoint
DROP INDEX "orders_status_token_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "orders_status_token_uq" ON "orders" USING btree ("organization_id","status_token_hash");
--> statement-breakpoint
DROP INDEX "payments_provider_ref_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_ref_uq" ON "payments" USING btree ("organization_id","provider","provider_ref");
--> statement-breakpoint
CREATE INDEX "payments_provider_ref_idx" ON "payments" USING btree ("provider","provider_ref");
--> statement-breakpoint
DROP INDEX "reviews_booking_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_booking_uq" ON "reviews" USING btree ("organization_id","booking_id") WHERE "reviews"."booking_id" is not null;
--> statement-breakpoint
DROP INDEX "reviews_order_line_uq";
--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_order_line_uq" ON "reviews" USING btree ("organization_id","order_line_id") WHERE "reviews"."order_line_id" is not null;
--> statement-breakpoint
-- 5. The foreign keys back, as they were (all already composite, pairing organization_id with
-- organization_id; booking_addons_addon_fk keeps PostgreSQL 15's ON DELETE SET NULL (addon_id)
-- so organization_id is never nulled), plus the waiting member's, composite now.
ALTER TABLE blackouts ADD CONSTRAINT blackouts_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_addons ADD CONSTRAINT booking_addons_addon_fk FOREIGN KEY (organization_id, addon_id) REFERENCES service_addons(organization_id, id) ON DELETE SET NULL (addon_id) DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE booking_addons ADD CONSTRAINT booking_addons_booking_fk FOREIGN KEY (organization_id, booking_id) REFERENCES bookings(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_addons ADD CONSTRAINT booking_addons_stock_item_fk FOREIGN KEY (organization_id, stock_item_id) REFERENCES stock_items(organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_approvals ADD CONSTRAINT booking_approvals_booking_fk FOREIGN KEY (organization_id, booking_id) REFERENCES bookings(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_events ADD CONSTRAINT booking_events_booking_fk FOREIGN KEY (organization_id, booking_id) REFERENCES bookings(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_funnel_daily ADD CONSTRAINT booking_funnel_daily_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_manage_tokens ADD CONSTRAINT booking_manage_tokens_booking_fk FOREIGN KEY (organization_id, booking_id) REFERENCES bookings(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_rules ADD CONSTRAINT booking_rules_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_rules ADD CONSTRAINT booking_rules_tier_fk FOREIGN KEY (organization_id, tier_id) REFERENCES member_tiers(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE booking_series ADD CONSTRAINT booking_series_customer_fk FOREIGN KEY (organization_id, customer_id) REFERENCES customers(organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_series ADD CONSTRAINT booking_series_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id);
--> statement-breakpoint
ALTER TABLE booking_series ADD CONSTRAINT booking_series_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id);
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_customer_fk FOREIGN KEY (organization_id, customer_id) REFERENCES customers(organization_id, id);
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_deposit_order_fk FOREIGN KEY (organization_id, deposit_order_id) REFERENCES orders(organization_id, id) DEFERRABLE INITIALLY DEFERRED;
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id);
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_series_fk FOREIGN KEY (organization_id, series_id) REFERENCES booking_series(organization_id, id);
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id);
--> statement-breakpoint
ALTER TABLE calendar_feeds ADD CONSTRAINT calendar_feeds_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE cart_lines ADD CONSTRAINT cart_lines_cart_fk FOREIGN KEY (organization_id, cart_id) REFERENCES carts(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE cart_lines ADD CONSTRAINT cart_lines_variant_fk FOREIGN KEY (organization_id, variant_id) REFERENCES product_variants(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE customers ADD CONSTRAINT customers_merged_into_fk FOREIGN KEY (organization_id, merged_into_id) REFERENCES customers(organization_id, id);
--> statement-breakpoint
ALTER TABLE date_overrides ADD CONSTRAINT date_overrides_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE event_waitlist_entries ADD CONSTRAINT event_waitlist_entries_event_fk FOREIGN KEY (organization_id, event_id) REFERENCES events(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE event_waitlist_entries ADD CONSTRAINT event_waitlist_entries_order_fk FOREIGN KEY (organization_id, order_id) REFERENCES orders(organization_id, id);
--> statement-breakpoint
ALTER TABLE event_waitlist_entries ADD CONSTRAINT event_waitlist_entries_variant_fk FOREIGN KEY (organization_id, variant_id) REFERENCES product_variants(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE events ADD CONSTRAINT events_capacity_stock_fk FOREIGN KEY (organization_id, capacity_stock_item_id) REFERENCES stock_items(organization_id, id);
--> statement-breakpoint
ALTER TABLE events ADD CONSTRAINT events_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products(organization_id, id);
--> statement-breakpoint
ALTER TABLE events ADD CONSTRAINT events_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id);
--> statement-breakpoint
ALTER TABLE loyalty_accounts ADD CONSTRAINT loyalty_accounts_customer_fk FOREIGN KEY (organization_id, customer_id) REFERENCES customers(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE loyalty_ledger ADD CONSTRAINT loyalty_ledger_account_fk FOREIGN KEY (organization_id, account_id) REFERENCES loyalty_accounts(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE members ADD CONSTRAINT members_tier_fk FOREIGN KEY (organization_id, tier_id) REFERENCES member_tiers(organization_id, id);
--> statement-breakpoint
ALTER TABLE order_events ADD CONSTRAINT order_events_order_fk FOREIGN KEY (organization_id, order_id) REFERENCES orders(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk FOREIGN KEY (organization_id, order_id) REFERENCES orders(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE orders ADD CONSTRAINT orders_booking_fk FOREIGN KEY (organization_id, booking_id) REFERENCES bookings(organization_id, id);
--> statement-breakpoint
ALTER TABLE orders ADD CONSTRAINT orders_promo_code_fk FOREIGN KEY (organization_id, promo_code_id) REFERENCES promo_codes(organization_id, id);
--> statement-breakpoint
ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (organization_id, order_id) REFERENCES orders(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE product_categories ADD CONSTRAINT product_categories_parent_fk FOREIGN KEY (organization_id, parent_id) REFERENCES product_categories(organization_id, id);
--> statement-breakpoint
ALTER TABLE product_variants ADD CONSTRAINT product_variants_pool_stock_item_fk FOREIGN KEY (organization_id, pool_stock_item_id) REFERENCES stock_items(organization_id, id);
--> statement-breakpoint
ALTER TABLE product_variants ADD CONSTRAINT product_variants_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE product_variants ADD CONSTRAINT product_variants_stock_item_fk FOREIGN KEY (organization_id, stock_item_id) REFERENCES stock_items(organization_id, id);
--> statement-breakpoint
ALTER TABLE products ADD CONSTRAINT products_category_fk FOREIGN KEY (organization_id, category_id) REFERENCES product_categories(organization_id, id);
--> statement-breakpoint
ALTER TABLE promo_redemptions ADD CONSTRAINT promo_redemptions_code_fk FOREIGN KEY (organization_id, promo_code_id) REFERENCES promo_codes(organization_id, id);
--> statement-breakpoint
ALTER TABLE promo_redemptions ADD CONSTRAINT promo_redemptions_order_fk FOREIGN KEY (organization_id, order_id) REFERENCES orders(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE reviews ADD CONSTRAINT reviews_booking_fk FOREIGN KEY (organization_id, booking_id) REFERENCES bookings(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE reviews ADD CONSTRAINT reviews_order_line_fk FOREIGN KEY (organization_id, order_line_id) REFERENCES order_lines(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE reviews ADD CONSTRAINT reviews_product_fk FOREIGN KEY (organization_id, product_id) REFERENCES products(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE reviews ADD CONSTRAINT reviews_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE service_addons ADD CONSTRAINT service_addons_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE service_addons ADD CONSTRAINT service_addons_stock_item_fk FOREIGN KEY (organization_id, stock_item_id) REFERENCES stock_items(organization_id, id);
--> statement-breakpoint
ALTER TABLE service_packages ADD CONSTRAINT service_packages_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE service_resources ADD CONSTRAINT service_resources_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE service_resources ADD CONSTRAINT service_resources_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE stock_movements ADD CONSTRAINT stock_movements_stock_item_fk FOREIGN KEY (organization_id, stock_item_id) REFERENCES stock_items(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE stock_reservations ADD CONSTRAINT stock_reservations_order_fk FOREIGN KEY (organization_id, order_id) REFERENCES orders(organization_id, id);
--> statement-breakpoint
ALTER TABLE stock_reservations ADD CONSTRAINT stock_reservations_stock_fk FOREIGN KEY (organization_id, stock_item_id) REFERENCES stock_items(organization_id, id);
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_event_fk FOREIGN KEY (organization_id, event_id) REFERENCES events(organization_id, id);
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_order_fk FOREIGN KEY (organization_id, order_id) REFERENCES orders(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_order_line_fk FOREIGN KEY (organization_id, order_line_id) REFERENCES order_lines(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE tickets ADD CONSTRAINT tickets_ticket_type_fk FOREIGN KEY (organization_id, ticket_type_id) REFERENCES product_variants(organization_id, id);
--> statement-breakpoint
ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_booking_fk FOREIGN KEY (organization_id, offered_booking_id) REFERENCES bookings(organization_id, id);
--> statement-breakpoint
ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_customer_fk FOREIGN KEY (organization_id, customer_id) REFERENCES customers(organization_id, id);
--> statement-breakpoint
ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE waitlist_entries ADD CONSTRAINT waitlist_entries_service_fk FOREIGN KEY (organization_id, service_id) REFERENCES services(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_endpoint_fk FOREIGN KEY (organization_id, endpoint_id) REFERENCES webhook_endpoints(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE working_hours ADD CONSTRAINT working_hours_resource_fk FOREIGN KEY (organization_id, resource_id) REFERENCES resources(organization_id, id) ON DELETE CASCADE;
--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_member_fk" FOREIGN KEY ("organization_id","member_id") REFERENCES "public"."members"("organization_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- custom SQL below (carry over when renumbering)
-- 6. The no-overlap exclusion constraint (migrations 0003, 0019) compares organization_id too:
-- resource ids are unique already, so it forbids exactly what it did.
ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap;
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
  EXCLUDE USING gist (organization_id WITH =, resource_id WITH =, blocked_range WITH &&)
  WHERE (exclusive AND status IN ('pending', 'confirmed', 'in_progress', 'held'));

ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_organization_id_uq" UNIQUE("organization_id","id");--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_order_line_fk" FOREIGN KEY ("organization_id","order_line_id") REFERENCES "public"."order_lines"("organization_id","id") ON DELETE cascade ON UPDATE no action;

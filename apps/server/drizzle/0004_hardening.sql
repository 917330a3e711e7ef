CREATE TABLE "audit_checkpoints" (
	"chain_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"signature" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_security_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "upstream_status" integer;--> statement-breakpoint
ALTER TABLE "provider_health_checks" ADD COLUMN "upstream_status" integer;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "headers_ciphertext" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "header_hints" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "user_security_events" ADD CONSTRAINT "user_security_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_security_events_user_at_idx" ON "user_security_events" USING btree ("user_id","at");
CREATE TABLE "dataset_items" (
	"row_id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"dataset_id" uuid NOT NULL,
	"item_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"position" bigint NOT NULL,
	"input" jsonb NOT NULL,
	"expected" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_execution_id" uuid,
	"valid_from" integer NOT NULL,
	"valid_to" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"version" integer DEFAULT 0 NOT NULL,
	"item_count" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "evaluation_results" (
	"evaluation_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"item_position" bigint NOT NULL,
	"variant" integer NOT NULL,
	"repetition" integer NOT NULL,
	"execution_id" uuid,
	"output" text,
	"scores" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"score_errors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"latency_ms" integer,
	"cost_usd" numeric(24, 12) DEFAULT '0' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_results_evaluation_id_item_position_variant_repetition_pk" PRIMARY KEY("evaluation_id","item_position","variant","repetition")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"dataset_id" uuid NOT NULL,
	"dataset_version" integer NOT NULL,
	"variants" jsonb NOT NULL,
	"evaluators" jsonb NOT NULL,
	"repetitions" integer NOT NULL,
	"concurrency" integer NOT NULL,
	"max_cost_usd" numeric(24, 12),
	"progress_total" integer DEFAULT 0 NOT NULL,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_failed" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(24, 12) DEFAULT '0' NOT NULL,
	"error" text,
	"summary" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comparisons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"job_id" uuid,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dataset_items" ADD CONSTRAINT "dataset_items_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_items" ADD CONSTRAINT "dataset_items_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_results" ADD CONSTRAINT "evaluation_results_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_results" ADD CONSTRAINT "evaluation_results_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dataset_items_current_idx" ON "dataset_items" USING btree ("dataset_id","position") WHERE valid_to IS NULL;--> statement-breakpoint
CREATE INDEX "dataset_items_history_idx" ON "dataset_items" USING btree ("dataset_id","position","valid_from");--> statement-breakpoint
CREATE INDEX "dataset_items_item_idx" ON "dataset_items" USING btree ("item_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_org_name_uq" ON "datasets" USING btree ("org_id","name") WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "datasets_org_updated_idx" ON "datasets" USING btree ("org_id","updated_at");--> statement-breakpoint
CREATE INDEX "evaluation_results_variant_idx" ON "evaluation_results" USING btree ("evaluation_id","variant","item_position","repetition");--> statement-breakpoint
CREATE INDEX "evaluations_org_created_idx" ON "evaluations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "evaluations_dataset_idx" ON "evaluations" USING btree ("dataset_id");
CREATE TABLE "experiment_exposures" (
	"experiment_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"variant" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiment_exposures_experiment_id_subject_pk" PRIMARY KEY("experiment_id","subject")
);
--> statement-breakpoint
CREATE TABLE "experiment_outcomes" (
	"experiment_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"variant" text NOT NULL,
	"value" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "experiment_outcomes_experiment_id_subject_pk" PRIMARY KEY("experiment_id","subject")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"prompt_id" uuid NOT NULL,
	"prompt_name" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"status" text DEFAULT 'running' NOT NULL,
	"variants" jsonb NOT NULL,
	"metric" jsonb NOT NULL,
	"min_samples" integer NOT NULL,
	"max_expected_loss" double precision NOT NULL,
	"evaluation_id" uuid,
	"evaluation_score_key" text,
	"winner" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stopped_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "regression_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"prompt_name" text NOT NULL,
	"version" integer NOT NULL,
	"previous_version" integer NOT NULL,
	"metric" text NOT NULL,
	"probability" double precision NOT NULL,
	"current" double precision NOT NULL,
	"previous" double precision NOT NULL,
	"detail" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "experiment_exposures" ADD CONSTRAINT "experiment_exposures_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_outcomes" ADD CONSTRAINT "experiment_outcomes_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_prompt_id_prompts_id_fk" FOREIGN KEY ("prompt_id") REFERENCES "public"."prompts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiments" ADD CONSTRAINT "experiments_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regression_alerts" ADD CONSTRAINT "regression_alerts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experiment_outcomes_variant_idx" ON "experiment_outcomes" USING btree ("experiment_id","variant");--> statement-breakpoint
CREATE UNIQUE INDEX "experiments_running_prompt_uq" ON "experiments" USING btree ("prompt_id") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "experiments_org_created_idx" ON "experiments" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "regression_alerts_uq" ON "regression_alerts" USING btree ("org_id","prompt_name","version","metric");--> statement-breakpoint
CREATE INDEX "regression_alerts_org_detected_idx" ON "regression_alerts" USING btree ("org_id","detected_at");
--> statement-breakpoint
-- The rollups gain the model id in their key (two providers may serve models of the same name)
-- and a finer latency histogram (62 buckets, E12 bounds) so dashboard percentiles interpolate
-- within ≤ 22 % wide buckets. They are rebuilt from the runs, in one statement.
DROP TRIGGER "executions_rollup" ON "executions";--> statement-breakpoint
DROP FUNCTION "executions_rollup_trigger"();--> statement-breakpoint
DROP FUNCTION "execution_rollup_add"("executions", integer);--> statement-breakpoint
TRUNCATE "execution_rollups_hourly";--> statement-breakpoint
ALTER TABLE "execution_rollups_hourly" DROP CONSTRAINT "execution_rollups_hourly_org_id_hour_source_prompt_name_prompt_version_model_pk";--> statement-breakpoint
ALTER TABLE "execution_rollups_hourly" ADD COLUMN "model_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL;--> statement-breakpoint
ALTER TABLE "execution_rollups_hourly" ADD CONSTRAINT "execution_rollups_hourly_org_id_hour_source_prompt_name_prompt_version_model_id_model_pk" PRIMARY KEY("org_id","hour","source","prompt_name","prompt_version","model_id","model");--> statement-breakpoint
WITH b AS (
  SELECT "org_id", date_trunc('hour', "created_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, "source",
         coalesce("prompt_name", '') AS pn, coalesce("prompt_version", 0) AS pv,
         coalesce("model_id", '00000000-0000-0000-0000-000000000000') AS mid, "model", "status",
         "input_tokens", "output_tokens", "cost_usd", "latency_ms",
         width_bucket("latency_ms" - 1, ARRAY[2,5,10,12,15,18,22,27,33,39,47,56,68,82,100,120,150,180,220,270,330,390,470,560,680,820,1000,1200,1500,1800,2200,2700,3300,3900,4700,5600,6800,8200,10000,12000,15000,18000,22000,27000,33000,39000,47000,56000,68000,82000,100000,120000,150000,180000,220000,270000,330000,390000,470000,560000,680000]::int[]) AS bucket
  FROM "executions" WHERE "status" <> 'running'
), per_bucket AS (
  SELECT "org_id", hour, "source", pn, pv, mid, "model", bucket, count(*)::int AS n FROM b GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
), hist AS (
  SELECT k."org_id", k.hour, k."source", k.pn, k.pv, k.mid, k."model", array_agg(coalesce(pb.n, 0) ORDER BY g.i) AS buckets
  FROM (SELECT DISTINCT "org_id", hour, "source", pn, pv, mid, "model" FROM b) k
  CROSS JOIN generate_series(0, 61) AS g(i)
  LEFT JOIN per_bucket pb ON pb."org_id" = k."org_id" AND pb.hour = k.hour AND pb."source" = k."source"
    AND pb.pn = k.pn AND pb.pv = k.pv AND pb.mid = k.mid AND pb."model" = k."model" AND pb.bucket = g.i
  GROUP BY 1, 2, 3, 4, 5, 6, 7
)
INSERT INTO "execution_rollups_hourly" ("org_id", "hour", "source", "prompt_name", "prompt_version", "model_id", "model",
  "runs", "failed", "cancelled", "interrupted", "input_tokens", "output_tokens", "cost_usd", "latency_ms_sum", "latency_buckets")
SELECT b."org_id", b.hour, b."source", b.pn, b.pv, b.mid, b."model", count(*),
  count(*) FILTER (WHERE b."status" = 'failed'), count(*) FILTER (WHERE b."status" = 'cancelled'),
  count(*) FILTER (WHERE b."status" = 'interrupted'),
  sum(b."input_tokens"), sum(b."output_tokens"), sum(b."cost_usd"), sum(b."latency_ms"), h.buckets
FROM b JOIN hist h ON h."org_id" = b."org_id" AND h.hour = b.hour AND h."source" = b."source" AND h.pn = b.pn
  AND h.pv = b.pv AND h.mid = b.mid AND h."model" = b."model"
GROUP BY b."org_id", b.hour, b."source", b.pn, b.pv, b.mid, b."model", h.buckets;--> statement-breakpoint
-- As in 0008: the rollups follow every change of a run's outcome inside the statement that makes it.
CREATE FUNCTION "execution_rollup_add"(r "executions", sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  buckets integer[] := array_fill(0, ARRAY[62]);
BEGIN
  buckets[width_bucket(r."latency_ms" - 1, ARRAY[2,5,10,12,15,18,22,27,33,39,47,56,68,82,100,120,150,180,220,270,330,390,470,560,680,820,1000,1200,1500,1800,2200,2700,3300,3900,4700,5600,6800,8200,10000,12000,15000,18000,22000,27000,33000,39000,47000,56000,68000,82000,100000,120000,150000,180000,220000,270000,330000,390000,470000,560000,680000]::int[]) + 1] := sign;
  INSERT INTO "execution_rollups_hourly" AS t ("org_id", "hour", "source", "prompt_name", "prompt_version", "model_id", "model",
    "runs", "failed", "cancelled", "interrupted", "input_tokens", "output_tokens", "cost_usd", "latency_ms_sum", "latency_buckets")
  VALUES (r."org_id", date_trunc('hour', r."created_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', r."source",
    coalesce(r."prompt_name", ''), coalesce(r."prompt_version", 0),
    coalesce(r."model_id", '00000000-0000-0000-0000-000000000000'), r."model", sign,
    CASE WHEN r."status" = 'failed' THEN sign ELSE 0 END,
    CASE WHEN r."status" = 'cancelled' THEN sign ELSE 0 END,
    CASE WHEN r."status" = 'interrupted' THEN sign ELSE 0 END,
    sign * r."input_tokens", sign * r."output_tokens", sign * r."cost_usd", sign * r."latency_ms", buckets)
  ON CONFLICT ("org_id", "hour", "source", "prompt_name", "prompt_version", "model_id", "model") DO UPDATE SET
    "runs" = t."runs" + excluded."runs",
    "failed" = t."failed" + excluded."failed",
    "cancelled" = t."cancelled" + excluded."cancelled",
    "interrupted" = t."interrupted" + excluded."interrupted",
    "input_tokens" = t."input_tokens" + excluded."input_tokens",
    "output_tokens" = t."output_tokens" + excluded."output_tokens",
    "cost_usd" = t."cost_usd" + excluded."cost_usd",
    "latency_ms_sum" = t."latency_ms_sum" + excluded."latency_ms_sum",
    "latency_buckets" = (SELECT array_agg(coalesce(a, 0) + coalesce(b, 0) ORDER BY i)
      FROM unnest(t."latency_buckets", excluded."latency_buckets") WITH ORDINALITY AS u(a, b, i));
END $$;--> statement-breakpoint
CREATE FUNCTION "executions_rollup_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."status" <> 'running' THEN
    IF NEW."status" = OLD."status" AND NEW."input_tokens" = OLD."input_tokens"
      AND NEW."output_tokens" = OLD."output_tokens" AND NEW."cost_usd" = OLD."cost_usd"
      AND NEW."latency_ms" = OLD."latency_ms" AND NEW."model" = OLD."model"
      AND NEW."model_id" IS NOT DISTINCT FROM OLD."model_id" THEN
      RETURN NULL;
    END IF;
    PERFORM "execution_rollup_add"(OLD, -1);
  END IF;
  IF NEW."status" <> 'running' THEN
    PERFORM "execution_rollup_add"(NEW, 1);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "executions_rollup" AFTER INSERT OR UPDATE ON "executions"
  FOR EACH ROW EXECUTE FUNCTION "executions_rollup_trigger"();

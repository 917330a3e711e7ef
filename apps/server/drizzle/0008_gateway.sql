CREATE TABLE "execution_rollups_hourly" (
	"org_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"prompt_name" text NOT NULL,
	"prompt_version" integer NOT NULL,
	"model" text NOT NULL,
	"runs" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cancelled" integer DEFAULT 0 NOT NULL,
	"interrupted" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cost_usd" numeric(24, 12) DEFAULT '0' NOT NULL,
	"latency_ms_sum" bigint DEFAULT 0 NOT NULL,
	"latency_buckets" integer[] NOT NULL,
	CONSTRAINT "execution_rollups_hourly_org_id_hour_source_prompt_name_prompt_version_model_pk" PRIMARY KEY("org_id","hour","source","prompt_name","prompt_version","model")
);
--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "prompt_version_id" uuid;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "source" text DEFAULT 'playground' NOT NULL;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "parent_type" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "experiment_id" uuid;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "experiment_variant" text;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "executions" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "execution_rollups_hourly" ADD CONSTRAINT "execution_rollups_hourly_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "executions" ADD CONSTRAINT "executions_prompt_version_id_prompt_versions_id_fk" FOREIGN KEY ("prompt_version_id") REFERENCES "public"."prompt_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "executions_parent_idx" ON "executions" USING btree ("parent_type","parent_id") WHERE "executions"."parent_id" is not null;--> statement-breakpoint
CREATE INDEX "executions_running_idx" ON "executions" USING btree ("heartbeat_at") WHERE "executions"."status" = 'running';;--> statement-breakpoint
-- Runs recorded before this migration: calls made with an API key came from the API, every
-- earlier run finished when its latency says, and the hourly rollups start with their totals.
UPDATE "executions" SET "source" = 'api' WHERE "actor_type" = 'api_key';--> statement-breakpoint
UPDATE "executions" SET "finished_at" = "created_at" + "latency_ms" * interval '1 millisecond';--> statement-breakpoint
UPDATE "executions" e SET "prompt_version_id" = v."id"
  FROM "prompts" p JOIN "prompt_versions" v ON v."prompt_id" = p."id"
  WHERE p."org_id" = e."org_id" AND p."name" = e."prompt_name" AND v."version" = e."prompt_version";--> statement-breakpoint
WITH b AS (
  SELECT "org_id", date_trunc('hour', "created_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, "source",
         coalesce("prompt_name", '') AS pn, coalesce("prompt_version", 0) AS pv, "model", "status",
         "input_tokens", "output_tokens", "cost_usd", "latency_ms",
         width_bucket("latency_ms" - 1, ARRAY[50,100,200,300,500,750,1000,1500,2000,3000,5000,7500,10000,15000,20000,30000,60000,120000]::int[]) AS bucket
  FROM "executions"
), per_bucket AS (
  SELECT "org_id", hour, "source", pn, pv, "model", bucket, count(*)::int AS n FROM b GROUP BY 1, 2, 3, 4, 5, 6, 7
), hist AS (
  SELECT k."org_id", k.hour, k."source", k.pn, k.pv, k."model", array_agg(coalesce(pb.n, 0) ORDER BY g.i) AS buckets
  FROM (SELECT DISTINCT "org_id", hour, "source", pn, pv, "model" FROM b) k
  CROSS JOIN generate_series(0, 18) AS g(i)
  LEFT JOIN per_bucket pb ON pb."org_id" = k."org_id" AND pb.hour = k.hour AND pb."source" = k."source"
    AND pb.pn = k.pn AND pb.pv = k.pv AND pb."model" = k."model" AND pb.bucket = g.i
  GROUP BY 1, 2, 3, 4, 5, 6
)
INSERT INTO "execution_rollups_hourly" ("org_id", "hour", "source", "prompt_name", "prompt_version", "model",
  "runs", "failed", "cancelled", "interrupted", "input_tokens", "output_tokens", "cost_usd", "latency_ms_sum", "latency_buckets")
SELECT b."org_id", b.hour, b."source", b.pn, b.pv, b."model", count(*),
  count(*) FILTER (WHERE b."status" = 'failed'), count(*) FILTER (WHERE b."status" = 'cancelled'), 0,
  sum(b."input_tokens"), sum(b."output_tokens"), sum(b."cost_usd"), sum(b."latency_ms"), h.buckets
FROM b JOIN hist h ON h."org_id" = b."org_id" AND h.hour = b.hour AND h."source" = b."source" AND h.pn = b.pn
  AND h.pv = b.pv AND h."model" = b."model"
GROUP BY b."org_id", b.hour, b."source", b.pn, b.pv, b."model", h.buckets;;--> statement-breakpoint
-- The hourly rollups follow every change of a run's outcome inside the statement that makes it:
-- a run counts once it has ended (succeeded, failed, cancelled, interrupted); a run whose
-- ending is replaced (an interrupted run that finished after all) moves from one count to the
-- other; deleting old runs (retention) leaves the rollups as they are. Row locks on a rollup are
-- held only inside that statement, never across a round trip to the application.
CREATE FUNCTION "execution_rollup_add"(r "executions", sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  buckets integer[] := array_fill(0, ARRAY[19]);
BEGIN
  buckets[width_bucket(r."latency_ms" - 1, ARRAY[50,100,200,300,500,750,1000,1500,2000,3000,5000,7500,10000,15000,20000,30000,60000,120000]::int[]) + 1] := sign;
  INSERT INTO "execution_rollups_hourly" AS t ("org_id", "hour", "source", "prompt_name", "prompt_version", "model",
    "runs", "failed", "cancelled", "interrupted", "input_tokens", "output_tokens", "cost_usd", "latency_ms_sum", "latency_buckets")
  VALUES (r."org_id", date_trunc('hour', r."created_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', r."source",
    coalesce(r."prompt_name", ''), coalesce(r."prompt_version", 0), r."model", sign,
    CASE WHEN r."status" = 'failed' THEN sign ELSE 0 END,
    CASE WHEN r."status" = 'cancelled' THEN sign ELSE 0 END,
    CASE WHEN r."status" = 'interrupted' THEN sign ELSE 0 END,
    sign * r."input_tokens", sign * r."output_tokens", sign * r."cost_usd", sign * r."latency_ms", buckets)
  ON CONFLICT ("org_id", "hour", "source", "prompt_name", "prompt_version", "model") DO UPDATE SET
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
      AND NEW."latency_ms" = OLD."latency_ms" AND NEW."model" = OLD."model" THEN
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
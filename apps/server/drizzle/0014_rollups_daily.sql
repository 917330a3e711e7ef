CREATE TABLE "execution_rollups_daily" (
	"org_id" uuid NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"prompt_name" text NOT NULL,
	"prompt_version" integer NOT NULL,
	"model_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
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
	CONSTRAINT "execution_rollups_daily_org_id_day_source_prompt_name_prompt_version_model_id_model_pk" PRIMARY KEY("org_id","day","source","prompt_name","prompt_version","model_id","model")
);
--> statement-breakpoint
ALTER TABLE "execution_rollups_daily" ADD CONSTRAINT "execution_rollups_daily_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The daily rollups start as the sums of the hourly ones, taken in this transaction (which the
-- trigger below also writes in), so every day row equals the sum of its hourly rows.
INSERT INTO "execution_rollups_daily" ("org_id", "day", "source", "prompt_name", "prompt_version", "model_id", "model",
  "runs", "failed", "cancelled", "interrupted", "input_tokens", "output_tokens", "cost_usd", "latency_ms_sum", "latency_buckets")
SELECT "org_id", date_trunc('day', "hour" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', "source", "prompt_name", "prompt_version",
  "model_id", "model", sum("runs"), sum("failed"), sum("cancelled"), sum("interrupted"), sum("input_tokens"),
  sum("output_tokens"), sum("cost_usd"), sum("latency_ms_sum"), ARRAY[
    sum("latency_buckets"[1]), sum("latency_buckets"[2]), sum("latency_buckets"[3]), sum("latency_buckets"[4]), sum("latency_buckets"[5]), sum("latency_buckets"[6]),
    sum("latency_buckets"[7]), sum("latency_buckets"[8]), sum("latency_buckets"[9]), sum("latency_buckets"[10]), sum("latency_buckets"[11]), sum("latency_buckets"[12]),
    sum("latency_buckets"[13]), sum("latency_buckets"[14]), sum("latency_buckets"[15]), sum("latency_buckets"[16]), sum("latency_buckets"[17]), sum("latency_buckets"[18]),
    sum("latency_buckets"[19]), sum("latency_buckets"[20]), sum("latency_buckets"[21]), sum("latency_buckets"[22]), sum("latency_buckets"[23]), sum("latency_buckets"[24]),
    sum("latency_buckets"[25]), sum("latency_buckets"[26]), sum("latency_buckets"[27]), sum("latency_buckets"[28]), sum("latency_buckets"[29]), sum("latency_buckets"[30]),
    sum("latency_buckets"[31]), sum("latency_buckets"[32]), sum("latency_buckets"[33]), sum("latency_buckets"[34]), sum("latency_buckets"[35]), sum("latency_buckets"[36]),
    sum("latency_buckets"[37]), sum("latency_buckets"[38]), sum("latency_buckets"[39]), sum("latency_buckets"[40]), sum("latency_buckets"[41]), sum("latency_buckets"[42]),
    sum("latency_buckets"[43]), sum("latency_buckets"[44]), sum("latency_buckets"[45]), sum("latency_buckets"[46]), sum("latency_buckets"[47]), sum("latency_buckets"[48]),
    sum("latency_buckets"[49]), sum("latency_buckets"[50]), sum("latency_buckets"[51]), sum("latency_buckets"[52]), sum("latency_buckets"[53]), sum("latency_buckets"[54]),
    sum("latency_buckets"[55]), sum("latency_buckets"[56]), sum("latency_buckets"[57]), sum("latency_buckets"[58]), sum("latency_buckets"[59]), sum("latency_buckets"[60]),
    sum("latency_buckets"[61]), sum("latency_buckets"[62])
  ]::int[]
FROM "execution_rollups_hourly"
GROUP BY 1, 2, 3, 4, 5, 6, 7;--> statement-breakpoint
-- As in 0011, plus the day's row. A run moves one histogram bucket: only that element is written
-- (cheaper than rebuilding the 62-element array from both arrays on every finished run).
-- The day's row is locked before the hour's: a statement that finishes one run then waits only
-- for a day row while holding nothing else, so it can never be part of a deadlock with a statement
-- that ends many runs of that day (the reconciler), which an hour-then-day order would allow.
CREATE OR REPLACE FUNCTION "execution_rollup_add"(r "executions", sign integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  bucket integer := width_bucket(r."latency_ms" - 1, ARRAY[2,5,10,12,15,18,22,27,33,39,47,56,68,82,100,120,150,180,220,270,330,390,470,560,680,820,1000,1200,1500,1800,2200,2700,3300,3900,4700,5600,6800,8200,10000,12000,15000,18000,22000,27000,33000,39000,47000,56000,68000,82000,100000,120000,150000,180000,220000,270000,330000,390000,470000,560000,680000]::int[]) + 1;
  buckets integer[] := array_fill(0, ARRAY[62]);
BEGIN
  buckets[bucket] := sign;
  INSERT INTO "execution_rollups_daily" AS t ("org_id", "day", "source", "prompt_name", "prompt_version", "model_id", "model",
    "runs", "failed", "cancelled", "interrupted", "input_tokens", "output_tokens", "cost_usd", "latency_ms_sum", "latency_buckets")
  VALUES (r."org_id", date_trunc('day', r."created_at" AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', r."source",
    coalesce(r."prompt_name", ''), coalesce(r."prompt_version", 0),
    coalesce(r."model_id", '00000000-0000-0000-0000-000000000000'), r."model", sign,
    CASE WHEN r."status" = 'failed' THEN sign ELSE 0 END,
    CASE WHEN r."status" = 'cancelled' THEN sign ELSE 0 END,
    CASE WHEN r."status" = 'interrupted' THEN sign ELSE 0 END,
    sign * r."input_tokens", sign * r."output_tokens", sign * r."cost_usd", sign * r."latency_ms", buckets)
  ON CONFLICT ("org_id", "day", "source", "prompt_name", "prompt_version", "model_id", "model") DO UPDATE SET
    "runs" = t."runs" + excluded."runs",
    "failed" = t."failed" + excluded."failed",
    "cancelled" = t."cancelled" + excluded."cancelled",
    "interrupted" = t."interrupted" + excluded."interrupted",
    "input_tokens" = t."input_tokens" + excluded."input_tokens",
    "output_tokens" = t."output_tokens" + excluded."output_tokens",
    "cost_usd" = t."cost_usd" + excluded."cost_usd",
    "latency_ms_sum" = t."latency_ms_sum" + excluded."latency_ms_sum",
    "latency_buckets"[bucket] = t."latency_buckets"[bucket] + sign;
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
    "latency_buckets"[bucket] = t."latency_buckets"[bucket] + sign;
END $$;

import { and, gte, lt, sql, type SQL } from 'drizzle-orm';
import { executionRollupsDaily as daily, executionRollupsHourly as hourly } from './schema.js';
import { tenantFilter } from './tenant.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The columns every rollup row has besides its time (the same names in both tables). */
const COLUMNS = sql.raw(`source, prompt_name, prompt_version, model_id, model, runs, failed, cancelled,
  interrupted, input_tokens, output_tokens, cost_usd, latency_ms_sum, latency_buckets`);

/**
 * The rollup rows of one organization's runs that started in [from, to) (`to` null: no end), as a
 * subquery with the columns of a rollup row plus `t`, the start of the row's hour or day.
 *
 * With `t: 'day'` the whole UTC days inside the range come from the daily rollups and only the
 * hours before the first and after the last whole day from the hourly ones (their `t` is their
 * day): about 24 times fewer rows than hourly rows alone, with the same sums, since the trigger
 * keeps a day's row equal to the sum of its hours. With `t: 'hour'` every row is hourly.
 *
 * `where` narrows the rows further; it names columns unqualified, as it applies to both tables.
 * The rows are those the hourly rollups alone would give for `hour >= from AND hour < to`.
 */
export function rollupRows(
  orgId: string,
  range: { from: Date; to: Date | null },
  opts: { t: 'hour' | 'day'; where?: SQL[] },
): SQL {
  const where = opts.where ?? [];
  const hours = (from: Date, to: Date | null, t: SQL) => {
    const conds = [tenantFilter(hourly, orgId), gte(hourly.hour, from), ...where];
    if (to) conds.push(lt(hourly.hour, to));
    return sql`SELECT ${t} AS t, ${COLUMNS} FROM ${hourly} WHERE ${and(...conds)}`;
  };
  if (opts.t === 'hour') return sql`(${hours(range.from, range.to, sql`${hourly.hour}`)})`;

  const from = range.from.getTime();
  const to = range.to?.getTime() ?? null;
  const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = to === null ? null : Math.floor(to / DAY_MS) * DAY_MS;
  // date_bin on an absolute origin: the same UTC days whatever the session's time zone.
  const dayOfHour = sql`date_bin('1 day', ${hourly.hour}, '1970-01-01T00:00:00Z'::timestamptz)`;
  if (endDay !== null && endDay <= firstDay) return sql`(${hours(range.from, range.to, dayOfHour)})`;

  const parts: SQL[] = [];
  const dayConds = [tenantFilter(daily, orgId), gte(daily.day, new Date(firstDay)), ...where];
  if (endDay !== null) dayConds.push(lt(daily.day, new Date(endDay)));
  parts.push(sql`SELECT ${daily.day} AS t, ${COLUMNS} FROM ${daily} WHERE ${and(...dayConds)}`);
  if (from < firstDay) parts.push(hours(range.from, new Date(firstDay), dayOfHour));
  if (endDay !== null && to! > endDay) parts.push(hours(new Date(endDay), range.to, dayOfHour));
  return sql`(${sql.join(parts, sql` UNION ALL `)})`;
}

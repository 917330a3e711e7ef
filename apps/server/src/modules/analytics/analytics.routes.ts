import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  Analytics,
  AnalyticsQuery,
  OrgParams,
  RegressionList,
  RegressionListQuery,
} from '@promptops/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import * as service from './analytics.service.js';

export function analyticsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['analytics'];
    const access = { access: { permission: 'analytics:read' as const } };

    r.get('/orgs/:orgId/analytics', {
      config: access,
      schema: {
        operationId: 'getAnalytics',
        tags,
        summary:
          'Runs, failures, tokens, cost, latency and evaluation scores over time, from the hourly rollups',
        description:
          '`from` is rounded down and `to` up to whole intervals (UTC). Points are dense: every interval of the range, zeros where nothing ran. With `groupBy`, one series per prompt (key: the name), model (key: the model id, label: its name) or prompt version (key: `<prompt>@<version>`); runs without a prompt have key `""`. At most 20 series: the least-run ones past 19 are summed into the series `(other)`.',
        params: OrgParams,
        querystring: AnalyticsQuery,
        response: { 200: Analytics, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.getAnalytics(app, orgContext(req), req.query),
    });

    r.get('/orgs/:orgId/analytics.csv', {
      config: access,
      schema: {
        operationId: 'exportAnalyticsCsv',
        tags,
        summary:
          'The analytics points as CSV: one row per series and interval (the same query as getAnalytics)',
        params: OrgParams,
        querystring: AnalyticsQuery,
        produces: ['text/csv'],
        response: {
          200: z
            .string()
            .describe(
              'CSV with the header key,label,t,executions,failed,input_tokens,output_tokens,cost_usd,latency_p50_ms,latency_p95_ms,evaluation_score',
            ),
          ...problems(400, 403, 404),
        },
      },
      handler: async (req, reply) => {
        const csv = await service.exportAnalyticsCsv(app, orgContext(req), req.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csv.filename}"`)
          .send(csv.body);
      },
    });

    r.get('/orgs/:orgId/analytics/regressions', {
      config: access,
      schema: {
        operationId: 'listRegressions',
        tags,
        summary: 'Prompt versions found worse than the version before them, newest first',
        params: OrgParams,
        querystring: RegressionListQuery,
        response: { 200: RegressionList, ...problems(400, 403, 404) },
      },
      handler: async (req) => service.listRegressions(app, orgContext(req), req.query),
    });
  };
}

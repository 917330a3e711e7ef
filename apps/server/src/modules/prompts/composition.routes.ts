import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PromptNameParams, PromptUsageList } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import { listUsedBy } from './composition.js';

/** Composition routes; `?resolve=true` on the prompt fetch lives with the other prompt routes. */
export function compositionRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    r.get('/orgs/:orgId/prompts/:name/used-by', {
      config: { access: { permission: 'prompts:read' } },
      schema: {
        operationId: 'listPromptUsages',
        tags: ['prompts'],
        summary: 'Prompts whose newest or labelled versions include this one with {{> name}}',
        params: PromptNameParams,
        response: { 200: PromptUsageList, ...problems(403, 404) },
      },
      handler: async (req) => listUsedBy(app.db, orgContext(req), req.params.name),
    });
  };
}

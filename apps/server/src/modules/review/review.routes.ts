import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  EmptyBody,
  OpenReviewRequest,
  OrgParams,
  OrgReviewParams,
  PromptNameParams,
  Review,
  ReviewCommentRequest,
  ReviewDecisionRequest,
  ReviewList,
  ReviewListQuery,
  ReviewSettings,
  UpdateReviewSettingsRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import * as service from './review.service.js';

export function reviewRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['reviews'];
    // A gate that passes after the last approval merges its review without another click.
    const pending = new Set<Promise<unknown>>();
    const unsubscribe = app.events.subscribe((event) => {
      if (event.type !== 'evaluation.finished' || event.payload.status !== 'succeeded') return;
      const work = service
        .mergeAfterGate(app, event.orgId, event.payload.evaluationId)
        .catch((err: unknown) => app.log.warn({ err }, 'review: merging after the gate passed failed'))
        .finally(() => pending.delete(work));
      pending.add(work);
    });
    r.addHook('onClose', async () => {
      unsubscribe();
      await Promise.all(pending);
    });
    r.get('/orgs/:orgId/settings/review', {
      config: { access: { permission: 'reviews:read' } },
      schema: {
        operationId: 'getReviewSettings',
        tags,
        summary: 'Protected labels, required approvals and the evaluation gate of reviews',
        params: OrgParams,
        response: { 200: ReviewSettings, ...problems(403, 404) },
      },
      handler: async (req) => service.getSettings(app.db, orgContext(req).orgId),
    });
    r.put('/orgs/:orgId/settings/review', {
      config: { access: { permission: 'review-settings:write' } },
      schema: {
        operationId: 'updateReviewSettings',
        tags,
        summary:
          'Set the protected labels (moved only by a merged review), required approvals (1–5) and the gate',
        params: OrgParams,
        body: UpdateReviewSettingsRequest,
        response: { 200: ReviewSettings, ...problems(403, 404) },
      },
      handler: async (req) => service.updateSettings(app, orgContext(req), req.body),
    });
    r.post('/orgs/:orgId/prompts/:name/reviews', {
      config: { access: { permission: 'reviews:write' } },
      schema: {
        operationId: 'openReview',
        tags,
        summary: 'Ask for approval to point a label at a version; the gate evaluation (if set) starts now',
        params: PromptNameParams,
        body: OpenReviewRequest,
        response: { 201: Review, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await service.openReview(app, orgContext(req), req.params.name, req.body)),
    });
    r.get('/orgs/:orgId/reviews', {
      config: { access: { permission: 'reviews:read' } },
      schema: {
        operationId: 'listReviews',
        tags,
        summary: 'Reviews, newest first; filter by status and prompt',
        params: OrgParams,
        querystring: ReviewListQuery,
        response: { 200: ReviewList, ...problems(403, 404) },
      },
      handler: async (req) => service.listReviews(app, orgContext(req), req.query),
    });
    r.get('/orgs/:orgId/reviews/:id', {
      config: { access: { permission: 'reviews:read' } },
      schema: {
        operationId: 'getReview',
        tags,
        summary: 'A review with its approvals, comments, gate and whether it can merge',
        params: OrgReviewParams,
        response: { 200: Review, ...problems(403, 404) },
      },
      handler: async (req) => service.getReview(app, orgContext(req), req.params.id),
    });
    r.post('/orgs/:orgId/reviews/:id/approve', {
      config: { access: { permission: 'reviews:write', usersOnly: true } },
      schema: {
        operationId: 'approveReview',
        tags,
        summary:
          'Approve (not the author, not an API key); the approval that meets the requirement merges: the label moves',
        params: OrgReviewParams,
        body: ReviewDecisionRequest,
        response: { 200: Review, ...problems(403, 404, 409) },
      },
      handler: async (req) => service.approveReview(app, orgContext(req), req.params.id, req.body?.comment),
    });
    r.post('/orgs/:orgId/reviews/:id/reject', {
      config: { access: { permission: 'reviews:write', usersOnly: true } },
      schema: {
        operationId: 'rejectReview',
        tags,
        summary: 'Reject a review (not the author, not an API key)',
        params: OrgReviewParams,
        body: ReviewDecisionRequest,
        response: { 200: Review, ...problems(403, 404, 409) },
      },
      handler: async (req) => service.rejectReview(app, orgContext(req), req.params.id, req.body?.comment),
    });
    r.post('/orgs/:orgId/reviews/:id/comments', {
      config: { access: { permission: 'reviews:write', usersOnly: true } },
      schema: {
        operationId: 'commentOnReview',
        tags,
        summary: 'Add a comment to a review',
        params: OrgReviewParams,
        body: ReviewCommentRequest,
        response: { 201: Review, ...problems(403, 404) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await service.commentOnReview(app, orgContext(req), req.params.id, req.body.body)),
    });
    r.post('/orgs/:orgId/reviews/:id/merge', {
      config: { access: { permission: 'reviews:write' } },
      schema: {
        operationId: 'mergeReview',
        tags,
        summary: 'Merge an approved review whose evaluation gate passed after the last approval',
        params: OrgReviewParams,
        body: EmptyBody,
        response: { 200: Review, ...problems(403, 404, 409) },
      },
      handler: async (req) => service.mergeReview(app, orgContext(req), req.params.id),
    });
    r.post('/orgs/:orgId/reviews/:id/rerequest', {
      config: { access: { permission: 'reviews:write' } },
      schema: {
        operationId: 'rerequestReview',
        tags,
        summary: 'Open a rejected or closed review again; a failed gate runs again',
        params: OrgReviewParams,
        body: EmptyBody,
        response: { 200: Review, ...problems(403, 404, 409) },
      },
      handler: async (req) => service.rerequestReview(app, orgContext(req), req.params.id),
    });
    r.post('/orgs/:orgId/reviews/:id/close', {
      config: { access: { permission: 'reviews:write' } },
      schema: {
        operationId: 'closeReview',
        tags,
        summary: 'Close an open review without merging (its author or an admin)',
        params: OrgReviewParams,
        body: EmptyBody,
        response: { 200: Review, ...problems(403, 404, 409) },
      },
      handler: async (req) => service.closeReview(app, orgContext(req), req.params.id),
    });
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitationResponse,
  AddMemberRequest,
  AddMemberResponse,
  CreateOrganizationRequest,
  EmptyBody,
  InvitationParams,
  Member,
  MemberList,
  MemberParams,
  OrgParams,
  Organization,
  PendingInvitationList,
  PendingInvitationParams,
  PasswordResetLink,
  UpdateMemberRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext, requestMeta, userId } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
import { issuePasswordResetLink } from '../auth/account-recovery.service.js';

/** The answer is in the path; a body, if any, must be empty. */
const NoBody = z.object({}).strict().nullish();
import * as service from './orgs.service.js';

export function orgsRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['organizations'];
    r.post('/orgs', {
      config: { access: { user: true } },
      schema: {
        operationId: 'createOrganization',
        tags,
        summary: 'Create an organization (you become its admin)',
        body: CreateOrganizationRequest,
        response: { 201: Organization, ...problems(403) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await service.createOrganization(app.db, requestMeta(req), userId(req), req.body.name)),
    });
    r.get('/orgs/:orgId/members', {
      config: { access: { permission: 'members:read' } },
      schema: {
        operationId: 'listMembers',
        tags,
        summary: 'Members and pending invitations',
        params: OrgParams,
        response: { 200: MemberList, ...problems(403, 404) },
      },
      handler: async (req) => service.listMembers(app.db, orgContext(req)),
    });
    r.post('/orgs/:orgId/members', {
      config: { access: { permission: 'members:write' } },
      schema: {
        operationId: 'addMember',
        tags,
        summary:
          'Invite someone by email: always a pending invitation (a user with an account accepts it from GET /me/invitations; someone new signs up with the token)',
        params: OrgParams,
        body: AddMemberRequest,
        response: { 201: AddMemberResponse, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply
          .status(201)
          .send(await service.addMember(app.db, orgContext(req), req.body.email, req.body.role)),
    });
    r.patch('/orgs/:orgId/members/:userId', {
      config: { access: { permission: 'members:write' } },
      schema: {
        operationId: 'updateMember',
        tags,
        summary: "Change a member's role",
        params: MemberParams,
        body: UpdateMemberRequest,
        response: { 200: Member, ...problems(403, 404, 409) },
      },
      handler: async (req) =>
        service.changeMemberRole(app, orgContext(req), req.params.userId, req.body.role),
    });
    r.delete('/orgs/:orgId/members/:userId', {
      // Any member may remove themselves (leave); removing others needs members:write.
      config: { access: { permission: 'members:write', orSelf: 'userId' } },
      schema: {
        operationId: 'removeMember',
        tags,
        summary:
          'Remove a member, or leave the organization (your own user id; any role). The last admin can do neither; API keys the member created are revoked',
        params: MemberParams,
        response: { 204: NoContent, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) => {
        await service.removeMember(app, orgContext(req), req.params.userId);
        return reply.status(204).send(null);
      },
    });
    r.get('/me/invitations', {
      config: { access: { user: true } },
      schema: {
        tags,
        operationId: 'listMyInvitations',
        summary: 'Invitations addressed to your email, waiting for you to accept or decline',
        response: { 200: PendingInvitationList, ...problems(403) },
      },
      handler: async (req) => service.listPendingInvitations(app.db, userId(req)),
    });
    r.post('/me/invitations/:invitationId/accept', {
      config: { access: { user: true } },
      schema: {
        tags,
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation: you become a member with the invited role',
        params: PendingInvitationParams,
        body: NoBody,
        response: { 200: AcceptInvitationResponse, ...problems(403, 404, 409) },
      },
      handler: async (req) =>
        service.acceptInvitation(app.db, requestMeta(req), userId(req), req.params.invitationId),
    });
    r.post('/me/invitations/:invitationId/decline', {
      config: { access: { user: true } },
      schema: {
        tags,
        operationId: 'declineInvitation',
        summary: 'Decline an invitation',
        params: PendingInvitationParams,
        body: NoBody,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.declineInvitation(app.db, requestMeta(req), userId(req), req.params.invitationId);
        return reply.status(204).send(null);
      },
    });
    r.post('/orgs/:orgId/members/:userId/password-reset-link', {
      // A reset link hands over an account: only a signed-in admin, never an API key.
      config: { access: { permission: 'members:write', usersOnly: true } },
      schema: {
        operationId: 'createPasswordResetLink',
        tags,
        summary: 'Issue a one-time password reset link for a member (shown once)',
        description:
          'For servers without email. Allowed only to an admin of every organization the member belongs to; audited.',
        params: MemberParams,
        body: EmptyBody,
        response: { 201: PasswordResetLink, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await issuePasswordResetLink(app, orgContext(req), req.params.userId)),
    });
    r.delete('/orgs/:orgId/invitations/:invitationId', {
      config: { access: { permission: 'members:write' } },
      schema: {
        operationId: 'revokeInvitation',
        tags,
        summary: 'Revoke a pending invitation',
        params: InvitationParams,
        response: { 204: NoContent, ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        await service.revokeInvitation(app.db, orgContext(req), req.params.invitationId);
        return reply.status(204).send(null);
      },
    });
  };
}

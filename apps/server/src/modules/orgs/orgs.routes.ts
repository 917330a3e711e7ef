import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddMemberRequest,
  AddMemberResponse,
  CreateOrganizationRequest,
  InvitationParams,
  Member,
  MemberList,
  MemberParams,
  OrgParams,
  Organization,
  UpdateMemberRequest,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext, requestMeta, userId } from '../../platform/http/access.js';
import { NoContent, problems } from '../../platform/http/responses.js';
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
        summary: 'Add a member by email, or invite them when they have no account',
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
        service.changeMemberRole(app.db, orgContext(req), req.params.userId, req.body.role),
    });
    r.delete('/orgs/:orgId/members/:userId', {
      config: { access: { permission: 'members:write' } },
      schema: {
        operationId: 'removeMember',
        tags,
        summary: 'Remove a member',
        params: MemberParams,
        response: { 204: NoContent, ...problems(403, 404, 409) },
      },
      handler: async (req, reply) => {
        await service.removeMember(app.db, orgContext(req), req.params.userId);
        return reply.status(204).send(null);
      },
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

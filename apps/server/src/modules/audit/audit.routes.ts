import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AuditPage,
  AuditQuery,
  AuditCheckpoint,
  AuditVerifyQuery,
  AuditVerifyResponse,
  OrgParams,
} from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import { orgContext } from '../../platform/http/access.js';
import { problems } from '../../platform/http/responses.js';
import * as service from './audit.service.js';

export function auditRoutes(app: AppContext): FastifyPluginAsyncZod {
  return async (r) => {
    const tags = ['audit'];
    r.get('/orgs/:orgId/audit-logs', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        operationId: 'listAuditEvents',
        tags,
        summary: 'Audit events, newest first, with cursor pagination',
        params: OrgParams,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problems(403, 404) },
      },
      handler: async (req) => service.listAudit(app.db, orgContext(req).orgId, req.query),
    });
    r.get('/orgs/:orgId/audit-logs/export.csv', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        operationId: 'exportAuditEvents',
        tags,
        summary: 'The filtered audit log as CSV',
        params: OrgParams,
        querystring: AuditQuery.omit({ cursor: true, limit: true }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV, one event per row'), ...problems(403, 404) },
      },
      handler: async (req, reply) => {
        const ctx = orgContext(req);
        const stamp = new Date().toISOString().slice(0, 10);
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="audit-${stamp}.csv"`)
            // A stream bypasses the serializer; the schema above documents what it yields.
            .send(Readable.from(service.exportAuditCsv(app.db, ctx.orgId, req.query)) as unknown as string)
        );
      },
    });
    r.get('/orgs/:orgId/audit-logs/verify', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        operationId: 'verifyAuditChain',
        tags,
        summary:
          'Recompute the hash chain, report the first broken event and compare the head with the signed checkpoint (and with an exported one, when given)',
        params: OrgParams,
        querystring: AuditVerifyQuery,
        response: { 200: AuditVerifyResponse, ...problems(403, 404) },
      },
      handler: async (req) =>
        service.verifyAuditChain(
          app.db,
          orgContext(req).orgId,
          req.query.seq !== undefined && req.query.headHash !== undefined
            ? { seq: req.query.seq, hash: req.query.headHash }
            : undefined,
        ),
    });
    r.get('/orgs/:orgId/audit-logs/checkpoint', {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags,
        operationId: 'getAuditCheckpoint',
        summary:
          "The chain's signed checkpoint (count and head hash), to keep off-site for later verification",
        params: OrgParams,
        response: { 200: AuditCheckpoint, ...problems(403, 404) },
      },
      handler: async (req) => service.exportCheckpoint(app.db, orgContext(req).orgId),
    });
  };
}

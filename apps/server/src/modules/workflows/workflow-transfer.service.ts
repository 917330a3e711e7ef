import type { z } from 'zod';
import type { ImportWorkflowRequest, Workflow, WorkflowExport, WorkflowVersion } from '@promptops/contracts';
import type { AppContext } from '../../platform/app-context.js';
import type { OrgContext } from '../../platform/context.js';
import { exportLangGraphProject, readExportedWorkflow } from './export/index.js';
import * as repo from './workflows.repository.js';
import { createVersion, createWorkflow, getWorkflow } from './workflows.service.js';

/** One version as a runnable LangGraph.js project whose prompt nodes call this organization's API. */
export async function exportWorkflow(
  app: AppContext,
  ctx: OrgContext,
  name: string,
  version: number | undefined,
): Promise<z.output<typeof WorkflowExport>> {
  const found = await getWorkflow(app, ctx, name, { version });
  return {
    files: exportLangGraphProject({
      name: found.workflow.name,
      version: found.version.version,
      graph: found.version.graph,
      orgId: ctx.orgId,
    }),
  };
}

/**
 * Reads an exported project back (any export format this server knows) and saves its graph: a
 * new workflow, or the next version of the one with that name. The graph is validated like any
 * other save, against this organization's prompts and models.
 */
export async function importWorkflow(
  app: AppContext,
  ctx: OrgContext,
  req: z.output<typeof ImportWorkflowRequest>,
): Promise<{ workflow: Workflow; version: WorkflowVersion }> {
  const exported = readExportedWorkflow(req.files);
  const name = req.name ?? exported.name;
  const message = `Imported from an export of ${exported.name} version ${exported.version}`;
  if (!(await repo.findWorkflow(app.db, ctx.orgId, name)))
    return createWorkflow(app, ctx, { name, graph: exported.graph, message });
  const version = await createVersion(app, ctx, name, { graph: exported.graph, message });
  return getWorkflow(app, ctx, name, { version: version.version });
}

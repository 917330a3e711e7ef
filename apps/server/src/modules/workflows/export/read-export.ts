import { WORKFLOW_EXPORT_FORMAT, WorkflowGraph, WorkflowName } from '@promptops/contracts';
import { z } from 'zod';
import { validationFailed } from '../../../platform/errors.js';
import { EXPORTED_WORKFLOW_FILE } from './export-project.js';

const FIELD = `files.${EXPORTED_WORKFLOW_FILE}`;

const ExportedWorkflow = z.object({
  name: WorkflowName,
  version: z.number().int().min(1),
  graph: WorkflowGraph,
});
export type ExportedWorkflow = z.infer<typeof ExportedWorkflow>;

/**
 * Upgrades of the file from one format to the next: `MIGRATIONS[n]` turns format n into n + 1.
 * Format 1 is the first, so there are none yet; a change of the file's shape bumps
 * WORKFLOW_EXPORT_FORMAT and adds the step from the previous format here, so every older export
 * still imports.
 */
const MIGRATIONS: Readonly<Record<number, (document: Record<string, unknown>) => Record<string, unknown>>> =
  {};
const OLDEST_FORMAT = 1;

const invalid = (message: string) => validationFailed([{ path: FIELD, message }]);

/** An exported project's workflow: `{name, version, graph}` from its promptops-workflow.json. */
export function readExportedWorkflow(files: Readonly<Record<string, string>>): ExportedWorkflow {
  const text = Object.hasOwn(files, EXPORTED_WORKFLOW_FILE) ? files[EXPORTED_WORKFLOW_FILE] : undefined;
  if (text === undefined)
    throw invalid(`missing: an exported project holds the workflow in ${EXPORTED_WORKFLOW_FILE}`);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw invalid(`not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw invalid('must be a JSON object');
  let current = document as Record<string, unknown>;
  const format = current.format;
  if (typeof format !== 'number' || !Number.isInteger(format))
    throw invalid('format: missing; this file was not written by a PromptOps export');
  if (format > WORKFLOW_EXPORT_FORMAT)
    throw invalid(
      `format ${format} is newer than this server reads (up to ${WORKFLOW_EXPORT_FORMAT}): upgrade PromptOps to import it`,
    );
  if (format < OLDEST_FORMAT) throw invalid(`format ${format} is not a PromptOps export format`);
  for (let f = format; f < WORKFLOW_EXPORT_FORMAT; f++) {
    const migrate = MIGRATIONS[f];
    if (!migrate) throw new Error(`No migration of workflow exports from format ${f}`);
    current = migrate(current);
  }
  const parsed = ExportedWorkflow.safeParse(current);
  if (!parsed.success)
    throw validationFailed(
      parsed.error.issues.map((i) => ({
        path: FIELD,
        message: `${i.path.join('.') || '(file)'}: ${i.message}`,
      })),
    );
  return parsed.data;
}

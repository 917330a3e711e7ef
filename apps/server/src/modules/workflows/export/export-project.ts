import {
  VersionNumber,
  WORKFLOW_EXPORT_FORMAT,
  WorkflowName,
  type WorkflowGraph,
} from '@promptops/contracts';
import { validationFailed, type FieldError } from '../../../platform/errors.js';
import { canonicalGraph } from './canonical-json.js';
import { planGraph } from './graph-plan.js';
import { generateGraphSource } from './graph-source.js';
import { PROJECT_MAIN_SOURCE } from './project-main.js';
import { envExample, langgraphJson, packageJson, readme, TSCONFIG_JSON } from './project-files.js';
import { PROJECT_RUNTIME_SOURCE } from './runtime-source.generated.js';

/** The file an import reads back; the rest of the project is generated from it. */
export const EXPORTED_WORKFLOW_FILE = 'promptops-workflow.json';

export interface ExportLangGraphProjectInput {
  name: string;
  version: number;
  graph: WorkflowGraph;
  /** The organization whose prompts the prompt nodes run (PROMPTOPS_ORG_ID overrides it). */
  orgId: string;
}

/**
 * A stored workflow version as a standalone LangGraph.js project: path → file content. The same
 * graph always gives the same files. Throws a validation error (400) for a graph that cannot be
 * turned into code, naming the field.
 */
export function exportLangGraphProject(input: ExportLangGraphProjectInput): Record<string, string> {
  const { name, version, orgId } = input;
  // The name and organization id are written into README.md and .env.example as they are.
  const errors: FieldError[] = [];
  if (!WorkflowName.safeParse(name).success) errors.push({ path: 'name', message: 'not a workflow name' });
  if (!VersionNumber.safeParse(version).success)
    errors.push({ path: 'version', message: 'not a version number' });
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(orgId))
    errors.push({ path: 'orgId', message: 'not an organization id' });
  if (errors.length) throw validationFailed(errors);
  const plan = planGraph(input.graph);
  const document = { format: WORKFLOW_EXPORT_FORMAT, name, version, graph: canonicalGraph(input.graph) };
  return {
    '.env.example': envExample(orgId),
    'README.md': readme(name, version),
    'langgraph.json': langgraphJson(name),
    'package.json': packageJson(name, version),
    [EXPORTED_WORKFLOW_FILE]: `${JSON.stringify(document, null, 2)}\n`,
    'src/graph.ts': generateGraphSource({ name, version, orgId, plan }),
    'src/main.ts': PROJECT_MAIN_SOURCE,
    'src/runtime.ts': PROJECT_RUNTIME_SOURCE,
    'tsconfig.json': TSCONFIG_JSON,
  };
}

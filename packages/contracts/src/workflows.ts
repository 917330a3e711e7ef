import { z } from 'zod';
import { Id, MAX_INT32, Timestamp, VersionNumber } from './common.js';
import { LabelName, PromptName } from './prompts.js';

/**
 * Workflows: a stored JSON graph of typed nodes, compiled to a LangGraph StateGraph and run as a
 * durable job. The graph format, node types, error codes and run events are fixed by the contract.
 */

/** Largest graph a version may hold. */
export const MAX_WORKFLOW_NODES = 500;
export const MAX_WORKFLOW_EDGES = 2_000;
/** Upper bound of a loop's `maxIterations`. */
export const MAX_LOOP_ITERATIONS = 100;

export const WORKFLOW_NODE_TYPES = [
  'start',
  'prompt',
  'condition',
  'loop',
  'parallel',
  'join',
  'human',
  'tool',
  'end',
] as const;
export const WorkflowNodeType = z.enum(WORKFLOW_NODE_TYPES);
export type WorkflowNodeType = z.infer<typeof WorkflowNodeType>;

export const WorkflowName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/,
    'letters, digits, . _ - and / between folder segments',
  );

/** Node and edge ids: what CEL expressions and templates name (`{{classify.output}}`). */
export const GraphId = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'a letter or _ then letters, digits or _ (used as a name in expressions)',
  );

// --- Node data, one schema per type (checked by validation, which names the node at fault) ---

export const StartNodeData = z.object({ inputs: z.array(z.string().min(1).max(100)).max(100).optional() });
export const PromptNodeData = z.object({
  prompt: z
    .object({
      name: PromptName,
      version: VersionNumber.optional(),
      label: LabelName.optional(),
    })
    .refine((p) => p.version === undefined || p.label === undefined, 'Give a version or a label, not both'),
  modelId: Id.optional().describe("The model to call; default: the prompt version's model"),
  variables: z
    .record(z.string(), z.string().max(100_000))
    .default({})
    .describe('Template per prompt variable'),
});
export const ConditionBranch = z.object({ id: GraphId, when: z.string().min(1).max(4_000) });
export const ConditionNodeData = z.object({ branches: z.array(ConditionBranch).min(1).max(20) });
export const LoopNodeData = z.object({
  maxIterations: z.number().int().min(1).max(MAX_LOOP_ITERATIONS),
  until: z.string().min(1).max(4_000),
});
export const EmptyNodeData = z.object({});
export const HumanNodeData = z.object({ message: z.string().min(1).max(10_000) });
export const HttpToolData = z.object({
  kind: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  url: z.string().min(1).max(4_000).describe('Template'),
  headers: z.record(z.string(), z.string().max(4_000)).optional().describe('Templates'),
  body: z.string().max(100_000).optional().describe('Template'),
  timeoutMs: z.number().int().min(100).max(60_000).optional(),
});
export const CodeToolData = z.object({
  kind: z.literal('code'),
  code: z
    .string()
    .min(1)
    .max(100_000)
    .describe('JavaScript defining `function run(state)`; its return value is the output'),
  timeoutMs: z.number().int().min(10).max(10_000).optional(),
});
export const ToolNodeData = z.discriminatedUnion('kind', [HttpToolData, CodeToolData]);
export const EndNodeData = z.object({ output: z.string().max(100_000) });

/** The data schema of each node type. */
export const NODE_DATA_SCHEMAS = {
  start: StartNodeData,
  prompt: PromptNodeData,
  condition: ConditionNodeData,
  loop: LoopNodeData,
  parallel: EmptyNodeData,
  join: EmptyNodeData,
  human: HumanNodeData,
  tool: ToolNodeData,
  end: EndNodeData,
} as const satisfies Record<WorkflowNodeType, z.ZodType>;

// The graph is parsed loosely (any type string, any data object) so that a graph with a mistake
// still reaches validation and comes back with node-level errors instead of a bare 400.
export const WorkflowNode = z.object({
  id: GraphId,
  type: z.string().min(1).max(50),
  position: z.object({ x: z.number(), y: z.number() }).optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type WorkflowNode = z.infer<typeof WorkflowNode>;

export const WorkflowEdge = z.object({
  id: z.string().min(1).max(100),
  source: z.string().min(1).max(64),
  target: z.string().min(1).max(64),
  sourceHandle: z.string().max(64).nullish(),
});
export type WorkflowEdge = z.infer<typeof WorkflowEdge>;

export const WorkflowGraph = z
  .object({
    nodes: z.array(WorkflowNode).max(MAX_WORKFLOW_NODES),
    edges: z.array(WorkflowEdge).max(MAX_WORKFLOW_EDGES),
  })
  .meta({ id: 'WorkflowGraph' });
export type WorkflowGraph = z.infer<typeof WorkflowGraph>;

export const WORKFLOW_ERROR_CODES = [
  'no-start',
  'no-end',
  'unreachable',
  'dangling-edge',
  'cycle-without-loop',
  'bad-expression',
  'unknown-prompt',
  'unknown-model',
  'missing-branch',
  'unknown-type',
  'duplicate-id',
  'bad-data',
  'bad-template',
  'bad-edge',
  'dead-end',
] as const;
export const WorkflowErrorCode = z.enum(WORKFLOW_ERROR_CODES);
export type WorkflowErrorCode = z.infer<typeof WorkflowErrorCode>;

export const WorkflowGraphError = z.object({
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  code: WorkflowErrorCode,
  message: z.string(),
  field: z.string().optional().describe("The path inside the node's data, e.g. `branches.0.when`"),
});
export type WorkflowGraphError = z.infer<typeof WorkflowGraphError>;

export const ValidateWorkflowRequest = z.object({ graph: WorkflowGraph });
export const WorkflowValidation = z
  .object({ valid: z.boolean(), errors: z.array(WorkflowGraphError) })
  .meta({ id: 'WorkflowValidation' });
export type WorkflowValidation = z.infer<typeof WorkflowValidation>;

// --- Workflows and versions ---

export const Workflow = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string().nullable(),
    latestVersion: z.number().int(),
    labels: z.record(z.string(), z.number().int()).describe('Label → version'),
    nodeCount: z.number().int().describe('Nodes in the latest version'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Workflow' });
export type Workflow = z.infer<typeof Workflow>;

export const WorkflowVersion = z
  .object({
    id: Id,
    workflowId: Id,
    name: z.string(),
    version: z.number().int(),
    graph: WorkflowGraph,
    message: z.string().nullable(),
    labels: z.array(z.string()),
    createdAt: Timestamp,
    createdBy: z.object({ type: z.string(), id: z.string().nullable() }),
  })
  .meta({ id: 'WorkflowVersion' });
export type WorkflowVersion = z.infer<typeof WorkflowVersion>;

export const CreateWorkflowRequest = z.object({
  name: WorkflowName,
  description: z.string().max(2_000).nullish(),
  graph: WorkflowGraph,
  message: z.string().max(2_000).nullish(),
});
export type CreateWorkflowRequest = z.input<typeof CreateWorkflowRequest>;

export const CreateWorkflowVersionRequest = z.object({
  graph: WorkflowGraph,
  message: z.string().max(2_000).nullish(),
});
export type CreateWorkflowVersionRequest = z.input<typeof CreateWorkflowVersionRequest>;

export const WorkflowParams = z.object({ orgId: Id, name: WorkflowName });
export const WorkflowLabelParams = z.object({ orgId: Id, name: WorkflowName, label: LabelName });
export const WorkflowVersionQuery = z.object({
  version: z.coerce.number().int().min(1).max(MAX_INT32).optional(),
  label: LabelName.optional(),
});
export const SetWorkflowLabelRequest = z.object({ version: VersionNumber });

export const WorkflowResponse = z.object({ workflow: Workflow, version: WorkflowVersion });
export const WorkflowVersionResponse = z.object({ version: WorkflowVersion });
export const WorkflowList = z.object({ items: z.array(Workflow), nextCursor: z.string().nullable() });
export const WorkflowListQuery = z.object({
  search: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const WorkflowVersionList = z.object({
  items: z.array(WorkflowVersion.omit({ graph: true }).extend({ nodeCount: z.number().int() })),
  nextCursor: z.string().nullable(),
});

// --- Version diff ---

export const WorkflowDiffQuery = z.object({
  from: z.coerce.number().int().min(1).max(MAX_INT32),
  to: z.coerce.number().int().min(1).max(MAX_INT32),
});

export const WorkflowFieldChange = z.object({
  field: z.string().describe("A top-level key of the node's data"),
  before: z.unknown().describe('The old value; null when the field is new'),
  after: z.unknown().describe('The new value; null when the field is gone'),
});
export type WorkflowFieldChange = z.infer<typeof WorkflowFieldChange>;

export const WorkflowNodeChange = z.object({
  id: z.string(),
  type: z.string().describe('The type in the newer version'),
  typeBefore: z.string().nullable().describe('The old type when it changed; null when it did not'),
  fields: z.array(WorkflowFieldChange),
});
export type WorkflowNodeChange = z.infer<typeof WorkflowNodeChange>;

const Position = z.object({ x: z.number(), y: z.number() });
export const WorkflowNodeMove = z.object({
  id: z.string(),
  before: Position.nullable(),
  after: Position.nullable(),
});
export type WorkflowNodeMove = z.infer<typeof WorkflowNodeMove>;

export const WorkflowGraphDiff = z
  .object({
    nodes: z.object({
      added: z.array(WorkflowNode),
      removed: z.array(WorkflowNode),
      changed: z.array(WorkflowNodeChange).describe('Type or data changes; a move alone is not a change'),
      moved: z.array(WorkflowNodeMove).describe('Nodes on both sides whose canvas position changed'),
    }),
    edges: z
      .object({ added: z.array(WorkflowEdge), removed: z.array(WorkflowEdge) })
      .describe('Edges are matched by source, target and sourceHandle; their ids are not compared'),
  })
  .meta({ id: 'WorkflowGraphDiff' });
export type WorkflowGraphDiff = z.infer<typeof WorkflowGraphDiff>;

export const WorkflowVersionDiff = z
  .object({
    name: z.string(),
    from: z.number().int(),
    to: z.number().int(),
    diff: WorkflowGraphDiff,
  })
  .meta({ id: 'WorkflowVersionDiff' });
export type WorkflowVersionDiff = z.infer<typeof WorkflowVersionDiff>;

// --- Runs ---

export const WorkflowRunStatus = z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']);
export type WorkflowRunStatus = z.infer<typeof WorkflowRunStatus>;
export const WorkflowStepStatus = z.enum(['running', 'succeeded', 'failed', 'waiting', 'skipped']);
export type WorkflowStepStatus = z.infer<typeof WorkflowStepStatus>;

export const WorkflowUsage = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() });

export const WorkflowStep = z.object({
  nodeId: z.string(),
  nodeType: z.string(),
  iteration: z.number().int().describe('1 for the first visit of the node; more when a loop runs it again'),
  status: WorkflowStepStatus,
  output: z.unknown().nullable(),
  error: z.string().nullable(),
  usage: WorkflowUsage.nullable(),
  costUsd: z.string().describe('Exact decimal USD'),
  executionId: Id.nullable().describe('The recorded LLM call of a prompt node'),
  startedAt: Timestamp,
  endedAt: Timestamp.nullable(),
});
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const WorkflowDecision = z.object({
  approved: z.boolean(),
  comment: z.string().max(10_000).optional(),
  value: z.unknown().optional(),
});
export type WorkflowDecision = z.infer<typeof WorkflowDecision>;

export const WorkflowRun = z
  .object({
    id: Id,
    workflowId: Id,
    workflowName: z.string(),
    version: z.number().int(),
    status: WorkflowRunStatus,
    input: z.record(z.string(), z.unknown()),
    output: z.unknown().nullable(),
    error: z.string().nullable(),
    waiting: z
      .object({ nodeId: z.string(), message: z.string() })
      .nullable()
      .describe('The human node the run waits at'),
    steps: z.array(WorkflowStep),
    costUsd: z.string(),
    usage: WorkflowUsage,
    createdAt: Timestamp,
    endedAt: Timestamp.nullable(),
    createdBy: z.object({ type: z.string(), id: z.string().nullable() }),
  })
  .meta({ id: 'WorkflowRun' });
export type WorkflowRun = z.infer<typeof WorkflowRun>;

export const RunWorkflowRequest = z
  .object({
    version: VersionNumber.optional(),
    label: LabelName.optional(),
    input: z.record(z.string(), z.unknown()).default({}),
    stream: z.boolean().default(false),
  })
  .refine((v) => v.version === undefined || v.label === undefined, {
    message: 'Give a version or a label, not both',
    path: ['label'],
  });
export type RunWorkflowRequest = z.input<typeof RunWorkflowRequest>;

export const WorkflowRunResponse = z.object({ run: WorkflowRun });
export const WorkflowRunParams = z.object({ orgId: Id, id: Id });
export const WorkflowRunListQuery = z.object({
  workflowName: WorkflowName.optional(),
  status: WorkflowRunStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const WorkflowRunSummary = WorkflowRun.omit({ steps: true, input: true, output: true });
export const WorkflowRunList = z.object({
  items: z.array(WorkflowRunSummary),
  nextCursor: z.string().nullable(),
});

export const ResumeWorkflowRunRequest = z.object({ decision: WorkflowDecision });

/** Server-sent events of a streamed run (`POST …/runs` with `stream: true`). */
export interface WorkflowRunEvents {
  'node-start': { nodeId: string; nodeType: string; iteration: number };
  'node-end': {
    nodeId: string;
    nodeType: string;
    iteration: number;
    status: WorkflowStepStatus;
    output: unknown;
    error?: string | undefined;
    usage?: z.infer<typeof WorkflowUsage> | undefined;
    costUsd?: string | undefined;
  };
  interrupt: { nodeId: string; message: string };
  done: { run: WorkflowRun };
  error: { problem: { title: string; status: number; detail?: string } };
}

// --- Export and import ---

/** The format version written into every export; imports accept this one and older ones. */
export const WORKFLOW_EXPORT_FORMAT = 1;

export const WorkflowExportQuery = z.object({
  format: z.literal('langgraph').default('langgraph'),
  version: z.coerce.number().int().min(1).max(MAX_INT32).optional(),
});
export const WorkflowExport = z.object({
  files: z.record(z.string(), z.string()).describe('Path → file content of a runnable LangGraph.js project'),
});
export const ImportWorkflowRequest = z.object({
  name: WorkflowName.optional().describe("Default: the exported workflow's name"),
  files: z.record(z.string(), z.string().max(5_000_000)),
});

// --- Settings ---

/** A host name, or `*.` followed by a domain to allow its subdomains. */
export const AllowedHost = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(
    /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/,
    'a host name like api.example.com or *.example.com',
  );

export const WorkflowSettings = z
  .object({
    httpAllowedHosts: z
      .array(AllowedHost)
      .max(200)
      .describe('Hosts HTTP tool nodes may call; none by default. The egress policy applies on top.'),
  })
  .meta({ id: 'WorkflowSettings' });
export type WorkflowSettings = z.infer<typeof WorkflowSettings>;
export const WorkflowSettingsResponse = z.object({ settings: WorkflowSettings });

export const WorkflowTemplate = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  graph: WorkflowGraph,
  prompts: z
    .array(z.object({ name: z.string(), template: z.string() }))
    .describe('Starter prompts the graph names; the UI creates those an organization does not have yet'),
});
export type WorkflowTemplate = z.infer<typeof WorkflowTemplate>;
export const WorkflowTemplateList = z.object({ items: z.array(WorkflowTemplate) });

/**
 * The runtime of a workflow exported from PromptOps as a LangGraph.js project (its src/runtime.ts):
 * templates, CEL expressions, prompt calls through the PromptOps API and the HTTP and code tools.
 * The generated src/graph.ts wires these into a StateGraph. The rules are those of PromptOps'
 * own workflow engine, so an exported run gives the same output as a run in PromptOps.
 *
 * This file is copied into the project as it is: it imports nothing but Node and @bufbuild/cel.
 */
import vm from 'node:vm';
import { isCelError, isCelList, isCelMap, isCelUint, run as runCel } from '@bufbuild/cel';

/** `input` (the run's input) and, for every node that has run, `<nodeId>` = its output. */
export type WorkflowState = Record<string, unknown>;

/** Why a node failed; the message names the node. */
export class NodeFailure extends Error {
  constructor(
    readonly nodeId: string,
    message: string,
  ) {
    super(`Node "${nodeId}": ${message}`);
    this.name = 'NodeFailure';
  }
}

// --- Templates ---

/**
 * The prompt template syntax with dotted paths: `{{input.question}}`, `{{classify.output}}`;
 * `\{{` is a literal `{{`, `\\{{x}}` a backslash then the value, `{{{x}}}` the value in braces,
 * and anything else between double braces stays literal text.
 */
const TEMPLATE_TOKEN = /\\\\(?=\{\{)|\\\{\{|\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\s*\}\}/g;

/** Errors thrown inside a `node:vm` context are of another realm: not `instanceof Error`. */
function errorMessage(err: unknown): string {
  if (err !== null && typeof err === 'object' && 'message' in err) return String(err.message);
  return String(err);
}

const own = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/** The value at a dotted path of the state; undefined when any step is missing. */
export function resolvePath(state: WorkflowState, path: string): unknown {
  let value: unknown = state;
  for (const key of path.split('.')) {
    // Own properties only: `{{input.constructor}}` must not reach Object's prototype.
    if (value === null || typeof value !== 'object' || !own(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A string is inserted as it is, any other value as JSON. A path that does not resolve fails the node. */
export function renderTemplate(
  template: string,
  state: WorkflowState,
  nodeId: string,
  field: string,
): string {
  if (!template.includes('{{')) return template;
  return template.replace(TEMPLATE_TOKEN, (token: string, path: string | undefined) => {
    if (path === undefined) return token === '\\\\' ? '\\' : '{{';
    const value = resolvePath(state, path);
    if (value === undefined) throw new NodeFailure(nodeId, `${field}: {{${path}}} does not resolve`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

// --- Expressions ---

/** The CEL variables: `input` and every node that has run. */
function celBindings(state: WorkflowState): Record<string, unknown> {
  const bindings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) if (value !== undefined) bindings[key] = value;
  return bindings;
}

function celTypeName(value: unknown): string {
  if (value === null) return 'null_type';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (value instanceof Uint8Array) return 'bytes';
  if (isCelUint(value)) return 'uint';
  if (isCelList(value) || Array.isArray(value)) return 'list';
  if (isCelMap(value)) return 'map';
  return typeof value;
}

/** Evaluates a CEL expression over the state; it must return a bool. */
export function evaluateCondition(
  expression: string,
  state: WorkflowState,
  nodeId: string,
  field: string,
): boolean {
  let result: unknown;
  try {
    result = runCel(expression, celBindings(state) as Parameters<typeof runCel>[1]);
  } catch (err) {
    throw new NodeFailure(nodeId, `${field}: ${errorMessage(err)}`);
  }
  if (isCelError(result)) throw new NodeFailure(nodeId, `${field}: ${result.message}`);
  if (typeof result !== 'boolean')
    throw new NodeFailure(nodeId, `${field}: expression returned ${celTypeName(result)}, not a bool`);
  return result;
}

// --- Condition, loop and human nodes ---

export interface ConditionBranch {
  id: string;
  when: string;
}

/** The first branch whose `when` holds, else `else`; with no `else` edge the run fails. */
export function chooseBranch(
  state: WorkflowState,
  nodeId: string,
  branches: readonly ConditionBranch[],
  hasElse: boolean,
): { branch: string } {
  for (const [i, b] of branches.entries()) {
    if (evaluateCondition(b.when, state, nodeId, `branches.${i}.when`)) return { branch: b.id };
  }
  if (!hasElse) throw new NodeFailure(nodeId, 'no branch matched');
  return { branch: 'else' };
}

export interface LoopSettings {
  until: string;
  maxIterations: number;
}

/**
 * A loop node entered back from its body (do-while): done when `until` holds or the body has run
 * maxIterations times (the iteration stays as it is); otherwise the next iteration.
 */
export function repeatLoop(
  state: WorkflowState,
  nodeId: string,
  loop: LoopSettings,
): { iteration: number; done: boolean } {
  const current = state[nodeId] as { iteration?: unknown } | undefined;
  const iteration = typeof current?.iteration === 'number' ? current.iteration : 1;
  if (evaluateCondition(loop.until, state, nodeId, 'until') || iteration >= loop.maxIterations) {
    return { iteration, done: true };
  }
  return { iteration: iteration + 1, done: false };
}

export interface HumanDecision {
  approved: boolean;
  comment?: string;
  value?: unknown;
}

/** The decision a human node was resumed with: `{approved: boolean, comment?, value?}`. */
export function checkDecision(nodeId: string, resumed: unknown): HumanDecision {
  const d = resumed as Partial<Record<keyof HumanDecision, unknown>> | null;
  if (d === null || typeof d !== 'object' || typeof d.approved !== 'boolean')
    throw new NodeFailure(nodeId, 'resume with a decision {"approved": true|false, "comment"?, "value"?}');
  if (d.comment !== undefined && typeof d.comment !== 'string')
    throw new NodeFailure(nodeId, 'the decision comment must be a string');
  return {
    approved: d.approved,
    ...(d.comment !== undefined ? { comment: d.comment } : {}),
    ...(d.value !== undefined ? { value: d.value } : {}),
  };
}

// --- Prompt nodes: one run of a stored prompt through the PromptOps API ---

export interface PromptNodeSettings {
  prompt: { name: string; version?: number; label?: string };
  /** Default: the model of the prompt version. */
  modelId?: string;
  /** A template per prompt variable. */
  variables: Record<string, string>;
}

export interface PromptOutput {
  output: string;
  usage: { inputTokens: number; outputTokens: number };
  costUsd: string;
}

export interface PromptOpsConnection {
  /** The server's origin, without /api/v1. */
  baseUrl: string;
  apiKey: string;
  orgId: string;
}

/** PROMPTOPS_URL, PROMPTOPS_API_KEY and PROMPTOPS_ORG_ID (default: the organization exported from). */
export function connectionFromEnv(
  defaultOrgId: string,
  env: Record<string, string | undefined> = process.env,
): PromptOpsConnection {
  const url = env.PROMPTOPS_URL;
  const apiKey = env.PROMPTOPS_API_KEY;
  if (!url) throw new Error('Set PROMPTOPS_URL to the PromptOps server, e.g. https://promptops.example.com');
  if (!apiKey) throw new Error('Set PROMPTOPS_API_KEY to an API key of the organization');
  // The API lives under /api/v1 of the server origin; a path prefix is kept for reverse proxies.
  const baseUrl = url.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return { baseUrl, apiKey, orgId: env.PROMPTOPS_ORG_ID || defaultOrgId };
}

/** A model call can take minutes; a server that never answers should not hang the run forever. */
const PROMPT_TIMEOUT_MS = 10 * 60_000;

async function callApi(
  conn: PromptOpsConnection,
  nodeId: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${conn.baseUrl}/api/v1/orgs/${encodeURIComponent(conn.orgId)}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${conn.apiKey}`,
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(PROMPT_TIMEOUT_MS),
  }).catch((err: unknown) => {
    throw new NodeFailure(nodeId, `cannot reach PromptOps at ${conn.baseUrl}: ${String(err)}`);
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Not JSON (a proxy's error page): reported below with the status.
  }
  if (!res.ok) {
    const detail = parsed.detail ?? parsed.title ?? text.slice(0, 200);
    throw new NodeFailure(nodeId, `PromptOps answered ${res.status}: ${String(detail)}`);
  }
  return parsed;
}

/**
 * Renders the variables, then runs the stored prompt with `POST /orgs/{orgId}/executions`, the run
 * PromptOps' engine makes. Without a model id the prompt version's model is used: the version is
 * looked up first and then run by number, so both calls see the same version.
 */
export async function runPrompt(
  state: WorkflowState,
  nodeId: string,
  node: PromptNodeSettings,
  conn: PromptOpsConnection,
): Promise<PromptOutput> {
  const variables: Record<string, string> = {};
  for (const [name, template] of Object.entries(node.variables)) {
    variables[name] = renderTemplate(template, state, nodeId, `variables.${name}`);
  }
  let prompt = node.prompt;
  let modelId = node.modelId;
  if (modelId === undefined) {
    const selector =
      prompt.version !== undefined
        ? `?version=${prompt.version}`
        : prompt.label !== undefined
          ? `?label=${encodeURIComponent(prompt.label)}`
          : '';
    const version = await callApi(
      conn,
      nodeId,
      'GET',
      `/prompts/${encodeURIComponent(prompt.name)}${selector}`,
    );
    if (typeof version.modelId !== 'string')
      throw new NodeFailure(
        nodeId,
        `the prompt "${prompt.name}" version ${String(version.version)} has no model; set one on the prompt or the node`,
      );
    modelId = version.modelId;
    prompt = { name: prompt.name, version: Number(version.version) };
  }
  const { execution } = (await callApi(conn, nodeId, 'POST', '/executions', {
    prompt,
    modelId,
    variables,
  })) as {
    execution?: PromptOutput;
  };
  if (!execution) throw new NodeFailure(nodeId, 'PromptOps answered without an execution');
  return {
    output: execution.output,
    usage: { inputTokens: execution.usage.inputTokens, outputTokens: execution.usage.outputTokens },
    costUsd: execution.costUsd,
  };
}

// --- Tool nodes ---

export interface HttpToolSettings {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export const HTTP_TOOL_DEFAULT_TIMEOUT_MS = 10_000;
export const HTTP_TOOL_MAX_RESPONSE_BYTES = 1024 * 1024;

async function readCapped(res: Response, nodeId: string): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > HTTP_TOOL_MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new NodeFailure(nodeId, `the response is larger than ${HTTP_TOOL_MAX_RESPONSE_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The HTTP tool: url, headers and body are templates; the output is the body (parsed when the
 * response is JSON) and the status. PromptOps also applies the organization's egress policy and
 * host allow-list; here only http(s) URLs are allowed.
 */
export async function runHttpTool(
  state: WorkflowState,
  nodeId: string,
  tool: HttpToolSettings,
): Promise<{ output: unknown; status: number }> {
  const url = renderTemplate(tool.url, state, nodeId, 'url');
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new NodeFailure(nodeId, `url: not a URL: ${url}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new NodeFailure(nodeId, `url: only http and https URLs are allowed, not ${target.protocol}`);
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(tool.headers ?? {})) {
    headers[name] = renderTemplate(template, state, nodeId, `headers.${name}`);
  }
  const body = tool.body !== undefined ? renderTemplate(tool.body, state, nodeId, 'body') : undefined;
  const timeoutMs = tool.timeoutMs ?? HTTP_TOOL_DEFAULT_TIMEOUT_MS;
  let res: Response;
  let text: string;
  try {
    res = await fetch(target, {
      method: tool.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await readCapped(res, nodeId);
  } catch (err) {
    if (err instanceof NodeFailure) throw err;
    if (err instanceof Error && err.name === 'TimeoutError')
      throw new NodeFailure(nodeId, `${tool.method} ${target.host} timed out after ${timeoutMs} ms`);
    throw new NodeFailure(nodeId, `${tool.method} ${target.host} failed: ${String(err)}`);
  }
  const type = res.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) return { output: text, status: res.status };
  try {
    return { output: text ? (JSON.parse(text) as unknown) : null, status: res.status };
  } catch {
    throw new NodeFailure(nodeId, `the response says it is JSON but does not parse`);
  }
}

export interface CodeToolSettings {
  code: string;
  timeoutMs?: number;
}

export const CODE_TOOL_DEFAULT_TIMEOUT_MS = 1_000;

/**
 * The code tool: JavaScript defining `function run(state)`; the output is its return value (as
 * JSON). PromptOps runs it in a QuickJS sandbox; here it runs in a `node:vm` context with a
 * timeout, which keeps it apart from this module's variables but is not a security boundary:
 * run only code you trust.
 */
export function runCodeTool(
  state: WorkflowState,
  nodeId: string,
  tool: CodeToolSettings,
): { output: unknown } {
  const context = vm.createContext(
    { __state: JSON.stringify(state) },
    { codeGeneration: { strings: false, wasm: false } },
  );
  let result: unknown;
  try {
    // State in and result out as JSON text: the code sees plain data, never objects of this realm.
    const script = new vm.Script(
      `${tool.code}\n;JSON.stringify({ value: typeof run === 'function' ? run(JSON.parse(__state)) : undefined, defined: typeof run === 'function' })`,
      { filename: `${nodeId}.js` },
    );
    result = script.runInContext(context, { timeout: tool.timeoutMs ?? CODE_TOOL_DEFAULT_TIMEOUT_MS });
  } catch (err) {
    throw new NodeFailure(nodeId, `code: ${errorMessage(err)}`);
  }
  const { value, defined } = JSON.parse(String(result)) as { value?: unknown; defined: boolean };
  if (!defined) throw new NodeFailure(nodeId, 'code: define `function run(state)`');
  return { output: value ?? null };
}

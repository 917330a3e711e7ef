/**
 * The runtime of a workflow exported from PromptOps as a LangGraph.js project (its src/runtime.ts):
 * templates, CEL expressions, prompt calls through the PromptOps API and the HTTP and code tools.
 * The generated src/graph.ts wires these into a StateGraph. The rules are those of PromptOps'
 * own workflow engine, so an exported run gives the same output as a run in PromptOps.
 *
 * This file is copied into the project as it is: it imports nothing but Node and @bufbuild/cel.
 */
import vm from 'node:vm';
import {
  celEnv,
  celType,
  isCelError,
  parse,
  plan,
  type CelError,
  type CelInput,
  type CelValue,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';

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
 * The prompt template syntax with dotted paths: `{{input.question}}`, `{{classify.output}}`,
 * `{{a.items.0.name}}` (after the first segment, a name or an array index). `\{{` is a literal
 * `{{`, `\\{{x}}` a backslash then the value, `{{{x}}}` the value in braces, and anything else
 * between double braces stays literal text. A string is inserted as it is, any other value as JSON.
 */
const SEGMENT = String.raw`(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)`;
const PATH_TEMPLATE_TOKEN = new RegExp(
  String.raw`\\\\(?=\{\{)|\\\{\{|\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.${SEGMENT})*)\s*\}\}`,
  'g',
);
const INDEX = /^[0-9]+$/;

/** Longest rendered template, in characters. */
export const MAX_TEMPLATE_OUTPUT = 1_000_000;

/** Errors thrown inside a `node:vm` context are of another realm: not `instanceof Error`. */
function errorMessage(err: unknown): string {
  if (err !== null && typeof err === 'object' && 'message' in err) return String(err.message);
  return String(err);
}

function childOf(value: unknown, segment: string): unknown {
  if (Array.isArray(value)) return INDEX.test(segment) ? (value[Number(segment)] as unknown) : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  // Own keys only: `{{input.constructor}}` must not reach Object's prototype.
  return Object.prototype.hasOwnProperty.call(value, segment)
    ? (value as Record<string, unknown>)[segment]
    : undefined;
}

/** What a path points at in the state, or why it does not resolve. */
export function resolvePath(
  state: WorkflowState,
  path: string,
): { found: true; value: unknown } | { found: false; message: string } {
  const segments = path.split('.');
  const root = segments[0]!;
  if (!Object.prototype.hasOwnProperty.call(state, root) || state[root] === undefined)
    return { found: false, message: `there is no "${root}" (only input and the nodes that have run)` };
  let value: unknown = state[root];
  for (let i = 1; i < segments.length; i++) {
    const next = childOf(value, segments[i]!);
    if (next === undefined) {
      const parent = segments.slice(0, i).join('.');
      const what = Array.isArray(value)
        ? `${parent} is a list of ${value.length} item${value.length === 1 ? '' : 's'}`
        : value !== null && typeof value === 'object'
          ? `${parent} has no "${segments[i]}"`
          : `${parent} is ${value === null ? 'null' : typeof value === 'string' ? 'a string' : `a ${typeof value}`}, not an object`;
      return { found: false, message: what };
    }
    value = next;
  }
  return { found: true, value };
}

/**
 * Renders a template against the state. Every path that does not resolve is named in the one
 * error that fails the node.
 */
export function renderTemplate(
  template: string,
  state: WorkflowState,
  nodeId: string,
  field: string,
): string {
  let length = 0;
  const grow = (by: number) => {
    length += by;
    if (length > MAX_TEMPLATE_OUTPUT)
      throw new NodeFailure(
        nodeId,
        `${field}: the rendered text would exceed ${MAX_TEMPLATE_OUTPUT} characters`,
      );
  };
  if (!template.includes('{{')) {
    grow(template.length);
    return template;
  }
  const errors = new Map<string, string>();
  const parts: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PATH_TEMPLATE_TOKEN)) {
    const token = match[0];
    const path = match[1];
    let replacement: string;
    if (path === undefined) replacement = token === '\\\\' ? '\\' : '{{';
    else {
      const resolved = resolvePath(state, path);
      let formatted: string | undefined;
      if (!resolved.found) errors.set(path, resolved.message);
      else {
        formatted = typeof resolved.value === 'string' ? resolved.value : JSON.stringify(resolved.value);
        if (formatted === undefined) errors.set(path, 'the value cannot be written as text or JSON');
      }
      replacement = formatted ?? token;
    }
    grow(match.index - last + replacement.length);
    parts.push(template.slice(last, match.index), replacement);
    last = match.index + token.length;
  }
  grow(template.length - last);
  parts.push(template.slice(last));
  if (errors.size)
    throw new NodeFailure(nodeId, [...errors].map(([path, message]) => `${path}: ${message}`).join('; '));
  return parts.join('');
}

// --- Expressions ---

const CEL_ENV = celEnv({ funcs: strings });
const MAX_DEPTH = 200;

/**
 * A JSON value as CEL input. JSON has one number type and CEL two: a whole, safe integer is an
 * `int`, any other number a `double`, so `loop1.iteration + 1 == 3` works. Objects are maps.
 */
function toCel(value: unknown, depth: number): CelInput {
  if (depth > MAX_DEPTH) throw new Error(`The state is nested deeper than ${MAX_DEPTH} levels`);
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'number':
      return Number.isSafeInteger(value) ? BigInt(value) : value;
    case 'undefined':
    case 'function':
    case 'symbol':
      return null;
    case 'object':
      break;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item: unknown) => toCel(item, depth + 1));
  // A Map, not the object itself: keys like `__proto__` stay plain keys.
  const map = new Map<string, CelInput>();
  for (const [key, item] of Object.entries(value))
    if (item !== undefined) map.set(key, toCel(item, depth + 1));
  return map;
}

/** Parsed and planned once per expression text. */
const plans = new Map<string, ReturnType<typeof plan>>();

/** Evaluates a CEL expression over `input` and the outputs of the nodes that have run; it must return a bool. */
export function evaluateCondition(
  expression: string,
  state: WorkflowState,
  nodeId: string,
  field: string,
): boolean {
  let result: CelValue | CelError;
  try {
    let evaluate = plans.get(expression);
    if (!evaluate) {
      evaluate = plan(CEL_ENV, parse(expression));
      plans.set(expression, evaluate);
    }
    const bindings = Object.create(null) as Record<string, CelInput>;
    for (const [key, value] of Object.entries(state))
      if (value !== undefined) bindings[key] = toCel(value, 0);
    result = evaluate(bindings);
  } catch (err) {
    throw new NodeFailure(nodeId, `${field}: ${errorMessage(err)}`);
  }
  if (isCelError(result)) throw new NodeFailure(nodeId, `${field}: ${result.message}`);
  if (typeof result !== 'boolean') {
    let type: string;
    try {
      type = celType(result).name;
    } catch {
      type = typeof result;
    }
    throw new NodeFailure(nodeId, `${field}: expression returned ${type}, not a bool`);
  }
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
  if (!hasElse) throw new NodeFailure(nodeId, 'No branch matched and there is no else edge');
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
      throw new NodeFailure(
        nodeId,
        `The response is larger than ${HTTP_TOOL_MAX_RESPONSE_BYTES.toLocaleString('en-US')} bytes`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The HTTP tool: url, headers and body are templates; the output is the body (parsed when the
 * response says it is JSON and parses) and the status. Redirects are not followed: a 3xx is the
 * answer. PromptOps also applies the organization's egress policy and host allow-list; here only
 * http(s) URLs are checked.
 */
export async function runHttpTool(
  state: WorkflowState,
  nodeId: string,
  tool: HttpToolSettings,
): Promise<{ output: unknown; status: number }> {
  const url = renderTemplate(tool.url, state, nodeId, 'url');
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(tool.headers ?? {})) {
    headers[name] = renderTemplate(template, state, nodeId, `headers.${name}`);
  }
  const body = tool.body !== undefined ? renderTemplate(tool.body, state, nodeId, 'body') : undefined;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new NodeFailure(nodeId, `Not a URL: ${url.slice(0, 200)}`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new NodeFailure(nodeId, `Only http and https URLs are allowed, not ${target.protocol}`);
  const timeoutMs = tool.timeoutMs ?? HTTP_TOOL_DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await fetch(target, {
      method: tool.method,
      headers,
      ...(body !== undefined && tool.method !== 'GET' ? { body } : {}),
      redirect: 'manual',
      signal: timeout,
    });
    text = await readCapped(res, nodeId);
  } catch (err) {
    if (err instanceof NodeFailure) throw err;
    if (timeout.aborted) throw new NodeFailure(nodeId, `No answer within ${timeoutMs} ms`);
    throw new NodeFailure(nodeId, errorMessage(err));
  }
  let output: unknown = text;
  if (text && /\bjson\b/i.test(res.headers.get('content-type') ?? '')) {
    try {
      output = JSON.parse(text);
    } catch {
      // Says JSON, is not: the text as it came.
    }
  }
  return { output, status: res.status };
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

import YAML from 'yaml';
import { z } from 'zod';
import {
  ChatMessage,
  CreatePromptRequest,
  PromptName,
  PromptParams,
  PromptType,
  VariableSpec,
  VersionNumber,
  type PromptExportDocument,
} from '@promptops/contracts';
import { extractVariables, mergeVariableSpecs, TemplateError } from '@promptops/templates';

/**
 * One prompt as a file in a repository: its newest version's content, plus where its labels
 * point (read-only: pushing never moves a label). Keys are written in a fixed order so that
 * a pull followed by a push without edits changes nothing.
 */
export const PromptFile = z
  .object({
    name: PromptName,
    type: PromptType,
    description: z.string().max(2000).nullable().optional(),
    model: z.string().min(1).max(200).nullable().optional(),
    params: PromptParams.strict().optional(),
    template: z.string().optional(),
    messages: z.array(ChatMessage.strict()).min(1).max(200).optional(),
    variables: z.array(VariableSpec.strict()).max(100).optional(),
    labels: z.record(z.string(), VersionNumber).optional(),
  })
  .strict();
export type PromptFile = z.infer<typeof PromptFile>;

type ExportItem = PromptExportDocument['prompts'][number];
type ExportVersion = ExportItem['versions'][number];

/** The comparable content of a prompt: what a new version would change. */
export interface PromptContent {
  type: 'text' | 'chat';
  description: string | null;
  model: string | null;
  params: PromptParams;
  template: string | null;
  messages: ChatMessage[] | null;
  /** Only variables that carry metadata: the server detects the names from the template. */
  variables: VariableSpec[];
}

export interface FieldProblem {
  path: string;
  message: string;
}

const PARAM_ORDER = ['temperature', 'maxTokens', 'topP', 'stop'] as const;
const VARIABLE_ORDER = ['name', 'type', 'default', 'description'] as const;

function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  return out;
}

/** Variables with metadata beyond the name, in the order given. */
function declaredVariables(variables: readonly VariableSpec[] | undefined): VariableSpec[] {
  return (variables ?? [])
    .filter((v) => Object.keys(v).some((k) => k !== 'name' && v[k as keyof VariableSpec] !== undefined))
    .map((v) => ordered(v, VARIABLE_ORDER) as VariableSpec);
}

/** The newest version of an exported prompt, as the content a file holds. */
export function contentOfExport(item: ExportItem): PromptContent {
  const latest = item.versions.reduce((a, b) => (b.version > a.version ? b : a));
  return contentOf(item.type, item.description ?? null, latest);
}

function contentOf(
  type: 'text' | 'chat',
  description: string | null,
  v: Pick<ExportVersion, 'template' | 'messages' | 'model' | 'params' | 'variables'>,
): PromptContent {
  return {
    type,
    description: description ? description : null,
    model: v.model ?? null,
    params: ordered(v.params ?? {}, PARAM_ORDER),
    template: type === 'text' ? (v.template ?? '') : null,
    messages: type === 'chat' ? (v.messages ?? []).map((m) => ({ role: m.role, content: m.content })) : null,
    variables: declaredVariables(v.variables),
  };
}

export function contentOfFile(file: PromptFile): PromptContent {
  return contentOf(file.type, file.description ?? null, file);
}

/**
 * The fields in which a file differs from the server's newest version (none: nothing to push).
 * A file without a description leaves the stored one alone, as a push cannot clear it.
 */
export function changedFields(file: PromptFile, server: PromptContent): string[] {
  const local = contentOfFile(file);
  if (local.description === null || local.description === '') local.description = server.description;
  const changed: string[] = [];
  for (const key of Object.keys(local) as (keyof PromptContent)[]) {
    if (JSON.stringify(local[key] ?? null) !== JSON.stringify(server[key] ?? null)) changed.push(key);
  }
  return changed;
}

/** Where a prompt's file lives under the directory: folders become directories. */
export function promptFilePath(name: string): string {
  return `${name}.yaml`;
}

/** The YAML text of an exported prompt (its newest version and its labels). */
export function serializePromptFile(item: ExportItem): string {
  const c = contentOfExport(item);
  const labels = Object.fromEntries(
    Object.entries(item.labels ?? {})
      .filter(([label]) => label !== 'latest')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const file: Record<string, unknown> = { name: item.name, type: c.type };
  if (c.description !== null && c.description !== '') file.description = c.description;
  if (c.model !== null) file.model = c.model;
  if (Object.keys(c.params).length > 0) file.params = c.params;
  if (c.type === 'text') file.template = c.template;
  else file.messages = c.messages;
  if (c.variables.length > 0) file.variables = c.variables;
  if (Object.keys(labels).length > 0) file.labels = labels;
  // lineWidth 0: long lines are never folded, so text round-trips byte for byte.
  return YAML.stringify(file, { lineWidth: 0 });
}

export type ParsedPromptFile = { ok: true; file: PromptFile } | { ok: false; problems: FieldProblem[] };

/**
 * Parses and checks one file: YAML syntax (with the line), the schema, the template syntax
 * and the variable metadata, and that the name matches the file's place in the directory.
 */
export function parsePromptFile(text: string, expectedName: string): ParsedPromptFile {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}` : '(yaml)',
        message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  let value: unknown;
  try {
    // An alias bomb stops here instead of filling memory.
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return {
      ok: false,
      problems: [{ path: '(yaml)', message: err instanceof Error ? err.message : String(err) }],
    };
  }
  const parsed = PromptFile.safeParse(value);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const file = parsed.data;
  const problems: FieldProblem[] = [];
  if (file.name !== expectedName)
    problems.push({
      path: 'name',
      message: `"${file.name}" does not match the file's path (expected "${expectedName}")`,
    });
  // The same rules the server applies to a new version: one of template or messages, by type.
  const body = CreatePromptRequest.safeParse({
    name: file.name,
    type: file.type,
    template: file.template,
    messages: file.messages,
    params: file.params,
  });
  if (!body.success) problems.push(...zodProblems(body.error));
  else problems.push(...templateProblems(file));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, file };
}

function templateProblems(file: PromptFile): FieldProblem[] {
  try {
    mergeVariableSpecs(extractVariables(file.messages ?? file.template ?? ''), file.variables);
    return [];
  } catch (err) {
    if (err instanceof TemplateError) return err.errors;
    throw err;
  }
}

function zodProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = issue.path.map(String).join('.');
    if (keys.length > 0)
      return {
        path: keys.map((k) => (path ? `${path}.${k}` : k)).join(', '),
        message: 'Unknown field',
      };
    return { path: path || '(file)', message: issue.message };
  });
}

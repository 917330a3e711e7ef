import type {
  ChatMessage,
  CreateExecutionRequest,
  CreatePromptVersionRequest,
  Execution,
  PromptParams,
  PromptVersion,
} from '@promptops/contracts';
import { extractVariables } from '@promptops/templates';

export type ChatRole = ChatMessage['role'];

/** A chat message being edited; `key` keeps React rows (and their editors) stable on reorder. */
export interface DraftMessage extends ChatMessage {
  key: string;
}

/** Parameters as the form holds them: empty means "provider default". */
export interface DraftParams {
  temperature: number | '';
  maxTokens: number | '';
  topP: number | '';
  stop: string[];
}

/** Everything the playground edits; a saved version or a past run can be loaded into it. */
export interface PlaygroundDraft {
  type: 'text' | 'chat';
  template: string;
  messages: DraftMessage[];
  modelId: string | null;
  params: DraftParams;
  /** Variable values typed in the form (kept for names that disappear, so undo does not lose them). */
  values: Record<string, string>;
}

export const EMPTY_PARAMS: DraftParams = { temperature: '', maxTokens: '', topP: '', stop: [] };

let keySeed = 0;
export function newMessageKey(): string {
  keySeed += 1;
  return `m${keySeed}`;
}

export function toDraftMessages(messages: readonly ChatMessage[]): DraftMessage[] {
  return messages.map((m) => ({ role: m.role, content: m.content, key: newMessageKey() }));
}

export function emptyDraft(type: 'text' | 'chat', modelId: string | null = null): PlaygroundDraft {
  return {
    type,
    template: '',
    messages:
      type === 'chat'
        ? toDraftMessages([
            { role: 'system', content: 'You are a helpful assistant.' },
            { role: 'user', content: '' },
          ])
        : [],
    modelId,
    params: EMPTY_PARAMS,
    values: {},
  };
}

export function paramsToDraft(params: PromptParams | undefined): DraftParams {
  return {
    temperature: params?.temperature ?? '',
    maxTokens: params?.maxTokens ?? '',
    topP: params?.topP ?? '',
    stop: params?.stop ?? [],
  };
}

/** The API's params: only what was set. */
export function draftToParams(params: DraftParams): PromptParams {
  const out: PromptParams = {};
  if (params.temperature !== '') out.temperature = params.temperature;
  if (params.maxTokens !== '') out.maxTokens = params.maxTokens;
  if (params.topP !== '') out.topP = params.topP;
  if (params.stop.length > 0) out.stop = params.stop;
  return out;
}

export function draftFromVersion(
  version: PromptVersion,
  values: Record<string, string> = {},
): PlaygroundDraft {
  const defaults = Object.fromEntries(
    version.variables.filter((v) => v.default !== undefined).map((v) => [v.name, v.default ?? '']),
  );
  return {
    type: version.type,
    template: version.template ?? '',
    messages: toDraftMessages(version.messages ?? []),
    modelId: version.modelId,
    params: paramsToDraft(version.params),
    values: { ...defaults, ...values },
  };
}

function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Restores a past run: its variable values, model and parameters, and what it ran — the
 * template or messages as written (`input.source`, for drafts and ad-hoc runs), or the content
 * of its saved version when `version` is that version. The rendered text a run sent is never
 * put back into a saved prompt's editor: the `{{variables}}` would be lost.
 */
export function draftFromExecution(
  draft: PlaygroundDraft,
  execution: Execution,
  version: PromptVersion | null = null,
): PlaygroundDraft {
  const values = Object.fromEntries(
    Object.entries(execution.input.variables).map(([name, value]) => [name, stringify(value)]),
  );
  const next: PlaygroundDraft = {
    ...draft,
    modelId: execution.modelId ?? draft.modelId,
    params: paramsToDraft(execution.input.params),
    values: { ...draft.values, ...values },
  };
  const source = execution.input.source;
  if (source && 'template' in source) {
    next.type = 'text';
    next.template = source.template;
  } else if (source && 'messages' in source) {
    next.type = 'chat';
    next.messages = toDraftMessages(source.messages);
  } else if (
    version !== null &&
    execution.promptVersion === version.version &&
    execution.promptName === version.name
  ) {
    next.type = version.type;
    next.template = version.template ?? '';
    next.messages = toDraftMessages(version.messages ?? []);
  } else if (execution.promptName === null && version === null && execution.input.messages.length > 0) {
    // An ad-hoc run recorded before runs kept their source: what was sent is all there is. A
    // conversation with tool calls (from the OpenAI-compatible endpoint) has no draft form.
    const sent = execution.input.messages.filter(
      (m): m is ChatMessage => m.role !== 'tool' && !m.toolCalls?.length,
    );
    const only = sent[0];
    if (sent.length < execution.input.messages.length) {
      return next;
    } else if (draft.type === 'text' && sent.length === 1 && only?.role === 'user') {
      next.template = only.content;
    } else {
      next.type = 'chat';
      next.messages = toDraftMessages(sent);
    }
  }
  return next;
}

/**
 * Where a run opens: in place when it belongs to what is open (this prompt's version, a draft
 * of this prompt, or an ad-hoc run in the scratch playground); otherwise on its own page.
 */
export function runHome(
  execution: Pick<Execution, 'promptName' | 'promptVersion'>,
  open: { name: string; version: number } | null,
): { kind: 'here' } | { kind: 'prompt'; name: string; version: number | null } | { kind: 'scratch' } {
  if (execution.promptName === null) return open === null ? { kind: 'here' } : { kind: 'scratch' };
  if (open !== null && execution.promptName === open.name) {
    if (execution.promptVersion === null || execution.promptVersion === open.version) return { kind: 'here' };
  }
  return { kind: 'prompt', name: execution.promptName, version: execution.promptVersion };
}

export function draftVariables(draft: PlaygroundDraft): string[] {
  return extractVariables(draft.type === 'text' ? draft.template : draft.messages);
}

function plainMessages(messages: readonly DraftMessage[]): ChatMessage[] {
  return messages.map(({ role, content }) => ({ role, content }));
}

/** Whether the editor differs from the saved version (then a run cannot reference that version). */
export function isDraftDirty(draft: PlaygroundDraft, version: PromptVersion | null): boolean {
  if (version === null) return true;
  if (draft.type !== version.type) return true;
  if (draft.type === 'text') return draft.template !== (version.template ?? '');
  return JSON.stringify(plainMessages(draft.messages)) !== JSON.stringify(version.messages ?? []);
}

/**
 * Whether leaving would lose work: a saved prompt's text was edited, or the scratch playground
 * holds more than its empty starting point.
 */
export function hasUnsavedWork(draft: PlaygroundDraft, version: PromptVersion | null): boolean {
  if (version !== null) return isDraftDirty(draft, version);
  if (draft.type === 'text') return draft.template.trim() !== '';
  const blank = emptyDraft('chat').messages;
  return (
    draft.messages.length !== blank.length ||
    draft.messages.some((m, i) => m.role !== blank[i]?.role || m.content !== blank[i]?.content)
  );
}

/** The values of the variables the template uses (the server ignores the rest anyway). */
export function usedValues(draft: PlaygroundDraft): Record<string, string> {
  return Object.fromEntries(draftVariables(draft).map((name) => [name, draft.values[name] ?? '']));
}

/**
 * The run request. An unchanged saved version runs by reference, so the run lands in that
 * prompt's history with its version number; edited text runs as is.
 */
export function buildExecutionRequest(
  draft: PlaygroundDraft,
  saved: { name: string; version: PromptVersion } | null,
): CreateExecutionRequest {
  const base = {
    modelId: draft.modelId ?? '',
    variables: usedValues(draft),
    params: draftToParams(draft.params),
    stream: true,
  };
  if (saved && !isDraftDirty(draft, saved.version)) {
    return { ...base, prompt: { name: saved.name, version: saved.version.version } };
  }
  return draft.type === 'text'
    ? { ...base, template: draft.template }
    : { ...base, messages: plainMessages(draft.messages) };
}

/**
 * The new version's request. `baseVersion` is the version the editor started from: the server
 * refuses the save (409 with the newest version) when someone saved another one since.
 */
export function buildVersionRequest(
  draft: PlaygroundDraft,
  commitMessage: string,
  baseVersion: number | null = null,
): CreatePromptVersionRequest {
  const request: CreatePromptVersionRequest = {
    type: draft.type,
    modelId: draft.modelId,
    params: draftToParams(draft.params),
  };
  if (baseVersion !== null) request.baseVersion = baseVersion;
  if (commitMessage.trim() !== '') request.commitMessage = commitMessage.trim();
  if (draft.type === 'text') request.template = draft.template;
  else request.messages = plainMessages(draft.messages);
  return request;
}

/** The messages the token counter measures (chat) or null for a text prompt. */
export function draftMessagesForCount(draft: PlaygroundDraft): ChatMessage[] | null {
  return draft.type === 'chat' ? plainMessages(draft.messages) : null;
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

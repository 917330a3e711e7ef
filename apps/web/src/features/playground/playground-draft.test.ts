import { describe, expect, it } from 'vitest';
import type { Execution, PromptVersion } from '@promptops/contracts';
import {
  buildExecutionRequest,
  buildVersionRequest,
  draftFromExecution,
  draftFromVersion,
  draftToParams,
  draftVariables,
  emptyDraft,
  isDraftDirty,
  hasUnsavedWork,
  moveItem,
  runHome,
  toDraftMessages,
} from './playground-draft';

const version: PromptVersion = {
  id: 'v1',
  promptId: 'p1',
  name: 'support/reply',
  description: null,
  type: 'chat',
  version: 1,
  template: null,
  messages: [
    { role: 'system', content: 'You are {{persona}}.' },
    { role: 'user', content: 'Explain {{topic}}' },
  ],
  variables: [{ name: 'persona', default: 'a pirate' }, { name: 'topic' }],
  modelId: 'model-1',
  params: { temperature: 0.3, stop: ['END'] },
  commitMessage: null,
  labels: ['latest'],
  createdBy: { id: 'u1', email: 'a@example.com', apiKeyName: null },
  createdAt: '2025-01-01T00:00:00.000Z',
};

describe('draftFromVersion', () => {
  it('loads messages, params and variable defaults', () => {
    const draft = draftFromVersion(version);
    expect(draft.messages.map((m) => m.content)).toEqual(['You are {{persona}}.', 'Explain {{topic}}']);
    expect(draft.params).toEqual({ temperature: 0.3, maxTokens: '', topP: '', stop: ['END'] });
    expect(draft.values).toEqual({ persona: 'a pirate' });
    expect(draftVariables(draft)).toEqual(['persona', 'topic']);
    expect(isDraftDirty(draft, version)).toBe(false);
  });
});

describe('buildExecutionRequest', () => {
  it('runs an unchanged version by reference with the used values', () => {
    const draft = { ...draftFromVersion(version), values: { persona: 'a poet', topic: 'tides', stale: 'x' } };
    expect(buildExecutionRequest(draft, { name: version.name, version })).toEqual({
      prompt: { name: 'support/reply', version: 1 },
      modelId: 'model-1',
      variables: { persona: 'a poet', topic: 'tides' },
      params: { temperature: 0.3, stop: ['END'] },
      stream: true,
    });
  });

  it('runs edited messages as they are', () => {
    const draft = draftFromVersion(version);
    draft.messages[1] = { ...draft.messages[1]!, content: 'Summarise {{topic}}' };
    expect(isDraftDirty(draft, version)).toBe(true);
    const request = buildExecutionRequest(draft, { name: version.name, version });
    expect(request.prompt).toBeUndefined();
    expect(request.messages?.[1]).toEqual({ role: 'user', content: 'Summarise {{topic}}' });
  });

  it('runs a text scratch draft as a template', () => {
    const draft = { ...emptyDraft('text', 'm'), template: 'Hi {{x}}' };
    expect(buildExecutionRequest(draft, null)).toMatchObject({ template: 'Hi {{x}}', variables: { x: '' } });
  });
});

describe('buildVersionRequest', () => {
  it('sends the body, model, params and trimmed message', () => {
    expect(buildVersionRequest(draftFromVersion(version), '  tone down ')).toEqual({
      type: 'chat',
      modelId: 'model-1',
      params: { temperature: 0.3, stop: ['END'] },
      commitMessage: 'tone down',
      messages: version.messages,
    });
  });

  it('names the version the edit started from', () => {
    const request = buildVersionRequest(draftFromVersion(version), '', 4);
    expect(request.baseVersion).toBe(4);
    expect(request).not.toHaveProperty('commitMessage');
    expect(buildVersionRequest(draftFromVersion(version), '')).not.toHaveProperty('baseVersion');
  });
});

describe('draftFromExecution', () => {
  const execution: Execution = {
    id: 'e1',
    status: 'succeeded',
    promptName: 'support/reply',
    promptVersion: 1,
    promptVersionId: '7f1c2d7e-5b8a-4c36-9d1e-0a2b3c4d5e6f',
    source: 'playground',
    parent: null,
    experiment: null,
    finishedAt: null,
    modelId: 'model-2',
    model: 'mock-fast',
    input: {
      variables: { persona: 'a poet', topic: 'tides', n: 3 },
      messages: [{ role: 'user', content: 'Explain tides' }],
      params: { maxTokens: 50 },
    },
    output: 'Tides…',
    usage: { inputTokens: 5, outputTokens: 7 },
    costUsd: '0.000002',
    latencyMs: 120,
    ttftMs: 20,
    attempts: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
  };

  it('restores values, model and params and keeps the template of a saved prompt', () => {
    const restored = draftFromExecution(draftFromVersion(version), execution);
    expect(restored.values).toMatchObject({ persona: 'a poet', topic: 'tides', n: '3' });
    expect(restored.modelId).toBe('model-2');
    expect(restored.params.maxTokens).toBe(50);
    expect(restored.messages[0]?.content).toBe('You are {{persona}}.');
  });

  it('brings back an ad-hoc text run as the template', () => {
    const restored = draftFromExecution(emptyDraft('text'), { ...execution, promptName: null });
    expect(restored.template).toBe('Explain tides');
  });

  it('leaves the draft’s content alone for a run with tool calls, which has no draft form', () => {
    const withTools: Execution = {
      ...execution,
      promptName: null,
      promptVersion: null,
      source: 'openai',
      input: {
        ...execution.input,
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'get_weather', arguments: '{}' }] },
          { role: 'tool', content: 'Sunny', toolCallId: 'c1' },
        ],
      },
    };
    const open = { ...emptyDraft('chat'), messages: toDraftMessages([{ role: 'user', content: 'Mine' }]) };
    const restored = draftFromExecution(open, withTools);
    expect(restored.messages.map((m) => m.content)).toEqual(['Mine']);
    expect(restored.modelId).toBe('model-2');
  });

  it("restores a run's own template with its {{variables}}, never the rendered text", () => {
    const adHoc: Execution = {
      ...execution,
      promptName: null,
      promptVersion: null,
      input: { ...execution.input, source: { template: 'Explain {{topic}} briefly' } },
    };
    const open = draftFromVersion(version);
    const restored = draftFromExecution(open, adHoc, version);
    expect(restored.type).toBe('text');
    expect(restored.template).toBe('Explain {{topic}} briefly');
    // A run with no source opened over a saved prompt keeps the prompt's own messages.
    const legacy = draftFromExecution(open, { ...adHoc, input: execution.input }, version);
    expect(legacy.messages.map((m) => m.content)).toEqual(['You are {{persona}}.', 'Explain {{topic}}']);
    expect(legacy.template).toBe('');
  });

  it("restores a later version's run with that version's content", () => {
    const v2: PromptVersion = {
      ...version,
      id: 'v2',
      version: 2,
      messages: [{ role: 'user', content: 'Summarize {{topic}}' }],
    };
    const restored = draftFromExecution(draftFromVersion(version), { ...execution, promptVersion: 2 }, v2);
    expect(restored.messages.map((m) => m.content)).toEqual(['Summarize {{topic}}']);
    const chatDraft = draftFromExecution(emptyDraft('text'), {
      ...execution,
      promptVersion: null,
      input: { ...execution.input, source: { messages: [{ role: 'user', content: 'Hi {{name}}' }] } },
    });
    expect(chatDraft.type).toBe('chat');
    expect(chatDraft.messages.map((m) => m.content)).toEqual(['Hi {{name}}']);
  });
});

describe('hasUnsavedWork', () => {
  it('counts edits of a saved prompt and anything typed into the scratch playground', () => {
    const saved = draftFromVersion(version);
    expect(hasUnsavedWork(saved, version)).toBe(false);
    expect(
      hasUnsavedWork({ ...saved, messages: toDraftMessages([{ role: 'user', content: 'x' }]) }, version),
    ).toBe(true);
    expect(hasUnsavedWork(emptyDraft('chat'), null)).toBe(false);
    expect(hasUnsavedWork(emptyDraft('text'), null)).toBe(false);
    expect(hasUnsavedWork({ ...emptyDraft('text'), template: 'Hi' }, null)).toBe(true);
  });
});

describe('runHome', () => {
  const open = { name: 'support/reply', version: 2 };
  it('opens a run in place only when it belongs to what is open', () => {
    expect(runHome({ promptName: 'support/reply', promptVersion: 2 }, open)).toEqual({ kind: 'here' });
    expect(runHome({ promptName: 'support/reply', promptVersion: null }, open)).toEqual({ kind: 'here' });
    expect(runHome({ promptName: null, promptVersion: null }, null)).toEqual({ kind: 'here' });
  });

  it('sends other runs to their own page', () => {
    expect(runHome({ promptName: 'support/reply', promptVersion: 3 }, open)).toEqual({
      kind: 'prompt',
      name: 'support/reply',
      version: 3,
    });
    expect(runHome({ promptName: 'other', promptVersion: 1 }, open)).toEqual({
      kind: 'prompt',
      name: 'other',
      version: 1,
    });
    expect(runHome({ promptName: null, promptVersion: null }, open)).toEqual({ kind: 'scratch' });
  });
});

describe('helpers', () => {
  it('omits unset params', () => {
    expect(draftToParams({ temperature: 0, maxTokens: '', topP: '', stop: [] })).toEqual({ temperature: 0 });
  });

  it('moves items within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b'], 1, 2)).toEqual(['a', 'b']);
  });
});

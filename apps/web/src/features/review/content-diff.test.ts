import { describe, expect, it } from 'vitest';
import { contentDiff, type PromptContent } from './content-diff';

const production: PromptContent = {
  type: 'chat',
  template: null,
  messages: [
    { role: 'system', content: 'You are a support agent.' },
    { role: 'user', content: 'Answer {{question}}' },
  ],
  model: 'gpt-4o-mini',
  params: { temperature: 0.2 },
  variables: ['question'],
};

describe('contentDiff', () => {
  it('diffs a draft against a version: the body by lines and words, and what else changed', () => {
    const draft: PromptContent = {
      ...production,
      messages: [
        { role: 'system', content: 'You are a kind support agent.' },
        { role: 'user', content: 'Answer {{question}} for {{customer}}' },
      ],
      params: { temperature: 0.7 },
      variables: ['question', 'customer'],
    };
    const { changes, hunks } = contentDiff(production, draft);
    expect(changes.map((c) => c.field)).toEqual(['params', 'variables']);
    const lines = hunks.flatMap((h) => h.lines);
    expect(lines.filter((l) => l.op === 'add').map((l) => l.text)).toEqual([
      'You are a kind support agent.',
      'Answer {{question}} for {{customer}}',
    ]);
    const words = lines.find((l) => l.op === 'add')?.words ?? [];
    expect(words.filter((w) => w.op === 'add').map((w) => w.text.trim())).toEqual(['kind']);
  });

  it('shows everything as new when there is nothing to compare with', () => {
    const { changes, hunks } = contentDiff(null, production);
    expect(changes.map((c) => c.field)).toEqual(['type', 'model', 'params', 'variables']);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]?.lines.every((l) => l.op === 'add')).toBe(true);
  });

  it('finds nothing between equal contents', () => {
    expect(contentDiff(production, { ...production })).toEqual({ changes: [], hunks: [] });
  });
});

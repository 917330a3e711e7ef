import { describe, expect, it } from 'vitest';
import {
  changedFields,
  contentOfExport,
  parsePromptFile,
  serializePromptFile,
  type PromptFile,
} from './prompt-file.js';

const chat = {
  name: 'support/reply',
  type: 'chat' as const,
  description: 'Answers tickets',
  labels: { staging: 1, production: 2, latest: 2 },
  versions: [
    { version: 1, messages: [{ role: 'user' as const, content: 'old' }], params: {}, model: null },
    {
      version: 2,
      messages: [
        { role: 'system' as const, content: 'Line one\nLine two\n' },
        { role: 'user' as const, content: '{{ticket}}' },
      ],
      variables: [{ name: 'ticket', description: 'the ticket text' }, { name: 'unused_meta_free' }],
      // Keys in an unusual order: the file orders them.
      params: { stop: ['END'], temperature: 0.2 },
      model: 'gpt-4o-mini',
    },
  ],
};

function parsed(text: string, name = 'support/reply'): PromptFile {
  const result = parsePromptFile(text, name);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.file;
}

describe('prompt files', () => {
  it('write the newest version in a fixed key order, and read back as unchanged', () => {
    const text = serializePromptFile(chat);
    expect(text).toBe(
      [
        'name: support/reply',
        'type: chat',
        'description: Answers tickets',
        'model: gpt-4o-mini',
        'params:',
        '  temperature: 0.2',
        '  stop:',
        '    - END',
        'messages:',
        '  - role: system',
        '    content: |',
        '      Line one',
        '      Line two',
        '  - role: user',
        '    content: "{{ticket}}"',
        'variables:',
        '  - name: ticket',
        '    description: the ticket text',
        'labels:',
        '  production: 2',
        '  staging: 1',
        '',
      ].join('\n'),
    );
    expect(changedFields(parsed(text), contentOfExport(chat))).toEqual([]);
  });

  it('name each field that differs; a file without a description leaves it alone', () => {
    const file = parsed(serializePromptFile(chat).replace('temperature: 0.2', 'temperature: 0.4'));
    expect(changedFields(file, contentOfExport(chat))).toEqual(['params']);
    const noDescription = parsed(serializePromptFile(chat).replace('description: Answers tickets\n', ''));
    expect(changedFields(noDescription, contentOfExport(chat))).toEqual([]);
    const noModel = parsed(serializePromptFile(chat).replace('model: gpt-4o-mini\n', ''));
    expect(changedFields(noModel, contentOfExport(chat))).toEqual(['model']);
  });

  it('report YAML syntax errors with their line', () => {
    const result = parsePromptFile('name: a\ntype: text\ntemplate: "unclosed\n', 'a');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.path).toMatch(/^line \d+$/);
  });

  it('name every field at fault: unknown keys, wrong values, body rules, template rules, the path', () => {
    const result = parsePromptFile(
      [
        'name: other',
        'type: text',
        'params:',
        '  temprature: 1',
        'template: Hi {{name}}',
        'variables:',
        '  - name: missing',
        '    description: not in the template',
      ].join('\n'),
      'greeting',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['params.temprature']);

    const more = parsePromptFile(
      'name: other\ntype: text\ntemplate: Hi {{name}}\nvariables:\n  - name: missing\n',
      'greeting',
    );
    expect(more.ok).toBe(false);
    if (!more.ok)
      expect(more.problems).toEqual([
        { path: 'name', message: expect.stringContaining('expected "greeting"') },
        { path: 'variables.0.name', message: '{{missing}} does not appear in the template' },
      ]);

    const wrongBody = parsePromptFile('name: c\ntype: chat\ntemplate: Hi\n', 'c');
    expect(wrongBody.ok).toBe(false);
    if (!wrongBody.ok) expect(wrongBody.problems.map((p) => p.path)).toEqual(['messages', 'template']);
  });
});

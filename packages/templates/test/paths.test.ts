import { describe, expect, it } from 'vitest';
import {
  TemplateError,
  checkPathTemplate,
  extractPathRoots,
  extractPaths,
  findPathTags,
  openPathPrefix,
  renderPathTemplate,
} from '../src/index.js';

function failure(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a TemplateError');
}

const state = {
  input: { question: 'Where is my refund?', n: 4, tags: ['a', 'b'], nested: { ok: true } },
  classify: { output: 'billing', usage: { inputTokens: 10, outputTokens: 2 }, costUsd: '0.0001' },
  loop1: { iteration: 2 },
  a: { b: [{ c: 'deep' }, { c: null }] },
};

describe('extractPaths', () => {
  it('lists dotted paths in order of first appearance, once each', () => {
    expect(
      extractPaths(
        'Q: {{input.question}} / {{ classify.output }} / {{input.question}} / {{a.b.0.c}} / {{input}}',
      ),
    ).toEqual(['input.question', 'classify.output', 'a.b.0.c', 'input']);
  });

  it('skips escapes and anything that is not a path, like prompt templates do', () => {
    expect(
      extractPaths('\\{{input.x}} {{ 1abc }} {{}} {{ a b }} {{input.user-id}} {{.x}} {{input..x}} {{input.'),
    ).toEqual([]);
  });

  it('reads a double backslash as a literal backslash before a real tag, and triple braces as braces around it', () => {
    expect(extractPaths('\\\\{{input.dir}} {"q": {{{input.q}}}}')).toEqual(['input.dir', 'input.q']);
  });

  it('gives roots and tag offsets', () => {
    expect(extractPathRoots('{{input.a}} {{classify.output}} {{input.b}}')).toEqual(['input', 'classify']);
    expect(findPathTags('x {{ input.a }} {{b.0}}')).toEqual([
      { path: 'input.a', start: 2, end: 15 },
      { path: 'b.0', start: 16, end: 23 },
    ]);
  });
});

describe('renderPathTemplate', () => {
  it('inserts strings as they are and other values as JSON', () => {
    expect(
      renderPathTemplate(
        '{{input.question}} | {{input.n}} | {{input.tags}} | {{input.nested}} | {{a.b.1.c}} | {{loop1.iteration}} | {{a.b.0.c}}',
        state,
      ),
    ).toBe('Where is my refund? | 4 | ["a","b"] | {"ok":true} | null | 2 | deep');
  });

  it('inserts a whole node output as JSON', () => {
    expect(renderPathTemplate('{{loop1}}', state)).toBe('{"iteration":2}');
  });

  it('keeps escapes, literal near-tags and text without tags', () => {
    expect(renderPathTemplate('\\{{input.n}} \\\\{{input.n}} {{{input.n}}} {{ a b }} {{input.', state)).toBe(
      '{{input.n}} \\4 {4} {{ a b }} {{input.',
    );
    expect(renderPathTemplate('plain text', state)).toBe('plain text');
  });

  it('names every path that does not resolve, once', () => {
    const error = failure(() =>
      renderPathTemplate(
        '{{input.missing}} {{draft.output}} {{input.tags.5}} {{input.question.length}} {{input.missing}} {{input.tags.x}}',
        state,
      ),
    );
    expect(error.kind).toBe('invalid');
    expect(error.errors).toEqual([
      { path: 'input.missing', message: 'input has no "missing"' },
      { path: 'draft.output', message: 'there is no "draft" (only input and the nodes that have run)' },
      { path: 'input.tags.5', message: 'input.tags is a list of 2 items' },
      { path: 'input.question.length', message: 'input.question is a string, not an object' },
      { path: 'input.tags.x', message: 'input.tags is a list of 2 items' },
    ]);
    expect(error.message).toContain('input.missing: input has no "missing"');
  });

  it('does not reach prototype properties', () => {
    const error = failure(() => renderPathTemplate('{{input.constructor}} {{toString}}', state));
    expect(error.errors.map((e) => e.path)).toEqual(['input.constructor', 'toString']);
  });

  it('treats an undefined value as missing', () => {
    expect(() => renderPathTemplate('{{input.x}}', { input: { x: undefined } })).toThrow(TemplateError);
  });

  it('stops at the output limit', () => {
    const big = { input: { text: 'x'.repeat(10_000) } };
    const error = failure(() => renderPathTemplate('{{input.text}}'.repeat(200), big));
    expect(error.kind).toBe('too_large');
    expect(error.message).toContain('1,000,000 characters');
    expect(failure(() => renderPathTemplate('{{input.text}}', big, { maxLength: 100 })).kind).toBe(
      'too_large',
    );
    expect(renderPathTemplate('{{input.text}}', big, { maxLength: 10_000 })).toHaveLength(10_000);
  });

  it('reports a value that JSON cannot write', () => {
    const error = failure(() => renderPathTemplate('{{input.big}}', { input: { big: 10n } }));
    expect(error.errors[0]?.message).toBe('the value cannot be written as text or JSON');
  });
});

describe('checkPathTemplate', () => {
  it('accepts good paths and literal brace text', () => {
    for (const text of [
      '{{input.question}} {{a.b.0.c}} {{input}}',
      '{"a": {"b": 1}} {{ a b }} {{}} {{ 1abc }} {{user-name}} {{input.',
      '\\{{.x}} is escaped',
      '{{ see e.g. this }}',
      '{{> support/tone}}',
    ])
      expect(checkPathTemplate(text)).toBeNull();
  });

  it('flags mistyped paths', () => {
    expect(checkPathTemplate('{{.x}}')).toBe(
      '{{.x}} is not a valid path: it starts with a dot; begin with input or a node id',
    );
    expect(checkPathTemplate('Hi {{input..x}}')).toMatch(/empty segment/);
    expect(checkPathTemplate('{{input.}}')).toMatch(/empty segment/);
    expect(checkPathTemplate('{{ input.user-id }}')).toBe(
      '{{input.user-id}} is not a valid path: "user-id" is neither a name (letters, digits and _) nor an array index',
    );
    expect(checkPathTemplate('{{1a.b}}')).toMatch(/"1a" is not a name/);
  });
});

describe('openPathPrefix', () => {
  it('returns the partial path of an open tag', () => {
    expect(openPathPrefix('Hello {{')).toBe('');
    expect(openPathPrefix('Hello {{ input.')).toBe('input.');
    expect(openPathPrefix('Hello {{classify.out')).toBe('classify.out');
    expect(openPathPrefix('Hello \\{{input.')).toBeNull();
    expect(openPathPrefix('Hello {{input.x}}')).toBeNull();
  });
});

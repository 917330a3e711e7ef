import { describe, expect, it } from 'vitest';
import { TemplateError } from '../src/errors.js';
import { extractVariables, mergeVariableSpecs, renderMessages, renderTemplate } from '../src/index.js';

function failure(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('extractVariables', () => {
  it('lists names in first-appearance order without duplicates', () => {
    expect(extractVariables('Hi {{name}}, {{ topic }} and {{name}} again; {{_x1}}')).toEqual([
      'name',
      'topic',
      '_x1',
    ]);
  });

  it('reads chat messages in order', () => {
    expect(
      extractVariables([
        { role: 'system', content: 'You are {{persona}}.' },
        { role: 'user', content: '{{question}} (as {{ persona }})' },
      ]),
    ).toEqual(['persona', 'question']);
  });

  it('accepts any whitespace inside the braces', () => {
    expect(extractVariables('{{\tname\n}} {{   other}}')).toEqual(['name', 'other']);
  });

  it('ignores escaped tags and malformed ones', () => {
    expect(
      extractVariables('\\{{escaped}} {{ 1abc }} {{}} {{ a b }} {{user-name}} {{open and {{ok}} {{unclosed'),
    ).toEqual(['ok']);
  });

  it('finds a variable after an escaped backslash and inside triple braces', () => {
    expect(extractVariables('C:\\\\{{dir}} {"a": {{{json}}}}')).toEqual(['dir', 'json']);
  });

  it('returns nothing for text without tags', () => {
    expect(extractVariables('plain text { single } braces')).toEqual([]);
    expect(extractVariables([])).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('substitutes strings, numbers and booleans; null renders empty', () => {
    expect(
      renderTemplate('{{a}}|{{ b }}|{{c}}|{{d}}|{{a}}', { a: 'x', b: 42, c: false, d: null, unused: 'y' }),
    ).toBe('x|42|false||x');
  });

  it('renders an escaped tag as literal braces', () => {
    expect(renderTemplate('Use \\{{name}} for {{name}}', { name: 'Ada' })).toBe('Use {{name}} for Ada');
  });

  it('keeps a backslash before a variable written as \\\\{{', () => {
    expect(renderTemplate('C:\\\\{{dir}}', { dir: 'tmp' })).toBe('C:\\tmp');
  });

  it('leaves malformed tags as literal text', () => {
    const text = '{{ 1abc }} {{}} {{ a b }} {{user-name}} {{unclosed';
    expect(renderTemplate(text, {})).toBe(text);
  });

  it('fills JSON-style triple braces', () => {
    expect(renderTemplate('{"q": {{{q}}}}', { q: '"hi"' })).toBe('{"q": {"hi"}}');
  });

  it('does not re-expand tags that appear inside values', () => {
    expect(renderTemplate('{{a}} {{b}}', { a: '{{b}}', b: 'B' })).toBe('{{b}} B');
  });

  it('uses declared defaults when a value is missing, but a given value wins', () => {
    const specs = [
      { name: 'tone', default: 'friendly' },
      { name: 'lang', default: 'en' },
    ];
    expect(renderTemplate('{{tone}} / {{lang}}', { lang: 'fr' }, specs)).toBe('friendly / fr');
    expect(renderTemplate('[{{tone}}]', { tone: null }, specs)).toBe('[]');
  });

  it('names every missing variable at once', () => {
    const err = failure(() => renderTemplate('{{a}} {{b}} {{c}} {{a}}', { b: 'ok' }));
    expect(err.kind).toBe('invalid');
    expect(err.errors).toEqual([
      { path: 'variables.a', message: 'Missing value for {{a}}' },
      { path: 'variables.c', message: 'Missing value for {{c}}' },
    ]);
    expect(err.message).toContain('variables.a');
  });

  it('does not take values from the prototype chain', () => {
    const err = failure(() => renderTemplate('{{toString}} {{constructor}}', {}));
    expect(err.errors.map((e) => e.path)).toEqual(['variables.toString', 'variables.constructor']);
  });

  it('checks values against a declared number or boolean type', () => {
    const specs = [
      { name: 'n', type: 'number' as const },
      { name: 'b', type: 'boolean' as const },
    ];
    expect(renderTemplate('{{n}} {{b}}', { n: '3.5', b: 'true' }, specs)).toBe('3.5 true');
    expect(renderTemplate('{{n}} {{b}}', { n: 7, b: false }, specs)).toBe('7 false');
    const err = failure(() => renderTemplate('{{n}} {{b}}', { n: 'seven', b: 'yes' }, specs));
    expect(err.errors).toEqual([
      { path: 'variables.n', message: '{{n}} must be a number' },
      { path: 'variables.b', message: '{{b}} must be true or false' },
    ]);
  });

  it('is a single linear pass on large templates', () => {
    const text = 'Hello {{name}}! '.repeat(20_000) + '{{ unclosed '.repeat(5_000);
    const started = performance.now();
    const out = renderTemplate(text, { name: 'Ada' });
    expect(out.startsWith('Hello Ada! Hello Ada!')).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('renderMessages', () => {
  it('renders every message and keeps roles', () => {
    expect(
      renderMessages(
        [
          { role: 'system', content: 'You are {{persona}}.' },
          { role: 'user', content: 'Tell me about {{topic}}.' },
        ],
        { persona: 'a poet', topic: 'rain' },
      ),
    ).toEqual([
      { role: 'system', content: 'You are a poet.' },
      { role: 'user', content: 'Tell me about rain.' },
    ]);
  });

  it('reports the missing variables of all messages together', () => {
    const err = failure(() =>
      renderMessages(
        [
          { role: 'system', content: '{{a}}' },
          { role: 'user', content: '{{b}} {{c}}' },
        ],
        { b: 1 },
      ),
    );
    expect(err.errors.map((e) => e.path)).toEqual(['variables.a', 'variables.c']);
  });
});

describe('mergeVariableSpecs', () => {
  it('keeps template order and attaches declared metadata', () => {
    expect(
      mergeVariableSpecs(['b', 'a'], [{ name: 'a', default: 'x', type: 'string', description: 'the a' }]),
    ).toEqual([{ name: 'b' }, { name: 'a', default: 'x', type: 'string', description: 'the a' }]);
  });

  it('rejects declared variables the template does not use, and duplicates', () => {
    const err = failure(() => mergeVariableSpecs(['a'], [{ name: 'a' }, { name: 'ghost' }, { name: 'a' }]));
    expect(err.errors).toEqual([
      { path: 'variables.1.name', message: '{{ghost}} does not appear in the template' },
      { path: 'variables.2.name', message: '{{a}} is declared twice' },
    ]);
  });
});

describe('maxLength', () => {
  it('renders up to the limit exactly', () => {
    expect(renderTemplate('ab{{x}}', { x: 'cd' }, undefined, { maxLength: 4 })).toBe('abcd');
    expect(
      renderMessages([{ content: 'ab' }, { content: '{{x}}' }], { x: 'cd' }, undefined, { maxLength: 4 }),
    ).toEqual([{ content: 'ab' }, { content: 'cd' }]);
  });

  it('refuses one character more, naming the template or the message', () => {
    const text = failure(() => renderTemplate('ab{{x}}!', { x: 'cd' }, undefined, { maxLength: 4 }));
    expect(text.kind).toBe('too_large');
    expect(text.errors).toEqual([
      { path: 'template', message: 'The rendered prompt would exceed 4 characters' },
    ]);
    const chat = failure(() =>
      renderMessages([{ content: 'ab' }, { content: 'c{{x}}' }], { x: 'de' }, undefined, { maxLength: 4 }),
    );
    expect(chat.errors.map((e) => e.path)).toEqual(['messages.1.content']);
  });

  it('stops early instead of building a huge string first', () => {
    // 40,000 tags × a 10 kB value would be 400 MB; the limit is hit after ~100 substitutions.
    const template = '{{a}}'.repeat(40_000);
    const value = 'x'.repeat(10_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const err = failure(() => renderTemplate(template, { a: value }, undefined, { maxLength: 1_000_000 }));
    expect(err.kind).toBe('too_large');
    expect(performance.now() - started).toBeLessThan(200);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });
});

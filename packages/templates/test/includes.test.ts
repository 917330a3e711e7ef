import { describe, expect, it } from 'vitest';
import {
  expandIncludes,
  expandSourceIncludes,
  extractVariables,
  findIncludes,
  findIncludeTags,
  formatInclude,
  hasIncludes,
  parseIncludeTarget,
  renderTemplate,
  TemplateError,
  type IncludeResolver,
} from '../src/index.js';

describe('parsing include tags', () => {
  it('reads latest, label and version references with folders and spaces', () => {
    expect(parseIncludeTarget('{{> support/tone}}')).toEqual({ name: 'support/tone' });
    expect(parseIncludeTarget('{{>support/tone@production}}')).toEqual({
      name: 'support/tone',
      label: 'production',
    });
    expect(parseIncludeTarget('{{>  a.b_c-d#12  }}')).toEqual({ name: 'a.b_c-d', version: 12 });
    expect(parseIncludeTarget(' x@latest ')).toEqual({ name: 'x' });
  });

  it('refuses what is not a reference', () => {
    for (const bad of [
      '',
      ' ',
      '/x',
      'x/',
      'a b',
      'x@Prod',
      'x#0',
      'x#-1',
      'x#1.5',
      'x@a#1',
      'x#99999999999',
    ])
      expect(parseIncludeTarget(bad), bad).toBeNull();
  });

  it('gives each tag its offsets and flags malformed ones instead of ignoring them', () => {
    const text = 'A {{> a}} B {{> b@prod}} C {{>  }} D';
    expect(findIncludeTags(text)).toEqual([
      { text: '{{> a}}', start: 2, end: 9, target: { name: 'a' } },
      { text: '{{> b@prod}}', start: 12, end: 24, target: { name: 'b', label: 'prod' } },
      {
        text: '{{>  }}',
        start: 27,
        end: 34,
        target: null,
        error: '{{>  }} is not a valid include: use {{> name}}, {{> name@label}} or {{> name#version}}',
      },
    ]);
  });

  it('skips escaped tags; a double backslash is a literal backslash before a real include', () => {
    expect(findIncludeTags('\\{{> a}}')).toEqual([]);
    expect(findIncludeTags('\\\\{{> a}}').map((t) => t.target)).toEqual([{ name: 'a' }]);
  });

  it('names the field of each include in a chat prompt', () => {
    const refs = findIncludes([{ content: 'hi' }, { content: 'x {{> a#2}}' }]);
    expect(refs.map((r) => [r.path, r.target])).toEqual([['messages.1.content', { name: 'a', version: 2 }]]);
    expect(findIncludes('{{> a}}')[0]!.path).toBe('template');
    expect(hasIncludes([{ content: 'no' }, { content: '{{> a}}' }])).toBe(true);
    expect(hasIncludes('{{>}} is not a tag {{ x }}')).toBe(true);
    expect(hasIncludes('plain {{x}}')).toBe(false);
  });

  it('formats targets canonically', () => {
    expect(formatInclude({ name: 'a/b' })).toBe('{{> a/b}}');
    expect(formatInclude({ name: 'a', label: 'prod' })).toBe('{{> a@prod}}');
    expect(formatInclude({ name: 'a', version: 3 })).toBe('{{> a#3}}');
  });

  it('is never a variable', () => {
    expect(extractVariables('{{> tone}} {{ name }} {{>tone@prod}}')).toEqual(['name']);
    // Unexpanded, an include renders as the literal tag (runs expand before rendering).
    expect(renderTemplate('{{> tone}} {{name}}', { name: 'x' })).toBe('{{> tone}} x');
  });
});

/** A resolver over an in-memory set of prompts: name → version → template. */
function resolverOf(prompts: Record<string, string[]>, labels: Record<string, number> = {}): IncludeResolver {
  return (target) => {
    const versions = prompts[target.name];
    if (!versions) throw new Error(`no prompt ${target.name}`);
    const n = target.version ?? (target.label ? labels[`${target.name}@${target.label}`]! : versions.length);
    return { key: `${target.name}#${n}`, text: versions[n - 1]! };
  };
}

describe('expanding includes', () => {
  it('inserts latest, labelled and numbered versions, recursively', async () => {
    const resolve = resolverOf(
      { tone: ['Be kind.', 'Be brief, {{name}}. {{> sig}}'], sig: ['— the team'] },
      { 'tone@prod': 1 },
    );
    expect(await expandIncludes('[{{> tone}}] [{{> tone@prod}}] [{{> tone#1}}]', resolve)).toBe(
      '[Be brief, {{name}}. — the team] [Be kind.] [Be kind.]',
    );
  });

  it('keeps escapes for the renderer, so included variables become the prompt’s variables', async () => {
    const resolve = resolverOf({ part: ['Hello {{who}} \\{{lit}}'] });
    const expanded = await expandIncludes('\\{{> part}} {{> part}}', resolve);
    expect(expanded).toBe('\\{{> part}} Hello {{who}} \\{{lit}}');
    expect(extractVariables(expanded)).toEqual(['who']);
    expect(renderTemplate(expanded, { who: 'Ann' })).toBe('{{> part}} Hello Ann {{lit}}');
  });

  it('reports a cycle with the chain, including a prompt that includes itself', async () => {
    const resolve = resolverOf({ a: ['A {{> b}}'], b: ['B {{> a}}'] });
    const err = await expandIncludes('{{> a}}', resolve).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).errors).toEqual([
      { path: 'template', message: 'Include cycle: this prompt → {{> a}} → {{> b}} → {{> a}}' },
    ]);
    const self = await expandIncludes('{{> a}}', resolverOf({ a: ['x'] }), { rootKey: 'a#1' }).catch(
      (e: unknown) => e,
    );
    expect((self as TemplateError).errors[0]!.message).toBe('Include cycle: this prompt → {{> a}}');
  });

  it('allows the same prompt twice side by side (a diamond is not a cycle)', async () => {
    const resolve = resolverOf({ a: ['{{> c}}{{> c}}'], c: ['c'] });
    expect(await expandIncludes('{{> a}}-{{> c}}', resolve)).toBe('cc-c');
  });

  it('stops at the depth limit', async () => {
    const chain: Record<string, string[]> = {};
    for (let i = 0; i < 12; i++) chain[`p${i}`] = [i < 11 ? `{{> p${i + 1}}}` : 'end'];
    const resolve = resolverOf(chain);
    expect(await expandIncludes('{{> p0}}', resolve, { maxDepth: 12 })).toBe('end');
    const err = (await expandIncludes('{{> p0}}', resolve).catch((e: unknown) => e)) as TemplateError;
    expect(err.errors[0]!.message).toMatch(
      /^Includes nest deeper than 10 levels: this prompt → \{\{> p0\}\}/,
    );
  });

  it('rejects a malformed tag and passes resolver errors through', async () => {
    const bad = (await expandIncludes('x {{> a b}}', resolverOf({})).catch(
      (e: unknown) => e,
    )) as TemplateError;
    expect(bad.errors[0]!.message).toContain('is not a valid include');
    await expect(expandIncludes('{{> nope}}', resolverOf({}))).rejects.toThrow('no prompt nope');
  });

  it('expands each message with its own path', async () => {
    const resolve = resolverOf({ a: ['A'], loop: ['{{> loop}}'] });
    expect(
      await expandSourceIncludes(
        {
          template: null,
          messages: [
            { role: 'system', content: '{{> a}}!' },
            { role: 'user', content: 'q' },
          ],
        },
        resolve,
      ),
    ).toEqual({
      template: null,
      messages: [
        { role: 'system', content: 'A!' },
        { role: 'user', content: 'q' },
      ],
    });
    const err = (await expandSourceIncludes(
      { template: null, messages: [{ content: 'ok' }, { content: '{{> loop}}' }] },
      resolve,
    ).catch((e: unknown) => e)) as TemplateError;
    expect(err.errors[0]!.path).toBe('messages.1.content');
  });
});

import { describe, expect, it } from 'vitest';
import {
  extractVariables,
  findVariableTags,
  missingVariables,
  openTagPrefix,
  renderPreview,
} from '../src/index.js';

describe('extractVariables as the editor uses it', () => {
  it('finds names in order of first appearance, once each', () => {
    expect(extractVariables('Hi {{name}}, about {{ topic }} and {{name}} again')).toEqual(['name', 'topic']);
  });

  it('ignores escaped braces and anything that is not a valid name', () => {
    expect(extractVariables('\\{{literal}} {{ 1abc }} {{}} {{ a b }} {{user-name}} {{open')).toEqual([]);
  });

  it('treats a double backslash as a literal backslash before a real tag', () => {
    expect(extractVariables('path \\\\{{dir}}')).toEqual(['dir']);
  });

  it('reads triple braces as braces around a tag', () => {
    expect(extractVariables('{"q": {{{query}}}}')).toEqual(['query']);
  });

  it('collects across chat messages', () => {
    expect(
      extractVariables([
        { content: 'You are {{persona}}.' },
        { content: 'Tell me about {{topic}} as {{persona}}' },
      ]),
    ).toEqual(['persona', 'topic']);
  });
});

describe('findVariableTags', () => {
  it('gives each tag its offsets', () => {
    expect(findVariableTags('a {{ x }} b {{y}}')).toEqual([
      { name: 'x', start: 2, end: 9 },
      { name: 'y', start: 12, end: 17 },
    ]);
  });

  it('skips escaped tags', () => {
    expect(findVariableTags('\\{{x}}')).toEqual([]);
  });
});

describe('renderPreview', () => {
  it('fills known values and keeps unknown tags', () => {
    expect(renderPreview('{{a}} and {{ b }}', { a: 'one' })).toBe('one and {{ b }}');
  });

  it('unescapes literal braces like the server', () => {
    expect(renderPreview('\\{{a}} {{a}}', { a: 'x' })).toBe('{{a}} x');
  });
});

describe('missingVariables', () => {
  it('lists names without a non-empty value', () => {
    expect(missingVariables(['a', 'b', 'c'], { a: 'x', b: '' })).toEqual(['b', 'c']);
  });
});

describe('openTagPrefix', () => {
  it('detects an open tag with or without a partial name', () => {
    expect(openTagPrefix('Hello {{')).toBe('');
    expect(openTagPrefix('Hello {{ to')).toBe('to');
  });

  it('is null outside a tag and after an escape', () => {
    expect(openTagPrefix('Hello {{name}}')).toBeNull();
    expect(openTagPrefix('Hello \\{{')).toBeNull();
    expect(openTagPrefix('Hello \\\\{{')).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { promptPagePath } from './prompt-paths';

describe('promptPagePath', () => {
  it('keeps folders as path segments and adds an optional version', () => {
    expect(promptPagePath('o1', 'support/email/reply')).toBe('/orgs/o1/prompts/support/email/reply');
    expect(promptPagePath('o1', 'a.b_c-d', 3)).toBe('/orgs/o1/prompts/a.b_c-d?version=3');
  });
});

import { describe, expect, it } from 'vitest';
import type { PromptSummary } from '@promptops/contracts';
import { baseName, breadcrumbsFor, buildFolderView, folderOf, normalizeFolder } from './folder-tree';

const prompt = (name: string, description: string | null = null): PromptSummary => ({
  id: name,
  name,
  description,
  type: 'text',
  latestVersion: 1,
  labels: {},
  updatedAt: '2025-01-01T00:00:00.000Z',
});

const all = [
  prompt('welcome'),
  prompt('support/email/reply', 'Answers a customer'),
  prompt('support/email/escalate'),
  prompt('support/triage'),
  prompt('agents/planner'),
];

describe('buildFolderView', () => {
  it('shows top-level folders with counts and root prompts', () => {
    const view = buildFolderView(all, '');
    expect(view.folders).toEqual([
      { name: 'agents', folder: 'agents', promptCount: 1 },
      { name: 'support', folder: 'support', promptCount: 3 },
    ]);
    expect(view.prompts.map((p) => p.name)).toEqual(['welcome']);
    expect(view.breadcrumbs).toEqual([{ label: 'All prompts', folder: '' }]);
  });

  it('shows a nested folder', () => {
    const view = buildFolderView(all, '/support/');
    expect(view.folder).toBe('support');
    expect(view.folders).toEqual([{ name: 'email', folder: 'support/email', promptCount: 2 }]);
    expect(view.prompts.map((p) => p.name)).toEqual(['support/triage']);
  });

  it('does not treat a name prefix as a folder', () => {
    const view = buildFolderView([prompt('supporting'), prompt('support/a')], 'support');
    expect(view.prompts.map((p) => p.name)).toEqual(['support/a']);
  });

  it('lists search matches flat, by name or description, within the folder', () => {
    expect(buildFolderView(all, '', 'e').prompts.map((p) => p.name)).toEqual([
      'agents/planner',
      'support/email/escalate',
      'support/email/reply',
      'support/triage',
      'welcome',
    ]);
    expect(buildFolderView(all, 'support', 'CUSTOMER').prompts.map((p) => p.name)).toEqual([
      'support/email/reply',
    ]);
    expect(buildFolderView(all, 'support', 'x').folders).toEqual([]);
  });
});

describe('paths', () => {
  it('splits names into folder and base name', () => {
    expect(folderOf('a/b/c')).toBe('a/b');
    expect(folderOf('c')).toBe('');
    expect(baseName('a/b/c')).toBe('c');
    expect(normalizeFolder('//a//b/')).toBe('a/b');
  });

  it('builds breadcrumbs', () => {
    expect(breadcrumbsFor('a/b')).toEqual([
      { label: 'All prompts', folder: '' },
      { label: 'a', folder: 'a' },
      { label: 'b', folder: 'a/b' },
    ]);
  });
});
